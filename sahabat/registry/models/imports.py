"""Import jobs: one uploaded file, its row-by-row report, and what applying it changed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from sahabat.core.crypto import EncryptedTextField
from sahabat.core.uploads import GeneratedName

__all__ = ("ImportJob", "ImportRow")


class ImportJob(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        NEEDS_MAPPING = "needs_mapping", _("Columns need mapping")
        VALIDATING = "validating", _("Checking rows")
        PREVIEWED = "previewed", _("Ready to apply")
        APPLYING = "applying", _("Applying")
        APPLIED = "applied", _("Applied")
        # All or nothing was chosen and some rows were rejected: the register was left as it was.
        NOT_APPLIED = "not_applied", _("Not applied")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        VALID_ONLY = "valid_only", _("Valid rows only")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    # The upload holds plain NIKs: it is deleted as soon as the job is applied, refused or cancelled.
    file = models.FileField(_("file"), upload_to=GeneratedName("imports"), blank=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    sheet_name = models.CharField(_("sheet"), max_length=100, blank=True)
    sheet_names = models.JSONField(_("sheets in the file"), default=list, blank=True)
    header_row = models.PositiveIntegerField(_("header row"), default=0)
    headers = models.JSONField(_("column headers"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, blank=True)
    column_mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    rejected_rows = models.PositiveIntegerField(_("rejected rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    # Blank rows and "Jumlah"/"Total" rows: counted, never imported.
    skipped_rows = models.PositiveIntegerField(_("skipped rows"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager(region="region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class ImportRow(models.Model):
    """One data row of an import file and what the check found; personal values stay encrypted."""

    class Outcome(models.TextChoices):
        NEW = "new", _("New enterprise")
        UPDATE = "update", _("Update of an existing enterprise")
        UNCHANGED = "unchanged", _("Already in the register, no change")
        REJECTED = "rejected", _("Rejected")

    job = models.ForeignKey(
        ImportJob, verbose_name=_("import job"), related_name="rows", on_delete=models.CASCADE
    )
    row_number = models.PositiveIntegerField(_("row number"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, db_index=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # {field: [old, new]} as shown to people; personal values appear masked.
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    label = models.CharField(_("business name"), max_length=200, blank=True)
    # The row's original cells (JSON), kept only for rejected rows so that they can be downloaded and fixed.
    raw_values = EncryptedTextField(_("original values"), blank=True)
    applied = models.BooleanField(_("written to the register"), default=False)
    # Blind indexes (HMAC, never the values) of a new row's owner NIK and phone, for the preview's
    # likely-duplicate hint (sahabat.dedupe.selectors.import_likely_duplicates).
    owner_nik_index = models.CharField(_("owner NIK blind index"), max_length=64, blank=True, editable=False)
    owner_phone_index = models.CharField(
        _("owner phone blind index"), max_length=64, blank=True, editable=False
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = ScopedManager(region="job__region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        ordering = ("job", "row_number")
        constraints = [models.UniqueConstraint(fields=("job", "row_number"), name="import_row_unique_number")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.row_number} {self.outcome}"
