import pytest
from playwright.sync_api import expect

from sahabat.accounts.permissions import Role
from tests.registry.factories import (
    KALIWATES,
    MANGLI_VILLAGE,
    EnterpriseFactory,
    LicenceFactory,
    OwnerFactory,
    ProductFactory,
    region,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _register_with_a_few_enterprises():
    batik = EnterpriseFactory(
        name="Batik Labako Sumberjati",
        brand="Labako",
        sector="fashion",
        capital=750_000_000,
        annual_turnover=2_400_000_000,
        owner=OwnerFactory(name="Siti Aminah"),
    )
    LicenceFactory(enterprise=batik)
    LicenceFactory(enterprise=batik, type="halal", number="ID35110000123450123")
    EnterpriseFactory(
        name="Suwar-Suwir Cap Kuda",
        sector="food",
        district=region(KALIWATES),
        village=region(MANGLI_VILLAGE),
        capital=None,
        annual_turnover=180_000_000,
        owner=OwnerFactory(name="Sri Wahyuni"),
    )
    ProductFactory(
        enterprise=EnterpriseFactory(name="Tape Manis Pak Kusno", annual_turnover=None, capital=None)
    )


def test_officer_registers_an_enterprise_finds_it_and_opens_it(
    live_server, page, screenshot, jember, member_of, browser_login
):
    _register_with_a_few_enterprises()
    officer = member_of(jember, Role.OFFICER)
    browser_login(page, officer.username)
    page.click("nav.main-nav >> text=Pendataan UMKM")
    page.click("main >> text=Tambah UMKM")

    page.fill("#id_name", "Kopi Rakyat Tanah Tinggi")
    page.fill("#id_brand", "Kopi Raja")
    page.select_option("#id_sector", "food")
    page.select_option("#id_district", label="Sumbersari")
    # htmx narrows the village list to Sumbersari's seven villages (plus the empty choice).
    expect(page.locator("#id_village option")).to_have_count(8)
    page.select_option("#id_village", label="Kebonsari")
    page.fill("#id_address", "Jl. Kalimantan No. 10")
    page.fill("#id_kbli_codes", "10761")
    page.select_option("#id_kbli_version", "2020")
    page.fill("#id_capital", "25 jt")
    page.fill("#id_annual_turnover", "1,5 M")
    page.fill("#id_workers_female", "3")
    page.fill("#id_owner_name", "Bambang Sugiono")
    page.fill("#id_nik", "3509011708900012")
    page.fill("#id_phone", "0812-3456-7890")
    screenshot(page, "register-create")
    page.click("main form.register-form button[type=submit]")

    expect(page.locator("h1")).to_have_text("Kopi Rakyat Tanah Tinggi")
    expect(page.locator(".facts")).to_contain_text(["Rp25.000.000"])
    expect(page.locator("body")).to_contain_text("3509••••••••0012")
    screenshot(page, "register-detail")

    page.click("nav.main-nav >> text=Pendataan UMKM")
    page.fill("#id_q", "kopi rakyat")
    page.click("form.register-filters button[type=submit]")
    expect(page.locator(".register-table tbody tr")).to_have_count(1)
    screenshot(page, "register-list-search")
    page.click(".register-table >> text=Kopi Rakyat Tanah Tinggi")
    expect(page.locator("h1")).to_have_text("Kopi Rakyat Tanah Tinggi")


def test_register_list_shows_figures_filters_and_licences(
    live_server, page, screenshot, jember, member_of, browser_login
):
    _register_with_a_few_enterprises()
    browser_login(page, member_of(jember, Role.REGION_ADMIN).username)
    page.goto(f"{live_server.url}/register/")
    expect(page.locator(".register-table tbody tr")).to_have_count(3)
    screenshot(page, "register-list")


def test_register_list_fits_a_phone(live_server, phone_page, screenshot, jember, member_of, browser_login):
    _register_with_a_few_enterprises()
    browser_login(phone_page, member_of(jember, Role.OFFICER).username)
    phone_page.goto(f"{live_server.url}/register/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "register-list-phone")
