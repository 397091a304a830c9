"""Files an import hands back: the template with the canonical headers, and the rejected rows with reasons."""

from __future__ import annotations

import io
import json

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from sahabat.registry.imports.columns import COLUMNS
from sahabat.registry.imports.pipeline import rejection_reasons
from sahabat.registry.models import ImportJob, ImportRow
from sahabat.registry.parsing import neutralise_for_spreadsheet

# Headers of the files themselves stay Indonesian whatever the page language: they are the data format the
# import reads back ("Alasan penolakan" is ignored when a corrected file is uploaded again).
REASON_HEADER = "Alasan penolakan"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _safe(value: object) -> object:
    return neutralise_for_spreadsheet(value) if isinstance(value, str) else value


def _bold(sheet, values: list) -> list:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx() -> bytes:
    """Every column the import reads, with one example row; identifiers are text so Excel keeps "
    "their digits."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data UMKM")
    sheet.append(_bold(sheet, [column.header for column in COLUMNS]))
    example = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column.example)
        if isinstance(column.example, str):
            cell.number_format = "@"
        example.append(cell)
    sheet.append(example)
    return _saved(workbook)


def rejected_rows_xlsx(job: ImportJob, rows: list[ImportRow]) -> bytes:
    """The rejected rows as they were uploaded, with the reasons beside each one."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Ditolak")
    sheet.append(_bold(sheet, [*job.headers, REASON_HEADER]))
    width = len(job.headers)
    for row in rows:
        cells = json.loads(row.raw_values) if row.raw_values else []
        cells = (cells + [None] * width)[:width]
        sheet.append([*(_safe(cell) for cell in cells), _safe(rejection_reasons(row.errors))])
    return _saved(workbook)
