"""Excel imports of ASN purchases and of SiRUP/SPSE-style procurement packages.

The same flow as the register import (docs/import.md): each file becomes a job whose rows are checked
and reported one by one before anything is written; the user then applies it "all or nothing" or
"valid rows only", and downloads the rejected rows with the reason beside each. The file is read by the
register's reader (type sniffing, zip-bomb and formula checks, header row search) with this module's own
column table, and every cell goes through the shared parsers and the purchasing services' own checks, so
a row is refused with the same code and message as the form and the API.

Files are small (one agency's or one region's year), so a job is checked and applied inline, in one
transaction, up to `IMPORT_MAX_ROWS` rows.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError, NotFound
from sahabat.purchasing.models import (
    Agency,
    ProcurementBudget,
    ProcurementPackage,
    Purchase,
    PurchasingImport,
    PurchasingImportRow,
)
from sahabat.purchasing.selectors import actor_agency, acts_for_every_agency, import_jobs_for
from sahabat.purchasing.services import _agency_for, nip_index, package_check, purchase_build, purchase_check
from sahabat.regions.models import Region
from sahabat.registry.imports import reader
from sahabat.registry.imports.columns import IGNORE, header_key
from sahabat.registry.imports.pipeline import rejection_reasons
from sahabat.registry.models import Enterprise, Licence
from sahabat.registry.parsing import (
    FORMULA_TRIGGERS,
    clean_text,
    is_blank,
    is_blank_row,
    is_total_row,
    parse_date,
    parse_digits,
    parse_rupiah,
    parse_year,
    refuse_formula,
)
from sahabat.registry.validators import NIP_LENGTH

Kind = PurchasingImport.Kind
Status = PurchasingImport.Status
Mode = PurchasingImport.Mode
Outcome = PurchasingImportRow.Outcome

# One agency's or one region's year fits easily; a bigger file is a sign of a wrong export.
IMPORT_MAX_ROWS = 5000
NIB_LENGTH = 13


@dataclass(frozen=True)
class Column:
    field: str
    label: Promise
    # The header of the downloadable template: Indonesian, as the files are written.
    header: str
    example: object
    synonyms: tuple[str, ...] = ()


AGENCY_COLUMN = Column(
    "agency",
    gettext_lazy("Agency"),
    "OPD",
    "Dinas Koperasi dan Usaha Mikro",
    (
        "opd",
        "kode opd",
        "nama opd",
        "perangkat daerah",
        "satuan kerja",
        "satker",
        "nama satker",
        "kode satker",
        "instansi",
        "unit kerja",
    ),
)

PURCHASE_COLUMNS: tuple[Column, ...] = (
    Column(
        "purchased_on",
        gettext_lazy("Date"),
        "Tanggal",
        "05-08-2023",
        (
            "tanggal",
            "tgl",
            "tanggal beli",
            "tanggal pembelian",
            "tanggal belanja",
            "tanggal transaksi",
            "tgl transaksi",
        ),
    ),
    Column(
        "buyer_nip",
        gettext_lazy("Buyer's NIP"),
        "NIP Pembeli",
        "198503122010012001",
        ("nip", "nip pembeli", "nip asn", "nip pegawai", "nomor induk pegawai"),
    ),
    AGENCY_COLUMN,
    Column(
        "nib",
        gettext_lazy("NIB of the UMKM"),
        "NIB UMKM",
        "9120001234567",
        ("nib", "nib umkm", "nib penjual", "nomor induk berusaha"),
    ),
    Column(
        "enterprise",
        gettext_lazy("Business name"),
        "Nama Usaha",
        "Warung Kopi Bu Sri",
        ("nama usaha", "nama umkm", "umkm", "nama toko", "penjual", "nama penjual"),
    ),
    Column(
        "amount",
        gettext_lazy("Amount"),
        "Nominal",
        "150 rb",
        (
            "nominal",
            "nilai",
            "nilai belanja",
            "jumlah belanja",
            "total belanja",
            "jumlah rp",
            "nominal rp",
            "harga",
        ),
    ),
    Column(
        "channel",
        gettext_lazy("Channel"),
        "Saluran",
        "Toko",
        ("saluran", "kanal", "tempat beli", "cara beli", "media"),
    ),
    Column(
        "description",
        gettext_lazy("Description"),
        "Keterangan",
        "Kopi bubuk 250 g",
        ("keterangan", "uraian", "barang", "deskripsi"),
    ),
)

PACKAGE_COLUMNS: tuple[Column, ...] = (
    Column(
        "rup_code",
        gettext_lazy("RUP code"),
        "Kode RUP",
        "41234567",
        ("kode rup", "kd rup", "id rup", "kode paket", "rup"),
    ),
    Column(
        "name",
        gettext_lazy("Package name"),
        "Nama Paket",
        "Belanja alat tulis kantor",
        ("nama paket", "paket", "nama paket pengadaan"),
    ),
    Column(
        "value",
        gettext_lazy("Package value (budget ceiling)"),
        "Pagu",
        "150 jt",
        ("pagu", "pagu rp", "pagu paket", "nilai pagu", "total pagu", "nilai paket"),
    ),
    Column(
        "method",
        gettext_lazy("Selection method"),
        "Metode Pemilihan",
        "Pengadaan Langsung",
        ("metode pemilihan", "metode pengadaan", "metode", "cara pengadaan"),
    ),
    Column(
        "realised",
        gettext_lazy("Realised spend"),
        "Realisasi",
        "120 jt",
        ("realisasi", "nilai realisasi", "realisasi rp", "total realisasi", "realisasi belanja"),
    ),
    Column(
        "reserved_for_small",
        gettext_lazy("Reserved for micro and small enterprises and cooperatives"),
        "Peruntukan Usaha Kecil",
        "Ya",
        (
            "peruntukan usaha kecil",
            "usaha kecil",
            "usaha kecil koperasi",
            "usaha kecil dan koperasi",
            "umk",
            "ukm",
            "paket umk",
            "peruntukan umk",
            "peruntukan ukm",
            "status ukm",
        ),
    ),
    Column(
        "supplier_nib",
        gettext_lazy("Supplier's NIB (UMKM)"),
        "NIB Penyedia",
        "",
        ("nib penyedia", "nib pemenang", "nib umkm penyedia"),
    ),
    Column(
        "year",
        gettext_lazy("Budget year"),
        "Tahun Anggaran",
        2023,
        ("tahun anggaran", "ta", "tahun", "tahun anggaran dipa"),
    ),
    AGENCY_COLUMN,
)

COLUMNS = {Kind.PURCHASES: PURCHASE_COLUMNS, Kind.PACKAGES: PACKAGE_COLUMNS}
# Known columns that are read past: running numbers, and SiRUP columns the 40% figures do not use.
IGNORED_HEADERS = (
    "no",
    "no urut",
    "nomor",
    "alasan penolakan",
    "sumber dana",
    "jenis pengadaan",
    "lokasi",
    "lokasi pekerjaan",
    "waktu pemilihan",
    "pemilihan",
    "produk dalam negeri",
    "pdn",
    "kabupaten kota",
    "provinsi",
)
# At least one of these names the enterprise of a purchase.
ENTERPRISE_FIELDS = ("nib", "enterprise")
REQUIRED = {
    Kind.PURCHASES: ("purchased_on", "buyer_nip", "amount"),
    Kind.PACKAGES: ("rup_code", "name", "value"),
}

CHANNEL_WORDS = {
    Purchase.Channel.SHOP: ("toko", "warung", "kios", "toko warung", "lapak", "pasar", "toko fisik", "shop"),
    Purchase.Channel.EVENT_BOOTH: (
        "iven",
        "event",
        "lapak iven",
        "stan iven",
        "stand",
        "stan",
        "booth",
        "pameran",
        "bazar",
        "expo",
    ),
    Purchase.Channel.ONLINE: (
        "toko daring",
        "daring",
        "online",
        "marketplace",
        "e katalog",
        "ekatalog",
        "aplikasi",
    ),
    Purchase.Channel.OTHER: ("lainnya", "lain lain", "lain", "other"),
}
METHOD_WORDS = {
    ProcurementPackage.Method.E_PURCHASING: (
        "e purchasing",
        "epurchasing",
        "e katalog",
        "katalog elektronik",
        "toko daring",
    ),
    ProcurementPackage.Method.DIRECT_PROCUREMENT: ("pengadaan langsung",),
    ProcurementPackage.Method.DIRECT_APPOINTMENT: ("penunjukan langsung",),
    ProcurementPackage.Method.TENDER: ("tender", "lelang"),
    ProcurementPackage.Method.QUICK_TENDER: ("tender cepat",),
    ProcurementPackage.Method.SELECTION: ("seleksi",),
    ProcurementPackage.Method.SELF_MANAGED: ("swakelola",),
    ProcurementPackage.Method.OTHER: ("dikecualikan", "kontes", "sayembara", "lainnya"),
}
YES_WORDS = ("ya", "y", "yes", "1", "benar", "umk", "ukm", "usaha kecil", "usaha kecil koperasi", "kecil")
NO_WORDS = ("tidak", "t", "no", "n", "0", "bukan", "non umk", "non ukm", "non usaha kecil", "non kecil")


def _words(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {header_key(word): value for value, words in table.items() for word in words}


CHANNELS, METHODS = _words(CHANNEL_WORDS), _words(METHOD_WORDS)
YES_NO = {**{header_key(word): True for word in YES_WORDS}, **{header_key(word): False for word in NO_WORDS}}


def _header_table(kind: str) -> dict[str, str]:
    table = {header_key(header): IGNORE for header in IGNORED_HEADERS}
    for column in COLUMNS[kind]:
        for spelling in (column.field, column.header, *column.synonyms):
            table[header_key(spelling)] = column.field
    return table


HEADERS = {kind: _header_table(kind) for kind in COLUMNS}


def header_field(kind: str) -> Callable[[object], str | None]:
    """What a header of this kind of file names (IGNORE for a known column that is not stored)."""
    table = HEADERS[kind]
    return lambda text: table.get(header_key(text))


def column_label(kind: str, name: str) -> str:
    return next(str(column.header) for column in COLUMNS[kind] if column.field == name)


# Rows ------------------------------------------------------------------------------------------------


@dataclass
class RowPlan:
    number: int
    cells: list
    outcome: str = Outcome.NEW
    label: str = ""
    errors: list[dict] = field(default_factory=list)
    # A purchase to insert, or a package to insert or update with the attributes that change.
    purchase: Purchase | None = None
    package: ProcurementPackage | None = None
    changed: tuple[str, ...] = ()

    def reject(self, error: DomainError | ValidationError, *, column: str = "") -> None:
        for detail in _details(error):
            self.errors.append({**detail, "column": detail.get("column") or column})
        self.outcome = Outcome.REJECTED


def _details(error: DomainError | ValidationError) -> list[dict]:
    if isinstance(error, DomainError):
        return [
            {"field": item.field or "", "code": item.code, "message": str(item.message)}
            for item in error.errors
        ]
    item = error.error_list[0]
    message = item.message % item.params if item.params else item.message
    return [{"field": "", "code": item.code or "invalid", "message": str(message)}]


@dataclass
class Analysis:
    plans: list[RowPlan]
    skipped: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for plan in self.plans if plan.outcome == outcome)


class AgencyIndex:
    """The region's agencies by code, name and short name, as cells write them."""

    def __init__(self, region: Region) -> None:
        self.agencies = list(
            Agency.objects.with_scope(region=region.pk).filter(is_active=True).select_related("region")
        )
        self.by_key: dict[str, Agency] = {}
        for agency in self.agencies:
            for text in (agency.code, agency.name, agency.short_name):
                if text:
                    self.by_key.setdefault(header_key(text), agency)

    def find(self, value: object) -> Agency | None:
        key = header_key(clean_text(value))
        if key in self.by_key:
            return self.by_key[key]
        # SiRUP writes the full name with the region after it: "Dinas Koperasi … Kabupaten Jember".
        prefixes = [
            (len(name), agency)
            for name, agency in self.by_key.items()
            if len(name) > 6 and key.startswith(name)
        ]
        return max(prefixes, key=lambda item: item[0])[1] if prefixes else None


class Analyser:
    """Plans every row of one file; writes nothing."""

    def __init__(self, *, job: PurchasingImport, table: reader.Table, actor_user_id: int | None) -> None:
        self.job = job
        self.table = table
        self.actor_user_id = actor_user_id
        lookup = header_field(job.kind)
        self.columns: dict[str, int] = {}
        for index, header in enumerate(table.headers):
            name = lookup(header) if header else None
            if name and name not in self.columns:
                self.columns[name] = index
        self.agencies = AgencyIndex(job.region)

    def _cell(self, cells: list, name: str) -> object:
        index = self.columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def _header(self, name: str) -> str:
        index = self.columns.get(name)
        return self.table.headers[index] if index is not None else ""

    def _parse(self, plan: RowPlan, name: str, parser, cells: list):
        index = self.columns.get(name)
        if index is not None and (plan.number, index) in self.table.formula_cells:
            plan.reject(
                ValidationError(
                    _(
                        "This cell holds a formula. Copy the column and paste it as values "
                        "(Paste Special → Values), then upload the file again."
                    ),
                    code="cell.formula",
                ),
                column=self._header(name),
            )
            return None
        try:
            return parser(self._cell(cells, name))
        except (ValidationError, DomainError) as error:
            plan.reject(error, column=self._header(name))
            return None

    def _text(self, value: object, limit: int) -> str:
        text = clean_text(value) if not is_blank(value) else ""
        if text.startswith(FORMULA_TRIGGERS):
            refuse_formula(text)
        if len(text) > limit:
            raise ValidationError(
                _("The text is longer than %(limit)d characters.") % {"limit": limit}, code="text.too_long"
            )
        return text

    def _required(self, plan: RowPlan, name: str, value: object) -> object:
        if (value is None or value == "") and not any(
            error["column"] == self._header(name) for error in plan.errors
        ):
            plan.reject(
                ValidationError(
                    _("%(column)s is required.") % {"column": self._header(name)}, code="cell.required"
                ),
                column=self._header(name),
            )
        return value

    def _agency(self, plan: RowPlan, cells: list) -> Agency | None:
        cell = self._cell(cells, "agency")
        fixed = self.job.agency
        if is_blank(cell):
            if fixed is None:
                plan.reject(
                    ValidationError(_("Name the row's agency (code or name)."), code="agency.required"),
                    column=self._header("agency") or str(AGENCY_COLUMN.header),
                )
            return fixed
        found = self.agencies.find(cell)
        if fixed is not None:
            if found is not None and found.pk != fixed.pk:
                plan.reject(
                    ValidationError(
                        _("This row is for %(other)s; this import is for %(agency)s.")
                        % {"other": found, "agency": fixed},
                        code="agency.other",
                    ),
                    column=self._header("agency"),
                )
            return fixed
        if found is None:
            plan.reject(
                ValidationError(
                    _("No agency of this region has the code or name “%(value)s”.")
                    % {"value": clean_text(cell)},
                    code="agency.unknown",
                ),
                column=self._header("agency"),
            )
        return found

    def run(self) -> Analysis:
        analysis = Analysis(plans=[])
        mapped = sorted(self.columns.values())
        rows = []
        for number, cells in self.table.rows:
            values = [cells[index] for index in mapped if index < len(cells)]
            if is_blank_row(values) or is_total_row(cells):
                analysis.skipped += 1
            else:
                rows.append(RowPlan(number=number, cells=cells))
        if self.job.kind == Kind.PURCHASES:
            PurchaseRows(self).plan(rows)
        else:
            PackageRows(self).plan(rows)
        analysis.plans = rows
        return analysis


def _nib(value: object) -> str | None:
    return parse_digits(value, length=NIB_LENGTH, field_code="nib", label="NIB")


def _enterprises_by_nib(nibs: set[str]) -> dict[str, list[Enterprise]]:
    found: dict[str, list[Enterprise]] = {}
    licences = (
        Licence.objects.with_scopes_disabled()
        .filter(type=Licence.Type.NIB, number__in=nibs)
        .select_related("enterprise", "enterprise__owner")
    )
    for licence in licences:
        found.setdefault(licence.number, []).append(licence.enterprise)
    return found


class PurchaseRows:
    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser

    def _channel(self, value: object) -> str:
        if is_blank(value):
            return Purchase.Channel.SHOP
        channel = CHANNELS.get(header_key(clean_text(value)))
        if channel is None:
            raise ValidationError(
                _("Unknown channel “%(value)s”. Write Toko, Iven, Toko Daring or Lainnya.")
                % {"value": clean_text(value)},
                code="purchase.channel",
            )
        return channel

    def plan(self, plans: list[RowPlan]) -> None:
        analyser = self.analyser
        parsed = []
        for plan in plans:
            cells = plan.cells
            values = {
                "purchased_on": analyser._parse(plan, "purchased_on", parse_date, cells),
                "buyer_nip": analyser._parse(
                    plan,
                    "buyer_nip",
                    lambda value: parse_digits(value, length=NIP_LENGTH, field_code="nip", label="NIP"),
                    cells,
                ),
                "nib": analyser._parse(plan, "nib", _nib, cells),
                "enterprise": analyser._parse(
                    plan, "enterprise", lambda value: analyser._text(value, 200), cells
                ),
                "amount": analyser._parse(plan, "amount", parse_rupiah, cells),
                "channel": analyser._parse(plan, "channel", self._channel, cells),
                "description": analyser._parse(
                    plan, "description", lambda value: analyser._text(value, 300), cells
                )
                or "",
            }
            for name in REQUIRED[Kind.PURCHASES]:
                analyser._required(plan, name, values[name])
            values["agency"] = analyser._agency(plan, cells)
            plan.label = values["enterprise"] or values["nib"] or ""
            parsed.append(values)
        by_nib = _enterprises_by_nib({values["nib"] for values in parsed if values["nib"]})
        names = {
            values["enterprise"].casefold() for values in parsed if values["enterprise"] and not values["nib"]
        }
        by_name: dict[str, list[Enterprise]] = {}
        if names:
            matches = (
                Enterprise.objects.with_scopes_disabled()
                .annotate(folded=Lower("name"))
                .filter(folded__in=names)
                .select_related("owner")
            )
            for enterprise in matches:
                by_name.setdefault(enterprise.name.casefold(), []).append(enterprise)
        existing = self._existing(parsed)
        seen: dict[tuple, int] = {}
        for plan, values in zip(plans, parsed, strict=True):
            enterprise = self._enterprise(plan, values, by_nib, by_name)
            if plan.outcome == Outcome.REJECTED or enterprise is None:
                continue
            plan.label = enterprise.name
            try:
                nip = purchase_check(
                    agency=values["agency"],
                    enterprise=enterprise,
                    purchased_on=values["purchased_on"],
                    buyer_nip=values["buyer_nip"],
                    amount=values["amount"],
                    channel=values["channel"],
                )
            except DomainError as error:
                field_name = error.errors[0].field or ""
                plan.reject(
                    error, column=analyser._header("nib" if field_name == "enterprise" else field_name)
                )
                continue
            key = (
                values["agency"].pk,
                enterprise.pk,
                values["purchased_on"],
                nip_index(nip),
                values["amount"],
            )
            if key in existing:
                plan.outcome = Outcome.UNCHANGED
                continue
            if key in seen:
                plan.reject(
                    ValidationError(
                        _("This row repeats row %(row)d (same date, buyer, UMKM and amount).")
                        % {"row": seen[key]},
                        code="purchase.duplicate_in_file",
                    )
                )
                continue
            seen[key] = plan.number
            plan.purchase = purchase_build(
                agency=values["agency"],
                enterprise=enterprise,
                purchased_on=values["purchased_on"],
                nip=nip,
                amount=values["amount"],
                description=values["description"],
                channel=values["channel"],
                source=Purchase.Source.IMPORT,
                recorded_by_id=analyser.actor_user_id,
            )

    def _enterprise(self, plan: RowPlan, values: dict, by_nib: dict, by_name: dict) -> Enterprise | None:
        analyser = self.analyser
        if values["nib"]:
            candidates = by_nib.get(values["nib"], [])
            column = analyser._header("nib")
            missing = _("No UMKM in the register has NIB %(nib)s.") % {"nib": values["nib"]}
        elif values["enterprise"]:
            candidates = by_name.get(values["enterprise"].casefold(), [])
            column = analyser._header("enterprise")
            missing = _("No UMKM in the register is called “%(name)s”. Give its NIB.") % {
                "name": values["enterprise"]
            }
        else:
            plan.reject(
                ValidationError(
                    _("Give the UMKM's NIB or its business name."), code="purchase.enterprise_required"
                ),
                column=analyser._header("nib") or analyser._header("enterprise"),
            )
            return None
        if not candidates:
            plan.reject(ValidationError(missing, code="purchase.enterprise_unknown"), column=column)
            return None
        if len(candidates) > 1:
            plan.reject(
                ValidationError(
                    _("%(count)d UMKM in the register match; give the NIB of the one meant.")
                    % {"count": len(candidates)},
                    code="purchase.enterprise_ambiguous",
                ),
                column=column,
            )
            return None
        return candidates[0]

    def _existing(self, parsed: list[dict]) -> set[tuple]:
        """Purchases already recorded on the file's dates: importing a file twice counts nothing twice."""
        dates = {values["purchased_on"] for values in parsed if isinstance(values["purchased_on"], date)}
        if not dates:
            return set()
        return set(
            Purchase.objects.with_scope(region=self.analyser.job.region_id)
            .filter(purchased_on__in=dates)
            .values_list("agency_id", "enterprise_id", "purchased_on", "buyer_nip_index", "amount")
        )


class PackageRows:
    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser

    @staticmethod
    def _rup_code(value: object) -> str | None:
        if is_blank(value):
            return None
        text = clean_text(value)
        if text.startswith(FORMULA_TRIGGERS):
            refuse_formula(text)
        if len(text) > 30:
            raise ValidationError(
                _("The RUP code is longer than 30 characters."), code="package.rup_code_length"
            )
        return text

    @staticmethod
    def _method(value: object) -> str | None:
        if is_blank(value):
            return None
        method = METHODS.get(header_key(clean_text(value)))
        if method is None:
            raise ValidationError(
                _(
                    "Unknown selection method “%(value)s”. Write e.g. E-Purchasing, Pengadaan Langsung, "
                    "Penunjukan Langsung, Tender, Tender Cepat, Seleksi or Swakelola."
                )
                % {"value": clean_text(value)},
                code="package.method",
            )
        return method

    @staticmethod
    def _yes_no(value: object) -> bool | None:
        if is_blank(value):
            return None
        answer = YES_NO.get(header_key(clean_text(value)))
        if answer is None:
            raise ValidationError(
                _("Write Ya or Tidak, not “%(value)s”.") % {"value": clean_text(value)}, code="package.yes_no"
            )
        return answer

    def plan(self, plans: list[RowPlan]) -> None:
        analyser = self.analyser
        job = analyser.job
        parsed = []
        for plan in plans:
            cells = plan.cells
            values = {
                "rup_code": analyser._parse(plan, "rup_code", self._rup_code, cells),
                "name": analyser._parse(plan, "name", lambda value: analyser._text(value, 300), cells),
                "value": analyser._parse(plan, "value", parse_rupiah, cells),
                "method": analyser._parse(plan, "method", self._method, cells),
                "realised": analyser._parse(plan, "realised", parse_rupiah, cells),
                "reserved_for_small": analyser._parse(plan, "reserved_for_small", self._yes_no, cells),
                "supplier_nib": analyser._parse(plan, "supplier_nib", _nib, cells),
                "year": analyser._parse(plan, "year", parse_year, cells),
            }
            for name in REQUIRED[Kind.PACKAGES]:
                analyser._required(plan, name, values[name])
            if values["year"] is not None and values["year"] != job.year:
                plan.reject(
                    ValidationError(
                        _("This row is for budget year %(row_year)s; this import is for %(year)s.")
                        % {"row_year": values["year"], "year": job.year},
                        code="package.other_year",
                    ),
                    column=analyser._header("year"),
                )
            values["agency"] = analyser._agency(plan, cells)
            plan.label = f"{values['rup_code'] or ''} {values['name'] or ''}".strip()
            parsed.append(values)
        agency_ids = {values["agency"].pk for values in parsed if values["agency"]}
        existing = {
            (package.agency_id, package.rup_code): package
            for package in ProcurementPackage.objects.with_scope(region=job.region_id).filter(
                agency_id__in=agency_ids, year=job.year
            )
        }
        budgeted = set(
            ProcurementBudget.objects.with_scope(region=job.region_id)
            .filter(agency_id__in=agency_ids, year=job.year)
            .values_list("agency_id", flat=True)
        )
        suppliers = _enterprises_by_nib(
            {values["supplier_nib"] for values in parsed if values["supplier_nib"]}
        )
        seen: dict[tuple, int] = {}
        for plan, values in zip(plans, parsed, strict=True):
            if plan.outcome == Outcome.REJECTED:
                continue
            key = (values["agency"].pk, values["rup_code"])
            if key in seen:
                plan.reject(
                    ValidationError(
                        _("This row repeats the RUP code of row %(row)d.") % {"row": seen[key]},
                        code="package.duplicate_in_file",
                    ),
                    column=analyser._header("rup_code"),
                )
                continue
            seen[key] = plan.number
            supplier = None
            if values["supplier_nib"]:
                candidates = suppliers.get(values["supplier_nib"], [])
                if len(candidates) != 1:
                    plan.reject(
                        ValidationError(
                            _(
                                "No single UMKM in the register has NIB %(nib)s. Leave the cell empty "
                                "when the supplier is not a registered UMKM."
                            )
                            % {"nib": values["supplier_nib"]},
                            code="package.supplier_unknown",
                        ),
                        column=analyser._header("supplier_nib"),
                    )
                    continue
                supplier = candidates[0]
            self._plan_package(
                plan, values, existing.get(key), supplier, has_budget=values["agency"].pk in budgeted
            )

    def _plan_package(self, plan: RowPlan, values: dict, current, supplier, *, has_budget: bool) -> None:
        job = self.analyser.job
        package = current or ProcurementPackage(
            agency=values["agency"],
            year=job.year,
            rup_code=values["rup_code"],
            realised=0,
            method=ProcurementPackage.Method.OTHER,
            reserved_for_small=False,
        )
        given = {"name": values["name"], "value": values["value"]}
        # A blank cell never clears what is already recorded.
        for name in ("method", "realised", "reserved_for_small"):
            if values[name] is not None:
                given[name] = values[name]
        if supplier is not None:
            given["supplier_id"] = supplier.pk
        changed = tuple(name for name, value in given.items() if getattr(package, name) != value)
        if current is not None:
            # Compared on a copy, so that a refused row leaves the loaded package as it is.
            package = ProcurementPackage(
                **{f.attname: getattr(current, f.attname) for f in current._meta.concrete_fields}
            )
        for name in changed:
            setattr(package, name, given[name])
        try:
            package_check(package, has_budget=has_budget)
        except DomainError as error:
            plan.reject(
                error, column=self.analyser._header("realised") if error.errors[0].field == "realised" else ""
            )
            return
        if current is None:
            plan.outcome = Outcome.NEW
        elif changed:
            plan.outcome = Outcome.UPDATE
        else:
            plan.outcome = Outcome.UNCHANGED
        plan.package, plan.changed = package, changed


# Jobs ------------------------------------------------------------------------------------------------


def _job_for(actor: Actor, job_id: int) -> PurchasingImport:
    job = import_jobs_for(actor).select_related("region", "agency").filter(pk=job_id).first()
    if job is None:
        raise NotFound("import.unknown", _("This import does not exist in your region."))
    return job


def _read(job: PurchasingImport, data: bytes, name: str) -> reader.Table:
    kind = reader.file_kind(name=name, head=data[:4096])
    try:
        table = reader.read_table(data, kind=kind, header_field=header_field(job.kind))
    except DomainError as error:
        if error.errors[0].code != "import.no_header":
            raise
        headers = ", ".join(column.header for column in COLUMNS[job.kind][:4])
        raise DomainError(
            "import.no_header",
            _(
                "No header row was found in the first rows of the file. The header row names the "
                "columns, e.g. %(headers)s. Download the template to see them."
            )
            % {"headers": headers},
            field="file",
            status=400,
        ) from None
    found = {header_field(job.kind)(header) for header in table.headers if header}
    missing = [column_label(job.kind, name) for name in REQUIRED[job.kind] if name not in found]
    if job.kind == Kind.PURCHASES and not found & set(ENTERPRISE_FIELDS):
        missing.append(f"{column_label(job.kind, 'nib')} / {column_label(job.kind, 'enterprise')}")
    if job.agency_id is None and "agency" not in found:
        missing.append(str(AGENCY_COLUMN.header))
    if missing:
        raise DomainError(
            "import.required_column",
            _("The file has no column for: %(columns)s.") % {"columns": ", ".join(missing)},
            field="file",
            status=400,
        )
    if table.row_count > IMPORT_MAX_ROWS:
        raise DomainError(
            "import.too_many_rows",
            _("The file has more than %(limit)d rows. Split it into smaller files.")
            % {"limit": IMPORT_MAX_ROWS},
            field="file",
            status=400,
        )
    return table


def _stored(job: PurchasingImport) -> bytes:
    if not job.file:
        raise DomainError(
            "import.file_gone", _("The uploaded file is no longer stored. Upload it again."), status=409
        )
    with job.file.open("rb") as stored:
        return stored.read()


def _row(job: PurchasingImport, plan: RowPlan, *, applied: bool) -> PurchasingImportRow:
    rejected = plan.outcome == Outcome.REJECTED
    return PurchasingImportRow(
        job=job,
        row_number=plan.number,
        outcome=plan.outcome,
        label=plan.label[:300],
        errors=plan.errors,
        # Only rejected rows keep their cells (they may hold NIPs): for the rejected-rows download.
        raw_values=json.dumps([reader.cell_for_json(cell) for cell in plan.cells], default=str)
        if rejected
        else "",
        applied=applied and plan.outcome in (Outcome.NEW, Outcome.UPDATE),
    )


def _store(job: PurchasingImport, analysis: Analysis, *, applied: bool) -> None:
    rows = PurchasingImportRow.objects.with_scope(region=job.region_id)
    rows.filter(job=job).delete()
    rows.bulk_create([_row(job, plan, applied=applied) for plan in analysis.plans])
    job.total_rows = len(analysis.plans)
    job.rejected_rows = analysis.count(Outcome.REJECTED)
    job.skipped_rows = analysis.skipped


def _forget_upload(job: PurchasingImport) -> None:
    if job.file:
        job.file.delete(save=False)
        job.file = ""


@transaction.atomic
def import_job_create(
    *,
    actor: Actor,
    region: Region,
    kind: str,
    upload,
    agency_id: int | None = None,
    year: int | None = None,
) -> PurchasingImport:
    """Check an uploaded file row by row and keep the report; nothing else is written yet.

    A focal point imports for its own agency only; admins and officers for one agency, or for the
    whole region when the file names each row's agency.
    """
    actor.require(Perm.PROCUREMENT_MANAGE, region.pk)
    if kind not in Kind.values:
        raise DomainError("import.kind", _("Choose what the file holds."), field="kind")
    if agency_id:
        agency = _agency_for(actor, agency_id, Perm.PROCUREMENT_MANAGE)
        if agency.region_id != region.pk:
            raise NotFound("agency.unknown", _("This agency does not exist in your region."))
    elif acts_for_every_agency(actor=actor, region=region):
        agency = None
    else:
        agency = actor_agency(actor=actor, region=region)
        if agency is None:
            raise DomainError(
                "agency.not_linked",
                _("Your login is not linked to an agency. Ask the region admin."),
                field="agency",
            )
    if kind == Kind.PACKAGES:
        if year is None or not 2018 <= year <= 2100:
            raise DomainError("import.year", _("Enter the budget year of the packages."), field="year")
        if (
            agency is not None
            and not ProcurementBudget.objects.with_scope(region=region.pk)
            .filter(agency=agency, year=year)
            .exists()
        ):
            raise DomainError(
                "package.no_budget",
                _("Enter the agency's goods and services budget for %(year)s first.") % {"year": year},
                field="year",
            )
    reader.check_size(upload.size)
    upload.seek(0)
    data = upload.read(reader.IMPORT_MAX_UPLOAD_BYTES + 1)
    reader.check_size(len(data))
    job = PurchasingImport(
        region=region,
        kind=kind,
        agency=agency,
        year=year if kind == Kind.PACKAGES else None,
        created_by_id=actor.user_id,
        original_name=(upload.name or "")[:255],
    )
    table = _read(job, data, upload.name or "")
    job.headers = table.headers
    job.file.save(
        f"upload.{reader.file_kind(name=upload.name or '', head=data[:4096])}", ContentFile(data), save=False
    )
    job.save()
    _store(job, Analyser(job=job, table=table, actor_user_id=actor.user_id).run(), applied=False)
    job.save()
    return job


def import_job_apply(*, actor: Actor, job_id: int, mode: str) -> PurchasingImport:
    """Check the file again against what is recorded now, then write it in the chosen mode."""
    job = _job_for(actor, job_id)
    if mode not in Mode.values:
        raise DomainError("import.mode", _("Choose “all or nothing” or “valid rows only”."), field="mode")
    with transaction.atomic():
        # Locked (PostgreSQL) or serialised by the write transaction (SQLite): two clicks apply once.
        job = (
            PurchasingImport.objects.with_scope(region=job.region_id)
            .select_for_update(of=("self",))
            .select_related("region", "agency")
            .get(pk=job.pk)
        )
        if job.status != Status.PREVIEWED:
            raise DomainError(
                "import.not_ready",
                _("This import is not ready to be applied (status: %(status)s).")
                % {"status": job.get_status_display()},
                status=409,
            )
        table = _read(job, _stored(job), job.file.name)
        analysis = Analyser(job=job, table=table, actor_user_id=actor.user_id).run()
        job.mode = mode
        rejected = analysis.count(Outcome.REJECTED)
        if mode == Mode.ALL_OR_NOTHING and rejected:
            _store(job, analysis, applied=False)
            job.status = Status.NOT_APPLIED
            job.error = _(
                "Nothing was written: %(count)d rows were rejected and the mode is “all or nothing”. "
                "Download the rejected rows, correct them and upload the file again."
            ) % {"count": rejected}
        else:
            _write(job, analysis)
            _store(job, analysis, applied=True)
            job.status = Status.APPLIED
        _forget_upload(job)
        job.finished_at = timezone.now()
        job.save()
    return job


def _write(job: PurchasingImport, analysis: Analysis) -> None:
    purchases = [plan.purchase for plan in analysis.plans if plan.outcome == Outcome.NEW and plan.purchase]
    Purchase.objects.with_scope(region=job.region_id).bulk_create(purchases)
    packages = ProcurementPackage.objects.with_scope(region=job.region_id)
    new = [plan.package for plan in analysis.plans if plan.outcome == Outcome.NEW and plan.package]
    packages.bulk_create(new)
    updated = [plan for plan in analysis.plans if plan.outcome == Outcome.UPDATE]
    if updated:
        fields = sorted({name for plan in updated for name in plan.changed})
        packages.bulk_update([plan.package for plan in updated], fields)
    job.created_count = len(purchases) + len(new)
    job.updated_count = len(updated)


@transaction.atomic
def import_job_cancel(*, actor: Actor, job_id: int) -> PurchasingImport:
    """Drop an import that was not applied: the upload and the rejected rows' original values go."""
    job = _job_for(actor, job_id)
    if job.status != Status.PREVIEWED:
        raise DomainError("import.not_cancellable", _("This import can no longer be cancelled."), status=409)
    _forget_upload(job)
    PurchasingImportRow.objects.with_scope(region=job.region_id).filter(job=job).update(raw_values="")
    job.status = Status.CANCELLED
    job.finished_at = timezone.now()
    job.save()
    return job


def rejected_reasons(row: PurchasingImportRow) -> str:
    return rejection_reasons(row.errors)


def rejected_cells(job: PurchasingImport, row: PurchasingImportRow) -> list[Any]:
    width = len(job.headers)
    cells = json.loads(row.raw_values) if row.raw_values else []
    return (cells + [None] * width)[:width]
