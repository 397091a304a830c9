"""Import pages: list, upload, column mapping, preview with the row-by-row report, apply, downloads."""

from django.contrib import messages
from django.http import Http404, HttpResponse
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
from sahabat.dedupe.selectors import import_likely_duplicates
from sahabat.registry.imports import files, selectors, services
from sahabat.registry.imports.columns import field_label
from sahabat.registry.imports.forms import ApplyForm, MappingForm, UploadForm
from sahabat.registry.imports.reader import IMPORT_MAX_UPLOAD_BYTES
from sahabat.registry.models import ImportJob, ImportRow

# Room for the multipart envelope and the other form fields around the file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def _crumbs(job: ImportJob | None = None, label=None) -> list[dict]:
    crumbs = [{"label": gettext_lazy("Imports"), "url": reverse("registry:import_list")}]
    if job is not None:
        crumbs.append({"label": job.original_name, "url": reverse("registry:import_detail", args=[job.pk])})
    if label is not None:
        crumbs.append({"label": label, "url": ""})
    return crumbs


def _job(request, job_id: int) -> ImportJob:
    try:
        return selectors.import_job_get(actor=request.actor, job_id=job_id)
    except ImportJob.DoesNotExist:
        raise Http404(_("This import does not exist in your region.")) from None


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=files.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@region_permission_required(Perm.REGISTRY_IMPORT)
def import_list(request):
    jobs = selectors.import_job_list(actor=request.actor, region=request.region)
    return render(
        request, "registry/imports/list.html", {"breadcrumbs": _crumbs(), **paginate(request, jobs)}
    )


@region_permission_required(Perm.REGISTRY_IMPORT)
def import_upload(request):
    form, refusal = UploadForm(), ""
    if request.method == "POST":
        # Refused from the request size alone, before the body is read into a form.
        if int(request.META.get("CONTENT_LENGTH") or 0) > IMPORT_MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES:
            refusal = _(
                "The file is larger than %(limit)d MB. Split it into smaller files and import them "
                "one by one."
            ) % {"limit": IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)}
        else:
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    job = services.import_job_create(
                        actor=request.actor,
                        region=request.region,
                        upload=form.cleaned_data["file"],
                        sheet_name=form.cleaned_data["sheet"],
                    )
                except DomainError as error:
                    apply_domain_error(form, error)
                else:
                    if job.status == ImportJob.Status.NEEDS_MAPPING:
                        return redirect("registry:import_mapping", job_id=job.pk)
                    return redirect("registry:import_detail", job_id=job.pk)
    context = {"form": form, "refusal": refusal, "breadcrumbs": _crumbs(label=gettext_lazy("Upload"))}
    return render(
        request, "registry/imports/upload.html", context, status=400 if form.errors or refusal else 200
    )


@region_permission_required(Perm.REGISTRY_IMPORT)
def import_mapping(request, job_id: int):
    job = _job(request, job_id)
    if not job.file or job.status not in (
        ImportJob.Status.NEEDS_MAPPING,
        ImportJob.Status.PREVIEWED,
        ImportJob.Status.FAILED,
    ):
        return redirect("registry:import_detail", job_id=job.pk)
    form = MappingForm(request.POST or None, job=job)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_map(
                actor=request.actor,
                job_id=job.pk,
                mapping=form.mapping(),
                sheet_name=form.cleaned_data.get("sheet"),
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            if job.status == ImportJob.Status.NEEDS_MAPPING:
                return redirect("registry:import_mapping", job_id=job.pk)
            return redirect("registry:import_detail", job_id=job.pk)
    context = {"job": job, "form": form, "breadcrumbs": _crumbs(job, gettext_lazy("Columns"))}
    return render(request, "registry/imports/mapping.html", context)


@region_permission_required(Perm.REGISTRY_IMPORT)
def import_detail(request, job_id: int):
    job = _job(request, job_id)
    if job.status == ImportJob.Status.NEEDS_MAPPING:
        return redirect("registry:import_mapping", job_id=job.pk)
    outcome = request.GET.get("outcome", "")
    page = paginate(request, selectors.import_row_list(job=job, outcome=outcome), per_page=50)
    for row in page["page_obj"].object_list:
        row.change_list = [(field_label(name), old, new) for name, (old, new) in row.changes.items()]
    if job.status == ImportJob.Status.PREVIEWED:
        # Before anything is written: new rows that look like records already in the register.
        duplicates = import_likely_duplicates(
            actor=request.actor, region=job.region, rows=page["page_obj"].object_list
        )
        for row in page["page_obj"].object_list:
            row.likely_duplicates = duplicates.get(row.pk, [])
    context = {
        "job": job,
        "outcome": outcome if outcome in ImportRow.Outcome.values else "",
        "outcomes": ImportRow.Outcome.choices,
        "counts": selectors.import_outcome_counts(job=job),
        "apply_form": ApplyForm(),
        "running": job.status in services.RUNNING,
        "breadcrumbs": _crumbs(job),
        **page,
    }
    return render(request, "registry/imports/detail.html", context)


@region_permission_required(Perm.REGISTRY_IMPORT)
def import_progress(request, job_id: int):
    """The progress bar, polled every second by htmx; once the job is done the page reloads itself."""
    job = _job(request, job_id)
    running = job.status in services.RUNNING
    response = render(request, "registry/imports/_progress.html", {"job": job, "running": running})
    if not running and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require_POST
@region_permission_required(Perm.REGISTRY_IMPORT)
def import_apply(request, job_id: int):
    form = ApplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose “all or nothing” or “valid rows only”."))
        return redirect("registry:import_detail", job_id=job_id)
    try:
        job = services.import_job_apply(actor=request.actor, job_id=job_id, mode=form.cleaned_data["mode"])
    except NotFound as error:
        raise Http404(error.errors[0].message) from error
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        if job.status == ImportJob.Status.APPLIED:
            messages.success(
                request,
                _("The import was applied: %(created)d new, %(updated)d updated.")
                % {"created": job.created_count, "updated": job.updated_count},
            )
        elif job.status in (ImportJob.Status.NOT_APPLIED, ImportJob.Status.FAILED):
            messages.error(request, job.error)
    return redirect("registry:import_detail", job_id=job_id)


@require_POST
@region_permission_required(Perm.REGISTRY_IMPORT)
def import_cancel(request, job_id: int):
    try:
        services.import_job_cancel(actor=request.actor, job_id=job_id)
    except NotFound as error:
        raise Http404(error.errors[0].message) from error
    except DomainError as error:
        messages.error(request, error.errors[0].message)
    else:
        messages.success(request, _("The import was cancelled and the uploaded file deleted."))
    return redirect("registry:import_detail", job_id=job_id)


@region_permission_required(Perm.REGISTRY_IMPORT)
def import_rejected(request, job_id: int):
    """The rejected rows as uploaded (they may hold NIKs), so every download goes to the access log."""
    job = _job(request, job_id)
    rows = list(selectors.import_row_list(job=job, outcome=ImportRow.Outcome.REJECTED))
    access_log_record(
        actor=request.actor,
        region_id=job.region_id,
        action=AccessLog.Action.EXPORT,
        object_type="registry.import_rejected_rows",
        object_id=str(job.pk),
        detail=str(len(rows)),
        ip_address=request.META.get("REMOTE_ADDR"),
    )
    return _xlsx(files.rejected_rows_xlsx(job, rows), f"import-{job.pk}-ditolak.xlsx")


@region_permission_required(Perm.REGISTRY_IMPORT)
def import_template(request):
    return _xlsx(files.template_xlsx(), "template-import-umkm.xlsx")
