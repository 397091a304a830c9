"""Factories for investment: Jember's projects, investors, gatherings and leads."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from sahabat.investment.models import InvestmentProject, Investor, InvestorGathering, Lead, LeadStage
from tests.registry.factories import JEMBER, region

MILIAR = 1_000_000_000


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = InvestmentProject

    region = factory.LazyFunction(lambda: region(JEMBER))
    title = factory.Sequence(lambda n: f"Kawasan Agroindustri Kopi {n}")
    sector = InvestmentProject.Sector.AGRO_INDUSTRY
    value = 350 * MILIAR
    scheme = InvestmentProject.Scheme.PRIVATE
    status = InvestmentProject.Status.READY_TO_OFFER


class InvestorFactory(DjangoModelFactory):
    class Meta:
        model = Investor

    region = factory.LazyFunction(lambda: region(JEMBER))
    company = factory.Sequence(lambda n: f"PT Nusantara Agro {n}")
    contact_person = "Hendra Wijaya"
    origin_city = "Jakarta"


class GatheringFactory(DjangoModelFactory):
    class Meta:
        model = InvestorGathering

    region = factory.LazyFunction(lambda: region(JEMBER))
    name = "Jember Investment Forum 2021"
    held_on = date(2021, 11, 18)
    place = "Jakarta, Balai Kartini"


class LeadFactory(DjangoModelFactory):
    class Meta:
        model = Lead

    project = factory.SubFactory(ProjectFactory)
    region = factory.SelfAttribute("project.region")
    investor = factory.SubFactory(InvestorFactory, region=factory.SelfAttribute("..project.region"))
    stage = LeadStage.INQUIRY
    furthest_stage = factory.SelfAttribute("stage")
    value = 100 * MILIAR
