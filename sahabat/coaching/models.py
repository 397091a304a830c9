"""Coaching programmes for UMKM: sessions, the enterprises taking part, and what each achieved."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

__all__ = ("Outcome", "Participant", "Programme", "Session")


class Programme(models.Model):
    """A coaching programme a regional office runs for its UMKM (a training, a facilitation, a clinic)."""

    class Type(models.TextChoices):
        TRAINING = "training", _("Training")
        NIB_FACILITATION = "nib_facilitation", _("NIB facilitation")
        HALAL_CERTIFICATION = "halal_certification", _("Halal certification")
        PACKAGING = "packaging", _("Packaging")
        DIGITAL_MARKETING = "digital_marketing", _("Digital marketing")
        CREDIT_ACCESS = "credit_access", _("Access to credit")

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="coaching_programmes",
        on_delete=models.PROTECT,
    )
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=24, choices=Type.choices, db_index=True)
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("The office that runs it, e.g. Dinas Koperasi dan UMKM."),
    )
    partner = models.CharField(
        _("partner"),
        max_length=200,
        blank=True,
        help_text=_("e.g. a bank, a university, BPJPH, a marketplace."),
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    target_participants = models.PositiveIntegerField(_("planned participants"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("coaching programme")
        verbose_name_plural = _("coaching programmes")
        default_manager_name = "unscoped"
        ordering = ("-starts_on", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class Session(models.Model):
    """One meeting of a programme: a day, a district and a venue."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="sessions", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    district = models.ForeignKey(
        "regions.Region",
        verbose_name=_("district"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)

    objects = ScopedManager(region="programme__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        default_manager_name = "unscoped"
        ordering = ("held_on", "pk")

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.programme.region_id}


class Participant(models.Model):
    """An enterprise of the programme's region taking part in it."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), related_name="participants", on_delete=models.CASCADE
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        verbose_name=_("enterprise"),
        related_name="coaching_participations",
        on_delete=models.PROTECT,
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    objects = ScopedManager(region="programme__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        default_manager_name = "unscoped"
        ordering = ("enterprise__name", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("programme", "enterprise"), name="participant_once_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return str(self.enterprise)

    def get_additional_data(self) -> dict:
        return {"region_id": self.programme.region_id, "enterprise_id": self.enterprise_id}


class Outcome(models.Model):
    """What a participant achieved thanks to the programme; the indicators count these."""

    class Type(models.TextChoices):
        NIB_OBTAINED = "nib_obtained", _("NIB obtained")
        HALAL_CERTIFIED = "halal_certified", _("Halal certified")
        FIRST_ONLINE_SALE = "first_online_sale", _("First online sale")
        CREDIT_OBTAINED = "credit_obtained", _("Credit obtained")

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), related_name="outcomes", on_delete=models.CASCADE
    )
    type = models.CharField(_("outcome"), max_length=20, choices=Type.choices, db_index=True)
    achieved_on = models.DateField(_("date achieved"), db_index=True)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("The NIB or halal certificate number, the marketplace, or the lender."),
    )
    amount = models.BigIntegerField(
        _("credit amount (Rp)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The register licence this outcome added or found (NIB, halal certificate), so the two stay linked.
    licence = models.ForeignKey(
        "registry.Licence",
        verbose_name=_("licence"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
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

    objects = ScopedManager(region="participant__programme__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        default_manager_name = "unscoped"
        ordering = ("achieved_on", "pk")
        constraints = [
            models.UniqueConstraint(fields=("participant", "type"), name="outcome_once_per_participant"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="outcome_amount_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.participant}"

    def get_additional_data(self) -> dict:
        participant = self.participant
        return {"region_id": participant.programme.region_id, "enterprise_id": participant.enterprise_id}
