import uuid
from datetime import datetime

import pytest
from django.db.models import Sum

from sahabat.core.errors import DomainError, PermissionDenied
from sahabat.events.models import BoothTotal, EventHourly, GateHourly, Sale, SalesHourly
from sahabat.events.services.ledger import (
    MAX_BATCH,
    rollups_rebuild,
    sale_record_batch,
    visitor_count_record_batch,
)
from tests.events.conftest import WIB, sale, visitors

pytestmark = pytest.mark.django_db


def _turnover(event):
    return (
        Sale.objects.with_scopes_disabled().filter(event=event).aggregate(total=Sum("amount"))["total"] or 0
    )


def test_batch_records_each_sale(carnival, booths, device):
    results = sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale(amount=10_000), sale(amount=15_000)]
    )
    assert [result.status for result in results] == ["created", "created"]
    assert _turnover(carnival) == 25_000


def test_resent_batch_counts_once(carnival, booths, device):
    batch = [sale(amount=10_000) for _ in range(3)]
    sale_record_batch(actor=device, event_id=carnival.pk, items=batch)
    results = sale_record_batch(actor=device, event_id=carnival.pk, items=batch)
    assert [result.status for result in results] == ["duplicate"] * 3
    assert _turnover(carnival) == 30_000


def test_same_uuid_twice_in_one_batch_counts_once(carnival, booths, device):
    repeated = sale(amount=10_000)
    results = sale_record_batch(actor=device, event_id=carnival.pk, items=[repeated, repeated])
    assert [result.status for result in results] == ["created", "duplicate"]


def test_sale_of_the_enterprise_at_the_booth_is_recorded(carnival, booths, device):
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(booth="A-002")])
    stored = Sale.objects.with_scopes_disabled().get()
    assert stored.enterprise.name == "Lempok Durian Sarolangun"


@pytest.mark.parametrize(
    ("item", "code"),
    [
        (sale(amount=0), "sale.amount_not_positive"),
        (sale(amount=-5_000), "sale.amount_not_positive"),
        (sale(booth="A-003"), "sale.booth_not_approved"),
        (sale(booth="Z-999"), "sale.booth_not_approved"),
        (sale(at=datetime(2023, 7, 27, 23, 59, tzinfo=WIB)), "sale.outside_window"),
        (sale(at=datetime(2023, 8, 14, 0, 0, tzinfo=WIB)), "sale.outside_window"),
        (sale(payment_method="bitcoin"), "sale.payment_method"),
        (sale(amount=5_000_000_000), "sale.amount_too_large"),
    ],
)
def test_invalid_sale_is_rejected_with_its_reason(carnival, booths, device, item, code):
    [result] = sale_record_batch(actor=device, event_id=carnival.pk, items=[item])
    assert (result.status, result.errors[0]["code"]) == ("rejected", code)
    assert _turnover(carnival) == 0


def test_window_edges_are_in_local_time(carnival, booths, device):
    first = sale(at=datetime(2023, 7, 28, 0, 0, tzinfo=WIB))
    last = sale(at=datetime(2023, 8, 13, 23, 59, tzinfo=WIB))
    results = sale_record_batch(actor=device, event_id=carnival.pk, items=[first, last])
    assert [result.status for result in results] == ["created", "created"]


def test_one_bad_item_does_not_stop_the_others(carnival, booths, device):
    results = sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale(amount=0), sale(amount=7_000)]
    )
    assert [result.status for result in results] == ["rejected", "created"]
    assert results[0].errors[0]["field"] == "items[0].amount"


def test_reversal_cancels_the_original(carnival, booths, device):
    original = sale(amount=40_000)
    sale_record_batch(actor=device, event_id=carnival.pk, items=[original])
    reversal = sale(amount=-40_000, reversal_of=original.client_uuid)
    [result] = sale_record_batch(actor=device, event_id=carnival.pk, items=[reversal])
    assert result.status == "created"
    assert _turnover(carnival) == 0
    assert (
        Sale.objects.with_scopes_disabled().get(client_uuid=reversal.client_uuid).reversal_of.client_uuid
        == original.client_uuid
    )


def test_sale_and_its_reversal_in_one_offline_batch(carnival, booths, device):
    original = sale(amount=40_000)
    reversal = sale(amount=-40_000, reversal_of=original.client_uuid)
    results = sale_record_batch(actor=device, event_id=carnival.pk, items=[reversal, original])
    assert [result.status for result in results] == ["created", "created"]
    assert _turnover(carnival) == 0


def test_resent_reversal_is_a_duplicate(carnival, booths, device):
    original = sale(amount=40_000)
    reversal = sale(amount=-40_000, reversal_of=original.client_uuid)
    sale_record_batch(actor=device, event_id=carnival.pk, items=[original, reversal])
    results = sale_record_batch(actor=device, event_id=carnival.pk, items=[original, reversal])
    assert [result.status for result in results] == ["duplicate", "duplicate"]
    assert _turnover(carnival) == 0


def test_a_sale_is_reversed_only_once(carnival, booths, device):
    original = sale(amount=40_000)
    sale_record_batch(actor=device, event_id=carnival.pk, items=[original])
    sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale(amount=-40_000, reversal_of=original.client_uuid)]
    )
    [result] = sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale(amount=-40_000, reversal_of=original.client_uuid)]
    )
    assert result.errors[0]["code"] == "sale.already_reversed"


def test_reversal_must_cancel_the_exact_amount(carnival, booths, device):
    original = sale(amount=40_000)
    sale_record_batch(actor=device, event_id=carnival.pk, items=[original])
    [result] = sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale(amount=-10_000, reversal_of=original.client_uuid)]
    )
    assert result.errors[0]["code"] == "sale.reversal_amount"


def test_reversal_of_an_unknown_sale_is_rejected(carnival, booths, device):
    [result] = sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale(amount=-1, reversal_of=uuid.uuid4())]
    )
    assert result.errors[0]["code"] == "sale.reversal_unknown"


def test_ledger_rows_cannot_be_changed_or_deleted(carnival, booths, device):
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale()])
    stored = Sale.objects.with_scopes_disabled().get()
    stored.amount = 1
    with pytest.raises(TypeError):
        stored.save()
    with pytest.raises(TypeError):
        stored.delete()
    with pytest.raises(TypeError):
        Sale.objects.with_scopes_disabled().all().update(amount=1)


def test_oversized_batch_is_refused_whole(carnival, booths, device):
    with pytest.raises(DomainError) as error:
        sale_record_batch(actor=device, event_id=carnival.pk, items=[sale() for _ in range(MAX_BATCH + 1)])
    assert error.value.errors[0].code == "batch.too_large"
    assert _turnover(carnival) == 0


def test_token_of_another_event_is_refused(carnival, booths, device, officer, jember):
    from sahabat.events.services.setup import event_create

    other = event_create(
        actor=officer,
        region=jember,
        name="Jember Coffee Festival",
        main_start=carnival.main_start,
        main_end=carnival.main_end,
        window_start=carnival.window_start,
        window_end=carnival.window_end,
        status="published",
    )
    with pytest.raises(PermissionDenied) as error:
        sale_record_batch(actor=device, event_id=other.pk, items=[sale()])
    assert error.value.errors[0].code == "token.other_event"


def test_viewer_cannot_record_sales(carnival, booths, jember, member_of):
    from sahabat.accounts.actor import Actor
    from sahabat.accounts.permissions import Role

    viewer = Actor.for_user(member_of(jember, "viewer"))
    assert Role.VIEWER == "viewer"
    with pytest.raises(PermissionDenied):
        sale_record_batch(actor=viewer, event_id=carnival.pk, items=[sale()])


def test_rollups_follow_the_ledger(carnival, booths, device):
    original = sale(amount=40_000, payment_method="qris")
    sale_record_batch(
        actor=device, event_id=carnival.pk, items=[original, sale(booth="A-002", amount=10_000)]
    )
    sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[sale(amount=-40_000, reversal_of=original.client_uuid, payment_method="qris")],
    )
    hourly = SalesHourly.objects.with_scopes_disabled().filter(event=carnival)
    assert sum(row.turnover for row in hourly) == 10_000
    assert sum(row.sales_count for row in hourly) == 1
    assert (
        sum(row.turnover for row in EventHourly.objects.with_scopes_disabled().filter(event=carnival))
        == 10_000
    )
    assert {
        row.booth.code: row.turnover
        for row in BoothTotal.objects.with_scopes_disabled().filter(event=carnival)
    } == {
        "A-001": 0,
        "A-002": 10_000,
    }
    assert rollups_rebuild(event=carnival) == []


def test_rebuild_reports_and_repairs_a_drifted_rollup(carnival, booths, device):
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=10_000)])
    SalesHourly.objects.with_scopes_disabled().filter(event=carnival).update(turnover=999)
    differences = rollups_rebuild(event=carnival)
    assert [(d.table, d.stored, d.expected) for d in differences] == [("sales_hourly", (1, 999), (1, 10_000))]
    assert rollups_rebuild(event=carnival) == []


def test_visitor_counts_roll_up_per_gate_and_hour(carnival, booths, device):
    batch = [visitors(count=120), visitors(count=80), visitors(count=50, gate="Gerbang Selatan")]
    results = visitor_count_record_batch(actor=device, event_id=carnival.pk, items=batch)
    assert [result.status for result in results] == ["created"] * 3
    visitor_count_record_batch(actor=device, event_id=carnival.pk, items=batch)
    per_gate = {
        row.gate: row.visitors for row in GateHourly.objects.with_scopes_disabled().filter(event=carnival)
    }
    assert per_gate == {"Gerbang Utara": 200, "Gerbang Selatan": 50}


def test_visitor_count_with_negative_count_is_rejected(carnival, booths, device):
    [result] = visitor_count_record_batch(actor=device, event_id=carnival.pk, items=[visitors(count=-1)])
    assert result.errors[0]["code"] == "visitors.count_negative"
