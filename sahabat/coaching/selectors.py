"""Reads for coaching, scoped to the caller's regions; indicators count outcomes with `outcome_count`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.coaching.models import Outcome, Participant, Programme, Session
from sahabat.regions.models import Region
from sahabat.regions.selectors import districts_of
from sahabat.registry.models import Enterprise
from sahabat.registry.selectors import EnterpriseFilters, enterprise_list

SEARCH_WORDS = 6
CANDIDATES_SHOWN = 10


def programmes_for(actor: Actor, permission: str = Perm.COACHING_VIEW) -> QuerySet[Programme]:
    """The scoping entry point: programmes in the regions where the actor holds `permission`."""
    return restrict(Programme, actor, permission).select_related("region")


@dataclass(frozen=True)
class ProgrammeFilters:
    search: str = ""
    type: str = ""
    year: int | None = None


def programme_list(
    *, actor: Actor, region: Region, filters: ProgrammeFilters = ProgrammeFilters()
) -> QuerySet:
    """The region's programmes, newest first, with their numbers of sessions, participants and outcomes."""
    programmes = programmes_for(actor).filter(region=region)
    for word in filters.search.split()[:SEARCH_WORDS]:
        programmes = programmes.filter(
            Q(name__icontains=word) | Q(organiser__icontains=word) | Q(partner__icontains=word)
        )
    if filters.type:
        programmes = programmes.filter(type=filters.type)
    if filters.year:
        programmes = programmes.filter(starts_on__year=filters.year)
    return programmes.annotate(
        session_count=Count("sessions", distinct=True),
        participant_count=Count("participants", distinct=True),
        outcome_count=Count("participants__outcomes", distinct=True),
    ).order_by("-starts_on", "-pk")


def programme_years(*, actor: Actor, region: Region) -> list[int]:
    return sorted(
        {day.year for day in programmes_for(actor).filter(region=region).values_list("starts_on", flat=True)},
        reverse=True,
    )


def programme_get(*, actor: Actor, programme_id: int, permission: str = Perm.COACHING_VIEW) -> Programme:
    """One programme the actor may see (or manage); Programme.DoesNotExist for anyone else's."""
    return programmes_for(actor, permission).get(pk=programme_id)


def session_list(*, actor: Actor, programme: Programme) -> QuerySet[Session]:
    return restrict(Session, actor, Perm.COACHING_VIEW).filter(programme=programme).select_related("district")


def session_get(*, actor: Actor, session_id: int, permission: str = Perm.COACHING_VIEW) -> Session:
    return (
        restrict(Session, actor, permission)
        .select_related("programme", "programme__region")
        .get(pk=session_id)
    )


def participant_list(*, actor: Actor, programme: Programme, search: str = "") -> QuerySet[Participant]:
    """The programme's participants with their outcomes, by business name."""
    participants = restrict(Participant, actor, Perm.COACHING_VIEW).filter(programme=programme)
    for word in search.split()[:SEARCH_WORDS]:
        participants = participants.filter(
            Q(enterprise__name__icontains=word) | Q(enterprise__brand__icontains=word)
        )
    return participants.select_related(
        "enterprise", "enterprise__village", "enterprise__district"
    ).prefetch_related(Prefetch("outcomes", queryset=Outcome.unscoped.order_by("achieved_on", "pk")))


def participant_get(
    *, actor: Actor, participant_id: int, permission: str = Perm.COACHING_VIEW
) -> Participant:
    return (
        restrict(Participant, actor, permission)
        .select_related("programme", "programme__region", "enterprise")
        .get(pk=participant_id)
    )


def outcome_get(*, actor: Actor, outcome_id: int, permission: str = Perm.COACHING_VIEW) -> Outcome:
    return (
        restrict(Outcome, actor, permission)
        .select_related("participant", "participant__programme", "participant__enterprise")
        .get(pk=outcome_id)
    )


def outcome_list(
    *, actor: Actor, region: Region, since: date | None = None, until: date | None = None, type: str = ""
) -> QuerySet[Outcome]:
    """Outcomes achieved in the region's programmes, optionally of one type and within dates (inclusive)."""
    outcomes = restrict(Outcome, actor, Perm.COACHING_VIEW).filter(participant__programme__region=region)
    if since:
        outcomes = outcomes.filter(achieved_on__gte=since)
    if until:
        outcomes = outcomes.filter(achieved_on__lte=until)
    if type:
        outcomes = outcomes.filter(type=type)
    return outcomes.select_related("participant__enterprise", "participant__programme")


def outcome_count(*, actor: Actor, region: Region, since: date, until: date, type: str = "") -> int:
    """How many outcomes were achieved between two dates (inclusive); what the coaching indicators count."""
    return outcome_list(actor=actor, region=region, since=since, until=until, type=type).count()


def outcome_totals(*, actor: Actor, programme: Programme) -> list[tuple[str, str, int]]:
    """(type, label, count) for every kind of outcome in one programme, zeros included."""
    counts = dict(
        restrict(Outcome, actor, Perm.COACHING_VIEW)
        .filter(participant__programme=programme)
        .values_list("type")
        .annotate(total=Count("pk"))
    )
    return [(value, label, counts.get(value, 0)) for value, label in Outcome.Type.choices]


@dataclass(frozen=True)
class CoachingSummary:
    programmes: int
    enterprises: int
    outcomes: list[tuple[str, str, int]]


def coaching_summary(*, actor: Actor, region: Region) -> CoachingSummary:
    """Headline figures of the region's coaching: programmes, enterprises coached and outcomes by type."""
    counts = dict(
        restrict(Outcome, actor, Perm.COACHING_VIEW)
        .filter(participant__programme__region=region)
        .values_list("type")
        .annotate(total=Count("pk"))
    )
    return CoachingSummary(
        programmes=programmes_for(actor).filter(region=region).count(),
        enterprises=restrict(Participant, actor, Perm.COACHING_VIEW)
        .filter(programme__region=region)
        .values("enterprise")
        .distinct()
        .count(),
        outcomes=[(value, label, counts.get(value, 0)) for value, label in Outcome.Type.choices],
    )


def participant_candidates(*, actor: Actor, programme: Programme, search: str) -> list[Enterprise]:
    """Active enterprises of the programme's region matching the search, not yet taking part."""
    if not search.strip():
        return []
    enterprises = enterprise_list(
        actor=actor, region=programme.region, filters=EnterpriseFilters(search=search, status="active")
    )
    taking_part = Participant.objects.with_scope(region=programme.region_id).filter(
        programme=programme, enterprise=OuterRef("pk")
    )
    return list(enterprises.exclude(Exists(taking_part))[:CANDIDATES_SHOWN])


def session_districts(*, programme: Programme) -> QuerySet[Region]:
    return districts_of(programme.region).order_by("name")
