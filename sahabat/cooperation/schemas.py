"""Input and output shapes of the cooperation API; only aggregates ever leave about a partner."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from sahabat.cooperation.models import ActionItem, Agreement

# Choices as plain values: as enums they would be documented under the bare names `Type` and
# `Status`, which other apps' choices share.
AgreementType = Literal[tuple(Agreement.Type.values)]
ActionItemStatus = Literal[tuple(ActionItem.Status.values)]


class PartyIn(Schema):
    region: str = Field(description="Kemendagri code of a regency or city, e.g. 15.03")
    document_number: str = ""
    signatory_name: str = ""
    signatory_position: str = ""


class AgreementIn(Schema):
    region: str | None = Field(None, description="Your region, when you work in several")
    type: AgreementType = Agreement.Type.MOU
    parent_id: int | None = Field(None, description="For a PKS: the MoU it carries out")
    title: str
    purpose: str = ""
    fields_of_cooperation: str = ""
    funding_source: str = ""
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    dprd_approval_reference: str = ""
    implementing_agencies: str = ""
    parties: list[PartyIn]


class RegionOut(Schema):
    code: str
    name: str


class PartyOut(Schema):
    region: RegionOut
    position: int
    document_number: str
    signatory_name: str
    signatory_position: str


class AgreementOut(Schema):
    id: int
    type: str
    parent_id: int | None
    title: str
    status: str
    lifecycle: str
    signed_on: date | None
    valid_from: date | None
    valid_until: date | None


class ActionItemOut(Schema):
    id: int
    title: str
    owner_region: RegionOut
    agency_id: int | None
    due_date: date
    status: str
    progress: int
    overdue: bool


class AgreementDetailOut(AgreementOut):
    purpose: str
    fields_of_cooperation: str
    funding_source: str
    dprd_approval_reference: str
    implementing_agencies: str
    parties: list[PartyOut]
    action_items: list[ActionItemOut]


class ActionItemIn(Schema):
    title: str
    description: str = ""
    owner_region: str = Field(description="Code of the responsible party region")
    agency_id: int | None = None
    due_date: date
    status: ActionItemStatus = ActionItem.Status.PLANNED
    progress: int = Field(0, ge=0, le=100)


class ActionItemPatch(Schema):
    """Only the fields sent change; null is refused."""

    title: str = None
    description: str = None
    due_date: date = None
    status: ActionItemStatus = None
    progress: int = Field(None, ge=0, le=100)


class ComparisonOut(Schema):
    key: str
    label: str
    unit: str
    own: float | None
    partner: float | None
    normalised: bool


class RegisterFiguresOut(Schema):
    total: int
    with_nib: int
    workers: int
    by_scale: dict[str, int]
    by_sector: dict[str, int]
    by_district: list[tuple[str, int]]


class PartnerDashboardOut(Schema):
    year: int
    region: RegionOut
    partner: RegionOut
    comparisons: list[ComparisonOut]
    region_register: RegisterFiguresOut | None
    partner_register: RegisterFiguresOut | None


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    link: str
    created_at: datetime
    read_at: datetime | None
