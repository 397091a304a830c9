import pytest

from sahabat.accounts import services
from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role


@pytest.fixture
def issued(jember, jember_admin):
    return services.api_token_create(actor=Actor.for_user(jember_admin), region=jember, name="Kasir")


@pytest.mark.django_db
def test_api_refuses_a_call_without_credentials(client):
    response = client.get("/api/accounts/me")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "auth.required"


@pytest.mark.django_db
def test_token_sees_its_region_and_role(client, issued):
    response = client.get("/api/accounts/me", headers={"Authorization": f"Bearer {issued.raw_key}"})
    assert response.status_code == 200
    assert response.json() == {
        "kind": "token",
        "memberships": [
            {"region_code": "35.09", "region_name": "Kabupaten Jember", "role": Role.BOOTH_CASHIER}
        ],
    }


@pytest.mark.django_db
def test_revoked_token_gets_401_with_the_reason(client, jember_admin, issued):
    services.api_token_revoke(actor=Actor.for_user(jember_admin), token_id=issued.token.pk)
    response = client.get("/api/accounts/me", headers={"Authorization": f"Bearer {issued.raw_key}"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "token.revoked"


@pytest.mark.django_db
def test_unknown_token_gets_401(client):
    response = client.get("/api/accounts/me", headers={"Authorization": "Bearer sahabat_tidak-ada"})
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "token.invalid"


@pytest.mark.django_db
def test_logged_in_session_can_call_the_api(client, jember_admin):
    client.force_login(jember_admin)
    response = client.get("/api/accounts/me")
    assert response.json()["kind"] == "user"


@pytest.mark.django_db
def test_openapi_document_is_served(client):
    assert client.get("/api/openapi.json").json()["info"]["title"] == "Sahabat UMKM API"
