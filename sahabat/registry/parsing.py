"""Parsers for the messy values Dinas staff put in spreadsheets: money, counts, identifiers, RT/RW, dates.

Each parser returns a clean value (``None`` for an empty cell) or raises ``ValidationError`` with a code and
a translated message, so the import's rejected-rows file says why beside each row.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from babel.dates import get_day_names, get_month_names
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Cells that mean "nothing here": staff type a dash rather than leave a cell empty.
BLANK_MARKERS = frozenset({"", "-", "--", "–", "—"})

# OWASP "CSV injection": a spreadsheet evaluates a cell that starts with one of these.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# Excel keeps 15 significant digits of a number; anything longer typed into a number cell loses its tail.
EXCEL_SIGNIFICANT_DIGITS = 15
# Every integer below 2**53 is exact in a float; above it a float cannot hold a 16-digit identifier.
FLOAT_EXACT_LIMIT = 2**53

BIGINT_MAX = 2**63 - 1
YEAR_MIN, YEAR_MAX = 1900, 2100

# In Indonesian "M" is miliar (10^9), never million; "T" is triliun.
RUPIAH_UNITS = {
    "k": 10**3,
    "rb": 10**3,
    "ribu": 10**3,
    "jt": 10**6,
    "juta": 10**6,
    "m": 10**9,
    "miliar": 10**9,
    "milyar": 10**9,
    "t": 10**12,
    "triliun": 10**12,
    "trilyun": 10**12,
}

_SCIENTIFIC = re.compile(r"[-+]?\d+(?:[.,]\d*)?e[-+]?\d+", re.IGNORECASE)
_MONEY = re.compile(r"(?P<number>\d[\d.,]*)(?P<unit>[a-z]+)?")
# A count may carry its unit in words: "12 orang", "3 tenaga kerja".
_COUNT = re.compile(r"(?P<number>\d[\d.,]*)(?:\s*[^\W\d_]+(?:[ .][^\W\d_]+)*\.?)?")
_FORMULA = re.compile(
    r"""
    =\s*\S                              # Excel evaluates anything after "="
    | [+\-@]\s*[^\W\d][\w.]*\(           # +SUM(...), @HYPERLINK(...), -CMD(...)
    | [+\-@].*[^\W\d]\w*\|              # DDE: -2+3+cmd|' /C calc'!A0
    """,
    re.VERBOSE,
)
_TOTAL_LABEL = re.compile(
    r"jml|jumlah(?: total| keseluruhan| seluruhnya| akhir)?|(?:sub ?|grand )?total(?: keseluruhan)?"
)
_RT_RW_SEPARATOR = r"[\s./\\:,\-]*"
_RT_RW_PATTERNS = (
    (re.compile(rf"(?:RT{_RT_RW_SEPARATOR}RW)?{_RT_RW_SEPARATOR}(\d+)[\s./\\:,\-]+(\d+)"), False),
    (re.compile(rf"RT{_RT_RW_SEPARATOR}(\d+){_RT_RW_SEPARATOR}RW{_RT_RW_SEPARATOR}(\d+)"), False),
    (re.compile(rf"RW{_RT_RW_SEPARATOR}(\d+){_RT_RW_SEPARATOR}RT{_RT_RW_SEPARATOR}(\d+)"), True),
)
_DATE_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DATE_NAMED = re.compile(r"(\d{1,2})[\s\-/.]*([^\W\d_]+)\.?[\s\-/.,]*(\d{4})")
_YEAR = re.compile(r"(?:tahun|thn|th)?\.?\s*(\d{4})(?:\.0+)?")


def _month_names() -> dict[str, int]:
    """Indonesian and English month names and abbreviations from Babel, plus spellings seen in the field."""
    names: dict[str, int] = {}
    for locale in ("id", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.casefold()] = number
    names.update({"pebruari": 2, "peb": 2, "agt": 8, "ags": 8, "sept": 9, "nopember": 11, "nop": 11})
    return names


def _day_names() -> frozenset[str]:
    names = {
        name.casefold() for locale in ("id", "en") for name in get_day_names("wide", locale=locale).values()
    }
    return frozenset(names | {"jum'at"})


MONTH_NAMES = _month_names()
DAY_NAMES = _day_names()


def clean_text(value: object) -> str:
    """Strip, collapse inner whitespace, drop invisible characters and Excel's leading text apostrophe."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # NFKC turns no-break spaces and full-width characters (＝, １) into their plain forms.
    text = unicodedata.normalize("NFKC", str(value))
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = " ".join(text.split())
    if text.startswith("'"):
        text = text[1:].lstrip()
    return text


def is_blank(value: object) -> bool:
    """An empty cell, whitespace, or a dash standing for "nothing"."""
    return value is None or (isinstance(value, str) and clean_text(value) in BLANK_MARKERS)


def refuse_formula(value: str) -> str:
    """Return the text unchanged, or refuse it when a spreadsheet would run it as a formula."""
    if _FORMULA.match(clean_text(value)):
        raise ValidationError(
            _("This text looks like a spreadsheet formula and is not accepted."),
            code="text.formula",
        )
    return value


def neutralise_for_spreadsheet(value: str) -> str:
    """Prefix a quote so an exported cell is shown as text and never evaluated (CSV injection)."""
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _grouped(integer: str, separator: str) -> str | None:
    """Digits of a number grouped by thousands (``1.500.000``), or None when the grouping is wrong."""
    groups = integer.split(separator)
    if not groups[0] or len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:]):
        return None
    return "".join(groups)


def _decimal(number: str) -> Decimal | None:
    """Read ``1.500.000,50``, ``1,500,000.50``, ``1,5`` or ``1.5``; None when the separators make no sense.

    Indonesian writing uses a dot for thousands and a comma for decimals; a lone dot followed by exactly
    three digits is therefore thousands (``1.500``), any other lone dot is a decimal point (``1.5 juta``,
    or Python's text of a float, ``1500000.0``).
    """
    dots, commas = number.count("."), number.count(",")
    if dots and commas:
        decimal_separator = "." if number.rfind(".") > number.rfind(",") else ","
        thousands_separator = "," if decimal_separator == "." else "."
        if number.count(decimal_separator) > 1:
            return None
        integer, fraction = number.split(decimal_separator)
        integer = _grouped(integer, thousands_separator)
    elif commas > 1 or dots > 1:
        integer, fraction = _grouped(number, "," if commas else "."), ""
    elif commas:
        integer, fraction = number.split(",")
    elif dots:
        integer, fraction = number.split(".")
        if len(fraction) == 3:
            integer, fraction = integer + fraction, ""
    else:
        integer, fraction = number, ""
    if not integer or not integer.isdigit() or (fraction and not fraction.isdigit()):
        return None
    return Decimal(f"{integer}.{fraction or 0}")


def parse_rupiah(value: object) -> int | None:
    """Whole rupiah from ``Rp 1.500.000``, ``1,5 jt``, ``2 M`` (miliar), 1500000.0; blank or "-" is None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise _rupiah_invalid(value)
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise _rupiah_invalid(value)
        # A formula cell (=A1*1.1) carries float noise like 1650000.0000000002; sen are the finest real unit.
        amount = Decimal(str(round(value, 2))) if isinstance(value, float) else value
    elif isinstance(value, str):
        amount = _rupiah_from_text(value)
    else:
        raise _rupiah_invalid(value)
    if amount < 0:
        raise ValidationError(_("An amount of money cannot be negative."), code="rupiah.negative")
    if amount != amount.to_integral_value():
        raise ValidationError(
            _(
                "%(value)s is not a whole rupiah amount. Use a dot for thousands (1.500.000) "
                "and a comma only for decimals with a unit (1,5 juta)."
            ),
            code="rupiah.fraction",
            params={"value": clean_text(value)},
        )
    if amount > BIGINT_MAX:
        raise ValidationError(_("This amount of money is too large."), code="rupiah.too_large")
    return int(amount)


def _rupiah_from_text(value: str) -> Decimal:
    text = clean_text(value).casefold().replace("\u2212", "-")
    text = re.sub(r"^(?:rp\.?|idr)\s*", "", text)
    text = re.sub(r"\s*(?:rupiah|[,.]-)$", "", text)
    text = text.replace(" ", "")
    if text.startswith("-") or (text.startswith("(") and text.endswith(")")):
        raise ValidationError(_("An amount of money cannot be negative."), code="rupiah.negative")
    match = _MONEY.fullmatch(text.rstrip("."))
    if not match:
        raise _rupiah_invalid(value)
    number = _decimal(match["number"])
    unit = match["unit"]
    if number is None or (unit is not None and unit not in RUPIAH_UNITS):
        raise _rupiah_invalid(value)
    return number * RUPIAH_UNITS.get(unit, 1)


def _rupiah_invalid(value: object) -> ValidationError:
    return ValidationError(
        _("%(value)s is not an amount of money. Examples: Rp 1.500.000, 1,5 juta, 2 M (miliar)."),
        code="rupiah.invalid",
        params={"value": clean_text(value)},
    )


def parse_int(value: object) -> int | None:
    """A count from a cell: ``12``, 12.0, ``12 orang``, ``1.200``; blank or "-" is None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise _int_invalid(value)
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float | Decimal):
        if not math.isfinite(value):
            raise _int_invalid(value)
        number = Decimal(str(value)) if isinstance(value, float) else value
    elif isinstance(value, str):
        text = clean_text(value).casefold().replace("\u2212", "-")
        if text.startswith("-"):
            raise ValidationError(_("This number cannot be negative."), code="number.negative")
        match = _COUNT.fullmatch(text)
        number = _decimal(match["number"]) if match else None
        if number is None:
            raise _int_invalid(value)
    else:
        raise _int_invalid(value)
    if number < 0:
        raise ValidationError(_("This number cannot be negative."), code="number.negative")
    if number != number.to_integral_value():
        raise ValidationError(
            _("%(value)s is not a whole number."),
            code="number.not_whole",
            params={"value": clean_text(value)},
        )
    if number > BIGINT_MAX:
        raise _int_invalid(value)
    return int(number)


def _int_invalid(value: object) -> ValidationError:
    return ValidationError(
        _("%(value)s is not a number. Example: 12 or 12 orang."),
        code="number.invalid",
        params={"value": clean_text(value)},
    )


def digits_length_error(*, label: str, length: int, code: str) -> ValidationError:
    """The one message for an identifier of the wrong length, shared by the parsers and the validators."""
    return ValidationError(
        _("%(label)s must be exactly %(length)d digits."),
        code=code,
        params={"label": label, "length": length},
    )


def scientific_notation_error() -> ValidationError:
    return ValidationError(
        _(
            "Excel turned this number into scientific notation (like 3,50912E+15) and its last digits "
            "were lost, because Excel keeps only 15 digits of a number. Format the column as Text, "
            "type the number again and upload the file again."
        ),
        code="identifier.scientific_notation",
    )


def parse_digits(value: object, *, length: int, field_code: str, label: str | None = None) -> str | None:
    """An identifier (NIK, NIB, NIP, P-IRT) stored as a number or as text, as a string of ``length`` digits.

    Text may carry Excel's apostrophe, spaces, dots and dashes. A number cell is accepted only when no
    digit can have been lost: Excel's scientific notation and floats beyond exact integer range are refused,
    and so is a number longer than 15 digits that ends in zeros, which is exactly what Excel leaves of a
    16- or 18-digit identifier typed into a number cell. A number cell also drops leading zeros, which are
    put back. Blank is None.
    """
    label = label or field_code.upper()

    def length_error() -> ValidationError:
        # Built only when needed: translating the message costs more than checking a valid identifier.
        return digits_length_error(label=label, length=length, code=f"{field_code}.length")

    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise length_error()
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= FLOAT_EXACT_LIMIT:
            raise scientific_notation_error()
        if not value.is_integer():
            raise length_error()
        value = int(value)
    if isinstance(value, int):
        if value < 0:
            raise length_error()
        digits = str(value)
        if len(digits) > EXCEL_SIGNIFICANT_DIGITS and not digits[EXCEL_SIGNIFICANT_DIGITS:].strip("0"):
            raise scientific_notation_error()
        digits = digits.zfill(length)
    else:
        text = clean_text(value)
        if _SCIENTIFIC.fullmatch(text.replace(" ", "")):
            raise scientific_notation_error()
        # The text of a float written out by another program, e.g. "3509012301900012.0".
        if re.fullmatch(r"\d+\.0+", text):
            text = text.partition(".")[0]
        digits = re.sub(r"[\s.\-]", "", text)
    if len(digits) != length or not digits.isascii() or not digits.isdigit():
        raise length_error()
    return digits


def parse_rt_rw(value: object) -> tuple[str, str] | None:
    """``RT 1 RW 2``, ``RT/RW 001/002``, ``1/2`` → ``("001", "002")``; blank is None."""
    if is_blank(value):
        return None
    if isinstance(value, date):
        # "1/2" typed into a General cell becomes 1 February.
        raise ValidationError(
            _(
                "Excel turned this RT/RW into a date. "
                "Format the column as Text and type it again, e.g. 001/002."
            ),
            code="rt_rw.date",
        )
    # A number cell is refused too: "1.20" typed as a number reaches us as 1.2 and RW 20 would become RW 2.
    text = clean_text(value).upper() if isinstance(value, str) else ""
    for pattern, swapped in _RT_RW_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            rt, rw = (match[2], match[1]) if swapped else (match[1], match[2])
            if all(1 <= int(number) <= 999 for number in (rt, rw)):
                return f"{int(rt):03d}", f"{int(rw):03d}"
    raise ValidationError(
        _("%(value)s is not an RT/RW. Write it as 001/002 or RT 1 RW 2."),
        code="rt_rw.invalid",
        params={"value": clean_text(value)},
    )


def is_blank_row(values: Iterable[object]) -> bool:
    """Every cell of the row is empty, whitespace or a dash."""
    return all(is_blank(value) for value in values)


def is_total_row(values: Iterable[object]) -> bool:
    """A summary row ("Jumlah", "Total", "Jml") whose other cells are numbers or blank: not an enterprise."""
    labels = 0
    for value in values:
        if is_blank(value) or (isinstance(value, int | float | Decimal) and not isinstance(value, bool)):
            continue
        if not isinstance(value, str):
            return False
        text = clean_text(value)
        if _TOTAL_LABEL.fullmatch(text.casefold().rstrip(":. ")):
            labels += 1
        elif not _is_number_text(text):
            return False
    return labels > 0


def _is_number_text(text: str) -> bool:
    try:
        parse_rupiah(text.lstrip("-").removesuffix("%"))
    except ValidationError:
        return False
    return True


def parse_year(value: object) -> int | None:
    """A year from ``2023``, 2023.0, ``Tahun 2023`` or a date cell; blank is None."""
    if is_blank(value):
        return None
    if isinstance(value, date):
        return value.year
    year = None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        year = int(value)
    elif isinstance(value, str):
        match = _YEAR.fullmatch(clean_text(value).casefold())
        year = int(match[1]) if match else None
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        raise ValidationError(
            _("%(value)s is not a year. Write four digits, e.g. 2023."),
            code="year.invalid",
            params={"value": clean_text(value)},
        )
    return year


def parse_date(value: object) -> date | None:
    """A date from a date cell or from ``17-08-2023``, ``17/08/2023``, ``2023-08-17``, ``17 Agustus 2023``."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = _date_from_text(clean_text(value).casefold()) if isinstance(value, str) else None
    if parsed is None:
        raise ValidationError(
            _("%(value)s is not a date. Write it as 17-08-2023 or 17 Agustus 2023."),
            code="date.invalid",
            params={"value": clean_text(value)},
        )
    return parsed


def _date_from_text(text: str) -> date | None:
    weekday, comma, rest = text.partition(",")
    if comma and weekday.strip() in DAY_NAMES:
        text = rest.strip()
    if match := _DATE_DMY.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    elif match := _DATE_ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif (match := _DATE_NAMED.fullmatch(text)) and match[2] in MONTH_NAMES:
        day, month, year = int(match[1]), MONTH_NAMES[match[2]], int(match[3])
    else:
        return None
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


__all__ = [
    "BLANK_MARKERS",
    "FORMULA_TRIGGERS",
    "RUPIAH_UNITS",
    "clean_text",
    "digits_length_error",
    "is_blank",
    "is_blank_row",
    "is_total_row",
    "neutralise_for_spreadsheet",
    "parse_date",
    "parse_digits",
    "parse_int",
    "parse_rt_rw",
    "parse_rupiah",
    "parse_year",
    "refuse_formula",
    "scientific_notation_error",
]
