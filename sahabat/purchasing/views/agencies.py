"""Agency pages: the list, the form, focal points, and one agency's budget year with its packages."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core import charts
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.money import rupiah_compact
from sahabat.core.pagination import paginate
from sahabat.purchasing import selectors, services
from sahabat.purchasing.forms import AgencyForm, BudgetForm, FocalPointForm, PackageForm
from sahabat.purchasing.models import ProcurementPackage
from sahabat.purchasing.views.common import agency_crumbs, agency_or_404, chosen_year, refusal, root_crumb
from sahabat.purchasing.views.dashboard import CHART_WIDTH, month_labels, share_bars
from sahabat.registry.models import Enterprise
from sahabat.registry.selectors import enterprise_nib


def _agency_url(agency_id: int, year: int) -> str:
    return f"{reverse('purchasing:agency_detail', args=[agency_id])}?{urlencode({'year': year})}"


@region_permission_required(Perm.PURCHASES_VIEW)
def agency_list(request):
    region, actor = request.region, request.actor
    search = request.GET.get("q", "").strip()
    context = {
        "search": search,
        "can_manage": actor.has_perm(Perm.AGENCIES_MANAGE, region.pk),
        "breadcrumbs": [root_crumb(), {"label": gettext_lazy("Agencies"), "url": ""}],
        **paginate(request, selectors.agency_list(actor=actor, region=region, search=search)),
    }
    return render(request, "purchasing/agency_list.html", context)


def _agency_form_page(request, form: AgencyForm, agency=None):
    if agency is None:
        crumbs = [
            root_crumb(),
            {"label": gettext_lazy("Agencies"), "url": reverse("purchasing:agency_list")},
            {"label": gettext_lazy("New agency"), "url": ""},
        ]
    else:
        crumbs = agency_crumbs(agency, {"label": gettext_lazy("Edit"), "url": ""})
    return render(
        request, "purchasing/agency_form.html", {"form": form, "agency": agency, "breadcrumbs": crumbs}
    )


@region_permission_required(Perm.AGENCIES_MANAGE)
def agency_create(request):
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_save(actor=request.actor, region=request.region, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": agency.name})
            return redirect("purchasing:agency_detail", agency.pk)
    return _agency_form_page(request, form)


@region_permission_required(Perm.AGENCIES_MANAGE)
def agency_edit(request, agency_id: int):
    agency = agency_or_404(request, agency_id)
    form = AgencyForm(request.POST or None, initial=AgencyForm.initial_for(agency))
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_save(
                actor=request.actor, region=agency.region, agency_id=agency.pk, **form.cleaned_data
            )
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("purchasing:agency_detail", agency.pk)
    return _agency_form_page(request, form, agency)


def _may_manage(request, agency) -> bool:
    return selectors.acts_for_agency(actor=request.actor, agency=agency, permission=Perm.PROCUREMENT_MANAGE)


def _detail_context(request, agency, year: int, years: list[int], **forms) -> dict:
    actor = request.actor
    try:
        figures = selectors.agency_year(actor=actor, agency=agency, year=year)
    except DomainError as error:
        raise refusal(error) from error
    budget = figures.commitment.budget
    may_manage = _may_manage(request, agency)
    return {
        "agency": agency,
        "year": year,
        "years": years,
        "figures": figures,
        "monthly_chart": charts.column_chart(
            list(zip(month_labels(year), [total for _month, total in figures.monthly], strict=True)),
            title=_("ASN purchases of %(agency)s per month, %(year)s") % {"agency": agency, "year": year},
            value_format=rupiah_compact,
            width=CHART_WIDTH,
            empty_message=_("Nothing recorded yet"),
        ),
        "may_manage": may_manage,
        "can_manage_agency": actor.has_perm(Perm.AGENCIES_MANAGE, agency.region_id),
        "can_invite": actor.has_perm(Perm.MEMBERS_MANAGE, agency.region_id),
        "can_record": selectors.acts_for_agency(actor=actor, agency=agency, permission=Perm.PURCHASES_RECORD),
        "focal_points": selectors.agency_focal_points(agency=agency),
        "budget_form": forms.get("budget_form")
        or BudgetForm(initial={"year": year, "goods_services_budget": budget}),
        "focal_point_form": forms.get("focal_point_form") or FocalPointForm(),
        "breadcrumbs": agency_crumbs(agency),
        **share_bars(figures.commitment),
    }


@region_permission_required(Perm.PURCHASES_VIEW)
def agency_detail(request, agency_id: int):
    agency = agency_or_404(request, agency_id)
    year, years = chosen_year(request, agency.region)
    return render(request, "purchasing/agency_detail.html", _detail_context(request, agency, year, years))


def _manageable_or_403(request, agency_id: int):
    agency = agency_or_404(request, agency_id)
    if not _may_manage(request, agency):
        raise PermissionDenied(_("You manage only your own agency's procurement."))
    return agency


@require_POST
@region_permission_required(Perm.PROCUREMENT_MANAGE)
def budget_set(request, agency_id: int):
    agency = _manageable_or_403(request, agency_id)
    form = BudgetForm(request.POST)
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            services.budget_set(actor=request.actor, agency_id=agency.pk, **form.cleaned_data)
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("The budget for %(year)s has been saved.") % {"year": year})
            return redirect(_agency_url(agency.pk, year))
    chosen, years = chosen_year(request, agency.region)
    context = _detail_context(
        request, agency, form.cleaned_data.get("year") or chosen, years, budget_form=form
    )
    return render(request, "purchasing/agency_detail.html", context, status=400)


@require_POST
@region_permission_required(Perm.MEMBERS_MANAGE)
def focal_point_invite(request, agency_id: int):
    agency = agency_or_404(request, agency_id)
    form = FocalPointForm(request.POST)
    if form.is_valid():
        try:
            membership = services.focal_point_invite(
                actor=request.actor,
                agency_id=agency.pk,
                invite_url_base=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now the focal point of %(agency)s.")
                % {"name": membership.user.get_full_name(), "agency": agency},
            )
            return redirect("purchasing:agency_detail", agency.pk)
    year, years = chosen_year(request, agency.region)
    context = _detail_context(request, agency, year, years, focal_point_form=form)
    return render(request, "purchasing/agency_detail.html", context, status=400)


def _supplier(nib: str) -> Enterprise | None:
    return selectors.supplier_by_nib(nib=nib) if nib else None


def _package_form_page(request, agency, year: int, form: PackageForm, package=None):
    label = gettext_lazy("New package") if package is None else package.rup_code
    context = {
        "agency": agency,
        "year": year,
        "form": form,
        "package": package,
        "breadcrumbs": agency_crumbs(agency, {"label": label, "url": ""}),
    }
    return render(request, "purchasing/package_form.html", context, status=400 if form.errors else 200)


def _save_package(request, agency, year: int, form: PackageForm, package=None):
    """Validate the supplier, call the service; on success back to the agency's year."""
    data = dict(form.cleaned_data)
    nib = data.pop("supplier_nib")
    supplier = _supplier(nib)
    if nib and supplier is None:
        form.add_error("supplier_nib", _("No single UMKM in the register has NIB %(nib)s.") % {"nib": nib})
        return None
    if package is not None and package.rup_code != data["rup_code"]:
        form.add_error(
            "rup_code", _("The RUP code of a package cannot be changed; add a new package instead.")
        )
        return None
    try:
        saved = services.package_save(
            actor=request.actor, agency_id=agency.pk, year=year, supplier=supplier, **data
        )
    except (NotFound, DomainPermissionDenied) as error:
        raise refusal(error) from error
    except DomainError as error:
        apply_domain_error(form, error)
        return None
    messages.success(request, _("Package %(code)s has been saved.") % {"code": saved.rup_code})
    return redirect(_agency_url(agency.pk, year) + "#packages")


@region_permission_required(Perm.PROCUREMENT_MANAGE)
def package_create(request, agency_id: int):
    agency = _manageable_or_403(request, agency_id)
    year, _years = chosen_year(request, agency.region)
    form = PackageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _save_package(request, agency, year, form)
        if done is not None:
            return done
    return _package_form_page(request, agency, year, form)


@region_permission_required(Perm.PROCUREMENT_MANAGE)
def package_edit(request, package_id: int):
    try:
        package = selectors.package_get(actor=request.actor, package_id=package_id)
    except ProcurementPackage.DoesNotExist:
        raise Http404(_("This package does not exist in your region.")) from None
    agency = _manageable_or_403(request, package.agency_id)
    supplier_nib = enterprise_nib(enterprise=package.supplier) if package.supplier else ""
    form = PackageForm(request.POST or None, initial=PackageForm.initial_for(package, supplier_nib))
    if request.method == "POST" and form.is_valid():
        done = _save_package(request, agency, package.year, form, package)
        if done is not None:
            return done
    return _package_form_page(request, agency, package.year, form, package)
