"""Investment records for the permission matrix: a Jember project with a document and a photo, an investor,
a gathering and a lead."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.investment.models import (
    InvestmentProject,
    Investor,
    InvestorGathering,
    Lead,
    ProjectDocument,
    ProjectPhoto,
)
from sahabat.regions.models import Region
from tests.investment.factories import GatheringFactory, InvestorFactory, LeadFactory, ProjectFactory

# The smallest valid GIF, so that the photo row has a real image file behind it.
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"


@dataclass
class InvestmentWorld:
    project: InvestmentProject
    document: ProjectDocument
    photo: ProjectPhoto
    investor: Investor
    gathering: InvestorGathering
    lead: Lead


def investment_world(*, jember: Region) -> InvestmentWorld:
    project = ProjectFactory(region=jember)
    investor = InvestorFactory(region=jember)
    gathering = GatheringFactory(region=jember)
    return InvestmentWorld(
        project=project,
        document=ProjectDocument.unscoped.create(
            project=project, title="Prastudi", file=SimpleUploadedFile("prastudi.pdf", b"%PDF-1.7"), size=8
        ),
        photo=ProjectPhoto.unscoped.create(project=project, image=SimpleUploadedFile("papuma.gif", GIF)),
        investor=investor,
        gathering=gathering,
        lead=LeadFactory(project=project, investor=investor, gathering=gathering),
    )
