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
from tests.reports.conftest import AUGUST_2023, monev_live, png_bytes

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


def page_texts(content: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_the_purchasing_report_prints_the_selectors_months_up_to_the_reported_one(officer, jember, purchases):
    from sahabat.purchasing.selectors import monthly_asn_spending

    months = monthly_asn_spending(actor=officer, region=jember, year=2023)[:8]
    recorded, at_events = sum(m.recorded for m in months), sum(m.at_events for m in months)
    line = f"Januari–Agustus 2023 {rupiah(recorded)} {rupiah(at_events)} {rupiah(recorded + at_events)}"
    assert line in pdf_text(pdf(officer, jember, "purchasing"))


def test_the_monev_pdf_prints_the_cooperation_selectors_indicators(officer, jember, register):
    from sahabat.reports.content import Period

    _world, today, indicators = monev_live(officer, jember)
    rows = {row.label: row.values for row in indicators.rows}
    text = pdf_text(pdf(officer, jember, "cooperation", Period(today.replace(day=1))))
    register_counts = rows["UMKM dalam register (aktif, hari ini)"]
    spending = rows["Belanja ASN pada UMKM dalam tahun berjalan"]
    assert (
        f"UMKM dalam register (aktif, hari ini) {number(register_counts[0])} {number(register_counts[1])}"
        in text
    )
    assert f"Belanja ASN pada UMKM dalam tahun berjalan {rupiah(round(spending[0]))}" in text


def test_the_indicators_pdf_prints_the_selectors_status_counts_on_its_first_page(officer, jember, road):
    from sahabat.indicators.selectors import indicator_list, indicator_rows, status_counts
    from sahabat.reports.content import Period

    period = Period.parse("2021-09")
    rows = indicator_rows(
        actor=officer, indicators=indicator_list(actor=officer, region=jember), today=period.end
    )
    with_target = sum(count for _status, _label, count in status_counts(rows))
    first_page = page_texts(pdf(officer, jember, "indicators", period))[0]
    assert f"Dengan target {with_target}" in first_page and "Indikator menurut status" in first_page


def test_the_indicators_pdf_prints_an_indicator_in_rupiah_as_rupiah(officer, jember, rupiah_indicator):
    assert "Rp725.000.000" in pdf_text(pdf(officer, jember, "indicators"))


def test_a_chart_caption_is_never_left_alone_at_the_foot_of_a_page(jember):
    from datetime import date

    from django.utils import translation

    from sahabat.core.charts import bar_chart
    from sahabat.reports.content import COUNT, Chart, Column, Period, Report, Section, Table
    from sahabat.reports.files import report_pdf

    # A table too wide for portrait puts the section on landscape pages, where a chart drawn at the full
    # page width would be taller than the page and leave its caption behind.
    columns = (Column("Nama"), *(Column(f"Angka {n}", COUNT) for n in range(8)))
    bars = [(f"OPD {index}", 100 - index) for index in range(14)]
    for rows in (4, 16):
        table = Table("Tabel lebar", columns, [[f"Baris {n}", *range(8)] for n in range(rows)])
        with translation.override("id"):
            chart = Chart("Bagan penutup", bar_chart(bars, title="Bagan penutup", width=620))
            section = Section("Bagian", [table], [chart])
            report = Report("umkm", "Rekap", jember, Period(date(2023, 8, 1)), date(2023, 9, 1), [section])
            pages = page_texts(report_pdf(report))
        caption_page = next(page for page in pages if "Bagan penutup" in page)
        assert "OPD 0" in caption_page and "OPD 13" in caption_page, rows
