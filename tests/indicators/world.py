"""Indicator records for the permission matrix: Jember's road indicator with a target and a realisation."""

from __future__ import annotations

from dataclasses import dataclass

from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation
from sahabat.regions.models import Region
from tests.indicators.factories import IndicatorFactory, RealisationFactory, TargetFactory


@dataclass
class IndicatorsWorld:
    indicator: Indicator
    target: IndicatorTarget
    realisation: Realisation


def indicators_world(*, jember: Region) -> IndicatorsWorld:
    indicator = IndicatorFactory(region=jember)
    return IndicatorsWorld(
        indicator=indicator,
        target=TargetFactory(indicator=indicator),
        realisation=RealisationFactory(indicator=indicator),
    )
