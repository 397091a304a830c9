"""The import API: upload a file as a job, follow its check, read its rows, apply it."""

from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core.api_errors import ERRORS
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.core.pagination import PageNumberPagination
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code
from sahabat.registry.imports import selectors, services
from sahabat.registry.models import ImportJob

router = Router(tags=["registry imports"])


class JobOut(Schema):
    id: int
    region: str
    status: str
    status_label: str
    mode: str
    original_name: str
    sheet_name: str
    header_row: int
    headers: list[str]
    total_rows: int
    valid_rows: int
    rejected_rows: int
    unchanged_count: int
    skipped_rows: int
    created_count: int
    updated_count: int
    progress: int
    error: str
    outcomes: dict[str, int]
    created_at: datetime
    finished_at: datetime | None


class RowErrorOut(Schema):
    field: str
    column: str
    code: str
    message: str


class RowOut(Schema):
    row_number: int
    outcome: str
    label: str
    errors: list[RowErrorOut]
    changes: dict[str, list]
    enterprise_id: int | None
    applied: bool


class RowQuery(Schema):
    outcome: Literal["", "new", "update", "unchanged", "rejected"] = ""


class ApplyIn(Schema):
    mode: Literal["all_or_nothing", "valid_only"]


def _out(job: ImportJob) -> dict:
    return {
        **{name: getattr(job, name) for name in JobOut.model_fields if hasattr(job, name)},
        "region": job.region.code,
        "status_label": job.get_status_display(),
        "outcomes": selectors.import_outcome_counts(job=job),
    }


def _region(request, code: str) -> Region:
    actor: Actor = request.auth
    if code:
        try:
            region = region_by_code(code)
        except Region.DoesNotExist:
            raise NotFound(
                "region.unknown", _("There is no region with code %(code)s.") % {"code": code}, field="region"
            ) from None
    else:
        region = request.region
        if region is None:
            raise PermissionDenied(
                "auth.forbidden", _("Your role in this region does not allow this action.")
            )
    actor.require(Perm.REGISTRY_IMPORT, region.pk)
    return region


def _job(request, job_id: int) -> ImportJob:
    return selectors.import_job_get(actor=request.auth, job_id=job_id)


@router.post("/", response={201: JobOut, **ERRORS}, summary="Upload an .xlsx or .csv file as an import job")
def import_create(request, file: UploadedFile = File(None), sheet: str = Form(""), region: str = Form("")):  # noqa: B008
    """Checks the file (nothing is written to the register). The job is `previewed` when its rows are
    checked, `needs_mapping` when some columns are not recognised (map them in the web page), or
    `validating` while a large file is checked in the background."""
    tenant = _region(request, region)
    if file is None:
        raise DomainError(
            "import.file_required", _("Send the file in the “file” field."), field="file", status=400
        )
    job = services.import_job_create(actor=request.auth, region=tenant, upload=file, sheet_name=sheet)
    return Status(201, _out(job))


@router.get("/{job_id}", response={200: JobOut, **ERRORS}, summary="Status and summary of an import job")
def import_status(request, job_id: int):
    return _out(_job(request, job_id))


@router.get("/{job_id}/rows", response={200: list[RowOut], **ERRORS}, summary="The rows of an import job")
@paginate(PageNumberPagination, page_size=100)
def import_rows(request, job_id: int, filters: Query[RowQuery]):
    return selectors.import_row_list(job=_job(request, job_id), outcome=filters.outcome)


@router.post(
    "/{job_id}/apply", response={200: JobOut, **ERRORS}, summary="Apply an import job to the register"
)
def import_apply(request, job_id: int, payload: ApplyIn):
    """`all_or_nothing` writes nothing when any row is rejected; `valid_only` writes the valid rows."""
    job = services.import_job_apply(actor=request.auth, job_id=job_id, mode=payload.mode)
    job.refresh_from_db()
    return _out(job)
