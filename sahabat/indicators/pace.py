"""Status from the pace: is an indicator where its target, spread evenly over the period, says it should be?

The expected value on a day is the baseline plus the target's change times the share of the period's
days that have passed (counting both ends). The realisation is compared with it:

- higher is better: on track at 100% of the expected value or more, at risk from 85%, else behind;
- lower is better: the same, inverted (expected ÷ realised), so that 10% above the expected value
  is at risk and 20% above is behind.

Before the period starts the status is "not started"; without a realisation it is "no data".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from sahabat.indicators.models import Indicator

AT_RISK_FROM = Decimal("0.85")


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BEHIND = "behind", _("Behind")
    NOT_STARTED = "not_started", _("Not started")
    NO_DATA = "no_data", _("No data yet")


def elapsed_share(start: date, end: date, as_of: date) -> Decimal:
    """The share of the period's days (both ends counted) that have passed on `as_of`, from 0 to 1."""
    if as_of < start:
        return Decimal(0)
    days = (end - start).days + 1
    return Decimal(min((as_of - start).days + 1, days)) / Decimal(days)


def expected_value(*, baseline: Decimal, target: Decimal, start: date, end: date, as_of: date) -> Decimal:
    """The target pro-rated linearly over the period: where the indicator should be on `as_of`."""
    return baseline + (target - baseline) * elapsed_share(start, end, as_of)


@dataclass(frozen=True)
class Pace:
    status: str
    expected: Decimal
    # Realised ÷ expected (higher is better) or expected ÷ realised (lower is better); None when the
    # divisor is not positive.
    ratio: Decimal | None


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    return numerator / denominator if denominator > 0 else None


def pace_status(*, realised: Decimal | None, expected: Decimal, direction: str) -> tuple[str, Decimal | None]:
    """(status, ratio) of a realisation against the expected value."""
    if realised is None:
        return Status.NO_DATA, None
    if direction == Indicator.Direction.LOWER:
        ratio, ahead = _ratio(expected, realised), realised <= expected
    else:
        ratio, ahead = _ratio(realised, expected), realised >= expected
    if ahead:
        return Status.ON_TRACK, ratio
    if ratio is not None and ratio >= AT_RISK_FROM:
        return Status.AT_RISK, ratio
    return Status.BEHIND, ratio


def pace(
    *,
    realised: Decimal | None,
    baseline: Decimal,
    target: Decimal,
    start: date,
    end: date,
    as_of: date,
    direction: str,
) -> Pace:
    """The status of one target on `as_of`."""
    expected = expected_value(baseline=baseline, target=target, start=start, end=end, as_of=as_of)
    if as_of < start:
        return Pace(Status.NOT_STARTED, expected, None)
    status, ratio = pace_status(realised=realised, expected=expected, direction=direction)
    return Pace(status, expected, ratio)
