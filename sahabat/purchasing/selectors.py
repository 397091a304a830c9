"""Reads for purchasing: purchases, ASN spending (event sales included) and the 40% commitment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.scoping import aggregate_region_ids, restrict
from sahabat.core.errors import PermissionDenied
from sahabat.events.models import BuyerType, EventHourly
from sahabat.purchasing.commitment import Commitment
from sahabat.purchasing.models import (
    Agency,
    ProcurementBudget,
    ProcurementPackage,
    Purchase,
    PurchasingImport,
    PurchasingImportRow,
)
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence

# Enterprises offered by one search of the purchase form.
ENTERPRISE_CHOICES_LIMIT = 10
SEARCH_WORDS = 6


def agencies_for(actor: Actor) -> QuerySet[Agency]:
    return restrict(Agency, actor, Perm.PURCHASES_VIEW)


def agency_list(*, actor: Actor, region: Region, search: str = "") -> QuerySet[Agency]:
    agencies = agencies_for(actor).filter(region=region)
    if search:
        agencies = agencies.filter(
            Q(name__icontains=search) | Q(short_name__icontains=search) | Q(code__icontains=search)
        )
    return agencies.order_by("name")


def agency_get(*, actor: Actor, agency_id: int) -> Agency:
    return agencies_for(actor).select_related("region").get(pk=agency_id)


def agency_by_code(*, region: Region, code: str) -> Agency | None:
    """An agency of any region by its code, for the API (a purchase names the buyer's agency)."""
    return (
        Agency.objects.with_scope(region=region.pk).select_related("region").filter(code=code.strip()).first()
    )


def actor_agency(*, actor: Actor, region: Region) -> Agency | None:
    """The agency a focal point works for in this region; None for everybody else."""
    if actor.is_superuser or not actor.agency_ids:
        return None
    return Agency.objects.with_scope(region=region.pk).filter(pk__in=actor.agency_ids).first()


def acts_for_every_agency(*, actor: Actor, region: Region) -> bool:
    """Admins and officers act for any agency of their region; a focal point only for its own."""
    return actor.is_superuser or bool(actor.roles_in(region.pk) & {Role.REGION_ADMIN, Role.OFFICER})


def acts_for_agency(*, actor: Actor, agency: Agency, permission: str) -> bool:
    """Whether the actor holds the permission for this agency: in its region, and as its focal point."""
    if not actor.has_perm(permission, agency.region_id):
        return False
    return acts_for_every_agency(actor=actor, region=agency.region) or agency.pk in actor.agency_ids


def agency_focal_points(*, agency: Agency) -> QuerySet[Membership]:
    return (
        Membership.objects.with_scope(region=agency.region_id)
        .filter(agency=agency, role=Role.AGENCY_FOCAL_POINT, is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )


def buyer_agencies(*, actor: Actor) -> QuerySet[Agency]:
    """Active agencies of every region, for an UMKM owner naming the agency of the civil servant it sold to.

    Civil servants of any participating region buy from any UMKM, so the list spans regions; it holds
    the agencies' public names only.
    """
    if not actor.region_ids_with(Perm.PURCHASES_RECORD) and not actor.is_superuser:
        return Agency.objects.none()
    return (
        Agency.objects.with_scopes_disabled()
        .filter(is_active=True)
        .select_related("region")
        .order_by("region__name", "name")
    )


def purchasable_enterprises(*, actor: Actor, search: str) -> list[Enterprise]:
    """Active enterprises of any participating region whose name or brand matches, own region first.

    Civil servants buy from UMKM of partner regions too, so the search reads beyond the actor's
    regions; it reads only an enterprise's public face (name, brand, region, district), never its owner.
    """
    words = search.split()[:SEARCH_WORDS]
    if not words or not (actor.region_ids_with(Perm.PURCHASES_RECORD) or actor.is_superuser):
        return []
    enterprises = (
        Enterprise.objects.with_scopes_disabled()
        .filter(status=Enterprise.Status.ACTIVE, region__level=Region.Level.REGENCY)
        .select_related("region", "district")
        .only("name", "brand", "region__name", "region__code", "district__name")
    )
    digits = search.replace(" ", "")
    if digits.isdigit() and len(digits) == 13:
        enterprises = enterprises.filter(licences__type=Licence.Type.NIB, licences__number=digits)
    else:
        for word in words:
            enterprises = enterprises.filter(Q(name__icontains=word) | Q(brand__icontains=word))
    own = sorted(actor.region_ids_with(Perm.PURCHASES_RECORD))
    ranked = sorted(
        enterprises.order_by("name", "pk")[: ENTERPRISE_CHOICES_LIMIT * 3],
        key=lambda enterprise: enterprise.region_id not in own,
    )
    return ranked[:ENTERPRISE_CHOICES_LIMIT]


def purchase_enterprise(*, enterprise_id: int) -> Enterprise | None:
    """The enterprise a purchase form names (public face only), to show it again after a refusal."""
    return (
        Enterprise.objects.with_scopes_disabled()
        .select_related("region", "district")
        .filter(pk=enterprise_id)
        .first()
    )


def supplier_by_nib(*, nib: str) -> Enterprise | None:
    """The one UMKM of any region holding this NIB, as a package's supplier; None when none or several do."""
    enterprises = list(
        Enterprise.objects.with_scopes_disabled()
        .filter(licences__type=Licence.Type.NIB, licences__number=nib)
        .select_related("region")[:2]
    )
    return enterprises[0] if len(enterprises) == 1 else None


def purchases_for(actor: Actor) -> QuerySet[Purchase]:
    """A focal point sees its own agency's purchases; officers, admins and viewers the region's."""
    purchases = restrict(Purchase, actor, Perm.PURCHASES_VIEW)
    if actor.is_superuser:
        return purchases
    broad = {
        region for region, role in actor.grants if role in (Role.REGION_ADMIN, Role.OFFICER, Role.VIEWER)
    }
    return purchases.filter(Q(region_id__in=broad) | Q(agency_id__in=actor.agency_ids))


@dataclass(frozen=True)
class PurchaseFilters:
    agency_id: int | None = None
    enterprise_id: int | None = None
    channel: str = ""
    since: date | None = None
    until: date | None = None
    # Words of the enterprise's name or brand.
    enterprise_search: str = ""


def purchase_list(
    *, actor: Actor, region: Region, filters: PurchaseFilters = PurchaseFilters()
) -> QuerySet[Purchase]:
    purchases = (
        purchases_for(actor)
        .filter(region=region)
        .select_related("agency", "enterprise", "enterprise__region")
    )
    if filters.agency_id:
        purchases = purchases.filter(agency_id=filters.agency_id)
    if filters.enterprise_id:
        purchases = purchases.filter(enterprise_id=filters.enterprise_id)
    for word in filters.enterprise_search.split()[:SEARCH_WORDS]:
        purchases = purchases.filter(
            Q(enterprise__name__icontains=word) | Q(enterprise__brand__icontains=word)
        )
    if filters.channel:
        purchases = purchases.filter(channel=filters.channel)
    if filters.since:
        purchases = purchases.filter(purchased_on__gte=filters.since)
    if filters.until:
        purchases = purchases.filter(purchased_on__lte=filters.until)
    return purchases


def _year_bounds(region: Region, year: int) -> tuple[datetime, datetime]:
    """The year in the region's own clock: event rollups are stored per UTC hour."""
    return (
        timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), region.tzinfo),
        timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), region.tzinfo),
    )


def _require_aggregates(actor: Actor, region: Region) -> None:
    if region.pk not in aggregate_region_ids(actor, Perm.PURCHASES_VIEW) and not actor.is_superuser:
        raise PermissionDenied("purchasing.forbidden", "")


def _event_asn_sales(region: Region, year: int) -> QuerySet:
    start, end = _year_bounds(region, year)
    return EventHourly.objects.with_scope(region=region.pk).filter(
        buyer_type=BuyerType.ASN, hour__gte=start, hour__lt=end
    )


@dataclass(frozen=True)
class AsnSpending:
    recorded: int  # purchases recorded by agencies, owners or imports
    at_events: int  # event sales to ASN buyers, taken from the event ledger, never entered twice
    purchase_count: int

    @property
    def total(self) -> int:
        return self.recorded + self.at_events


def asn_spending(*, actor: Actor, region: Region, year: int) -> AsnSpending:
    """What the region's civil servants spent at UMKM in a year: recorded purchases plus event sales."""
    _require_aggregates(actor, region)
    recorded = (
        Purchase.objects.with_scope(region=region.pk)
        .filter(purchased_on__year=year)
        .aggregate(total=Sum("amount"), count=Count("pk"))
    )
    at_events = _event_asn_sales(region, year).aggregate(total=Sum("turnover"))["total"]
    return AsnSpending(
        recorded=recorded["total"] or 0, at_events=at_events or 0, purchase_count=recorded["count"]
    )


def monthly_purchases(*, actor: Actor, region: Region, year: int) -> list[tuple[int, int]]:
    """(month, recorded purchase total) for the twelve months of the year, zeros included."""
    totals = dict(
        purchases_for(actor)
        .filter(region=region, purchased_on__year=year)
        .annotate(month=ExtractMonth("purchased_on"))
        .values_list("month")
        .annotate(total=Sum("amount"))
    )
    return [(month, totals.get(month, 0)) for month in range(1, 13)]


@dataclass(frozen=True)
class MonthSpending:
    month: int
    recorded: int
    at_events: int

    @property
    def total(self) -> int:
        return self.recorded + self.at_events


def monthly_asn_spending(*, actor: Actor, region: Region, year: int) -> list[MonthSpending]:
    """Recorded purchases and event sales to ASN per month of the region's year, zeros included."""
    _require_aggregates(actor, region)
    recorded = dict(
        Purchase.objects.with_scope(region=region.pk)
        .filter(purchased_on__year=year)
        .annotate(month=ExtractMonth("purchased_on"))
        .values_list("month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    at_events = dict(
        _event_asn_sales(region, year)
        .annotate(month=ExtractMonth("hour", tzinfo=region.tzinfo))
        .values_list("month")
        .annotate(total=Sum("turnover"))
        .order_by()
    )
    return [
        MonthSpending(month=month, recorded=recorded.get(month, 0), at_events=at_events.get(month, 0))
        for month in range(1, 13)
    ]


@dataclass(frozen=True)
class Years:
    choices: list[int]  # newest first
    default: int  # the latest year with figures, else this year


def purchasing_years(*, region: Region) -> Years:
    """Years with a budget, a package or a purchase, and this year, for the year selector."""
    scope = {"region": region.pk}
    with_figures = set(ProcurementBudget.objects.with_scope(**scope).values_list("year", flat=True))
    with_figures.update(ProcurementPackage.objects.with_scope(**scope).values_list("year", flat=True))
    with_figures.update(
        Purchase.objects.with_scope(region=region.pk)
        .annotate(year=ExtractYear("purchased_on"))
        .values_list("year", flat=True)
        .distinct()
    )
    this_year = timezone.localdate(timezone=region.tzinfo).year
    return Years(
        choices=sorted(with_figures | {this_year}, reverse=True),
        default=max(with_figures, default=this_year),
    )


def agency_commitment(*, agency: Agency, year: int) -> Commitment:
    budget = (
        ProcurementBudget.objects.with_scope(region=agency.region_id).filter(agency=agency, year=year).first()
    )
    return _commitment(
        budget.goods_services_budget if budget else None,
        ProcurementPackage.objects.with_scope(region=agency.region_id).filter(agency=agency, year=year),
    )


def _commitment(budget: int | None, packages: QuerySet) -> Commitment:
    sums = packages.aggregate(
        reserved_value=Sum("value", filter=Q(reserved_for_small=True)),
        reserved_realised=Sum("realised", filter=Q(reserved_for_small=True)),
        total_value=Sum("value"),
        total_realised=Sum("realised"),
    )
    return Commitment(budget=budget, **{name: value or 0 for name, value in sums.items()})


def package_list(*, agency: Agency, year: int) -> QuerySet[ProcurementPackage]:
    return (
        ProcurementPackage.objects.with_scope(region=agency.region_id)
        .filter(agency=agency, year=year)
        .select_related("supplier", "supplier__region")
        .order_by("rup_code")
    )


def package_get(*, actor: Actor, package_id: int) -> ProcurementPackage:
    return (
        restrict(ProcurementPackage, actor, Perm.PURCHASES_VIEW)
        .select_related("agency", "agency__region", "supplier", "supplier__region")
        .get(pk=package_id)
    )


@dataclass(frozen=True)
class AgencyYear:
    """One agency's budget year: the 40% figures, its packages and its civil servants' purchases."""

    agency: Agency
    year: int
    commitment: Commitment
    packages: list[ProcurementPackage]
    monthly: list[tuple[int, int]]
    purchase_total: int
    purchase_count: int

    @property
    def purchases_per_asn(self) -> int | None:
        return self.purchase_total // self.agency.asn_count if self.agency.asn_count else None


def agency_year(*, actor: Actor, agency: Agency, year: int) -> AgencyYear:
    """Aggregates only (no NIP): any holder of PURCHASES_VIEW in the agency's region may read them."""
    _require_aggregates(actor, agency.region)
    purchases = Purchase.objects.with_scope(region=agency.region_id).filter(
        agency=agency, purchased_on__year=year
    )
    totals = purchases.aggregate(total=Sum("amount"), count=Count("pk"))
    by_month = dict(
        purchases.annotate(month=ExtractMonth("purchased_on"))
        .values_list("month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return AgencyYear(
        agency=agency,
        year=year,
        commitment=agency_commitment(agency=agency, year=year),
        packages=list(package_list(agency=agency, year=year)),
        monthly=[(month, by_month.get(month, 0)) for month in range(1, 13)],
        purchase_total=totals["total"] or 0,
        purchase_count=totals["count"],
    )


@dataclass(frozen=True)
class AgencyStanding:
    agency: Agency
    commitment: Commitment
    asn_purchases: int

    @property
    def purchases_per_asn(self) -> int | None:
        return self.asn_purchases // self.agency.asn_count if self.agency.asn_count else None


def region_commitment(*, actor: Actor, region: Region, year: int) -> tuple[Commitment, list[AgencyStanding]]:
    """The region's 40% figures and each agency's, for the leaderboard; budgets of all agencies add up."""
    _require_aggregates(actor, region)
    agencies = list(Agency.objects.with_scope(region=region.pk).filter(is_active=True).order_by("name"))
    budgets = dict(
        ProcurementBudget.objects.with_scope(region=region.pk)
        .filter(year=year)
        .values_list("agency_id", "goods_services_budget")
    )
    packages = ProcurementPackage.objects.with_scope(region=region.pk).filter(year=year)
    per_agency = {
        row["agency_id"]: row
        for row in packages.values("agency_id")
        .annotate(
            reserved_value=Sum("value", filter=Q(reserved_for_small=True)),
            reserved_realised=Sum("realised", filter=Q(reserved_for_small=True)),
            total_value=Sum("value"),
            total_realised=Sum("realised"),
        )
        .order_by()
    }
    purchases = dict(
        Purchase.objects.with_scope(region=region.pk)
        .filter(purchased_on__year=year)
        .values_list("agency_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    active = {agency.pk for agency in agencies}
    standings = []
    for agency in agencies:
        row = per_agency.get(agency.pk, {})
        commitment = Commitment(
            budget=budgets.get(agency.pk),
            reserved_value=row.get("reserved_value") or 0,
            reserved_realised=row.get("reserved_realised") or 0,
            total_value=row.get("total_value") or 0,
            total_realised=row.get("total_realised") or 0,
        )
        standings.append(
            AgencyStanding(agency=agency, commitment=commitment, asn_purchases=purchases.get(agency.pk, 0))
        )
    region_total = Commitment(
        budget=sum(budget for agency_id, budget in budgets.items() if agency_id in active) or None,
        reserved_value=sum(s.commitment.reserved_value for s in standings),
        reserved_realised=sum(s.commitment.reserved_realised for s in standings),
        total_value=sum(s.commitment.total_value for s in standings),
        total_realised=sum(s.commitment.total_realised for s in standings),
    )
    return region_total, standings


# How the leaderboard can be ranked: each key gives a standing's figure, higher is better; None ranks last.
RANKINGS: dict[str, Callable[[AgencyStanding], object]] = {
    "per_asn": lambda standing: standing.purchases_per_asn,
    "realised": lambda standing: standing.commitment.realised_share,
    "planned": lambda standing: standing.commitment.planned_share,
}


@dataclass(frozen=True)
class RankedStanding:
    rank: int | None  # None when the figure it is ranked by is unknown (no ASN count, no budget)
    standing: AgencyStanding


@dataclass(frozen=True)
class Leaderboard:
    year: int
    ranking: str
    total: Commitment
    spending: AsnSpending
    asn_count: int
    rows: list[RankedStanding]

    @property
    def recorded_per_asn(self) -> int | None:
        return self.spending.recorded // self.asn_count if self.asn_count else None

    @property
    def below_floor(self) -> int:
        """Agencies with a budget whose realised share is under the floor."""
        return sum(1 for row in self.rows if row.standing.commitment.realised_below_floor)

    @property
    def without_budget(self) -> int:
        return sum(1 for row in self.rows if not row.standing.commitment.has_budget)


def leaderboard(*, actor: Actor, region: Region, year: int, ranking: str = "per_asn") -> Leaderboard:
    """The region's agencies ranked by ASN purchases per ASN or by their share for small enterprises."""
    figure = RANKINGS.get(ranking) or RANKINGS["per_asn"]
    total, standings = region_commitment(actor=actor, region=region, year=year)
    known = sorted(
        (standing for standing in standings if figure(standing) is not None),
        key=lambda standing: (-figure(standing), standing.agency.name),
    )
    unknown = [standing for standing in standings if figure(standing) is None]
    return Leaderboard(
        year=year,
        ranking=ranking if ranking in RANKINGS else "per_asn",
        total=total,
        spending=asn_spending(actor=actor, region=region, year=year),
        asn_count=sum(standing.agency.asn_count for standing in standings),
        rows=[RankedStanding(rank=index, standing=standing) for index, standing in enumerate(known, start=1)]
        + [RankedStanding(rank=None, standing=standing) for standing in unknown],
    )


def buyers_of(*, actor: Actor, enterprise_id: int) -> QuerySet:
    """'Who buys from me': agencies (of any region) with their totals at one enterprise; no NIPs.

    Open to whoever may see the enterprise: its region's officers and viewers, and its owner.
    """
    from sahabat.registry.selectors import enterprise_get

    enterprise_get(actor=actor, enterprise_id=enterprise_id)
    return (
        Purchase.objects.with_scopes_disabled()
        .filter(enterprise_id=enterprise_id)
        .values("agency__name", "agency__region__name")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by("-total")
    )


@dataclass(frozen=True)
class Buyers:
    agencies: list[dict]  # agency__name, agency__region__name, total, count; biggest buyer first
    total: int
    count: int


def buyers_summary(*, actor: Actor, enterprise_id: int) -> Buyers:
    rows = list(buyers_of(actor=actor, enterprise_id=enterprise_id))
    return Buyers(
        agencies=rows, total=sum(row["total"] for row in rows), count=sum(row["count"] for row in rows)
    )


# Imports -------------------------------------------------------------------------------------------


def import_jobs_for(actor: Actor) -> QuerySet[PurchasingImport]:
    """Jobs in the regions where the actor manages procurement; a focal point sees its own agency's only."""
    jobs = restrict(PurchasingImport, actor, Perm.PROCUREMENT_MANAGE)
    if actor.is_superuser:
        return jobs
    broad = {region for region, role in actor.grants if role in (Role.REGION_ADMIN, Role.OFFICER)}
    return jobs.filter(Q(region_id__in=broad) | Q(agency_id__in=actor.agency_ids))


def import_job_list(*, actor: Actor, region: Region) -> QuerySet[PurchasingImport]:
    return import_jobs_for(actor).filter(region=region).select_related("agency", "created_by")


def import_job_get(*, actor: Actor, job_id: int) -> PurchasingImport:
    return import_jobs_for(actor).select_related("region", "agency", "created_by").get(pk=job_id)


def import_row_list(*, job: PurchasingImport, outcome: str = "") -> QuerySet[PurchasingImportRow]:
    rows = PurchasingImportRow.objects.with_scope(region=job.region_id).filter(job=job).order_by("row_number")
    return rows.filter(outcome=outcome) if outcome in PurchasingImportRow.Outcome.values else rows


def import_outcome_counts(*, job: PurchasingImport) -> dict[str, int]:
    counts = dict.fromkeys(PurchasingImportRow.Outcome.values, 0)
    counts.update(
        dict(
            PurchasingImportRow.objects.with_scope(region=job.region_id)
            .filter(job=job)
            .values_list("outcome")
            .annotate(count=Count("pk"))
            .order_by()
        )
    )
    return counts


@dataclass(frozen=True)
class PublicPurchaseMonth:
    region_code: str
    region_name: str
    year: int
    month: int
    purchases: int
    amount: int
    # Distinct enterprises that sold to civil servants in the month, for the open data's small-count rule.
    enterprises: int


def asn_purchase_months_public() -> list[PublicPurchaseMonth]:
    """Recorded ASN purchases of every region per month: counts and sums only, no buyer, no seller."""
    rows = (
        Purchase.unscoped.annotate(year=ExtractYear("purchased_on"), month=ExtractMonth("purchased_on"))
        .values("region__code", "region__name", "year", "month")
        .annotate(
            purchases=Count("pk"), amount=Sum("amount"), enterprises=Count("enterprise_id", distinct=True)
        )
        .order_by("region__code", "year", "month")
    )
    return [
        PublicPurchaseMonth(
            region_code=row["region__code"],
            region_name=row["region__name"],
            year=row["year"],
            month=row["month"],
            purchases=row["purchases"],
            amount=row["amount"] or 0,
            enterprises=row["enterprises"],
        )
        for row in rows
    ]
