import pytest

from sahabat.accounts.permissions import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_home_page_opens_and_shows_the_platform(live_server, page, screenshot):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Mengembangkan UMKM bersama, daerah dengan daerah"
    assert screenshot(page, "home").stat().st_size > 0


def test_officer_logs_in_and_sees_the_region_in_the_header(
    live_server, page, screenshot, jember, member_of, browser_login
):
    admin = member_of(jember, Role.REGION_ADMIN)
    browser_login(page, admin.username)
    assert page.locator(".region-name").inner_text() == "Kabupaten Jember"
    page.click("details.user-menu summary")
    screenshot(page, "account-menu")
    page.click(".user-menu-panel >> text=Anggota")
    assert page.locator("h1").inner_text() == "Anggota Kabupaten Jember"
    screenshot(page, "members")


def test_header_works_on_a_phone(live_server, phone_page, screenshot):
    phone_page.goto(live_server.url + "/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(phone_page, "home-phone")
