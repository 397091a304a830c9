"""Aggregates for cooperation: each region's figures from the other capabilities, side by side.

Everything here is a count or a sum. A region's own people read their own figures; a partner reads
them only while an agreement is in force, which every reader below checks through
`aggregate_region_ids` (the purchasing and register selectors do the same). A figure the reader
may not see comes back as None, so a page or a report shows "not available" instead of failing.

Two readers: the monitoring report of an agreement (per half-year) and the partner dashboard
(per year). Normalised figures (per 1,000 enterprises, per civil servant) are None when the
denominator is zero, never a division by zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import aggregate_region_ids
from sahabat.cooperation.models import ActionItem, Agreement, MonitoringReport
from sahabat.cooperation.selectors import partner_region_list
from sahabat.core.errors import NotFound, PermissionDenied
from sahabat.dedupe.selectors import golden_record
from sahabat.events.models import BoothTotal, Event, EventHourly, GateHourly
from sahabat.purchasing.commitment import Commitment
from sahabat.purchasing.selectors import AsnSpending, asn_spending, region_commitment
from sahabat.regions.models import Region
from sahabat.registry.selectors import RegisterAggregates, register_aggregates


def _may_read(actor: Actor, region: Region, permission: str) -> bool:
    return actor.is_superuser or region.pk in aggregate_region_ids(actor, permission)


def per_thousand(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return part * 1000 / whole


def share(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return part * 100 / whole


@dataclass(frozen=True)
class EventResults:
    events: int
    turnover: int
    sales_count: int
    visitors: int
    # Enterprises of the host region that sold at its events.
    own_sellers: int


def _host_events(region: Region, since: date, until: date):
    return Event.objects.with_scope(region=region.pk).filter(
        status=Event.Status.PUBLISHED, main_start__lte=until, main_end__gte=since
    )


def event_results(*, actor: Actor, region: Region, since: date, until: date) -> EventResults:
    """The region's published events whose main days fall in the period, from the rollups only."""
    if not _may_read(actor, region, Perm.EVENTS_VIEW):
        raise PermissionDenied("events.forbidden", _("You may not read this region's event figures."))
    events = list(_host_events(region, since, until).values_list("pk", flat=True))
    sales = (
        EventHourly.objects.with_scope(region=region.pk)
        .filter(event_id__in=events)
        .aggregate(turnover=Sum("turnover"), count=Sum("sales_count"))
    )
    visitors = (
        GateHourly.objects.with_scope(region=region.pk)
        .filter(event_id__in=events)
        .aggregate(total=Sum("visitors"))
    )
    # A merged pair of records is one seller, its golden record (sahabat.dedupe.selectors.golden_record).
    own_sellers = (
        BoothTotal.objects.with_scope(region=region.pk)
        .filter(event_id__in=events, enterprise__region=region, sales_count__gt=0)
        .aggregate(count=Count(golden_record(), distinct=True))["count"]
    )
    return EventResults(
        events=len(events),
        turnover=sales["turnover"] or 0,
        sales_count=sales["count"] or 0,
        visitors=visitors["total"] or 0,
        own_sellers=own_sellers,
    )


@dataclass(frozen=True)
class GuestResults:
    """Enterprises of guest regions selling at a host's events, and their turnover."""

    enterprises: int
    turnover: int


def guest_results(
    *, actor: Actor, host: Region, guests: list[Region], since: date, until: date
) -> GuestResults:
    if not _may_read(actor, host, Perm.EVENTS_VIEW):
        raise PermissionDenied("events.forbidden", _("You may not read this region's event figures."))
    booths = BoothTotal.objects.with_scope(region=host.pk).filter(
        event_id__in=_host_events(host, since, until).values("pk"),
        enterprise__region__in=[guest.pk for guest in guests],
        sales_count__gt=0,
    )
    totals = booths.aggregate(enterprises=Count(golden_record(), distinct=True), turnover=Sum("turnover"))
    return GuestResults(enterprises=totals["enterprises"], turnover=totals["turnover"] or 0)


@dataclass(frozen=True)
class RegionFigures:
    """One region's figures for a period; None where the reader may not see them."""

    region: Region
    register: RegisterAggregates | None
    events: EventResults | None
    guests: GuestResults | None
    asn: AsnSpending | None
    asn_count: int | None
    commitment: Commitment | None

    @property
    def enterprises(self) -> int | None:
        return self.register.total if self.register else None

    @property
    def with_nib(self) -> int | None:
        return self.register.with_nib if self.register else None

    @property
    def nib_share(self) -> float | None:
        return share(self.with_nib, self.enterprises)

    @property
    def nib_per_thousand(self) -> float | None:
        return per_thousand(self.with_nib, self.enterprises)

    @property
    def sellers_per_thousand(self) -> float | None:
        return per_thousand(self.events.own_sellers if self.events else None, self.enterprises)

    @property
    def event_turnover_per_thousand(self) -> float | None:
        return per_thousand(self.events.turnover if self.events else None, self.enterprises)

    @property
    def asn_spending_per_asn(self) -> float | None:
        if self.asn is None or not self.asn_count:
            return None
        return self.asn.total / self.asn_count

    @property
    def realised_share(self) -> float | None:
        if self.commitment is None or self.commitment.realised_share is None:
            return None
        return float(self.commitment.realised_share)


def _or_none(read: Callable):
    try:
        return read()
    except PermissionDenied:
        return None


def region_figures(
    *, actor: Actor, region: Region, partners: list[Region], since: date, until: date, year: int
) -> RegionFigures:
    commitment = _or_none(lambda: region_commitment(actor=actor, region=region, year=year))
    return RegionFigures(
        region=region,
        register=_or_none(lambda: register_aggregates(actor=actor, region=region)),
        events=_or_none(lambda: event_results(actor=actor, region=region, since=since, until=until)),
        guests=_or_none(
            lambda: guest_results(actor=actor, host=region, guests=partners, since=since, until=until)
        ),
        asn=_or_none(lambda: asn_spending(actor=actor, region=region, year=year)),
        asn_count=sum(standing.agency.asn_count for standing in commitment[1]) if commitment else None,
        commitment=commitment[0] if commitment else None,
    )


# Monitoring report indicators -----------------------------------------------------------------

COUNT, RUPIAH, PERCENT = "count", "rupiah", "percent"

# Key → (label, unit): the order of the report's table. Keys are stored in snapshots; keep them.
INDICATORS: dict[str, tuple] = {
    "register_total": (_("UMKM in the register (active, today)"), COUNT),
    "register_with_nib": (_("UMKM with an NIB"), COUNT),
    "nib_share": (_("Share of UMKM with an NIB"), PERCENT),
    "events_held": (_("Events held in the period"), COUNT),
    "event_turnover": (_("UMKM turnover at those events"), RUPIAH),
    "event_visitors": (_("Visitors at those events"), COUNT),
    "partner_sellers": (_("Partner-region UMKM selling at those events"), COUNT),
    "partner_turnover": (_("Turnover of those partner-region UMKM"), RUPIAH),
    "asn_spending": (_("ASN purchases from UMKM in the year"), RUPIAH),
    "asn_spending_per_asn": (_("ASN purchases per civil servant in the year"), RUPIAH),
    "commitment_realised": (
        _("Goods and services budget realised with micro and small enterprises"),
        PERCENT,
    ),
    "actions_total": (_("Action items owned"), COUNT),
    "actions_done": (_("Action items done"), COUNT),
    "actions_overdue": (_("Action items overdue"), COUNT),
}


@dataclass(frozen=True)
class IndicatorRow:
    key: str
    unit: str
    values: list

    @property
    def label(self) -> str:
        return str(INDICATORS[self.key][0]) if self.key in INDICATORS else self.key


@dataclass(frozen=True)
class Indicators:
    regions: list[str]
    rows: list[IndicatorRow]
    taken_at: str = ""
    period_start: date | None = None
    period_end: date | None = None
    live: bool = True
    figures: list[RegionFigures] = field(default_factory=list)

    def as_snapshot(self) -> dict:
        return {
            "taken_at": timezone.now().isoformat(),
            "regions": self.regions,
            "rows": [{"key": row.key, "unit": row.unit, "values": row.values} for row in self.rows],
        }

    @classmethod
    def from_snapshot(cls, data: dict, *, period_start: date, period_end: date) -> Indicators:
        return cls(
            regions=data["regions"],
            rows=[
                IndicatorRow(key=row["key"], unit=row["unit"], values=row["values"]) for row in data["rows"]
            ],
            taken_at=data.get("taken_at", ""),
            period_start=period_start,
            period_end=period_end,
            live=False,
        )


def _action_counts(agreement: Agreement, region: Region, today: date) -> tuple[int, int, int]:
    items = ActionItem.objects.with_scope(region=region.pk).filter(agreement=agreement, owner_region=region)
    totals = items.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ActionItem.Status.DONE)),
        overdue=Count("pk", filter=Q(status__in=ActionItem.OPEN, due_date__lt=today)),
    )
    return totals["total"], totals["done"], totals["overdue"]


def live_indicators(*, actor: Actor, agreement: Agreement, year: int, half: int, today: date) -> Indicators:
    """The report's indicators read now, one column per party, as the reader may see them."""
    report = MonitoringReport(year=year, half=half)
    regions = [party.region for party in agreement.party_list]
    figures = [
        region_figures(
            actor=actor,
            region=region,
            partners=[other for other in regions if other != region],
            since=report.period_start,
            until=report.period_end,
            year=year,
        )
        for region in regions
    ]
    actions = [_action_counts(agreement, region, today) for region in regions]
    columns = {
        "register_total": [figure.enterprises for figure in figures],
        "register_with_nib": [figure.with_nib for figure in figures],
        "nib_share": [figure.nib_share for figure in figures],
        "events_held": [figure.events.events if figure.events else None for figure in figures],
        "event_turnover": [figure.events.turnover if figure.events else None for figure in figures],
        "event_visitors": [figure.events.visitors if figure.events else None for figure in figures],
        "partner_sellers": [figure.guests.enterprises if figure.guests else None for figure in figures],
        "partner_turnover": [figure.guests.turnover if figure.guests else None for figure in figures],
        "asn_spending": [figure.asn.total if figure.asn else None for figure in figures],
        "asn_spending_per_asn": [figure.asn_spending_per_asn for figure in figures],
        "commitment_realised": [figure.realised_share for figure in figures],
        "actions_total": [total for total, _done, _overdue in actions],
        "actions_done": [done for _total, done, _overdue in actions],
        "actions_overdue": [overdue for _total, _done, overdue in actions],
    }
    return Indicators(
        regions=[region.name for region in regions],
        rows=[
            IndicatorRow(key=key, unit=unit, values=columns[key])
            for key, (_label, unit) in INDICATORS.items()
        ],
        period_start=report.period_start,
        period_end=report.period_end,
        figures=figures,
    )


def report_indicators(*, actor: Actor, report: MonitoringReport, today: date) -> Indicators:
    """A final report's stored snapshot; a draft's indicators read live."""
    if report.is_final and report.snapshot:
        return Indicators.from_snapshot(
            report.snapshot, period_start=report.period_start, period_end=report.period_end
        )
    return live_indicators(
        actor=actor, agreement=report.agreement, year=report.year, half=report.half, today=today
    )


# Partner dashboard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """One KPI for both regions; `normalised` says it is fair to compare across sizes."""

    key: str
    label: str
    unit: str
    own: float | None
    partner: float | None
    normalised: bool


@dataclass(frozen=True)
class PartnerDashboard:
    year: int
    own: RegionFigures
    partner: RegionFigures
    comparisons: list[Comparison]


def partner_dashboard(*, actor: Actor, region: Region, partner: Region, year: int) -> PartnerDashboard:
    """The region against a partner on the same KPIs; refused unless an agreement between them is in force."""
    if partner.pk == region.pk:
        raise NotFound("cooperation.same_region", _("Choose a partner region, not your own."))
    allowed = actor.has_perm(Perm.COOPERATION_VIEW, region.pk) and (
        actor.is_superuser or partner_region_list(actor=actor, region=region).filter(pk=partner.pk).exists()
    )
    if not allowed:
        raise PermissionDenied(
            "cooperation.not_partner", _("There is no agreement in force with this region.")
        )
    since, until = date(year, 1, 1), date(year, 12, 31)
    own = region_figures(actor=actor, region=region, partners=[partner], since=since, until=until, year=year)
    theirs = region_figures(
        actor=actor, region=partner, partners=[region], since=since, until=until, year=year
    )

    def compare(key, label, unit, read, *, normalised):
        return Comparison(
            key=key, label=str(label), unit=unit, own=read(own), partner=read(theirs), normalised=normalised
        )

    comparisons = [
        compare("enterprises", _("UMKM in the register"), COUNT, lambda f: f.enterprises, normalised=False),
        compare(
            "nib_per_thousand",
            _("UMKM with an NIB per 1,000 UMKM"),
            COUNT,
            lambda f: f.nib_per_thousand,
            normalised=True,
        ),
        compare(
            "sellers_per_thousand",
            _("UMKM selling at the region's own events per 1,000 UMKM"),
            COUNT,
            lambda f: f.sellers_per_thousand,
            normalised=True,
        ),
        compare(
            "event_turnover",
            _("UMKM turnover at the region's events"),
            RUPIAH,
            lambda f: f.events.turnover if f.events else None,
            normalised=False,
        ),
        compare(
            "event_turnover_per_thousand",
            _("Event turnover per 1,000 UMKM"),
            RUPIAH,
            lambda f: f.event_turnover_per_thousand,
            normalised=True,
        ),
        compare(
            "partner_sellers",
            _("UMKM of the other region selling at the region's events"),
            COUNT,
            lambda f: f.guests.enterprises if f.guests else None,
            normalised=False,
        ),
        compare(
            "asn_spending",
            _("ASN purchases from UMKM"),
            RUPIAH,
            lambda f: f.asn.total if f.asn else None,
            normalised=False,
        ),
        compare(
            "asn_spending_per_asn",
            _("ASN purchases per civil servant"),
            RUPIAH,
            lambda f: f.asn_spending_per_asn,
            normalised=True,
        ),
        compare(
            "commitment_realised",
            _("Goods and services budget realised with micro and small enterprises"),
            PERCENT,
            lambda f: f.realised_share,
            normalised=True,
        ),
    ]
    return PartnerDashboard(year=year, own=own, partner=theirs, comparisons=comparisons)
