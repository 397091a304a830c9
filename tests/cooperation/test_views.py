"""Pages: agreements from the form (bad input shown beside the field, nothing written), the action
plan, reports, practices and the side-by-side page of a practice and its adoption."""

from datetime import timedelta

import pytest

from sahabat.cooperation import services
from sahabat.cooperation.models import ActionItem, Agreement, MonitoringReport
from tests.cooperation.conftest import PNG_BYTES, pdf_upload


@pytest.fixture
def officer_client(client, jember_officer):
    client.force_login(jember_officer)
    return client


def agreement_form(sarolangun, today, **changes):
    data = {
        "type": "mou",
        "title": "Kesepakatan Bersama pengembangan UMKM",
        "valid_from": today.isoformat(),
        "valid_until": (today + timedelta(days=1825)).isoformat(),
        "partner": sarolangun.pk,
        "own_document_number": "180/27/2023",
        "own_signatory_name": "Ir. H. Hendy Siswanto",
        "own_signatory_position": "Bupati Jember",
        "partner_document_number": "130/112/2023",
        "partner_signatory_name": "Dr. Ir. Bachril Bakri",
        "partner_signatory_position": "Penjabat Bupati Sarolangun",
    }
    return {**data, **changes}


def test_an_officer_drafts_an_agreement_with_a_partner(officer_client, jember, sarolangun, today):
    response = officer_client.post("/cooperation/new/", agreement_form(sarolangun, today))
    agreement = Agreement.unscoped.get()
    assert response.status_code == 302 and response["Location"] == f"/cooperation/{agreement.pk}/"
    assert {party.region for party in agreement.parties.all()} == {jember, sarolangun}


def test_an_end_before_the_start_is_shown_beside_the_field_and_nothing_is_written(
    officer_client, sarolangun, today
):
    data = agreement_form(sarolangun, today, valid_until=(today - timedelta(days=1)).isoformat())
    response = officer_client.post("/cooperation/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors["valid_until"][0].startswith("Akhir masa berlaku")
    assert not Agreement.unscoped.exists()


def test_a_pks_without_its_mou_is_shown_beside_the_field(officer_client, sarolangun, today):
    response = officer_client.post("/cooperation/new/", agreement_form(sarolangun, today, type="pks"))
    assert "PKS melaksanakan Kesepakatan Bersama" in response.context["form"].errors["parent"][0]
    assert not Agreement.unscoped.exists()


def test_the_agreement_page_shows_parties_status_and_plan(officer_client, mou, sarolangun, system, today):
    services.action_item_create(
        actor=system,
        agreement_id=mou.pk,
        title="Studi tiru ke Jember",
        owner_region=sarolangun,
        due_date=today - timedelta(days=3),
    )
    page = officer_client.get(f"/cooperation/{mou.pk}/").content.decode()
    assert "Bupati Kabupaten Sarolangun" in page and "Studi tiru ke Jember" in page
    assert "Lewat tenggat" in page
    assert "Aktif" in page


def test_the_agreement_list_flags_a_missing_monev_report(officer_client, mou, today):
    page = officer_client.get("/cooperation/").content.decode()
    assert f"Belum ada monev final {today.year}" in page


def test_signing_from_the_page_records_the_date(officer_client, make_agreement, jember, sarolangun, today):
    draft = make_agreement(jember, sarolangun, signed=False)
    officer_client.post(f"/cooperation/{draft.pk}/sign/", {"signed_on": today.isoformat()})
    draft.refresh_from_db()
    assert draft.status == Agreement.Status.SIGNED


def test_a_non_pdf_upload_is_refused_with_a_message(officer_client, mou):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("naskah.pdf", PNG_BYTES)
    response = officer_client.post(
        f"/cooperation/{mou.pk}/documents/", {"title": "Naskah", "file": fake}, follow=True
    )
    assert "Jenis berkas yang diterima: PDF. Berkas ini bukan salah satunya." in response.content.decode()


def test_an_uploaded_pdf_is_served_to_the_parties(officer_client, mou):
    officer_client.post(f"/cooperation/{mou.pk}/documents/", {"title": "Naskah", "file": pdf_upload()})
    document = mou.documents.get()
    response = officer_client.get(f"/cooperation/documents/{document.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")


def test_an_action_item_for_a_region_that_is_not_a_party_cannot_be_chosen(
    officer_client, mou, banyuwangi, today
):
    response = officer_client.post(
        f"/cooperation/{mou.pk}/actions/new/",
        {
            "title": "Kunjungan",
            "owner_region": banyuwangi.pk,
            "due_date": today.isoformat(),
            "status": "planned",
            "progress": 0,
        },
    )
    assert "owner_region" in response.context["form"].errors
    assert not ActionItem.unscoped.exists()


def test_the_report_page_shows_live_indicators(officer_client, mou, jember, system):
    report = services.report_create(actor=system, agreement_id=mou.pk, region=jember, year=2026, half=2)
    page = officer_client.get(f"/cooperation/reports/{report.pk}/").content.decode()
    assert "UMKM dalam register (aktif, hari ini)" in page and "Dibaca langsung saat ini" in page


def test_finalising_from_the_page_freezes_the_report(officer_client, mou, jember, system):
    report = services.report_create(
        actor=system,
        agreement_id=mou.pk,
        region=jember,
        year=2026,
        half=2,
        findings="Baik",
        recommendations="Lanjut",
    )
    officer_client.post(f"/cooperation/reports/{report.pk}/finalise/")
    assert MonitoringReport.unscoped.get().status == MonitoringReport.Status.FINAL


@pytest.fixture
def practice_and_adoption(system, mou, jember, sarolangun, today):
    practice = services.practice_save(
        actor=system,
        region=jember,
        title="Belanja ASN pada UMKM",
        goal="Omzet UMKM naik lewat belanja ASN",
        steps="Surat edaran Bupati\nPencatatan belanja per OPD",
        kpis="40% belanja barang/jasa",
    )
    adoption = services.adoption_create(
        actor=system,
        region=sarolangun,
        practice_id=practice.pk,
        agreement_id=mou.pk,
        started_on=today,
        goal="Belanja ASN Sarolangun pada UMKM Sarolangun",
        kpis="Belanja tercatat tiap bulan",
    )
    services.milestone_add(actor=system, adoption_id=adoption.pk, title="Surat edaran terbit", due_date=today)
    return practice, adoption


def test_the_practice_page_lists_its_adoptions(officer_client, practice_and_adoption, sarolangun):
    practice, _adoption = practice_and_adoption
    page = officer_client.get(f"/cooperation/practices/{practice.pk}/").content.decode()
    assert "Surat edaran Bupati" in page and sarolangun.name in page


def test_the_side_by_side_page_shows_the_original_and_the_adoption(
    client, sarolangun_officer, practice_and_adoption
):
    _practice, adoption = practice_and_adoption
    client.force_login(sarolangun_officer)
    page = client.get(f"/cooperation/adoptions/{adoption.pk}/").content.decode()
    assert "Omzet UMKM naik lewat belanja ASN" in page
    assert "Belanja ASN Sarolangun pada UMKM Sarolangun" in page
    assert "Surat edaran terbit" in page


def test_after_the_agreement_ends_the_adoption_stays_but_the_original_is_hidden(
    client, sarolangun_officer, practice_and_adoption, mou, system, today
):
    _practice, adoption = practice_and_adoption
    services.agreement_terminate(actor=system, agreement_id=mou.pk, terminated_on=today, reason="Selesai")
    client.force_login(sarolangun_officer)
    page = client.get(f"/cooperation/adoptions/{adoption.pk}/").content.decode()
    assert "Belanja ASN Sarolangun pada UMKM Sarolangun" in page
    assert "Omzet UMKM naik lewat belanja ASN" not in page


def test_the_adopting_region_marks_a_milestone_done(client, sarolangun_officer, practice_and_adoption):
    _practice, adoption = practice_and_adoption
    milestone = adoption.milestones.get()
    client.force_login(sarolangun_officer)
    client.post(f"/cooperation/milestones/{milestone.pk}/done/")
    milestone.refresh_from_db()
    assert milestone.done_on is not None


def test_the_practice_region_cannot_change_the_adoption(officer_client, practice_and_adoption):
    _practice, adoption = practice_and_adoption
    milestone = adoption.milestones.get()
    assert officer_client.post(f"/cooperation/milestones/{milestone.pk}/done/").status_code == 403
