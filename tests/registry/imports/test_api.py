import pytest

from sahabat.accounts.permissions import Role
from tests.registry.imports.conftest import enterprises_of, row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client(client, officer_user):
    client.force_login(officer_user)
    return client


def _create(client, rows):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("umkm.xlsx", xlsx_bytes(rows))
    return client.post("/api/registry/imports/", {"file": upload})


def test_upload_creates_a_checked_job(api_client):
    response = _create(api_client, [row(1), row(2, NIK="3,50912E+15")])
    body = response.json()
    assert response.status_code == 201
    assert (body["status"], body["outcomes"]["new"], body["outcomes"]["rejected"]) == ("previewed", 1, 1)


def test_job_status_is_readable(api_client):
    job_id = _create(api_client, [row(1)]).json()["id"]
    assert api_client.get(f"/api/registry/imports/{job_id}").json()["total_rows"] == 1


def test_rows_are_filtered_by_outcome(api_client):
    job_id = _create(api_client, [row(1), row(2, NIK="3,50912E+15")]).json()["id"]
    body = api_client.get(f"/api/registry/imports/{job_id}/rows?outcome=rejected").json()
    assert [(item["row_number"], item["errors"][0]["code"]) for item in body["items"]] == [
        (3, "identifier.scientific_notation")
    ]


def test_apply_writes_the_valid_rows(api_client, jember):
    job_id = _create(api_client, [row(1), row(2, NIK="3,50912E+15")]).json()["id"]
    response = api_client.post(
        f"/api/registry/imports/{job_id}/apply", {"mode": "valid_only"}, content_type="application/json"
    )
    assert (response.json()["status"], enterprises_of(jember).count()) == ("applied", 1)


def test_bad_file_gets_a_structured_error(api_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = api_client.post("/api/registry/imports/", {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.7")})
    assert (response.status_code, response.json()["errors"][0]["code"]) == (400, "import.file_type")


def test_missing_file_gets_a_structured_error(api_client):
    response = api_client.post("/api/registry/imports/", {})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "file")


def test_viewer_cannot_upload(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    assert _create(client, [row(1)]).status_code == 403


def test_other_region_cannot_see_a_job(api_client, client, sarolangun, member_of):
    job_id = _create(api_client, [row(1)]).json()["id"]
    client.force_login(member_of(sarolangun, Role.REGION_ADMIN))
    assert client.get(f"/api/registry/imports/{job_id}").status_code == 404
