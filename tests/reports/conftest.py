"""A small Jember for reports: a register, coaching outcomes, a carnival with sales, ASN purchases, a road."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.coaching.models import Outcome
from sahabat.events.models import Event, Participation
from sahabat.events.services import ledger, setup
from sahabat.purchasing.services import purchase_record
from sahabat.registry.models import Enterprise, Licence
from sahabat.registry.services import enterprise_create
from sahabat.reports.content import Period
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, ProgrammeFactory
from tests.events.conftest import WIB, booths, carnival, device, sale, visitors  # noqa: F401
from tests.indicators.factories import IndicatorFactory, RealisationFactory, TargetFactory
from tests.purchasing.world import NIP, purchasing_world
from tests.registry.factories import KALIWATES, MANGLI_VILLAGE, EnterpriseFactory, LicenceFactory, region

AUGUST_2023 = Period(date(2023, 8, 1))


def png_bytes(size: int = 64) -> bytes:
    """A small green square, as a PNG."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (11, 110, 79)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def officer(jember, member_of):
    return Actor.for_user(member_of(jember, Role.OFFICER))


@pytest.fixture
def officer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    return client


@pytest.fixture
def register(jember):
    """Four active Jember UMKM in two districts (two with an NIB, one halal) and a closed one."""
    food = [EnterpriseFactory(region=jember, owner=None, sector="food") for _ in range(2)]
    craft = EnterpriseFactory(
        region=jember, owner=None, sector="craft", district=region(KALIWATES), village=region(MANGLI_VILLAGE)
    )
    large = EnterpriseFactory(region=jember, owner=None, sector="trade", capital=6_000_000_000)
    EnterpriseFactory(region=jember, owner=None, status=Enterprise.Status.CLOSED)
    LicenceFactory(enterprise=food[0])
    LicenceFactory(enterprise=craft)
    LicenceFactory(enterprise=food[0], type=Licence.Type.HALAL, number="ID35110000123450823")
    return [*food, craft, large]


@pytest.fixture
def outcomes(jember):
    """Two outcomes in August 2023, one in March 2023, one in September 2023."""
    programme = ProgrammeFactory(region=jember, starts_on=date(2023, 1, 10), ends_on=date(2023, 12, 31))
    for day, type in (
        (date(2023, 8, 3), Outcome.Type.FIRST_ONLINE_SALE),
        (date(2023, 8, 21), Outcome.Type.CREDIT_OBTAINED),
        (date(2023, 3, 9), Outcome.Type.FIRST_ONLINE_SALE),
        (date(2023, 9, 1), Outcome.Type.FIRST_ONLINE_SALE),
    ):
        participant = ParticipantFactory(programme=programme, joined_on=date(2023, 1, 10))
        OutcomeFactory(
            participant=participant,
            type=type,
            achieved_on=day,
            amount=25_000_000 if type == Outcome.Type.CREDIT_OBTAINED else None,
            reference="",
        )


@pytest.fixture
def carnival_sales(carnival, booths, device):  # noqa: F811
    ledger.sale_record_batch(
        actor=device,
        event_id=carnival.pk,
        items=[
            sale("A-001", 25_000),
            sale("A-001", 40_000, at=datetime(2023, 8, 4, 10, 0, tzinfo=WIB)),
            sale("A-002", 75_000, at=datetime(2023, 7, 30, 12, 0, tzinfo=WIB)),
        ],
    )
    ledger.visitor_count_record_batch(actor=device, event_id=carnival.pk, items=[visitors(350)])
    return carnival


@pytest.fixture
def coffee_festival(jember, officer, carnival_sales):
    """A second August event beside the carnival: one Jember booth that sold Rp60.000 and Rp15.000."""
    festival = setup.event_create(
        actor=officer,
        region=jember,
        name="Festival Kopi Jember 2023",
        venue="GOR PKPSO",
        main_start=date(2023, 8, 19),
        main_end=date(2023, 8, 20),
        window_start=date(2023, 8, 19),
        window_end=date(2023, 8, 20),
        target_visitors=5_000,
        target_turnover=100_000_000,
        status=Event.Status.PUBLISHED,
    )
    zone = setup.zone_create(actor=officer, event_id=festival.pk, code="K", name="Zona Kopi")
    (booth,) = setup.booths_create(actor=officer, event_id=festival.pk, zone_id=zone.pk, codes="K-001")
    roaster = enterprise_create(
        actor=Actor.system(), region=jember, name="Kopi Rakyat Sidomulyo", sector="food"
    )
    participation = setup.participation_invite(
        actor=officer, event_id=festival.pk, enterprise_id=roaster.pk, booth_id=booth.pk
    )
    setup.participation_decide(
        actor=officer, participation_id=participation.pk, status=Participation.Status.APPROVED
    )
    token = api_token_create(actor=Actor.system(), region=jember, name="Kasir K-001").token
    token.event = festival
    token.save()
    ledger.sale_record_batch(
        actor=Actor.for_token(token),
        event_id=festival.pk,
        items=[
            sale("K-001", 60_000, at=datetime(2023, 8, 19, 10, 0, tzinfo=WIB)),
            sale("K-001", 15_000, at=datetime(2023, 8, 20, 11, 0, tzinfo=WIB)),
        ],
    )
    return festival


@pytest.fixture
def purchases(jember, register):
    """Rp90.000 in February and Rp150.000 in August 2023, and Rp70.000 in September, after August."""
    world = purchasing_world(jember=jember)
    for day, amount in ((date(2023, 8, 7), 150_000), (date(2023, 2, 1), 90_000), (date(2023, 9, 4), 70_000)):
        purchase_record(
            actor=Actor.system(),
            agency_id=world.agency.pk,
            enterprise_id=register[0].pk,
            purchased_on=day,
            buyer_nip=NIP,
            amount=amount,
        )
    return world


@pytest.fixture
def road(jember):
    indicator = IndicatorFactory(region=jember, name="Jalan rusak yang diperbaiki")
    target = TargetFactory(indicator=indicator)
    for day, value in ((date(2021, 5, 31), 95), (date(2021, 8, 31), 540)):
        RealisationFactory(indicator=indicator, measured_on=day, value=Decimal(value))
    return indicator, target


@pytest.fixture
def rupiah_indicator(jember):
    """An indicator in rupiah: the ASN purchases the region aims at, Rp1.500.000.000 by the year's end."""
    indicator = IndicatorFactory(region=jember, name="Belanja ASN di UMKM", unit="Rp")
    TargetFactory(
        indicator=indicator,
        period_start=date(2023, 1, 1),
        period_end=date(2023, 12, 31),
        target=Decimal(1_500_000_000),
    )
    RealisationFactory(indicator=indicator, measured_on=date(2023, 7, 31), value=Decimal("725000000.40"))
    return indicator


def sheet_titled(workbook, title: str):
    """The sheet whose table or section has this title (cell A3)."""
    return next(sheet for sheet in workbook.worksheets if sheet["A3"].value == title)


def sheet_text(sheet) -> list[str]:
    """Every text cell of a sheet, row by row."""
    return [value for row in sheet.iter_rows(values_only=True) for value in row if isinstance(value, str)]


def workbook_of(content: bytes):
    return load_workbook(io.BytesIO(content))


def table_rows(workbook, title: str) -> list[tuple]:
    """The header and rows of the sheet whose table has this title (cell A3), up to the first blank row."""
    sheet = sheet_titled(workbook, title)
    rows = []
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if all(value is None for value in row):
            break
        rows.append(row)
    return rows


def total_row(workbook, title: str) -> tuple:
    return table_rows(workbook, title)[-1]


def monev_live(officer, jember):
    """Jember's agreement in force (tests/cooperation/world.py), today, and its live monev indicators."""
    from sahabat.cooperation.indicators import live_indicators
    from sahabat.cooperation.selectors import agreement_get, cooperation_today, half_of
    from tests.cooperation.world import cooperation_world

    world = cooperation_world(jember=jember)
    today = cooperation_today()
    year, half = half_of(today)
    indicators = live_indicators(
        actor=officer,
        agreement=agreement_get(actor=officer, agreement_id=world.agreement.pk),
        year=year,
        half=half,
        today=today,
    )
    return world, today, indicators
