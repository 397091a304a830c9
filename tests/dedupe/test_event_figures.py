"""A merge never rewrites the sales ledger; every read of sales per enterprise follows the golden record."""

from collections import Counter
from datetime import date, datetime

import pytest

from sahabat.accounts.actor import Actor
from sahabat.cooperation.indicators import event_results
from sahabat.dedupe import services
from sahabat.events.models import BoothTotal, BuyerType, Participation, Sale
from sahabat.events.selectors.progress import event_progress
from sahabat.events.selectors.public import event_days_public
from sahabat.events.services.ledger import sale_record_batch
from sahabat.events.services.setup import participation_decide
from sahabat.purchasing.services import _counted_at_an_event
from sahabat.registry.models import Enterprise
from tests.events.conftest import WIB, booths, carnival, device, sale  # noqa: F401 (fixtures)

NOON = datetime(2023, 8, 6, 12, 0, tzinfo=WIB)


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


def test_a_merge_leaves_the_rollups_keyed_by_the_seller(officer, carnival, booths, device):  # noqa: F811
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=25_000)])
    seller, _duplicate = _merge_seller_into_a_duplicate(booths)
    assert list(BoothTotal.unscoped.values_list("enterprise_id", flat=True)) == [seller.pk]


def test_top_enterprises_count_a_merged_seller_as_its_golden_record(officer, carnival, booths, device):  # noqa: F811
    sale_record_batch(actor=device, event_id=carnival.pk, items=[sale(amount=25_000)])
    _seller, duplicate = _merge_seller_into_a_duplicate(booths)
    top = event_progress(actor=officer, event_id=carnival.pk, now=NOON).top_enterprises
    assert [(entry.enterprise_id, entry.turnover) for entry in top] == [(duplicate.pk, 25_000)]


@pytest.fixture
def twin_sellers(officer, carnival, booths, device):  # noqa: F811
    """The same Jember maker at two booths under two records (A-001 Rp25.000, A-003 Rp30.000), then merged
    into the A-001 record; the Sarolangun guest sold Rp40.000 at A-002."""
    invited = booths["A-003"].participations.get()
    participation_decide(actor=officer, participation_id=invited.pk, status=Participation.Status.APPROVED)
    sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[sale("A-001", 25_000), sale("A-002", 40_000), sale("A-003", 30_000)],
    )
    golden = booths["A-001"].participations.get().enterprise
    source = invited.enterprise
    services.enterprise_merge(
        actor=Actor.system(), enterprise_ids=[golden.pk, source.pk], golden_id=golden.pk
    )
    return golden, source


def test_the_golden_record_takes_the_sales_of_its_sources(officer, carnival, twin_sellers):  # noqa: F811
    golden, _source = twin_sellers
    top = event_progress(actor=officer, event_id=carnival.pk, now=NOON).top_enterprises
    ours = [entry for entry in top if entry.enterprise_id == golden.pk]
    assert [(entry.turnover, entry.sales_count, entry.booths) for entry in ours] == [
        (55_000, 2, ("A-001", "A-003"))
    ]


def test_a_merged_pair_is_one_enterprise_in_the_top_list(officer, carnival, twin_sellers):  # noqa: F811
    top = event_progress(actor=officer, event_id=carnival.pk, now=NOON).top_enterprises
    assert len(top) == 2


def test_a_merged_pair_is_one_seller_of_the_golden_records_sector(officer, carnival, twin_sellers):  # noqa: F811
    golden, _source = twin_sellers
    golden.refresh_from_db()
    expected = Counter({"food": 1})  # the Sarolangun guest
    expected[golden.sector] += 1
    progress = event_progress(actor=officer, event_id=carnival.pk, now=NOON)
    assert {group.key: group.enterprises for group in progress.by_sector} == dict(expected)


def test_a_merged_pair_is_one_seller_of_the_hosts_region(jember, twin_sellers):
    results = event_results(
        actor=Actor.system(), region=jember, since=date(2023, 7, 1), until=date(2023, 12, 31)
    )
    assert (results.own_sellers, results.turnover) == (1, 95_000)


def test_a_merged_pair_is_one_seller_of_the_day_in_open_data(carnival, twin_sellers):  # noqa: F811
    day = next(item for item in event_days_public() if item.day == date(2023, 8, 5))
    assert (day.enterprises, day.turnover) == (2, 95_000)


def test_an_event_sale_of_a_merged_record_counts_for_its_golden_record(jember, carnival, booths, device):  # noqa: F811
    sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale("A-001", 75_000, buyer_type=BuyerType.ASN)]
    )
    _seller, duplicate = _merge_seller_into_a_duplicate(booths)
    assert _counted_at_an_event(
        enterprise=duplicate, purchased_on=date(2023, 8, 5), amount=75_000, region=jember
    )
