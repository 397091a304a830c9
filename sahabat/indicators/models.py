"""Development indicators of a region: what is measured, targets per period, realisations with evidence."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from sahabat.core.uploads import GeneratedName

__all__ = ("Indicator", "IndicatorTarget", "Realisation")

VALUE_DIGITS = {"max_digits": 20, "decimal_places": 2}


class Indicator(models.Model):
    """Something the region is judged on, e.g. km of damaged road repaired or the share of UMKM with NIB."""

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    class Kind(models.TextChoices):
        MANUAL = "manual", _("Manual: realisations are recorded")
        COMPUTED = "computed", _("Computed from the platform's data")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="indicators", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("e.g. km, %, UMKM, Rp"))
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    owner_agency = models.ForeignKey(
        "purchasing.Agency",
        verbose_name=_("responsible agency"),
        related_name="indicators",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the figures come from, e.g. RPJMD 2021–2026, BPS"),
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.MANUAL)
    # A key of sahabat.indicators.computations.COMPUTATIONS; empty for a manual indicator.
    computation = models.CharField(_("computation"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        default_manager_name = "unscoped"
        ordering = ("name", "pk")
        constraints = [
            models.UniqueConstraint(fields=("region", "name"), name="indicator_unique_name"),
            models.CheckConstraint(
                condition=(models.Q(kind="manual") & models.Q(computation=""))
                | (models.Q(kind="computed") & ~models.Q(computation="")),
                name="indicator_computation_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class IndicatorTarget(models.Model):
    """What the indicator should reach by the end of a period, starting from its value at the start."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), related_name="targets", on_delete=models.CASCADE
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    baseline = models.DecimalField(
        _("baseline"), default=0, help_text=_("The value at the start of the period."), **VALUE_DIGITS
    )
    target = models.DecimalField(
        _("target"), help_text=_("The value to reach by the end of the period."), **VALUE_DIGITS
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedManager(region="indicator__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        default_manager_name = "unscoped"
        ordering = ("period_start", "period_end", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("indicator", "period_start", "period_end"), name="target_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="target_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_start}–{self.period_end}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.indicator.region_id, "indicator_id": self.indicator_id}


class Realisation(models.Model):
    """The value a manual indicator had on a date (for a running total, the total so far), with evidence."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), related_name="realisations", on_delete=models.CASCADE
    )
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), **VALUE_DIGITS)
    evidence_file = models.FileField(
        _("evidence file"), upload_to=GeneratedName("indicators/evidence"), blank=True
    )
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="indicator__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        default_manager_name = "unscoped"
        ordering = ("measured_on", "pk")
        constraints = [
            models.UniqueConstraint(fields=("indicator", "measured_on"), name="realisation_once_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.measured_on}: {self.value}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.indicator.region_id, "indicator_id": self.indicator_id}
