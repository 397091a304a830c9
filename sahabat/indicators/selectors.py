"""Reads for indicators, scoped to the caller's regions: values, status from the pace, and the chart's series.

The value of an indicator for a target is read on the target's "as-of" day: today, or the period's last
day once the period is over. A manual indicator takes its latest realisation within the period up to
that day; a computed one asks `computations.computation_value`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.indicators.computations import COMPUTATIONS, FLOW, Computation, computation_value
from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation
from sahabat.indicators.pace import Status, expected_value, pace
from sahabat.purchasing.models import Agency
from sahabat.purchasing.selectors import agency_list
from sahabat.regions.models import Region

SEARCH_WORDS = 6


def indicators_for(actor: Actor, permission: str = Perm.INDICATORS_VIEW) -> QuerySet[Indicator]:
    """The scoping entry point for indicators."""
    return restrict(Indicator, actor, permission).select_related("region", "owner_agency")


@dataclass(frozen=True)
class IndicatorFilters:
    search: str = ""
    kind: str = ""
    agency_id: int | None = None
    # A pace status (pace.Status); applied after the statuses are worked out, see `indicator_overview`.
    status: str = ""


def indicator_list(
    *, actor: Actor, region: Region, filters: IndicatorFilters = IndicatorFilters()
) -> QuerySet:
    indicators = indicators_for(actor).filter(region=region)
    for word in filters.search.split()[:SEARCH_WORDS]:
        indicators = indicators.filter(
            Q(name__icontains=word) | Q(source__icontains=word) | Q(description__icontains=word)
        )
    if filters.kind:
        indicators = indicators.filter(kind=filters.kind)
    if filters.agency_id:
        indicators = indicators.filter(owner_agency_id=filters.agency_id)
    return indicators.order_by("name", "pk")


def indicator_get(*, actor: Actor, indicator_id: int, permission: str = Perm.INDICATORS_VIEW) -> Indicator:
    return indicators_for(actor, permission).get(pk=indicator_id)


def target_list(*, actor: Actor, indicator: Indicator) -> QuerySet[IndicatorTarget]:
    return restrict(IndicatorTarget, actor, Perm.INDICATORS_VIEW).filter(indicator=indicator)


def target_get(*, actor: Actor, target_id: int, permission: str = Perm.INDICATORS_VIEW) -> IndicatorTarget:
    return (
        restrict(IndicatorTarget, actor, permission)
        .select_related("indicator", "indicator__region")
        .get(pk=target_id)
    )


def realisation_list(*, actor: Actor, indicator: Indicator) -> QuerySet[Realisation]:
    return (
        restrict(Realisation, actor, Perm.INDICATORS_VIEW)
        .filter(indicator=indicator)
        .order_by("-measured_on")
    )


def realisation_get(
    *, actor: Actor, realisation_id: int, permission: str = Perm.INDICATORS_VIEW
) -> Realisation:
    return restrict(Realisation, actor, permission).select_related("indicator").get(pk=realisation_id)


def region_agencies(*, actor: Actor, region: Region) -> QuerySet[Agency]:
    """The agencies an indicator may belong to: the region's active ones, read through purchasing."""
    return agency_list(actor=actor, region=region).filter(is_active=True)


def region_today(region: Region) -> date:
    return timezone.localdate(timezone=region.tzinfo)


def computation_of(indicator: Indicator) -> Computation | None:
    return COMPUTATIONS.get(indicator.computation) if indicator.kind == Indicator.Kind.COMPUTED else None


def _manual_value(
    actor: Actor, indicator: Indicator, since: date, until: date
) -> tuple[Decimal | None, date | None]:
    latest = (
        restrict(Realisation, actor, Perm.INDICATORS_VIEW)
        .filter(indicator=indicator, measured_on__gte=since, measured_on__lte=until)
        .order_by("-measured_on")
        .values_list("value", "measured_on")
        .first()
    )
    return latest or (None, None)


def indicator_value(
    *, actor: Actor, indicator: Indicator, since: date, until: date
) -> tuple[Decimal | None, date | None]:
    """(value, the day it describes) between two dates; (None, None) when there is none."""
    if indicator.kind == Indicator.Kind.MANUAL:
        return _manual_value(actor, indicator, since, until)
    value = computation_value(
        indicator.computation, actor=actor, region=indicator.region, since=since, until=until
    )
    return value, (until if value is not None else None)


@dataclass(frozen=True)
class TargetProgress:
    target: IndicatorTarget
    as_of: date
    value: Decimal | None
    measured_on: date | None
    expected: Decimal
    status: str
    # Realised ÷ expected (or the inverse when lower is better), as a percentage; None without a divisor.
    pace_percent: Decimal | None

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def is_final(self) -> bool:
        """The period is over: the status is its outcome, not a forecast."""
        return self.as_of == self.target.period_end


def target_progress(
    *, actor: Actor, indicator: Indicator, target: IndicatorTarget, today: date
) -> TargetProgress:
    """Where one target stands on today's date (or at the end of its period, once it is over)."""
    as_of = min(today, target.period_end)
    if today < target.period_start:
        value, measured_on = None, None
    else:
        value, measured_on = indicator_value(
            actor=actor, indicator=indicator, since=target.period_start, until=as_of
        )
    result = pace(
        realised=value,
        baseline=target.baseline,
        target=target.target,
        start=target.period_start,
        end=target.period_end,
        as_of=as_of,
        direction=indicator.direction,
    )
    return TargetProgress(
        target=target,
        as_of=as_of,
        value=value,
        measured_on=measured_on,
        expected=result.expected,
        status=result.status,
        pace_percent=result.ratio * 100 if result.ratio is not None else None,
    )


def current_target(targets: list[IndicatorTarget], today: date) -> IndicatorTarget | None:
    """The target whose period holds today; else the one that ended last; else the next to start."""
    running = [target for target in targets if target.period_start <= today <= target.period_end]
    if running:
        return min(running, key=lambda target: target.period_end)
    ended = [target for target in targets if target.period_end < today]
    if ended:
        return max(ended, key=lambda target: target.period_end)
    return min(targets, key=lambda target: target.period_start, default=None)


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    progress: TargetProgress | None


def indicator_rows(*, actor: Actor, indicators, today: date) -> list[IndicatorRow]:
    """Each indicator with the progress of its current target, for the list page (one page at a time)."""
    indicators = list(indicators)
    targets: dict[int, list[IndicatorTarget]] = {indicator.pk: [] for indicator in indicators}
    for target in restrict(IndicatorTarget, actor, Perm.INDICATORS_VIEW).filter(indicator__in=indicators):
        targets[target.indicator_id].append(target)
    rows = []
    for indicator in indicators:
        target = current_target(targets[indicator.pk], today)
        progress = (
            target_progress(actor=actor, indicator=indicator, target=target, today=today) if target else None
        )
        rows.append(IndicatorRow(indicator, progress))
    return rows


def indicator_overview(
    *, actor: Actor, region: Region, filters: IndicatorFilters = IndicatorFilters(), today: date
) -> tuple[list[IndicatorRow], list[tuple[str, str, int]]]:
    """The list page: rows matching the filters, and how many of the rows (before the status filter) stand
    at each status."""
    rows = indicator_rows(
        actor=actor, indicators=indicator_list(actor=actor, region=region, filters=filters), today=today
    )
    counts = status_counts(rows)
    if filters.status:
        rows = [row for row in rows if row.progress is not None and row.progress.status == filters.status]
    return rows, counts


def status_counts(rows: list[IndicatorRow]) -> list[tuple[str, str, int]]:
    """(status, label, how many indicators) over the rows, for the headline figures."""
    counts = dict.fromkeys(Status.values, 0)
    for row in rows:
        if row.progress is not None:
            counts[row.progress.status] += 1
    return [(status, label, counts[status]) for status, label in Status.choices]


def checkpoints(start: date, end: date) -> list[date]:
    """The last day of each month of the period, and the period's last day."""
    days, day = [], start
    while day <= end:
        month_end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        days.append(min(month_end, end))
        day = month_end + timedelta(days=1)
    return days


@dataclass(frozen=True)
class SeriesPoint:
    day: date
    expected: Decimal
    # The realisation on that day, or None for a day not measured (a future month, a month without a value,
    # or any day but the last for a computed figure that has no history).
    value: Decimal | None


def progress_series(
    *, actor: Actor, indicator: Indicator, target: IndicatorTarget, today: date
) -> list[SeriesPoint]:
    """Month by month over the period: the pro-rated target, and the realisation where it is known."""
    days = checkpoints(target.period_start, target.period_end)
    as_of = min(today, target.period_end)
    # Past months are measured on their last day, the month holding today on today, later months not at all.
    measure_on = {day: day for day in days if day <= as_of}
    if today >= target.period_start:
        measure_on[next(day for day in days if day >= as_of)] = as_of
    computation = computation_of(indicator)
    values: dict[date, Decimal | None] = {}
    if indicator.kind == Indicator.Kind.MANUAL:
        realisations = list(
            restrict(Realisation, actor, Perm.INDICATORS_VIEW)
            .filter(indicator=indicator, measured_on__gte=target.period_start, measured_on__lte=as_of)
            .order_by("measured_on")
            .values_list("measured_on", "value")
        )
        for checkpoint, day in measure_on.items():
            known = [value for measured_on, value in realisations if measured_on <= day]
            values[checkpoint] = known[-1] if known else None
    else:
        # A flow can be read for any past day; a snapshot or an annual figure only for the last one.
        measured = measure_on if computation.measure == FLOW else dict(list(measure_on.items())[-1:])
        for checkpoint, day in measured.items():
            values[checkpoint] = computation_value(
                indicator.computation,
                actor=actor,
                region=indicator.region,
                since=target.period_start,
                until=day,
            )
    return [
        SeriesPoint(
            day=day,
            expected=expected_value(
                baseline=target.baseline,
                target=target.target,
                start=target.period_start,
                end=target.period_end,
                as_of=day,
            ),
            value=values.get(day),
        )
        for day in days
    ]


@dataclass(frozen=True)
class PublicRealisation:
    region_code: str
    region_name: str
    indicator: str
    unit: str
    measured_on: date
    value: Decimal


def realisations_public() -> list[PublicRealisation]:
    """Recorded realisations of every region's indicators (region-level figures, no personal data)."""
    rows = Realisation.unscoped.select_related("indicator__region").order_by(
        "indicator__region__code", "indicator__name", "measured_on", "pk"
    )
    return [
        PublicRealisation(
            region_code=row.indicator.region.code,
            region_name=row.indicator.region.name,
            indicator=row.indicator.name,
            unit=row.indicator.unit,
            measured_on=row.measured_on,
            value=row.value,
        )
        for row in rows
    ]
