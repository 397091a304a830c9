"""Template filters for money and numbers; they call the one formatting module."""

from django import template

from sahabat.core import money

register = template.Library()


@register.filter
def rupiah(value):
    return "" if value is None else money.rupiah(value)


@register.filter
def rupiah_compact(value):
    return "" if value is None else money.rupiah_compact(value)


@register.filter
def number(value, fraction_digits=0):
    return "" if value is None else money.number(value, fraction_digits=int(fraction_digits))


@register.filter
def percent(value, fraction_digits=1):
    return "" if value is None else money.percent(value, fraction_digits=int(fraction_digits))
