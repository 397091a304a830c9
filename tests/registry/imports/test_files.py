import io

import openpyxl
import pytest

from sahabat.registry.imports.columns import COLUMNS
from sahabat.registry.imports.files import rejected_rows_xlsx, template_xlsx
from tests.registry.imports.conftest import HEADERS, row, rows_of

pytestmark = pytest.mark.django_db


def _sheet(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def test_rejected_rows_file_has_the_original_columns_and_the_reasons(start_import):
    job = start_import([row(1), row(2, NIK="3,50912E+15")])
    rejected = [r for r in rows_of(job) if r.outcome == "rejected"]
    header, line = _sheet(rejected_rows_xlsx(job, rejected))
    assert header == (*HEADERS, "Alasan penolakan")
    assert line[:4] == (2, "Keripik Tempe Sari 2", "Sri Wahyuni 2", "3,50912E+15")
    assert line[-1].startswith("NIK: ")


def test_rejected_rows_file_never_carries_a_live_formula(start_import):
    from tests.registry.imports.conftest import csv_bytes

    job = start_import(csv_bytes([row(1, Nama_Usaha="=cmd|' /C calc'!A0")]), name="umkm.csv")
    _header, line = _sheet(rejected_rows_xlsx(job, rows_of(job)))
    assert line[1] == "'=cmd|' /C calc'!A0"


def test_rejected_rows_file_can_be_imported_again_without_mapping(start_import, officer, jember):
    job = start_import([row(2, NIK="3,50912E+15")])
    again = start_import(rejected_rows_xlsx(job, rows_of(job)))
    assert again.status == "previewed"


def test_template_has_every_canonical_header_and_one_example_row():
    header, example = _sheet(template_xlsx())
    assert header == tuple(column.header for column in COLUMNS)
    assert example[header.index("NIK")] == "3509015708900012"


def test_the_template_imports_cleanly(start_import):
    job = start_import(template_xlsx())
    assert [r.outcome for r in rows_of(job)] == ["new"]
