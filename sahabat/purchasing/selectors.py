"""Reads for purchasing: purchases, ASN spending (event sales included) and the 40% commitment."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm, Role
from sahabat.accounts.scoping import aggregate_region_ids, restrict
from sahabat.core.errors import PermissionDenied
from sahabat.events.models import BuyerType, EventHourly
from sahabat.purchasing.commitment import Commitment
from sahabat.purchasing.models import Agency, ProcurementBudget, ProcurementPackage, Purchase
from sahabat.regions.models import Region


def agencies_for(actor: Actor) -> QuerySet[Agency]:
    return restrict(Agency, actor, Perm.PURCHASES_VIEW)


def agency_list(*, actor: Actor, region: Region, search: str = "") -> QuerySet[Agency]:
    agencies = agencies_for(actor).filter(region=region)
    if search:
        agencies = agencies.filter(Q(name__icontains=search) | Q(short_name__icontains=search) | Q(code__icontains=search))
    return agencies.order_by("name")


def agency_get(*, actor: Actor, agency_id: int) -> Agency:
    return agencies_for(actor).select_related("region").get(pk=agency_id)


def purchases_for(actor: Actor) -> QuerySet[Purchase]:
    """A focal point sees its own agency's purchases; officers, admins and viewers the region's."""
    purchases = restrict(Purchase, actor, Perm.PURCHASES_VIEW)
    if actor.is_superuser or not actor.agency_ids:
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


def purchase_list(*, actor: Actor, region: Region, filters: PurchaseFilters = PurchaseFilters()) -> QuerySet[Purchase]:
    purchases = purchases_for(actor).filter(region=region).select_related("agency", "enterprise", "enterprise__region")
    if filters.agency_id:
        purchases = purchases.filter(agency_id=filters.agency_id)
    if filters.enterprise_id:
        purchases = purchases.filter(enterprise_id=filters.enterprise_id)
    if filters.channel:
        purchases = purchases.filter(channel=filters.channel)
    if filters.since:
        purchases = purchases.filter(purchased_on__gte=filters.since)
    if filters.until:
        purchases = purchases.filter(purchased_on__lte=filters.until)
    return purchases


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
    if region.pk not in aggregate_region_ids(actor, Perm.PURCHASES_VIEW) and not actor.is_superuser:
        raise PermissionDenied("purchasing.forbidden", "")
    recorded = (
        Purchase.objects.with_scope(region=region.pk)
        .filter(purchased_on__year=year)
        .aggregate(total=Sum("amount"), count=Count("pk"))
    )
    at_events = (
        EventHourly.objects.with_scope(region=region.pk)
        .filter(buyer_type=BuyerType.ASN, hour__year=year)
        .aggregate(total=Sum("turnover"))["total"]
    )
    return AsnSpending(recorded=recorded["total"] or 0, at_events=at_events or 0, purchase_count=recorded["count"])


def monthly_purchases(*, actor: Actor, region: Region, year: int) -> list[tuple[int, int]]:
    """(month, recorded purchase total) for the twelve months of the year, zeros included."""
    totals = dict(
        purchases_for(actor).filter(region=region, purchased_on__year=year)
        .annotate(month=ExtractMonth("purchased_on")).values_list("month").annotate(total=Sum("amount"))
    )
    return [(month, totals.get(month, 0)) for month in range(1, 13)]


def agency_commitment(*, agency: Agency, year: int) -> Commitment:
    budget = ProcurementBudget.objects.with_scope(region=agency.region_id).filter(agency=agency, year=year).first()
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
    if region.pk not in aggregate_region_ids(actor, Perm.PURCHASES_VIEW) and not actor.is_superuser:
        raise PermissionDenied("purchasing.forbidden", "")
    agencies = list(Agency.objects.with_scope(region=region.pk).filter(is_active=True).order_by("name"))
    budgets = dict(
        ProcurementBudget.objects.with_scope(region=region.pk).filter(year=year)
        .values_list("agency_id", "goods_services_budget")
    )
    packages = ProcurementPackage.objects.with_scope(region=region.pk).filter(year=year)
    per_agency = {
        row["agency_id"]: row
        for row in packages.values("agency_id").annotate(
            reserved_value=Sum("value", filter=Q(reserved_for_small=True)),
            reserved_realised=Sum("realised", filter=Q(reserved_for_small=True)),
            total_value=Sum("value"),
            total_realised=Sum("realised"),
        )
    }
    purchases = dict(
        Purchase.objects.with_scope(region=region.pk).filter(purchased_on__year=year)
        .values_list("agency_id").annotate(total=Sum("amount"))
    )
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
        standings.append(AgencyStanding(agency=agency, commitment=commitment, asn_purchases=purchases.get(agency.pk, 0)))
    region_total = Commitment(
        budget=sum(budgets.values()) or None,
        reserved_value=sum(s.commitment.reserved_value for s in standings),
        reserved_realised=sum(s.commitment.reserved_realised for s in standings),
        total_value=sum(s.commitment.total_value for s in standings),
        total_realised=sum(s.commitment.total_realised for s in standings),
    )
    return region_total, standings


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
