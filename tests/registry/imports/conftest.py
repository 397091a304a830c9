"""Register files built in memory: a header, valid rows with real Jember places, and the messy variants."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sahabat.accounts.permissions import Role
from tests.registry.factories import nik_for

HEADERS = [
    "No",
    "Nama Usaha",
    "Nama Pemilik",
    "NIK",
    "NIB",
    "Alamat Usaha",
    "Kecamatan",
    "Desa/Kelurahan",
    "No HP/WA",
    "Omzet per Tahun",
    "Modal",
    "Jumlah Tenaga Kerja",
    "Sektor",
]


def row(serial: int = 1, **values) -> list:
    """A valid data row for HEADERS; keyword arguments replace cells by header (spaces and / as _)."""
    cells = {
        "No": serial,
        "Nama Usaha": f"Keripik Tempe Sari {serial}",
        "Nama Pemilik": f"Sri Wahyuni {serial}",
        "NIK": nik_for(serial, woman=True),
        "NIB": f"9120{serial:09d}",
        "Alamat Usaha": f"Jl. Kalimantan {serial}",
        "Kecamatan": "Sumbersari",
        "Desa/Kelurahan": "Tegalgede",
        "No HP/WA": f"0812{serial + 3000000:07d}",
        "Omzet per Tahun": "Rp 120.000.000",
        "Modal": "25 jt",
        "Jumlah Tenaga Kerja": 3,
        "Sektor": "Kuliner",
    }
    for key, value in values.items():
        header = next(name for name in HEADERS if name.replace(" ", "_").replace("/", "_") == key)
        cells[header] = value
    return [cells[name] for name in HEADERS]


def xlsx_bytes(
    rows: list[list],
    *,
    headers=HEADERS,
    sheet: str = "Data UMKM",
    above: list[list] = (),
    other_sheets: dict[str, list[list]] | None = None,
) -> bytes:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for line in [*above, headers, *rows]:
        worksheet.append(line)
    for name, lines in (other_sheets or {}).items():
        extra = workbook.create_sheet(name)
        for line in lines:
            extra.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], *, headers=HEADERS, delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for line in [headers, *rows]:
        writer.writerow(line)
    return buffer.getvalue().encode(encoding)


def upload(data: bytes, name: str = "umkm.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


@pytest.fixture
def officer_user(jember, member_of):
    return member_of(jember, Role.OFFICER)


@pytest.fixture
def officer(officer_user, actor_of):
    return actor_of(officer_user)


@pytest.fixture
def start_import(officer, jember):
    """start_import(rows or bytes, name=…) → the job after upload and check (nothing applied)."""
    from sahabat.registry.imports.services import import_job_create

    def start(content, *, name: str = "umkm.xlsx", sheet: str = "", **options):
        data = content if isinstance(content, bytes) else xlsx_bytes(content, **options)
        job = import_job_create(actor=officer, region=jember, upload=upload(data, name), sheet_name=sheet)
        job.refresh_from_db()
        return job

    return start


@pytest.fixture
def run_import(start_import, officer):
    """run_import(rows, mode=…) → the job after upload, check and apply."""
    from sahabat.registry.imports.services import import_job_apply

    def run(content, *, mode: str = "all_or_nothing", **options):
        job = start_import(content, **options)
        import_job_apply(actor=officer, job_id=job.pk, mode=mode)
        job.refresh_from_db()
        return job

    return run


def rows_of(job):
    from sahabat.registry.models import ImportRow

    return list(ImportRow.objects.with_scope(region=job.region_id).filter(job=job).order_by("row_number"))


def enterprises_of(region):
    from sahabat.registry.models import Enterprise

    return Enterprise.objects.with_scope(region=region.pk).order_by("pk")
