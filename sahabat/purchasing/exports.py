"""Excel files of purchasing: the leaderboard, the purchases (NIP masked), and the import templates.

Every text cell is neutralised against formula injection (OWASP "CSV injection"): agency names,
descriptions and enterprise names are typed or imported by many hands.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sahabat.purchasing.imports import COLUMNS, rejected_cells, rejected_reasons
from sahabat.purchasing.models import Purchase, PurchasingImport, PurchasingImportRow
from sahabat.purchasing.selectors import Leaderboard
from sahabat.regions.models import Region
from sahabat.registry.imports.files import REASON_HEADER, XLSX_CONTENT_TYPE
from sahabat.registry.parsing import neutralise_for_spreadsheet

RUPIAH_FORMAT = '"Rp"#,##0'
PERCENT_FORMAT = '0.00"%"'
DATE_FORMAT = "DD-MM-YYYY"
# Sheet names of the templates stay Indonesian whatever the page language: they are the files' format.
TEMPLATE_SHEETS = {
    PurchasingImport.Kind.PACKAGES: "Paket RUP",
    PurchasingImport.Kind.PURCHASES: "Belanja ASN",
}


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cell(sheet, value, number_format: str = "", bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=neutralise_for_spreadsheet(value) if isinstance(value, str) else value)
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(workbook: Workbook, title: str, headers: Iterable[str], widths: Iterable[int]):
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_cell(sheet, str(header), bold=True) for header in headers])
    return sheet


def _saved(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def leaderboard_xlsx(board: Leaderboard, *, region: Region) -> bytes:
    """One row per agency in the page's order, then the region's totals; shares are blank without a budget."""
    workbook = Workbook(write_only=True)
    headers = [
        _("Rank"),
        _("Code"),
        _("Agency"),
        _("Number of ASN"),
        _("ASN purchases (Rp)"),
        _("Purchases per ASN (Rp)"),
        _("Goods and services budget (Rp)"),
        _("Reserved for small enterprises (Rp)"),
        _("Planned (%)"),
        _("Realised for small enterprises (Rp)"),
        _("Realised (%)"),
        _("Below the 40% floor"),
    ]
    sheet = _sheet(workbook, str(board.year), headers, [8, 12, 42, 10, 18, 16, 20, 20, 11, 20, 11, 14])

    def flag(commitment) -> str:
        if not commitment.has_budget:
            return _("No budget")
        return _("Yes") if commitment.realised_below_floor else _("No")

    for row in board.rows:
        standing, commitment = row.standing, row.standing.commitment
        sheet.append(
            [
                _cell(sheet, row.rank),
                _cell(sheet, standing.agency.code),
                _cell(sheet, standing.agency.name),
                _cell(sheet, standing.agency.asn_count),
                _cell(sheet, standing.asn_purchases, RUPIAH_FORMAT),
                _cell(sheet, standing.purchases_per_asn, RUPIAH_FORMAT),
                _cell(sheet, commitment.budget, RUPIAH_FORMAT),
                _cell(sheet, commitment.reserved_value, RUPIAH_FORMAT),
                _cell(sheet, commitment.planned_share, PERCENT_FORMAT),
                _cell(sheet, commitment.reserved_realised, RUPIAH_FORMAT),
                _cell(sheet, commitment.realised_share, PERCENT_FORMAT),
                _cell(sheet, flag(commitment)),
            ]
        )
    total = board.total
    sheet.append(
        [
            _cell(sheet, None),
            _cell(sheet, region.code),
            _cell(sheet, _("%(region)s, all agencies") % {"region": region.name}, bold=True),
            _cell(sheet, board.asn_count),
            _cell(sheet, board.spending.recorded, RUPIAH_FORMAT),
            _cell(sheet, board.recorded_per_asn, RUPIAH_FORMAT),
            _cell(sheet, total.budget, RUPIAH_FORMAT),
            _cell(sheet, total.reserved_value, RUPIAH_FORMAT),
            _cell(sheet, total.planned_share, PERCENT_FORMAT),
            _cell(sheet, total.reserved_realised, RUPIAH_FORMAT),
            _cell(sheet, total.realised_share, PERCENT_FORMAT),
            _cell(sheet, flag(total)),
        ]
    )
    # Event sales to ASN have no agency: they are a line of their own, never added to an agency.
    sheet.append(
        [
            _cell(sheet, None),
            _cell(sheet, None),
            _cell(sheet, _("ASN purchases at events")),
            _cell(sheet, None),
            _cell(sheet, board.spending.at_events, RUPIAH_FORMAT),
        ]
    )
    return _saved(workbook)


def purchases_xlsx(purchases: Iterable[Purchase]) -> bytes:
    """The listed purchases; the NIP appears masked only, as on the page."""
    workbook = Workbook(write_only=True)
    headers = [
        _("Date"),
        _("Agency"),
        _("Buyer's NIP (masked)"),
        _("UMKM"),
        _("Region of the UMKM"),
        _("Channel"),
        _("Amount (Rp)"),
        _("Description"),
        _("Recorded through"),
    ]
    sheet = _sheet(workbook, _("ASN purchases"), headers, [12, 36, 22, 34, 20, 22, 16, 36, 18])
    for purchase in purchases:
        sheet.append(
            [
                _cell(sheet, purchase.purchased_on, DATE_FORMAT),
                _cell(sheet, purchase.agency.name),
                _cell(sheet, purchase.buyer_nip_masked),
                _cell(sheet, purchase.enterprise.name),
                _cell(sheet, purchase.enterprise.region.name),
                _cell(sheet, str(purchase.get_channel_display())),
                _cell(sheet, purchase.amount, RUPIAH_FORMAT),
                _cell(sheet, purchase.description),
                _cell(sheet, str(purchase.get_source_display())),
            ]
        )
    return _saved(workbook)


def import_template_xlsx(kind: str) -> bytes:
    """Every column the import reads, with one example row; identifiers are text, so Excel keeps digits."""
    workbook = Workbook(write_only=True)
    columns = COLUMNS[kind]
    sheet = _sheet(
        workbook,
        TEMPLATE_SHEETS[kind],
        [c.header for c in columns],
        [22] * len(columns),
    )
    example = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.example)
        if isinstance(column.example, str):
            cell.number_format = "@"
        example.append(cell)
    sheet.append(example)
    return _saved(workbook)


def rejected_rows_xlsx(job: PurchasingImport, rows: Iterable[PurchasingImportRow]) -> bytes:
    """The rejected rows as uploaded, with the reasons beside each; fixed, the file can be uploaded again."""
    workbook = Workbook(write_only=True)
    sheet = _sheet(workbook, "Ditolak", [*job.headers, REASON_HEADER], [18] * (len(job.headers) + 1))
    for row in rows:
        sheet.append(
            [
                *(_cell(sheet, value) for value in rejected_cells(job, row)),
                _cell(sheet, rejected_reasons(row)),
            ]
        )
    return _saved(workbook)
