"""The UMKM register: enterprises, their owners, licences and products."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from sahabat.core.crypto import EncryptedTextField
from sahabat.core.uploads import GeneratedName
from sahabat.registry.scale import Scale

__all__ = ("Enterprise", "Licence", "Owner", "Product", "Sector")


class Sector(models.TextChoices):
    FOOD = "food", _("Food and beverage")
    FASHION = "fashion", _("Fashion")
    CRAFT = "craft", _("Craft")
    AGRICULTURE = "agriculture", _("Agriculture, plantation and forestry")
    FISHERY = "fishery", _("Fishery")
    LIVESTOCK = "livestock", _("Livestock")
    MANUFACTURING = "manufacturing", _("Processing industry")
    TRADE = "trade", _("Trade")
    SERVICES = "services", _("Services")
    OTHER = "other", _("Other")


class Owner(models.Model):
    """A person who owns one or more enterprises. Personal fields are encrypted at rest."""

    class Sex(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=150)
    nik = EncryptedTextField(_("NIK"), blank=True)
    nik_index = models.CharField(
        _("NIK blind index"), max_length=64, blank=True, db_index=True, editable=False
    )
    nik_masked = models.CharField(_("NIK (masked)"), max_length=20, blank=True, editable=False)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    phone = EncryptedTextField(_("phone"), blank=True)
    phone_index = models.CharField(
        _("phone blind index"), max_length=64, blank=True, db_index=True, editable=False
    )
    email = EncryptedTextField(_("e-mail"), blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    has_disability = models.BooleanField(_("person with a disability"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login account"),
        related_name="owned_profiles",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager(region="region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        constraints = [
            models.UniqueConstraint(
                fields=("region", "nik_index"),
                condition=~models.Q(nik_index=""),
                name="owner_unique_nik_per_region",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class Enterprise(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")
        # Folded into another record by duplicate resolution; kept, linked, and restorable by unmerge.
        MERGED = "merged", _("Merged")

    class Source(models.TextChoices):
        FORM = "form", _("Form")
        IMPORT = "import", _("Import")
        API = "api", _("API")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="enterprises", on_delete=models.PROTECT
    )
    district = models.ForeignKey(
        "regions.Region",
        verbose_name=_("district"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    village = models.ForeignKey(
        "regions.Region",
        verbose_name=_("village"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    owner = models.ForeignKey(
        Owner,
        verbose_name=_("owner"),
        related_name="enterprises",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    name = models.CharField(_("business name"), max_length=200)
    brand = models.CharField(_("brand"), max_length=200, blank=True)
    address = models.CharField(_("business address"), max_length=300, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-11), MaxValueValidator(6)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(94), MaxValueValidator(142)],
    )
    business_phone = models.CharField(_("business phone (WhatsApp)"), max_length=20, blank=True)
    kbli_codes = models.JSONField(_("KBLI codes"), default=list, blank=True)
    kbli_version = models.PositiveSmallIntegerField(_("KBLI version"), null=True, blank=True)
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER, db_index=True
    )
    description = models.TextField(_("short description"), blank=True, max_length=1000)
    capital = models.BigIntegerField(
        _("business capital (Rp)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Without land and buildings."),
    )
    annual_turnover = models.BigIntegerField(
        _("annual turnover (Rp)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    workers_male = models.PositiveIntegerField(_("male workers"), default=0)
    workers_female = models.PositiveIntegerField(_("female workers"), default=0)
    # Registers such as the SIDT KUMKM export give only a total; it is kept rather than guessed into a split.
    workers_unspecified = models.PositiveIntegerField(_("workers, sex not recorded"), default=0)
    founding_year = models.PositiveSmallIntegerField(
        _("founding year"), null=True, blank=True, validators=[MinValueValidator(1900)]
    )
    reported_scale = models.CharField(_("reported scale"), max_length=10, choices=Scale.choices, blank=True)
    computed_scale = models.CharField(
        _("computed scale"), max_length=10, choices=Scale.choices, blank=True, db_index=True, editable=False
    )
    scale_rule = models.CharField(_("scale rule"), max_length=20, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.FORM, editable=False
    )
    import_job = models.ForeignKey(
        "registry.ImportJob",
        verbose_name=_("import job"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        related_name="merged_sources",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
    )
    # What the public portal may show: nothing unless the owner agreed.
    is_public = models.BooleanField(
        _("listed in the public catalogue"),
        default=False,
        help_text=_(
            "The owner agreed that the enterprise and its active products appear on the public portal."
        ),
    )
    whatsapp_public = models.BooleanField(
        _("business WhatsApp shown to the public"),
        default=False,
        help_text=_("The owner agreed that visitors may contact the business number through WhatsApp."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager(region="region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ("name", "pk")
        indexes = [models.Index(fields=("region", "name"), name="enterprise_region_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def workers(self) -> int:
        return self.workers_male + self.workers_female + self.workers_unspecified

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class Licence(models.Model):
    class Type(models.TextChoices):
        NIB = "nib", _("NIB")
        PIRT = "pirt", _("P-IRT")
        BPOM = "bpom", _("BPOM MD/ML")
        HALAL = "halal", _("Halal certificate")
        SNI = "sni", _("SNI")
        OTHER = "other", _("Other")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), related_name="licences", on_delete=models.CASCADE
    )
    # Copied from the enterprise so that one NIB per region can be a database constraint.
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT, editable=False
    )
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    number = models.CharField(_("number"), max_length=40)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    objects = ScopedManager(region="region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        ordering = ("type", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("region", "number"),
                condition=models.Q(type="nib"),
                name="licence_unique_nib_per_region",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="licence_expiry_after_issue",
            ),
        ]
        indexes = [models.Index(fields=("type", "number"), name="licence_type_number")]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number}"

    def get_additional_data(self) -> dict:
        # The enterprise id lets its page show the licence changes beside its own.
        return {"region_id": self.region_id, "enterprise_id": self.enterprise_id}


class Product(models.Model):
    class Category(models.TextChoices):
        FOOD = "food", _("Food")
        BEVERAGE = "beverage", _("Beverage")
        FASHION = "fashion", _("Fashion and textiles")
        CRAFT = "craft", _("Craft and souvenirs")
        AGRICULTURE = "agriculture", _("Farm produce")
        BEAUTY = "beauty", _("Beauty and health")
        SERVICES = "services", _("Services")
        OTHER = "other", _("Other")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), related_name="products", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, default=Category.OTHER
    )
    price = models.BigIntegerField(_("price (Rp)"), validators=[MinValueValidator(0)])
    unit = models.CharField(_("unit"), max_length=30, default="pcs", help_text=_("e.g. pcs, kg, pack, box"))
    photo = models.ImageField(_("photo"), upload_to=GeneratedName("products"), blank=True)
    is_halal = models.BooleanField(_("halal"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager(region="enterprise__region")
    # Related-object access (enterprise.licences) and framework code use this one; selectors use `objects`.
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"region_id": self.enterprise.region_id, "enterprise_id": self.enterprise_id}
