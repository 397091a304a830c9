"""Factories for coaching: programmes of Jember, their sessions, participants and outcomes."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from sahabat.coaching.models import Outcome, Participant, Programme, Session
from tests.registry.factories import JEMBER, EnterpriseFactory, region


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    region = factory.LazyFunction(lambda: region(JEMBER))
    name = factory.Sequence(lambda n: f"Fasilitasi NIB {n}")
    type = Programme.Type.NIB_FACILITATION
    organiser = "Dinas Koperasi dan Usaha Mikro"
    starts_on = date(2024, 3, 1)
    ends_on = date(2024, 6, 30)
    target_participants = 20


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Klinik NIB {n}")
    held_on = date(2024, 3, 12)
    venue = "Aula Dinas Koperasi"


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    programme = factory.SubFactory(ProgrammeFactory)
    enterprise = factory.SubFactory(EnterpriseFactory, region=factory.SelfAttribute("..programme.region"))
    joined_on = date(2024, 3, 1)


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    participant = factory.SubFactory(ParticipantFactory)
    type = Outcome.Type.FIRST_ONLINE_SALE
    achieved_on = date(2024, 4, 15)
    reference = "Shopee"
