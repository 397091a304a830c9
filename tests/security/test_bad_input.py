"""Hostile and broken input in pages, uploads and the API: a clear refusal, no 500, nothing half-stored."""

import io
import json
import struct
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import translation
from PIL import Image

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.accounts.services import api_token_create
from sahabat.events.models import Sale
from sahabat.events.services.ledger import MAX_BATCH
from sahabat.purchasing.models import PurchasingImport
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
# What an attacker types into a text field hoping the value is pasted into SQL.
SQL_IN_FIELDS = [
    "Kopi'; DROP TABLE registry_enterprise; --",
    "' OR 1=1 --",
    'Kopi"; DELETE FROM accounts_user; --',
]


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


def _table_rows() -> dict[str, int]:
    """Every table of the database with its row count."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _nothing_lost(before: dict[str, int]) -> bool:
    """Every table is still there and holds at least the rows it held."""
    after = _table_rows()
    return before.keys() <= after.keys() and all(after[table] >= rows for table, rows in before.items())


def _stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


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


@pytest.mark.parametrize("name", SQL_IN_FIELDS)
def test_sql_typed_into_the_enterprise_form_is_stored_as_text(officer_client, enterprise, name):
    before = _table_rows()
    officer_client.post(reverse("registry:enterprise_create"), enterprise_form(name=name))
    assert Enterprise.objects.with_scopes_disabled().filter(name=name).count() == 1
    assert _nothing_lost(before)


@pytest.mark.parametrize("name", SQL_IN_FIELDS)
def test_sql_typed_into_the_product_form_is_stored_as_text(officer_client, enterprise, name):
    before = _table_rows()
    _add_product(officer_client, enterprise, photo="", name=name)
    assert Product.objects.with_scopes_disabled().get().name == name
    assert _nothing_lost(before)


@pytest.mark.parametrize("name", SQL_IN_FIELDS)
def test_sql_in_a_json_field_of_an_api_write_is_stored_as_text(client, jember, enterprise, name):
    issued = api_token_create(actor=Actor.system(), region=jember, name="Laptop Dinas", role=Role.OFFICER)
    before = _table_rows()
    response = client.post(
        "/api/registry/enterprises",
        {"region": "35.09", "name": name},
        content_type="application/json",
        headers={"Authorization": f"Bearer {issued.raw_key}"},
    )
    assert (response.status_code, response.json()["name"]) == (201, name)
    assert Enterprise.objects.with_scopes_disabled().filter(name=name).count() == 1
    assert _nothing_lost(before)


def test_sql_searched_after_it_was_stored_finds_only_its_own_row(officer_client, enterprise):
    name = SQL_IN_FIELDS[1]
    officer_client.post(reverse("registry:enterprise_create"), enterprise_form(name=name))
    response = officer_client.get(reverse("registry:enterprise_list"), {"q": name})
    assert list(response.context["page_obj"].object_list.values_list("name", flat=True)) == [name]


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


def _add_product(client, enterprise, photo, name="Kopi"):
    return client.post(
        reverse("registry:product_create", args=[enterprise.pk]),
        {
            "name": name,
            "category": "food",
            "price": "35000",
            "unit": "pack",
            "is_active": "on",
            "photo": photo,
        },
    )


# Django's ImageField refuses what Pillow cannot open before the project's own check runs.
NOT_AN_IMAGE = (
    "Unggah gambar yang valid. Berkas yang Anda unggah bukan merupakan berkas gambar atau gambarnya rusak."
)


def test_a_photo_over_5_mb_is_refused_and_no_product_is_stored(officer_client, enterprise, settings):
    padded = _png() + b"\0" * (5 * 1024 * 1024)
    response = _add_product(officer_client, enterprise, SimpleUploadedFile("kopi.png", padded))
    assert response.context["form"].errors.as_data()["photo"][0].code == "photo.too_large"
    assert "Berkas lebih besar dari 5,0\xa0MB." in response.content.decode()
    assert not Product.objects.with_scopes_disabled().exists()
    assert _stored_files(settings) == []


def test_an_html_page_named_jpg_is_refused_as_a_photo(officer_client, enterprise, settings):
    page = SimpleUploadedFile(
        "kopi.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    response = _add_product(officer_client, enterprise, page)
    assert response.context["form"].errors["photo"] == [NOT_AN_IMAGE]
    assert NOT_AN_IMAGE in response.content.decode()
    assert not Product.objects.with_scopes_disabled().exists()
    assert _stored_files(settings) == []


def test_a_pdf_named_png_is_refused_as_a_photo(officer_client, enterprise, settings):
    pdf = SimpleUploadedFile("kopi.png", b"%PDF-1.4\n%%EOF\n", content_type="image/png")
    response = _add_product(officer_client, enterprise, pdf)
    assert response.context["form"].errors["photo"] == [NOT_AN_IMAGE]
    assert NOT_AN_IMAGE in response.content.decode()
    assert not Product.objects.with_scopes_disabled().exists()
    assert _stored_files(settings) == []


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


ZIP_BOMB = "Berkas Excel ini jika dibuka menjadi sangat besar dan tidak wajar, sehingga ditolak."
NOT_CSV = "Berkas ini bukan berkas teks CSV."


def test_a_zip_bomb_named_xlsx_is_refused_before_it_is_unpacked(officer_client, settings):
    before = _counts()
    response = _import(officer_client, _zip_bomb())
    assert response.status_code == 400
    assert ZIP_BOMB in response.content.decode()
    assert _counts() == before
    assert _stored_files(settings) == []


def test_a_zip_bomb_that_lies_about_its_size_is_refused(officer_client, settings):
    before = _counts()
    response = _import(officer_client, _lying_zip_bomb())
    assert response.status_code == 400
    assert ZIP_BOMB in response.content.decode()
    assert _counts() == before
    assert _stored_files(settings) == []


def test_a_binary_file_named_csv_is_refused(officer_client, settings):
    response = _import(officer_client, b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), name="umkm.csv")
    assert response.status_code == 400
    assert NOT_CSV in response.content.decode()
    assert not ImportJob.objects.with_scopes_disabled().exists()
    assert _stored_files(settings) == []


def _purchasing_import(client, data: bytes):
    return client.post(
        reverse("purchasing:import_upload"),
        {"kind": PurchasingImport.Kind.PURCHASES, "file": SimpleUploadedFile("belanja.xlsx", data)},
    )


def test_a_zip_bomb_sent_to_the_purchasing_import_is_refused(officer_client, settings):
    response = _purchasing_import(officer_client, _zip_bomb())
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [
        f"{ZIP_BOMB} Simpan ulang di Excel.",
    ]
    assert not PurchasingImport.objects.with_scopes_disabled().exists()
    assert _stored_files(settings) == []


def test_a_lying_zip_bomb_sent_to_the_purchasing_import_is_refused(officer_client, settings):
    response = _purchasing_import(officer_client, _lying_zip_bomb())
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [f"{ZIP_BOMB} Simpan ulang di Excel."]
    assert not PurchasingImport.objects.with_scopes_disabled().exists()
    assert _stored_files(settings) == []


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
    before = _table_rows()
    response = _post_raw(client, carnival, device_key, b'{"items": [{"amount": 25000,')
    assert 400 <= response.status_code < 500
    assert _structured(response)
    assert _table_rows() == before


def test_malformed_json_of_a_sales_batch_is_named_in_indonesian(client, carnival, booths, device_key):  # noqa: F811
    with translation.override("id"):
        response = _post_raw(client, carnival, device_key, b'{"items": [')
    assert response.json()["errors"][0] == {
        "field": None,
        "code": "request.malformed",
        "message": "Isi permintaan bukan JSON yang sah.",
    }


def test_malformed_json_of_a_register_write_gets_the_same_error(client, jember, jember_admin):
    client.force_login(jember_admin)
    response = client.post(
        "/api/registry/enterprises",
        b'{"region": "35.09", "name": ',
        content_type="application/json",
    )
    assert (response.status_code, response.json()["errors"][0]["code"]) == (400, "request.malformed")


def test_a_list_instead_of_an_object_gets_a_structured_error(client, carnival, booths, device_key):  # noqa: F811
    response = _post_raw(client, carnival, device_key, json.dumps([_sale()]).encode())
    assert response.status_code == 422
    assert _structured(response)
    assert not Sale.objects.with_scopes_disabled().exists()


def test_a_form_body_instead_of_json_gets_a_structured_error(client, carnival, booths, device_key):  # noqa: F811
    before = _table_rows()
    response = _post_raw(
        client, carnival, device_key, b"items=1", content_type="application/x-www-form-urlencoded"
    )
    assert 400 <= response.status_code < 500
    assert _structured(response)
    assert _table_rows() == before


def test_a_body_over_the_request_size_limit_gets_a_structured_413(
    client,
    carnival,  # noqa: F811
    booths,  # noqa: F811
    device_key,
    settings,
):
    body = json.dumps({"items": [_sale()], "padding": "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE}).encode()
    before = _table_rows()
    response = _post_raw(client, carnival, device_key, body)
    assert response.status_code == 413
    assert _structured(response)[0]["code"] == "request.too_large"
    assert _table_rows() == before


def test_a_nul_character_in_api_text_is_refused(client, carnival, booths, device_key):  # noqa: F811
    item = {**_sale(), "booth": "A-001\u0000"}
    response = _post_raw(client, carnival, device_key, json.dumps({"items": [item]}).encode())
    assert response.status_code == 400
    assert _structured(response)[0]["code"] == "request.nul_character"
    assert not Sale.objects.with_scopes_disabled().exists()
