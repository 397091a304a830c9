"""Coaching records for the permission matrix: a Jember programme, a session, a participant, an outcome."""

from __future__ import annotations

from dataclasses import dataclass

from sahabat.coaching.models import Outcome, Participant, Programme, Session
from sahabat.registry.models import Enterprise
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, ProgrammeFactory, SessionFactory


@dataclass
class CoachingWorld:
    programme: Programme
    session: Session
    participant: Participant
    outcome: Outcome


def coaching_world(*, enterprise: Enterprise) -> CoachingWorld:
    programme = ProgrammeFactory(region=enterprise.region)
    participant = ParticipantFactory(programme=programme, enterprise=enterprise)
    return CoachingWorld(
        programme=programme,
        session=SessionFactory(programme=programme),
        participant=participant,
        outcome=OutcomeFactory(participant=participant),
    )
