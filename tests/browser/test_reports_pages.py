"""The reports page in the browser: download a workbook now, make one in the background, the set-up pages."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.registry.selectors import register_aggregates
from tests.registry.factories import EnterpriseFactory
from tests.reports.conftest import png_bytes, total_row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def officer_page(live_server, page, jember, member_of, browser_login):
    for sector in ("food", "food", "craft"):
        EnterpriseFactory(region=jember, owner=None, sector=sector)
    browser_login(page, member_of(jember, Role.OFFICER).username)
    page.goto(f"{live_server.url}/reports/")
    return page


def _choose(page, kind_label: str, month: str, format_label: str):
    page.get_by_label("Laporan", exact=True).select_option(label=kind_label)
    page.get_by_label("Bulan").fill(month)
    page.get_by_label(format_label).check()


def _district_total(path) -> int:
    with open(path, "rb") as downloaded:
        workbook = load_workbook(io.BytesIO(downloaded.read()))
    return total_row(workbook, "UMKM menurut kecamatan")[1]


def test_downloading_the_umkm_recap_now_gives_the_registers_total(officer_page, screenshot, jember):
    page = officer_page
    expect(page.locator("h1")).to_have_text("Laporan Kabupaten Jember")
    _choose(page, "Rekap UMKM", "2023-08", "Excel (.xlsx)")
    screenshot(page, "reports-index")
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh sekarang").click()
    assert download.value.suggested_filename == "laporan-umkm-35.09-2023-08.xlsx"
    assert (
        _district_total(download.value.path())
        == register_aggregates(actor=Actor.system(), region=jember).total
    )


def test_a_report_made_in_the_background_is_listed_and_downloads(officer_page, screenshot):
    page = officer_page
    _choose(page, "Rekap UMKM", "2023-08", "Excel (.xlsx)")
    page.get_by_role("button", name="Buat di latar belakang").click()
    row = page.locator("table.report-list tbody tr").first
    expect(row).to_contain_text("Siap")
    screenshot(page, "reports-list")
    with page.expect_download() as download:
        row.get_by_role("link", name="Unduh").click()
    assert download.value.suggested_filename == "laporan-umkm-35.09-2023-08.xlsx"


def test_a_month_that_has_not_started_is_refused_beside_the_field(officer_page, screenshot):
    page = officer_page
    _choose(page, "Rekap UMKM", "2999-01", "PDF")
    page.get_by_role("button", name="Unduh sekarang").click()
    expect(page.locator(".field-has-error")).to_contain_text("Pilih bulan yang sudah berjalan.")
    screenshot(page, "reports-refused")


def test_the_letterhead_and_monthly_e_mail_pages(live_server, officer_page, screenshot):
    page = officer_page
    page.get_by_role("link", name="Kop dan logo").click()
    expect(page.locator("h1")).to_have_text("Kop laporan PDF")
    page.get_by_label("Kantor").fill("Dinas Koperasi dan Usaha Mikro")
    page.get_by_label("Logo").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator("img.logo-preview")).to_be_visible()
    screenshot(page, "reports-letterhead")
    page.goto(f"{live_server.url}/reports/schedules/")
    page.get_by_label("Penerima").fill("bupati@example.id")
    page.get_by_role("button", name="Tambah").click()
    expect(page.locator("table")).to_contain_text("bupati@example.id")
    screenshot(page, "reports-schedules")
