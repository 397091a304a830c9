"""What the purchasing pages share: the chosen budget year, refusals as pages, breadcrumbs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from sahabat.core.errors import DomainError, NotFound
from sahabat.purchasing.models import Agency
from sahabat.purchasing.selectors import agency_get, purchasing_years
from sahabat.regions.models import Region


def chosen_year(request, region: Region) -> tuple[int, list[int]]:
    """The year asked for in `?year=`, else the latest year with figures; and the years to choose from."""
    years = purchasing_years(region=region)
    asked = request.GET.get("year", "")
    if asked.isdigit() and 2018 <= int(asked) <= 2100:
        year = int(asked)
        return year, sorted({*years.choices, year}, reverse=True)
    return years.default, years.choices


def refusal(error: DomainError) -> Exception:
    """A service's refusal as the page answers it: 404 for an unknown record, 403 for a missing right."""
    if isinstance(error, NotFound):
        return Http404(error.errors[0].message)
    return PermissionDenied(error.errors[0].message)


def agency_or_404(request, agency_id: int) -> Agency:
    try:
        return agency_get(actor=request.actor, agency_id=agency_id)
    except Agency.DoesNotExist:
        raise Http404(gettext_lazy("This agency does not exist in your region.")) from None


def root_crumb() -> dict:
    return {"label": gettext_lazy("ASN purchases"), "url": reverse("purchasing:dashboard")}


def agency_crumbs(agency: Agency, *extra: dict) -> list[dict]:
    return [
        root_crumb(),
        {"label": gettext_lazy("Agencies"), "url": reverse("purchasing:agency_list")},
        {"label": str(agency), "url": reverse("purchasing:agency_detail", args=[agency.pk])},
        *extra,
    ]
