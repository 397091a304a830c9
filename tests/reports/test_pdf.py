"""The PDF reports: A4, the region's letterhead, the selectors' figures, Indonesian dates, page numbers."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.accounts.actor import Actor
from sahabat.core.money import number, rupiah
from sahabat.events.selectors.progress import event_progress
from sahabat.registry.selectors import register_aggregates
from sahabat.reports import services
from sahabat.reports.files import report_bytes, weasyprint_missing
from tests.reports.conftest import AUGUST_2023, png_bytes

MISSING = weasyprint_missing()
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason="the PDF reports need WeasyPrint and Pango "
    f"(apt-get install -y libpango-1.0-0 libpangoft2-1.0-0): {MISSING}",
)


def pdf(officer, jember, kind, period=AUGUST_2023) -> bytes:
    return report_bytes(actor=officer, region=jember, kind=kind, period=period, format="pdf")


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_is_an_a4_document(officer, jember, register):
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf(officer, jember, "umkm"))).pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_the_umkm_recap_prints_the_registers_count_of_active_umkm(officer, jember, register):
    text = pdf_text(pdf(officer, jember, "umkm"))
    assert f"UMKM aktif {number(register_aggregates(actor=officer, region=jember).total)}" in text


def test_the_event_report_prints_the_turnover_of_the_event_progress(officer, jember, carnival_sales):
    turnover = event_progress(actor=officer, event_id=carnival_sales.pk).turnover
    assert f"Omzet UMKM (periode pelaporan) {rupiah(turnover)}" in pdf_text(pdf(officer, jember, "events"))


def test_the_pdf_writes_the_month_and_dates_in_indonesian(officer, jember, carnival_sales):
    text = pdf_text(pdf(officer, jember, "events"))
    assert "Periode: Agustus 2023" in text and "4–6 Agustus 2023" in text


def test_the_pdf_numbers_its_pages(officer, jember, register):
    assert "Halaman 1 /" in pdf_text(pdf(officer, jember, "umkm"))


def test_the_pdf_is_headed_by_the_regions_government_and_office(officer, jember, register):
    services.letterhead_update(
        actor=Actor.system(),
        region=jember,
        office="Dinas Koperasi dan Usaha Mikro",
        address="Jl. Kalimantan 2",
    )
    text = pdf_text(pdf(officer, jember, "umkm"))
    assert "PEMERINTAH KABUPATEN JEMBER" in text and "Dinas Koperasi dan Usaha Mikro" in text


def test_the_pdf_carries_the_uploaded_logo(officer, jember, register):
    from pypdf import PdfReader

    services.letterhead_update(
        actor=Actor.system(),
        region=jember,
        office="",
        address="",
        logo=SimpleUploadedFile("logo.png", png_bytes()),
    )
    first_page = PdfReader(io.BytesIO(pdf(officer, jember, "umkm"))).pages[0]
    assert len(first_page.images) == 1


def test_the_pdf_draws_the_charts_as_vectors_with_their_titles(officer, jember, register):
    assert "UMKM per kecamatan (sepuluh terbesar)" in pdf_text(pdf(officer, jember, "umkm"))


def test_the_agency_table_too_wide_for_portrait_is_printed_on_a_landscape_page(officer, jember, purchases):
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(pdf(officer, jember, "purchasing"))).pages
    landscape = [page for page in pages if page.mediabox.width > page.mediabox.height]
    assert len(landscape) == 1 and "OPD dan komitmen 40%" in landscape[0].extract_text()
