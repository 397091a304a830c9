"""Purchase pages: the filtered list and its export, and the form that records one purchase.

The form serves the two kinds of recorder: agency staff (an officer chooses the agency, a focal point's
is set) who search the UMKM in every participating region, and an UMKM owner who records a sale of
its own enterprise and picks the buyer's agency from every region's agencies.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.money import rupiah
from sahabat.core.pagination import paginate
from sahabat.purchasing import exports, selectors, services
from sahabat.purchasing.forms import PurchaseFilterForm, PurchaseForm
from sahabat.purchasing.views.common import refusal, root_crumb
from sahabat.registry.models import Enterprise
from sahabat.registry.selectors import enterprises_owned_by

# The export holds masked NIPs only; a region's year of purchases fits in one file.
EXPORT_MAX_ROWS = 50_000


def _filter_form(request) -> PurchaseFilterForm:
    region, actor = request.region, request.actor
    if selectors.acts_for_every_agency(actor=actor, region=region) or not actor.agency_ids:
        agencies = selectors.agency_list(actor=actor, region=region)
    else:
        agencies = selectors.agency_list(actor=actor, region=region).filter(pk__in=actor.agency_ids)
    return PurchaseFilterForm(request.GET or None, agencies=agencies)


@region_permission_required(Perm.PURCHASES_VIEW)
def purchase_list(request):
    region, actor = request.region, request.actor
    form = _filter_form(request)
    purchases = selectors.purchase_list(actor=actor, region=region, filters=form.filters())
    context = {
        "form": form,
        "can_record": actor.has_perm(Perm.PURCHASES_RECORD, region.pk),
        "export_query": request.GET.urlencode(),
        "breadcrumbs": [root_crumb(), {"label": gettext_lazy("Purchases"), "url": ""}],
        **paginate(request, purchases),
    }
    return render(request, "purchasing/purchase_list.html", context)


@region_permission_required(Perm.PURCHASES_VIEW)
def purchase_export(request):
    region = request.region
    purchases = selectors.purchase_list(
        actor=request.actor, region=region, filters=_filter_form(request).filters()
    )
    return exports.xlsx_response(
        exports.purchases_xlsx(purchases[:EXPORT_MAX_ROWS].iterator()), f"belanja-asn-{region.code}.xlsx"
    )


def _recorder(request) -> dict:
    """Who records: agency staff (with the agencies it may choose) or an UMKM owner (with its enterprises)."""
    region, actor = request.region, request.actor
    if selectors.acts_for_every_agency(actor=actor, region=region):
        return {
            "owner": False,
            "agencies": selectors.agency_list(actor=actor, region=region).filter(is_active=True),
        }
    agency = selectors.actor_agency(actor=actor, region=region)
    if agency is not None:
        return {
            "owner": False,
            "agencies": selectors.agency_list(actor=actor, region=region).filter(pk=agency.pk),
        }
    return {
        "owner": True,
        "agencies": selectors.buyer_agencies(actor=actor),
        "enterprises": list(enterprises_owned_by(actor=actor).filter(status=Enterprise.Status.ACTIVE)),
    }


def _form_crumbs(*, owner: bool) -> list[dict]:
    if owner:
        return [
            {"label": gettext_lazy("My business"), "url": reverse("registry:my_enterprises")},
            {"label": gettext_lazy("Record a sale to an ASN"), "url": ""},
        ]
    return [root_crumb(), {"label": gettext_lazy("Record a purchase"), "url": ""}]


@region_permission_required(Perm.PURCHASES_RECORD)
def purchase_create(request):
    region, actor = request.region, request.actor
    recorder = _recorder(request)
    agencies = recorder["agencies"].select_related("region")
    form = PurchaseForm(request.POST or None, request.FILES or None, agencies=agencies, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            purchase = services.purchase_record(actor=actor, **form.service_values())
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The purchase of %(amount)s from %(enterprise)s has been recorded.")
                % {"amount": rupiah(purchase.amount), "enterprise": purchase.enterprise.name},
            )
            if recorder["owner"]:
                return redirect("purchasing:enterprise_buyers", purchase.enterprise_id)
            return redirect("purchasing:purchase_list")
    chosen_id = request.POST.get("enterprise") or request.GET.get("enterprise", "")
    chosen = selectors.purchase_enterprise(enterprise_id=int(chosen_id)) if chosen_id.isdigit() else None
    search = request.GET.get("q", "").strip()
    candidates = selectors.purchasable_enterprises(actor=actor, search=search) if search else []
    context = {
        "form": form,
        "owner": recorder["owner"],
        "own_enterprises": recorder.get("enterprises", []),
        "no_agency": not recorder["owner"] and not agencies,
        "chosen": chosen,
        "search": search,
        "candidates": [
            enterprise for enterprise in candidates if chosen is None or enterprise.pk != chosen.pk
        ],
        "breadcrumbs": _form_crumbs(owner=recorder["owner"]),
    }
    return render(request, "purchasing/purchase_form.html", context, status=400 if form.errors else 200)


@region_permission_required(Perm.PURCHASES_RECORD)
def enterprise_options(request):
    """The UMKM matching a search, as choices of the purchase form (htmx), from every participating region."""
    search = request.GET.get("q", "").strip()
    context = {
        "search": search,
        "candidates": selectors.purchasable_enterprises(actor=request.actor, search=search),
        "region": request.region,
    }
    return render(request, "purchasing/_enterprise_options.html", context)
