"""Reads for register imports, scoped to the regions where the caller may import."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.regions.models import Region
from sahabat.registry.models import ImportJob, ImportRow


def import_jobs_for(actor: Actor) -> QuerySet[ImportJob]:
    return restrict(ImportJob, actor, Perm.REGISTRY_IMPORT)


def import_job_list(*, actor: Actor, region: Region) -> QuerySet[ImportJob]:
    """The region's import jobs, newest first."""
    return (
        import_jobs_for(actor)
        .filter(region=region)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def import_job_get(*, actor: Actor, job_id: int) -> ImportJob:
    """One job in a region where the actor may import; ImportJob.DoesNotExist otherwise."""
    return import_jobs_for(actor).select_related("region", "created_by").get(pk=job_id)


def import_row_list(*, job: ImportJob, outcome: str = "") -> QuerySet[ImportRow]:
    rows = ImportRow.objects.with_scope(region=job.region_id).filter(job=job).order_by("row_number")
    return rows.filter(outcome=outcome) if outcome in ImportRow.Outcome.values else rows


def import_outcome_counts(*, job: ImportJob) -> dict[str, int]:
    """Rows per outcome ({"new": 12, "update": 3, …}), every outcome present."""
    counts = dict.fromkeys(ImportRow.Outcome.values, 0)
    grouped = (
        ImportRow.objects.with_scope(region=job.region_id)
        .filter(job=job)
        .values_list("outcome")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts.update(dict(grouped))
    return counts
