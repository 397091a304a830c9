"""Input and output shapes of the indicators API."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from sahabat.indicators.models import Indicator
from sahabat.indicators.pace import Status
from sahabat.indicators.selectors import (
    current_target,
    realisation_list,
    region_today,
    target_list,
    target_progress,
)

# The pace as plain values: as an enum it would be documented under the bare name `Status`, which
# other apps' choices share.
PaceStatus = Literal[tuple(Status.values)]


class IndicatorProgressOut(Schema):
    target_id: int = Field(alias="target.pk")
    period_start: date = Field(alias="target.period_start")
    period_end: date = Field(alias="target.period_end")
    baseline: Decimal = Field(alias="target.baseline")
    target: Decimal = Field(alias="target.target")
    as_of: date = Field(description="Today in the region's zone, or the period's last day once it is over")
    value: Decimal | None = Field(description="The realisation on as_of (latest recorded, or computed live)")
    measured_on: date | None
    expected: Decimal = Field(description="The target pro-rated linearly over the period, on as_of")
    pace_percent: Decimal | None = Field(description="value ÷ expected (inverted when lower is better), in %")
    status: PaceStatus


def _progress(indicator, context, target):
    return target_progress(
        actor=context["request"].auth,
        indicator=indicator,
        target=target,
        today=region_today(indicator.region),
    )


class IndicatorOut(Schema):
    id: int
    region: str = Field(alias="region.code")
    name: str
    unit: str
    direction: str = Field(description="higher or lower (is better)")
    kind: str = Field(description="manual or computed")
    computation: str = Field(
        description="Key of the computation (GET /indicators/computations); empty when manual"
    )
    owner_agency_id: int | None
    source: str
    description: str
    current: IndicatorProgressOut | None = Field(
        description="The target running today, else the last ended, else the next"
    )

    @staticmethod
    def resolve_current(indicator, context):
        targets = list(target_list(actor=context["request"].auth, indicator=indicator))
        target = current_target(targets, region_today(indicator.region))
        return _progress(indicator, context, target) if target else None


class RealisationOut(Schema):
    id: int
    measured_on: date
    value: Decimal
    evidence_url: str
    evidence_file: str | None

    @staticmethod
    def resolve_evidence_file(realisation) -> str | None:
        return realisation.evidence_file.url if realisation.evidence_file else None


class IndicatorDetailOut(IndicatorOut):
    targets: list[IndicatorProgressOut]
    realisations: list[RealisationOut] = Field(description="Manual indicators only, newest first")

    @staticmethod
    def resolve_targets(indicator, context) -> list:
        targets = target_list(actor=context["request"].auth, indicator=indicator)
        return [_progress(indicator, context, target) for target in targets]

    @staticmethod
    def resolve_realisations(indicator, context) -> list:
        if indicator.kind != Indicator.Kind.MANUAL:
            return []
        return list(realisation_list(actor=context["request"].auth, indicator=indicator))


class IndicatorQuery(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    search: str = Field("", description="Words of the name, source or description.")
    kind: Indicator.Kind | None = None


class IndicatorIn(Schema):
    region: str | None = Field(None, description="Regency code, e.g. 35.09; defaults to your only region.")
    name: str = Field(max_length=200)
    unit: str = Field("", max_length=30, description="Empty takes the computation's own unit")
    direction: Indicator.Direction = Indicator.Direction.HIGHER
    kind: Indicator.Kind = Indicator.Kind.MANUAL
    computation: str = Field("", max_length=40)
    owner_agency_id: int | None = None
    source: str = Field("", max_length=200)
    description: str = Field("", max_length=2000)


class IndicatorPatch(Schema):
    """Only the fields sent change; null clears the owner agency and is refused elsewhere."""

    name: str = Field(None, max_length=200)
    unit: str = Field(None, max_length=30)
    direction: Indicator.Direction = None
    kind: Indicator.Kind = None
    computation: str = Field(None, max_length=40)
    owner_agency_id: int | None = None
    source: str = Field(None, max_length=200)
    description: str = Field(None, max_length=2000)


class TargetIn(Schema):
    period_start: date
    period_end: date
    baseline: Decimal = Decimal(0)
    target: Decimal
    note: str = Field("", max_length=300)


class TargetOut(Schema):
    id: int
    period_start: date
    period_end: date
    baseline: Decimal
    target: Decimal
    note: str


class RealisationIn(Schema):
    measured_on: date
    value: Decimal
    evidence_url: str = Field("", max_length=500)
    note: str = Field("", max_length=300)


class ComputationOut(Schema):
    key: str
    label: str
    unit: str
    measure: str = Field(
        description="flow (total over the period so far), snapshot (the register now) or annual"
    )
