"""Turn one spreadsheet row into register values, or into the reasons it is refused.

Every value goes through the shared parsers and validators (`registry.parsing`, `registry.validators`,
`registry.services.owner_prepare`), so a row gets the same code and Indonesian message as the form and
the API. Values that repeat down a column (districts, villages, sectors) are looked up once per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.core.errors import DomainError
from sahabat.regions.models import Region
from sahabat.regions.selectors import RegionIndex
from sahabat.registry.imports import bulk
from sahabat.registry.imports.columns import COLUMNS_BY_FIELD, header_key
from sahabat.registry.models import Owner, Sector
from sahabat.registry.parsing import (
    BLANK_MARKERS,
    FORMULA_TRIGGERS,
    clean_text,
    is_blank_row,
    is_total_row,
    parse_digits,
    parse_int,
    parse_rt_rw,
    parse_rupiah,
    parse_year,
    refuse_formula,
)
from sahabat.registry.scale import Scale
from sahabat.registry.services import OwnerData, owner_prepare
from sahabat.registry.validators import NIB_LENGTH, NIK_LENGTH, phone_normalize, validate_kbli

# OSS issues NIBs with KBLI 2020 codes; a file without a "Versi KBLI" column is read as that edition.
IMPORT_DEFAULT_KBLI_VERSION = 2020
POSTAL_CODE_LENGTH = 5
RT_RW_MAX = 999

# Lengths of the register's text fields (models.enterprises); a longer cell is refused, never cut.
TEXT_LIMITS = {
    "name": 200,
    "brand": 200,
    "address": 300,
    "description": 1000,
    "owner_name": 150,
    "owner_address": 300,
    "email": 254,
}

# Words Dinas staff write for each sector, folded by header_key (lower case, letters and digits only).
SECTOR_WORDS = {
    Sector.FOOD: (
        "kuliner",
        "makanan",
        "minuman",
        "makanan dan minuman",
        "makanan minuman",
        "mamin",
        "food",
        "food and beverage",
        "fnb",
        "olahan pangan",
        "pangan",
        "boga",
    ),
    Sector.FASHION: ("fashion", "fesyen", "busana", "pakaian", "konveksi", "garmen", "batik", "tekstil"),
    Sector.CRAFT: (
        "kerajinan",
        "kriya",
        "craft",
        "handicraft",
        "kerajinan tangan",
        "souvenir",
        "cenderamata",
    ),
    Sector.AGRICULTURE: (
        "pertanian",
        "perkebunan",
        "kehutanan",
        "agribisnis",
        "hortikultura",
        "pertanian perkebunan dan kehutanan",
        "agriculture",
    ),
    Sector.FISHERY: ("perikanan", "budidaya ikan", "fishery"),
    Sector.LIVESTOCK: ("peternakan", "ternak", "livestock"),
    Sector.MANUFACTURING: ("industri", "industri pengolahan", "manufaktur", "pengolahan", "manufacturing"),
    Sector.TRADE: ("perdagangan", "dagang", "toko", "warung", "ritel", "retail", "kelontong", "trade"),
    Sector.SERVICES: ("jasa", "layanan", "services", "service"),
    Sector.OTHER: ("lainnya", "lain lain", "other", "umum"),
}
SCALE_WORDS = {
    Scale.MICRO: ("mikro", "usaha mikro", "micro", "umi"),
    Scale.SMALL: ("kecil", "usaha kecil", "small", "uk"),
    Scale.MEDIUM: ("menengah", "usaha menengah", "medium"),
    Scale.LARGE: ("besar", "usaha besar", "large"),
}
SEX_WORDS = {
    Owner.Sex.MALE: ("l", "lk", "laki laki", "laki", "pria", "m", "male"),
    Owner.Sex.FEMALE: ("p", "pr", "perempuan", "wanita", "w", "f", "female"),
}
YES_WORDS = frozenset(
    header_key(word)
    for word in ("ya", "y", "yes", "1", "true", "ada", "benar", "disabilitas", "penyandang disabilitas")
)
NO_WORDS = frozenset(
    header_key(word)
    for word in (
        "tidak",
        "t",
        "tdk",
        "no",
        "n",
        "0",
        "false",
        "tidak ada",
        "bukan",
        "non disabilitas",
        "normal",
    )
)
# A named kind of disability ("Tuna daksa", "Fisik") also says yes.
DISABILITY_KINDS = (
    "tuna",
    "fisik",
    "netra",
    "rungu",
    "wicara",
    "daksa",
    "grahita",
    "intelektual",
    "mental",
    "sensorik",
    "ganda",
)
_KBLI_SEPARATORS = re.compile(r"[,;/\s]+")
# Any word a total row's label could hold; rows without one are not total rows (see is_total_row).
_TOTAL_HINTS = ("jml", "jumlah", "total")


def _clean(value: object) -> str:
    """`clean_text`, with a shortcut for ASCII text (most cells), for which it gives the same result.

    NFKC leaves ASCII as it is and ASCII holds no invisible format characters, so only the whitespace
    folding and Excel's apostrophe remain.
    """
    if type(value) is str and value.isascii():
        text = " ".join(value.split())
        return text[1:].lstrip() if text.startswith("'") else text
    return clean_text(value)


def _identifier(value: object, *, length: int, field_code: str, label: str) -> str | None:
    """Most identifier cells are already clean digits, some after Excel's apostrophe (which parse_digits
    drops too); anything else goes through the shared parser."""
    if isinstance(value, str):
        text = value[1:] if value.startswith("'") else value
        if len(text) == length and text.isascii() and text.isdigit():
            return text
    return parse_digits(value, length=length, field_code=field_code, label=label)


def _surely_filled(value: object) -> bool:
    """True when a cell cannot be blank: a number, or text longer than any blank marker ("-", "—")."""
    if isinstance(value, str):
        return len(value) > 2 and not value.isspace() and value.isprintable()
    return value is not None


# Owner attributes an import row can give, and the field (column) each one comes from.
OWNER_FIELDS = {
    "name": "owner_name",
    "nik": "nik",
    "phone": "phone",
    "email": "email",
    "address": "owner_address",
    "has_disability": "has_disability",
    "sex": "sex",
}


def _words(table: dict) -> dict[str, str]:
    return {header_key(word): value for value, words in table.items() for word in words}


SECTORS, SCALES, SEXES = _words(SECTOR_WORDS), _words(SCALE_WORDS), _words(SEX_WORDS)


@dataclass(slots=True)
class RowError:
    field: str
    column: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "column": self.column, "code": self.code, "message": self.message}


@dataclass(slots=True)
class ParsedRow:
    number: int
    cells: list
    label: str = ""
    # Enterprise attributes read from cells that hold a value; an empty cell never clears a register value.
    enterprise: dict[str, Any] = field(default_factory=dict)
    # The owner as the row gives it (unsaved, identifiers checked and indexed), and which of its
    # attributes the row actually gave.
    owner: Owner | None = None
    owner_given: frozenset[str] = frozenset()
    nib: str = ""
    errors: list[RowError] = field(default_factory=list)


def _message(error: ValidationError) -> tuple[str, str]:
    item = error.error_list[0] if hasattr(error, "error_list") else error
    message = item.message % item.params if item.params else item.message
    return item.code or "invalid", str(message)


class RowParser:
    """Parses the data rows of one file for one region, with the column mapping the user confirmed."""

    SKIPPED_BLANK, SKIPPED_TOTAL = "blank", "total"

    def __init__(
        self,
        *,
        region: Region,
        region_index: RegionIndex,
        mapping: dict[int, str],
        headers: list[str],
        formula_cells: set[tuple[int, int]] = frozenset(),
    ) -> None:
        self.region = region
        self.index = region_index
        self.columns = sorted((index, name) for index, name in mapping.items() if name)
        self.header = {name: headers[index] if index < len(headers) else "" for index, name in self.columns}
        self.formula_cells = formula_cells
        self.now = timezone.now()
        self.this_year = self.now.year
        self._memo: dict[tuple, Any] = {}

    def skip_reason(self, cells: list) -> str | None:
        """Rows that are not enterprises: blank in every mapped column, or a "Jumlah"/"Total" row."""
        # The shared checks are thorough and slow; most rows are ruled out by a glance first.
        # One look over the row's text (lower case; the words cannot span the separator) says the same
        # as a case-insensitive search of each cell.
        text = "\x00".join([value for value in cells if isinstance(value, str)]).lower()
        if any(word in text for word in _TOTAL_HINTS) and is_total_row(cells):
            return self.SKIPPED_TOTAL
        width = len(cells)
        for index, _name in self.columns:
            if index < width and _surely_filled(cells[index]):
                return None
        mapped = [cells[index] for index, _name in self.columns if index < width]
        if is_blank_row(mapped):
            return self.SKIPPED_BLANK
        return None

    def _remember(self, key: tuple, compute):
        """Values repeat down a column (districts, sectors): each distinct cell is looked up once per file."""
        try:
            return self._memo[key]
        except KeyError:
            found = self._memo[key] = compute()
            return found

    def _error(self, row: ParsedRow, name: str, code: str, message: str) -> None:
        row.errors.append(RowError(field=name, column=self.header.get(name, ""), code=code, message=message))

    def _failed(self, row: ParsedRow, name: str, error: ValidationError) -> None:
        self._error(row, name, *_message(error))

    def parse(self, number: int, cells: list) -> ParsedRow:
        row = ParsedRow(number=number, cells=cells)
        values: dict[str, object] = {}
        formula_cells, width = self.formula_cells, len(cells)
        for index, name in self.columns:
            value = cells[index] if index < width else None
            if formula_cells and (number, index) in formula_cells:
                self._error(
                    row,
                    name,
                    "cell.formula",
                    _(
                        "This cell holds a formula. Copy the column and paste it as values "
                        "(Paste Special → Values), then upload the file again."
                    ),
                )
            elif value is None:
                continue
            elif (
                not isinstance(value, str)
                # _surely_filled, then is_blank, written out: this runs for every cell of the file.
                or (len(value) > 2 and value.isprintable() and not value.isspace())
                or _clean(value) not in BLANK_MARKERS
            ):
                values[name] = value
        self._enterprise(row, values)
        self._owner(row, values)
        return row

    # Enterprise values ---------------------------------------------------------------------------

    def _text(self, row: ParsedRow, name: str, value: object) -> str | None:
        text = _clean(value)
        try:
            # Only text starting with a trigger can be a formula; the check itself is the shared one.
            if text.startswith(FORMULA_TRIGGERS):
                refuse_formula(text)
        except ValidationError as error:
            self._failed(row, name, error)
            return None
        limit = TEXT_LIMITS.get(name)
        if limit and len(text) > limit:
            self._error(
                row,
                name,
                "text.too_long",
                _("%(column)s is longer than %(limit)d characters.")
                % {
                    "column": self.header.get(name) or COLUMNS_BY_FIELD[name].header,
                    "limit": limit,
                },
            )
            return None
        return text

    def _parsed(self, row: ParsedRow, name: str, parser, value: object):
        try:
            return parser(value)
        except ValidationError as error:
            self._failed(row, name, error)
            return None

    def _pure(self, row: ParsedRow, name: str, parser, value: object):
        """`_parsed` for a parser whose result depends on the cell alone: amounts and counts repeat down a
        column, so each distinct cell is parsed once per file (refusals are not remembered)."""
        key = (name, type(value), value)
        try:
            return self._memo[key]
        except KeyError:
            pass
        try:
            parsed = self._memo[key] = parser(value)
        except ValidationError as error:
            self._failed(row, name, error)
            return None
        return parsed

    def _enterprise(self, row: ParsedRow, values: dict) -> None:
        out = row.enterprise
        name = self._text(row, "name", values["name"]) if "name" in values else None
        if name:
            out["name"] = row.label = name
        elif not any(error.field == "name" for error in row.errors):
            self._error(
                row,
                "name",
                "name.required",
                _("%(column)s is required.")
                % {
                    "column": self.header.get("name") or COLUMNS_BY_FIELD["name"].header,
                },
            )
        for text_field in ("brand", "address", "description"):
            if text_field in values and (text := self._text(row, text_field, values[text_field])):
                out[text_field] = text
        for money_field in ("capital", "annual_turnover"):
            if money_field in values:
                amount = self._pure(row, money_field, parse_rupiah, values[money_field])
                if amount is not None:
                    out[money_field] = amount
        self._workers(row, values)
        if "founding_year" in values:
            year = self._pure(row, "founding_year", parse_year, values["founding_year"])
            if year is not None and year > self.this_year:
                self._error(
                    row,
                    "founding_year",
                    "year.future",
                    _("The founding year %(year)d is in the future.") % {"year": year},
                )
            elif year is not None:
                out["founding_year"] = year
        self._place(row, values)
        self._rt_rw(row, values)
        if "postal_code" in values:
            code = self._parsed(
                row,
                "postal_code",
                lambda value: parse_digits(
                    value, length=POSTAL_CODE_LENGTH, field_code="postal_code", label=_("The postal code")
                ),
                values["postal_code"],
            )
            if code:
                out["postal_code"] = code
        if "business_phone" in values:
            phone = self._parsed(row, "business_phone", phone_normalize, _clean(values["business_phone"]))
            if phone:
                out["business_phone"] = phone
        self._kbli(row, values)
        self._choice(row, values, "sector", SECTORS, Sector)
        self._choice(row, values, "reported_scale", SCALES, Scale)
        if "nib" in values:
            nib = self._parsed(
                row,
                "nib",
                lambda value: _identifier(value, length=NIB_LENGTH, field_code="nib", label="NIB"),
                values["nib"],
            )
            row.nib = nib or ""

    def _workers(self, row: ParsedRow, values: dict) -> None:
        counts = {}
        for name in ("workers", "workers_male", "workers_female"):
            if name in values:
                count = self._pure(row, name, parse_int, values[name])
                if count is None:
                    return
                counts[name] = count
        male, female, total = counts.get("workers_male"), counts.get("workers_female"), counts.get("workers")
        if male is not None or female is not None:
            split = (male or 0) + (female or 0)
            if total is not None and total != split:
                self._error(
                    row,
                    "workers",
                    "workers.mismatch",
                    _(
                        "The total number of workers (%(total)d) is not the sum of male and female "
                        "workers (%(sum)d)."
                    )
                    % {"total": total, "sum": split},
                )
                return
            row.enterprise.update(workers_male=male or 0, workers_female=female or 0, workers_unspecified=0)
        elif total is not None:
            row.enterprise["workers_unspecified"] = total

    def _place(self, row: ParsedRow, values: dict) -> None:
        district = village = None
        if "district" in values:
            raw = values["district"]
            district = self._remember(("district", raw), lambda: self.index.district(_clean(raw)))
            if district is None:
                self._error(
                    row,
                    "district",
                    "district.unknown",
                    _("District “%(value)s” is not in %(regency)s.")
                    % {
                        "value": _clean(raw),
                        "regency": self.region.name,
                    },
                )
                return
        if "village" in values:
            raw = values["village"]
            village = self._remember(
                # Keyed by the district's code rather than the instance, whose hash is slow.
                ("village", raw, district.code if district else None),
                lambda: self.index.village(_clean(raw), district=district),
            )
            if village is None:
                self._error(
                    row,
                    "village",
                    "village.unknown",
                    _("Village “%(value)s” is not in %(place)s.")
                    % {
                        "value": _clean(raw),
                        "place": district.name if district else self.region.name,
                    },
                )
                return
            if district is None:
                district = self._remember(
                    ("parent", village.code), lambda: self.index.district(village.code.rpartition(".")[0])
                )
        if district is not None:
            row.enterprise["district"] = district
        if village is not None:
            row.enterprise["village"] = village

    def _rt_rw(self, row: ParsedRow, values: dict) -> None:
        if "rt_rw" in values:
            pair = self._parsed(row, "rt_rw", parse_rt_rw, values["rt_rw"])
            if pair:
                row.enterprise["rt"], row.enterprise["rw"] = pair
        for name in ("rt", "rw"):
            if name in values:
                number = self._pure(row, name, parse_int, values[name])
                if number is not None and not 1 <= number <= RT_RW_MAX:
                    self._error(
                        row,
                        name,
                        "rt_rw.invalid",
                        _("%(value)s is not an RT/RW. Write it as 001/002 or RT 1 RW 2.")
                        % {"value": _clean(values[name])},
                    )
                elif number is not None:
                    row.enterprise[name] = f"{number:03d}"

    def _kbli(self, row: ParsedRow, values: dict) -> None:
        version = IMPORT_DEFAULT_KBLI_VERSION
        if "kbli_version" in values:
            version = self._parsed(row, "kbli_version", parse_int, values["kbli_version"])
            if version is None:
                return
        if "kbli" not in values:
            return
        value = values["kbli"]
        key = ("kbli", version, type(value), value)
        if key in self._memo:
            row.enterprise["kbli_codes"] = list(self._memo[key])
            row.enterprise["kbli_version"] = int(version)
            return
        if isinstance(value, int | float) and not isinstance(value, bool):
            # A number cell drops the leading zero of agricultural codes (01111).
            codes = [str(int(value)).zfill(5)] if float(value).is_integer() else [_clean(value)]
        else:
            codes = [code for code in _KBLI_SEPARATORS.split(_clean(value)) if code]
        try:
            for code in codes:
                validate_kbli(code, version)
        except ValidationError as error:
            self._failed(row, "kbli", error)
            return
        self._memo[key] = tuple(dict.fromkeys(codes))
        row.enterprise["kbli_codes"] = list(self._memo[key])
        row.enterprise["kbli_version"] = int(version)

    def _choice(self, row: ParsedRow, values: dict, name: str, table: dict, choices) -> None:
        if name not in values:
            return
        raw = values[name]
        choice = self._remember((name, raw), lambda: table.get(header_key(_clean(raw))))
        if choice is not None:
            row.enterprise[name] = choice
            return
        text = _clean(raw)
        labels = ", ".join(str(label) for label in choices.labels)
        if name == "sector":
            message = _("Sector “%(value)s” is not known. Use one of: %(choices)s.")
        else:
            message = _("Scale “%(value)s” is not known. Use one of: %(choices)s.")
        self._error(
            row,
            name,
            f"{name.removeprefix('reported_')}.unknown",
            message % {"value": text, "choices": labels},
        )

    # Owner ------------------------------------------------------------------------------------

    def _owner(self, row: ParsedRow, values: dict) -> None:
        given = {attribute for attribute, name in OWNER_FIELDS.items() if name in values}
        if not given:
            return
        nik = ""
        if "nik" in values:
            nik = (
                self._parsed(
                    row,
                    "nik",
                    lambda value: _identifier(value, length=NIK_LENGTH, field_code="nik", label="NIK"),
                    values["nik"],
                )
                or ""
            )
        texts = {}
        for attribute, name in (("name", "owner_name"), ("address", "owner_address"), ("email", "email")):
            if name in values:
                texts[attribute] = self._text(row, name, values[name]) or ""
        if texts.get("email"):
            try:
                validate_email(texts["email"])
            except ValidationError:
                self._error(
                    row,
                    "email",
                    "email.invalid",
                    _("%(value)s is not a valid e-mail address.") % {"value": texts["email"]},
                )
        disability = self._disability(row, values)
        sex = self._sex(row, values)
        data = OwnerData(
            name=texts.get("name", ""),
            nik=nik,
            phone=_clean(values.get("phone")),
            email=texts.get("email", ""),
            address=texts.get("address", ""),
            has_disability=bool(disability),
        )
        try:
            owner = owner_prepare(
                region=self.region,
                data=data,
                owner=bulk.instantiate(
                    Owner, region_id=self.region.pk, created_at=self.now, updated_at=self.now
                ),
            )
        except DomainError as refusal:
            for detail in refusal.errors:
                name = {"nik": "nik", "phone": "phone"}.get(detail.field, "owner_name")
                self._error(row, name, detail.code, str(detail.message))
            if refusal.errors[0].field == "nik" and data.phone:
                # owner_prepare stops at the first refusal; the phone is checked too so one upload shows both.
                self._parsed(row, "phone", phone_normalize, data.phone)
            return
        if sex and owner.sex and sex != owner.sex:
            self._error(
                row,
                "sex",
                "sex.nik_mismatch",
                _("The sex does not match the NIK (for women, 40 is added to the day of birth)."),
            )
        elif sex:
            owner.sex = sex
        row.owner = owner
        row.owner_given = frozenset(given)

    def _sex(self, row: ParsedRow, values: dict) -> str | None:
        if "sex" not in values:
            return None
        raw = values["sex"]
        sex = self._remember(("sex", type(raw), raw), lambda: SEXES.get(header_key(raw)))
        if sex is None:
            self._error(
                row,
                "sex",
                "sex.invalid",
                _("%(value)s is not a sex. Write L (laki-laki) or P (perempuan).")
                % {"value": _clean(values["sex"])},
            )
        return sex

    def _disability(self, row: ParsedRow, values: dict) -> bool | None:
        if "has_disability" not in values:
            return None
        raw = values["has_disability"]
        key = self._remember(("has_disability", type(raw), raw), lambda: header_key(raw))
        if key in YES_WORDS or key.startswith(DISABILITY_KINDS):
            return True
        if key in NO_WORDS:
            return False
        self._error(
            row,
            "has_disability",
            "disability.invalid",
            _("%(value)s is not understood. Write Ya or Tidak.")
            % {"value": _clean(values["has_disability"])},
        )
        return None
