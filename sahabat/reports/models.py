"""Reports for the regent: the region's letterhead, generated report files and monthly e-mail schedules."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from sahabat.core.uploads import GeneratedName

__all__ = ("Kind", "Format", "Letterhead", "ReportFile", "Schedule", "report_file_name")


def report_file_name(*, kind: str, region_code: str, month: date, format: str) -> str:
    """`laporan-umkm-35.09-2023-08.pdf`: made from the request, never from user input."""
    return f"laporan-{kind}-{region_code}-{month.year:04d}-{month.month:02d}.{format}"


class Kind(models.TextChoices):
    UMKM = "umkm", _("UMKM recap")
    EVENTS = "events", _("Event report")
    PURCHASING = "purchasing", _("ASN purchases and the 40% procurement")
    COOPERATION = "cooperation", _("Cooperation monitoring (monev)")
    INDICATORS = "indicators", _("Development indicators")


class Format(models.TextChoices):
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel (.xlsx)")


class Letterhead(models.Model):
    """What heads every PDF report of a region: the logo and the office's name and address."""

    region = models.OneToOneField(
        "regions.Region", verbose_name=_("region"), related_name="report_letterhead", on_delete=models.CASCADE
    )
    logo = models.FileField(_("logo (PNG or JPEG)"), upload_to=GeneratedName("reports/logos"), blank=True)
    office = models.CharField(
        _("office"), max_length=200, blank=True, help_text=_("e.g. Dinas Koperasi dan Usaha Mikro")
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("report letterhead")
        verbose_name_plural = _("report letterheads")
        default_manager_name = "unscoped"

    def __str__(self) -> str:
        return str(self.region)

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class ReportFile(models.Model):
    """One generated report, kept for download: made at once or in the background."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="report_files", on_delete=models.CASCADE
    )
    kind = models.CharField(_("report"), max_length=16, choices=Kind.choices)
    period = models.DateField(_("month"), help_text=_("The first day of the month reported on."))
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(_("file"), upload_to=GeneratedName("reports/files"), blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        default_manager_name = "unscoped"
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return self.download_name

    @property
    def download_name(self) -> str:
        return report_file_name(
            kind=self.kind, region_code=self.region.code, month=self.period, format=self.format
        )


class Schedule(models.Model):
    """A report e-mailed every month, for the month that has just ended."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="report_schedules", on_delete=models.CASCADE
    )
    kind = models.CharField(_("report"), max_length=16, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices, default=Format.PDF)
    recipients = models.TextField(_("recipients"), help_text=_("E-mail addresses, one a line."))
    is_active = models.BooleanField(_("active"), default=True)
    last_period = models.DateField(_("last month sent"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")
        default_manager_name = "unscoped"
        ordering = ("kind", "format", "pk")
        constraints = [
            models.UniqueConstraint(fields=("region", "kind", "format"), name="report_schedule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_format_display()})"

    @property
    def recipient_list(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}
