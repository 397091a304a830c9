"""Agencies (OPD), ASN purchases from UMKM, and the procurement budget and packages of each year."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from sahabat.core.crypto import EncryptedTextField
from sahabat.core.uploads import GeneratedName

__all__ = (
    "Agency",
    "ProcurementBudget",
    "ProcurementPackage",
    "Purchase",
    "PurchasingImport",
    "PurchasingImportRow",
)


class Agency(models.Model):
    """A regional government agency (OPD: dinas, badan, kecamatan office, …)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="agencies", on_delete=models.PROTECT
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    head_name = models.CharField(_("head of agency"), max_length=150, blank=True)
    asn_count = models.PositiveIntegerField(_("number of ASN"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        default_manager_name = "unscoped"
        ordering = ("name",)
        constraints = [models.UniqueConstraint(fields=("region", "code"), name="agency_unique_code")]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class Purchase(models.Model):
    """A civil servant buying from an UMKM; the buyer's NIP is personal data (encrypted, masked)."""

    class Channel(models.TextChoices):
        EVENT_BOOTH = "event_booth", _("Event booth")
        SHOP = "shop", _("Shop or stall")
        ONLINE = "online", _("Toko Daring / marketplace")
        OTHER = "other", _("Other")

    class Source(models.TextChoices):
        AGENCY = "agency", _("Agency focal point")
        OWNER = "owner", _("UMKM owner")
        IMPORT = "import", _("Import")
        API = "api", _("API")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="purchases", on_delete=models.PROTECT
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        related_name="asn_purchases",
        on_delete=models.PROTECT,
    )
    purchased_on = models.DateField(_("date"), db_index=True)
    buyer_nip = EncryptedTextField(_("buyer NIP"))
    buyer_nip_index = models.CharField(
        _("buyer NIP blind index"), max_length=64, db_index=True, editable=False
    )
    buyer_nip_masked = models.CharField(_("buyer NIP (masked)"), max_length=24, editable=False)
    amount = models.BigIntegerField(_("amount (Rp)"), validators=[MinValueValidator(1)])
    description = models.CharField(_("description"), max_length=300, blank=True)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, default=Channel.SHOP)
    receipt = models.ImageField(_("receipt photo"), upload_to=GeneratedName("receipts"), blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.AGENCY, editable=False
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("ASN purchase")
        verbose_name_plural = _("ASN purchases")
        default_manager_name = "unscoped"
        ordering = ("-purchased_on", "-pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="purchase_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.purchased_on} {self.enterprise} {self.amount}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class ProcurementBudget(models.Model):
    """The goods and services budget (pagu belanja barang/jasa) of one agency in one budget year."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="budgets", on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(
        _("budget year"), validators=[MinValueValidator(2018), MaxValueValidator(2100)]
    )
    goods_services_budget = models.BigIntegerField(
        _("goods and services budget (Rp)"), validators=[MinValueValidator(0)]
    )

    objects = ScopedManager(region="agency__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("procurement budget")
        verbose_name_plural = _("procurement budgets")
        default_manager_name = "unscoped"
        ordering = ("-year", "agency__name")
        constraints = [
            models.UniqueConstraint(fields=("agency", "year"), name="budget_unique_year"),
            models.CheckConstraint(
                condition=models.Q(goods_services_budget__gte=0), name="budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.agency.region_id}


class ProcurementPackage(models.Model):
    """A procurement package from the RUP (SiRUP), and what has been spent on it."""

    class Method(models.TextChoices):
        E_PURCHASING = "e_purchasing", _("E-purchasing")
        DIRECT_PROCUREMENT = "direct_procurement", _("Direct procurement (pengadaan langsung)")
        DIRECT_APPOINTMENT = "direct_appointment", _("Direct appointment (penunjukan langsung)")
        TENDER = "tender", _("Tender")
        QUICK_TENDER = "quick_tender", _("Quick tender (tender cepat)")
        SELECTION = "selection", _("Selection (seleksi)")
        SELF_MANAGED = "self_managed", _("Self-managed (swakelola)")
        OTHER = "other", _("Other")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="packages", on_delete=models.PROTECT
    )
    year = models.PositiveSmallIntegerField(_("budget year"))
    rup_code = models.CharField(_("RUP code"), max_length=30)
    name = models.CharField(_("package name"), max_length=300)
    value = models.BigIntegerField(_("package value (Rp)"), validators=[MinValueValidator(0)])
    method = models.CharField(_("method"), max_length=20, choices=Method.choices, default=Method.OTHER)
    reserved_for_small = models.BooleanField(
        _("reserved for micro and small enterprises and cooperatives"), default=False
    )
    realised = models.BigIntegerField(_("realised spend (Rp)"), default=0, validators=[MinValueValidator(0)])
    supplier = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("supplier (UMKM)"),
        related_name="procurement_packages",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = ScopedManager(region="agency__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("procurement package")
        verbose_name_plural = _("procurement packages")
        default_manager_name = "unscoped"
        ordering = ("-year", "rup_code")
        constraints = [
            models.UniqueConstraint(fields=("agency", "year", "rup_code"), name="package_unique_rup_code"),
            models.CheckConstraint(
                condition=models.Q(realised__lte=models.F("value")), name="package_realised_within_value"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0, realised__gte=0), name="package_amounts_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rup_code} {self.name}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.agency.region_id}


class PurchasingImport(models.Model):
    """An Excel file of ASN purchases or of procurement packages: checked row by row before it is written.

    The same flow as the register import (sahabat/registry/imports): preview, then all or nothing or
    valid rows only, with the rejected rows downloadable. The upload may hold NIPs: it is deleted as
    soon as the job is applied, refused or cancelled.
    """

    class Kind(models.TextChoices):
        PURCHASES = "purchases", _("ASN purchases")
        PACKAGES = "packages", _("Procurement packages (SiRUP/SPSE)")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Ready to apply")
        APPLIED = "applied", _("Applied")
        # All or nothing was chosen and some rows were rejected: nothing was written.
        NOT_APPLIED = "not_applied", _("Not applied")
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        VALID_ONLY = "valid_only", _("Valid rows only")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Every row goes to this agency; empty when the file names each row's agency.
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), related_name="+", on_delete=models.PROTECT, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("budget year"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    file = models.FileField(_("file"), upload_to=GeneratedName("purchasing-imports"), blank=True)
    original_name = models.CharField(_("original file name"), max_length=255)
    headers = models.JSONField(_("column headers"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREVIEWED)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    rejected_rows = models.PositiveIntegerField(_("rejected rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    skipped_rows = models.PositiveIntegerField(_("skipped rows"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("purchasing import")
        verbose_name_plural = _("purchasing imports")
        default_manager_name = "unscoped"
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class PurchasingImportRow(models.Model):
    """One data row of a purchasing import and what the check found; rejected rows keep their cells."""

    class Outcome(models.TextChoices):
        NEW = "new", _("New")
        UPDATE = "update", _("Update")
        UNCHANGED = "unchanged", _("Already recorded, no change")
        REJECTED = "rejected", _("Rejected")

    job = models.ForeignKey(
        PurchasingImport, verbose_name=_("import"), related_name="rows", on_delete=models.CASCADE
    )
    row_number = models.PositiveIntegerField(_("row number"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, db_index=True)
    label = models.CharField(_("label"), max_length=300, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    raw_values = EncryptedTextField(_("original values"), blank=True)
    applied = models.BooleanField(_("written"), default=False)

    objects = ScopedManager(region="job__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("purchasing import row")
        verbose_name_plural = _("purchasing import rows")
        default_manager_name = "unscoped"
        ordering = ("job", "row_number")
        constraints = [
            models.UniqueConstraint(fields=("job", "row_number"), name="purchasing_import_row_unique")
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.row_number} {self.outcome}"
