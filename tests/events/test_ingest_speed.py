"""What the faster ingestion path must keep: answers per item, rollups, token revocation, the API shape."""

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.services import api_token_create, api_token_revoke
from sahabat.events.models import BoothTotal, Sale, SalesHourly
from sahabat.events.services.ledger import sale_record_batch
from sahabat.events.simulation import time_ordered_uuid
from tests.events.conftest import WIB, sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw_token(jember, carnival):
    issued = api_token_create(actor=Actor.system(), region=jember, name="Kasir A-001")
    issued.token.event = carnival
    issued.token.save()
    return issued


def _post(client, event, raw_key, items):
    return client.post(
        f"/api/events/{event.pk}/sales",
        {"items": items},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw_key}"},
    )


def _item(**extra):
    return {
        "client_uuid": str(uuid.uuid4()),
        "booth": "A-001",
        "amount": 25000,
        "occurred_at": "2023-08-05T19:30:00+07:00",
        **extra,
    }


def test_partly_resent_batch_answers_each_item_and_rolls_up_only_the_new(carnival, booths, device):
    known = [sale(amount=10_000), sale(amount=20_000)]
    sale_record_batch(actor=device, event_id=carnival.pk, items=known)
    fresh = [sale(amount=5_000), sale(booth="A-002", amount=7_000)]
    results = sale_record_batch(
        actor=device, event_id=carnival.pk, items=[fresh[0], known[0], fresh[1], known[1]]
    )
    assert [(result.index, result.status) for result in results] == [
        (0, "created"),
        (1, "duplicate"),
        (2, "created"),
        (3, "duplicate"),
    ]
    totals = {row.booth.code: row.turnover for row in BoothTotal.objects.with_scopes_disabled().all()}
    assert totals == {"A-001": 35_000, "A-002": 7_000}


def test_batch_over_several_hours_rolls_up_per_booth_and_hour(carnival, booths, device):
    evening = datetime(2023, 8, 5, 19, 10, tzinfo=WIB)
    items = [
        sale(amount=1_000, at=evening),
        sale(amount=2_000, at=evening + timedelta(minutes=40)),
        sale(amount=4_000, at=evening + timedelta(minutes=55)),
        sale(booth="A-002", amount=8_000, at=evening),
    ]
    sale_record_batch(actor=device, event_id=carnival.pk, items=items)
    hourly = {
        (row.booth.code, row.hour): (row.sales_count, row.turnover)
        for row in SalesHourly.objects.with_scopes_disabled().all()
    }
    assert hourly == {
        ("A-001", datetime(2023, 8, 5, 12, tzinfo=UTC)): (2, 3_000),
        ("A-001", datetime(2023, 8, 5, 13, tzinfo=UTC)): (1, 4_000),
        ("A-002", datetime(2023, 8, 5, 12, tzinfo=UTC)): (1, 8_000),
    }


def test_later_batch_in_the_same_booth_hour_adds_to_its_rollup_row(carnival, booths, device):
    evening = datetime(2023, 8, 5, 19, 10, tzinfo=WIB)
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=1_000, at=evening)])
    later = [
        sale(amount=2_000, at=evening + timedelta(minutes=5)),
        sale(booth="A-002", amount=4_000, at=evening),
    ]
    sale_record_batch(actor=device, event_id=carnival.pk, items=later)
    hourly = sorted(
        (row.booth.code, row.sales_count, row.turnover)
        for row in SalesHourly.objects.with_scopes_disabled().all()
    )
    assert hourly == [("A-001", 2, 3_000), ("A-002", 1, 4_000)]


def test_sale_time_is_stored_to_the_microsecond(carnival, booths, device):
    moment = datetime(2023, 8, 5, 19, 10, 5, 123456, tzinfo=WIB)
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(at=moment)])
    assert Sale.objects.with_scopes_disabled().get().occurred_at == moment


def test_api_answer_keeps_its_shape(client, carnival, booths, raw_token):
    items = [_item(), _item(amount=0)]
    _post(client, carnival, raw_token.raw_key, items[:1])
    body = _post(client, carnival, raw_token.raw_key, items).json()
    assert body == {
        "created": 0,
        "duplicate": 1,
        "rejected": 1,
        "results": [
            {"index": 0, "client_uuid": items[0]["client_uuid"], "status": "duplicate", "errors": []},
            {
                "index": 1,
                "client_uuid": items[1]["client_uuid"],
                "status": "rejected",
                "errors": [
                    {
                        "field": "items[1].amount",
                        "code": "sale.amount_not_positive",
                        "message": "Nominal harus lebih dari 0.",
                    }
                ],
            },
        ],
    }


def test_malformed_json_is_a_400_in_the_error_shape(client, carnival, raw_token):
    response = client.post(
        f"/api/events/{carnival.pk}/sales",
        "{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw_token.raw_key}"},
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, None)


def test_missing_items_is_a_422_naming_the_field(client, carnival, raw_token):
    response = client.post(
        f"/api/events/{carnival.pk}/sales",
        {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw_token.raw_key}"},
    )
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "items")


def test_openapi_documents_the_sales_body_without_dangling_references(client):
    operation = client.get("/api/openapi.json").json()["paths"]["/api/events/{event_id}/sales"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    item = schema["properties"]["items"]["items"]
    assert "$ref" not in str(schema)
    assert {"client_uuid", "booth", "amount", "occurred_at", "payment_method"} <= item["properties"].keys()


def test_token_revoked_after_use_is_refused_at_once(client, carnival, booths, raw_token):
    assert _post(client, carnival, raw_token.raw_key, [_item()]).status_code == 200
    api_token_revoke(actor=Actor.system(), token_id=raw_token.token.pk)
    response = _post(client, carnival, raw_token.raw_key, [_item()])
    assert (response.status_code, response.json()["errors"][0]["code"]) == (401, "token.revoked")


def test_token_expiring_after_use_is_refused_at_once(client, carnival, booths, raw_token):
    assert _post(client, carnival, raw_token.raw_key, [_item()]).status_code == 200
    token = raw_token.token
    token.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    token.save(update_fields=["expires_at"])
    response = _post(client, carnival, raw_token.raw_key, [_item()])
    assert (response.status_code, response.json()["errors"][0]["code"]) == (401, "token.expired")


def test_time_ordered_uuids_sort_like_their_times():
    rng = random.Random(7)
    start = datetime(2023, 8, 5, 12, tzinfo=UTC)
    moments = [start + timedelta(milliseconds=step * 250) for step in range(200)]
    made = [time_ordered_uuid(moment, rng) for moment in moments]
    assert [value.hex for value in made] == sorted(value.hex for value in made)


def test_time_ordered_uuid_carries_version_7_and_the_rfc_variant():
    value = time_ordered_uuid(datetime(2023, 8, 5, 12, tzinfo=UTC), random.Random(1))
    assert (value.version, value.variant) == (7, uuid.RFC_4122)
    assert value.int >> 80 == int(datetime(2023, 8, 5, 12, tzinfo=UTC).timestamp() * 1000)
