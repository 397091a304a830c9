"""Writes for register imports: upload a file, map its columns, check it, apply it or cancel it.

A job goes uploaded → (needs mapping) → checking → ready to apply → applying → applied, not applied
(all or nothing with rejected rows) or failed. Checking writes nothing to the register; applying checks
the file again against the register as it is then, and writes in one transaction ("all or nothing") or
in committed batches ("valid rows only"), with the job saying exactly how far it got.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.regions.models import Region
from sahabat.registry.imports import bulk, reader
from sahabat.registry.imports.columns import COLUMNS_BY_FIELD, IGNORE, REQUIRED_FIELDS, field_for_header
from sahabat.registry.imports.pipeline import Analysis, RegisterWriter, analyse, gc_paused, import_row_for
from sahabat.registry.models import ImportJob, ImportRow

logger = logging.getLogger(__name__)

Status = ImportJob.Status
Mode = ImportJob.Mode
Outcome = ImportRow.Outcome

# Files with more data rows than this are checked and applied by the background worker.
IMPORT_INLINE_MAX_ROWS = 2000
# "Valid rows only" commits this many rows at a time, so a failure keeps what was already written.
# Each commit writes every page a batch touched, and the blind indexes are random keys that touch
# pages all over their index: with 2,000-row batches the commits took a sixth of the import's time.
# A batch of 10,000 holds the write lock about a second.
APPLY_CHUNK_ROWS = 10_000

FINISHED = frozenset({Status.APPLIED, Status.NOT_APPLIED, Status.CANCELLED})
RUNNING = frozenset({Status.VALIDATING, Status.APPLYING})


def _mapping(job: ImportJob) -> dict[int, str]:
    return {int(index): name for index, name in job.column_mapping.items()}


def auto_mapping(headers: list[str]) -> dict[str, str]:
    """Column index → field for every header the synonym table knows; a field claimed twice keeps "
    "its first column."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        name = field_for_header(header) if header else None
        if name is None or (name != IGNORE and name in taken):
            continue
        mapping[str(index)] = name
        taken.add(name)
    return mapping


def unmapped_columns(headers: list[str], mapping: dict[str, str]) -> list[int]:
    return [index for index, header in enumerate(headers) if header and str(index) not in mapping]


def _mapping_complete(headers: list[str], mapping: dict[str, str]) -> bool:
    mapped = set(mapping.values())
    return not unmapped_columns(headers, mapping) and all(name in mapped for name in REQUIRED_FIELDS)


def _upload_bytes(upload) -> tuple[bytes, str]:
    reader.check_size(upload.size)
    upload.seek(0)
    data = upload.read(reader.IMPORT_MAX_UPLOAD_BYTES + 1)
    reader.check_size(len(data))
    return data, reader.file_kind(name=upload.name or "", head=data[:4096])


def _job_for(actor: Actor, job_id: int) -> ImportJob:
    job = ImportJob.objects.with_scopes_disabled().select_related("region").filter(pk=job_id).first()
    if job is None or not actor.has_perm(Perm.REGISTRY_IMPORT, job.region_id):
        raise NotFound("import.unknown", _("This import does not exist in your region."))
    return job


def _save(job: ImportJob, **values) -> None:
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=list(values))


def _progress(job: ImportJob) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        # A queryset update: no audit entry and no model signal per step.
        ImportJob.objects.with_scope(region=job.region_id).filter(pk=job.pk).update(
            progress=min(99, done * 100 // max(total, 1))
        )

    return report


def _read(job: ImportJob) -> reader.Table:
    if not job.file:
        raise DomainError(
            "import.file_gone", _("The uploaded file is no longer stored. Upload it again."), status=409
        )
    with job.file.open("rb") as stored:
        data = stored.read()
    kind = reader.XLSX if job.file.name.endswith(".xlsx") else reader.CSV
    return reader.read_table(data, kind=kind, sheet_name=job.sheet_name)


def _forget_upload(job: ImportJob) -> None:
    """The upload holds plain NIKs; it goes as soon as the job no longer needs it."""
    if job.file:
        job.file.delete(save=False)
        job.file = ""


def import_job_create(*, actor: Actor, region: Region, upload, sheet_name: str = "") -> ImportJob:
    """Store an uploaded file as an import job and check it, or ask for the column mapping first.

    A file that is too large, not really .xlsx/.csv, a zip bomb, damaged, or without a header row is refused
    here, and nothing is stored.
    """
    actor.require(Perm.REGISTRY_IMPORT, region.pk)
    data, kind = _upload_bytes(upload)
    table = reader.read_table(data, kind=kind, sheet_name=sheet_name.strip())
    job = ImportJob(
        region=region,
        created_by_id=actor.user_id,
        original_name=(upload.name or "")[:255],
        sheet_name=table.sheet_name,
        sheet_names=table.sheet_names,
        header_row=table.header_row,
        headers=table.headers,
        column_mapping=auto_mapping(table.headers),
        total_rows=table.row_count,
    )
    job.file.save(f"upload.{kind}", ContentFile(data), save=False)
    job.save()
    _after_mapping(job, table)
    return job


def _after_mapping(job: ImportJob, table: reader.Table | None) -> None:
    if not _mapping_complete(job.headers, job.column_mapping):
        _save(job, status=Status.NEEDS_MAPPING, progress=0)
        return
    _save(job, status=Status.VALIDATING, progress=0, error="")
    if job.total_rows > IMPORT_INLINE_MAX_ROWS:
        from sahabat.registry.imports.tasks import import_validate_task

        import_validate_task(job.pk)
    else:
        import_job_validate(job_id=job.pk, table=table)
    job.refresh_from_db()


def import_job_map(
    *, actor: Actor, job_id: int, mapping: dict[int, str], sheet_name: str | None = None
) -> ImportJob:
    """Confirm which field each column holds ("" = ignore), or switch to another sheet of the workbook."""
    job = _job_for(actor, job_id)
    if job.status not in (Status.NEEDS_MAPPING, Status.PREVIEWED, Status.FAILED) or not job.file:
        raise DomainError(
            "import.not_mappable", _("The columns of this import can no longer be changed."), status=409
        )
    if sheet_name and sheet_name != job.sheet_name:
        _save(job, sheet_name=sheet_name)
        table = _read(job)
        _save(
            job,
            header_row=table.header_row,
            headers=table.headers,
            column_mapping=auto_mapping(table.headers),
            total_rows=table.row_count,
        )
        _after_mapping(job, table)
        return job
    cleaned: dict[str, str] = {}
    used: dict[str, int] = {}
    for index, name in sorted(mapping.items()):
        if index >= len(job.headers) or not job.headers[index]:
            continue
        if name and name not in COLUMNS_BY_FIELD:
            raise DomainError(
                "import.unknown_field", _("Choose a field from the list."), field=f"column_{index}"
            )
        if name and name in used:
            raise DomainError(
                "import.field_twice",
                _("Columns “%(first)s” and “%(second)s” cannot both be %(field)s.")
                % {
                    "first": job.headers[used[name]],
                    "second": job.headers[index],
                    "field": COLUMNS_BY_FIELD[name].label,
                },
                field=f"column_{index}",
            )
        if name:
            used[name] = index
        cleaned[str(index)] = name
    missing = [COLUMNS_BY_FIELD[name].label for name in REQUIRED_FIELDS if name not in used]
    if missing:
        raise DomainError(
            "import.required_column",
            _("Choose the column that holds: %(fields)s.")
            % {"fields": ", ".join(str(label) for label in missing)},
        )
    _save(job, column_mapping=cleaned)
    _after_mapping(job, None)
    return job


def _store_rows(job: ImportJob, analysis: Analysis, *, applied: bool) -> None:
    ImportRow.objects.with_scope(region=job.region_id).filter(job=job).delete()
    bulk.insert(ImportRow, [import_row_for(job, plan, applied=applied) for plan in analysis.plans])


def _counts(analysis: Analysis) -> dict:
    rejected = analysis.count(Outcome.REJECTED)
    return {
        "total_rows": len(analysis.plans),
        "valid_rows": len(analysis.plans) - rejected,
        "rejected_rows": rejected,
        "unchanged_count": analysis.count(Outcome.UNCHANGED),
        "skipped_rows": analysis.skipped,
    }


def _fail(job: ImportJob, error: Exception) -> None:
    if isinstance(error, DomainError):
        message = str(error.errors[0].message)
    else:
        logger.exception("import job %s failed", job.pk)
        message = _(
            "The import stopped because of an unexpected error. The register was not changed by this step."
        )
    _save(job, status=Status.FAILED, error=message, finished_at=timezone.now())


@gc_paused()
def import_job_validate(*, job_id: int, table: reader.Table | None = None) -> ImportJob:
    """Check every row against the register and store the row-by-row report; the register is not touched.

    Called inline for small files and by the background worker for large ones (no actor: the job was
    authorised when it was created).
    """
    job = ImportJob.unscoped.select_related("region").get(pk=job_id)
    try:
        table = table or _read(job)
        analysis = analyse(region=job.region, table=table, mapping=_mapping(job), progress=_progress(job))
        with transaction.atomic():
            _store_rows(job, analysis, applied=False)
            _save(job, status=Status.PREVIEWED, progress=100, error="", **_counts(analysis))
    except Exception as error:  # noqa: BLE001 - any failure must leave the job FAILED with a message
        _fail(job, error)
    return job


def import_job_apply(*, actor: Actor, job_id: int, mode: str) -> ImportJob:
    """Start writing a checked import to the register in the chosen mode."""
    job = _job_for(actor, job_id)
    if mode not in Mode.values:
        raise DomainError("import.mode", _("Choose “all or nothing” or “valid rows only”."), field="mode")
    if job.status not in (Status.PREVIEWED, Status.FAILED):
        raise DomainError(
            "import.not_ready",
            _("This import is not ready to be applied (status: %(status)s).")
            % {"status": job.get_status_display()},
            status=409,
        )
    if not job.file:
        raise DomainError(
            "import.file_gone", _("The uploaded file is no longer stored. Upload it again."), status=409
        )
    # Claimed with one conditional update, so that two clicks on "Apply" start one run.
    claimed = (
        ImportJob.objects.with_scope(region=job.region_id)
        .filter(pk=job.pk, status__in=(Status.PREVIEWED, Status.FAILED))
        .update(mode=mode, status=Status.APPLYING, progress=0, error="")
    )
    if not claimed:
        raise DomainError("import.not_ready", _("This import is already being applied."), status=409)
    job.refresh_from_db()
    if job.total_rows > IMPORT_INLINE_MAX_ROWS:
        from sahabat.registry.imports.tasks import import_apply_task

        import_apply_task(job.pk)
        return job
    return import_job_apply_run(job_id=job.pk)


@gc_paused()
def import_job_apply_run(*, job_id: int, table: reader.Table | None = None) -> ImportJob:
    """Check the file again against the register as it is now, then write it (background worker or inline)."""
    job = ImportJob.unscoped.select_related("region").get(pk=job_id)
    try:
        table = table or _read(job)
        report = _progress(job)
        analysis = analyse(
            region=job.region,
            table=table,
            mapping=_mapping(job),
            progress=lambda done, total: report(done // 2, total),
        )
        _apply(job, analysis, report=lambda done, total: report(total // 2 + done // 2, total))
    except Exception as error:  # noqa: BLE001 - the job must say it failed, whatever the cause
        _fail(job, error)
    return job


def _apply(job: ImportJob, analysis: Analysis, *, report: Callable[[int, int], None] | None = None) -> None:
    counts = _counts(analysis)
    if job.mode == Mode.ALL_OR_NOTHING and counts["rejected_rows"]:
        with transaction.atomic():
            _store_rows(job, analysis, applied=False)
            _forget_upload(job)
            _save(
                job,
                status=Status.NOT_APPLIED,
                progress=100,
                file=job.file,
                finished_at=timezone.now(),
                created_count=0,
                updated_count=0,
                error=_(
                    "Nothing was written: %(count)d rows were rejected and the mode is “all or "
                    "nothing”. Download "
                    "the rejected rows, correct them and upload the file again."
                )
                % {"count": counts["rejected_rows"]},
                **counts,
            )
        return
    writer = RegisterWriter(region=job.region, job=job)
    plans = analysis.plans
    chunk = len(plans) if job.mode == Mode.ALL_OR_NOTHING else APPLY_CHUNK_ROWS
    _save(job, **counts)
    try:
        for start in range(0, max(len(plans), 1), chunk):
            part = plans[start : start + chunk]
            with transaction.atomic():
                writer.write(part)
                if part:
                    ImportRow.objects.with_scope(region=job.region_id).filter(
                        job=job, row_number__gte=part[0].row.number, row_number__lte=part[-1].row.number
                    ).delete()
                    bulk.insert(ImportRow, [import_row_for(job, plan, applied=True) for plan in part])
                _save(job, created_count=writer.created, updated_count=writer.updated)
            if report:
                report(start + len(part), len(plans))
    except Exception:
        if job.mode == Mode.VALID_ONLY and writer.created + writer.updated:
            logger.exception("import job %s failed part-way", job.pk)
            _save(
                job,
                status=Status.FAILED,
                finished_at=timezone.now(),
                error=_(
                    "The import stopped at row %(row)d. Rows before it were written (%(created)d "
                    "new, %(updated)d "
                    "updated); that row and the rows after it were not."
                )
                % {"row": part[0].row.number, "created": writer.created, "updated": writer.updated},
            )
            return
        raise
    _forget_upload(job)
    _save(job, status=Status.APPLIED, progress=100, file=job.file, finished_at=timezone.now())


@transaction.atomic
def import_job_cancel(*, actor: Actor, job_id: int) -> ImportJob:
    """Drop an import that was not applied: the upload and the rejected rows' original values go."""
    job = _job_for(actor, job_id)
    if job.status in FINISHED or job.status in RUNNING:
        raise DomainError("import.not_cancellable", _("This import can no longer be cancelled."), status=409)
    _forget_upload(job)
    ImportRow.objects.with_scope(region=job.region_id).filter(job=job).update(raw_values="")
    _save(job, status=Status.CANCELLED, file=job.file, finished_at=timezone.now())
    return job


@dataclass
class RunSummary:
    """What a command-line import did (or, in a dry run, would do)."""

    rows: int
    new: int
    updated: int
    unchanged: int
    rejected: int
    skipped: int
    seconds: float
    status: str = ""
    job_id: int | None = None
    message: str = ""
    ignored_headers: list[str] = field(default_factory=list)


@gc_paused()
def import_file_run(
    *,
    region: Region,
    data: bytes,
    name: str,
    mode: str = Mode.ALL_OR_NOTHING,
    dry_run: bool = False,
    sheet_name: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> RunSummary:
    """Import a file as the system (command line, benchmark): check, then write unless it is a dry run.

    Columns the synonym table does not know are ignored and listed. A dry run writes nothing at all,
    not even a job. The caller is trusted (no actor); the job records no user.
    """
    started = time.perf_counter()
    reader.check_size(len(data))
    kind = reader.file_kind(name=name, head=data[:4096])
    table = reader.read_table(data, kind=kind, sheet_name=sheet_name)
    mapping = auto_mapping(table.headers)
    ignored = [table.headers[index] for index in unmapped_columns(table.headers, mapping)]
    missing = [
        COLUMNS_BY_FIELD[field_name].header
        for field_name in REQUIRED_FIELDS
        if field_name not in mapping.values()
    ]
    if missing:
        raise DomainError(
            "import.required_column",
            _("The file has no column for: %(fields)s.") % {"fields": ", ".join(missing)},
        )
    for index in unmapped_columns(table.headers, mapping):
        mapping[str(index)] = IGNORE
    int_mapping = {int(index): value for index, value in mapping.items()}
    if dry_run:
        analysis = analyse(region=region, table=table, mapping=int_mapping, progress=progress)
        counts = _counts(analysis)
        return RunSummary(
            rows=counts["total_rows"],
            new=analysis.count(Outcome.NEW),
            updated=analysis.count(Outcome.UPDATE),
            unchanged=counts["unchanged_count"],
            rejected=counts["rejected_rows"],
            skipped=counts["skipped_rows"],
            seconds=time.perf_counter() - started,
            status=_("dry run: nothing written"),
            ignored_headers=ignored,
        )
    job = ImportJob(
        region=region,
        created_by=None,
        original_name=name[:255],
        sheet_name=table.sheet_name,
        sheet_names=table.sheet_names,
        header_row=table.header_row,
        headers=table.headers,
        column_mapping=mapping,
        total_rows=table.row_count,
        mode=mode,
        status=Status.APPLYING,
    )
    job.save()
    try:
        analysis = analyse(
            region=region,
            table=table,
            mapping=int_mapping,
            progress=(lambda done, total: progress(done // 2, total)) if progress else None,
        )
        _apply(
            job,
            analysis,
            report=(lambda done, total: progress(total // 2 + done // 2, total)) if progress else None,
        )
    except Exception as error:  # noqa: BLE001 - the job must say it failed, whatever the cause
        _fail(job, error)
    job.refresh_from_db()
    return RunSummary(
        rows=job.total_rows,
        new=job.created_count,
        updated=job.updated_count,
        unchanged=job.unchanged_count,
        rejected=job.rejected_rows,
        skipped=job.skipped_rows,
        seconds=time.perf_counter() - started,
        status=job.get_status_display(),
        job_id=job.pk,
        message=job.error,
        ignored_headers=ignored,
    )
