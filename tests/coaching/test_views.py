from datetime import date

import pytest
from django.urls import reverse

from sahabat.coaching.models import Outcome, Participant, Programme, Session
from sahabat.registry.models import Licence
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, ProgrammeFactory, SessionFactory

pytestmark = pytest.mark.django_db

PROGRAMME_POST = {
    "name": "Kelas Foto Produk",
    "type": "digital_marketing",
    "organiser": "Dinas Koperasi dan Usaha Mikro",
    "starts_on": "2024-02-05",
    "ends_on": "2024-05-31",
    "target_participants": "40",
}


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_empty_list_invites_to_create_a_programme(officer_client):
    response = officer_client.get(reverse("coaching:programme_list"))
    assert "Belum ada program pembinaan" in response.content.decode()


def test_list_shows_the_programme_with_its_type(officer_client, participant):
    content = officer_client.get(reverse("coaching:programme_list")).content.decode()
    assert participant.programme.name in content and "Fasilitasi NIB" in content


def test_list_filters_by_type(officer_client, jember):
    ProgrammeFactory(region=jember, name="Kelas Foto", type=Programme.Type.DIGITAL_MARKETING)
    ProgrammeFactory(region=jember, name="Klinik NIB", type=Programme.Type.NIB_FACILITATION)
    response = officer_client.get(reverse("coaching:programme_list"), {"type": "digital_marketing"})
    assert [p.name for p in response.context["page_obj"]] == ["Kelas Foto"]


def test_officer_creates_a_programme_and_lands_on_it(officer_client):
    response = officer_client.post(reverse("coaching:programme_create"), PROGRAMME_POST)
    programme = Programme.unscoped.get()
    assert response.url == reverse("coaching:programme_detail", args=[programme.pk])
    assert programme.target_participants == 40


def test_programme_form_shows_the_date_rule_beside_the_field(officer_client):
    response = officer_client.post(
        reverse("coaching:programme_create"), {**PROGRAMME_POST, "ends_on": "2024-01-01"}
    )
    assert response.context["form"].errors["ends_on"] == ["Hari terakhir sebelum hari pertama."]


def test_viewer_sees_the_programme_without_the_forms(viewer_client, participant):
    content = viewer_client.get(
        reverse("coaching:programme_detail", args=[participant.programme_id])
    ).content.decode()
    assert participant.enterprise.name in content
    assert reverse("coaching:programme_edit", args=[participant.programme_id]) not in content
    assert "Catat hasil" not in content


def test_viewer_cannot_open_the_new_programme_form(viewer_client):
    assert viewer_client.get(reverse("coaching:programme_create")).status_code == 403


def test_programme_of_another_region_answers_404(officer_client, sarolangun):
    programme = ProgrammeFactory(region=sarolangun)
    assert officer_client.get(reverse("coaching:programme_detail", args=[programme.pk])).status_code == 404


def test_session_error_is_shown_beside_the_date(officer_client, programme):
    response = officer_client.post(
        reverse("coaching:session_create", args=[programme.pk]), {"title": "Klinik", "held_on": "2024-09-01"}
    )
    assert response.context["session_form"].errors["held_on"] == ["Sesi harus berada dalam tanggal program."]


def test_session_is_added_from_the_detail_page(officer_client, programme):
    officer_client.post(
        reverse("coaching:session_create", args=[programme.pk]),
        {"title": "Klinik NIB", "held_on": "2024-03-12", "venue": "Aula"},
    )
    assert Session.unscoped.get().title == "Klinik NIB"


def test_session_is_deleted(officer_client, programme):
    session = SessionFactory(programme=programme)
    officer_client.post(reverse("coaching:session_delete", args=[session.pk]))
    assert not Session.unscoped.exists()


def test_search_offers_enterprises_of_the_register_to_add(officer_client, programme, enterprise):
    response = officer_client.get(reverse("coaching:programme_detail", args=[programme.pk]), {"q": "prol"})
    assert [e.name for e in response.context["candidates"]] == [enterprise.name]


def test_adding_a_participant_keeps_the_search(officer_client, programme, enterprise):
    response = officer_client.post(
        reverse("coaching:participant_add", args=[programme.pk]), {"enterprise": enterprise.pk, "q": "prol"}
    )
    assert Participant.unscoped.get().enterprise == enterprise
    assert response.url == reverse("coaching:programme_detail", args=[programme.pk]) + "?q=prol#participants"


def test_recording_an_nib_says_it_is_in_the_register(officer_client, participant):
    response = officer_client.post(
        reverse("coaching:outcome_create", args=[participant.pk]),
        {"type": "nib_obtained", "achieved_on": "2024-04-02", "reference": "9120001234567"},
        follow=True,
    )
    assert Licence.unscoped.get().number == "9120001234567"
    assert "tercatat di register" in _messages(response)[0]


def test_outcome_form_shows_the_register_refusal_beside_the_reference(officer_client, participant):
    response = officer_client.post(
        reverse("coaching:outcome_create", args=[participant.pk]),
        {"type": "nib_obtained", "achieved_on": "2024-04-02", "reference": "123"},
    )
    assert response.context["form"].errors["reference"] == ["NIB harus tepat 13 digit angka."]


def test_outcome_is_removed(officer_client, participant):
    outcome = OutcomeFactory(participant=participant)
    officer_client.post(reverse("coaching:outcome_delete", args=[outcome.pk]))
    assert not Outcome.unscoped.exists()


def test_participant_is_taken_off(officer_client, participant):
    officer_client.post(reverse("coaching:participant_remove", args=[participant.pk]))
    assert not Participant.unscoped.exists()


def test_delete_asks_first_then_deletes(officer_client, programme):
    ParticipantFactory(programme=programme)
    page = officer_client.get(reverse("coaching:programme_delete", args=[programme.pk]))
    assert "1 peserta" in page.content.decode()
    officer_client.post(reverse("coaching:programme_delete", args=[programme.pk]))
    assert not Programme.unscoped.exists()


def test_menu_shows_coaching_to_the_viewer(viewer_client):
    content = viewer_client.get(reverse("core:home")).content.decode()
    assert f'href="{reverse("coaching:programme_list")}"' in content


def test_outcome_page_lists_what_is_already_recorded(officer_client, participant):
    OutcomeFactory(participant=participant, achieved_on=date(2024, 4, 15))
    content = officer_client.get(reverse("coaching:outcome_create", args=[participant.pk])).content.decode()
    assert "Penjualan daring pertama · 15 Apr 2024" in content
