"""Coaching, investment and indicators in the browser: demo data, form refusals, a lead moved on the board."""

from io import StringIO

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from sahabat.accounts.permissions import Role
from sahabat.coaching import demo as coaching_demo
from sahabat.indicators import demo as indicators_demo
from sahabat.investment import demo as investment_demo
from sahabat.investment.models import Lead
from tests.registry.factories import (
    PASAR_SAROLANGUN_VILLAGE,
    SAROLANGUN_DISTRICT,
    EnterpriseFactory,
    region,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def officer_page(live_server, page, jember, sarolangun, member_of, browser_login):
    browser_login(page, member_of(jember, Role.OFFICER).username)
    return page


def _small_register(jember, sarolangun):
    for index, sector in enumerate(("food", "food", "food", "food", "craft", "fashion", "food", "food")):
        EnterpriseFactory(region=jember, owner=None, sector=sector, name=f"Suwar-Suwir Bu Sri {index + 1}")
    for sector in ("food", "food", "craft"):
        EnterpriseFactory(
            region=sarolangun,
            owner=None,
            sector=sector,
            district=region(SAROLANGUN_DISTRICT),
            village=region(PASAR_SAROLANGUN_VILLAGE),
        )


def _load(*demos):
    with scopes_disabled():
        for demo in demos:
            demo.demo_load(stdout=StringIO())


def test_indicators_show_the_road_target_and_refuse_a_bad_target(
    live_server, officer_page, screenshot, jember, sarolangun
):
    page = officer_page
    _small_register(jember, sarolangun)
    _load(coaching_demo, indicators_demo)
    page.goto(f"{live_server.url}/indicators/")
    expect(page.locator("h1")).to_have_text("Indikator pembangunan Kabupaten Jember")
    road = page.locator("tr", has_text="Jalan rusak yang diperbaiki")
    expect(road.locator(".pace")).to_have_text("Sesuai jalur")
    expect(road).to_contain_text("1.200 km")
    screenshot(page, "indicators-list")

    page.click("text=Jalan rusak yang diperbaiki")
    expect(page.locator(".progress-card h2")).to_have_text("Target 1 Mei 2021 – 31 Desember 2021")
    expect(page.locator(".indicator-chart svg circle")).to_have_count(16)
    screenshot(page, "indicators-detail")

    page.click("summary:has-text('Tetapkan target')")
    page.fill("#id_period_start", "2022-12-31")
    page.fill("#id_period_end", "2022-01-01")
    page.fill("#id_target", "1.900")
    page.click("form[action$='/targets/new/'] button[type=submit]")
    expect(page.locator("#id_period_end ~ .errorlist")).to_have_text("Periode berakhir sebelum dimulai.")
    screenshot(page, "indicators-target-error")


def test_officer_moves_a_lead_on_the_pipeline_board(
    live_server, officer_page, screenshot, jember, sarolangun
):
    page = officer_page
    _load(investment_demo)
    page.goto(f"{live_server.url}/investment/pipeline/")
    expect(page.locator(".board-column")).to_have_count(6)
    card = page.locator(".column-inquiry .lead-card", has_text="PT Graha Niaga Timur")
    card.locator("summary").click()
    card.locator("select[name=stage]").select_option("lost")
    card.locator("button[type=submit]").click()
    refused = page.locator(".column-inquiry .lead-card", has_text="PT Graha Niaga Timur")
    expect(refused.locator(".errorlist")).to_have_text("Sebutkan alasan prospek gagal.")

    refused.locator("select[name=stage]").select_option("meeting")
    refused.locator("button[type=submit]").click()
    expect(page.locator(".column-meeting .lead-card", has_text="PT Graha Niaga Timur")).to_be_visible()
    assert Lead.unscoped.get(investor__company="PT Graha Niaga Timur").stage == "meeting"
    screenshot(page, "investment-pipeline")

    page.click("nav.tabs >> text=Proyek")
    page.click("text=Pengembangan Wisata Pantai Papuma")
    expect(page.locator("h1")).to_have_text("Pengembangan Wisata Pantai Papuma")
    screenshot(page, "investment-project")


def test_officer_records_an_nib_obtained_through_coaching(
    live_server, officer_page, screenshot, jember, sarolangun
):
    page = officer_page
    _small_register(jember, sarolangun)
    _load(coaching_demo)
    EnterpriseFactory(region=jember, owner=None, sector="food", name="Kopi Rakyat Tanah Tinggi")
    page.goto(f"{live_server.url}/coaching/")
    expect(page.locator("h1")).to_have_text("Program pembinaan Kabupaten Jember")
    screenshot(page, "coaching-list")

    page.click("text=Kelas Pemasaran Digital UMKM 2024")
    page.fill("input[name=q]", "Kopi Rakyat")
    page.click("form.inline-search button[type=submit]")
    page.locator(".candidates li", has_text="Kopi Rakyat Tanah Tinggi").locator("button").click()
    expect(page.locator(".message-success")).to_contain_text("kini menjadi peserta program")
    screenshot(page, "coaching-programme")

    page.locator(".participant-table tr", has_text="Kopi Rakyat Tanah Tinggi").locator(
        "text=Catat hasil"
    ).click()
    page.select_option("#id_type", "nib_obtained")
    page.fill("#id_achieved_on", "2024-04-02")
    page.fill("#id_reference", "12345")
    page.click("main form button[type=submit]")
    expect(page.locator("#id_reference ~ .errorlist")).to_have_text("NIB harus tepat 13 digit angka.")
    screenshot(page, "coaching-outcome-error")
    page.fill("#id_reference", "9120 0012 34567")
    page.click("main form button[type=submit]")
    expect(page.locator(".message-success")).to_contain_text("izinnya tercatat di register")
