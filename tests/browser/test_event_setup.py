import re
from datetime import timedelta

import pytest
from django.utils import timezone

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.registry.services import enterprise_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def officer_page(live_server, page, jember, member_of, browser_login):
    browser_login(page, member_of(jember, Role.OFFICER).username)
    return page


def _days_ahead(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _create_event(page, live_server, window_start: int = 21):
    """A carnival four weeks ahead: three main days, a reporting window of a week on either side."""
    page.goto(f"{live_server.url}/events/")
    page.click("main >> text=Buat iven")
    page.fill("input[name=name]", "Jember Fashion Carnaval")
    page.fill("input[name=venue]", "Alun-alun Jember")
    page.fill("input[name=main_start]", _days_ahead(28))
    page.fill("input[name=main_end]", _days_ahead(30))
    page.fill("input[name=window_start]", _days_ahead(window_start))
    page.fill("input[name=window_end]", _days_ahead(37))
    page.fill("input[name=target_visitors]", "1.000.000")
    page.fill("input[name=target_turnover]", "500 M")
    page.select_option("select[name=status]", "published")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_officer_sets_up_an_event_and_prints_the_booth_qr_codes(live_server, officer_page, screenshot):
    page = officer_page
    page.goto(f"{live_server.url}/events/")
    assert page.locator(".empty-title").inner_text() == "Belum ada iven"
    screenshot(page, "events-empty")

    _create_event(page, live_server, window_start=29)
    assert page.locator("#id_window_start ~ .errorlist").inner_text() == (
        "Masa pelaporan harus dimulai pada atau sebelum hari utama pertama."
    )
    screenshot(page, "event-form-date-error")
    page.fill("input[name=window_start]", _days_ahead(21))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Jember Fashion Carnaval"
    assert page.locator(".phase").inner_text() == "Akan datang"

    page.fill("form[action$='/zones/new/'] input[name=code]", "A")
    page.fill("form[action$='/zones/new/'] input[name=name]", "Zona Kuliner")
    page.click("form[action$='/zones/new/'] button[type=submit]")
    page.wait_for_load_state()
    screenshot(page, "event-detail")

    page.click("nav.tabs >> text=Stan")
    page.fill("input[name=codes]", "A-001 … A-020")
    page.fill("input[name=category]", "kuliner")
    page.click("form[action$='/booths/new/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".message-success").inner_text() == "20 stan telah dibuat di zona A."
    assert page.locator("tbody tr").count() == 20
    screenshot(page, "event-booths")

    page.click("text=Kode QR stan")
    page.wait_for_load_state()
    assert page.locator("svg.qr").count() == 20
    assert re.search(r"/events/\d+/cashier/\?booth=A-001$", page.locator(".qr-url").first.inner_text())
    screenshot(page, "event-qr-sheet")
    # Nine cards to an A4 page: twenty booths print on three pages.
    page.emulate_media(media="print")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", page.pdf(prefer_css_page_size=True))) == 3
    page.set_viewport_size({"width": 718, "height": 1047})  # the printable 190 × 277 mm of A4
    screenshot(page, "event-qr-sheet-print")

    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/events/")
    assert page.locator(".event-table tbody tr").count() == 1
    screenshot(page, "events-list")


def test_officer_invites_a_partner_region_umkm_and_approves_it(
    live_server, officer_page, screenshot, jember, sarolangun
):
    page = officer_page
    system = Actor.system()
    enterprise_create(actor=system, region=jember, name="Batik Tulis Labako", sector="fashion")
    enterprise_create(actor=system, region=sarolangun, name="Batik Jambi Sarolangun", sector="fashion")
    _create_event(page, live_server)
    page.fill("form[action$='/zones/new/'] input[name=code]", "A")
    page.fill("form[action$='/zones/new/'] input[name=name]", "Zona Kriya")
    page.click("form[action$='/zones/new/'] button[type=submit]")
    page.wait_for_load_state()
    page.click("nav.tabs >> text=Stan")
    page.fill("input[name=codes]", "A-001-A-010")
    page.click("form[action$='/booths/new/'] button[type=submit]")
    page.wait_for_load_state()

    page.click("nav.tabs >> text=Peserta")
    page.fill("input[name=q]", "batik")
    page.click("form.invite-search button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".invite tbody tr").count() == 2
    screenshot(page, "event-participants-search")
    page.locator(".invite tbody tr", has_text="Sarolangun").locator("button").click()
    page.wait_for_load_state()
    assert page.locator(".participant-table .badge.participation-invited").inner_text() == "Diundang"
    screenshot(page, "event-participants-invited")
    page.fill(".participant-table input[name=booth]", "A-001")
    page.click(".participant-table >> text=Setujui")
    page.wait_for_load_state()
    approved = page.locator(".message-success").inner_text()
    assert approved == "Batik Jambi Sarolangun disetujui untuk stan A-001."
    screenshot(page, "event-participants")

    page.click("nav.tabs >> text=Perangkat")
    page.fill("input[name=name]", "HP kasir A-001")
    page.click("form[action$='/devices/new/'] button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#new-token").input_value().startswith("sahabat_")
    screenshot(page, "event-devices")
