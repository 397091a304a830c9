"""How an indicator's figures are shown: rupiah compact, percentages to one decimal, counts grouped."""

from decimal import Decimal

from django import template

from sahabat.core import money

register = template.Library()


@register.filter
def figure(value, unit: str = ""):
    """`1200` km → `1.200`, `12.5` → `12,5`, 45.678 % → `45,7%`, Rp → `Rp1,2 miliar`; None → `—`."""
    if value is None:
        return "—"
    value = Decimal(value)
    if unit == "Rp":
        return money.rupiah_compact(int(value))
    if unit == "%":
        return money.percent(value)
    whole = value == value.to_integral_value()
    return money.number(value, fraction_digits=0 if whole else 2 if abs(value) < 10 else 1)


@register.filter
def with_unit(value, unit: str = ""):
    """The figure followed by its unit, unless the figure carries it already (Rp, %)."""
    shown = figure(value, unit)
    return shown if value is None or unit in ("Rp", "%") else f"{shown} {unit}"
