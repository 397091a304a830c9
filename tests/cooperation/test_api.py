"""The cooperation API: the same refusals and the same error shape as the pages."""

from datetime import timedelta

import pytest

from sahabat.cooperation.models import ActionItem, Agreement
from tests.cooperation.world import cooperation_world


@pytest.fixture
def api(client, jember_officer):
    client.force_login(jember_officer)
    return client


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_an_agreement_is_drafted_with_its_parties(api, today):
    response = post(
        api,
        "/api/cooperation/agreements",
        {
            "title": "Kesepakatan Bersama UMKM",
            "valid_from": today.isoformat(),
            "valid_until": (today + timedelta(days=365)).isoformat(),
            "parties": [{"region": "35.09"}, {"region": "15.03", "signatory_position": "Bupati Sarolangun"}],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["lifecycle"] == "draft"
    assert [party["region"]["code"] for party in body["parties"]] == ["35.09", "15.03"]


def test_a_province_as_party_answers_422_with_its_code(api):
    response = post(
        api,
        "/api/cooperation/agreements",
        {
            "title": "MoU",
            "parties": [{"region": "35.09"}, {"region": "35"}],
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "agreement.party_not_tenant"
    assert not Agreement.unscoped.exists()


def test_an_unknown_party_code_answers_422(api):
    response = post(
        api,
        "/api/cooperation/agreements",
        {"title": "MoU", "parties": [{"region": "35.09"}, {"region": "99.99"}]},
    )
    assert response.json()["errors"][0] == {
        "field": "parties[1].region",
        "code": "region.unknown",
        "message": "Tidak ada wilayah dengan kode 99.99.",
    }


def test_an_action_item_for_a_region_that_is_not_a_party_answers_422(api, mou, today):
    response = post(
        api,
        f"/api/cooperation/agreements/{mou.pk}/action-items",
        {
            "title": "Temu bisnis",
            "owner_region": "35.10",
            "due_date": today.isoformat(),
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "action.owner_not_party"


def test_the_agreement_detail_lists_its_plan_with_lateness(api, mou, today):
    post(
        api,
        f"/api/cooperation/agreements/{mou.pk}/action-items",
        {
            "title": "Kunjungan balasan",
            "owner_region": "35.09",
            "due_date": (today - timedelta(days=1)).isoformat(),
        },
    )
    items = api.get(f"/api/cooperation/agreements/{mou.pk}").json()["action_items"]
    assert [(item["title"], item["overdue"]) for item in items] == [("Kunjungan balasan", True)]


def test_the_responsible_region_reports_progress(api, mou, today):
    created = post(
        api,
        f"/api/cooperation/agreements/{mou.pk}/action-items",
        {
            "title": "Kunjungan balasan",
            "owner_region": "35.09",
            "due_date": today.isoformat(),
        },
    ).json()
    response = api.patch(
        f"/api/cooperation/action-items/{created['id']}", {"progress": 60}, content_type="application/json"
    )
    assert response.json()["progress"] == 60


def test_an_action_item_description_cannot_be_null(api, jember):
    item = cooperation_world(jember=jember).action_item
    response = api.patch(
        f"/api/cooperation/action-items/{item.pk}", {"description": None}, content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "description")
    assert ActionItem.unscoped.get(pk=item.pk).description == item.description


def test_the_partner_dashboard_answers_aggregates(api, mou):
    body = api.get("/api/cooperation/partners/15.03/dashboard").json()
    assert body["partner"]["code"] == "15.03"
    assert {item["key"] for item in body["comparisons"]} >= {
        "enterprises",
        "nib_per_thousand",
        "asn_spending_per_asn",
    }


def test_the_partner_dashboard_refuses_a_year_out_of_range(api, mou):
    response = api.get("/api/cooperation/partners/15.03/dashboard?year=-3911")
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "year")
