"""Hostile and broken input in pages, uploads and the API: a clear refusal, no 500, nothing half-stored."""

import io
import json
import struct
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.events.models import Sale
from sahabat.events.services.ledger import MAX_BATCH
from sahabat.registry.models import Enterprise, ImportJob, Product
from tests.events.conftest import booths, carnival, officer  # noqa: F401 - fixtures of the sales tests
from tests.registry.factories import EnterpriseFactory
from tests.registry.imports.conftest import row, xlsx_bytes
from tests.registry.test_views import enterprise_form

pytestmark = pytest.mark.django_db

# Pages with a search box (?q=), each reachable by a region officer.
SEARCH_PAGES = [
    "registry:enterprise_list",
    "purchasing:agency_list",
    "purchasing:purchase_list",
    "cooperation:practice_list",
    "investment:project_list",
    "investment:investor_list",
    "indicators:indicator_list",
    "events:event_list",
    "portal:catalogue",
]
SCRIPT = "<script>alert('xss')</script>"
SQL = "x' OR '1'='1'; DROP TABLE registry_enterprise; --"


@pytest.fixture
def officer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    return client


@pytest.fixture
def enterprise(jember):
    return EnterpriseFactory(name="Suwar-Suwir Bu Tutik")


def _counts() -> tuple[int, int, int]:
    return (
        Enterprise.objects.with_scopes_disabled().count(),
        Product.objects.with_scopes_disabled().count(),
        ImportJob.objects.with_scopes_disabled().count(),
    )


# Search fields ------------------------------------------------------------------------------


@pytest.mark.parametrize("page", SEARCH_PAGES)
def test_html_in_a_search_comes_back_escaped(officer_client, enterprise, page):
    response = officer_client.get(reverse(page), {"q": SCRIPT})
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()


@pytest.mark.parametrize("page", SEARCH_PAGES)
def test_sql_in_a_search_finds_nothing_and_changes_nothing(officer_client, enterprise, page):
    before = _counts()
    response = officer_client.get(reverse(page), {"q": SQL})
    assert response.status_code == 200
    assert enterprise.name not in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("page", SEARCH_PAGES)
def test_a_nul_character_in_a_search_is_refused_without_a_server_error(officer_client, page):
    response = officer_client.get(reverse(page), {"q": "kopi\x00"})
    assert response.status_code == 400


def test_a_nul_character_in_an_api_path_gets_a_structured_400(client, jember):
    issued = api_token_create(actor=Actor.system(), region=jember, name="Laptop Dinas", role=Role.OFFICER)
    response = client.get(
        "/api/cooperation/partners/15.03%00/dashboard", headers={"Authorization": f"Bearer {issued.raw_key}"}
    )
    assert (response.status_code, response.json()["errors"][0]["code"]) == (400, "request.nul_character")


def test_sql_in_an_api_search_is_only_text(client, jember, enterprise):
    issued = api_token_create(actor=Actor.system(), region=jember, name="Laptop Dinas", role=Role.OFFICER)
    response = client.get(
        "/api/registry/enterprises", {"search": SQL}, headers={"Authorization": f"Bearer {issued.raw_key}"}
    )
    assert (response.status_code, response.json()["count"]) == (200, 0)


# Forms --------------------------------------------------------------------------------------


def test_html_typed_into_a_form_is_stored_as_text_and_shown_escaped(officer_client, jember):
    name = '<img src=x onerror="alert(1)">Keripik'
    officer_client.post(reverse("registry:enterprise_create"), enterprise_form(name=name))
    created = Enterprise.objects.with_scopes_disabled().get()
    page = officer_client.get(reverse("registry:enterprise_detail", args=[created.pk])).content.decode()
    assert created.name == name
    assert name not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Keripik" in page


def test_a_nul_character_in_a_form_is_refused_and_nothing_is_stored(officer_client, jember):
    response = officer_client.post(reverse("registry:enterprise_create"), enterprise_form(name="Kopi\x00"))
    assert response.status_code == 400
    assert not Enterprise.objects.with_scopes_disabled().exists()


def test_a_nul_character_in_a_field_read_without_a_form_is_refused(officer_client, jember):
    response = officer_client.post(reverse("accounts:switch_region"), {"region": "35.09\x00", "next": "/"})
    assert response.status_code == 400


# Uploads ------------------------------------------------------------------------------------


def _png(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 79)).save(buffer, "PNG")
    return buffer.getvalue()


def _add_product(client, enterprise, photo):
    return client.post(
        reverse("registry:product_create", args=[enterprise.pk]),
        {
            "name": "Kopi",
            "category": "food",
            "price": "35000",
            "unit": "pack",
            "is_active": "on",
            "photo": photo,
        },
    )


def test_a_photo_over_5_mb_is_refused_and_no_product_is_stored(officer_client, enterprise):
    padded = _png() + b"\0" * (5 * 1024 * 1024)
    response = _add_product(officer_client, enterprise, SimpleUploadedFile("kopi.png", padded))
    assert response.context["form"].errors.as_data()["photo"][0].code == "photo.too_large"
    assert not Product.objects.with_scopes_disabled().exists()


def test_an_html_page_named_jpg_is_refused_as_a_photo(officer_client, enterprise):
    page = SimpleUploadedFile(
        "kopi.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    response = _add_product(officer_client, enterprise, page)
    assert response.context["form"].errors["photo"]
    assert not Product.objects.with_scopes_disabled().exists()


def test_a_pdf_named_png_is_refused_as_a_photo(officer_client, enterprise):
    pdf = SimpleUploadedFile("kopi.png", b"%PDF-1.4\n%%EOF\n", content_type="image/png")
    response = _add_product(officer_client, enterprise, pdf)
    assert response.context["form"].errors["photo"]
    assert not Product.objects.with_scopes_disabled().exists()


def _zip_bomb() -> bytes:
    """A valid-looking workbook whose sheet unpacks from kilobytes to 20 MB of zeros."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes([row(1)]))) as good,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in good.infolist():
            data = good.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data += b"\0" * (20 * 1024 * 1024)
            bomb.writestr(info.filename, data)
    return buffer.getvalue()


def _lying_zip_bomb() -> bytes:
    """The same bomb with the sheet's uncompressed size rewritten to 4 kB in both zip headers."""
    raw = bytearray(_zip_bomb())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        sheets = [info for info in archive.infolist() if info.filename.startswith("xl/worksheets/")]
    for info in sheets:
        struct.pack_into("<I", raw, info.header_offset + 22, 4096)
    entry = raw.find(b"PK\x01\x02")
    while entry != -1:
        name_length = struct.unpack_from("<H", raw, entry + 28)[0]
        if bytes(raw[entry + 46 : entry + 46 + name_length]).startswith(b"xl/worksheets/"):
            struct.pack_into("<I", raw, entry + 24, 4096)
        entry = raw.find(b"PK\x01\x02", entry + 4)
    return bytes(raw)


def _import(client, data: bytes, name: str = "umkm.xlsx"):
    return client.post(reverse("registry:import_upload"), {"file": SimpleUploadedFile(name, data)})


def test_a_zip_bomb_named_xlsx_is_refused_before_it_is_unpacked(officer_client, settings):
    before = _counts()
    response = _import(officer_client, _zip_bomb())
    assert response.status_code == 400
    assert "tidak wajar" in response.content.decode()
    assert _counts() == before
    assert not [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_a_zip_bomb_that_lies_about_its_size_is_refused(officer_client):
    before = _counts()
    response = _import(officer_client, _lying_zip_bomb())
    assert response.status_code == 400
    assert _counts() == before


def test_a_binary_file_named_csv_is_refused(officer_client):
    response = _import(officer_client, b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), name="umkm.csv")
    assert response.status_code == 400
    assert not ImportJob.objects.with_scopes_disabled().exists()


# Sales API ----------------------------------------------------------------------------------


@pytest.fixture
def device_key(jember, carnival):  # noqa: F811 - the fixture imported above
    issued = api_token_create(actor=Actor.system(), region=jember, name="Kasir A-001")
    issued.token.event = carnival
    issued.token.save()
    return issued.raw_key


def _sale() -> dict:
    return {
        "client_uuid": str(uuid.uuid4()),
        "booth": "A-001",
        "amount": 25000,
        "occurred_at": "2023-08-05T19:30:00+07:00",
        "payment_method": "cash",
    }


def _post_raw(client, event, key, body: bytes, content_type="application/json"):
    return client.post(
        f"/api/events/{event.pk}/sales",
        body,
        content_type=content_type,
        headers={"Authorization": f"Bearer {key}"},
    )


def _structured(response) -> list[dict]:
    errors = response.json()["errors"]
    assert errors and all({"field", "code", "message"} <= set(error) for error in errors)
    return errors


def test_a_batch_over_the_limit_is_refused_whole(client, carnival, booths, device_key):  # noqa: F811
    body = json.dumps({"items": [_sale() for _ in range(MAX_BATCH + 1)]}).encode()
    response = _post_raw(client, carnival, device_key, body)
    assert response.status_code == 422
    assert _structured(response)[0]["field"] == "items"
    assert not Sale.objects.with_scopes_disabled().exists()


def test_malformed_json_gets_a_structured_error(client, carnival, booths, device_key):  # noqa: F811
    response = _post_raw(client, carnival, device_key, b'{"items": [{"amount": 25000,')
    assert 400 <= response.status_code < 500
    assert _structured(response)
    assert not Sale.objects.with_scopes_disabled().exists()


def test_a_list_instead_of_an_object_gets_a_structured_error(client, carnival, booths, device_key):  # noqa: F811
    response = _post_raw(client, carnival, device_key, json.dumps([_sale()]).encode())
    assert response.status_code == 422
    assert _structured(response)
    assert not Sale.objects.with_scopes_disabled().exists()


def test_a_form_body_instead_of_json_gets_a_structured_error(client, carnival, booths, device_key):  # noqa: F811
    response = _post_raw(
        client, carnival, device_key, b"items=1", content_type="application/x-www-form-urlencoded"
    )
    assert 400 <= response.status_code < 500
    assert _structured(response)


def test_a_body_over_the_request_size_limit_gets_a_structured_413(
    client,
    carnival,  # noqa: F811
    booths,  # noqa: F811
    device_key,
    settings,
):
    body = json.dumps({"items": [_sale()], "padding": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}).encode()
    response = _post_raw(client, carnival, device_key, body)
    assert response.status_code == 413
    assert _structured(response)[0]["code"] == "request.too_large"
    assert not Sale.objects.with_scopes_disabled().exists()


def test_a_nul_character_in_api_text_is_refused(client, carnival, booths, device_key):  # noqa: F811
    item = {**_sale(), "booth": "A-001\u0000"}
    response = _post_raw(client, carnival, device_key, json.dumps({"items": [item]}).encode())
    assert response.status_code == 400
    assert _structured(response)[0]["code"] == "request.nul_character"
    assert not Sale.objects.with_scopes_disabled().exists()
