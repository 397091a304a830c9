"""Input and output shapes of the coaching API."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Field, Schema

from sahabat.coaching.models import Outcome, Programme
from sahabat.coaching.selectors import outcome_totals, participant_list, session_list

# Choices as plain values: as enums both would be documented under the bare name `Type`, which
# other apps' choices share too.
ProgrammeType = Literal[tuple(Programme.Type.values)]
OutcomeType = Literal[tuple(Outcome.Type.values)]


class ProgrammeQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    search: str = Field("", description="Words of the name, organiser or partner.")
    type: ProgrammeType | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Programmes starting in this year.")


class ProgrammeOut(Schema):
    id: int
    region: str = Field(alias="region.code")
    name: str
    type: str
    organiser: str
    partner: str
    description: str
    starts_on: date
    ends_on: date | None
    target_participants: int


class SessionOut(Schema):
    id: int
    title: str
    held_on: date
    district: str | None = Field(description="District code, e.g. 35.09.21")
    venue: str
    notes: str

    @staticmethod
    def resolve_district(session) -> str | None:
        return session.district.code if session.district else None


class OutcomeTotalOut(Schema):
    type: str
    count: int


class ProgrammeDetailOut(ProgrammeOut):
    sessions: list[SessionOut]
    participants: int
    outcomes: list[OutcomeTotalOut]

    @staticmethod
    def resolve_sessions(programme, context) -> list:
        return list(session_list(actor=context["request"].auth, programme=programme))

    @staticmethod
    def resolve_participants(programme, context) -> int:
        return participant_list(actor=context["request"].auth, programme=programme).count()

    @staticmethod
    def resolve_outcomes(programme, context) -> list[dict]:
        totals = outcome_totals(actor=context["request"].auth, programme=programme)
        return [{"type": kind, "count": count} for kind, _label, count in totals]


class ProgrammeIn(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    name: str = Field(max_length=200)
    type: ProgrammeType
    organiser: str = Field("", max_length=200)
    partner: str = Field("", max_length=200)
    description: str = Field("", max_length=2000)
    starts_on: date
    ends_on: date | None = None
    target_participants: int = Field(0, ge=0)


class ProgrammePatch(Schema):
    """Only the fields sent change; null clears the last day and is refused elsewhere."""

    name: str = Field(None, max_length=200)
    type: ProgrammeType = None
    organiser: str = Field(None, max_length=200)
    partner: str = Field(None, max_length=200)
    description: str = Field(None, max_length=2000)
    starts_on: date = None
    ends_on: date | None = None
    target_participants: int = Field(None, ge=0)


class SessionIn(Schema):
    title: str = Field(max_length=200)
    held_on: date
    district: str | None = Field(None, description="District code of the regency, e.g. 35.09.21")
    venue: str = Field("", max_length=200)
    notes: str = Field("", max_length=2000)


class ParticipantIn(Schema):
    enterprise_id: int = Field(description="An active enterprise of the programme's region")


class OutcomeBriefOut(Schema):
    id: int
    type: str
    achieved_on: date
    reference: str
    amount: int | None = Field(description="Whole rupiah, for credit obtained")


class ParticipantOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str = Field(alias="enterprise.name")
    joined_on: date
    outcomes: list[OutcomeBriefOut]

    @staticmethod
    def resolve_outcomes(participant) -> list:
        return list(participant.outcomes.all())


class OutcomeIn(Schema):
    type: OutcomeType
    achieved_on: date
    reference: str = Field(
        "",
        max_length=100,
        description="NIB or halal certificate number (added to the register), marketplace or lender",
    )
    amount: int | None = Field(None, description="Whole rupiah; only for credit obtained")
    note: str = Field("", max_length=300)


class OutcomeOut(OutcomeBriefOut):
    participant_id: int
    programme_id: int = Field(alias="participant.programme_id")
    enterprise_id: int = Field(alias="participant.enterprise_id")
    licence_id: int | None = Field(description="The register licence this outcome added or found")
    note: str


class OutcomeQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    since: date | None = None
    until: date | None = None
    type: OutcomeType | None = None
