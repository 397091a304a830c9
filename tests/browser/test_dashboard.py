"""The live dashboard refreshes itself when a sale arrives, and the public board reads from across a hall."""

import random
import uuid
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.events.models import Event, Participation
from sahabat.events.services import setup
from sahabat.events.services.ledger import (
    SaleIn,
    VisitorCountIn,
    sale_record_batch,
    visitor_count_record_batch,
)
from sahabat.regions.models import Region
from sahabat.regions.services import regions_load_regency
from sahabat.registry.services import enterprise_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# (zone, zone name, sector, [(business name, regency code)])
STALLS = [
    (
        "A",
        "Zona Kuliner",
        "food",
        [
            ("Suwar-Suwir Bu Tutik", "35.09"),
            ("Prol Tape Primadona", "35.09"),
            ("Kopi Rakyat Sidomulyo", "35.09"),
            ("Lempok Durian Sarolangun", "15.03"),
            ("Kerupuk Kemplang Batang Asai", "15.03"),
            ("Tape Bondowoso Pak Mad", "35.11"),
        ],
    ),
    (
        "B",
        "Zona Fashion",
        "fashion",
        [
            ("Batik Rolla", "35.09"),
            ("Batik Tembakau Jember", "35.09"),
            ("Tenun Songket Sarolangun", "15.03"),
            ("Kostum Karnaval Wiwit", "35.09"),
        ],
    ),
    (
        "C",
        "Zona Kriya",
        "craft",
        [
            ("Anyaman Bambu Panti", "35.09"),
            ("Topeng Kayu Ledokombo", "35.09"),
            ("Gerabah Tanggul", "35.09"),
        ],
    ),
]
GATES = ["Gerbang Utara", "Gerbang Selatan", "Gerbang Alun-alun"]


def _regency(code):
    # A transactional test before this one may have flushed the regions that the migration loaded.
    return Region.objects.filter(code=code).first() or regions_load_regency(code=code).regency


def _live_event(officer, jember, today):
    """An event around today, so that the hourly chart shows this day's hours."""
    event = setup.event_create(
        actor=officer,
        region=jember,
        name="Jember Fashion Carnaval",
        venue="Alun-alun Jember",
        main_start=today - timedelta(days=1),
        main_end=today + timedelta(days=1),
        window_start=today - timedelta(days=7),
        window_end=today + timedelta(days=7),
        target_visitors=150_000,
        target_turnover=900_000_000,
        status=Event.Status.PUBLISHED,
    )
    for zone_code, zone_name, sector, stalls in STALLS:
        zone = setup.zone_create(actor=officer, event_id=event.pk, code=zone_code, name=zone_name)
        codes = f"{zone_code}-001 … {zone_code}-{len(stalls):03d}"
        booths = setup.booths_create(actor=officer, event_id=event.pk, zone_id=zone.pk, codes=codes)
        for booth, (name, regency) in zip(booths, stalls, strict=True):
            enterprise = enterprise_create(
                actor=Actor.system(), region=_regency(regency), name=name, sector=sector
            )
            participation = setup.participation_invite(
                actor=officer, event_id=event.pk, enterprise_id=enterprise.pk, booth_id=booth.pk
            )
            setup.participation_decide(
                actor=officer, participation_id=participation.pk, status=Participation.Status.APPROVED
            )
    return event


def _seed(event, now):
    """A week of sales and gate counts up to now, busier on the main days and in the evening."""
    rng = random.Random(2023)
    booths = [
        f"{zone}-{index:03d}"
        for zone, _name, _sector, stalls in STALLS
        for index in range(1, len(stalls) + 1)
    ]
    zone_info = event.region.tzinfo
    sales, counts = [], []
    day = event.window_start
    while day <= now.astimezone(zone_info).date():
        busy = 4 if event.main_start <= day <= event.main_end else 1
        for hour in range(9, 23):
            at = datetime.combine(day, time(hour), zone_info)
            if at > now - timedelta(minutes=5):
                break
            evening = 2 if hour >= 18 else 1
            for _ in range(rng.randint(2, 6) * busy * evening):
                sales.append(
                    SaleIn(
                        client_uuid=uuid.uuid4(),
                        booth=rng.choice(booths),
                        amount=rng.choice([15_000, 25_000, 35_000, 50_000, 85_000, 150_000, 350_000]),
                        occurred_at=at + timedelta(minutes=rng.randint(0, 59)),
                        payment_method=rng.choice(["cash", "cash", "qris", "qris", "qris", "transfer"]),
                        buyer_type="asn" if rng.random() < 0.2 else "public",
                    )
                )
            for gate in GATES:
                counts.append(
                    VisitorCountIn(
                        client_uuid=uuid.uuid4(),
                        gate=gate,
                        period_start=at,
                        period_end=at + timedelta(hours=1),
                        count=rng.randint(80, 220) * busy * evening,
                    )
                )
        day += timedelta(days=1)
    system = Actor.system()
    for start in range(0, len(sales), 1000):
        sale_record_batch(actor=system, event_id=event.pk, items=sales[start : start + 1000])
    for start in range(0, len(counts), 1000):
        visitor_count_record_batch(actor=system, event_id=event.pk, items=counts[start : start + 1000])


@pytest.fixture
def live_event(jember, sarolangun, member_of, settings):
    settings.EVENTS_DASHBOARD_POLL_SECONDS = 1
    officer_user = member_of(jember, Role.OFFICER)
    officer = Actor.for_user(officer_user)
    now = timezone.now()
    event = _live_event(officer, jember, now.astimezone(jember.tzinfo).date())
    _seed(event, now)
    device = api_token_create(actor=officer, region=jember, name="Kasir A-001")
    device.token.event = event
    device.token.save()
    return event, officer_user, device.raw_key


def test_dashboard_shows_a_new_sale_without_a_reload(
    live_server, page, browser_login, screenshot, live_event
):
    event, officer, device_key = live_event
    browser_login(page, officer.username)
    page.goto(f"{live_server.url}/events/{event.pk}/dashboard/")
    sales_figure = page.locator("[data-figure=sales]")
    before = sales_figure.inner_text()
    page.evaluate("window.notReloaded = true")

    response = page.request.post(
        f"{live_server.url}/api/events/{event.pk}/sales",
        headers={"Authorization": f"Bearer {device_key}"},
        data={
            "items": [
                {
                    "client_uuid": str(uuid.uuid4()),
                    "booth": "A-001",
                    "amount": 1_250_000,
                    "occurred_at": timezone.now().isoformat(),
                    "payment_method": "qris",
                }
            ]
        },
    )
    assert response.json()["created"] == 1

    expect(sales_figure).not_to_have_text(before, timeout=5_000)
    assert page.evaluate("window.notReloaded") is True
    screenshot(page, "dashboard")


def test_dashboard_reads_on_a_phone(live_server, phone_page, browser_login, screenshot, live_event):
    event, officer, _device_key = live_event
    browser_login(phone_page, officer.username)
    phone_page.goto(f"{live_server.url}/events/{event.pk}/dashboard/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "dashboard-phone")


def test_public_board_opens_without_login_on_a_big_screen(live_server, browser, screenshot, live_event):
    event, _officer, _device_key = live_event
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    board = context.new_page()
    board.goto(f"{live_server.url}/events/{event.pk}/board/")
    expect(board.locator("h1")).to_have_text("Jember Fashion Carnaval")
    assert "Suwar-Suwir" not in board.content()
    screenshot(board, "board")
    context.close()
