import uuid

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.services import api_token_create, api_token_revoke
from sahabat.events.models import Sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw_token(jember, carnival):
    issued = api_token_create(actor=Actor.system(), region=jember, name="Kasir A-001")
    issued.token.event = carnival
    issued.token.save()
    return issued


def _item(**extra):
    return {
        "client_uuid": str(uuid.uuid4()),
        "booth": "A-001",
        "amount": 25000,
        "occurred_at": "2023-08-05T19:30:00+07:00",
        "payment_method": "qris",
        **extra,
    }


def _post(client, event, token, items, path="sales"):
    return client.post(
        f"/api/events/{event.pk}/{path}",
        {"items": items},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_device_posts_a_batch_and_gets_a_result_per_item(client, carnival, booths, raw_token):
    response = _post(client, carnival, raw_token.raw_key, [_item(), _item(amount=0)])
    body = response.json()
    assert response.status_code == 200
    assert (body["created"], body["rejected"]) == (1, 1)
    assert body["results"][1]["errors"][0]["code"] == "sale.amount_not_positive"


def test_resending_the_same_batch_over_http_counts_once(client, carnival, booths, raw_token):
    items = [_item() for _ in range(5)]
    _post(client, carnival, raw_token.raw_key, items)
    body = _post(client, carnival, raw_token.raw_key, items).json()
    assert body["duplicate"] == 5
    assert Sale.objects.with_scopes_disabled().count() == 5


def test_malformed_item_gets_a_structured_422(client, carnival, booths, raw_token):
    response = _post(client, carnival, raw_token.raw_key, [_item(client_uuid="not-a-uuid")])
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"].startswith("items.0.client_uuid")
    assert Sale.objects.with_scopes_disabled().count() == 0


def test_malformed_json_is_refused(client, carnival, raw_token):
    response = client.post(
        f"/api/events/{carnival.pk}/sales",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw_token.raw_key}"},
    )
    assert response.status_code in (400, 422)
    assert "errors" in response.json()


def test_batch_over_the_limit_is_refused_whole(client, carnival, booths, raw_token):
    response = _post(client, carnival, raw_token.raw_key, [_item() for _ in range(1001)])
    assert response.status_code == 422
    assert Sale.objects.with_scopes_disabled().count() == 0


def test_revoked_device_gets_401(client, carnival, booths, raw_token):
    api_token_revoke(actor=Actor.system(), token_id=raw_token.token.pk)
    response = _post(client, carnival, raw_token.raw_key, [_item()])
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "token.revoked"


def test_token_of_another_region_gets_404(client, carnival, booths, sarolangun):
    issued = api_token_create(actor=Actor.system(), region=sarolangun, name="Kasir Sarolangun")
    response = _post(client, carnival, issued.raw_key, [_item()])
    assert response.status_code == 404
    assert Sale.objects.with_scopes_disabled().count() == 0


def test_gate_counter_posts_visitor_counts(client, carnival, booths, raw_token):
    item = {
        "client_uuid": str(uuid.uuid4()),
        "gate": "Gerbang Utara",
        "count": 350,
        "period_start": "2023-08-05T19:00:00+07:00",
        "period_end": "2023-08-05T19:15:00+07:00",
    }
    body = _post(client, carnival, raw_token.raw_key, [item], path="visitors").json()
    assert body["created"] == 1
