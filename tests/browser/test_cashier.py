"""A booth cashier on a small phone: two taps per sale, offline and back, and nothing counted twice."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.events.models import Event, Participation, Sale
from sahabat.events.services import setup
from sahabat.registry.services import enterprise_create
from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def open_event(jember):
    """A published event running today in WIB, with booths A-001 and A-002 approved."""
    system = Actor.system()
    today = timezone.localdate(timezone.now(), jember.tzinfo)
    event = setup.event_create(
        actor=system,
        region=jember,
        name="Jember Fashion Carnaval",
        main_start=today - timedelta(days=1),
        main_end=today + timedelta(days=1),
        window_start=today - timedelta(days=7),
        window_end=today + timedelta(days=7),
        status=Event.Status.PUBLISHED,
    )
    zone = setup.zone_create(actor=system, event_id=event.pk, code="A", name="Zona Kuliner")
    booths = setup.booths_create(actor=system, event_id=event.pk, zone_id=zone.pk, codes="A-001 … A-002")
    for booth, name in zip(booths, ["Suwar-Suwir Bu Tutik", "Kopi Tani Makmur"], strict=True):
        enterprise = enterprise_create(actor=system, region=jember, name=name, sector="food")
        participation = setup.participation_invite(
            actor=system, event_id=event.pk, enterprise_id=enterprise.pk, booth_id=booth.pk
        )
        setup.participation_decide(
            actor=system, participation_id=participation.pk, status=Participation.Status.APPROVED
        )
    return event


@pytest.fixture
def small_phone(browser):
    """The smallest common Android screen, 360 px wide."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="id-ID"
    )
    yield context.new_page()
    context.close()


@pytest.fixture
def cashier(jember, member_of):
    return member_of(jember, Role.BOOTH_CASHIER)


def phone_screen(page, name: str) -> None:
    """What the cashier sees without scrolling: the saving buttons must be on it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def sell(page, amount_label: str, method_label: str):
    page.get_by_role("button", name=amount_label, exact=True).click()
    page.locator(".cashier-methods").get_by_role("button", name=method_label, exact=True).click()


def stored_amounts(event) -> list[int]:
    return sorted(Sale.objects.with_scopes_disabled().filter(event=event).values_list("amount", flat=True))


def test_cashier_sells_online_and_offline_and_nothing_counts_twice(
    live_server, small_phone, open_event, cashier, browser_login
):
    page = small_phone
    browser_login(page, cashier.username)
    page.goto(f"{live_server.url}/events/{open_event.pk}/cashier/?booth=A-001")
    assert page.locator("#booth-code").inner_text() == "A-001"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    sell(page, "25.000", "Tunai")
    sell(page, "10.000", "QRIS")
    expect(page.locator("#pending-count")).to_have_text("0")
    page.locator("#total", has_text="Rp35.000").wait_for()
    phone_screen(page, "cashier-online")

    page.context.set_offline(True)
    sell(page, "15.000", "Transfer")
    assert page.locator("#pending-count").inner_text() == "1"
    assert page.locator("#total").inner_text() == "Rp50.000"
    page.locator("#network", has_text="Offline").wait_for()
    phone_screen(page, "cashier-offline")

    page.context.set_offline(False)
    expect(page.locator("#pending-count")).to_have_text("0", timeout=15000)
    assert stored_amounts(open_event) == [10_000, 15_000, 25_000]

    # Resend what the server already has, as a phone would after losing an answer, then reload.
    page.evaluate(
        """(key) => localStorage.setItem(key + ".queue", "[" + localStorage.getItem(key + ".last") + "]")""",
        f"sahabat.cashier.{open_event.pk}",
    )
    page.reload()
    expect(page.locator("#pending-count")).to_have_text("0")
    page.locator("#total", has_text="Rp50.000").wait_for()
    assert stored_amounts(open_event) == [10_000, 15_000, 25_000]
    phone_screen(page, "cashier-synced")


def test_cashier_chooses_the_booth_once_and_the_phone_remembers_it(
    live_server, small_phone, open_event, cashier, browser_login
):
    page = small_phone
    browser_login(page, cashier.username)
    page.goto(f"{live_server.url}/events/{open_event.pk}/cashier/")
    phone_screen(page, "cashier-picker")
    page.get_by_label("Stan", exact=True).select_option("A-002")
    page.get_by_role("button", name="Mulai berjualan").click()
    page.goto(f"{live_server.url}/events/{open_event.pk}/cashier/")
    assert page.locator("#booth-code").inner_text() == "A-002"


def test_cashier_cancels_the_last_sale_with_a_reversal(
    live_server, small_phone, open_event, cashier, browser_login
):
    page = small_phone
    browser_login(page, cashier.username)
    page.goto(f"{live_server.url}/events/{open_event.pk}/cashier/?booth=A-001")
    page.get_by_role("button", name="Pembeli ASN").click()
    page.get_by_role("button", name="50.000", exact=True).click()
    phone_screen(page, "cashier-ready")
    page.locator(".cashier-methods").get_by_role("button", name="Tunai", exact=True).click()
    expect(page.locator("#pending-count")).to_have_text("0")
    phone_screen(page, "cashier-last-sale")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Batalkan transaksi terakhir").click()
    expect(page.locator("#pending-count")).to_have_text("0")
    page.locator("#total", has_text="Rp0").wait_for()
    assert stored_amounts(open_event) == [-50_000, 50_000]
    assert set(Sale.objects.with_scopes_disabled().values_list("buyer_type", flat=True)) == {"asn"}


def test_cashier_page_opens_without_network_once_visited(
    live_server, small_phone, open_event, cashier, browser_login
):
    page = small_phone
    browser_login(page, cashier.username)
    page.goto(f"{live_server.url}/events/{open_event.pk}/cashier/?booth=A-001")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.context.set_offline(True)
    page.reload()
    assert page.locator("#booth-code").inner_text() == "A-001"
    sell(page, "20.000", "Tunai")
    assert page.locator("#pending-count").inner_text() == "1"
    phone_screen(page, "cashier-offline-start")


def test_cashier_sees_a_refused_sale_with_the_reason_in_indonesian(
    live_server, small_phone, open_event, cashier, browser_login
):
    page = small_phone
    browser_login(page, cashier.username)
    page.goto(f"{live_server.url}/events/{open_event.pk}/cashier/?booth=A-001")
    # A sale queued on this phone before the officer took booth A-009 away from it.
    page.evaluate(
        """(key) => localStorage.setItem(key + ".queue", JSON.stringify([{
            client_uuid: "7d444840-9dc0-11d1-b245-5ffdce74fad2", booth: "A-009", amount: 30000,
            occurred_at: new Date().toISOString(), payment_method: "cash", buyer_type: "public"}]))""",
        f"sahabat.cashier.{open_event.pk}",
    )
    page.reload()
    page.locator("#rejected-list li").wait_for()
    reason = "Stan A-009 tidak punya peserta yang disetujui di iven ini."
    assert reason in page.locator("#rejected-list").inner_text()
    assert page.locator("#pending-count").inner_text() == "0"
    page.locator("#rejected").scroll_into_view_if_needed()
    phone_screen(page, "cashier-rejected")
