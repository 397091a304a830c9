"""The figures: leaderboard order, budget years without a budget, scoping of purchases, months and years."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.accounts.permissions import Role
from sahabat.purchasing.selectors import (
    agency_year,
    asn_spending,
    buyers_of,
    leaderboard,
    monthly_asn_spending,
    purchase_list,
    purchasing_years,
    region_commitment,
)
from sahabat.purchasing.services import agency_save, budget_set, package_save, purchase_record
from tests.purchasing.conftest import NIP

pytestmark = pytest.mark.django_db


def _buy(agency, enterprise, amount, on=date(2023, 8, 5)):
    return purchase_record(
        actor=Actor.system(),
        agency_id=agency.pk,
        enterprise_id=enterprise.pk,
        purchased_on=on,
        buyer_nip=NIP,
        amount=amount,
    )


def _year(agency, budget, reserved, realised):
    budget_set(actor=Actor.system(), agency_id=agency.pk, year=2023, goods_services_budget=budget)
    package_save(
        actor=Actor.system(),
        agency_id=agency.pk,
        year=2023,
        rup_code="R1",
        name="Makan minum",
        value=reserved,
        realised=realised,
        reserved_for_small=True,
    )


@pytest.fixture
def kecamatan(jember, system):
    return agency_save(actor=system, region=jember, code="7.01.01", name="Kecamatan Sumbersari", asn_count=40)


def test_the_leaderboard_ranks_by_purchases_per_asn(
    jember, system, dinas_koperasi, bappeda, kecamatan, warung
):
    _buy(dinas_koperasi, warung, 1_200_000)  # 120 ASN: Rp10.000 each
    _buy(bappeda, warung, 1_600_000)  # 80 ASN: Rp20.000 each
    _buy(kecamatan, warung, 600_000)  # 40 ASN: Rp15.000 each
    board = leaderboard(actor=system, region=jember, year=2023)
    assert [(row.rank, row.standing.agency.code) for row in board.rows] == [
        (1, "5.01.01"),
        (2, "7.01.01"),
        (3, "2.17.01"),
    ]


def test_the_leaderboard_ranks_by_realised_share_with_agencies_without_budget_last(
    jember, system, dinas_koperasi, bappeda, kecamatan
):
    _year(dinas_koperasi, 1000, 500, 450)  # 45%
    _year(bappeda, 1000, 500, 300)  # 30%
    board = leaderboard(actor=system, region=jember, year=2023, ranking="realised")
    assert [(row.rank, row.standing.agency.code) for row in board.rows] == [
        (1, "2.17.01"),
        (2, "5.01.01"),
        (None, "7.01.01"),
    ]
    assert (board.below_floor, board.without_budget) == (1, 1)


def test_an_agency_without_asn_count_has_no_per_asn_figure(jember, system, warung):
    agency = agency_save(actor=system, region=jember, code="1.1", name="Dinas Baru", asn_count=0)
    _buy(agency, warung, 100_000)
    row = leaderboard(actor=system, region=jember, year=2023).rows[0]
    assert (row.rank, row.standing.purchases_per_asn) == (None, None)


def test_a_year_without_any_budget_gives_no_shares_and_no_error(jember, system, dinas_koperasi, warung):
    _buy(dinas_koperasi, warung, 100_000)
    total, [standing] = region_commitment(actor=system, region=jember, year=2023)
    assert (total.budget, total.planned_share, total.realised_share) == (None, None, None)
    assert not total.realised_below_floor and not standing.commitment.has_budget


def test_a_zero_budget_is_treated_as_no_budget(jember, system, dinas_koperasi):
    budget_set(actor=system, agency_id=dinas_koperasi.pk, year=2023, goods_services_budget=0)
    figures = agency_year(actor=system, agency=dinas_koperasi, year=2023)
    assert figures.commitment.planned_share is None


def test_an_inactive_agency_is_left_out_of_the_region_figures(jember, system, dinas_koperasi, bappeda):
    _year(dinas_koperasi, 1000, 500, 450)
    _year(bappeda, 1000, 0, 0)
    agency_save(actor=system, region=jember, agency_id=bappeda.pk, is_active=False)
    total, standings = region_commitment(actor=system, region=jember, year=2023)
    assert (len(standings), total.planned_share) == (1, Decimal("50.00"))


def test_the_region_total_counts_each_purchase_once(jember, system, dinas_koperasi, bappeda, warung):
    _buy(dinas_koperasi, warung, 100_000)
    _buy(bappeda, warung, 50_000)
    board = leaderboard(actor=system, region=jember, year=2023)
    assert board.spending.recorded == sum(row.standing.asn_purchases for row in board.rows) == 150_000


def test_event_sales_to_asn_count_in_their_month_in_the_regions_clock(
    jember, system, carnival, booths, device
):
    from sahabat.events.services.ledger import sale_record_batch
    from tests.events.conftest import sale

    # 1 August 00:30 in Jember is still 31 July in UTC.
    sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[
            sale(
                amount=50_000,
                buyer_type="asn",
                at=datetime(2023, 8, 1, 0, 30, tzinfo=ZoneInfo("Asia/Jakarta")),
            )
        ],
    )
    months = monthly_asn_spending(actor=system, region=jember, year=2023)
    assert (months[6].at_events, months[7].at_events) == (0, 50_000)


def test_asn_spending_keeps_recorded_purchases_and_event_sales_apart(jember, system, dinas_koperasi, warung):
    _buy(dinas_koperasi, warung, 100_000)
    spending = asn_spending(actor=system, region=jember, year=2023)
    assert (spending.recorded, spending.at_events, spending.purchase_count) == (100_000, 0, 1)


def test_a_focal_point_lists_only_its_agency_purchases(jember, focal_point, dinas_koperasi, bappeda, warung):
    _buy(dinas_koperasi, warung, 100_000)
    _buy(bappeda, warung, 50_000)
    assert [p.agency for p in purchase_list(actor=focal_point, region=jember)] == [dinas_koperasi]


def test_a_focal_point_without_an_agency_lists_no_purchase(jember, dinas_koperasi, warung, member_of):
    _buy(dinas_koperasi, warung, 100_000)
    user = member_of(jember, Role.AGENCY_FOCAL_POINT)
    Membership.objects.with_scopes_disabled().filter(user=user).update(agency=None)
    assert not purchase_list(actor=Actor.for_user(user), region=jember).exists()


def test_a_viewer_lists_every_agency_purchases(jember, dinas_koperasi, bappeda, warung, member_of):
    _buy(dinas_koperasi, warung, 100_000)
    _buy(bappeda, warung, 50_000)
    viewer = Actor.for_user(member_of(jember, Role.VIEWER))
    assert purchase_list(actor=viewer, region=jember).count() == 2


def test_the_default_year_is_the_latest_with_figures(jember, dinas_koperasi, warung):
    _buy(dinas_koperasi, warung, 100_000, on=date(2023, 3, 1))
    years = purchasing_years(region=jember)
    assert years.default == 2023 and 2023 in years.choices


def test_buyers_of_an_enterprise_are_agencies_of_every_region(
    jember, sarolangun, system, dinas_koperasi, warung
):
    bappeda_sarolangun = agency_save(
        actor=system, region=sarolangun, code="5.01.01", name="Bappeda Sarolangun"
    )
    _buy(dinas_koperasi, warung, 100_000)
    _buy(dinas_koperasi, warung, 20_000)
    _buy(bappeda_sarolangun, warung, 300_000)
    buyers = list(buyers_of(actor=system, enterprise_id=warung.pk))
    assert [(b["agency__name"], b["total"], b["count"]) for b in buyers] == [
        ("Bappeda Sarolangun", 300_000, 1),
        ("Dinas Koperasi dan Usaha Mikro", 120_000, 2),
    ]


def test_the_owner_sees_who_buys_from_it(dinas_koperasi, warung, warung_owner):
    _buy(dinas_koperasi, warung, 100_000)
    assert buyers_of(actor=Actor.for_user(warung_owner), enterprise_id=warung.pk).count() == 1
