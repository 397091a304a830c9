"""Figures side by side: normalised where fair, never a division by zero, read live for a draft report."""

from datetime import date

import pytest

from sahabat.accounts.actor import Actor
from sahabat.cooperation.indicators import (
    event_results,
    guest_results,
    live_indicators,
    partner_dashboard,
    per_thousand,
)
from sahabat.cooperation.selectors import agreement_get
from sahabat.events.services import ledger
from sahabat.purchasing.services import agency_save
from tests.events.conftest import booths, carnival, officer, sale  # noqa: F401
from tests.registry.factories import EnterpriseFactory, LicenceFactory


def test_per_thousand_of_nothing_is_not_available():
    assert per_thousand(5, 0) is None


def test_per_thousand_of_an_unknown_figure_is_not_available():
    assert per_thousand(None, 10) is None


def test_per_thousand_scales_to_a_thousand():
    assert per_thousand(2, 8) == 250


def comparisons(dashboard) -> dict:
    return {item.key: item for item in dashboard.comparisons}


def test_a_partner_with_no_enterprises_and_no_civil_servants_shows_dashes(
    mou, jember, sarolangun, jember_officer, today
):
    dashboard = partner_dashboard(
        actor=Actor.for_user(jember_officer), region=jember, partner=sarolangun, year=today.year
    )
    figures = comparisons(dashboard)
    assert figures["enterprises"].partner == 0
    assert figures["nib_per_thousand"].partner is None
    assert figures["asn_spending_per_asn"].partner is None
    assert figures["commitment_realised"].partner is None


def test_nib_holders_are_compared_per_1000_enterprises(mou, jember, sarolangun, jember_officer, today):
    LicenceFactory(enterprise=EnterpriseFactory(region=jember, owner=None))
    EnterpriseFactory(region=jember, owner=None)
    for _ in range(4):
        EnterpriseFactory(region=sarolangun, owner=None, district=None, village=None)
    dashboard = partner_dashboard(
        actor=Actor.for_user(jember_officer), region=jember, partner=sarolangun, year=today.year
    )
    figures = comparisons(dashboard)
    assert (figures["nib_per_thousand"].own, figures["nib_per_thousand"].partner) == (500, 0)


def test_asn_purchases_are_compared_per_civil_servant(mou, jember, sarolangun, jember_officer, today, system):
    agency_save(actor=system, region=jember, code="2.17.01", name="Dinas Koperasi", asn_count=120)
    dashboard = partner_dashboard(
        actor=Actor.for_user(jember_officer), region=jember, partner=sarolangun, year=today.year
    )
    assert comparisons(dashboard)["asn_spending_per_asn"].own == 0


def test_the_dashboard_with_its_own_region_as_partner_is_not_found(mou, jember, jember_officer, today):
    from sahabat.core.errors import NotFound

    with pytest.raises(NotFound):
        partner_dashboard(
            actor=Actor.for_user(jember_officer), region=jember, partner=jember, year=today.year
        )


@pytest.fixture
def carnival_sales(booths, carnival, officer):  # noqa: F811
    """Rp25.000 at the Jember booth, Rp40.000 at the Sarolangun guest's booth."""
    device = Actor.system()
    ledger.sale_record_batch(
        actor=device, event_id=carnival.pk, items=[sale("A-001", 25_000), sale("A-002", 40_000)]
    )


def test_event_results_add_up_the_hosts_events_in_the_period(carnival_sales, jember):
    results = event_results(
        actor=Actor.system(), region=jember, since=date(2023, 7, 1), until=date(2023, 12, 31)
    )
    assert (results.events, results.turnover, results.sales_count, results.own_sellers) == (1, 65_000, 2, 1)


def test_an_event_outside_the_period_is_not_counted(carnival_sales, jember):
    results = event_results(
        actor=Actor.system(), region=jember, since=date(2023, 1, 1), until=date(2023, 6, 30)
    )
    assert (results.events, results.turnover) == (0, 0)


def test_sarolangun_umkm_at_jember_events_are_counted_with_their_turnover(carnival_sales, jember, sarolangun):
    guests = guest_results(
        actor=Actor.system(),
        host=jember,
        guests=[sarolangun],
        since=date(2023, 7, 1),
        until=date(2023, 12, 31),
    )
    assert (guests.enterprises, guests.turnover) == (1, 40_000)


def test_a_draft_report_reads_the_event_figures_of_its_half_year(
    carnival_sales, make_agreement, jember, sarolangun, jember_officer
):
    agreement = make_agreement(jember, sarolangun)
    actor = Actor.for_user(jember_officer)
    indicators = live_indicators(
        actor=actor,
        agreement=agreement_get(actor=actor, agreement_id=agreement.pk),
        year=2023,
        half=2,
        today=date(2023, 12, 1),
    )
    rows = {row.key: row.values for row in indicators.rows}
    assert indicators.regions[0] == jember.name
    assert rows["event_turnover"][0] == 65_000
    assert rows["partner_sellers"][0] == 1 and rows["partner_turnover"][0] == 40_000
