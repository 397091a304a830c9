import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sahabat.accounts.models import AccessLog
from sahabat.accounts.permissions import Role
from tests.registry.factories import (
    KALIWATES,
    MANGLI_VILLAGE,
    EnterpriseFactory,
    OwnerFactory,
    nik_for,
    region,
)

pytestmark = pytest.mark.django_db

EXPORT = reverse("registry:enterprise_export")


@pytest.fixture
def officer(client, jember, member_of):
    user = member_of(jember, Role.OFFICER)
    client.force_login(user)
    return user


@pytest.fixture
def admin(client, jember_admin):
    client.force_login(jember_admin)
    return jember_admin


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_csv_export_shows_the_nik_masked(client, officer):
    EnterpriseFactory(owner=OwnerFactory(nik=nik_for(4321)))
    (row,) = csv_rows(client.get(EXPORT, {"format": "csv"}))
    assert row["NIK (tersamar)"] == "3509••••••••4321"


def test_masked_export_carries_no_contact_of_the_owner(client, officer):
    EnterpriseFactory(owner=OwnerFactory(phone="081299887766", email="sri@example.id"))
    body = b"".join(client.get(EXPORT, {"format": "csv"}).streaming_content).decode("utf-8-sig")
    assert ("+6281299887766" in body, "sri@example.id" in body) == (False, False)


def test_export_has_indonesian_headers(client, officer):
    EnterpriseFactory()
    (row,) = csv_rows(client.get(EXPORT, {"format": "csv"}))
    assert {"Nama usaha", "Kecamatan", "Omzet tahunan (Rp)"} <= set(row)


def test_export_follows_the_filters_of_the_list(client, officer):
    EnterpriseFactory(name="Di Sumbersari")
    EnterpriseFactory(name="Di Kaliwates", district=region(KALIWATES), village=region(MANGLI_VILLAGE))
    rows = csv_rows(client.get(EXPORT, {"format": "csv", "district": region(KALIWATES).pk}))
    assert [row["Nama usaha"] for row in rows] == ["Di Kaliwates"]


def test_excel_export_has_a_bold_frozen_header(client, officer):
    EnterpriseFactory()
    sheet = workbook(client.get(EXPORT, {"format": "xlsx"})).active
    assert (sheet["A1"].value, sheet["A1"].font.bold, sheet.freeze_panes) == ("Nama usaha", True, "A2")


def test_excel_export_writes_money_as_rupiah_numbers(client, officer):
    EnterpriseFactory(annual_turnover=300_000_000)
    sheet = workbook(client.get(EXPORT, {"format": "xlsx"})).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Omzet tahunan (Rp)") + 1)
    assert (cell.value, cell.number_format) == (300_000_000, '"Rp"#,##0')


def test_export_neutralises_a_name_that_is_a_formula_in_csv(client, officer):
    EnterpriseFactory(name='=HYPERLINK("http://evil.example","klik")')
    (row,) = csv_rows(client.get(EXPORT, {"format": "csv"}))
    assert row["Nama usaha"] == '\'=HYPERLINK("http://evil.example","klik")'


def test_export_neutralises_a_name_that_is_a_formula_in_excel(client, officer):
    EnterpriseFactory(name='=HYPERLINK("http://evil.example","klik")')
    cell = workbook(client.get(EXPORT, {"format": "xlsx"})).active["A2"]
    assert (cell.data_type, cell.value) == ("s", '\'=HYPERLINK("http://evil.example","klik")')


def test_personal_export_needs_the_permission(client, officer):
    EnterpriseFactory()
    assert client.get(EXPORT, {"format": "csv", "personal": "1"}).status_code == 403


def test_personal_export_carries_the_full_nik(client, admin):
    EnterpriseFactory(owner=OwnerFactory(nik=nik_for(4321)))
    (row,) = csv_rows(client.get(EXPORT, {"format": "csv", "personal": "1"}))
    assert row["NIK"] == nik_for(4321)


def test_personal_export_is_written_to_the_access_log(client, admin):
    EnterpriseFactory.create_batch(2)
    client.get(EXPORT, {"format": "xlsx", "personal": "1", "sector": "food"})
    entry = AccessLog.unscoped.get()
    assert (entry.user, entry.action) == (admin, AccessLog.Action.EXPORT)
    assert "rows=2" in entry.detail and "'sector': 'food'" in entry.detail


def test_masked_export_is_not_written_to_the_access_log(client, admin):
    EnterpriseFactory()
    client.get(EXPORT, {"format": "csv"})
    assert not AccessLog.unscoped.exists()


def test_export_is_refused_to_an_umkm_owner(client, jember, member_of):
    client.force_login(member_of(jember, Role.UMKM_OWNER))
    assert client.get(EXPORT, {"format": "csv"}).status_code == 403


def test_unknown_export_format_is_not_found(client, officer):
    assert client.get(EXPORT, {"format": "pdf"}).status_code == 404
