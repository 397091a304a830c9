import pytest

from sahabat.investment.models import Lead
from tests.investment.factories import MILIAR, GatheringFactory, LeadFactory

pytestmark = pytest.mark.django_db

PROJECT = {
    "title": "Pusat Perdagangan Jember",
    "sector": "trade",
    "value": 250 * MILIAR,
    "scheme": "ppp",
    "district": "35.09.19",
}


def test_project_list_is_the_region_offers(officer_client, project):
    body = officer_client.get("/api/investment/projects").json()
    assert [(item["title"], item["value"]) for item in body["items"]] == [(project.title, project.value)]


def test_project_is_created_with_its_district(officer_client):
    response = officer_client.post("/api/investment/projects", PROJECT, content_type="application/json")
    assert (response.status_code, response.json()["district"], response.json()["documents"]) == (
        201,
        "35.09.19",
        [],
    )


def test_project_with_an_unknown_district_code_is_refused(officer_client):
    response = officer_client.post(
        "/api/investment/projects", {**PROJECT, "district": "35.09.99"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "district")


def test_project_patch_changes_the_status(officer_client, project):
    body = officer_client.patch(
        f"/api/investment/projects/{project.pk}",
        {"status": "in_negotiation"},
        content_type="application/json",
    ).json()
    assert body["status"] == "in_negotiation"


def test_project_patch_refuses_a_null_title(officer_client, project):
    response = officer_client.patch(
        f"/api/investment/projects/{project.pk}", {"title": None}, content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "title")


def test_lead_patch_refuses_null_notes_and_changes_nothing(officer_client, lead):
    response = officer_client.patch(
        f"/api/investment/leads/{lead.pk}", {"notes": None, "value": 7}, content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "notes")
    assert Lead.unscoped.get(pk=lead.pk).value == lead.value


def test_lead_is_opened_and_moved(officer_client, project, investor):
    lead = officer_client.post(
        "/api/investment/leads",
        {"investor_id": investor.pk, "project_id": project.pk, "value": MILIAR},
        content_type="application/json",
    ).json()
    moved = officer_client.post(
        f"/api/investment/leads/{lead['id']}/stage", {"stage": "loi"}, content_type="application/json"
    ).json()
    assert (moved["stage"], moved["furthest_stage"]) == ("loi", "loi")


def test_moving_a_realised_lead_answers_409(officer_client, lead):
    Lead.unscoped.filter(pk=lead.pk).update(stage="realised", furthest_stage="realised")
    response = officer_client.post(
        f"/api/investment/leads/{lead.pk}/stage", {"stage": "meeting"}, content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["code"]) == (409, "lead.realised_final")


def test_losing_without_a_reason_names_the_field(officer_client, lead):
    response = officer_client.post(
        f"/api/investment/leads/{lead.pk}/stage", {"stage": "lost"}, content_type="application/json"
    )
    assert response.json()["errors"][0] == {
        "field": "reason",
        "code": "lead.lost_reason_required",
        "message": "Sebutkan alasan prospek gagal.",
    }


def test_pipeline_gives_value_and_conversion_per_stage(officer_client, project):
    LeadFactory(project=project, stage="meeting", value=10 * MILIAR)
    LeadFactory(project=project, stage="inquiry", value=5 * MILIAR)
    body = officer_client.get("/api/investment/pipeline").json()
    meeting = next(row for row in body if row["stage"] == "meeting")
    assert (meeting["count"], meeting["value"], meeting["reached"], meeting["conversion"]) == (
        1,
        10 * MILIAR,
        1,
        "50.0",
    )


def test_leads_filter_by_project(officer_client, lead, jember):
    LeadFactory(region=jember)
    body = officer_client.get("/api/investment/leads", {"project_id": lead.project_id}).json()
    assert [item["id"] for item in body["items"]] == [lead.pk]


def test_gathering_lists_its_invitees(officer_client, jember, investor):
    gathering = GatheringFactory(region=jember)
    gathering.invitees.add(investor)
    assert officer_client.get(f"/api/investment/gatherings/{gathering.pk}").json()["invitees"] == [
        investor.pk
    ]


def test_investor_is_created(officer_client):
    response = officer_client.post(
        "/api/investment/investors",
        {"company": "PT Graha Niaga Timur", "origin_city": "Surabaya"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["origin_country"]) == (201, "Indonesia")


def test_viewer_reads_but_cannot_write(viewer_client, project):
    assert viewer_client.get("/api/investment/projects").status_code == 200
    response = viewer_client.post("/api/investment/projects", PROJECT, content_type="application/json")
    assert response.status_code == 403
