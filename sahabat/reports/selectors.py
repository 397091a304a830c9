"""Reads of the reports app, scoped to the caller's regions: report files, schedules, the letterhead."""

from __future__ import annotations

from django.db.models import QuerySet

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.regions.models import Region
from sahabat.reports.models import Letterhead, ReportFile, Schedule


def report_files_for(actor: Actor, permission: str = Perm.REPORTS_VIEW) -> QuerySet[ReportFile]:
    """The scoping entry point for report files."""
    return restrict(ReportFile, actor, permission).select_related("region", "requested_by")


def report_file_list(*, actor: Actor, region: Region) -> QuerySet[ReportFile]:
    """The region's report files, newest first."""
    return report_files_for(actor).filter(region=region).order_by("-created_at", "-pk")


def report_file_get(*, actor: Actor, report_file_id: int, permission: str = Perm.REPORTS_VIEW) -> ReportFile:
    """One report file of a region where the actor holds `permission`; ReportFile.DoesNotExist otherwise."""
    return report_files_for(actor, permission).get(pk=report_file_id)


def schedule_list(*, actor: Actor, region: Region) -> QuerySet[Schedule]:
    return restrict(Schedule, actor, Perm.REPORTS_MANAGE).filter(region=region).select_related("region")


def schedule_get(*, actor: Actor, schedule_id: int) -> Schedule:
    return restrict(Schedule, actor, Perm.REPORTS_MANAGE).select_related("region").get(pk=schedule_id)


def letterhead_of(*, actor: Actor, region: Region) -> Letterhead | None:
    return restrict(Letterhead, actor, Perm.REPORTS_VIEW).filter(region=region).first()
