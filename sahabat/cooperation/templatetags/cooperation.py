"""Template filters of the cooperation pages: indicator values in their unit, and lifecycle badges."""

from django import template

from sahabat.cooperation.indicators import PERCENT, RUPIAH
from sahabat.cooperation.models import Lifecycle
from sahabat.core import money

register = template.Library()

BADGES = {
    Lifecycle.ACTIVE: "badge-success",
    Lifecycle.EXPIRED: "badge-danger",
    Lifecycle.TERMINATED: "badge-danger",
    Lifecycle.SIGNED: "badge-warning",
}


@register.filter
def indicator(value, unit):
    """A figure in its unit; an em dash for a figure that is not available."""
    if value is None:
        return "—"
    if unit == RUPIAH:
        return money.rupiah(round(value))
    if unit == PERCENT:
        return money.percent(value)
    if isinstance(value, float) and not value.is_integer():
        return money.number(value, fraction_digits=1)
    return money.number(value)


@register.filter
def lifecycle_badge(lifecycle):
    return BADGES.get(lifecycle, "")


@register.filter
def lifecycle_label(lifecycle):
    return Lifecycle(lifecycle).label


@register.filter
def lines(text):
    """A text with one item per line, as a list without the empty lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@register.filter
def lifecycle_on(agreement, day):
    return agreement.lifecycle(day)
