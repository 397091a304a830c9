"""Factories for indicators: Jember's road indicator, its targets and realisations."""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from sahabat.indicators.models import Indicator, IndicatorTarget, Realisation
from tests.registry.factories import JEMBER, region


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    region = factory.LazyFunction(lambda: region(JEMBER))
    name = factory.Sequence(lambda n: f"Jalan rusak yang diperbaiki {n}")
    unit = "km"
    direction = Indicator.Direction.HIGHER
    kind = Indicator.Kind.MANUAL
    computation = ""


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = date(2021, 5, 1)
    period_end = date(2021, 12, 31)
    baseline = Decimal(0)
    target = Decimal(1200)


class RealisationFactory(DjangoModelFactory):
    class Meta:
        model = Realisation

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = date(2021, 5, 31)
    value = Decimal(95)
