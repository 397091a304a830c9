"""Cooperation through a browser: the MoU's page with its plan, the partner dashboard, the side-by-side
page of Jember's practice and Sarolangun's adoption, and the notification badge."""

from io import StringIO

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from sahabat.accounts.demo import DEMO_PASSWORD
from sahabat.accounts.demo import demo_load as accounts_demo
from sahabat.cooperation.demo import demo_load as cooperation_demo
from tests.registry.factories import (
    PASAR_SAROLANGUN_VILLAGE,
    SAROLANGUN_DISTRICT,
    EnterpriseFactory,
    LicenceFactory,
    region,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def cooperation(jember, sarolangun):
    """The demo's MoU and practice, over a small register in both regions."""
    for index, sector in enumerate(("food", "food", "fashion", "craft", "food", "services")):
        enterprise = EnterpriseFactory(region=jember, owner=None, sector=sector)
        if index % 2 == 0:
            LicenceFactory(enterprise=enterprise)
    for sector in ("food", "agriculture", "craft"):
        enterprise = EnterpriseFactory(
            region=sarolangun,
            owner=None,
            sector=sector,
            district=region(SAROLANGUN_DISTRICT),
            village=region(PASAR_SAROLANGUN_VILLAGE),
        )
        LicenceFactory(enterprise=enterprise)
    with scopes_disabled():
        accounts_demo(stdout=StringIO())
        cooperation_demo(stdout=StringIO())


def test_a_sarolangun_officer_follows_the_mou_and_compares_with_jember(
    live_server, page, screenshot, cooperation, browser_login
):
    browser_login(page, "sarolangun.officer", DEMO_PASSWORD)
    page.click("nav.main-nav >> text=Kerja sama")
    page.click(".agreement-table a:has-text('Kesepakatan Bersama antara Pemerintah Kabupaten Jember')")
    expect(page.locator("h1")).to_contain_text("Kesepakatan Bersama antara Pemerintah Kabupaten Jember")
    expect(page.locator(".status-line .badge-success")).to_have_text("Aktif")
    expect(page.locator(".parties")).to_contain_text("Ir. H. Hendy Siswanto")
    expect(page.locator(".action-table")).to_contain_text("studi tiru")
    screenshot(page, "cooperation-agreement")

    page.click("nav.main-nav >> text=Dasbor mitra")
    expect(page.locator("h1")).to_have_text("Kabupaten Sarolangun dan Kabupaten Jember")
    expect(page.locator(".comparison-table")).to_contain_text("UMKM ber-NIB per 1.000 UMKM")
    expect(page.locator(".comparison-table tbody tr").first).to_contain_text("3")
    screenshot(page, "cooperation-partner-dashboard")


def test_the_practice_and_its_adoption_side_by_side(
    live_server, page, screenshot, cooperation, browser_login
):
    browser_login(page, "sarolangun.officer", DEMO_PASSWORD)
    page.click("nav.main-nav >> text=Praktik baik")
    page.click(".practice-grid >> text=Pengembangan UMKM Jember")
    page.click("#adoptions-title + ul a:has-text('Kabupaten Sarolangun')")
    expect(page.locator(".side-by-side .original")).to_contain_text("Jember Fashion Carnaval")
    expect(page.locator(".side-by-side .adoption")).to_contain_text("Surat edaran belanja ASN pada UMKM")
    screenshot(page, "cooperation-adoption")


def test_the_bell_leads_to_the_notifications_and_goes_away(
    live_server, page, screenshot, cooperation, browser_login
):
    browser_login(page, "jember.officer", DEMO_PASSWORD)
    bell = page.locator(".notification-bell")
    expect(bell).to_be_visible()
    bell.click()
    expect(page.locator(".notification-list")).to_contain_text("Kunjungan balasan")
    screenshot(page, "cooperation-notifications")
    page.reload()
    expect(page.locator(".notification-bell")).to_have_count(0)
