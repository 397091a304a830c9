"""Template filters for event dates: a day range in the reader's language and the event's phase today."""

from __future__ import annotations

import re
from datetime import date

from babel import Locale
from babel.dates import format_date, format_interval, parse_pattern
from django import template
from django.conf import settings
from django.utils.translation import get_language, to_locale

from sahabat.events.selectors.setup import EventPhase, event_phase

register = template.Library()

# CLDR has no "yMMMMd" interval for Indonesian (nor English); TR35 lets a match widen the month from
# MMM to MMMM, which Babel does not do itself, so it is done here on the "yMMMd" patterns.
_SHORT_MONTH = re.compile(r"(?<![ML])(MMM|LLL)(?![ML])")


def _full_month(pattern: str) -> str:
    return _SHORT_MONTH.sub(lambda match: match[1] + match[1][0], pattern)


def date_range(start: date, end: date, *, locale: str | None = None) -> str:
    """`4–6 Agustus 2023`, `28 Juli–13 Agustus 2023`; a single day is `4 Agustus 2023`."""
    locale = Locale.parse(locale or to_locale(get_language() or settings.LANGUAGE_CODE))
    if start == end:
        return format_date(start, "long", locale=locale)
    patterns = locale.interval_formats.get("yMMMd")
    if not patterns:
        return format_interval(start, end, "yMMMMd", locale=locale)
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    return "".join(
        parse_pattern(_full_month(part)).apply(day, locale)
        for part, day in zip(patterns[field], (start, end), strict=True)
    )


@register.filter(name="date_range")
def date_range_filter(start: date, end: date) -> str:
    return date_range(start, end)


@register.filter(name="event_phase")
def event_phase_filter(event) -> str:
    return event_phase(event)


@register.filter
def phase_label(phase: str) -> str:
    return EventPhase.LABELS.get(phase, "")
