"""Open an uploaded file safely: check what it really is, find the sheet and its header row, read the rows.

Excel files are read with python-calamine (fast, no formulas evaluated); CSV files in UTF-8 or
Windows-1252 with ";" or "," between values. A refusal is a DomainError with an Indonesian message,
raised before anything is stored.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum

from sahabat.core.errors import DomainError
from sahabat.registry.imports.columns import IGNORE, field_for_header
from sahabat.registry.parsing import is_blank

# The largest file an officer may upload. Django's own upload settings only decide when an upload is
# spooled to disk; this limit is checked by the import before the file is read.
IMPORT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# An .xlsx is a zip. A real register of 50 MB unpacks to a few hundred MB; beyond these limits the
# file is a zip bomb, built to exhaust memory when opened.
IMPORT_MAX_UNCOMPRESSED_BYTES = 800 * 1024 * 1024
IMPORT_MAX_COMPRESSION_RATIO = 150
# Titles, notes and logos often sit above the header in Dinas spreadsheets.
HEADER_SEARCH_ROWS = 10
# A header row names at least this many known columns; one match could be a title ("Daftar UMKM").
HEADER_MIN_MATCHES = 2

XLSX, CSV = "xlsx", "csv"
EXTENSIONS = {".xlsx": XLSX, ".csv": CSV, ".txt": CSV}
CSV_DELIMITERS = ";,\t"

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# A cell with a formula: <c r="B12" ...><f>SUM(…)</f> or a shared formula <f t="shared" si="0"/>.
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*<(?:\w+:)?f[\s>/]')
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_XML_CHUNK = 8 * 1024 * 1024


def _refuse(code: str, message: str) -> DomainError:
    return DomainError(code, message, field="file", status=400)


def file_kind(*, name: str, head: bytes) -> str:
    """What the file really is, from its first bytes; the extension must agree with the content."""
    extension = PurePath(name).suffix.lower()
    if head.startswith(_OLE_MAGIC):
        raise _refuse(
            "import.old_excel",
            _("This is an old Excel file (.xls). Open it in Excel, save it as .xlsx and upload it again."),
        )
    if extension not in EXTENSIONS:
        raise _refuse("import.file_type", _("Only Excel (.xlsx) and CSV files can be imported."))
    kind = EXTENSIONS[extension]
    if kind == XLSX and not head.startswith(_ZIP_MAGIC):
        raise _refuse(
            "import.malformed", _("This file is not a valid Excel (.xlsx) file. It may be damaged.")
        )
    if kind == CSV and (head.startswith(_ZIP_MAGIC) or b"\x00" in head):
        raise _refuse(
            "import.file_type",
            _("This file is not a CSV text file. Save the sheet as CSV or upload the .xlsx file itself."),
        )
    return kind


def check_size(size: int) -> None:
    if size > IMPORT_MAX_UPLOAD_BYTES:
        raise _refuse(
            "import.too_large",
            _("The file is larger than %(limit)d MB. Split it into smaller files and import them one by one.")
            % {"limit": IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
    if size == 0:
        raise _refuse("import.empty", _("The file is empty."))


def _zip_bomb() -> DomainError:
    return _refuse(
        "import.zip_bomb",
        _("This Excel file unpacks to an unreasonable size and is refused. Save it again in Excel."),
    )


def _check_zip(archive: zipfile.ZipFile) -> None:
    total = 0
    for member in archive.infolist():
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if total > IMPORT_MAX_UNCOMPRESSED_BYTES or (
            member.file_size > 1024 * 1024 and ratio > IMPORT_MAX_COMPRESSION_RATIO
        ):
            raise _zip_bomb()
    names = set(archive.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(
            "import.malformed", _("This file is not a valid Excel (.xlsx) file. It may be damaged.")
        )


@dataclass
class Table:
    """One sheet of an uploaded file: its header row and an iterator over the data rows below it."""

    sheet_names: list[str]
    sheet_name: str
    header_row: int
    headers: list[str]
    # (row number as the spreadsheet shows it, cell values) for every row under the header.
    rows: list[tuple[int, list]]
    # (row number, column index) of cells that hold a formula; their cached values are not trusted.
    formula_cells: set[tuple[int, int]] = field(default_factory=set)

    @property
    def row_count(self) -> int:
        return len(self.rows)


# What a header names: the register's columns unless another import (purchasing) brings its own table.
HeaderField = Callable[[object], str | None]


def _header_index(rows: list[list], header_field: HeaderField = field_for_header) -> int | None:
    best, best_score = None, HEADER_MIN_MATCHES - 1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = sum(
            1 for value in row if isinstance(value, str) and header_field(value) not in (None, IGNORE)
        )
        if score > best_score:
            best, best_score = index, score
    return best


def _cell_text(value: object) -> str:
    return "" if is_blank(value) else str(value).strip()


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the XML member holding it, from the workbook and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    try:
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}
    targets = {relation.get("Id"): relation.get("Target", "") for relation in relations}
    paths = {}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet") and sheet.get(f"{_REL_NS}id") in targets:
            target = targets[sheet.get(f"{_REL_NS}id")].lstrip("/")
            paths[sheet.get("name")] = target if target.startswith("xl/") else f"xl/{target}"
    return paths


def _formula_cells(archive: zipfile.ZipFile, sheet_name: str) -> set[tuple[int, int]]:
    """Cells holding formulas, found by streaming the sheet's XML (calamine gives only their values)."""
    path = _sheet_paths(archive).get(sheet_name)
    if path is None or path not in archive.namelist():
        return set()
    found: set[tuple[int, int]] = set()
    tail = b""
    with archive.open(path) as stream:
        while chunk := stream.read(_XML_CHUNK):
            buffer = tail + chunk
            # Most sheets hold no formula: one quick look for a formula tag spares the cell-by-cell scan,
            # and a tag (`<f`, or `<x:f` with a namespace prefix) cannot be there without one of two
            # byte pairs, which are found much faster than the expression.
            if (b"<f" not in buffer and b":f" not in buffer) or not _FORMULA_TAG.search(buffer):
                tail = buffer[-512:]
                continue
            for match in _FORMULA_CELL.finditer(buffer):
                found.add((int(match[2]), _column_index(match[1])))
            # A cell tag cut by the chunk boundary is matched again with the next chunk.
            tail = buffer[-512:]
    return found


def _table_from_rows(
    rows: list[list],
    *,
    first_row: int,
    first_column: int,
    sheet_names: list[str],
    sheet_name: str,
    header_field: HeaderField = field_for_header,
):
    header_index = _header_index(rows, header_field)
    if header_index is None:
        return None
    width = len(rows[header_index])
    padding = [""] * first_column
    headers = padding + [_cell_text(value) for value in rows[header_index]]
    data = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = padding + row[:width] if padding else row[:width]
        data.append((first_row + offset, cells))
    return Table(
        sheet_names=sheet_names,
        sheet_name=sheet_name,
        header_row=first_row + header_index + 1,
        headers=headers,
        rows=data,
    )


def _no_header(sheet_name: str) -> DomainError:
    return _refuse(
        "import.no_header",
        _(
            "No header row was found in the first %(rows)d rows of sheet “%(sheet)s”. The header row "
            "names the "
            "columns, e.g. Nama Usaha, Nama Pemilik, NIK. Choose another sheet or download the template."
        )
        % {"rows": HEADER_SEARCH_ROWS, "sheet": sheet_name},
    )


def read_xlsx(data: bytes, *, sheet_name: str = "", header_field: HeaderField = field_for_header) -> Table:
    """The chosen sheet, or the first sheet that has a header row."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_zip(archive)
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except DomainError:
        raise
    except (zipfile.BadZipFile, CalamineError, ValueError, KeyError, OSError, ElementTree.ParseError):
        raise _refuse(
            "import.malformed", _("This file is not a valid Excel (.xlsx) file. It may be damaged.")
        ) from None
    sheet_names = [sheet.name for sheet in workbook.sheets_metadata if sheet.typ == SheetTypeEnum.WorkSheet]
    if sheet_name and sheet_name not in sheet_names:
        raise _refuse(
            "import.sheet_unknown",
            _("The file has no sheet “%(sheet)s”. Its sheets are: %(sheets)s.")
            % {"sheet": sheet_name, "sheets": ", ".join(sheet_names)},
        )
    for name in [sheet_name] if sheet_name else sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(name)
            rows = list(sheet.iter_rows())
        except (CalamineError, ValueError) as error:
            # A zip that lies about its unpacked size passes _check_zip; calamine stops at the declared
            # size. Say what it is instead of showing the library's English error.
            if "declared uncompressed size" in str(error):
                raise _zip_bomb() from None
            raise _refuse(
                "import.malformed",
                _("Sheet “%(sheet)s” cannot be read: %(error)s") % {"sheet": name, "error": error},
            ) from None
        table = (
            _table_from_rows(
                rows,
                first_row=sheet.start[0],
                first_column=sheet.start[1] if sheet.start else 0,
                sheet_names=sheet_names,
                sheet_name=name,
                header_field=header_field,
            )
            if rows
            else None
        )
        if table is not None:
            table.formula_cells = _formula_cells(archive, name)
            return table
    if sheet_name or len(sheet_names) == 1:
        raise _no_header(sheet_name or sheet_names[0])
    raise _refuse(
        "import.no_header",
        _(
            "None of the sheets (%(sheets)s) has a header row naming the columns, e.g. Nama Usaha, "
            "Nama Pemilik, "
            "NIK. Download the template to see the expected columns."
        )
        % {"sheets": ", ".join(sheet_names)},
    )


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on Windows saves "CSV" in the ANSI code page, Windows-1252 on Indonesian systems.
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise _refuse(
            "import.encoding",
            _("The CSV file's character encoding is not UTF-8 or Windows-1252. Save it as “CSV UTF-8”."),
        ) from None


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[: HEADER_SEARCH_ROWS + 5])
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        counts = {delimiter: sample.count(delimiter) for delimiter in CSV_DELIMITERS}
        return max(counts, key=counts.get)


def read_csv(data: bytes, *, header_field: HeaderField = field_for_header) -> Table:
    text = _decode(data)
    if text.startswith(codecs.BOM_UTF8.decode("utf-8")):
        text = text[1:]
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error as error:
        raise _refuse(
            "import.malformed", _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from None
    table = (
        _table_from_rows(
            rows, first_row=0, first_column=0, sheet_names=[], sheet_name="", header_field=header_field
        )
        if rows
        else None
    )
    if table is None:
        raise _no_header("CSV")
    return table


def read_table(
    data: bytes, *, kind: str, sheet_name: str = "", header_field: HeaderField = field_for_header
) -> Table:
    if kind == XLSX:
        return read_xlsx(data, sheet_name=sheet_name, header_field=header_field)
    return read_csv(data, header_field=header_field)


def cell_for_json(value: object) -> object:
    """An original cell value as JSON can hold it, for the rejected-rows file."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
