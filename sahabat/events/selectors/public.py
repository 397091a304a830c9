"""Reads for anyone: published events and their daily figures, for the public portal and open data.

The figures come from `event_progress_public` (the big-screen board's selector), so the portal and the
board can never disagree. A day is only published with the number of enterprises that sold on it, so
that the open data can hold back the days where too few sold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from sahabat.dedupe.selectors import golden_record
from sahabat.events.models import BoothTotal, Event, SalesHourly
from sahabat.events.selectors.progress import event_progress_public


def published_events() -> QuerySet[Event]:
    """Published events of every region, newest first."""
    return (
        Event.objects.with_scopes_disabled()
        .filter(status=Event.Status.PUBLISHED)
        .select_related("region")
        .order_by("-main_start", "name", "pk")
    )


@dataclass(frozen=True)
class PublicEventDay:
    event_id: int
    event_name: str
    region_code: str
    region_name: str
    day: date
    is_main_day: bool
    turnover: int
    sales_count: int
    visitors: int
    # Distinct enterprises with at least one sale on the day (local time of the host region).
    enterprises: int


def _sellers_per_day(event: Event) -> dict[date, int]:
    # A record merged since its sales counts as its golden record: a merged pair is one seller.
    holder = dict(
        BoothTotal.objects.with_scopes_disabled()
        .filter(event=event)
        .annotate(seller=golden_record())
        .values_list("booth_id", "seller")
    )
    zone = event.region.tzinfo
    sellers: dict[date, set] = defaultdict(set)
    for booth_id, hour in (
        SalesHourly.objects.with_scopes_disabled()
        .filter(event=event, sales_count__gt=0)
        .values_list("booth_id", "hour")
    ):
        sellers[hour.astimezone(zone).date()].add(holder.get(booth_id, ("booth", booth_id)))
    return {day: len(members) for day, members in sellers.items()}


def event_days_public() -> list[PublicEventDay]:
    """Every day of the reporting window of every published event, with its turnover and visitors."""
    days = []
    for event in published_events():
        progress = event_progress_public(event_id=event.pk)
        sellers = _sellers_per_day(event)
        days.extend(
            PublicEventDay(
                event_id=event.pk,
                event_name=event.name,
                region_code=event.region.code,
                region_name=event.region.name,
                day=point.day,
                is_main_day=point.is_main_day,
                turnover=point.turnover,
                sales_count=point.sales_count,
                visitors=point.visitors,
                enterprises=sellers.get(point.day, 0),
            )
            for point in progress.daily
        )
    return days
