"""Exports of the filtered register to Excel and CSV.

Personal data is masked by default (masked NIK, no phone, e-mail or address of the owner). The
unmasked export needs PERSONAL_EXPORT and is written to the access log. Every text cell is
neutralised against formula injection (OWASP "CSV injection"), because the register holds text
typed or imported by many hands and a spreadsheet would evaluate a cell starting with "=".
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import AccessLog
from sahabat.accounts.permissions import Perm
from sahabat.accounts.services import access_log_record
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence
from sahabat.registry.parsing import neutralise_for_spreadsheet
from sahabat.registry.selectors import EnterpriseFilters, enterprise_list

FORMATS = ("xlsx", "csv")
RUPIAH_FORMAT = '"Rp"#,##0'
DATE_FORMAT = "DD-MM-YYYY"
# Rows fetched from the database at a time: the export never holds the whole register in memory.
CHUNK_SIZE = 500


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Enterprise], object]
    width: int = 14
    money: bool = False


def _owner(attribute: str) -> Callable[[Enterprise], object]:
    return lambda enterprise: getattr(enterprise.owner, attribute) if enterprise.owner else ""


def _licence_numbers(enterprise: Enterprise, *, nib: bool) -> str:
    licences = [licence for licence in enterprise.licences.all() if (licence.type == Licence.Type.NIB) == nib]
    if nib:
        return ", ".join(licence.number for licence in licences)
    return "; ".join(f"{licence.get_type_display()} {licence.number}" for licence in licences)


def _columns(*, personal: bool, region: Region) -> list[Column]:
    columns = [
        Column(gettext_lazy("Business name"), lambda e: e.name, 32),
        Column(gettext_lazy("Brand"), lambda e: e.brand, 20),
        Column(gettext_lazy("Owner"), _owner("name"), 26),
        Column(gettext_lazy("NIK (masked)"), _owner("nik_masked"), 20),
        Column(gettext_lazy("Owner's sex"), lambda e: e.owner.get_sex_display() if e.owner else "", 12),
    ]
    if personal:
        columns += [
            Column(gettext_lazy("NIK"), _owner("nik"), 20),
            Column(gettext_lazy("Owner's birth date"), _owner("birth_date"), 14),
            Column(gettext_lazy("Owner's phone"), _owner("phone"), 16),
            Column(gettext_lazy("Owner's e-mail"), _owner("email"), 24),
            Column(gettext_lazy("Owner's home address"), _owner("address"), 32),
            Column(gettext_lazy("Business phone (WhatsApp)"), lambda e: e.business_phone, 18),
        ]
    columns += [
        Column(gettext_lazy("District"), lambda e: e.district.name if e.district else "", 18),
        Column(gettext_lazy("Village"), lambda e: e.village.name if e.village else "", 18),
        Column(gettext_lazy("Business address"), lambda e: e.address, 32),
        Column(gettext_lazy("RT"), lambda e: e.rt, 6),
        Column(gettext_lazy("RW"), lambda e: e.rw, 6),
        Column(gettext_lazy("Sector"), lambda e: e.get_sector_display(), 20),
        Column(gettext_lazy("KBLI codes"), lambda e: ", ".join(e.kbli_codes), 16),
        Column(gettext_lazy("KBLI version"), lambda e: e.kbli_version, 10),
        Column(gettext_lazy("Business capital (Rp)"), lambda e: e.capital, 18, money=True),
        Column(gettext_lazy("Annual turnover (Rp)"), lambda e: e.annual_turnover, 18, money=True),
        Column(gettext_lazy("Reported scale"), lambda e: e.get_reported_scale_display(), 12),
        Column(gettext_lazy("Computed scale (PP 7/2021)"), lambda e: e.get_computed_scale_display(), 14),
        Column(gettext_lazy("Male workers"), lambda e: e.workers_male, 10),
        Column(gettext_lazy("Female workers"), lambda e: e.workers_female, 10),
        Column(gettext_lazy("Workers, sex not recorded"), lambda e: e.workers_unspecified, 10),
        Column(gettext_lazy("Founding year"), lambda e: e.founding_year, 10),
        Column(gettext_lazy("NIB"), lambda e: _licence_numbers(e, nib=True), 16),
        Column(gettext_lazy("Other licences"), lambda e: _licence_numbers(e, nib=False), 32),
        Column(gettext_lazy("Status"), lambda e: e.get_status_display(), 10),
        Column(
            gettext_lazy("Registered on"),
            lambda e: timezone.localtime(e.created_at, region.tzinfo).date(),
            14,
        ),
    ]
    return columns


def _cell(value: object) -> object:
    """Numbers and dates stay typed; every text is neutralised so that no cell is ever a formula."""
    if value is None:
        return ""
    if isinstance(value, int | date):
        return value
    return neutralise_for_spreadsheet(str(value))


@dataclass(frozen=True)
class Export:
    filename: str
    content_type: str
    # CSV is streamed line by line; the workbook is written to a temporary file first.
    chunks: Iterator[bytes] | None = None
    file: IO[bytes] | None = None


def enterprise_export(
    *,
    actor: Actor,
    region: Region,
    filters: EnterpriseFilters,
    file_format: str,
    personal: bool = False,
    ip_address: str | None = None,
) -> Export:
    """The register as the list shows it (same search and filters), as .xlsx or .csv."""
    actor.require(Perm.REGISTRY_VIEW, region.pk)
    if file_format not in FORMATS:
        raise ValueError(f"Unknown export format {file_format!r}")
    enterprises = enterprise_list(actor=actor, region=region, filters=filters)
    if personal:
        actor.require(Perm.PERSONAL_EXPORT, region.pk)
        shown = {name: value for name, value in asdict(filters).items() if value not in ("", None)}
        access_log_record(
            actor=actor,
            region_id=region.pk,
            action=AccessLog.Action.EXPORT,
            object_type="registry.enterprise",
            detail=f"rows={enterprises.count()} format={file_format} filters={shown}",
            ip_address=ip_address,
        )
    columns = _columns(personal=personal, region=region)
    today = timezone.localdate(timezone=region.tzinfo)
    filename = f"umkm-{region.code}-{today:%Y-%m-%d}{'-data-pribadi' if personal else ''}.{file_format}"
    rows = (
        [_cell(column.value(enterprise)) for column in columns]
        for enterprise in enterprises.iterator(chunk_size=CHUNK_SIZE)
    )
    if file_format == "csv":
        return Export(filename, "text/csv; charset=utf-8", chunks=_csv_chunks(columns, rows))
    return Export(
        filename,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        file=_workbook(columns, rows),
    )


class _Line:
    """A file-like target for csv.writer that hands back each line instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def _csv_chunks(columns: list[Column], rows: Iterator[list]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    # The byte order mark makes Excel read the file as UTF-8.
    yield "\ufeff".encode()
    yield writer.writerow([neutralise_for_spreadsheet(str(column.header)) for column in columns]).encode()
    for row in rows:
        yield writer.writerow(row).encode()


def _workbook(columns: list[Column], rows: Iterator[list]) -> IO[bytes]:
    # Write-only mode keeps rows on disk as they come, so a large register does not fill memory.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("UMKM")
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralise_for_spreadsheet(str(column.header)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            if (column.money and value != "") or isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = RUPIAH_FORMAT if column.money else DATE_FORMAT
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)
    # Not a context manager: the response streams the file and closes it when sent.
    target = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(target)
    target.seek(0)
    return target
