"""The monitoring report as an A4 PDF: its indicators, Indonesian dates, page numbers."""

import io

import pytest

from sahabat.cooperation import reporting, services
from tests.registry.factories import EnterpriseFactory

MISSING = reporting.weasyprint_missing()
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason="the monitoring PDF needs WeasyPrint and Pango "
    f"(apt-get install -y libpango-1.0-0 libpangoft2-1.0-0): {MISSING}",
)


@pytest.fixture
def final_report(system, mou, jember):
    for _ in range(3):
        EnterpriseFactory(region=jember, owner=None)
    report = services.report_create(
        actor=system,
        agreement_id=mou.pk,
        region=jember,
        year=2026,
        half=1,
        findings="Studi tiru berjalan sesuai rencana.",
        recommendations="Menyusun iven UMKM bersama.",
    )
    return services.report_finalise(actor=system, report_id=report.pk)


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def pdf(client, jember_officer, final_report):
    client.force_login(jember_officer)
    response = client.get(f"/cooperation/reports/{final_report.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_pdf_is_an_a4_document(pdf):
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)


def test_the_pdf_holds_the_indicators_with_their_values(pdf):
    text = pdf_text(pdf)
    assert "UMKM dalam register" in text
    assert "Belanja ASN" in text


def test_the_pdf_holds_the_findings_and_recommendations(pdf):
    text = pdf_text(pdf)
    assert "Studi tiru berjalan sesuai rencana." in text and "Menyusun iven UMKM bersama." in text


def test_the_pdf_names_the_regions_and_dates_in_indonesian(pdf, jember, sarolangun):
    text = pdf_text(pdf)
    assert jember.name in text and sarolangun.name in text
    assert "1 Januari 2026" in text and "30 Juni 2026" in text


def test_the_pdf_numbers_its_pages(pdf):
    assert "Halaman 1 /" in pdf_text(pdf)


def test_the_pdf_of_a_final_report_does_not_change_with_new_figures(
    client, jember_officer, final_report, jember
):
    client.force_login(jember_officer)
    before = pdf_text(client.get(f"/cooperation/reports/{final_report.pk}/pdf/").content)
    EnterpriseFactory(region=jember, owner=None)
    after = pdf_text(client.get(f"/cooperation/reports/{final_report.pk}/pdf/").content)
    assert before == after
