"""Reports records for the permission matrix: a ready Jember report file and a monthly e-mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile

from sahabat.regions.models import Region
from sahabat.reports.models import ReportFile, Schedule


@dataclass
class ReportsWorld:
    report_file: ReportFile
    schedule: Schedule


def reports_world(*, jember: Region) -> ReportsWorld:
    report_file = ReportFile(
        region=jember, kind="umkm", period=date(2023, 8, 1), format="xlsx", status="ready"
    )
    report_file.file.save("report.xlsx", ContentFile(b"PK\x03\x04"), save=False)
    report_file.save()
    schedule = Schedule.unscoped.create(
        region=jember, kind="umkm", format="pdf", recipients="bupati@example.id"
    )
    return ReportsWorld(report_file=report_file, schedule=schedule)
