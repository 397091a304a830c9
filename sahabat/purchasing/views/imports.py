"""Import pages: upload, the row-by-row preview, apply or cancel, the template and the rejected rows."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sahabat.accounts.decorators import region_permission_required
from sahabat.accounts.models import AccessLog
from sahabat.accounts.permissions import Perm
from sahabat.accounts.services import access_log_record
from sahabat.core.errors import DomainError, NotFound
from sahabat.core.forms import apply_domain_error
from sahabat.core.pagination import paginate
from sahabat.purchasing import exports, imports, selectors
from sahabat.purchasing.forms import ImportUploadForm
from sahabat.purchasing.models import PurchasingImport, PurchasingImportRow
from sahabat.purchasing.views.common import root_crumb
from sahabat.registry.imports.forms import ApplyForm
from sahabat.registry.imports.reader import IMPORT_MAX_UPLOAD_BYTES

# Room for the multipart envelope and the other form fields around the file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def _crumbs(job: PurchasingImport | None = None, label=None) -> list[dict]:
    crumbs = [root_crumb(), {"label": gettext_lazy("Imports"), "url": reverse("purchasing:import_list")}]
    if job is not None:
        crumbs.append({"label": job.original_name, "url": reverse("purchasing:import_detail", args=[job.pk])})
    if label is not None:
        crumbs.append({"label": label, "url": ""})
    return crumbs


def _job(request, job_id: int) -> PurchasingImport:
    try:
        return selectors.import_job_get(actor=request.actor, job_id=job_id)
    except PurchasingImport.DoesNotExist:
        raise Http404(_("This import does not exist in your region.")) from None


@region_permission_required(Perm.PROCUREMENT_MANAGE)
def import_list(request):
    jobs = selectors.import_job_list(actor=request.actor, region=request.region)
    return render(
        request, "purchasing/imports/list.html", {"breadcrumbs": _crumbs(), **paginate(request, jobs)}
    )


def _upload_form(request, data=None, files=None) -> ImportUploadForm:
    region, actor = request.region, request.actor
    every = selectors.acts_for_every_agency(actor=actor, region=region)
    agencies = selectors.agency_list(actor=actor, region=region).filter(is_active=True)
    if not every:
        agencies = agencies.filter(pk__in=actor.agency_ids)
    initial = {"kind": request.GET.get("kind") or PurchasingImport.Kind.PACKAGES}
    if request.GET.get("agency", "").isdigit():
        initial["agency"] = int(request.GET["agency"])
    if request.GET.get("year", "").isdigit():
        initial["year"] = int(request.GET["year"])
    return ImportUploadForm(data, files, agencies=agencies, agency_fixed=not every, initial=initial)


@region_permission_required(Perm.PROCUREMENT_MANAGE)
def import_upload(request):
    form, refusal = _upload_form(request), ""
    if request.method == "POST":
        # Refused from the request size alone, before the body is read into a form.
        if int(request.META.get("CONTENT_LENGTH") or 0) > IMPORT_MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES:
            refusal = _("The file is larger than %(limit)d MB.") % {
                "limit": IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)
            }
        else:
            form = _upload_form(request, request.POST, request.FILES)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    job = imports.import_job_create(
                        actor=request.actor,
                        region=request.region,
                        kind=data["kind"],
                        upload=data["file"],
                        agency_id=data["agency"].pk if data["agency"] else None,
                        year=data["year"],
                    )
                except DomainError as error:
                    apply_domain_error(form, error)
                else:
                    return redirect("purchasing:import_detail", job_id=job.pk)
    context = {
        "form": form,
        "refusal": refusal,
        "kinds": PurchasingImport.Kind.choices,
        "purchase_columns": imports.PURCHASE_COLUMNS,
        "package_columns": imports.PACKAGE_COLUMNS,
        "breadcrumbs": _crumbs(label=gettext_lazy("Upload")),
    }
    return render(
        request, "purchasing/imports/upload.html", context, status=400 if form.errors or refusal else 200
    )


@region_permission_required(Perm.PROCUREMENT_MANAGE)
def import_template(request):
    kind = request.GET.get("kind", PurchasingImport.Kind.PACKAGES)
    if kind not in PurchasingImport.Kind.values:
        raise Http404(_("Unknown kind of import."))
    names = {
        PurchasingImport.Kind.PACKAGES: "template-paket-pengadaan.xlsx",
        PurchasingImport.Kind.PURCHASES: "template-belanja-asn.xlsx",
    }
    return exports.xlsx_response(exports.import_template_xlsx(kind), names[kind])


@region_permission_required(Perm.PROCUREMENT_MANAGE)
def import_detail(request, job_id: int):
    job = _job(request, job_id)
    outcome = request.GET.get("outcome", "")
    context = {
        "job": job,
        "outcome": outcome if outcome in PurchasingImportRow.Outcome.values else "",
        "outcomes": PurchasingImportRow.Outcome.choices,
        "counts": selectors.import_outcome_counts(job=job),
        "apply_form": ApplyForm(),
        "breadcrumbs": _crumbs(job),
        **paginate(request, selectors.import_row_list(job=job, outcome=outcome), per_page=50),
    }
    return render(request, "purchasing/imports/detail.html", context)


@require_POST
@region_permission_required(Perm.PROCUREMENT_MANAGE)
def import_apply(request, job_id: int):
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose “all or nothing” or “valid rows only”."))
        return redirect("purchasing:import_detail", job_id=job_id)
    try:
        job = imports.import_job_apply(actor=request.actor, job_id=job_id, mode=form.cleaned_data["mode"])
    except NotFound as error:
        raise Http404(error.errors[0].message) from error
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        if job.status == PurchasingImport.Status.APPLIED:
            messages.success(
                request,
                _("The import was applied: %(created)d new, %(updated)d updated.")
                % {"created": job.created_count, "updated": job.updated_count},
            )
        else:
            messages.error(request, job.error)
    return redirect("purchasing:import_detail", job_id=job_id)


@require_POST
@region_permission_required(Perm.PROCUREMENT_MANAGE)
def import_cancel(request, job_id: int):
    try:
        imports.import_job_cancel(actor=request.actor, job_id=job_id)
    except NotFound as error:
        raise Http404(error.errors[0].message) from error
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("The import was cancelled and the uploaded file deleted."))
    return redirect("purchasing:import_detail", job_id=job_id)


@region_permission_required(Perm.PROCUREMENT_MANAGE)
def import_rejected(request, job_id: int):
    """The rejected rows as uploaded (they may hold NIPs), so every download goes to the access log."""
    job = _job(request, job_id)
    rows = list(selectors.import_row_list(job=job, outcome=PurchasingImportRow.Outcome.REJECTED))
    access_log_record(
        actor=request.actor,
        region_id=job.region_id,
        action=AccessLog.Action.EXPORT,
        object_type="purchasing.import_rejected_rows",
        object_id=str(job.pk),
        detail=str(len(rows)),
        ip_address=request.META.get("REMOTE_ADDR"),
    )
    return exports.xlsx_response(exports.rejected_rows_xlsx(job, rows), f"impor-{job.pk}-ditolak.xlsx")
