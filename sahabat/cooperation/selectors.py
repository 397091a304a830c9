"""Reads for cooperation: agreements and what hangs off them, practices, adoptions, notifications,
and the partner-access rule that the rest of the platform asks through `aggregate_region_ids`.

Agreements are scoped through their parties. A reader holding roles in two party regions would
meet an agreement once per party in a scoped query, so lists are `.distinct()`, and the records of
one agreement are read in the scope of a single party region (`_reading_scope`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import partner_region_ids, restrict
from sahabat.cooperation.models import (
    ActionComment,
    ActionEvidence,
    ActionItem,
    Adoption,
    AdoptionMilestone,
    Agreement,
    AgreementDocument,
    AgreementParty,
    MonitoringReport,
    Notification,
    Practice,
    PracticeDocument,
    active_on,
)
from sahabat.regions.models import Region

# Agreements are documents between regions that may sit in different time zones; their dates are
# read in WIB, where the national government dates its own acts, so that every party agrees on
# which day an agreement starts and ends.
AGREEMENT_ZONE = ZoneInfo("Asia/Jakarta")


def cooperation_today() -> date:
    return timezone.localdate(timezone=AGREEMENT_ZONE)


def half_of(day: date) -> tuple[int, int]:
    """(year, half) of a day: monitoring is reported per half-year."""
    return day.year, 1 if day.month <= 6 else 2


# Partner access ------------------------------------------------------------------------------


def partner_regions(actor: Actor, *, today: date | None = None) -> frozenset[int]:
    """Regions sharing an agreement in force today with a region where the actor follows cooperation.

    Registered in PARTNER_ACCESS_PROVIDERS: it is the only way a partner reads another region's
    aggregates. Only people who follow cooperation in their own region (admins, officers, viewers)
    get it; a booth cashier or an UMKM owner gains nothing from their region's agreements.
    """
    own = actor.region_ids_with(Perm.COOPERATION_VIEW)
    if not own:
        return frozenset()
    regions = (
        AgreementParty.objects.with_scope(region=sorted(own))
        .filter(active_on(today or cooperation_today(), prefix="agreement__"))
        .exclude(region_id__in=own)
        .values_list("region_id", flat=True)
    )
    return frozenset(regions)


def partner_region_list(*, actor: Actor, region: Region) -> QuerySet[Region]:
    """The regions sharing an agreement in force with `region` whose aggregates the actor may read."""
    parties = (
        AgreementParty.objects.with_scope(region=region.pk)
        .filter(active_on(cooperation_today(), prefix="agreement__"))
        .exclude(region=region)
    )
    regions = Region.objects.filter(pk__in=parties.values("region_id"))
    if not actor.is_superuser:
        regions = regions.filter(pk__in=partner_region_ids(actor))
    return regions.order_by("name")


def is_partner(*, actor: Actor, region: Region) -> bool:
    return actor.is_superuser or region.pk in partner_region_ids(actor)


# Agreements ----------------------------------------------------------------------------------


def agreements_for(actor: Actor) -> QuerySet[Agreement]:
    return restrict(Agreement, actor, Perm.COOPERATION_VIEW).distinct()


@dataclass(frozen=True)
class AgreementFilters:
    search: str = ""
    type: str = ""
    lifecycle: str = ""


def agreement_list(
    *, actor: Actor, region: Region, filters: AgreementFilters = AgreementFilters()
) -> QuerySet:
    """The agreements the region is party to; the lifecycle filter reads the stored status and the dates."""
    today = cooperation_today()
    agreements = (
        Agreement.objects.with_scope(region=region.pk)
        .filter(pk__in=agreements_for(actor).values("pk"))
        .select_related("parent")
        .prefetch_related(Prefetch("parties", queryset=AgreementParty.unscoped.select_related("region")))
        .annotate(
            open_items=Count(
                "action_items", filter=Q(action_items__status__in=ActionItem.OPEN), distinct=True
            ),
            overdue_items=Count(
                "action_items",
                filter=Q(action_items__status__in=ActionItem.OPEN, action_items__due_date__lt=today),
                distinct=True,
            ),
        )
    )
    if filters.search:
        agreements = agreements.filter(
            Q(title__icontains=filters.search) | Q(purpose__icontains=filters.search)
        )
    if filters.type:
        agreements = agreements.filter(type=filters.type)
    lifecycle_filters = {
        "draft": Q(status=Agreement.Status.DRAFT),
        "signed": Q(status=Agreement.Status.SIGNED, valid_from__gt=today),
        "active": active_on(today),
        "expired": Q(status=Agreement.Status.SIGNED, valid_until__lt=today),
        "terminated": Q(status=Agreement.Status.TERMINATED),
    }
    if filters.lifecycle in lifecycle_filters:
        agreements = agreements.filter(lifecycle_filters[filters.lifecycle])
    return agreements.order_by("-valid_from", "-pk")


def agreements_in_force_during(*, actor: Actor, region: Region, since: date, until: date) -> QuerySet:
    """The region's signed agreements in force on at least one day between the dates (both included).

    A terminated agreement counts up to its termination date.
    """
    agreements = (
        Agreement.objects.with_scope(region=region.pk)
        .filter(pk__in=agreements_for(actor).values("pk"), valid_from__lte=until, valid_until__gte=since)
        .filter(
            Q(status=Agreement.Status.SIGNED)
            | Q(status=Agreement.Status.TERMINATED, terminated_on__gte=since)
        )
    )
    return agreements.order_by("valid_from", "pk")


def report_for_half(*, agreement: Agreement, year: int, half: int) -> MonitoringReport | None:
    """The agreement's monitoring report of a half-year, if one has been started."""
    return _scoped(MonitoringReport, agreement).filter(agreement=agreement, year=year, half=half).first()


def _reading_scope(actor: Actor, agreement: Agreement) -> dict:
    """One party region the actor reads the agreement through (no scope for a superuser)."""
    if actor.is_superuser:
        return {"_enabled": False}
    readable = actor.region_ids_with(Perm.COOPERATION_VIEW)
    return {"region": min(region for region in agreement.party_region_ids if region in readable)}


def agreement_get(*, actor: Actor, agreement_id: int) -> Agreement:
    """An agreement the actor's region is party to; Agreement.DoesNotExist otherwise."""
    agreement = agreements_for(actor).select_related("parent", "region").get(pk=agreement_id)
    agreement.party_list = list(
        AgreementParty.unscoped.filter(agreement=agreement)
        .select_related("region")
        .order_by("position", "pk")
    )
    agreement.party_region_ids = [party.region_id for party in agreement.party_list]
    agreement.reading_scope = _reading_scope(actor, agreement)
    return agreement


def _scoped(model, agreement: Agreement):
    scope = agreement.reading_scope
    if not scope.get("_enabled", True):
        return model.objects.with_scopes_disabled()
    return model.objects.with_scope(region=scope["region"])


def agreement_implementations(*, agreement: Agreement) -> QuerySet[Agreement]:
    return _scoped(Agreement, agreement).filter(parent=agreement).order_by("valid_from", "pk")


def agreement_documents(*, agreement: Agreement) -> QuerySet[AgreementDocument]:
    return _scoped(AgreementDocument, agreement).filter(agreement=agreement).select_related("uploaded_by")


def agreement_document_get(*, actor: Actor, document_id: int) -> AgreementDocument:
    document = AgreementDocument.unscoped.filter(pk=document_id).first()
    if document is None:
        raise AgreementDocument.DoesNotExist
    try:
        agreement_get(actor=actor, agreement_id=document.agreement_id)
    except Agreement.DoesNotExist:
        raise AgreementDocument.DoesNotExist from None
    return document


def mou_choices(*, actor: Actor, region: Region) -> QuerySet[Agreement]:
    """The memoranda a new PKS of the region may carry out."""
    return (
        Agreement.objects.with_scope(region=region.pk)
        .filter(pk__in=agreements_for(actor).values("pk"), type=Agreement.Type.MOU)
        .exclude(status=Agreement.Status.TERMINATED)
        .order_by("-valid_from", "title")
    )


def reports_missing(*, agreements, today: date | None = None) -> set[int]:
    """Ids of the agreements in force without a final monitoring report for the current half-year."""
    today = today or cooperation_today()
    year, half = half_of(today)
    active = [agreement.pk for agreement in agreements if agreement.is_active(today)]
    reported = set(
        MonitoringReport.unscoped.filter(
            agreement_id__in=active, year=year, half=half, status=MonitoringReport.Status.FINAL
        ).values_list("agreement_id", flat=True)
    )
    return set(active) - reported


# Action plan ---------------------------------------------------------------------------------


def action_items_of(*, agreement: Agreement) -> QuerySet[ActionItem]:
    return (
        _scoped(ActionItem, agreement)
        .filter(agreement=agreement)
        .select_related("owner_region", "agency")
        .annotate(
            evidence_count=Count("evidence", distinct=True), comment_count=Count("comments", distinct=True)
        )
        .order_by("due_date", "pk")
    )


def action_item_get(*, actor: Actor, action_item_id: int) -> ActionItem:
    item = ActionItem.unscoped.select_related("owner_region", "agency").filter(pk=action_item_id).first()
    if item is None:
        raise ActionItem.DoesNotExist
    try:
        item.agreement = agreement_get(actor=actor, agreement_id=item.agreement_id)
    except Agreement.DoesNotExist:
        raise ActionItem.DoesNotExist from None
    return item


def action_evidence_of(*, item: ActionItem) -> QuerySet[ActionEvidence]:
    return _scoped(ActionEvidence, item.agreement).filter(action_item=item).select_related("added_by")


def action_comments_of(*, item: ActionItem) -> QuerySet[ActionComment]:
    return _scoped(ActionComment, item.agreement).filter(action_item=item).select_related("author", "region")


def action_evidence_get(*, actor: Actor, evidence_id: int) -> ActionEvidence:
    evidence = ActionEvidence.unscoped.filter(pk=evidence_id).first()
    if evidence is None:
        raise ActionEvidence.DoesNotExist
    try:
        action_item_get(actor=actor, action_item_id=evidence.action_item_id)
    except ActionItem.DoesNotExist:
        raise ActionEvidence.DoesNotExist from None
    return evidence


# Monitoring ----------------------------------------------------------------------------------


def reports_of(*, agreement: Agreement) -> QuerySet[MonitoringReport]:
    return _scoped(MonitoringReport, agreement).filter(agreement=agreement).select_related("region")


def report_get(*, actor: Actor, report_id: int) -> MonitoringReport:
    report = MonitoringReport.unscoped.select_related("region", "finalised_by").filter(pk=report_id).first()
    if report is None:
        raise MonitoringReport.DoesNotExist
    try:
        report.agreement = agreement_get(actor=actor, agreement_id=report.agreement_id)
    except Agreement.DoesNotExist:
        raise MonitoringReport.DoesNotExist from None
    return report


# Good practices and their adoption -------------------------------------------------------------


def practices_for(actor: Actor) -> QuerySet[Practice]:
    """The actor's own regions' practices, and the shared ones of partners under an active agreement."""
    if actor.is_superuser:
        return Practice.objects.with_scopes_disabled().all()
    own = actor.region_ids_with(Perm.COOPERATION_VIEW)
    partners = partner_region_ids(actor)
    return Practice.objects.with_scope(region=sorted(own | partners)).filter(
        Q(region_id__in=own) | Q(region_id__in=partners, is_shared=True)
    )


def practice_list(*, actor: Actor, region: Region, search: str = "") -> QuerySet[Practice]:
    practices = practices_for(actor).select_related("region").annotate(adoption_count=Count("adoptions"))
    if search:
        practices = practices.filter(Q(title__icontains=search) | Q(summary__icontains=search))
    # The region's own practices first, then its partners'.
    own_first = Case(When(region=region, then=Value(0)), default=Value(1))
    return practices.order_by(own_first, "region__name", "title")


def practice_get(*, actor: Actor, practice_id: int) -> Practice:
    return practices_for(actor).select_related("region").get(pk=practice_id)


def practice_documents(*, practice: Practice) -> QuerySet[PracticeDocument]:
    return PracticeDocument.objects.with_scope(region=practice.region_id).filter(practice=practice)


def practice_document_get(*, actor: Actor, document_id: int) -> PracticeDocument:
    document = PracticeDocument.unscoped.filter(pk=document_id).first()
    if document is None or not practices_for(actor).filter(pk=document.practice_id).exists():
        raise PracticeDocument.DoesNotExist
    return document


def adoptions_for(actor: Actor) -> QuerySet[Adoption]:
    return restrict(Adoption, actor, Perm.COOPERATION_VIEW).distinct()


def adoptions_of(*, actor: Actor, practice: Practice) -> QuerySet[Adoption]:
    adoptions = adoptions_for(actor).filter(practice=practice)
    return (
        Adoption.unscoped.filter(pk__in=adoptions.values("pk"))
        .select_related("region")
        .order_by("started_on")
    )


def adoption_get(*, actor: Actor, adoption_id: int) -> Adoption:
    """An adoption, visible to the parties of its agreement (the adopter and the practice's region)."""
    adoption = (
        adoptions_for(actor).select_related("practice__region", "region", "agreement").get(pk=adoption_id)
    )
    adoption.milestone_list = list(
        AdoptionMilestone.unscoped.filter(adoption=adoption).order_by("due_date", "pk")
    )
    return adoption


def adoption_agreements(*, actor: Actor, region: Region, practice: Practice) -> QuerySet[Agreement]:
    """Agreements in force between the adopting region and the practice's region."""
    return (
        Agreement.objects.with_scope(region=region.pk)
        .filter(active_on(cooperation_today()), pk__in=agreements_for(actor).values("pk"))
        .filter(parties__region=practice.region_id)
        .distinct()
        .order_by("-valid_from")
    )


# Notifications ---------------------------------------------------------------------------------


def notifications_of(*, actor: Actor) -> QuerySet[Notification]:
    return Notification.objects.filter(user_id=actor.user_id)


def unread_count(*, actor: Actor) -> int:
    if actor.user_id is None:
        return 0
    return Notification.objects.filter(user_id=actor.user_id, read_at__isnull=True).count()
