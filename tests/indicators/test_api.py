from datetime import date
from decimal import Decimal

import pytest

from tests.indicators.factories import IndicatorFactory, RealisationFactory
from tests.purchasing.world import purchasing_world

pytestmark = pytest.mark.django_db


def test_list_carries_the_current_status(officer_client, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 12, 31), value=Decimal(1200))
    item = officer_client.get("/api/indicators").json()["items"][0]
    assert (item["name"], item["current"]["status"], item["current"]["value"]) == (
        "Jalan rusak yang diperbaiki",
        "on_track",
        "1200.00",
    )


def test_indicator_without_a_target_has_no_current(officer_client, jember):
    IndicatorFactory(region=jember)
    assert officer_client.get("/api/indicators").json()["items"][0]["current"] is None


def test_detail_lists_each_target_and_the_realisations(officer_client, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 5, 31), value=Decimal(95))
    body = officer_client.get(f"/api/indicators/{road.pk}").json()
    assert (len(body["targets"]), [r["value"] for r in body["realisations"]]) == (1, ["95.00"])


def test_create_a_computed_indicator(officer_client):
    response = officer_client.post(
        "/api/indicators",
        {"name": "Cakupan NIB", "kind": "computed", "computation": "nib_coverage"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["unit"]) == (201, "%")


def test_unknown_computation_is_refused_with_its_field(officer_client):
    response = officer_client.post(
        "/api/indicators",
        {"name": "Curah hujan", "kind": "computed", "computation": "rainfall"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "computation")


def test_patch_changes_the_source(officer_client, road):
    body = officer_client.patch(
        f"/api/indicators/{road.pk}", {"source": "Dinas PU"}, content_type="application/json"
    ).json()
    assert body["source"] == "Dinas PU"


def test_patch_refuses_a_null_unit(officer_client, road):
    response = officer_client.patch(
        f"/api/indicators/{road.pk}", {"unit": None}, content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "unit")


def test_patch_null_leaves_the_indicator_without_an_owner_agency(officer_client, road, jember):
    road.owner_agency = purchasing_world(jember=jember).agency
    road.save()
    body = officer_client.patch(
        f"/api/indicators/{road.pk}", {"owner_agency_id": None}, content_type="application/json"
    ).json()
    assert body["owner_agency_id"] is None


def test_target_is_set(officer_client, jember):
    indicator = IndicatorFactory(region=jember)
    response = officer_client.post(
        f"/api/indicators/{indicator.pk}/targets",
        {"period_start": "2021-05-01", "period_end": "2021-12-31", "target": "1200"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["target"]) == (201, "1200.00")


def test_realisation_is_recorded(officer_client, road):
    response = officer_client.post(
        f"/api/indicators/{road.pk}/realisations",
        {"measured_on": "2021-05-31", "value": "95"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()["value"]) == (201, "95.00")


def test_computations_are_listed(officer_client):
    keys = [item["key"] for item in officer_client.get("/api/indicators/computations").json()]
    assert {"umkm_count", "nib_coverage", "asn_purchases", "umk_procurement_planned"} <= set(keys)


def test_viewer_cannot_record(viewer_client, road):
    response = viewer_client.post(
        f"/api/indicators/{road.pk}/realisations",
        {"measured_on": "2021-05-31", "value": "95"},
        content_type="application/json",
    )
    assert response.status_code == 403
