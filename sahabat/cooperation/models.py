"""Cooperation between regions: agreements (MoU → PKS) and their parties, action plans, monitoring
reports, good practices and their adoption by partners, and the reminders people receive.

An agreement belongs to all of its parties at once, so its records are scoped through the parties
(`parties__region`): every party region sees the agreement, its action plan and its reports, and
no other region does. A query over several of the reader's regions can meet the same agreement
once per party, so selectors de-duplicate (see selectors.py).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from sahabat.core.uploads import GeneratedName

__all__ = (
    "ActionComment",
    "ActionEvidence",
    "ActionItem",
    "Adoption",
    "AdoptionMilestone",
    "Agreement",
    "AgreementDocument",
    "AgreementParty",
    "MonitoringReport",
    "Notification",
    "Practice",
    "PracticeDocument",
)


class Lifecycle(models.TextChoices):
    """Where an agreement stands on a given day; only draft, signed and terminated are stored."""

    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed, not yet in force")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    TERMINATED = "terminated", _("Terminated")


def active_on(day: date, prefix: str = "") -> models.Q:
    """Agreements in force on `day`: signed, not terminated, and the day within the validity period."""
    return models.Q(
        **{
            f"{prefix}status": Agreement.Status.SIGNED,
            f"{prefix}valid_from__lte": day,
            f"{prefix}valid_until__gte": day,
        }
    )


class Agreement(models.Model):
    """A Kesepakatan Bersama (MoU), a Perjanjian Kerja Sama (PKS) carrying one out, or another agreement."""

    class Type(models.TextChoices):
        MOU = "mou", _("Memorandum of understanding (Kesepakatan Bersama)")
        PKS = "pks", _("Cooperation agreement (PKS)")
        OTHER = "other", _("Other agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")
        TERMINATED = "terminated", _("Terminated")

    type = models.CharField(_("type"), max_length=10, choices=Type.choices, default=Type.MOU)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("memorandum of understanding carried out"),
        related_name="implementations",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    fields_of_cooperation = models.TextField(
        _("fields of cooperation"), blank=True, help_text=_("One field per line.")
    )
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    dprd_approval_reference = models.CharField(
        _("DPRD approval reference"),
        max_length=200,
        blank=True,
        help_text=_("Needed where the cooperation burdens the community or the budget is not yet allocated."),
    )
    implementing_agencies = models.TextField(
        _("implementing agencies"), blank=True, help_text=_("One agency per line, of any party.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    terminated_on = models.DateField(_("termination date"), null=True, blank=True)
    termination_reason = models.TextField(_("reason for termination"), blank=True)
    # The party region that drafted the record; its audit trail shows the changes.
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("drafted by"), related_name="+", on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    unscoped = models.Manager()
    objects = ScopedManager(region="parties__region")

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        default_manager_name = "unscoped"
        ordering = ("-valid_from", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="agreement_validity_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(type="pks") | models.Q(parent__isnull=False), name="agreement_pks_has_mou"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="signed")
                | models.Q(signed_on__isnull=False, valid_from__isnull=False, valid_until__isnull=False),
                name="agreement_signed_has_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def lifecycle(self, today: date) -> str:
        if self.status == self.Status.TERMINATED:
            return Lifecycle.TERMINATED
        if self.status == self.Status.DRAFT:
            return Lifecycle.DRAFT
        if today < self.valid_from:
            return Lifecycle.SIGNED
        if today > self.valid_until:
            return Lifecycle.EXPIRED
        return Lifecycle.ACTIVE

    def is_active(self, today: date) -> bool:
        return self.lifecycle(today) == Lifecycle.ACTIVE

    def days_left(self, today: date) -> int | None:
        """Days until the validity ends (0 on the last day); None unless the agreement is in force."""
        return (self.valid_until - today).days if self.is_active(today) else None

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class AgreementParty(models.Model):
    """A region that signed the agreement, with its own number for the document and its signatory."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), related_name="parties", on_delete=models.CASCADE
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="agreement_parties", on_delete=models.PROTECT
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("1 for PIHAK PERTAMA, …")
    )
    document_number = models.CharField(_("document number"), max_length=120, blank=True)
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_position = models.CharField(_("signatory's position"), max_length=150, blank=True)

    unscoped = models.Manager()
    objects = ScopedManager(region="agreement__parties__region")

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        default_manager_name = "unscoped"
        ordering = ("position", "pk")
        constraints = [models.UniqueConstraint(fields=("agreement", "region"), name="party_unique_region")]

    def __str__(self) -> str:
        return f"{self.region} · {self.agreement}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class AgreementDocument(models.Model):
    """The signed text or an annex, as a PDF stored under a generated name."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), related_name="documents", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file (PDF)"), upload_to=GeneratedName("agreements"))
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    unscoped = models.Manager()
    objects = ScopedManager(region="agreement__parties__region")

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        default_manager_name = "unscoped"
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"region_id": self.agreement.region_id}


class ActionItem(models.Model):
    """One line of the action plan (rencana aksi): who does what by when, and how far it has come."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.PLANNED, Status.IN_PROGRESS)

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), related_name="action_items", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner_region = models.ForeignKey(
        "regions.Region", verbose_name=_("responsible region"), related_name="+", on_delete=models.PROTECT
    )
    agency = models.ForeignKey(
        "purchasing.Agency",
        verbose_name=_("responsible agency"),
        related_name="action_items",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    unscoped = models.Manager()
    objects = ScopedManager(region="agreement__parties__region")

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        default_manager_name = "unscoped"
        ordering = ("due_date", "pk")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="action_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.status in self.OPEN and self.due_date < today

    def get_additional_data(self) -> dict:
        return {"region_id": self.owner_region_id}


class ActionEvidence(models.Model):
    """Proof that an action item moved: a file (PDF, photo) or a link (a news item, a video)."""

    action_item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), related_name="evidence", on_delete=models.CASCADE
    )
    caption = models.CharField(_("caption"), max_length=200)
    file = models.FileField(_("file"), upload_to=GeneratedName("evidence"), blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    unscoped = models.Manager()
    objects = ScopedManager(region="action_item__agreement__parties__region")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        default_manager_name = "unscoped"
        ordering = ("-added_at", "-pk")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="evidence_file_or_link",
            ),
        ]

    def __str__(self) -> str:
        return self.caption

    def get_additional_data(self) -> dict:
        return {"region_id": self.action_item.owner_region_id}


class ActionComment(models.Model):
    action_item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), related_name="comments", on_delete=models.CASCADE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    text = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), default=timezone.now, editable=False)

    unscoped = models.Manager()
    objects = ScopedManager(region="action_item__agreement__parties__region")

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        default_manager_name = "unscoped"
        ordering = ("created_at", "pk")

    def __str__(self) -> str:
        return self.text[:60]


class MonitoringReport(models.Model):
    """A monitoring and evaluation (monev) report of one agreement for one half-year.

    While a draft, its indicators are read live from the other capabilities; finalising stores
    them in `snapshot`, so that the report and its PDF say the same thing for ever after.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), related_name="reports", on_delete=models.CASCADE
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    half = models.PositiveSmallIntegerField(
        _("half-year"), choices=((1, _("January–June")), (2, _("July–December")))
    )
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.JSONField(_("indicator values at finalisation"), null=True, blank=True, editable=False)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("prepared by"), related_name="+", on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True, editable=False)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )

    unscoped = models.Manager()
    objects = ScopedManager(region="agreement__parties__region")

    class Meta:
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        default_manager_name = "unscoped"
        ordering = ("-year", "-half")
        constraints = [
            models.UniqueConstraint(fields=("agreement", "year", "half"), name="report_unique_period"),
            models.CheckConstraint(condition=models.Q(half__in=(1, 2)), name="report_half_is_1_or_2"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.year} H{self.half}"

    @property
    def period_start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def period_end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class Practice(models.Model):
    """A programme that a region documents so that partners can learn from it (praktik baik)."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    goal = models.TextField(_("goal"))
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step per line."))
    cost = models.BigIntegerField(_("cost (Rp)"), null=True, blank=True, validators=[MinValueValidator(0)])
    cost_notes = models.TextField(_("what the cost covers"), blank=True)
    kpis = models.TextField(
        _("key performance indicators"), blank=True, help_text=_("One indicator per line.")
    )
    results = models.TextField(_("results"), blank=True)
    contact_office = models.CharField(_("contact office"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=150, blank=True)
    contact_position = models.CharField(_("contact's position"), max_length=150, blank=True)
    contact_email = models.EmailField(_("office e-mail"), blank=True)
    is_shared = models.BooleanField(
        _("shared with partners"),
        default=True,
        help_text=_("Partner regions with an active agreement can read a shared practice."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    unscoped = models.Manager()
    objects = ScopedManager(region="region")

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        default_manager_name = "unscoped"
        ordering = ("title", "pk")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cost__isnull=True) | models.Q(cost__gte=0),
                name="practice_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class PracticeDocument(models.Model):
    practice = models.ForeignKey(
        Practice, verbose_name=_("good practice"), related_name="documents", on_delete=models.CASCADE
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file (PDF)"), upload_to=GeneratedName("practices"))
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    unscoped = models.Manager()
    objects = ScopedManager(region="practice__region")

    class Meta:
        verbose_name = _("practice document")
        verbose_name_plural = _("practice documents")
        default_manager_name = "unscoped"
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"region_id": self.practice.region_id}


class Adoption(models.Model):
    """A partner replicating a practice ("studi tiru"), under an agreement both regions are party to."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    practice = models.ForeignKey(
        Practice, verbose_name=_("good practice"), related_name="adoptions", on_delete=models.PROTECT
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("adopting region"), related_name="+", on_delete=models.PROTECT
    )
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), related_name="adoptions", on_delete=models.PROTECT
    )
    started_on = models.DateField(_("started on"))
    goal = models.TextField(_("goal"))
    adaptations = models.TextField(_("local adaptations"), blank=True)
    kpis = models.TextField(
        _("key performance indicators"), blank=True, help_text=_("One indicator per line.")
    )
    results = models.TextField(_("results so far"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    unscoped = models.Manager()
    objects = ScopedManager(region="agreement__parties__region")

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        default_manager_name = "unscoped"
        ordering = ("-started_on", "-pk")
        constraints = [
            models.UniqueConstraint(fields=("practice", "region"), name="adoption_unique_region"),
        ]

    def __str__(self) -> str:
        return f"{self.practice} · {self.region}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class AdoptionMilestone(models.Model):
    adoption = models.ForeignKey(
        Adoption, verbose_name=_("adoption"), related_name="milestones", on_delete=models.CASCADE
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_date = models.DateField(_("due date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    unscoped = models.Manager()
    objects = ScopedManager(region="adoption__agreement__parties__region")

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        default_manager_name = "unscoped"
        ordering = ("due_date", "pk")

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_date < today

    def get_additional_data(self) -> dict:
        return {"region_id": self.adoption.region_id}


class Notification(models.Model):
    """A message for one person (a reminder); it belongs to the person, not to a region."""

    class Kind(models.TextChoices):
        AGREEMENT_EXPIRING = "agreement_expiring", _("Agreement expiring")
        ACTION_OVERDUE = "action_overdue", _("Action item overdue")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    # What the reminder is about ("agreement:7:expiring:30"): one reminder per person and key, ever.
    key = models.CharField(_("key"), max_length=100)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created_at", "-pk")
        constraints = [models.UniqueConstraint(fields=("user", "key"), name="notification_once_per_key")]

    def __str__(self) -> str:
        return self.text
