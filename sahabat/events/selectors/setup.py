"""Reads for event set-up: the region's events, their zones, booths, participants and device tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, F, FilteredRelation, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import ApiToken
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.core.errors import PermissionDenied
from sahabat.events.models import Booth, Event, Participation, Zone
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise

INVITE_CANDIDATES_LIMIT = 20
# Words beyond this add little to a name search and only make the query longer.
SEARCH_WORDS = 6


class EventPhase:
    UPCOMING = "upcoming"
    WINDOW = "window"
    MAIN_DAYS = "main_days"
    FINISHED = "finished"

    LABELS = {
        UPCOMING: _("Upcoming"),
        WINDOW: _("Reporting window"),
        MAIN_DAYS: _("Main days"),
        FINISHED: _("Finished"),
    }


def event_today(event: Event) -> date:
    """Today's date where the event happens: the day boundaries of the window are the region's."""
    return timezone.localdate(timezone=event.region.tzinfo)


def event_phase(event: Event, *, today: date | None = None) -> str:
    """Where the event stands today: before its window, in the window, on its main days, or over."""
    today = today or event_today(event)
    if today < event.window_start:
        return EventPhase.UPCOMING
    if today > event.window_end:
        return EventPhase.FINISHED
    if event.main_start <= today <= event.main_end:
        return EventPhase.MAIN_DAYS
    return EventPhase.WINDOW


def events_for(actor: Actor, permission: str = Perm.EVENTS_VIEW) -> QuerySet[Event]:
    """The scoping entry point: events in the regions where the actor holds `permission`."""
    return restrict(Event, actor, permission).select_related("region")


def event_list(*, actor: Actor, region: Region | None = None, search: str = "") -> QuerySet[Event]:
    """Events newest first: those of `region`, or of every region where the actor may view events."""
    if region is not None:
        actor.require(Perm.EVENTS_VIEW, region.pk)
    elif not (actor.is_superuser or actor.region_ids_with(Perm.EVENTS_VIEW)):
        raise PermissionDenied("auth.forbidden", _("Your role in this region does not allow this action."))
    events = events_for(actor)
    if region is not None:
        events = events.filter(region=region)
    for word in search.split()[:SEARCH_WORDS]:
        events = events.filter(Q(name__icontains=word) | Q(venue__icontains=word))
    return events.order_by("-main_start", "-pk")


def events_in_period(*, actor: Actor, region: Region, since: date, until: date) -> QuerySet[Event]:
    """The region's published events whose reporting window overlaps the dates (both included)."""
    actor.require(Perm.EVENTS_VIEW, region.pk)
    return (
        events_for(actor)
        .filter(
            region=region,
            status=Event.Status.PUBLISHED,
            window_start__lte=until,
            window_end__gte=since,
        )
        .order_by("main_start", "pk")
    )


def event_get(*, actor: Actor, event_id: int, permission: str = Perm.EVENTS_VIEW) -> Event:
    """One event the actor may see (or manage); Event.DoesNotExist for anyone else's."""
    return events_for(actor, permission).get(pk=event_id)


@dataclass(frozen=True)
class EventSetupSummary:
    zones: int
    booths: int
    approved: int
    invited: int
    devices: int


def event_setup_summary(*, actor: Actor, event: Event) -> EventSetupSummary:
    participations = (
        restrict(Participation, actor, Perm.EVENTS_VIEW)
        .filter(event=event)
        .aggregate(
            approved=Count("pk", filter=Q(status=Participation.Status.APPROVED)),
            invited=Count("pk", filter=Q(status=Participation.Status.INVITED)),
        )
    )
    return EventSetupSummary(
        zones=zone_list(actor=actor, event=event).count(),
        booths=restrict(Booth, actor, Perm.EVENTS_VIEW).filter(event=event).count(),
        approved=participations["approved"],
        invited=participations["invited"],
        devices=device_token_list(actor=actor, event=event).filter(revoked_at__isnull=True).count(),
    )


def zone_list(*, actor: Actor, event: Event) -> QuerySet[Zone]:
    return (
        restrict(Zone, actor, Perm.EVENTS_VIEW)
        .filter(event=event)
        .annotate(booth_count=Count("booths"))
        .order_by("code")
    )


def booth_list(
    *,
    actor: Actor,
    event: Event,
    zone_id: int | None = None,
    search: str = "",
    permission: str = Perm.EVENTS_VIEW,
) -> QuerySet[Booth]:
    """Booths in code order, each with the enterprise approved for it (at most one, by constraint)."""
    booths = (
        restrict(Booth, actor, permission)
        .filter(event=event)
        .select_related("zone")
        .annotate(
            approved=FilteredRelation(
                "participations", condition=Q(participations__status=Participation.Status.APPROVED)
            ),
            enterprise_id=F("approved__enterprise_id"),
            enterprise_name=F("approved__enterprise__name"),
            enterprise_region=F("approved__enterprise__region__name"),
        )
        .order_by("code")
    )
    if zone_id:
        booths = booths.filter(zone_id=zone_id)
    if search:
        booths = booths.filter(Q(code__icontains=search) | Q(approved__enterprise__name__icontains=search))
    return booths


def booths_for_recording(*, actor: Actor, event_id: int) -> QuerySet[Booth]:
    """The booth list a cashier device needs; a token bound to another event sees none of this one."""
    if actor.token_event_id is not None and actor.token_event_id != event_id:
        raise Event.DoesNotExist
    event = event_get(actor=actor, event_id=event_id, permission=Perm.SALES_RECORD)
    return booth_list(actor=actor, event=event, permission=Perm.SALES_RECORD)


def booth_by_code(*, actor: Actor, event: Event, code: str) -> Booth | None:
    """The booth typed by its code, in any letter case; None when the event has no such booth."""
    return restrict(Booth, actor, Perm.EVENTS_VIEW).filter(event=event, code__iexact=code.strip()).first()


def free_booth_codes(*, actor: Actor, event: Event) -> list[str]:
    """Codes of booths no enterprise is approved for yet: the choices when approving."""
    free = booth_list(actor=actor, event=event).filter(enterprise_id__isnull=True)
    return list(free.values_list("code", flat=True))


def participation_list(*, actor: Actor, event: Event, status: str = "") -> QuerySet[Participation]:
    participations = (
        restrict(Participation, actor, Perm.EVENTS_VIEW)
        .filter(event=event)
        .select_related("enterprise__region", "booth__zone")
        .order_by("status", "enterprise__name")
    )
    if status:
        participations = participations.filter(status=status)
    return participations


def participation_get(*, actor: Actor, event: Event, participation_id: int) -> Participation:
    return participation_list(actor=actor, event=event).get(pk=participation_id)


def invite_candidates(*, actor: Actor, event: Event, search: str) -> list[Enterprise]:
    """Active enterprises of any tenant region whose name matches, not yet invited to the event.

    A host invites UMKM of partner regions as well as its own, so this reads beyond the actor's
    regions; it reads only an enterprise's public face (name, brand, sector, region), the same as
    the public catalogue, never its owner. The host's own enterprises come first.
    """
    actor.require(Perm.EVENTS_MANAGE, event.region_id)
    words = search.split()[:SEARCH_WORDS]
    if not words:
        return []
    enterprises = (
        Enterprise.objects.with_scopes_disabled()
        .filter(status=Enterprise.Status.ACTIVE, region__level=Region.Level.REGENCY)
        .exclude(participations__event=event)
        .select_related("region")
        .only("name", "brand", "sector", "region__name", "region__code")
    )
    for word in words:
        enterprises = enterprises.filter(Q(name__icontains=word) | Q(brand__icontains=word))
    host_first = Case(When(region_id=event.region_id, then=Value(0)), default=Value(1))
    return list(enterprises.order_by(host_first, "name", "pk")[:INVITE_CANDIDATES_LIMIT])


def device_token_list(*, actor: Actor, event: Event) -> QuerySet[ApiToken]:
    """Device tokens bound to the event, newest first; live ones are the devices that may record."""
    return restrict(ApiToken, actor, Perm.EVENTS_VIEW).filter(event=event).select_related("created_by")
