"""Live progress of an event against its targets, read from the rollups only (never the sales ledger).

The rollups (EventHourly, BoothTotal, GateHourly) are kept in step with the ledger inside the
ingestion transaction, so they are exact and small: a few thousand rows for a two-week window
however many millions of sales it holds. Eight short queries build the whole dashboard (seven for
the public board, which has no top-enterprise list).

Two readers use it: officers holding EVENTS_VIEW in the host region (`event_progress`), and the
public big-screen board (`event_progress_public`), which shows aggregates only; see that function
for what it leaves out and why.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connections
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.core.errors import NotFound
from sahabat.dedupe.selectors import golden_record
from sahabat.events.models import BoothTotal, BuyerType, Event, EventHourly, GateHourly, PaymentMethod, Zone
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Sector

TOP_ENTERPRISES = 10
# On the public board a zone, sector or origin region is shown on its own only when at least this
# many enterprises sold in it; otherwise its figure would be one or two businesses' takings.
PUBLIC_MIN_ENTERPRISES = 3
# A run-rate over less than an hour of data swings wildly; below it there is no projection.
MIN_HOURS_FOR_RATE = 1


class Phase:
    UPCOMING = "upcoming"
    BEFORE_MAIN_DAYS = "before_main_days"
    MAIN_DAYS = "main_days"
    AFTER_MAIN_DAYS = "after_main_days"
    ENDED = "ended"


@dataclass(frozen=True)
class Group:
    """One line of a breakdown (a zone, a sector, an origin region, a payment method, a buyer type)."""

    key: str
    label: str
    turnover: int
    sales_count: int
    # Enterprises that sold in the group; zero for payment methods and buyer types, which cut across them.
    enterprises: int
    # Percentage of the event's turnover.
    share: float


@dataclass(frozen=True)
class TopEnterprise:
    enterprise_id: int
    name: str
    origin: str
    sector: str
    booths: tuple[str, ...]
    turnover: int
    sales_count: int


@dataclass(frozen=True)
class HourPoint:
    """One local hour (0–23) of the series day."""

    hour: int
    turnover: int
    sales_count: int
    visitors: int


@dataclass(frozen=True)
class DayPoint:
    day: date
    turnover: int
    sales_count: int
    visitors: int
    is_main_day: bool


@dataclass(frozen=True)
class EventProgress:
    event_id: int
    name: str
    venue: str
    region_name: str
    timezone_abbreviation: str
    status: str
    public: bool
    as_of: datetime  # local time in the region's zone
    window_start: date
    window_end: date
    main_start: date
    main_end: date
    phase: str

    turnover: int
    sales_count: int
    visitors: int
    target_turnover: int
    target_visitors: int
    turnover_share: float | None  # percentage of the target; None without a target
    visitor_share: float | None

    days_total: int
    days_elapsed: int
    days_remaining: int
    main_days_total: int
    main_days_elapsed: int
    main_days_remaining: int

    turnover_needed_per_day: int | None
    visitors_needed_per_day: int | None
    turnover_rate_per_day: int | None
    visitors_rate_per_day: int | None
    turnover_projection: int | None
    visitors_projection: int | None

    series_day: date
    hourly: tuple[HourPoint, ...]
    daily: tuple[DayPoint, ...]
    by_zone: tuple[Group, ...]
    by_sector: tuple[Group, ...]
    by_origin: tuple[Group, ...]
    by_payment_method: tuple[Group, ...]
    by_buyer_type: tuple[Group, ...]
    top_enterprises: tuple[TopEnterprise, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return self.sales_count == 0 and self.turnover == 0 and self.visitors == 0

    @property
    def average_sale(self) -> int | None:
        return round(self.turnover / self.sales_count) if self.sales_count > 0 else None

    @property
    def day_number(self) -> int | None:
        """Which day of the reporting window today is (1 on the first day); None outside the window."""
        in_window = self.phase not in (Phase.UPCOMING, Phase.ENDED)
        return self.days_elapsed + 1 if in_window else None


def event_progress(*, actor: Actor, event_id: int, now: datetime | None = None) -> EventProgress:
    """Everything the officers' dashboard shows, for an event in a region where the actor holds EVENTS_VIEW.

    Targets and their periods: the turnover target covers the reporting window (one week before to
    one week after, at the Jember Fashion Carnaval); the visitor target covers the main days
    ("1,000,000 visitors in 3 days"). Visitors counted outside the main days still count toward it.

    Days: `*_days_elapsed` are the days of the period wholly before today (in the region's zone) and
    `*_days_remaining` the rest, today included, so that the two add up to the period's length.

    Pace needed: what is still missing to the target divided by the remaining days of its period,
    rounded up; 0 once the target is reached; None without a target or once the period is over.

    Run-rate and projection: a straight line, nothing cleverer. The run-rate is what the period has
    brought so far divided by the hours of the period elapsed up to `now`; the projection adds that
    rate over the period's remaining hours to the total so far. It knows nothing about crowds peaking
    on the carnival days, late batches from offline phones, or nights with the stalls closed, so it
    is a "where the current pace leads", not a forecast. There is no projection before any data or
    before the period has run for an hour, and after the period it is the final figure.
    """
    event = restrict(Event, actor, Perm.EVENTS_VIEW).select_related("region").filter(pk=event_id).first()
    if event is None:
        raise NotFound("event.unknown", _("This event does not exist in your region."))
    return _progress(event, now=now, public=False)


def event_progress_public(*, event_id: int, now: datetime | None = None) -> EventProgress:
    """The public big-screen board: a published event's aggregates, nothing that points at a business.

    Left out on purpose:
    - the top-enterprise list. Business names are public on the booth signs, but a ranking of
      named micro enterprises by takings is their business information, and many UMKM are named
      after their owner ("Bu Tutik"), so the ranking stays on the officers' dashboard;
    - any zone, sector or origin region where fewer than PUBLIC_MIN_ENTERPRISES enterprises sold:
      such groups are folded into "Others" (and the smallest remaining group joins them while
      "Others" is still that small, so that no small group can be worked out by subtraction).
      One Sarolangun UMKM at the Jember carnival is therefore not shown as "Kabupaten Sarolangun".
    Payment methods and buyer types cut across all enterprises and are shown as they are.
    """
    # The board is open to anyone, so no actor can scope it: it reads only a published event's
    # own rows, and the rollups it reads hold no personal data.
    event = (
        Event.objects.with_scopes_disabled()
        .select_related("region")
        .filter(pk=event_id, status=Event.Status.PUBLISHED)
        .first()
    )
    if event is None:
        raise NotFound("event.unknown", _("This event does not exist or is not published."))
    return _progress(event, now=now, public=True)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _split_days(first: date, last: date, today: date) -> tuple[int, int, int]:
    """(total, elapsed, remaining) days of [first, last]; elapsed are wholly before today."""
    total = (last - first).days + 1
    elapsed = min(total, max(0, (today - first).days))
    return total, elapsed, total - elapsed


def _needed_per_day(target: int, achieved: int, days_remaining: int) -> int | None:
    if target <= 0 or days_remaining <= 0:
        return None
    return math.ceil(max(0, target - achieved) / days_remaining)


def _rate_and_projection(
    *, achieved_in_period: int, achieved_total: int, starts: datetime, ends: datetime, now: datetime
) -> tuple[int | None, int | None]:
    """(run-rate per day, projection at the end of the period); see event_progress for the method."""
    moment = min(max(now, starts), ends)
    elapsed_hours = (moment - starts).total_seconds() / 3600
    remaining_hours = (ends - moment).total_seconds() / 3600
    if achieved_in_period <= 0 or elapsed_hours < MIN_HOURS_FOR_RATE:
        return None, None
    per_hour = achieved_in_period / elapsed_hours
    return round(per_hour * 24), round(achieved_total + per_hour * remaining_hours)


def _phase(event: Event, now: datetime, today: date) -> str:
    if now < event.window_starts_at:
        return Phase.UPCOMING
    if now >= event.window_ends_at:
        return Phase.ENDED
    if today < event.main_start:
        return Phase.BEFORE_MAIN_DAYS
    if today <= event.main_end:
        return Phase.MAIN_DAYS
    return Phase.AFTER_MAIN_DAYS


def _share(part: int, whole: int) -> float:
    return part / whole * 100 if whole > 0 else 0.0


class _Totals:
    """Running sums of one group while the rollup rows are read."""

    __slots__ = ("enterprises", "sales_count", "turnover")

    def __init__(self):
        self.turnover = 0
        self.sales_count = 0
        self.enterprises: set[int] = set()


def _groups(totals: dict, labels: dict, turnover: int) -> list[Group]:
    return [
        Group(
            key=str(key),
            label=str(labels.get(key, key)),
            turnover=group.turnover,
            sales_count=group.sales_count,
            enterprises=len(group.enterprises),
            share=_share(group.turnover, turnover),
        )
        for key, group in totals.items()
    ]


def _largest_first(groups) -> tuple[Group, ...]:
    return tuple(sorted(groups, key=lambda group: (-group.turnover, group.label)))


def _fold_small_groups(
    groups: list[Group], members: dict[str, set], *, others_label: str, turnover: int
) -> tuple[Group, ...]:
    """Fold groups with too few enterprises into "Others" until no small group can be told apart."""
    kept = sorted(groups, key=lambda group: (-group.enterprises, -group.turnover))
    folded: list[Group] = []
    while kept and kept[-1].enterprises < PUBLIC_MIN_ENTERPRISES:
        folded.append(kept.pop())
    others = set().union(*(members[group.key] for group in folded))
    while folded and kept and len(others) < PUBLIC_MIN_ENTERPRISES:
        smallest = kept.pop()
        folded.append(smallest)
        others |= members[smallest.key]
    if not kept:
        # Everything would be "Others": a breakdown into one line tells nothing.
        return ()
    result = list(_largest_first(kept))
    if folded:
        others_turnover = sum(group.turnover for group in folded)
        result.append(
            Group(
                key="others",
                label=others_label,
                turnover=others_turnover,
                sales_count=sum(group.sales_count for group in folded),
                enterprises=len(others),
                share=_share(others_turnover, turnover),
            )
        )
    return tuple(result)


def _plain_rows(queryset) -> list[tuple]:
    """The queryset's rows as the database driver returns them.

    For a booth-sized result (thousands of rows) Django's per-row machinery costs several times
    the query itself, and the dashboard must answer within 100 ms. Only for integer and text
    columns, which need no conversion; the SQL, joins and scope still come from the ORM.
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _progress(event: Event, *, now: datetime | None, public: bool) -> EventProgress:
    zone_info = event.region.tzinfo
    now = now or timezone.now()
    local_now = now.astimezone(zone_info)
    today = local_now.date()
    region_scope = [event.region_id]

    hourly_sales = (
        EventHourly.objects.with_scope(region=region_scope)
        .filter(event=event)
        .values("hour")
        .annotate(count=Sum("sales_count"), total=Sum("turnover"))
        .order_by()
    )
    hourly_visitors = (
        GateHourly.objects.with_scope(region=region_scope)
        .filter(event=event)
        .values("hour")
        .annotate(total=Sum("visitors"))
        .order_by()
    )
    # Indonesian zones are whole hours from UTC, so each UTC hour bucket is exactly one local hour.
    per_hour: dict[tuple[date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in hourly_sales:
        local = row["hour"].astimezone(zone_info)
        bucket = per_hour[(local.date(), local.hour)]
        bucket[0] += row["total"]
        bucket[1] += row["count"]
    for row in hourly_visitors:
        local = row["hour"].astimezone(zone_info)
        per_hour[(local.date(), local.hour)][2] += row["total"]

    per_day: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (day, _hour), values in per_hour.items():
        for index, value in enumerate(values):
            per_day[day][index] += value
    turnover, sales_count, visitors = (sum(day[index] for day in per_day.values()) for index in range(3))
    visitors_in_main_days = sum(
        values[2] for day, values in per_day.items() if event.main_start <= day <= event.main_end
    )
    series_day = min(max(today, event.window_start), event.window_end)
    hourly = tuple(HourPoint(hour, *per_hour.get((series_day, hour), (0, 0, 0))) for hour in range(24))
    daily = tuple(
        DayPoint(day, *per_day.get(day, (0, 0, 0)), is_main_day=event.main_start <= day <= event.main_end)
        for day in _days(event.window_start, event.window_end)
    )

    days_total, days_elapsed, days_remaining = _split_days(event.window_start, event.window_end, today)
    main_total, main_elapsed, main_remaining = _split_days(event.main_start, event.main_end, today)
    turnover_rate, turnover_projection = _rate_and_projection(
        achieved_in_period=turnover,
        achieved_total=turnover,
        starts=event.window_starts_at,
        ends=event.window_ends_at,
        now=now,
    )
    visitors_rate, visitors_projection = _rate_and_projection(
        achieved_in_period=visitors_in_main_days,
        achieved_total=visitors,
        starts=event.local_start(event.main_start),
        ends=event.local_start(event.main_end + timedelta(days=1)),
        now=now,
    )

    by_payment, by_buyer = _payment_and_buyer(event, region_scope, turnover)
    by_zone, by_sector, by_origin, top = _booth_breakdowns(event, region_scope, turnover, public=public)

    return EventProgress(
        event_id=event.pk,
        name=event.name,
        venue=event.venue,
        region_name=event.region.name,
        timezone_abbreviation=event.region.timezone_abbreviation,
        status=event.status,
        public=public,
        as_of=local_now,
        window_start=event.window_start,
        window_end=event.window_end,
        main_start=event.main_start,
        main_end=event.main_end,
        phase=_phase(event, now, today),
        turnover=turnover,
        sales_count=sales_count,
        visitors=visitors,
        target_turnover=event.target_turnover,
        target_visitors=event.target_visitors,
        turnover_share=_share(turnover, event.target_turnover) if event.target_turnover > 0 else None,
        visitor_share=_share(visitors, event.target_visitors) if event.target_visitors > 0 else None,
        days_total=days_total,
        days_elapsed=days_elapsed,
        days_remaining=days_remaining,
        main_days_total=main_total,
        main_days_elapsed=main_elapsed,
        main_days_remaining=main_remaining,
        turnover_needed_per_day=_needed_per_day(event.target_turnover, turnover, days_remaining),
        visitors_needed_per_day=_needed_per_day(event.target_visitors, visitors, main_remaining),
        turnover_rate_per_day=turnover_rate,
        visitors_rate_per_day=visitors_rate,
        turnover_projection=turnover_projection,
        visitors_projection=visitors_projection,
        series_day=series_day,
        hourly=hourly,
        daily=daily,
        by_zone=by_zone,
        by_sector=by_sector,
        by_origin=by_origin,
        by_payment_method=by_payment,
        by_buyer_type=by_buyer,
        top_enterprises=top,
    )


def _payment_and_buyer(event: Event, region_scope: list[int], turnover: int) -> tuple[tuple, tuple]:
    by_payment: dict[str, _Totals] = defaultdict(_Totals)
    by_buyer: dict[str, _Totals] = defaultdict(_Totals)
    for row in (
        EventHourly.objects.with_scope(region=region_scope)
        .filter(event=event)
        .values("payment_method", "buyer_type")
        .annotate(count=Sum("sales_count"), total=Sum("turnover"))
        .order_by()
    ):
        for group in (by_payment[row["payment_method"]], by_buyer[row["buyer_type"]]):
            group.turnover += row["total"]
            group.sales_count += row["count"]
    # Payment methods and buyers cut across enterprises: no enterprise count for them.
    return (
        _largest_first(_groups(by_payment, dict(PaymentMethod.choices), turnover)),
        _largest_first(_groups(by_buyer, dict(BuyerType.choices), turnover)),
    )


def _booth_breakdowns(event: Event, region_scope: list[int], turnover: int, *, public: bool):
    """Zones, sectors, origin regions and (for officers) the top enterprises, in one pass over BoothTotal."""
    zones = {
        pk: f"{code} · {name}"
        for pk, code, name in Zone.objects.with_scope(region=region_scope)
        .filter(event=event)
        .values_list("pk", "code", "name")
    }
    by_zone: dict[int, _Totals] = defaultdict(_Totals)
    if not public:
        # Officers see every zone, also one where nothing has been sold yet.
        by_zone.update({pk: _Totals() for pk in zones})
    by_sector: dict[str, _Totals] = defaultdict(_Totals)
    by_origin: dict[int, _Totals] = defaultdict(_Totals)
    enterprise_turnover: dict[int, int] = defaultdict(int)
    enterprise_sales: dict[int, int] = defaultdict(int)
    rows = _plain_rows(
        BoothTotal.objects.with_scope(region=region_scope)
        .filter(event=event)
        # The ledger keeps the enterprise that sold; a record merged since counts as its golden record.
        .annotate(
            seller=golden_record(),
            seller_sector=golden_record(field="sector"),
            seller_region=golden_record(field="region"),
        )
        .values_list(
            "booth__zone_id",
            "booth__code",
            "seller",
            "seller_sector",
            "seller_region",
            "sales_count",
            "turnover",
        )
    )
    for zone_id, _booth, enterprise_id, sector, region_id, sales_count, total in rows:
        for group in (by_zone[zone_id], by_sector[sector], by_origin[region_id]):
            group.turnover += total
            group.sales_count += sales_count
            group.enterprises.add(enterprise_id)
        enterprise_turnover[enterprise_id] += total
        enterprise_sales[enterprise_id] += sales_count
    origins = dict(Region.objects.filter(pk__in=list(by_origin)).values_list("pk", "name"))
    sectors = dict(Sector.choices)
    breakdowns = [
        (_groups(by_zone, zones, turnover), by_zone, _("Other zones")),
        (_groups(by_sector, sectors, turnover), by_sector, _("Other sectors")),
        (_groups(by_origin, origins, turnover), by_origin, _("Other regions")),
    ]
    if public:
        return (
            *(
                _fold_small_groups(
                    groups,
                    {str(key): group.enterprises for key, group in totals.items()},
                    others_label=others,
                    turnover=turnover,
                )
                for groups, totals, others in breakdowns
            ),
            (),
        )
    return (
        *(_largest_first(groups) for groups, _totals, _others in breakdowns),
        _top_enterprises(enterprise_turnover, enterprise_sales, rows, sectors),
    )


def _top_enterprises(
    turnover: dict, sales: dict, rows: list[tuple], sectors: dict
) -> tuple[TopEnterprise, ...]:
    top = heapq.nsmallest(TOP_ENTERPRISES, turnover, key=lambda pk: (-turnover[pk], pk))
    booths: dict[int, list[str]] = {pk: [] for pk in top}
    for _zone, booth, enterprise_id, *_rest in rows:
        if enterprise_id in booths:
            booths[enterprise_id].append(booth)
    # Enterprises of any region sell at the host's event once the host has approved them, so the
    # host's officers see their business name, sector and region here (never their owners).
    details = {
        pk: (name, sector, origin)
        for pk, name, sector, origin in Enterprise.objects.with_scopes_disabled()
        .filter(pk__in=top)
        .values_list("pk", "name", "sector", "region__name")
    }
    return tuple(
        TopEnterprise(
            enterprise_id=pk,
            name=details[pk][0],
            origin=details[pk][2],
            sector=str(sectors.get(details[pk][1], details[pk][1])),
            booths=tuple(sorted(booths[pk])),
            turnover=turnover[pk],
            sales_count=sales[pk],
        )
        for pk in top
    )
