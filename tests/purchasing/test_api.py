"""The purchasing API: purchases (list, record) and the commitment figures, with structured errors."""

from datetime import date

import pytest

from sahabat.accounts.permissions import Role
from sahabat.purchasing.models import Purchase
from sahabat.purchasing.services import budget_set, package_save, purchase_record
from sahabat.registry.services import licence_add
from tests.purchasing.conftest import NIP

pytestmark = pytest.mark.django_db

PURCHASES = "/api/purchasing/purchases"


@pytest.fixture
def api(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def nib(warung, system):
    licence_add(actor=system, enterprise_id=warung.pk, type="nib", number="9120001234567")
    return "9120001234567"


def _payload(**extra):
    return {"agency": "2.17.01", "purchased_on": "2023-08-05", "buyer_nip": NIP, "amount": 150_000, **extra}


def test_a_focal_point_records_a_purchase_by_nib(api, focal_point_user, dinas_koperasi, nib):
    response = api(focal_point_user).post(
        PURCHASES, _payload(enterprise_nib=nib), content_type="application/json"
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["buyer_nip_masked"], body["agency"]["code"], body["source"]) == (
        "1985••••••••••2001",
        "2.17.01",
        "api",
    )
    assert NIP not in response.content.decode()


def test_a_bad_nip_answers_422_with_the_field_and_code(api, focal_point_user, dinas_koperasi, warung):
    response = api(focal_point_user).post(
        PURCHASES,
        _payload(enterprise_id=warung.pk, buyer_nip="198513122010012001"),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0] | {"message": ""} == {
        "field": "buyer_nip",
        "code": "nip.bad_birth_date",
        "message": "",
    }


def test_an_unknown_agency_code_is_named(api, focal_point_user, dinas_koperasi, warung):
    response = api(focal_point_user).post(
        PURCHASES, _payload(agency="9.99", enterprise_id=warung.pk), content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "agency")


def test_an_enterprise_must_be_named(api, focal_point_user, dinas_koperasi):
    response = api(focal_point_user).post(PURCHASES, _payload(), content_type="application/json")
    assert response.json()["errors"][0]["code"] == "purchase.enterprise_required"


def test_a_focal_point_cannot_record_for_another_agency(api, focal_point_user, bappeda, warung):
    response = api(focal_point_user).post(
        PURCHASES, _payload(agency="5.01.01", enterprise_id=warung.pk), content_type="application/json"
    )
    assert (response.status_code, response.json()["errors"][0]["code"]) == (403, "agency.not_yours")


def test_purchases_are_listed_with_filters(api, jember, member_of, dinas_koperasi, bappeda, warung, system):
    for agency, channel in [(dinas_koperasi, "shop"), (bappeda, "online")]:
        purchase_record(
            actor=system,
            agency_id=agency.pk,
            enterprise_id=warung.pk,
            purchased_on=date(2023, 8, 5),
            buyer_nip=NIP,
            amount=100_000,
            channel=channel,
        )
    client = api(member_of(jember, Role.VIEWER))
    everything = client.get(PURCHASES).json()
    online = client.get(PURCHASES, {"channel": "online"}).json()
    by_agency = client.get(
        PURCHASES, {"agency": "2.17.01", "since": "2023-08-01", "until": "2023-08-31"}
    ).json()
    assert (everything["count"], online["count"], by_agency["count"]) == (2, 1, 1)
    assert by_agency["items"][0]["agency"]["code"] == "2.17.01"


def test_the_region_commitment_has_the_shares_and_both_spending_lines(
    api, jember_admin, dinas_koperasi, bappeda, warung, system
):
    budget_set(actor=system, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=1000)
    package_save(
        actor=system,
        agency_id=dinas_koperasi.pk,
        year=2023,
        rup_code="R1",
        name="x",
        value=450,
        realised=300,
        reserved_for_small=True,
    )
    purchase_record(
        actor=system,
        agency_id=bappeda.pk,
        enterprise_id=warung.pk,
        purchased_on=date(2023, 8, 5),
        buyer_nip=NIP,
        amount=80_000,
    )
    body = api(jember_admin).get("/api/purchasing/commitment", {"year": 2023}).json()
    assert (
        body["region"],
        body["floor"],
        body["total"]["planned_share"],
        body["total"]["realised_share"],
    ) == (
        "35.09",
        40.0,
        45.0,
        30.0,
    )
    assert body["asn_purchases"] == {"recorded": 80_000, "at_events": 0, "total": 80_000, "purchase_count": 1}
    assert [
        (a["rank"], a["agency"]["code"], a["commitment"]["realised_share"]) for a in body["agencies"]
    ] == [
        (1, "2.17.01", 30.0),
        (None, "5.01.01", None),
    ]


def test_an_agency_year_without_budget_has_null_shares(api, jember_admin, dinas_koperasi):
    body = (
        api(jember_admin)
        .get(f"/api/purchasing/agencies/{dinas_koperasi.pk}/commitment", {"year": 2022})
        .json()
    )
    assert (body["commitment"]["budget"], body["commitment"]["planned_share"]) == (None, None)
    assert len(body["monthly"]) == 12


def test_another_regions_agency_figures_are_not_found(api, sarolangun, member_of, dinas_koperasi):
    response = api(member_of(sarolangun, Role.REGION_ADMIN)).get(
        f"/api/purchasing/agencies/{dinas_koperasi.pk}/commitment"
    )
    assert (response.status_code, response.json()["errors"][0]["code"]) == (404, "not_found")


def test_an_owner_records_its_own_sale_through_the_api(api, warung_owner, dinas_koperasi, warung):
    response = api(warung_owner).post(
        PURCHASES, _payload(region="35.09", enterprise_id=warung.pk), content_type="application/json"
    )
    assert response.status_code == 201
    assert Purchase.objects.with_scopes_disabled().get().source == Purchase.Source.OWNER
