"""Realistic sales and gate-count streams for an event like the Jember Fashion Carnaval.

Pure: no database and no clock. The same plan always gives the same stream, so an interrupted
replay that is run again resends the same client UUIDs (and the ledger counts them once), and the
demo is the same on every machine. The turnover is split over the opening hours and then over the
sales of each hour with whole-rupiah remainders handed out deterministically, and the visitors
likewise over gates and counting periods, so the totals are exactly what was asked for.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property
from itertools import accumulate
from typing import NamedTuple

# Booth prices end in whole Rp500 steps, as on a price tag; one sale an hour absorbs the rest.
PRICE_STEP = 500
# Above this a carnival booth ticket (a costume, a batik cloth) is no longer plausible.
MAX_TICKET = 15_000_000
GATE_PERIOD = timedelta(minutes=15)
GATES = (
    "Gerbang Alun-alun",
    "Gerbang Jl. Sultan Agung",
    "Gerbang Jl. Gajah Mada",
    "Gerbang GOR PKPSO",
)
# The square and the start of the route draw more people than the end of it.
GATE_WEIGHTS = (0.34, 0.26, 0.22, 0.18)


@dataclass(frozen=True)
class TicketSize:
    """Log-normal ticket size: half the sales are below `median`; `sigma` sets the long tail."""

    median: int
    sigma: float

    @property
    def mean(self) -> float:
        return self.median * math.exp(self.sigma**2 / 2)


# By the enterprise's register sector: snacks and drinks are small tickets, batik, costumes and
# crafts fewer and larger. With the long tails the average ticket comes to about Rp110.000 for a
# food-heavy booth mix and Rp150.000 for one rich in fashion and craft.
TICKET_SIZES = {
    "food": TicketSize(30_000, 1.4),
    "fashion": TicketSize(75_000, 1.6),
    "craft": TicketSize(65_000, 1.6),
    "agriculture": TicketSize(45_000, 1.3),
    "fishery": TicketSize(35_000, 1.2),
    "livestock": TicketSize(45_000, 1.2),
    "manufacturing": TicketSize(50_000, 1.4),
    "trade": TicketSize(40_000, 1.4),
    "services": TicketSize(30_000, 1.2),
}
OTHER_TICKET = TicketSize(40_000, 1.3)

# Sales per local hour. On bazaar days the stalls open at nine and peak after the evening prayer;
# on main days they open earlier, fill up during the afternoon parade and peak again at night.
# fmt: off
BAZAAR_HOURS = {
    9: 3, 10: 5, 11: 7, 12: 9, 13: 8, 14: 7, 15: 8, 16: 10, 17: 12, 18: 15, 19: 19, 20: 18, 21: 12, 22: 5,
}
MAIN_DAY_HOURS = {
    8: 3, 9: 5, 10: 8, 11: 11, 12: 15, 13: 19, 14: 22, 15: 23, 16: 22, 17: 20,
    18: 21, 19: 26, 20: 25, 21: 19, 22: 11, 23: 4,
}
# People arriving at the gates on main days: before the parade starts, and again for the night shows.
GATE_HOURS = {
    8: 4, 9: 7, 10: 11, 11: 15, 12: 18, 13: 17, 14: 12, 15: 9, 16: 8, 17: 10,
    18: 14, 19: 15, 20: 10, 21: 5, 22: 2,
}
# fmt: on
# A main day sells several bazaar days' worth, rising towards the Grand Carnival on the last one.
MAIN_DAY_WEIGHT = 6.0
MAIN_DAY_RISE = 1.0
WEEKEND_WEIGHT = 1.4
# Visitors from out of town arrive for the days around the carnival.
NEAR_MAIN_DAYS = 2
NEAR_MAIN_DAY_WEIGHT = 1.5
# Civil servants buy from UMKM on working days (the regency's belanja ASN programme).
ASN_SHARE_WEEKDAY = 0.08
ASN_SHARE_WEEKEND = 0.03
ITEMS = (1, 2, 3, 4, 5, 6)
ITEM_WEIGHTS = (50, 25, 12, 6, 4, 3)
# (upper bound of the amount, cumulative shares of cash, QRIS, transfer; the rest is "other"):
# small tickets are mostly cash, large ones go by QRIS or bank transfer.
PAYMENT_MIX = (
    (50_000, (0.62, 0.97, 0.98)),
    (250_000, (0.45, 0.93, 0.98)),
    (None, (0.30, 0.80, 0.98)),
)
PAYMENT_METHODS = ("cash", "qris", "transfer", "other")


class SimulatedSale(NamedTuple):
    """The fields of `services.ledger.SaleIn`, so `SaleIn(**sale._asdict())` records it."""

    client_uuid: uuid.UUID
    booth: str
    amount: int
    occurred_at: datetime
    payment_method: str
    buyer_type: str
    items: int


class SimulatedCount(NamedTuple):
    """The fields of `services.ledger.VisitorCountIn`."""

    client_uuid: uuid.UUID
    gate: str
    period_start: datetime
    period_end: datetime
    count: int


@dataclass(frozen=True)
class BoothSpec:
    code: str
    sector: str


@dataclass(frozen=True)
class Plan:
    """What to simulate: the event's days (in its region's zone), the totals, the booths."""

    window_start: date
    window_end: date
    main_start: date
    main_end: date
    tzinfo: tzinfo
    turnover: int
    visitors: int
    booths: tuple[BoothSpec, ...]
    seed: int = 2023
    gates: tuple[str, ...] = GATES


@dataclass(frozen=True)
class Hour:
    """One opening hour of the event and its share of the totals."""

    index: int
    starts_at: datetime
    sales_count: int
    turnover: int
    visitors: int
    asn_share: float = field(default=0.0, compare=False)


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` in proportion to `weights` into whole numbers that add up to exactly `total`.

    Largest remainder method; ties go to the earlier index, so the split is deterministic.
    """
    weight_sum = sum(weights)
    if total < 0:
        raise ValueError("total must not be negative")
    if not weights or weight_sum <= 0:
        if total:
            raise ValueError("cannot split a non-zero total over no weight")
        return [0] * len(weights)
    shares = [total * weight / weight_sum for weight in weights]
    parts = [math.floor(share) for share in shares]
    left = total - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(shares[i] - parts[i]), i))
    for index in by_remainder[:left]:
        parts[index] += 1
    return parts


def exact_amounts(raw: Sequence[float], total: int) -> list[int]:
    """Scale raw ticket sizes to whole amounts of at least Rp1 that add up to exactly `total`.

    Amounts are rounded to the price step where the total leaves room for it; the difference that
    rounding leaves is taken from or given to the largest tickets, one step each, and what is left
    below one step goes to the largest ticket.
    """
    count = len(raw)
    if count == 0:
        if total:
            raise ValueError("cannot put a non-zero total on no sales")
        return []
    if total < count:
        raise ValueError("every sale needs at least Rp1")
    step = PRICE_STEP if total >= 4 * PRICE_STEP * count else 1
    factor = total / sum(raw) / step
    steps = [max(1, round(value * factor)) for value in raw]
    missing, rest = divmod(total - step * sum(steps), step)
    order = sorted(range(count), key=lambda i: (-steps[i], i))
    if missing > 0:
        whole, extra = divmod(missing, count)
        for position, index in enumerate(order):
            steps[index] += whole + (1 if position < extra else 0)
    while missing < 0:
        for index in order:
            if steps[index] > 1:
                steps[index] -= 1
                missing += 1
                if missing == 0:
                    break
    amounts = [value * step for value in steps]
    amounts[order[0]] += rest
    return amounts


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=offset) for offset in range((end - start).days + 1)]


class Simulation:
    """The hours of the event with their totals, and the sales and gate counts of each hour."""

    def __init__(self, plan: Plan):
        if plan.turnover < 0 or plan.visitors < 0:
            raise ValueError("turnover and visitors must not be negative")
        if plan.turnover and not plan.booths:
            raise ValueError("sales need at least one booth")
        self.plan = plan
        self._key = f"{plan.seed}:{plan.turnover}:{plan.visitors}:{len(plan.booths)}"

    def _rng(self, *parts) -> random.Random:
        return random.Random(":".join([self._key, *map(str, parts)]))

    @cached_property
    def _booth_popularity(self) -> list[float]:
        """Some booths draw queues, most do not: a log-normal spread, fixed per booth code."""
        return [
            random.Random(f"{self.plan.seed}:booth:{booth.code}").lognormvariate(0, 0.6)
            for booth in self.plan.booths
        ]

    @cached_property
    def _booth_cumulative(self) -> list[float]:
        return list(accumulate(self._booth_popularity))

    @cached_property
    def expected_ticket(self) -> float:
        """The average ticket that the booth mix and the sector ticket sizes lead to."""
        popularity = self._booth_popularity
        total = sum(popularity)
        return sum(
            weight / total * TICKET_SIZES.get(booth.sector, OTHER_TICKET).mean
            for weight, booth in zip(popularity, self.plan.booths, strict=True)
        )

    @cached_property
    def sales_count(self) -> int:
        turnover = self.plan.turnover
        if not turnover:
            return 0
        return min(turnover, max(1, round(turnover / self.expected_ticket)))

    def _day_weight(self, day: date) -> float:
        plan = self.plan
        if plan.main_start <= day <= plan.main_end:
            return MAIN_DAY_WEIGHT + MAIN_DAY_RISE * (day - plan.main_start).days
        weight = WEEKEND_WEIGHT if day.weekday() >= 5 else 1.0
        distance = (plan.main_start - day).days if day < plan.main_start else (day - plan.main_end).days
        return weight * (NEAR_MAIN_DAY_WEIGHT if distance <= NEAR_MAIN_DAYS else 1.0)

    def _visitor_day_weight(self, day: date) -> float:
        plan = self.plan
        if not plan.main_start <= day <= plan.main_end:
            return 0.0
        return 1.0 + 0.2 * (day - plan.main_start).days

    @cached_property
    def hours(self) -> list[Hour]:
        """Every opening hour in the window, in time order, each with its exact share of the totals."""
        plan = self.plan
        slots, sales_weights, visitor_weights = [], [], []
        noise = self._rng("hours")
        for day in _days(plan.window_start, plan.window_end):
            is_main = plan.main_start <= day <= plan.main_end
            curve = MAIN_DAY_HOURS if is_main else BAZAAR_HOURS
            for hour in sorted(curve.keys() | (GATE_HOURS.keys() if is_main else set())):
                # No two days are quite alike: a shower, a school holiday.
                jitter = noise.uniform(0.85, 1.15)
                slots.append(datetime.combine(day, time(hour), tzinfo=plan.tzinfo).astimezone(UTC))
                sales_weights.append(self._day_weight(day) * curve.get(hour, 0) * jitter)
                visitor_weights.append(self._visitor_day_weight(day) * GATE_HOURS.get(hour, 0) * jitter)
        counts = apportion(self.sales_count, sales_weights)
        turnovers = apportion(plan.turnover, counts) if self.sales_count else [0] * len(slots)
        visitors = apportion(plan.visitors, visitor_weights)
        return [
            Hour(
                index=index,
                starts_at=starts_at,
                sales_count=counts[index],
                turnover=turnovers[index],
                visitors=visitors[index],
                asn_share=ASN_SHARE_WEEKEND
                if starts_at.astimezone(plan.tzinfo).weekday() >= 5
                else ASN_SHARE_WEEKDAY,
            )
            for index, starts_at in enumerate(slots)
        ]

    def sales(self, hour: Hour) -> list[SimulatedSale]:
        """The sales of one hour in time order; their amounts add up to exactly `hour.turnover`."""
        if not hour.sales_count:
            return []
        rng = self._rng("sales", hour.index)
        booths = rng.choices(self.plan.booths, cum_weights=self._booth_cumulative, k=hour.sales_count)
        raw = []
        for booth in booths:
            size = TICKET_SIZES.get(booth.sector, OTHER_TICKET)
            raw.append(min(MAX_TICKET, size.median * rng.lognormvariate(0, size.sigma)))
        amounts = exact_amounts(raw, hour.turnover)
        seconds = sorted(rng.randrange(3600) for _ in booths)
        items = rng.choices(ITEMS, weights=ITEM_WEIGHTS, k=len(booths))
        sales = []
        for booth, amount, second, count in zip(booths, amounts, seconds, items, strict=True):
            sales.append(
                SimulatedSale(
                    client_uuid=time_ordered_uuid(hour.starts_at + timedelta(seconds=second), rng),
                    booth=booth.code,
                    amount=amount,
                    occurred_at=hour.starts_at + timedelta(seconds=second),
                    payment_method=_payment_method(amount, rng.random()),
                    buyer_type="asn" if rng.random() < hour.asn_share else "public",
                    items=count,
                )
            )
        return sales

    def counts(self, hour: Hour) -> list[SimulatedCount]:
        """The gate counts of one hour (every gate, every counting period); they add up to `hour.visitors`."""
        if not hour.visitors:
            return []
        rng = self._rng("gates", hour.index)
        periods = [hour.starts_at + GATE_PERIOD * step for step in range(timedelta(hours=1) // GATE_PERIOD)]
        slots = [(gate, start) for start in periods for gate in self.plan.gates]
        gate_weight = dict(zip(GATES, GATE_WEIGHTS, strict=True))
        weights = [
            gate_weight.get(gate, 1 / len(self.plan.gates)) * rng.uniform(0.8, 1.2) for gate, _ in slots
        ]
        return [
            SimulatedCount(
                client_uuid=time_ordered_uuid(start, rng),
                gate=gate,
                period_start=start,
                period_end=start + GATE_PERIOD,
                count=count,
            )
            for (gate, start), count in zip(slots, apportion(hour.visitors, weights), strict=True)
        ]


def time_ordered_uuid(moment: datetime, rng: random.Random) -> uuid.UUID:
    """A UUID whose leading 48 bits are the Unix time in milliseconds, like UUIDv7 (RFC 9562).

    Devices should make their client UUIDs this way: consecutive sales then land at the end of the
    ledger's unique index instead of at random places in it, so each batch dirties a few index pages
    rather than hundreds. The rest is random (74 bits), drawn from `rng` so that a replay is repeatable.
    """
    random_bits = rng.getrandbits(128) & ((1 << 74) - 1)
    milliseconds = int(moment.timestamp() * 1000) & ((1 << 48) - 1)
    return uuid.UUID(
        int=(milliseconds << 80)
        | (0x7 << 76)
        | ((random_bits >> 62) << 64)
        | (0b10 << 62)
        | (random_bits & ((1 << 62) - 1))
    )


def _payment_method(amount: int, draw: float) -> str:
    shares = next(shares for upper, shares in PAYMENT_MIX if upper is None or amount < upper)
    for method, share in zip(PAYMENT_METHODS, shares, strict=False):
        if draw < share:
            return method
    return PAYMENT_METHODS[-1]
