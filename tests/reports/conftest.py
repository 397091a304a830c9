"""A small Jember for reports: a register, coaching outcomes, a carnival with sales, ASN purchases, a road."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.coaching.models import Outcome
from sahabat.events.services import ledger
from sahabat.purchasing.services import purchase_record
from sahabat.registry.models import Enterprise, Licence
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
def purchases(jember, register):
    world = purchasing_world(jember=jember)
    for day, amount in ((date(2023, 8, 7), 150_000), (date(2023, 2, 1), 90_000)):
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


def workbook_of(content: bytes):
    return load_workbook(io.BytesIO(content))


def table_rows(workbook, title: str) -> list[tuple]:
    """The header and rows of the sheet whose table has this title (cell A3), up to the first blank row."""
    sheet = next(sheet for sheet in workbook.worksheets if sheet["A3"].value == title)
    rows = []
    for row in sheet.iter_rows(min_row=4, values_only=True):
        if all(value is None for value in row):
            break
        rows.append(row)
    return rows


def total_row(workbook, title: str) -> tuple:
    return table_rows(workbook, title)[-1]
