"""Reads for the booth cashier page: the event a cashier may record into, its booths, today's booth total."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Sum
from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.events.models import Event, Participation, SalesHourly
from sahabat.events.services.ledger import event_for_recording


@dataclass(frozen=True)
class CashierBooth:
    code: str
    enterprise_name: str


@dataclass(frozen=True)
class BoothDay:
    booth: str
    day: date
    turnover: int
    sales_count: int


def cashier_event(*, actor: Actor, event_id: int) -> Event:
    """The event, if the actor may record sales into it now; the ledger's own rule, so page and API agree."""
    return event_for_recording(actor=actor, event_id=event_id, permission=Perm.SALES_RECORD)


def cashier_booths(*, actor: Actor, event: Event) -> list[CashierBooth]:
    """Booths with an approved enterprise (of any region): the only ones the ledger accepts sales for."""
    rows = (
        restrict(Participation, actor, Perm.SALES_RECORD)
        .filter(event=event, status=Participation.Status.APPROVED, booth__isnull=False)
        .order_by("booth__code")
        .values_list("booth__code", "enterprise__name")
    )
    return [CashierBooth(code=code, enterprise_name=name) for code, name in rows]


def booth_today_total(*, actor: Actor, event: Event, booth_code: str) -> BoothDay:
    """Turnover and sale count of one booth since midnight in the event region's zone.

    Read from the hourly rollup rather than the ledger: a busy booth has thousands of sales a day
    and the page asks every few seconds. Rollup hours are UTC hours; every Indonesian zone (WIB,
    WITA, WIT) is a whole number of hours from UTC, so local midnight is always an hour boundary.
    """
    zone = event.region.tzinfo
    today = timezone.localdate(timezone.now(), zone)
    start = datetime.combine(today, time.min, tzinfo=zone)
    totals = (
        restrict(SalesHourly, actor, Perm.SALES_RECORD)
        .filter(event=event, booth__code=booth_code, hour__gte=start, hour__lt=start + timedelta(days=1))
        .aggregate(turnover=Sum("turnover"), sales_count=Sum("sales_count"))
    )
    return BoothDay(
        booth=booth_code,
        day=today,
        turnover=totals["turnover"] or 0,
        sales_count=totals["sales_count"] or 0,
    )
