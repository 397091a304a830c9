from datetime import date

import pytest

from sahabat.coaching.models import Outcome
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db

PROGRAMME = {
    "name": "Kelas Foto Produk",
    "type": "digital_marketing",
    "starts_on": "2024-02-05",
    "ends_on": "2024-05-31",
}


def test_list_returns_the_region_programmes(officer_client, programme):
    body = officer_client.get("/api/coaching/programmes").json()
    assert [item["name"] for item in body["items"]] == [programme.name]


def test_create_answers_201_with_the_programme(officer_client):
    response = officer_client.post("/api/coaching/programmes", PROGRAMME, content_type="application/json")
    assert (response.status_code, response.json()["region"], response.json()["participants"]) == (
        201,
        "35.09",
        0,
    )


def test_create_refusal_names_the_field(officer_client):
    response = officer_client.post(
        "/api/coaching/programmes", {**PROGRAMME, "ends_on": "2024-01-01"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "field": "ends_on",
        "code": "programme.dates_order",
        "message": "Hari terakhir sebelum hari pertama.",
    }


def test_detail_carries_sessions_and_outcome_totals(officer_client, participant):
    SessionFactory(programme=participant.programme, district=None)
    OutcomeFactory(participant=participant, type=Outcome.Type.FIRST_ONLINE_SALE)
    body = officer_client.get(f"/api/coaching/programmes/{participant.programme_id}").json()
    assert len(body["sessions"]) == 1
    assert {"type": "first_online_sale", "count": 1} in body["outcomes"]


def test_patch_changes_only_what_is_sent(officer_client, programme):
    body = officer_client.patch(
        f"/api/coaching/programmes/{programme.pk}", {"partner": "BPJPH"}, content_type="application/json"
    ).json()
    assert (body["partner"], body["name"]) == ("BPJPH", programme.name)


def test_patch_refuses_null_for_a_field_that_cannot_be_empty(officer_client, programme):
    response = officer_client.patch(
        f"/api/coaching/programmes/{programme.pk}", {"description": None}, content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "description")


def test_patch_null_clears_the_last_day(officer_client, programme):
    body = officer_client.patch(
        f"/api/coaching/programmes/{programme.pk}", {"ends_on": None}, content_type="application/json"
    ).json()
    assert body["ends_on"] is None


def test_session_takes_a_district_code(officer_client, programme):
    response = officer_client.post(
        f"/api/coaching/programmes/{programme.pk}/sessions",
        {"title": "Klinik", "held_on": "2024-03-12", "district": "35.09.21"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["district"]) == (201, "35.09.21")


def test_participant_is_enrolled_by_enterprise_id(officer_client, programme, enterprise):
    response = officer_client.post(
        f"/api/coaching/programmes/{programme.pk}/participants",
        {"enterprise_id": enterprise.pk},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["enterprise"]) == (201, enterprise.name)


def test_outcome_with_an_nib_reports_its_licence(officer_client, participant):
    response = officer_client.post(
        f"/api/coaching/participants/{participant.pk}/outcomes",
        {"type": "nib_obtained", "achieved_on": "2024-04-02", "reference": "9120001234567"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["licence_id"] is not None


def test_outcomes_are_listed_within_dates(officer_client, programme):
    for day in (date(2024, 3, 31), date(2024, 4, 10)):
        OutcomeFactory(participant=ParticipantFactory(programme=programme), achieved_on=day)
    body = officer_client.get("/api/coaching/outcomes", {"since": "2024-04-01"}).json()
    assert [item["achieved_on"] for item in body["items"]] == ["2024-04-10"]


def test_viewer_cannot_create(viewer_client):
    response = viewer_client.post("/api/coaching/programmes", PROGRAMME, content_type="application/json")
    assert response.status_code == 403
