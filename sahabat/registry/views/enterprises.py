"""Register pages: the enterprise list with its filters and exports, the detail page and its actions,
the create and edit forms, and the owner's own list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.errors import PermissionDenied as DomainPermissionDenied
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate
from sahabat.registry import exports, selectors, services
from sahabat.registry.forms import EnterpriseFilterForm, EnterpriseForm, LicenceForm, OwnerAccessForm
from sahabat.registry.models import Enterprise, Licence
from sahabat.registry.scale import SCALE_RULES

HISTORY_LIMIT = 30


def client_ip(request) -> str | None:
    # REMOTE_ADDR, never X-Forwarded-For, which any client can forge; a proxy must pass the client address.
    return request.META.get("REMOTE_ADDR")


def refusal(error: DomainError) -> Exception:
    """A service's refusal as the page answers it: 404 for an unknown record, 403 for a missing right."""
    if isinstance(error, NotFound):
        return Http404(error.errors[0].message)
    return PermissionDenied(error.errors[0].message)


def enterprise_or_404(request, enterprise_id: int) -> Enterprise:
    try:
        return selectors.enterprise_get(actor=request.actor, enterprise_id=enterprise_id)
    except Enterprise.DoesNotExist:
        raise Http404(_("This enterprise does not exist in your region.")) from None


def editable_or_403(request, enterprise_id: int) -> tuple[Enterprise, selectors.EnterpriseAccess]:
    enterprise = enterprise_or_404(request, enterprise_id)
    access = selectors.enterprise_access(actor=request.actor, enterprise=enterprise)
    if not access.can_edit:
        raise PermissionDenied
    return enterprise, access


def breadcrumbs(*extra: dict, can_view_register: bool) -> list[dict]:
    """The register list for officers and viewers; "My business" for an owner, who has no list."""
    if can_view_register:
        root = {"label": gettext_lazy("UMKM register"), "url": reverse("registry:enterprise_list")}
    else:
        root = {"label": gettext_lazy("My business"), "url": reverse("registry:my_enterprises")}
    return [root, *extra]


def enterprise_crumb(enterprise: Enterprise) -> dict:
    return {"label": enterprise.name, "url": reverse("registry:enterprise_detail", args=[enterprise.pk])}


def conflict_url(error: DomainError) -> str:
    """The enterprise a refused NIB already belongs to, so that the officer can open it."""
    for detail in error.errors:
        if detail.meta and "enterprise_id" in detail.meta:
            return reverse("registry:enterprise_detail", args=[detail.meta["enterprise_id"]])
    return ""


@region_permission_required(Perm.REGISTRY_VIEW)
def enterprise_list(request):
    region, actor = request.region, request.actor
    form = EnterpriseFilterForm(request.GET, region=region)
    enterprises = selectors.enterprise_list(actor=actor, region=region, filters=form.filters())
    context = {
        "form": form,
        "summary": selectors.register_summary(actor=actor, region=region),
        "is_filtered": form.is_filtered(),
        "can_edit": actor.has_perm(Perm.REGISTRY_EDIT, region.pk),
        "can_import": actor.has_perm(Perm.REGISTRY_IMPORT, region.pk),
        "can_export_personal": actor.has_perm(Perm.PERSONAL_EXPORT, region.pk),
        "breadcrumbs": [{"label": gettext_lazy("UMKM register"), "url": reverse("registry:enterprise_list")}],
        **paginate(request, enterprises),
    }
    return render(request, "registry/enterprise_list.html", context)


@region_permission_required(Perm.REGISTRY_VIEW)
def enterprise_export(request):
    region = request.region
    file_format = request.GET.get("format", "xlsx")
    if file_format not in exports.FORMATS:
        raise Http404(_("Unknown export format."))
    form = EnterpriseFilterForm(request.GET, region=region)
    try:
        export = exports.enterprise_export(
            actor=request.actor,
            region=region,
            filters=form.filters(),
            file_format=file_format,
            personal=request.GET.get("personal") == "1",
            ip_address=client_ip(request),
        )
    except DomainError as error:
        raise refusal(error) from error
    if export.file is not None:
        return FileResponse(
            export.file, as_attachment=True, filename=export.filename, content_type=export.content_type
        )
    response = StreamingHttpResponse(export.chunks, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


def _detail_context(request, enterprise: Enterprise, **forms) -> dict:
    actor = request.actor
    access = selectors.enterprise_access(actor=actor, enterprise=enterprise)
    return {
        "enterprise": enterprise,
        "access": access,
        "profile": selectors.owner_profile(actor=actor, enterprise=enterprise),
        "licences": selectors.licence_list(enterprise=enterprise),
        "products": selectors.product_list(enterprise=enterprise),
        "history": selectors.enterprise_history(enterprise=enterprise)[:HISTORY_LIMIT],
        "scale_rule": SCALE_RULES.get(enterprise.scale_rule),
        "licence_form": forms.get("licence_form") or LicenceForm(),
        "access_form": forms.get("access_form") or OwnerAccessForm(initial={"email": ""}),
        "breadcrumbs": breadcrumbs(enterprise_crumb(enterprise), can_view_register=access.can_view_register),
    }


@login_required
def enterprise_detail(request, enterprise_id: int):
    enterprise = enterprise_or_404(request, enterprise_id)
    return render(request, "registry/enterprise_detail.html", _detail_context(request, enterprise))


def _enterprise_form_page(
    request, form: EnterpriseForm, *, can_view_register: bool, enterprise=None, conflict=""
):
    if enterprise is not None:
        crumbs = breadcrumbs(
            enterprise_crumb(enterprise), {"label": gettext_lazy("Edit")}, can_view_register=can_view_register
        )
    else:
        crumbs = breadcrumbs({"label": gettext_lazy("New UMKM")}, can_view_register=can_view_register)
    context = {"form": form, "enterprise": enterprise, "conflict_url": conflict, "breadcrumbs": crumbs}
    return render(request, "registry/enterprise_form.html", context)


@region_permission_required(Perm.REGISTRY_EDIT)
def enterprise_create(request):
    region, actor = request.region, request.actor
    form = EnterpriseForm(request.POST or None, region=region)
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = services.enterprise_create(
                actor=actor,
                region=region,
                owner=form.owner_data(),
                nib=form.cleaned_data["nib"],
                **form.enterprise_values(),
            )
        except DomainError as error:
            apply_domain_error(form, error)
            conflict = conflict_url(error)
        else:
            messages.success(
                request, _("“%(name)s” has been added to the register.") % {"name": enterprise.name}
            )
            return redirect("registry:enterprise_detail", enterprise.pk)
    return _enterprise_form_page(request, form, can_view_register=True, conflict=conflict)


@login_required
def enterprise_edit(request, enterprise_id: int):
    enterprise, access = editable_or_403(request, enterprise_id)
    profile = selectors.owner_profile(actor=request.actor, enterprise=enterprise)
    personal_visible = profile is None or profile.personal_visible
    form = EnterpriseForm(
        request.POST or None,
        region=enterprise.region,
        owner=enterprise.owner,
        personal_visible=personal_visible,
        initial=EnterpriseForm.initial_for(
            enterprise, nib=selectors.enterprise_nib(enterprise=enterprise), personal_visible=personal_visible
        ),
    )
    conflict = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_update(
                actor=request.actor,
                enterprise_id=enterprise.pk,
                owner=form.owner_data(),
                nib=form.cleaned_data["nib"],
                **form.enterprise_values(),
            )
        except DomainError as error:
            apply_domain_error(form, error)
            conflict = conflict_url(error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("registry:enterprise_detail", enterprise.pk)
    return _enterprise_form_page(
        request, form, can_view_register=access.can_view_register, enterprise=enterprise, conflict=conflict
    )


@login_required
def village_options(request):
    """The <option>s of one district's villages, for the village select that follows the district."""
    district = request.GET.get("district", "")
    villages = selectors.district_villages(district_id=int(district)) if district.isdigit() else []
    blank = _("All villages") if request.GET.get("purpose") == "filter" else "---------"
    return render(request, "registry/_village_options.html", {"villages": villages, "blank": blank})


@require_POST
@login_required
def owner_reveal_nik(request, owner_id: int):
    try:
        nik = services.owner_reveal_nik(actor=request.actor, owner_id=owner_id, ip_address=client_ip(request))
    except DomainError as error:
        raise refusal(error) from error
    if request.htmx:
        return render(request, "registry/_nik_revealed.html", {"nik": nik})
    back = request.POST.get("enterprise", "")
    context = {
        "nik": nik,
        "back_url": reverse("registry:enterprise_detail", args=[back]) if back.isdigit() else "",
    }
    return render(request, "registry/nik_revealed.html", context)


@require_POST
@login_required
def owner_grant_access(request, enterprise_id: int):
    enterprise = enterprise_or_404(request, enterprise_id)
    if not selectors.enterprise_access(actor=request.actor, enterprise=enterprise).can_grant_owner_access:
        raise PermissionDenied
    form = OwnerAccessForm(request.POST)
    if form.is_valid():
        try:
            owner = services.owner_grant_access(
                actor=request.actor,
                enterprise_id=enterprise.pk,
                email=form.cleaned_data["email"],
                invite_url_base=request.build_absolute_uri("/"),
            )
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s can now log in with %(email)s and keep this business's data.")
                % {"name": owner.name, "email": form.cleaned_data["email"]},
            )
            return redirect("registry:enterprise_detail", enterprise.pk)
    context = _detail_context(request, enterprise, access_form=form)
    return render(request, "registry/enterprise_detail.html", context)


@require_POST
@login_required
def licence_add(request, enterprise_id: int):
    enterprise, _access = editable_or_403(request, enterprise_id)
    form = LicenceForm(request.POST)
    if form.is_valid():
        try:
            licence = services.licence_add(
                actor=request.actor, enterprise_id=enterprise.pk, **form.cleaned_data
            )
        except (NotFound, DomainPermissionDenied) as error:
            raise refusal(error) from error
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("%(licence)s has been added.") % {"licence": licence})
            return redirect(reverse("registry:enterprise_detail", args=[enterprise.pk]) + "#licences")
    context = _detail_context(request, enterprise, licence_form=form)
    return render(request, "registry/enterprise_detail.html", context)


@require_POST
@login_required
def licence_remove(request, licence_id: int):
    try:
        licence = selectors.licence_get(actor=request.actor, licence_id=licence_id)
    except Licence.DoesNotExist:
        raise Http404(_("This licence does not exist in your region.")) from None
    editable_or_403(request, licence.enterprise_id)
    try:
        services.licence_remove(actor=request.actor, licence_id=licence.pk)
    except DomainError as error:
        raise refusal(error) from error
    messages.success(request, _("%(licence)s has been removed.") % {"licence": licence})
    return redirect(reverse("registry:enterprise_detail", args=[licence.enterprise_id]) + "#licences")


@region_permission_required(Perm.REGISTRY_EDIT_OWN)
def my_enterprises(request):
    context = {
        "enterprises": selectors.enterprises_owned_by(actor=request.actor),
        "breadcrumbs": [{"label": gettext_lazy("My business"), "url": reverse("registry:my_enterprises")}],
    }
    return render(request, "registry/my_enterprises.html", context)
