"""Investment offers of a region, the investors it courts, their leads in the pipeline, and gatherings."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from sahabat.core.uploads import GeneratedName

__all__ = (
    "PIPELINE_STAGES",
    "InvestmentProject",
    "Investor",
    "InvestorGathering",
    "Lead",
    "LeadStage",
    "ProjectDocument",
    "ProjectPhoto",
    "stage_rank",
)


class InvestmentProject(models.Model):
    """A project the region offers to investors (peluang investasi)."""

    class Sector(models.TextChoices):
        AGRO_INDUSTRY = "agro_industry", _("Agro-industry")
        TOURISM = "tourism", _("Tourism")
        TRADE = "trade", _("Trade and markets")
        MANUFACTURING = "manufacturing", _("Manufacturing")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        ENERGY = "energy", _("Energy")
        PROPERTY = "property", _("Property and housing")
        FISHERY = "fishery", _("Fishery")
        SERVICES = "services", _("Services")
        OTHER = "other", _("Other")

    class Scheme(models.TextChoices):
        PRIVATE = "private", _("Private investment")
        PPP = "ppp", _("KPBU (public-private partnership)")
        BUMD = "bumd", _("Partnership with a regional enterprise (BUMD)")

    class Status(models.TextChoices):
        # Contexts keep these words apart from the same English words of other apps ("Realised" spend).
        IDEA = "idea", pgettext_lazy("project status", "Idea")
        PRE_FEASIBILITY = "pre_feasibility", pgettext_lazy("project status", "Pre-feasibility")
        READY_TO_OFFER = "ready_to_offer", pgettext_lazy("project status", "Ready to offer")
        IN_NEGOTIATION = "in_negotiation", pgettext_lazy("project status", "In negotiation")
        REALISED = "realised", pgettext_lazy("project status", "Realised")

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        related_name="investment_projects",
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("title"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, db_index=True)
    district = models.ForeignKey(
        "regions.Region",
        verbose_name=_("district"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    value = models.BigIntegerField(_("investment value (Rp)"), default=0, validators=[MinValueValidator(0)])
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices, default=Scheme.PRIVATE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA, db_index=True
    )
    description = models.TextField(_("description"), blank=True, max_length=5000)
    # The officer investors should talk to: a business contact of the office, not a private person's data.
    contact_name = models.CharField(_("contact officer"), max_length=150, blank=True)
    contact_office = models.CharField(_("office"), max_length=200, blank=True)
    contact_email = models.EmailField(_("office e-mail"), blank=True)
    contact_phone = models.CharField(_("office phone"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        default_manager_name = "unscoped"
        ordering = ("title", "pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="project_value_not_negative")
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class ProjectDocument(models.Model):
    """A PDF of a project: a pre-feasibility study, a prospectus, a site plan."""

    project = models.ForeignKey(
        InvestmentProject, verbose_name=_("project"), related_name="documents", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=GeneratedName("investment/documents"))
    size = models.PositiveIntegerField(_("size (bytes)"), editable=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="project__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        default_manager_name = "unscoped"
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"region_id": self.project.region_id, "project_id": self.project_id}


class ProjectPhoto(models.Model):
    project = models.ForeignKey(
        InvestmentProject, verbose_name=_("project"), related_name="photos", on_delete=models.CASCADE
    )
    image = models.ImageField(_("photo"), upload_to=GeneratedName("investment/photos"))
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="project__region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("project photo")
        verbose_name_plural = _("project photos")
        default_manager_name = "unscoped"
        ordering = ("uploaded_at", "pk")

    def __str__(self) -> str:
        return self.caption or self.image.name

    def get_additional_data(self) -> dict:
        return {"region_id": self.project.region_id, "project_id": self.project_id}


class Investor(models.Model):
    """A company the region courts; kept per region, since each region keeps its own contacts."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    company = models.CharField(_("company"), max_length=200)
    contact_person = models.CharField(_("contact person"), max_length=150, blank=True)
    origin_city = models.CharField(_("city of origin"), max_length=100, blank=True)
    origin_country = models.CharField(_("country of origin"), max_length=100, default="Indonesia")
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("investor")
        verbose_name_plural = _("investors")
        default_manager_name = "unscoped"
        ordering = ("company", "pk")
        constraints = [models.UniqueConstraint(fields=("region", "company"), name="investor_unique_company")]

    def __str__(self) -> str:
        return self.company

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class InvestorGathering(models.Model):
    """An investor gathering (temu investor, forum investasi) where the region offers its projects."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(
        _("place"), max_length=200, help_text=_("City and venue, e.g. Jakarta, Hotel Indonesia")
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    invitees = models.ManyToManyField(
        Investor, verbose_name=_("invited investors"), related_name="gatherings", blank=True
    )

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("investor gathering")
        verbose_name_plural = _("investor gatherings")
        default_manager_name = "unscoped"
        ordering = ("-held_on", "-pk")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class LeadStage(models.TextChoices):
    """Where a lead stands. The open stages run in this order; a lead ends realised or lost."""

    INQUIRY = "inquiry", pgettext_lazy("lead stage", "Inquiry")
    MEETING = "meeting", pgettext_lazy("lead stage", "Meeting")
    LOI = "loi", pgettext_lazy("lead stage", "Letter of intent")
    AGREEMENT = "agreement", pgettext_lazy("lead stage", "Agreement")
    REALISED = "realised", pgettext_lazy("lead stage", "Realised")
    LOST = "lost", pgettext_lazy("lead stage", "Lost")


# The open stages in order; a lead moves along them and may end realised (the last) or lost (any time).
PIPELINE_STAGES = (
    LeadStage.INQUIRY,
    LeadStage.MEETING,
    LeadStage.LOI,
    LeadStage.AGREEMENT,
    LeadStage.REALISED,
)


def stage_rank(stage: str) -> int:
    """Position of a stage along the pipeline; lost has none (-1)."""
    return PIPELINE_STAGES.index(stage) if stage in PIPELINE_STAGES else -1


class Lead(models.Model):
    """An investor's interest in one project, followed from the first inquiry to realisation (or loss)."""

    # Copied from the project so that the pipeline is one scoped query.
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT, editable=False
    )
    investor = models.ForeignKey(
        Investor, verbose_name=_("investor"), related_name="leads", on_delete=models.PROTECT
    )
    project = models.ForeignKey(
        InvestmentProject, verbose_name=_("project"), related_name="leads", on_delete=models.PROTECT
    )
    gathering = models.ForeignKey(
        InvestorGathering,
        verbose_name=_("gathering"),
        related_name="leads",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("The gathering where the lead started, if any."),
    )
    stage = models.CharField(_("stage"), max_length=10, choices=LeadStage.choices, default=LeadStage.INQUIRY)
    # The furthest open stage ever reached: conversion counts the leads that got this far, lost ones included.
    furthest_stage = models.CharField(
        _("furthest stage reached"),
        max_length=10,
        choices=LeadStage.choices,
        default=LeadStage.INQUIRY,
        editable=False,
    )
    value = models.BigIntegerField(_("value (Rp)"), default=0, validators=[MinValueValidator(0)])
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    next_step_on = models.DateField(_("next step date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    lost_reason = models.CharField(_("reason lost"), max_length=300, blank=True)
    stage_changed_at = models.DateTimeField(_("stage changed at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        default_manager_name = "unscoped"
        ordering = ("next_step_on", "pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="lead_value_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(stage="lost") | ~models.Q(lost_reason=""), name="lead_lost_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.investor} · {self.project}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}
