"""The region's page: ASN spending, the 40% figures, the monthly trend and the agencies' leaderboard."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm, Role
from sahabat.core import charts
from sahabat.core.errors import DomainError
from sahabat.core.money import percent, rupiah_compact
from sahabat.purchasing import exports, selectors
from sahabat.purchasing.commitment import SMALL_ENTERPRISE_FLOOR, Commitment
from sahabat.purchasing.views.common import chosen_year, refusal, root_crumb
from sahabat.registry.views.enterprises import enterprise_or_404

# SVG units near the width the charts are shown at, so that their text stays legible.
CHART_WIDTH = 720
HALF_CHART_WIDTH = 520


def month_labels(year: int) -> list[str]:
    return [formats.date_format(date(year, month, 1), "M") for month in range(1, 13)]


def share_bars(commitment: Commitment) -> dict:
    """The planned and realised shares against the 40% floor; none without a budget (nothing to divide by)."""
    if not commitment.has_budget:
        return {}
    floor = float(SMALL_ENTERPRISE_FLOOR)
    return {
        "planned_bar": charts.progress_bar(
            float(commitment.planned_share),
            floor,
            title=_("Planned for small enterprises against the 40% floor"),
            value_format=percent,
        ),
        "realised_bar": charts.progress_bar(
            float(commitment.realised_share),
            floor,
            title=_("Realised for small enterprises against the 40% floor"),
            value_format=percent,
        ),
    }


def _trend(monthly: list[selectors.MonthSpending], year: int) -> dict:
    """Recorded purchases and event sales to ASN per month, as two charts: the carnival's month would
    otherwise flatten every other month of recorded purchases."""
    labels = month_labels(year)
    size = {
        "width": HALF_CHART_WIDTH,
        "value_format": rupiah_compact,
        "empty_message": _("Nothing recorded yet"),
    }

    def columns(values: list[int]) -> list[tuple[str, int]]:
        # A year with nothing says so rather than drawing twelve empty columns.
        return list(zip(labels, values, strict=True)) if any(values) else []

    return {
        "trend_recorded": charts.column_chart(
            columns([month.recorded for month in monthly]),
            title=_("Recorded ASN purchases per month, %(year)s") % {"year": year},
            **size,
        ),
        "trend_events": charts.column_chart(
            columns([month.at_events for month in monthly]),
            title=_("ASN purchases at events per month, %(year)s") % {"year": year},
            **size,
        ),
    }


RANKING_LABELS = {
    "per_asn": gettext_lazy("Purchases per ASN"),
    "realised": gettext_lazy("Realised for small enterprises"),
    "planned": gettext_lazy("Planned for small enterprises"),
}


@region_permission_required(Perm.PURCHASES_VIEW)
def dashboard(request):
    region, actor = request.region, request.actor
    year, years = chosen_year(request, region)
    try:
        board = selectors.leaderboard(
            actor=actor, region=region, year=year, ranking=request.GET.get("rank", "")
        )
        monthly = selectors.monthly_asn_spending(actor=actor, region=region, year=year)
    except DomainError as error:
        raise refusal(error) from error
    my_agency = selectors.actor_agency(actor=actor, region=region)
    unbound_focal_point = (
        Role.AGENCY_FOCAL_POINT in actor.roles_in(region.pk)
        and not selectors.acts_for_every_agency(actor=actor, region=region)
        and my_agency is None
    )
    context = {
        "year": year,
        "years": years,
        "board": board,
        "rankings": RANKING_LABELS.items(),
        "floor": SMALL_ENTERPRISE_FLOOR,
        "my_agency": my_agency,
        "unbound_focal_point": unbound_focal_point,
        "can_record": actor.has_perm(Perm.PURCHASES_RECORD, region.pk),
        "can_manage_agencies": actor.has_perm(Perm.AGENCIES_MANAGE, region.pk),
        "can_import": actor.has_perm(Perm.PROCUREMENT_MANAGE, region.pk),
        "breadcrumbs": [root_crumb()],
        **share_bars(board.total),
        **_trend(monthly, year),
    }
    return render(request, "purchasing/dashboard.html", context)


@region_permission_required(Perm.PURCHASES_VIEW)
def leaderboard_export(request):
    region = request.region
    year, _years = chosen_year(request, region)
    try:
        board = selectors.leaderboard(
            actor=request.actor, region=region, year=year, ranking=request.GET.get("rank", "")
        )
    except DomainError as error:
        raise refusal(error) from error
    return exports.xlsx_response(
        exports.leaderboard_xlsx(board, region=region), f"komitmen-umk-{region.code}-{year}.xlsx"
    )


@login_required
def enterprise_buyers(request, enterprise_id: int):
    """'Who buys from me': open to whoever may see the enterprise (its region's staff, its owner)."""
    enterprise = enterprise_or_404(request, enterprise_id)
    context = {
        "enterprise": enterprise,
        "buyers": selectors.buyers_summary(actor=request.actor, enterprise_id=enterprise.pk),
        "can_record": bool(request.actor.region_ids_with(Perm.PURCHASES_RECORD)),
        "breadcrumbs": [
            {"label": enterprise.name, "url": reverse("registry:enterprise_detail", args=[enterprise.pk])},
            {"label": gettext_lazy("Who buys from this UMKM"), "url": ""},
        ],
    }
    return render(request, "purchasing/enterprise_buyers.html", context)
