from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from sahabat.accounts.actor import Actor
from sahabat.coaching.models import Outcome
from sahabat.events.models import EventHourly
from sahabat.events.services.setup import event_create
from sahabat.indicators.computations import COMPUTATIONS, computation_value, share
from sahabat.purchasing.models import ProcurementBudget, ProcurementPackage
from sahabat.purchasing.services import agency_save, purchase_record
from sahabat.registry.models import Enterprise
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, ProgrammeFactory
from tests.registry.factories import EnterpriseFactory, LicenceFactory

pytestmark = pytest.mark.django_db

YEAR_2023 = (date(2023, 1, 1), date(2023, 12, 31))
NIP = "198503122010012001"


def _value(key, actor, region, since=date(2023, 1, 1), until=date(2023, 12, 31)):
    return computation_value(key, actor=actor, region=region, since=since, until=until)


@pytest.fixture
def register(jember):
    """Five active enterprises (two with an NIB; three of food, one halal-certified) and a closed one."""
    food = [EnterpriseFactory(region=jember, owner=None, sector="food") for _ in range(3)]
    craft = [EnterpriseFactory(region=jember, owner=None, sector="craft") for _ in range(2)]
    LicenceFactory(enterprise=food[0], type="nib")
    LicenceFactory(enterprise=craft[0], type="nib")
    LicenceFactory(enterprise=food[1], type="halal", number="ID35110000123450123")
    closed = EnterpriseFactory(region=jember, owner=None, sector="food", status=Enterprise.Status.CLOSED)
    LicenceFactory(enterprise=closed, type="nib")
    return food + craft


def test_share_of_nothing_is_none_not_a_division_by_zero():
    assert share(0, 0) is None


def test_share_is_a_percentage_to_two_decimals():
    assert share(1, 3) == Decimal("33.33")


def test_umkm_count_counts_active_enterprises(officer, jember, register):
    assert _value("umkm_count", officer, jember) == 5


def test_nib_coverage_is_active_enterprises_with_an_nib_over_active_ones(officer, jember, register):
    assert _value("nib_coverage", officer, jember) == Decimal("40.00")


def test_halal_coverage_is_over_food_enterprises_only(officer, jember, register):
    assert _value("halal_coverage", officer, jember) == Decimal("33.33")


def test_coverage_without_enterprises_is_none(officer, jember):
    assert _value("nib_coverage", officer, jember) is None


def test_coaching_outcomes_count_within_the_period(officer, jember):
    programme = ProgrammeFactory(region=jember, starts_on=date(2023, 1, 2), ends_on=date(2023, 12, 1))
    for day, kind in (
        (date(2023, 3, 1), "nib_obtained"),
        (date(2023, 6, 1), "first_online_sale"),
        (date(2024, 1, 5), "nib_obtained"),
    ):
        OutcomeFactory(participant=ParticipantFactory(programme=programme), achieved_on=day, type=kind)
    assert (
        _value("coaching_outcomes", officer, jember),
        _value("coaching_nib_obtained", officer, jember),
    ) == (2, 1)


def test_every_outcome_type_has_its_computation():
    assert {f"coaching_{kind}" for kind in Outcome.Type.values} <= COMPUTATIONS.keys()


def test_event_turnover_sums_the_region_events_within_local_days(officer, jember):
    event = event_create(
        actor=Actor.system(),
        region=jember,
        name="JFC",
        main_start=date(2023, 8, 4),
        main_end=date(2023, 8, 6),
        window_start=date(2023, 7, 28),
        window_end=date(2023, 8, 13),
    )
    # Hours are stored in UTC; Jember's days run from 17:00 UTC of the day before (WIB is UTC+7).
    for hour, turnover in (
        (datetime(2023, 7, 31, 16, tzinfo=UTC), 1),  # 31 July, 23:00 WIB: before the period
        (datetime(2023, 7, 31, 17, tzinfo=UTC), 100),  # 1 August, 00:00 WIB
        (datetime(2023, 8, 13, 16, tzinfo=UTC), 250),  # 13 August, 23:00 WIB
        (datetime(2023, 8, 13, 17, tzinfo=UTC), 1000),  # 14 August, 00:00 WIB: after it
    ):
        EventHourly.unscoped.create(
            event=event,
            hour=hour,
            payment_method="cash",
            buyer_type="public",
            sales_count=1,
            turnover=turnover,
        )
    assert _value("event_turnover", officer, jember, date(2023, 8, 1), date(2023, 8, 13)) == 350


def test_asn_purchases_are_the_year_of_the_day_measured(officer, jember):
    system = Actor.system()
    agency = agency_save(actor=system, region=jember, code="2.17.01", name="Dinas Koperasi")
    warung = EnterpriseFactory(region=jember, owner=None)
    for day, amount in ((date(2023, 3, 1), 150_000), (date(2023, 9, 1), 50_000), (date(2024, 1, 2), 70_000)):
        purchase_record(
            actor=system,
            agency_id=agency.pk,
            enterprise_id=warung.pk,
            purchased_on=day,
            buyer_nip=NIP,
            amount=amount,
        )
    assert _value("asn_purchases", officer, jember, date(2023, 6, 1), date(2023, 6, 30)) == 200_000


def test_umk_procurement_shares_of_the_budget(officer, jember):
    agency = agency_save(actor=Actor.system(), region=jember, code="2.17.01", name="Dinas Koperasi")
    ProcurementBudget.unscoped.create(agency=agency, year=2023, goods_services_budget=1_000_000_000)
    ProcurementPackage.unscoped.create(
        agency=agency,
        year=2023,
        rup_code="1",
        name="Katering",
        value=400_000_000,
        reserved_for_small=True,
        realised=300_000_000,
    )
    assert (
        _value("umk_procurement_planned", officer, jember),
        _value("umk_procurement_realised", officer, jember),
    ) == (
        Decimal("40.00"),
        Decimal("30.00"),
    )


def test_umk_procurement_without_a_budget_is_none(officer, jember):
    assert _value("umk_procurement_planned", officer, jember) is None


def test_a_reader_without_the_source_permission_gets_none(jember, member_of, actor_of, register):
    cashier = actor_of(member_of(jember, "booth_cashier"))
    assert _value("umkm_count", cashier, jember) is None
