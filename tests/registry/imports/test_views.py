import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sahabat.accounts.models import AccessLog
from sahabat.accounts.permissions import Role
from sahabat.registry.imports.reader import IMPORT_MAX_UPLOAD_BYTES
from sahabat.registry.models import ImportJob
from tests.registry.imports.conftest import enterprises_of, row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, officer_user):
    client.force_login(officer_user)
    return client


def _upload(client, data: bytes, name: str = "umkm.xlsx"):
    return client.post(reverse("registry:import_upload"), {"file": SimpleUploadedFile(name, data)})


def _job(jember):
    return ImportJob.objects.with_scope(region=jember.pk).get()


def test_empty_list_invites_an_upload(officer_client):
    response = officer_client.get(reverse("registry:import_list"))
    assert reverse("registry:import_upload") in response.content.decode()


def test_upload_shows_the_preview(officer_client, jember):
    response = _upload(officer_client, xlsx_bytes([row(1)]))
    assert response.url == reverse("registry:import_detail", args=[_job(jember).pk])


def test_upload_with_unknown_columns_goes_to_the_mapping(officer_client, jember):
    _upload(officer_client, xlsx_bytes([["A", "B", "C"]], headers=["Nama Usaha", "Nama Pemilik", "Catatan"]))
    response = officer_client.get(reverse("registry:import_mapping", args=[_job(jember).pk]))
    assert "Catatan" in response.content.decode()


def test_mapping_form_starts_the_check(officer_client, jember):
    _upload(officer_client, xlsx_bytes([["A", "B", "C"]], headers=["Nama Usaha", "Nama Pemilik", "Catatan"]))
    job = _job(jember)
    officer_client.post(
        reverse("registry:import_mapping", args=[job.pk]),
        {"column_0": "name", "column_1": "owner_name", "column_2": ""},
    )
    job.refresh_from_db()
    assert job.status == "previewed"


def test_bad_file_is_refused_on_the_form(officer_client, jember):
    response = _upload(officer_client, b"%PDF-1.7", name="umkm.pdf")
    assert response.status_code == 400
    assert not ImportJob.objects.with_scope(region=jember.pk).exists()


def test_oversized_upload_is_refused_with_a_clear_message(officer_client, jember):
    response = _upload(officer_client, b"a" * (IMPORT_MAX_UPLOAD_BYTES + 100 * 1024), name="umkm.csv")
    assert response.status_code == 400
    assert "50 MB" in response.content.decode()
    assert not ImportJob.objects.with_scope(region=jember.pk).exists()


def test_preview_filters_rows_by_outcome(officer_client, jember):
    _upload(officer_client, xlsx_bytes([row(1), row(2, NIK="3,50912E+15")]))
    response = officer_client.get(
        reverse("registry:import_detail", args=[_job(jember).pk]), {"outcome": "rejected"}
    )
    page = response.content.decode()
    assert "Keripik Tempe Sari 2" in page and "Keripik Tempe Sari 1" not in page


def test_apply_form_writes_the_register(officer_client, jember):
    _upload(officer_client, xlsx_bytes([row(1)]))
    officer_client.post(reverse("registry:import_apply", args=[_job(jember).pk]), {"mode": "all_or_nothing"})
    assert enterprises_of(jember).count() == 1


def test_progress_partial_polls_while_the_job_runs(officer_client, jember):
    _upload(officer_client, xlsx_bytes([row(1)]))
    job = _job(jember)
    ImportJob.objects.with_scope(region=jember.pk).filter(pk=job.pk).update(status="validating", progress=40)
    page = officer_client.get(reverse("registry:import_progress", args=[job.pk])).content.decode()
    assert (
        'hx-trigger="every 1s"' in page and '<progress id="import-progress-bar" max="100" value="40"' in page
    )


def test_progress_partial_reloads_the_page_when_done(officer_client, jember):
    _upload(officer_client, xlsx_bytes([row(1)]))
    response = officer_client.get(
        reverse("registry:import_progress", args=[_job(jember).pk]), HTTP_HX_REQUEST="true"
    )
    assert response.headers["HX-Refresh"] == "true"


def test_rejected_rows_download_is_an_xlsx_and_is_logged(officer_client, jember):
    _upload(officer_client, xlsx_bytes([row(2, NIK="3,50912E+15")]))
    response = officer_client.get(reverse("registry:import_rejected", args=[_job(jember).pk]))
    assert response.content[:2] == b"PK"
    assert (
        AccessLog.objects.with_scope(region=jember.pk)
        .filter(object_type="registry.import_rejected_rows")
        .exists()
    )


def test_template_download_is_an_xlsx(officer_client):
    response = officer_client.get(reverse("registry:import_template"))
    assert response["Content-Disposition"].startswith("attachment") and response.content[:2] == b"PK"


def test_viewer_cannot_open_the_import_pages(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    assert client.get(reverse("registry:import_list")).status_code == 403


def test_other_region_cannot_see_a_job(officer_client, client, jember, sarolangun, member_of):
    _upload(officer_client, xlsx_bytes([row(1)]))
    client.force_login(member_of(sarolangun, Role.REGION_ADMIN))
    assert client.get(reverse("registry:import_detail", args=[_job(jember).pk])).status_code == 404


def test_preview_shows_an_update_as_old_to_new(officer_client, run_import, jember):
    run_import([row(1)])
    _upload(officer_client, xlsx_bytes([row(1, Omzet_per_Tahun="Rp 150.000.000")]))
    job = ImportJob.objects.with_scope(region=jember.pk).latest("pk")
    page = officer_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert "Rp120.000.000 → Rp150.000.000" in page
