import io

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from sahabat.accounts.models import Membership
from sahabat.accounts.permissions import Role
from sahabat.purchasing.demo import demo_load
from sahabat.purchasing.models import Agency, Purchase
from tests.registry.factories import EnterpriseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_year(jember, sarolangun):
    """The purchasing demo's 2023 over a small register of both regions."""
    for name, sector in [
        ("Kopi Bubuk Mak Sumiati", "food"),
        ("Batik Labako Sumberjati", "fashion"),
        ("Anyaman Bambu Pak Rudi", "craft"),
        ("Prol Tape Bu Sri", "food"),
    ]:
        EnterpriseFactory(region=jember, name=name, sector=sector, owner=None)
    for name, sector in [("Lempok Durian Sarolangun", "food"), ("Songket Pelawan", "fashion")]:
        EnterpriseFactory(
            region=sarolangun, name=name, sector=sector, owner=None, district=None, village=None
        )
    with scopes_disabled():
        demo_load(stdout=io.StringIO())


def test_officer_reads_the_leaderboard_and_an_agency_year(
    live_server, page, screenshot, jember, member_of, browser_login, demo_year
):
    browser_login(page, member_of(jember, Role.OFFICER).username)
    page.click("nav.main-nav >> text=Belanja ASN")
    expect(page.locator("h1")).to_have_text("Belanja ASN dan komitmen 40%")
    expect(page.locator(".leaderboard tbody tr")).to_have_count(14)
    expect(page.locator(".leaderboard")).to_contain_text("Belum ada pagu")
    expect(page.locator(".stat-grid")).to_contain_text("Belanja ASN di iven")
    screenshot(page, "purchasing-leaderboard")

    page.click("nav.tabs >> text=Realisasi untuk UMK")
    first = page.locator(".leaderboard tbody tr").first
    expect(first.locator("td.rank")).to_have_text("1")
    expect(first).to_contain_text("Kecamatan Sumbersari")

    page.click(".leaderboard >> text=Dinas Koperasi dan Usaha Mikro")
    expect(page.locator("h1")).to_have_text("Dinas Koperasi dan Usaha Mikro")
    expect(page.locator("#packages tbody tr").first).to_be_visible()
    expect(page.locator(".floor-card")).to_contain_text("memenuhi 40%")
    screenshot(page, "purchasing-agency")


def test_focal_point_records_a_purchase_after_fixing_the_nip(
    live_server, page, screenshot, jember, member_of, browser_login, demo_year
):
    user = member_of(jember, Role.AGENCY_FOCAL_POINT)
    koperasi = Agency.objects.with_scopes_disabled().get(region=jember, code="2.17.01")
    Membership.objects.with_scopes_disabled().filter(user=user).update(agency=koperasi)
    browser_login(page, user.username)
    page.goto(f"{live_server.url}/purchasing/purchases/new/")

    expect(page.locator("#id_agency option")).to_have_count(1)
    page.fill("#enterprise-search", "lempok")
    # htmx lists the UMKM of every participating region, with its region.
    expect(page.locator("#enterprise-options")).to_contain_text("Kabupaten Sarolangun")
    page.check("#enterprise-options input[type=radio]")
    page.fill("#id_purchased_on", "2024-01-15")
    page.fill("#id_buyer_nip", "19851312 201001 2 001")
    page.fill("#id_amount", "150 rb")
    page.click("main form[enctype] button[type=submit]")

    expect(page.locator(".field-has-error")).to_contain_text("tanggal lahir")
    screenshot(page, "purchasing-record-error")
    page.fill("#id_buyer_nip", "19850312 201001 2 001")
    page.fill("#id_amount", "150 rb")
    page.click("main form[enctype] button[type=submit]")

    expect(page.locator(".message-success")).to_contain_text("Rp150.000")
    expect(page.locator("tbody tr").first).to_contain_text("1985••••••••••2001")
    purchase = Purchase.objects.with_scopes_disabled().latest("pk")
    assert (purchase.agency, purchase.enterprise.name) == (koperasi, "Lempok Durian Sarolangun")
