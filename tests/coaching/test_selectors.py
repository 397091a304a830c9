from datetime import date

import pytest

from sahabat.coaching import selectors
from sahabat.coaching.models import Outcome, Programme
from sahabat.registry.models import Enterprise
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, ProgrammeFactory, SessionFactory
from tests.registry.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_programme_list_counts_sessions_participants_and_outcomes(officer, participant):
    SessionFactory.create_batch(2, programme=participant.programme)
    ParticipantFactory(programme=participant.programme)
    OutcomeFactory(participant=participant)
    row = selectors.programme_list(actor=officer, region=participant.programme.region).get()
    assert (row.session_count, row.participant_count, row.outcome_count) == (2, 2, 1)


def test_programme_list_leaves_out_other_regions(officer, jember, sarolangun):
    ProgrammeFactory(region=jember, name="Jember")
    ProgrammeFactory(region=sarolangun, name="Sarolangun")
    assert [p.name for p in selectors.programme_list(actor=officer, region=jember)] == ["Jember"]


def test_programme_list_searches_and_filters_by_type_and_year(officer, jember):
    ProgrammeFactory(region=jember, name="Kelas Foto Produk", type=Programme.Type.DIGITAL_MARKETING)
    ProgrammeFactory(
        region=jember,
        name="Klinik Kemasan",
        type=Programme.Type.PACKAGING,
        starts_on=date(2023, 5, 1),
        ends_on=date(2023, 6, 1),
    )
    filters = selectors.ProgrammeFilters(search="kemasan", type=Programme.Type.PACKAGING, year=2023)
    assert [p.name for p in selectors.programme_list(actor=officer, region=jember, filters=filters)] == [
        "Klinik Kemasan"
    ]


def test_outcome_count_counts_both_ends_of_the_range_and_one_type(officer, jember, programme):
    for day, kind in (
        (date(2024, 3, 31), Outcome.Type.NIB_OBTAINED),
        (date(2024, 4, 1), Outcome.Type.NIB_OBTAINED),
        (date(2024, 4, 30), Outcome.Type.NIB_OBTAINED),
        (date(2024, 5, 1), Outcome.Type.NIB_OBTAINED),
        (date(2024, 4, 15), Outcome.Type.FIRST_ONLINE_SALE),
    ):
        OutcomeFactory(participant=ParticipantFactory(programme=programme), achieved_on=day, type=kind)
    count = selectors.outcome_count(
        actor=officer,
        region=jember,
        since=date(2024, 4, 1),
        until=date(2024, 4, 30),
        type=Outcome.Type.NIB_OBTAINED,
    )
    assert count == 2


def test_outcome_count_of_another_region_is_zero_for_the_actor(officer, sarolangun):
    OutcomeFactory(
        participant=ParticipantFactory(
            programme=ProgrammeFactory(region=sarolangun),
            enterprise=EnterpriseFactory(region=sarolangun, owner=None),
        )
    )
    assert (
        selectors.outcome_count(
            actor=officer, region=sarolangun, since=date(2024, 1, 1), until=date(2024, 12, 31)
        )
        == 0
    )


def test_summary_counts_an_enterprise_in_two_programmes_once(officer, jember, enterprise):
    ParticipantFactory(enterprise=enterprise, programme=ProgrammeFactory(region=jember))
    ParticipantFactory(enterprise=enterprise, programme=ProgrammeFactory(region=jember))
    summary = selectors.coaching_summary(actor=officer, region=jember)
    assert (summary.programmes, summary.enterprises) == (2, 1)


def test_summary_lists_every_outcome_type_with_zeros(officer, jember):
    summary = selectors.coaching_summary(actor=officer, region=jember)
    assert [(kind, count) for kind, _label, count in summary.outcomes] == [
        (kind, 0) for kind in Outcome.Type.values
    ]


def test_candidates_leave_out_participants_and_closed_enterprises(officer, participant, jember):
    EnterpriseFactory(region=jember, owner=None, name="Prol Tape Cak Mat")
    EnterpriseFactory(region=jember, owner=None, name="Prol Tape Tutup", status=Enterprise.Status.CLOSED)
    names = [
        e.name
        for e in selectors.participant_candidates(
            actor=officer, programme=participant.programme, search="prol tape"
        )
    ]
    assert names == ["Prol Tape Cak Mat"]
