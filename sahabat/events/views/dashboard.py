"""The officers' live dashboard and the public big-screen board of an event; both refresh themselves."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core import charts
from sahabat.core.errors import NotFound
from sahabat.core.money import number, percent, rupiah_compact
from sahabat.events.models import Event
from sahabat.events.selectors.progress import EventProgress, Group, event_progress, event_progress_public

# How often the pages ask for fresh figures. Tests shorten it through the setting.
DEFAULT_POLL_SECONDS = 10
# The board is open to anyone and may hang on many screens: a few seconds of cache keep a crowd
# of viewers from turning into a crowd of identical queries.
BOARD_CACHE_SECONDS = 5


# Babel's formatting costs about a tenth of a millisecond a call, and one render of the panel asks
# for some ninety figures, most of them the same from one poll to the next (past hours and days).
_compact = lru_cache(maxsize=4096)(rupiah_compact)
_number = lru_cache(maxsize=4096)(number)


def _poll_seconds() -> int:
    return getattr(settings, "EVENTS_DASHBOARD_POLL_SECONDS", DEFAULT_POLL_SECONDS)


def _share_format(total: int):
    """Rupiah with the share of the whole: `Rp40 ribu · 61,5%`."""

    def format_value(value: float) -> str:
        return f"{_compact(value)} · {percent(value / total * 100 if total else 0)}"

    return format_value


def _group_items(groups: tuple[Group, ...], *, with_enterprises: bool) -> list[tuple[str, int]]:
    if not with_enterprises:
        return [(group.label, group.turnover) for group in groups]
    return [
        (
            _("%(label)s (%(count)s UMKM)") % {"label": group.label, "count": _number(group.enterprises)},
            group.turnover,
        )
        for group in groups
    ]


@dataclass(frozen=True)
class ChartSize:
    """SVG units of the charts; chosen near the width they are shown at, so that their text stays legible."""

    width: int
    label_width: int
    value_width: int
    column_height: int
    bar_height: int


# Half of the page's column on the dashboard; half of a 1920-pixel screen, read from afar, on the board.
DASHBOARD_CHARTS = ChartSize(width=560, label_width=215, value_width=150, column_height=220, bar_height=22)
BOARD_CHARTS = ChartSize(width=900, label_width=330, value_width=240, column_height=200, bar_height=34)


def _day_labels(days) -> list[str]:
    """`21 Nov`, `22`, `23`, … `1 Des`: the month only where it starts, so that the labels never overlap."""
    return [
        formats.date_format(day, "j M") if index == 0 or day.day == 1 else str(day.day)
        for index, day in enumerate(days)
    ]


def _charts(progress: EventProgress, size: ChartSize) -> dict:
    """The SVG charts of one progress snapshot; the dashboard and the board draw the same ones."""
    day = formats.date_format(progress.series_day, "l, j F Y")
    zone = progress.timezone_abbreviation
    empty = _("Nothing recorded yet")
    share = _share_format(progress.turnover)
    days = _day_labels([point.day for point in progress.daily])
    columns = {"width": size.width, "height": size.column_height, "empty_message": empty}
    breakdowns = {
        "by_zone": (_("Turnover by zone"), progress.by_zone, True),
        "by_sector": (_("Turnover by sector"), progress.by_sector, True),
        "by_origin": (_("Turnover by region of origin of the UMKM"), progress.by_origin, True),
        "by_payment_method": (_("Turnover by payment method"), progress.by_payment_method, False),
        "by_buyer_type": (_("Turnover by buyer"), progress.by_buyer_type, False),
    }
    drawn = {
        "turnover_bar": charts.progress_bar(
            progress.turnover,
            progress.target_turnover,
            title=_("Turnover against the target"),
            value_format=_compact,
        ),
        "visitors_bar": charts.progress_bar(
            progress.visitors,
            progress.target_visitors,
            title=_("Visitors against the target"),
            value_format=_number,
        ),
        "daily_turnover": charts.column_chart(
            list(zip(days, [point.turnover for point in progress.daily], strict=True)),
            title=_("Turnover per day"),
            value_format=_compact,
            **columns,
        ),
        "daily_visitors": charts.column_chart(
            list(zip(days, [point.visitors for point in progress.daily], strict=True)),
            title=_("Visitors per day"),
            value_format=_number,
            **columns,
        ),
        "hourly_turnover": charts.column_chart(
            [(f"{point.hour:02d}", point.turnover) for point in progress.hourly],
            title=_("Turnover per hour, %(day)s (%(zone)s)") % {"day": day, "zone": zone},
            value_format=_compact,
            **columns,
        ),
        "hourly_visitors": charts.column_chart(
            [(f"{point.hour:02d}", point.visitors) for point in progress.hourly],
            title=_("Visitors per hour, %(day)s (%(zone)s)") % {"day": day, "zone": zone},
            value_format=_number,
            **columns,
        ),
    }
    for name, (title, groups, with_enterprises) in breakdowns.items():
        drawn[name] = charts.bar_chart(
            _group_items(groups, with_enterprises=with_enterprises),
            title=title,
            value_format=share,
            empty_message=empty,
            width=size.width,
            label_width=size.label_width,
            value_width=size.value_width,
            bar_height=size.bar_height,
        )
    return drawn


def _context(progress: EventProgress, *, panel_url: str, size: ChartSize = DASHBOARD_CHARTS) -> dict:
    return {
        "progress": progress,
        "charts": _charts(progress, size),
        "panel_url": panel_url,
        "poll_seconds": _poll_seconds(),
    }


def _officer_progress(request, event_id: int) -> EventProgress:
    try:
        return event_progress(actor=request.actor, event_id=event_id)
    except NotFound as error:
        raise Http404(error.errors[0].message) from None


def _render_in_zone(request, template: str, progress: EventProgress, context: dict, *, partial: bool = False):
    # Times on the page are the region's wall-clock time, whoever looks at it.
    with timezone.override(progress.as_of.tzinfo):
        if partial:
            # A polled fragment needs no menu or region switcher, so none of their queries.
            return HttpResponse(render_to_string(template, context))
        return render(request, template, context)


@region_permission_required(Perm.EVENTS_VIEW)
def dashboard(request, event_id: int):
    progress = _officer_progress(request, event_id)
    context = _context(progress, panel_url=reverse("events:dashboard_panel", args=[event_id]))
    context["breadcrumbs"] = [
        {"label": _("Events"), "url": reverse("events:event_list")},
        {"label": progress.name, "url": reverse("events:event_detail", args=[event_id])},
        {"label": _("Live dashboard"), "url": ""},
    ]
    context["board_url"] = (
        reverse("events:board", args=[event_id]) if progress.status == Event.Status.PUBLISHED else ""
    )
    return _render_in_zone(request, "events/dashboard.html", progress, context)


def dashboard_panel(request, event_id: int):
    if not request.user.is_authenticated:
        # A poll after the session has ended: send the whole page to the login, not just the panel.
        login = redirect_to_login(reverse("events:dashboard", args=[event_id]))
        return HttpResponseClientRedirect(login.url) if request.htmx else login
    return _dashboard_panel(request, event_id)


@region_permission_required(Perm.EVENTS_VIEW)
def _dashboard_panel(request, event_id: int):
    progress = _officer_progress(request, event_id)
    context = _context(progress, panel_url=reverse("events:dashboard_panel", args=[event_id]))
    return _render_in_zone(request, "events/dashboard_panel.html", progress, context, partial=True)


def _board_progress(event_id: int) -> EventProgress:
    key = f"events:board:{event_id}:{translation.get_language()}"
    progress = cache.get(key)
    if progress is None:
        try:
            progress = event_progress_public(event_id=event_id)
        except NotFound as error:
            raise Http404(error.errors[0].message) from None
        cache.set(key, progress, BOARD_CACHE_SECONDS)
    return progress


def board(request, event_id: int):
    progress = _board_progress(event_id)
    context = _context(progress, panel_url=reverse("events:board_panel", args=[event_id]), size=BOARD_CHARTS)
    return _render_in_zone(request, "events/board.html", progress, context)


def board_panel(request, event_id: int):
    progress = _board_progress(event_id)
    context = _context(progress, panel_url=reverse("events:board_panel", args=[event_id]), size=BOARD_CHARTS)
    return _render_in_zone(request, "events/board_panel.html", progress, context, partial=True)


urlpatterns = [
    path("events/<int:event_id>/dashboard/", dashboard, name="dashboard"),
    path("events/<int:event_id>/dashboard/panel/", dashboard_panel, name="dashboard_panel"),
    path("events/<int:event_id>/board/", board, name="board"),
    path("events/<int:event_id>/board/panel/", board_panel, name="board_panel"),
]
