"""Events: booths, participations, the append-only sales ledger, visitor counts and their rollups."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

__all__ = (
    "Booth",
    "BoothTotal",
    "Event",
    "EventHourly",
    "GateHourly",
    "Participation",
    "Sale",
    "SalesHourly",
    "VisitorCount",
    "Zone",
)


class Event(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("host region"), related_name="events", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    main_start = models.DateField(_("first main day"))
    main_end = models.DateField(_("last main day"))
    window_start = models.DateField(_("reporting window from"))
    window_end = models.DateField(_("reporting window until"))
    target_visitors = models.PositiveBigIntegerField(_("visitor target"), default=0)
    target_turnover = models.BigIntegerField(
        _("turnover target (Rp)"), default=0, validators=[MinValueValidator(0)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        default_manager_name = "unscoped"
        ordering = ("-main_start", "name")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(main_end__gte=models.F("main_start")), name="event_main_days_order"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    window_start__lte=models.F("main_start"), window_end__gte=models.F("main_end")
                ),
                name="event_window_covers_main_days",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def local_start(self, day) -> datetime:
        return datetime.combine(day, time.min, tzinfo=self.region.tzinfo)

    @property
    def window_starts_at(self) -> datetime:
        return self.local_start(self.window_start)

    @property
    def window_ends_at(self) -> datetime:
        """Exclusive: the first instant after the last day of the window, in the region's zone."""
        return self.local_start(self.window_end + timedelta(days=1))

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class Zone(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="zones", on_delete=models.CASCADE)
    code = models.CharField(_("code"), max_length=10)
    name = models.CharField(_("name"), max_length=100)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        default_manager_name = "unscoped"
        ordering = ("code",)
        constraints = [models.UniqueConstraint(fields=("event", "code"), name="zone_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.event.region_id}


class Booth(models.Model):
    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="booths", on_delete=models.CASCADE)
    zone = models.ForeignKey(Zone, verbose_name=_("zone"), related_name="booths", on_delete=models.PROTECT)
    code = models.CharField(_("code"), max_length=20)
    category = models.CharField(_("category"), max_length=20, blank=True)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        default_manager_name = "unscoped"
        ordering = ("code",)
        constraints = [models.UniqueConstraint(fields=("event", "code"), name="booth_unique_code")]

    def __str__(self) -> str:
        return self.code

    def get_additional_data(self) -> dict:
        return {"region_id": self.event.region_id}


class Participation(models.Model):
    """An enterprise (of any region) selling at a booth of the event, invited and approved by the host."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="participations", on_delete=models.CASCADE
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        related_name="participations",
        on_delete=models.PROTECT,
    )
    booth = models.ForeignKey(
        Booth,
        verbose_name=_("booth"),
        related_name="participations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=("event", "enterprise"), name="participation_unique_enterprise"),
            models.UniqueConstraint(
                fields=("booth",),
                condition=models.Q(status="approved"),
                name="participation_one_approved_per_booth",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.enterprise} · {self.booth or '—'}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.event.region_id}


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Cash")
    QRIS = "qris", _("QRIS")
    TRANSFER = "transfer", _("Bank transfer")
    OTHER = "other", _("Other")


class BuyerType(models.TextChoices):
    PUBLIC = "public", _("Public")
    ASN = "asn", _("Civil servant (ASN)")


class LedgerQuerySet(models.QuerySet):
    """The ledger is append-only: corrections are reversing entries, never updates or deletes."""

    def update(self, **kwargs):
        raise TypeError("The sales ledger is append-only; record a reversal instead.")

    def delete(self):
        raise TypeError("The sales ledger is append-only; record a reversal instead.")


class Sale(models.Model):
    # Every index slows each of millions of inserts: the event is covered by the composite indexes,
    # and nobody looks sales up by device or by user.
    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="sales", on_delete=models.PROTECT, db_index=False
    )
    booth = models.ForeignKey(Booth, verbose_name=_("booth"), related_name="sales", on_delete=models.PROTECT)
    # Kept on the row so that breakdowns by enterprise, sector and origin region need no history of booths.
    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), related_name="sales", on_delete=models.PROTECT
    )
    occurred_at = models.DateTimeField(_("time of sale"))
    amount = models.BigIntegerField(_("amount (Rp)"))
    items = models.PositiveIntegerField(_("items"), default=1)
    payment_method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    buyer_type = models.CharField(
        _("buyer"), max_length=10, choices=BuyerType.choices, default=BuyerType.PUBLIC
    )
    client_uuid = models.UUIDField(_("client UUID"))
    device = models.ForeignKey(
        "accounts.ApiToken",
        verbose_name=_("device"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,
    )
    reversal_of = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        related_name="reversed_by",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    objects = ScopedManager(LedgerQuerySet.as_manager().__class__, region="event__region")
    unscoped = LedgerQuerySet.as_manager()

    class Meta:
        verbose_name = _("sale")
        verbose_name_plural = _("sales")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=("event", "client_uuid"), name="sale_unique_client_uuid"),
            models.CheckConstraint(
                condition=models.Q(reversal_of__isnull=True, amount__gt=0)
                | models.Q(reversal_of__isnull=False, amount__lt=0),
                name="sale_amount_sign",
            ),
        ]
        indexes = [models.Index(fields=("event", "occurred_at"), name="sale_event_time")]

    def __str__(self) -> str:
        return f"{self.booth_id} {self.amount} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The sales ledger is append-only; record a reversal instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The sales ledger is append-only; record a reversal instead.")


class VisitorCount(models.Model):
    """People counted at a gate over a period, as reported by a counter or an officer."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="visitor_counts", on_delete=models.PROTECT
    )
    gate = models.CharField(_("gate"), max_length=40)
    period_start = models.DateTimeField(_("period start"))
    period_end = models.DateTimeField(_("period end"))
    count = models.PositiveIntegerField(_("visitors"))
    client_uuid = models.UUIDField(_("client UUID"))
    device = models.ForeignKey(
        "accounts.ApiToken",
        verbose_name=_("device"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("visitor count")
        verbose_name_plural = _("visitor counts")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=("event", "client_uuid"), name="visitor_count_unique_client_uuid"),
            models.CheckConstraint(
                condition=models.Q(period_end__gt=models.F("period_start")), name="visitor_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gate} {self.count}"


class SalesHourly(models.Model):
    """Rollup: sales per booth and hour (UTC), kept in step with the ledger in the same transaction."""

    # The key leads with the event, which serves the event's own index.
    event = models.ForeignKey(
        Event, verbose_name=_("event"), related_name="+", on_delete=models.CASCADE, db_index=False
    )
    booth = models.ForeignKey(Booth, verbose_name=_("booth"), related_name="+", on_delete=models.CASCADE)
    hour = models.DateTimeField(_("hour"))
    sales_count = models.IntegerField(_("sales"), default=0)
    turnover = models.BigIntegerField(_("turnover (Rp)"), default=0)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("hourly booth sales")
        verbose_name_plural = _("hourly booth sales")
        default_manager_name = "unscoped"
        # Hour before booth: a batch of sales falls in an hour or two, so the rows it adds sit side by side
        # at the end of the key's index instead of in hundreds of pages spread over every booth (about
        # half of this rollup's writing cost at a 2,500-booth carnival; docs/events.md, "Ingestion speed").
        constraints = [models.UniqueConstraint(fields=("event", "hour", "booth"), name="sales_hourly_key")]

    def __str__(self) -> str:
        return f"{self.booth_id} {self.hour:%Y-%m-%d %H}h {self.turnover}"


class EventHourly(models.Model):
    """Rollup: the whole event per hour, payment method and buyer type; feeds curves and breakdowns."""

    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="+", on_delete=models.CASCADE)
    hour = models.DateTimeField(_("hour"))
    payment_method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    buyer_type = models.CharField(_("buyer"), max_length=10, choices=BuyerType.choices)
    sales_count = models.IntegerField(_("sales"), default=0)
    turnover = models.BigIntegerField(_("turnover (Rp)"), default=0)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("hourly event sales")
        verbose_name_plural = _("hourly event sales")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(
                fields=("event", "hour", "payment_method", "buyer_type"), name="event_hourly_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.hour:%Y-%m-%d %H}h {self.payment_method} {self.buyer_type} {self.turnover}"


class BoothTotal(models.Model):
    """Rollup: each booth's running total; feeds zone, sector, origin and top-enterprise breakdowns."""

    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="+", on_delete=models.CASCADE)
    booth = models.ForeignKey(Booth, verbose_name=_("booth"), related_name="+", on_delete=models.CASCADE)
    enterprise = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("enterprise"), related_name="+", on_delete=models.CASCADE
    )
    sales_count = models.IntegerField(_("sales"), default=0)
    turnover = models.BigIntegerField(_("turnover (Rp)"), default=0)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("booth total")
        verbose_name_plural = _("booth totals")
        default_manager_name = "unscoped"
        constraints = [
            models.UniqueConstraint(fields=("event", "booth", "enterprise"), name="booth_total_key")
        ]

    def __str__(self) -> str:
        return f"{self.booth_id} {self.turnover}"


class GateHourly(models.Model):
    """Rollup: visitors per gate and hour (of the period start)."""

    event = models.ForeignKey(Event, verbose_name=_("event"), related_name="+", on_delete=models.CASCADE)
    gate = models.CharField(_("gate"), max_length=40)
    hour = models.DateTimeField(_("hour"))
    visitors = models.BigIntegerField(_("visitors"), default=0)

    objects = ScopedManager(region="event__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("hourly gate visitors")
        verbose_name_plural = _("hourly gate visitors")
        default_manager_name = "unscoped"
        constraints = [models.UniqueConstraint(fields=("event", "gate", "hour"), name="gate_hourly_key")]

    def __str__(self) -> str:
        return f"{self.gate} {self.hour:%Y-%m-%d %H}h {self.visitors}"
