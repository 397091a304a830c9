import io
import zipfile

import openpyxl
import pytest

from sahabat.core.errors import DomainError
from sahabat.registry.imports import reader
from tests.registry.imports.conftest import HEADERS, csv_bytes, row, xlsx_bytes


def test_header_row_is_found_below_title_rows():
    data = xlsx_bytes([row(1)], above=[["DATA UMKM KABUPATEN JEMBER"], ["Dinas Koperasi dan UMKM"], []])
    table = reader.read_xlsx(data)
    assert (table.header_row, table.headers[1]) == (4, "Nama Usaha")


def test_data_rows_keep_their_spreadsheet_numbers():
    table = reader.read_xlsx(xlsx_bytes([row(1), row(2)], above=[["Judul"]]))
    assert [number for number, _cells in table.rows] == [3, 4]


def test_sheet_without_header_is_refused():
    data = xlsx_bytes([], headers=["Daftar UMKM"], sheet="Catatan")
    with pytest.raises(DomainError) as refusal:
        reader.read_xlsx(data)
    assert refusal.value.errors[0].code == "import.no_header"


def test_first_sheet_with_a_header_is_chosen():
    data = xlsx_bytes([row(1)], sheet="Data", other_sheets={"Petunjuk": [["Isi data mulai baris 2"]]})
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    workbook.move_sheet("Petunjuk", offset=-1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert reader.read_xlsx(buffer.getvalue()).sheet_name == "Data"


def test_unknown_sheet_is_refused_with_the_sheet_names():
    with pytest.raises(DomainError) as refusal:
        reader.read_xlsx(xlsx_bytes([row(1)], sheet="Data"), sheet_name="Lembar2")
    assert refusal.value.errors[0].code == "import.sheet_unknown"
    assert "Data" in refusal.value.errors[0].message


def test_formula_cells_are_found():
    data = xlsx_bytes([[*row(1)[:9], "=1000*12", *row(1)[10:]]])
    assert reader.read_xlsx(data).formula_cells == {(2, 9)}


def test_formula_cells_with_a_namespace_prefix_are_found():
    data = xlsx_bytes([row(1)])
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<c ", b"<x:c ").replace(b"</c>", b"</x:c>")
                content = content.replace(b'<x:c r="J2"', b'<x:c r="J2"><x:f>1+1</x:f></x:c><x:c r="Z2"')
            target.writestr(member, content)
    assert reader._formula_cells(zipfile.ZipFile(buffer), "Data UMKM") == {(2, 9)}


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_delimiter_is_detected(delimiter):
    table = reader.read_csv(csv_bytes([row(1)], delimiter=delimiter))
    assert table.headers == HEADERS


def test_csv_in_windows_1252_is_read():
    table = reader.read_csv(
        csv_bytes([row(1, Nama_Usaha="Café Bu Ani – Jember")], delimiter=";", encoding="cp1252")
    )
    assert table.rows[0][1][1] == "Café Bu Ani – Jember"


def test_csv_with_utf8_bom_is_read():
    table = reader.read_csv(b"\xef\xbb\xbf" + csv_bytes([row(1)]))
    assert table.headers[0] == "No"


@pytest.mark.parametrize(
    ("name", "head", "code"),
    [
        ("umkm.pdf", b"%PDF-1.7", "import.file_type"),
        ("umkm.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "import.old_excel"),
        ("umkm.xlsx", b"\x89PNG\r\n\x1a\n", "import.malformed"),
        ("umkm.csv", b"PK\x03\x04rest", "import.file_type"),
    ],
)
def test_content_decides_what_a_file_is(name, head, code):
    with pytest.raises(DomainError) as refusal:
        reader.file_kind(name=name, head=head)
    assert refusal.value.errors[0].code == code


def test_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(DomainError) as refusal:
        reader.read_xlsx(buffer.getvalue())
    assert refusal.value.errors[0].code == "import.zip_bomb"


def test_damaged_xlsx_is_refused():
    data = xlsx_bytes([row(1)])
    with pytest.raises(DomainError) as refusal:
        reader.read_xlsx(data[: len(data) // 2])
    assert refusal.value.errors[0].code == "import.malformed"


def test_file_over_the_limit_is_refused():
    with pytest.raises(DomainError) as refusal:
        reader.check_size(reader.IMPORT_MAX_UPLOAD_BYTES + 1)
    assert refusal.value.errors[0].code == "import.too_large"
