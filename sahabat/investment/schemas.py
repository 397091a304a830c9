"""Input and output shapes of the investment API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from sahabat.investment.models import InvestmentProject, LeadStage
from sahabat.investment.selectors import document_list, photo_list

# Choices as plain values: as enums they would be documented under the bare names `Sector` and
# `Status`, which other apps' choices share.
ProjectSector = Literal[tuple(InvestmentProject.Sector.values)]
ProjectStatus = Literal[tuple(InvestmentProject.Status.values)]


class ProjectQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    search: str = Field("", description="Words of the title or description.")
    sector: ProjectSector | None = None
    status: ProjectStatus | None = None
    scheme: InvestmentProject.Scheme | None = None


class ProjectOut(Schema):
    id: int
    region: str = Field(alias="region.code")
    title: str
    sector: str
    district: str | None = Field(description="District code, e.g. 35.09.21")
    value: int = Field(description="Whole rupiah")
    scheme: str = Field(description="private, ppp (KPBU) or bumd (partnership with a regional enterprise)")
    status: str = Field(description="idea, pre_feasibility, ready_to_offer, in_negotiation or realised")
    description: str
    contact_name: str
    contact_office: str
    contact_email: str
    contact_phone: str

    @staticmethod
    def resolve_district(project) -> str | None:
        return project.district.code if project.district else None


class DocumentOut(Schema):
    id: int
    title: str
    url: str
    size: int

    @staticmethod
    def resolve_url(document) -> str:
        return document.file.url


class PhotoOut(Schema):
    id: int
    caption: str
    url: str

    @staticmethod
    def resolve_url(photo) -> str:
        return photo.image.url


class ProjectDetailOut(ProjectOut):
    documents: list[DocumentOut]
    photos: list[PhotoOut]

    @staticmethod
    def resolve_documents(project, context) -> list:
        return list(document_list(actor=context["request"].auth, project=project))

    @staticmethod
    def resolve_photos(project, context) -> list:
        return list(photo_list(actor=context["request"].auth, project=project))


class ProjectIn(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    title: str = Field(max_length=200)
    sector: ProjectSector
    district: str | None = Field(None, description="District code of the regency, e.g. 35.09.21")
    value: int = Field(0, ge=0, description="Whole rupiah")
    scheme: InvestmentProject.Scheme = InvestmentProject.Scheme.PRIVATE
    status: ProjectStatus = InvestmentProject.Status.IDEA
    description: str = Field("", max_length=5000)
    contact_name: str = Field("", max_length=150)
    contact_office: str = Field("", max_length=200)
    contact_email: str = Field("", max_length=254)
    contact_phone: str = Field("", max_length=20)


class ProjectPatch(Schema):
    """Only the fields sent change; null clears the district and is refused elsewhere."""

    title: str = Field(None, max_length=200)
    sector: ProjectSector = None
    district: str | None = None
    value: int = Field(None, ge=0)
    scheme: InvestmentProject.Scheme = None
    status: ProjectStatus = None
    description: str = Field(None, max_length=5000)
    contact_name: str = Field(None, max_length=150)
    contact_office: str = Field(None, max_length=200)
    contact_email: str = Field(None, max_length=254)
    contact_phone: str = Field(None, max_length=20)


class InvestorOut(Schema):
    id: int
    company: str
    contact_person: str
    origin_city: str
    origin_country: str
    notes: str


class InvestorIn(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    company: str = Field(max_length=200)
    contact_person: str = Field("", max_length=150)
    origin_city: str = Field("", max_length=100)
    origin_country: str = Field("Indonesia", max_length=100)
    notes: str = Field("", max_length=2000)


class LeadQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    project_id: int | None = None
    investor_id: int | None = None
    gathering_id: int | None = None
    search: str = Field("", description="Words of the investor's company or the project's title.")


class LeadOut(Schema):
    id: int
    investor_id: int
    investor: str = Field(alias="investor.company")
    project_id: int
    project: str = Field(alias="project.title")
    gathering_id: int | None
    stage: str = Field(description="inquiry, meeting, loi, agreement, realised or lost")
    furthest_stage: str = Field(description="The furthest open stage the lead ever reached")
    value: int = Field(description="Whole rupiah")
    next_step: str
    next_step_on: date | None
    notes: str
    lost_reason: str


class LeadIn(Schema):
    investor_id: int
    project_id: int
    stage: LeadStage = LeadStage.INQUIRY
    gathering_id: int | None = None
    value: int = Field(0, ge=0, description="Whole rupiah")
    next_step: str = Field("", max_length=200)
    next_step_on: date | None = None
    notes: str = Field("", max_length=2000)


class LeadPatch(Schema):
    """Only the fields sent change; null clears the gathering or the next step's date, refused elsewhere.

    The stage moves through POST /leads/{id}/stage.
    """

    gathering_id: int | None = None
    value: int = Field(None, ge=0)
    next_step: str = Field(None, max_length=200)
    next_step_on: date | None = None
    notes: str = Field(None, max_length=2000)


class LeadMoveIn(Schema):
    stage: LeadStage
    reason: str = Field("", max_length=300, description="Why the lead was lost; required for lost")


class StageFiguresOut(Schema):
    stage: str
    count: int = Field(description="Leads at this stage now")
    value: int = Field(description="Their value, whole rupiah")
    reached: int | None = Field(description="Leads that ever got this far (none for lost)")
    conversion: Decimal | None = Field(
        description="Percentage of the leads that reached the previous stage and reached this one"
    )


class PipelineQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    project_id: int | None = None
    gathering_id: int | None = None


class GatheringOut(Schema):
    id: int
    name: str
    held_on: date
    place: str
    description: str
    invitees: list[int] = Field(description="Ids of the invited investors")

    @staticmethod
    def resolve_invitees(gathering) -> list[int]:
        return [investor.pk for investor in gathering.invitees.all()]


class GatheringIn(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    name: str = Field(max_length=200)
    held_on: date
    place: str = Field(max_length=200)
    description: str = Field("", max_length=2000)
    invitee_ids: list[int] = []
