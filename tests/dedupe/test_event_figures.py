"""The sales ledger is never rewritten by a merge; per-enterprise event figures follow `merged_into`."""

from datetime import datetime

from sahabat.accounts.actor import Actor
from sahabat.dedupe import services
from sahabat.events.models import Sale
from sahabat.events.selectors.progress import event_progress
from sahabat.events.services.ledger import sale_record_batch
from sahabat.registry.models import Enterprise
from tests.events.conftest import WIB, booths, carnival, device, sale  # noqa: F401 (fixtures)

NOON = datetime(2023, 8, 5, 12, 0, tzinfo=WIB)


def _merge_seller_into_a_duplicate(approved):
    seller = approved["A-001"].participations.get().enterprise
    duplicate = Enterprise.unscoped.create(region=seller.region, name="Suwar Suwir Bu Tutik", source="form")
    services.enterprise_merge(
        actor=Actor.system(), enterprise_ids=[seller.pk, duplicate.pk], golden_id=duplicate.pk
    )
    return seller, duplicate


def test_a_merge_leaves_the_ledger_untouched(officer, carnival, booths, device):  # noqa: F811
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=25_000)])
    seller, _duplicate = _merge_seller_into_a_duplicate(booths)
    assert list(Sale.unscoped.values_list("enterprise_id", flat=True)) == [seller.pk]


def test_top_enterprises_count_a_merged_seller_as_its_golden_record(officer, carnival, booths, device):  # noqa: F811
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=25_000)])
    _seller, duplicate = _merge_seller_into_a_duplicate(booths)
    top = event_progress(actor=officer, event_id=carnival.pk, now=NOON).top_enterprises
    assert [(entry.enterprise_id, entry.turnover) for entry in top] == [(duplicate.pk, 25_000)]
