"""A report drawn as an Excel workbook (openpyxl) or an A4 PDF (WeasyPrint), always in Indonesian."""

from __future__ import annotations

import base64
import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from sahabat.accounts.actor import Actor
from sahabat.cooperation.reporting import for_print, weasyprint_missing
from sahabat.core.money import number, percent, rupiah
from sahabat.regions.models import Region
from sahabat.registry.parsing import neutralise_for_spreadsheet
from sahabat.reports.content import (
    AUTO,
    COUNT,
    DECIMAL,
    PERCENT_KIND,
    RUPIAH_KIND,
    TEXT,
    Chart,
    Pct,
    Period,
    Report,
    Rp,
    Section,
    Table,
    long_date,
    report_content,
)
from sahabat.reports.models import Format, Letterhead

LANGUAGE = "id"
RUPIAH_FORMAT = '"Rp"#,##0'
# Excel's own percentage: the cell holds the fraction (0.4525) and shows 45.25%.
PERCENT_FORMAT = "0.00%"
COUNT_FORMAT = "#,##0"
# A figure with a fraction; a whole one takes COUNT_FORMAT ("#,##0.##" would show "540.").
DECIMAL_FORMAT = "#,##0.00"
# The table's header sits on row 4, under the report's title, period and the table's own title.
HEADER_ROW = 4
HEADER_FILL = PatternFill("solid", fgColor="DCEBE4")
TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))
CONTENT_TYPES = {
    Format.PDF: "application/pdf",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SHEET_NAME_LENGTH = 31
# Column A of a sheet without a table, in characters; and the height of one line of text, in points.
SECTION_SHEET_WIDTH = 90
LINE_HEIGHT = 15
WIDE_TABLE_COLUMNS = 6
# More columns than that go on landscape A4 pages.
PORTRAIT_TABLE_COLUMNS = 8
FORBIDDEN_IN_SHEET_NAMES = str.maketrans({character: " " for character in "[]:*?/\\"})


def _kind_of(value, column_kind: str) -> str:
    if column_kind != AUTO:
        return column_kind
    if isinstance(value, Rp):
        return RUPIAH_KIND
    if isinstance(value, Pct):
        return PERCENT_KIND
    return DECIMAL if isinstance(value, float | Decimal) else COUNT


# Excel ----------------------------------------------------------------------------------------

NUMBER_FORMATS = {
    RUPIAH_KIND: RUPIAH_FORMAT,
    PERCENT_KIND: PERCENT_FORMAT,
    COUNT: COUNT_FORMAT,
    DECIMAL: DECIMAL_FORMAT,
}


def _sheet_name(title: str, taken: set[str]) -> str:
    base = title.translate(FORBIDDEN_IN_SHEET_NAMES).strip()[:SHEET_NAME_LENGTH] or "Laporan"
    name, counter = base, 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name, counter = base[: SHEET_NAME_LENGTH - len(suffix)] + suffix, counter + 1
    taken.add(name.lower())
    return name


def _write_value(cell, value, kind: str) -> None:
    if isinstance(value, str | Promise):
        cell.value = neutralise_for_spreadsheet(str(value))
        return
    if isinstance(value, Rp):
        value = int(value)
    elif isinstance(value, Pct | Decimal):
        value = float(value)
    if value is not None and kind == PERCENT_KIND:
        value = value / 100
    cell.value = value
    if value is None or kind not in NUMBER_FORMATS:
        return
    whole = kind == DECIMAL and float(value).is_integer()
    cell.number_format = COUNT_FORMAT if whole else NUMBER_FORMATS[kind]


def _head(sheet, report: Report, title: str) -> None:
    """Rows 1–3: the report and region, the month and the day made, the table's or section's title."""
    sheet["A1"] = neutralise_for_spreadsheet(f"{report.title} — {report.region.name}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = _("Period: %(month)s · made on %(day)s") % {
        "month": report.period.label,
        "day": long_date(report.generated_at),
    }
    sheet["A3"] = neutralise_for_spreadsheet(title)
    sheet["A3"].font = Font(bold=True)


def _write_notes(
    sheet, row_number: int, notes: list[str], text: list[tuple[str, str]], *, widths: list[int]
) -> None:
    """Notes one a row from `row_number`, then each heading in bold over its paragraph.

    A paragraph is wrapped in one cell merged over the table's columns (`widths`), its row made tall
    enough for its lines: Excel does not size a merged row by itself.
    """
    for note in notes:
        sheet.cell(row=row_number, column=1, value=neutralise_for_spreadsheet(str(note)))
        row_number += 1
    for heading, paragraph in text:
        row_number += 1
        sheet.cell(row=row_number, column=1, value=neutralise_for_spreadsheet(str(heading))).font = Font(
            bold=True
        )
        row_number += 1
        cell = sheet.cell(row=row_number, column=1, value=neutralise_for_spreadsheet(str(paragraph)))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if len(widths) > 1:
            sheet.merge_cells(
                start_row=row_number, start_column=1, end_row=row_number, end_column=len(widths)
            )
        characters_a_line = max(sum(widths), 1)
        lines = sum(
            -(-max(len(line), 1) // characters_a_line) for line in str(paragraph).splitlines() or [""]
        )
        sheet.row_dimensions[row_number].height = LINE_HEIGHT * lines
        row_number += 1


def _table_sheet(
    workbook: Workbook, report: Report, section: Section, table: Table, taken: set[str], *, first: bool
) -> None:
    sheet = workbook.create_sheet(_sheet_name(table.sheet or table.title, taken))
    _head(sheet, report, table.title)
    for index, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=index, value=neutralise_for_spreadsheet(str(column.label)))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    row_number = HEADER_ROW
    for row in table.rows:
        row_number += 1
        for index, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
            _write_value(sheet.cell(row=row_number, column=index), value, _kind_of(value, column.kind))
    if table.total is not None:
        row_number += 1
        for index, (column, value) in enumerate(zip(table.columns, table.total, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=index)
            _write_value(cell, value, _kind_of(value, column.kind))
            cell.font = Font(bold=True)
            cell.border = TOTAL_BORDER
    # Below the table and a blank row (a reader of the rows stops there): what the PDF prints around it.
    # The section's notes qualify every table of the section; its paragraphs go once, under the first.
    notes = [_("Nothing to report.")] if not table.rows else []
    notes += [table.note] if table.note else []
    _write_notes(
        sheet,
        row_number + 2,
        notes + section.notes,
        section.text if first else [],
        widths=[column.width for column in table.columns],
    )
    # Freeze everything above the first data row: the header stays in view while scrolling.
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def _section_sheet(workbook: Workbook, report: Report, section: Section, taken: set[str]) -> None:
    """A section without tables: its message under the report's title and month, never an empty sheet."""
    sheet = workbook.create_sheet(_sheet_name(section.title, taken))
    _head(sheet, report, section.title)
    sheet.column_dimensions["A"].width = SECTION_SHEET_WIDTH
    _write_notes(
        sheet,
        HEADER_ROW + 1,
        section.notes or [_("Nothing to report.")],
        section.text,
        widths=[SECTION_SHEET_WIDTH],
    )


def report_xlsx(report: Report) -> bytes:
    """One sheet per table: the report's title and month on top, a frozen header row, a bold totals row,
    and below it the notes the PDF prints; a section without tables gets a sheet with its message."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for section in report.sections:
        for index, table in enumerate(section.tables):
            _table_sheet(workbook, report, section, table, taken, first=index == 0)
        if not section.tables:
            _section_sheet(workbook, report, section, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# PDF ------------------------------------------------------------------------------------------


def display(value, column_kind: str) -> str:
    """A table cell on paper: rupiah, percentages and numbers the Indonesian way; a blank for unknown."""
    if value is None:
        return "—"
    if isinstance(value, str | Promise):
        return str(value)
    kind = _kind_of(value, column_kind)
    if kind == RUPIAH_KIND:
        return rupiah(value)
    if kind == PERCENT_KIND:
        return percent(float(value), fraction_digits=2)
    if kind == DECIMAL:
        return number(value, fraction_digits=0 if float(value).is_integer() else 2)
    if kind == COUNT:
        return number(value)
    return str(value)


def _printed_table(table: Table) -> dict:
    def cells(row: list) -> list[dict]:
        return [
            {"text": display(value, column.kind), "numeric": column.kind != TEXT}
            for value, column in zip(row, table.columns, strict=True)
        ]

    return {
        "title": table.title,
        "note": table.note,
        # Seven columns and more are set smaller, so that they fit the A4 text width.
        "wide": len(table.columns) > WIDE_TABLE_COLUMNS,
        "columns": [
            {
                "label": column.label,
                "numeric": column.kind != TEXT,
                # The workbook's column widths, shared out over the page width.
                "percent": round(column.width * 100 / sum(other.width for other in table.columns), 1),
            }
            for column in table.columns
        ],
        "rows": [cells(row) for row in table.rows],
        "total": cells(table.total) if table.total is not None else None,
    }


def logo_data_uri(letterhead: Letterhead | None) -> str:
    """The logo inlined, so that WeasyPrint reads it from memory and not from any URL."""
    if letterhead is None or not letterhead.logo:
        return ""
    with letterhead.logo.open("rb") as stored:
        content = stored.read()
    mime = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    letterhead = Letterhead.objects.with_scope(region=report.region.pk).filter(region=report.region).first()
    sections = [
        {
            "title": section.title,
            # A section with a table too wide for portrait is printed on landscape pages, heading included.
            "landscape": any(len(table.columns) > PORTRAIT_TABLE_COLUMNS for table in section.tables),
            "tables": [_printed_table(table) for table in section.tables],
            "charts": [Chart(chart.title, for_print(chart.svg)) for chart in section.charts],
            "notes": section.notes,
            "text": section.text,
        }
        for section in report.sections
    ]
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "report": report,
            "sections": sections,
            "letterhead": letterhead,
            "logo": logo_data_uri(letterhead),
            "generated": long_date(report.generated_at),
        },
    )
    return HTML(string=html).write_pdf()


def report_bytes(*, actor: Actor, region: Region, kind: str, period: Period, format: str) -> bytes:
    """The report file's content; the PDF needs WeasyPrint and Pango (`weasyprint_missing()`)."""
    with translation.override(LANGUAGE):
        report = report_content(actor=actor, region=region, kind=kind, period=period)
        return report_pdf(report) if format == Format.PDF else report_xlsx(report)


__all__ = ["CONTENT_TYPES", "report_bytes", "report_pdf", "report_xlsx", "weasyprint_missing"]
