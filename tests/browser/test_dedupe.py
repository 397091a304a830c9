"""The duplicate review queue in a browser: a search with progress, the evidence, a merge and its undo."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from sahabat.accounts.permissions import Role
from sahabat.dedupe.models import DedupeRun
from sahabat.dedupe.synthetic import generate, places_of, synthetic_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_officer_finds_duplicates_merges_a_group_and_undoes_it(
    live_server, page, screenshot, jember, member_of, browser_login
):
    with scopes_disabled():
        synthetic_load(region=jember, data=generate(records=300, places=places_of(jember), seed=7))
    officer = member_of(jember, Role.OFFICER)
    page.on("dialog", lambda dialog: dialog.accept())
    browser_login(page, officer.username)

    running = DedupeRun.unscoped.create(
        region=jember, status=DedupeRun.Status.RUNNING, progress=55, stage="predict"
    )
    page.click("nav.main-nav >> text=Data ganda")
    expect(page.locator("#dedupe-run-bar")).to_have_attribute("value", "55")
    screenshot(page, "dedupe-run-progress")
    DedupeRun.unscoped.filter(pk=running.pk).update(status=DedupeRun.Status.DONE, progress=100)
    page.reload()

    page.click("main >> text=Cari data ganda")
    expect(page.locator("main")).to_contain_text("data dibandingkan")
    expect(page.locator(".dedupe-group").first).to_be_visible()
    screenshot(page, "dedupe-queue")

    page.locator(".dedupe-group").first.locator("text=Tinjau").click()
    expect(page.locator("h1")).to_contain_text("mungkin satu usaha")
    screenshot(page, "dedupe-group-detail")
    page.click("main form >> button[value=merged]")
    expect(page.locator(".messages")).to_contain_text("Data telah digabung")

    page.click("main >> text=Penggabungan dan pembatalan")
    expect(page.locator("main table")).to_contain_text("berlaku")
    screenshot(page, "dedupe-merges")
    page.click("main table >> text=Batalkan")
    expect(page.locator(".messages")).to_contain_text("Penggabungan dibatalkan")
