"""Duplicate resolution: trained models per region, runs, candidate groups and pairs, decisions, merges."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

__all__ = ("CandidateGroup", "CandidatePair", "DedupeRun", "MatchModel", "Merge", "PairDecision")

DEFAULT_THRESHOLD = 0.9
# The steps a search reports while it runs (services.dedupe_run_execute, matching.match).
STAGE_LABELS = {
    "load": _("reading the register"),
    "normalise": _("normalising names and addresses"),
    "train": _("training the model"),
    "predict": _("scoring pairs"),
    "store": _("grouping and storing"),
    "done": _("done"),
}


class MatchModel(models.Model):
    """The Splink model trained on a region's register (settings and m/u parameters as JSON)."""

    region = models.OneToOneField(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.CASCADE
    )
    parameters = models.JSONField(_("Splink model"))
    records = models.PositiveIntegerField(_("records trained on"))
    trained_at = models.DateTimeField(_("trained at"), default=timezone.now)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("matching model")
        verbose_name_plural = _("matching models")

    def __str__(self) -> str:
        return f"{self.region} {self.trained_at:%Y-%m-%d}"


class DedupeRun(models.Model):
    """One search for duplicates over a region's register, run in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.CASCADE
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    threshold = models.FloatField(
        _("match threshold"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(0.5), MaxValueValidator(0.9999)],
        help_text=_("Records whose match probability reaches this value are grouped as likely the same."),
    )
    retrain = models.BooleanField(_("train the model again"), default=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    stage = models.CharField(_("stage"), max_length=20, blank=True)
    records = models.PositiveIntegerField(_("records compared"), default=0)
    pairs = models.PositiveIntegerField(_("candidate pairs"), default=0)
    groups = models.PositiveIntegerField(_("candidate groups"), default=0)
    seconds = models.FloatField(_("duration (s)"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the worker last reported progress: a run silent for too long died with its worker
    # (services.STALE_AFTER) and no longer blocks a new search.
    progress_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("duplicate search")
        verbose_name_plural = _("duplicate searches")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.region} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def stage_label(self) -> str:
        return str(STAGE_LABELS.get(self.stage, self.stage))

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class CandidateGroup(models.Model):
    """Records a run found to be likely one enterprise (a cluster at the run's threshold)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To review")
        MERGED = "merged", _("Merged")
        NOT_SAME = "not_same", _("Not the same")
        SKIPPED = "skipped", _("Skipped")

    run = models.ForeignKey(
        DedupeRun, verbose_name=_("run"), related_name="candidate_groups", on_delete=models.CASCADE
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.CASCADE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    size = models.PositiveSmallIntegerField(_("records"))
    # The weakest link of the group: bulk acceptance compares the threshold with this one.
    min_probability = models.FloatField(_("lowest match probability"))
    max_probability = models.FloatField(_("highest match probability"))
    enterprises = models.ManyToManyField(
        "registry.Enterprise", verbose_name=_("enterprises"), related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    merge = models.ForeignKey(
        "dedupe.Merge",
        verbose_name=_("merge"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("candidate group")
        verbose_name_plural = _("candidate groups")
        ordering = ("-min_probability", "pk")

    def __str__(self) -> str:
        return f"{self.run_id}/{self.pk} ({self.size})"

    @property
    def min_percent(self) -> float:
        return self.min_probability * 100

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class CandidatePair(models.Model):
    """Two records of a group with the match probability and what each field contributed."""

    group = models.ForeignKey(
        CandidateGroup, verbose_name=_("group"), related_name="pairs", on_delete=models.CASCADE
    )
    left = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("first record"), related_name="+", on_delete=models.CASCADE
    )
    right = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("second record"), related_name="+", on_delete=models.CASCADE
    )
    probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"))
    # {comparison: [level, weight]}; levels are Splink's labels, never the compared values (no NIK here).
    evidence = models.JSONField(_("evidence"), default=dict)

    objects = ScopedManager(region="group__region")
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("candidate pair")
        verbose_name_plural = _("candidate pairs")
        ordering = ("-probability", "pk")

    def __str__(self) -> str:
        return f"{self.left_id}~{self.right_id} {self.probability:.3f}"

    @property
    def percent(self) -> float:
        return self.probability * 100


class PairDecision(models.Model):
    """A person's verdict on two records, remembered across runs: "not the same" never comes back."""

    class Verdict(models.TextChoices):
        NOT_SAME = "not_same", _("Not the same")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.CASCADE
    )
    # The lower id first, so that a pair is stored once whichever way it was seen.
    left = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("first record"), related_name="+", on_delete=models.CASCADE
    )
    right = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("second record"), related_name="+", on_delete=models.CASCADE
    )
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices, default=Verdict.NOT_SAME)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("pair decision")
        verbose_name_plural = _("pair decisions")
        constraints = [
            models.UniqueConstraint(fields=("left", "right"), name="pair_decision_once"),
            models.CheckConstraint(
                condition=models.Q(left__lt=models.F("right")), name="pair_decision_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.left_id}≠{self.right_id}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}


class Merge(models.Model):
    """Source records folded into a golden record, with everything needed to undo it exactly."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), related_name="+", on_delete=models.CASCADE
    )
    golden = models.ForeignKey(
        "registry.Enterprise", verbose_name=_("golden record"), related_name="+", on_delete=models.PROTECT
    )
    sources = models.ManyToManyField(
        "registry.Enterprise", verbose_name=_("merged records"), related_name="+"
    )
    # The golden record's fields before the merge and which survivorship rule chose each new value.
    golden_before = models.JSONField(_("golden record before the merge"), default=dict)
    chosen = models.JSONField(_("values chosen"), default=dict)
    # {source id: {"status": …, "merged_into": …}} before the merge.
    sources_before = models.JSONField(_("merged records before the merge"), default=dict)
    # {"app_label.model.field": [[row id, previous enterprise id], …]}: rows pointed at the golden record.
    moved = models.JSONField(_("rows pointed at the golden record"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("merged at"), default=timezone.now)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    objects = ScopedManager(region="region")
    unscoped = models.Manager()

    class Meta:
        default_manager_name = "unscoped"
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.golden_id} ← {self.pk}"

    def get_additional_data(self) -> dict:
        return {"region_id": self.region_id}
