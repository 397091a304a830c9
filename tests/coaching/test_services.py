from datetime import date, timedelta

import pytest
from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.coaching import services
from sahabat.coaching.models import Outcome, Participant, Programme, Session
from sahabat.core.errors import DomainError, NotFound, PermissionDenied
from sahabat.registry.models import Enterprise, Licence
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, ProgrammeFactory, SessionFactory
from tests.registry.factories import (
    PASAR_SAROLANGUN_VILLAGE,
    SAROLANGUN_DISTRICT,
    EnterpriseFactory,
    LicenceFactory,
    region,
)

pytestmark = pytest.mark.django_db

PROGRAMME = {
    "name": "Kelas Foto Produk",
    "type": Programme.Type.DIGITAL_MARKETING,
    "starts_on": date(2024, 2, 5),
    "ends_on": date(2024, 5, 31),
}


def _code(call) -> tuple[str, str | None]:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value.errors[0].code, caught.value.errors[0].field


# Programmes


def test_officer_creates_a_programme_in_the_region(officer, jember):
    programme = services.programme_create(actor=officer, region=jember, **PROGRAMME)
    assert Programme.objects.with_scope(region=jember.pk).get().name == programme.name == "Kelas Foto Produk"


def test_programme_needs_a_name(officer, jember):
    assert _code(
        lambda: services.programme_create(actor=officer, region=jember, **{**PROGRAMME, "name": "  "})
    ) == (
        "programme.name_required",
        "name",
    )


def test_programme_refuses_a_last_day_before_the_first(officer, jember):
    values = {**PROGRAMME, "ends_on": date(2024, 1, 31)}
    assert _code(lambda: services.programme_create(actor=officer, region=jember, **values)) == (
        "programme.dates_order",
        "ends_on",
    )


def test_programme_refuses_an_unknown_type(officer, jember):
    values = {**PROGRAMME, "type": "yoga"}
    assert _code(lambda: services.programme_create(actor=officer, region=jember, **values)) == (
        "programme.type",
        "type",
    )


def test_viewer_may_not_create_a_programme(viewer, jember):
    with pytest.raises(PermissionDenied):
        services.programme_create(actor=viewer, region=jember, **PROGRAMME)


def test_officer_of_another_region_cannot_change_the_programme(programme, sarolangun, member_of, actor_of):
    other = actor_of(member_of(sarolangun, "officer"))
    with pytest.raises(NotFound):
        services.programme_update(actor=other, programme_id=programme.pk, name="Diambil alih")


def test_programme_dates_cannot_leave_a_session_outside(officer, programme):
    SessionFactory(programme=programme, held_on=date(2024, 3, 12))
    assert _code(
        lambda: services.programme_update(
            actor=officer, programme_id=programme.pk, starts_on=date(2024, 4, 1)
        )
    ) == ("programme.sessions_outside", "starts_on")


def test_deleting_a_programme_keeps_the_licences_its_participants_obtained(officer, participant):
    outcome = services.outcome_record(
        actor=officer,
        participant_id=participant.pk,
        type=Outcome.Type.NIB_OBTAINED,
        achieved_on=date(2024, 4, 2),
        reference="9120001234567",
    )
    services.programme_delete(actor=officer, programme_id=participant.programme_id)
    assert not Outcome.unscoped.filter(pk=outcome.pk).exists()
    assert Licence.unscoped.filter(pk=outcome.licence_id).exists()


# Sessions


def test_session_must_fall_within_the_programme(officer, programme):
    assert _code(
        lambda: services.session_create(
            actor=officer, programme_id=programme.pk, title="Klinik", held_on=date(2024, 7, 1)
        )
    ) == ("session.outside_programme", "held_on")


def test_session_district_must_be_in_the_regency(officer, programme):
    assert _code(
        lambda: services.session_create(
            actor=officer,
            programme_id=programme.pk,
            title="Klinik",
            held_on=date(2024, 3, 12),
            district=region(SAROLANGUN_DISTRICT),
        )
    ) == ("session.district", "district")


def test_session_is_added_with_its_place(officer, programme):
    session = services.session_create(
        actor=officer,
        programme_id=programme.pk,
        title="Klinik NIB",
        held_on=date(2024, 3, 12),
        district=region("35.09.21"),
        venue="Aula",
    )
    assert Session.objects.with_scope(region=programme.region_id).get().district.name == session.district.name


# Participants


def test_enterprise_of_the_region_joins_once(officer, programme, enterprise):
    services.participant_add(actor=officer, programme_id=programme.pk, enterprise_id=enterprise.pk)
    assert _code(
        lambda: services.participant_add(
            actor=officer, programme_id=programme.pk, enterprise_id=enterprise.pk
        )
    ) == ("participant.exists", "enterprise")


def test_enterprise_of_another_region_cannot_join(officer, programme, sarolangun):
    guest = EnterpriseFactory(
        region=sarolangun,
        owner=None,
        district=region(SAROLANGUN_DISTRICT),
        village=region(PASAR_SAROLANGUN_VILLAGE),
    )
    assert _code(
        lambda: services.participant_add(actor=officer, programme_id=programme.pk, enterprise_id=guest.pk)
    ) == ("participant.enterprise_unknown", "enterprise")


def test_closed_enterprise_cannot_join(officer, programme, jember):
    closed = EnterpriseFactory(region=jember, owner=None, status=Enterprise.Status.CLOSED)
    assert _code(
        lambda: services.participant_add(actor=officer, programme_id=programme.pk, enterprise_id=closed.pk)
    ) == ("participant.enterprise_closed", "enterprise")


def test_participant_joins_on_the_first_day_unless_told(officer, programme, enterprise):
    participant = services.participant_add(
        actor=officer, programme_id=programme.pk, enterprise_id=enterprise.pk
    )
    assert participant.joined_on == programme.starts_on


# Outcomes


def test_nib_obtained_with_its_number_adds_the_nib_to_the_register(officer, participant):
    outcome = services.outcome_record(
        actor=officer,
        participant_id=participant.pk,
        type=Outcome.Type.NIB_OBTAINED,
        achieved_on=date(2024, 4, 2),
        reference="9120 0012 34567",
    )
    licence = Licence.objects.with_scope(region=participant.enterprise.region_id).get(
        enterprise=participant.enterprise
    )
    assert (licence.type, licence.number, licence.issued_on, outcome.licence_id, outcome.reference) == (
        "nib",
        "9120001234567",
        date(2024, 4, 2),
        licence.pk,
        "9120001234567",
    )


def test_nib_already_in_the_register_is_linked_not_added_twice(officer, participant):
    existing = LicenceFactory(enterprise=participant.enterprise, number="9120001234567")
    outcome = services.outcome_record(
        actor=officer,
        participant_id=participant.pk,
        type=Outcome.Type.NIB_OBTAINED,
        achieved_on=date(2024, 4, 2),
        reference="9120001234567",
    )
    assert outcome.licence_id == existing.pk
    assert Licence.unscoped.filter(enterprise=participant.enterprise).count() == 1


def test_nib_of_another_enterprise_is_refused_beside_the_reference(officer, participant, jember):
    LicenceFactory(enterprise=EnterpriseFactory(region=jember, owner=None), number="9120001234567")
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.NIB_OBTAINED,
            achieved_on=date(2024, 4, 2),
            reference="9120001234567",
        )
    ) == ("nib.exists", "reference")


def test_nib_when_the_enterprise_already_has_another_is_refused(officer, participant):
    LicenceFactory(enterprise=participant.enterprise, number="9120007654321")
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.NIB_OBTAINED,
            achieved_on=date(2024, 4, 2),
            reference="9120001234567",
        )
    ) == ("outcome.other_nib", "reference")


def test_malformed_nib_is_refused_with_the_register_code(officer, participant):
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.NIB_OBTAINED,
            achieved_on=date(2024, 4, 2),
            reference="12345",
        )
    ) == ("nib.length", "reference")


def test_nib_obtained_without_a_number_records_the_outcome_only(officer, participant):
    outcome = services.outcome_record(
        actor=officer,
        participant_id=participant.pk,
        type=Outcome.Type.NIB_OBTAINED,
        achieved_on=date(2024, 4, 2),
    )
    assert outcome.licence_id is None
    assert not Licence.unscoped.filter(enterprise=participant.enterprise).exists()


def test_halal_certificate_with_its_number_joins_the_register(officer, participant):
    outcome = services.outcome_record(
        actor=officer,
        participant_id=participant.pk,
        type=Outcome.Type.HALAL_CERTIFIED,
        achieved_on=date(2024, 4, 2),
        reference="id 3511 0000 1234 50123",
    )
    assert Licence.unscoped.get(pk=outcome.licence_id).number == "ID35110000123450123"


def test_amount_is_only_for_credit(officer, participant):
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.FIRST_ONLINE_SALE,
            achieved_on=date(2024, 4, 2),
            amount=5_000_000,
        )
    ) == ("outcome.amount_not_credit", "amount")


def test_credit_amount_must_be_positive(officer, participant):
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.CREDIT_OBTAINED,
            achieved_on=date(2024, 4, 2),
            amount=0,
        )
    ) == ("outcome.amount_not_positive", "amount")


def test_outcome_cannot_be_in_the_future(officer, participant):
    tomorrow = timezone.localdate() + timedelta(days=2)
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.FIRST_ONLINE_SALE,
            achieved_on=tomorrow,
        )
    ) == ("outcome.future", "achieved_on")


def test_outcome_cannot_predate_the_programme(officer, participant):
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.FIRST_ONLINE_SALE,
            achieved_on=date(2024, 2, 1),
        )
    ) == ("outcome.before_programme", "achieved_on")


def test_an_outcome_is_recorded_once_per_participant(officer, participant):
    OutcomeFactory(participant=participant, type=Outcome.Type.FIRST_ONLINE_SALE)
    assert _code(
        lambda: services.outcome_record(
            actor=officer,
            participant_id=participant.pk,
            type=Outcome.Type.FIRST_ONLINE_SALE,
            achieved_on=date(2024, 4, 2),
        )
    ) == ("outcome.exists", "type")


def test_removing_an_outcome_keeps_its_licence(officer, participant):
    outcome = services.outcome_record(
        actor=officer,
        participant_id=participant.pk,
        type=Outcome.Type.NIB_OBTAINED,
        achieved_on=date(2024, 4, 2),
        reference="9120001234567",
    )
    services.outcome_remove(actor=officer, outcome_id=outcome.pk)
    assert Licence.unscoped.filter(pk=outcome.licence_id).exists()


def test_taking_a_participant_off_removes_its_outcomes(officer, participant):
    OutcomeFactory(participant=participant)
    services.participant_remove(actor=officer, participant_id=participant.pk)
    assert not Outcome.unscoped.exists()
    assert not Participant.unscoped.exists()


def test_system_actor_records_for_any_region(sarolangun):
    programme = ProgrammeFactory(region=sarolangun)
    guest = EnterpriseFactory(
        region=sarolangun,
        owner=None,
        district=region(SAROLANGUN_DISTRICT),
        village=region(PASAR_SAROLANGUN_VILLAGE),
    )
    participant = services.participant_add(
        actor=Actor.system(), programme_id=programme.pk, enterprise_id=guest.pk
    )
    assert ParticipantFactory._meta.model.unscoped.get(pk=participant.pk).enterprise == guest
