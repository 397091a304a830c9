import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.registry.models import Enterprise, Product
from sahabat.registry.services import owner_link_user
from tests.registry.factories import (
    KALIWATES,
    MANGLI_VILLAGE,
    SAROLANGUN_DISTRICT,
    SUMBERSARI,
    SUMBERSARI_VILLAGE,
    EnterpriseFactory,
    LicenceFactory,
    OwnerFactory,
    ProductFactory,
    nik_for,
    region,
)

pytestmark = pytest.mark.django_db

ENTERPRISES = "/api/registry/enterprises"
NIB = "9120001234567"


@pytest.fixture
def officer(jember, member_of):
    return member_of(jember, Role.OFFICER)


@pytest.fixture
def api(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def kopi():
    return EnterpriseFactory(
        name="Kopi Tani Makmur",
        owner=OwnerFactory(name="Siti Aminah", phone="0812-3456-7890", email="siti@example.id"),
    )


@pytest.fixture
def lempok(sarolangun):
    return EnterpriseFactory(
        name="Lempok Durian",
        region=sarolangun,
        district=region(SAROLANGUN_DISTRICT),
        village=None,
        owner=OwnerFactory(region=sarolangun, nik=nik_for(1, regency="15.03")),
    )


def _post(client, path, data, **headers):
    return client.post(path, data, content_type="application/json", headers=headers)


def _patch(client, path, data):
    return client.patch(path, data, content_type="application/json")


def _error(response) -> dict:
    return response.json()["errors"][0]


# Listing


def test_list_returns_the_regions_enterprises_with_a_count(api, kopi, lempok):
    body = api.get(ENTERPRISES).json()
    assert (body["count"], [item["name"] for item in body["items"]]) == (1, ["Kopi Tani Makmur"])


def test_list_is_paginated(api):
    EnterpriseFactory.create_batch(3)
    body = api.get(ENTERPRISES, {"page": 2, "page_size": 2}).json()
    assert (body["count"], len(body["items"])) == (3, 1)


def test_list_pages_hold_at_most_one_hundred(api, jember):
    owner = OwnerFactory()
    Enterprise.objects.bulk_create(
        Enterprise(region=jember, owner=owner, name=f"Warung {n}") for n in range(101)
    )
    assert len(api.get(ENTERPRISES, {"page_size": 500}).json()["items"]) == 100


def test_list_filters_by_district_code(api, kopi):
    EnterpriseFactory(name="Tape Bu Yuli", district=region(KALIWATES), village=region(MANGLI_VILLAGE))
    body = api.get(ENTERPRISES, {"district": KALIWATES}).json()
    assert [item["name"] for item in body["items"]] == ["Tape Bu Yuli"]


def test_list_filters_by_village_code(api, kopi):
    EnterpriseFactory(name="Tape Bu Yuli", district=region(KALIWATES), village=region(MANGLI_VILLAGE))
    body = api.get(ENTERPRISES, {"village": SUMBERSARI_VILLAGE}).json()
    assert [item["name"] for item in body["items"]] == ["Kopi Tani Makmur"]


def test_list_searches_and_filters_by_licence(api, kopi):
    LicenceFactory(enterprise=kopi, number=NIB)
    EnterpriseFactory(name="Kopi Bu Yuli")
    body = api.get(ENTERPRISES, {"search": "kopi", "licence": "nib"}).json()
    assert [item["name"] for item in body["items"]] == ["Kopi Tani Makmur"]


def test_list_orders_by_name_descending(api, kopi):
    EnterpriseFactory(name="Tape Bu Yuli")
    body = api.get(ENTERPRISES, {"ordering": "-name"}).json()
    assert [item["name"] for item in body["items"]] == ["Tape Bu Yuli", "Kopi Tani Makmur"]


def test_list_refuses_an_unknown_ordering(api):
    response = api.get(ENTERPRISES, {"ordering": "owner_nik"})
    assert (response.status_code, _error(response)["field"]) == (422, "ordering")


def test_list_refuses_a_district_of_another_regency(api):
    response = api.get(ENTERPRISES, {"district": SAROLANGUN_DISTRICT})
    assert (response.status_code, _error(response)["field"]) == (422, "district")


def test_list_shows_the_nib(api, kopi):
    LicenceFactory(enterprise=kopi, number=NIB)
    assert api.get(ENTERPRISES).json()["items"][0]["nib"] == NIB


def test_list_shows_the_owners_name_and_masked_nik_only(api, kopi):
    owner = api.get(ENTERPRISES).json()["items"][0]["owner"]
    assert owner == {"id": kopi.owner_id, "name": "Siti Aminah", "nik_masked": kopi.owner.nik_masked}


def test_no_response_carries_the_nik_phone_email_or_home_address(api, kopi):
    ProductFactory(enterprise=kopi)
    text = api.get(ENTERPRISES).content.decode() + api.get(f"{ENTERPRISES}/{kopi.pk}").content.decode()
    for secret in (kopi.owner.nik, "81234567890", "siti@example.id", kopi.owner.address):
        assert secret not in text


def test_list_uses_the_callers_only_region(client, sarolangun, member_of, kopi, lempok):
    client.force_login(member_of(sarolangun, Role.VIEWER))
    assert [item["name"] for item in client.get(ENTERPRISES).json()["items"]] == ["Lempok Durian"]


def test_list_asks_for_a_region_when_the_caller_has_several(client, jember, sarolangun, member_of):
    user = member_of(jember, Role.VIEWER)
    member_of(sarolangun, Role.VIEWER).memberships.update(user=user)
    client.force_login(user)
    response = client.get(ENTERPRISES)
    assert (response.status_code, _error(response)["code"], _error(response)["field"]) == (
        400,
        "region.required",
        "region",
    )


def test_list_of_the_chosen_region_when_the_caller_has_several(client, jember, sarolangun, member_of, lempok):
    user = member_of(jember, Role.VIEWER)
    member_of(sarolangun, Role.VIEWER).memberships.update(user=user)
    client.force_login(user)
    body = client.get(ENTERPRISES, {"region": "15.03"}).json()
    assert [item["name"] for item in body["items"]] == ["Lempok Durian"]


def test_list_of_another_region_is_forbidden(api, lempok):
    assert api.get(ENTERPRISES, {"region": "15.03"}).status_code == 403


def test_list_of_an_unknown_region_is_404(api):
    assert api.get(ENTERPRISES, {"region": "99.99"}).status_code == 404


def test_list_needs_credentials(client, kopi):
    response = client.get(ENTERPRISES)
    assert (response.status_code, _error(response)["code"]) == (401, "auth.required")


def test_a_device_token_lists_its_region(client, jember, jember_admin, kopi):
    issued = api_token_create(
        actor=Actor.for_user(jember_admin), region=jember, name="Tablet", role=Role.VIEWER
    )
    response = client.get(ENTERPRISES, headers={"Authorization": f"Bearer {issued.raw_key}"})
    assert response.json()["count"] == 1


# Detail


def test_detail_has_licences_and_active_products_only(api, kopi):
    LicenceFactory(enterprise=kopi, number=NIB)
    ProductFactory(enterprise=kopi, name="Kopi bubuk 250 g")
    ProductFactory(enterprise=kopi, name="Kopi lama", is_active=False)
    body = api.get(f"{ENTERPRISES}/{kopi.pk}").json()
    assert [(licence["type"], licence["number"]) for licence in body["licences"]] == [("nib", NIB)]
    assert [product["name"] for product in body["products"]] == ["Kopi bubuk 250 g"]


def test_detail_shows_the_places_by_code(api, kopi):
    body = api.get(f"{ENTERPRISES}/{kopi.pk}").json()
    assert (body["region"], body["district"]["code"], body["village"]["code"]) == (
        "35.09",
        SUMBERSARI,
        SUMBERSARI_VILLAGE,
    )


def test_detail_of_another_region_is_404(api, lempok):
    response = api.get(f"{ENTERPRISES}/{lempok.pk}")
    assert (response.status_code, _error(response)["code"]) == (404, "not_found")


# Create

NEW_ENTERPRISE = {
    "name": "Prol Tape Bu Yuli",
    "district": SUMBERSARI,
    "village": SUMBERSARI_VILLAGE,
    "sector": "food",
    "capital": 2_000_000_000,
    "annual_turnover": 3_000_000_000,
    "owner": {"name": "Yuli Astuti", "nik": nik_for(21, woman=True), "phone": "0812 3456 7890"},
    "nib": NIB,
}


def test_create_answers_201_with_the_enterprise(api):
    response = _post(api, ENTERPRISES, NEW_ENTERPRISE)
    assert response.status_code == 201
    assert (response.json()["computed_scale"], response.json()["source"]) == ("small", "api")


def test_create_records_the_owner_with_a_masked_nik(api):
    owner = _post(api, ENTERPRISES, NEW_ENTERPRISE).json()["owner"]
    assert owner["nik_masked"].startswith("3509") and "•" in owner["nik_masked"]


def test_create_with_a_known_nib_answers_409_with_the_enterprise_it_belongs_to(api, kopi):
    LicenceFactory(enterprise=kopi, number=NIB)
    response = _post(api, ENTERPRISES, NEW_ENTERPRISE)
    assert (response.status_code, _error(response)["meta"]) == (409, {"enterprise_id": kopi.pk})


def test_create_with_an_impossible_nik_answers_422_on_the_nik(api):
    response = _post(
        api, ENTERPRISES, {**NEW_ENTERPRISE, "owner": {"name": "Yuli", "nik": "3509014001900012"}}
    )
    assert (response.status_code, _error(response)["field"], _error(response)["code"]) == (
        422,
        "nik",
        "nik.bad_date",
    )


def test_create_without_a_name_answers_422_in_the_shared_shape(api):
    response = _post(api, ENTERPRISES, {"sector": "food"})
    assert response.status_code == 422
    assert set(_error(response)) == {"field", "code", "message"} and _error(response)["field"] == "name"


def test_create_with_a_village_outside_the_district_answers_422(api):
    response = _post(api, ENTERPRISES, {**NEW_ENTERPRISE, "village": MANGLI_VILLAGE, "nib": ""})
    assert (response.status_code, _error(response)["field"]) == (422, "village")


def test_a_viewer_cannot_create(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    assert _post(client, ENTERPRISES, NEW_ENTERPRISE).status_code == 403


def test_a_resent_idempotency_key_returns_the_first_enterprise(api, jember):
    first = _post(api, ENTERPRISES, NEW_ENTERPRISE, **{"Idempotency-Key": "tablet-7:0001"})
    again = _post(api, ENTERPRISES, NEW_ENTERPRISE, **{"Idempotency-Key": "tablet-7:0001"})
    assert (first.status_code, again.status_code, again.json()["id"]) == (201, 200, first.json()["id"])
    assert Enterprise.objects.with_scope(region=jember).count() == 1


def test_a_new_idempotency_key_creates_again(api, jember):
    _post(api, ENTERPRISES, {**NEW_ENTERPRISE, "nib": ""}, **{"Idempotency-Key": "a"})
    _post(api, ENTERPRISES, {**NEW_ENTERPRISE, "nib": ""}, **{"Idempotency-Key": "b"})
    assert Enterprise.objects.with_scope(region=jember).count() == 2


# Update


def test_patch_changes_only_the_fields_sent(api, kopi):
    body = _patch(api, f"{ENTERPRISES}/{kopi.pk}", {"brand": "Kopi Panti"}).json()
    assert (body["brand"], body["name"], body["capital"]) == ("Kopi Panti", "Kopi Tani Makmur", kopi.capital)


def test_patch_recomputes_the_scale(api, kopi):
    body = _patch(
        api, f"{ENTERPRISES}/{kopi.pk}", {"capital": 6_000_000_000, "annual_turnover": 20_000_000_000}
    )
    assert body.json()["computed_scale"] == "medium"


def test_patch_moves_the_enterprise_by_codes(api, kopi):
    body = _patch(api, f"{ENTERPRISES}/{kopi.pk}", {"district": KALIWATES, "village": MANGLI_VILLAGE}).json()
    assert (body["district"]["name"], body["village"]["name"]) == ("Kaliwates", "Mangli")


def test_patch_by_a_viewer_is_forbidden(client, jember, member_of, kopi):
    client.force_login(member_of(jember, Role.VIEWER))
    assert _patch(client, f"{ENTERPRISES}/{kopi.pk}", {"brand": "Kopi"}).status_code == 403


def test_patch_of_another_region_is_404(api, lempok):
    assert _patch(api, f"{ENTERPRISES}/{lempok.pk}", {"brand": "Lempok"}).status_code == 404


def test_patch_refuses_null_for_a_field_that_cannot_be_empty(api, kopi):
    response = _patch(api, f"{ENTERPRISES}/{kopi.pk}", {"brand": None, "capital": 1_000_000})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "brand")
    assert Enterprise.unscoped.get(pk=kopi.pk).capital == kopi.capital


def test_patch_null_clears_a_field_that_may_be_empty(api, kopi):
    assert _patch(api, f"{ENTERPRISES}/{kopi.pk}", {"capital": None}).json()["capital"] is None


def test_an_umkm_owner_patches_its_own_enterprise(client, jember, jember_admin, member_of, kopi):
    user = member_of(jember, Role.UMKM_OWNER)
    owner_link_user(actor=Actor.for_user(jember_admin), owner_id=kopi.owner_id, user=user)
    client.force_login(user)
    assert _patch(client, f"{ENTERPRISES}/{kopi.pk}", {"brand": "Kopi Panti"}).json()["brand"] == "Kopi Panti"


# Products


def test_products_of_an_enterprise_include_inactive_ones(api, kopi):
    ProductFactory(enterprise=kopi, name="Kopi bubuk 250 g")
    ProductFactory(enterprise=kopi, name="Kopi lama", is_active=False)
    names = [product["name"] for product in api.get(f"{ENTERPRISES}/{kopi.pk}/products").json()]
    assert names == ["Kopi bubuk 250 g", "Kopi lama"]


def test_a_product_is_added(api, kopi):
    response = _post(api, f"{ENTERPRISES}/{kopi.pk}/products", {"name": "Kopi lanang 200 g", "price": 55_000})
    assert (response.status_code, response.json()["enterprise_id"]) == (201, kopi.pk)


def test_a_product_with_a_negative_price_is_refused(api, kopi):
    response = _post(api, f"{ENTERPRISES}/{kopi.pk}/products", {"name": "Kopi", "price": -5})
    assert (response.status_code, _error(response)["field"]) == (422, "price")


def test_a_product_is_changed(api, kopi):
    product = ProductFactory(enterprise=kopi)
    body = _patch(api, f"/api/registry/products/{product.pk}", {"price": 40_000}).json()
    assert (body["price"], body["name"]) == (40_000, product.name)


def test_a_product_description_cannot_be_null(api, kopi):
    product = ProductFactory(enterprise=kopi)
    response = _patch(api, f"/api/registry/products/{product.pk}", {"description": None})
    assert (response.status_code, _error(response)["field"]) == (422, "description")


def test_a_product_is_deleted(api, kopi):
    product = ProductFactory(enterprise=kopi)
    assert api.delete(f"/api/registry/products/{product.pk}").status_code == 204
    assert not Product.objects.with_scope(region=kopi.region).exists()


def test_a_product_of_another_region_is_404(api, lempok):
    product = ProductFactory(enterprise=lempok)
    assert api.delete(f"/api/registry/products/{product.pk}").status_code == 404
