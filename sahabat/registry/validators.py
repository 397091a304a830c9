"""Identifier rules (NIK, NIB, KBLI, phone, licence numbers, NIP), written once for forms, API and import."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sahabat.regions.selectors import regency_code_exists
from sahabat.registry.parsing import clean_text, digits_length_error

NIK_LENGTH = 16
NIB_LENGTH = 13
NIP_LENGTH = 18
PIRT_LENGTH = 15
KBLI_LENGTH = 5
BPOM_DIGITS = 12
# BPJPH certificates seen in the field are "ID" + 17 digits (ID35110000123450123: province, scheme,
# serial, issue month and year). The layout is set by BPJPH, not by statute, so a little room either way
# is allowed; below 14 digits would also let an NIB (13 digits) typed into the wrong column pass.
HALAL_DIGITS = range(14, 21)

# Dukcapil adds 40 to the day of birth of women.
NIK_WOMAN_DAY_OFFSET = 40
# Perka BKN 22/2007: a CPNS is appointed at 18 at the earliest (PP 11/2017 art. 23(1)(a)).
NIP_MIN_APPOINTMENT_AGE = 18

# The KBLI edition an activity code belongs to, with the BPS regulation that set it.
KBLI_VERSIONS = {
    2020: "Peraturan BPS 2/2020",
    2025: "Peraturan BPS 7/2025",
}

LICENCE_TYPES = ("nib", "pirt", "bpom", "halal", "sni", "other")

MASK = "\u2022"

# Where a date is "today" for every Indonesian region: the easternmost zone (WIT) reaches tomorrow first,
# so a birth or an appointment dated today anywhere in Indonesia is never "in the future".
LATEST_ZONE = ZoneInfo("Asia/Jayapura")


def _today() -> date:
    return timezone.now().astimezone(LATEST_ZONE).date()


def _digits(value: str, *, length: int, code: str, label: str) -> str:
    text = str(value).strip()
    if len(text) != length or not text.isascii() or not text.isdigit():
        raise digits_length_error(label=label, length=length, code=code)
    return text


@dataclass(frozen=True)
class NikInfo:
    nik: str
    province_code: str
    regency_code: str
    district_code: str
    birth_date: date
    sex: str


@lru_cache(maxsize=65536)
def _nik_birth(digits: str, today: date) -> tuple[date, str]:
    """Birth date and sex from digits 7 to 12 of a NIK (``DDMMYY``). Many residents share a birth date, so
    an import decodes each one once; a refusal is raised again each time (exceptions are not cached)."""
    day, month, two_digit_year = int(digits[:2]), int(digits[2:4]), int(digits[4:6])
    sex = "F" if day > NIK_WOMAN_DAY_OFFSET else "M"
    if sex == "F":
        day -= NIK_WOMAN_DAY_OFFSET
    # Only two digits of the year are kept: a year "after" this year's two digits must be last century.
    century = 1900 if two_digit_year > today.year % 100 else 2000
    try:
        birth_date = date(century + two_digit_year, month, day)
    except ValueError:
        raise ValidationError(
            _(
                "Digits 7 to 12 of the NIK are not a valid birth date "
                "(day, month, year; women have 40 added to the day)."
            ),
            code="nik.bad_date",
        ) from None
    if birth_date > today:
        raise ValidationError(
            _("The birth date in the NIK (%(date)s) is in the future."),
            code="nik.future_birth_date",
            params={"date": birth_date.strftime("%d-%m-%Y")},
        )
    return birth_date, sex


def nik_parse(value: str, *, today: date | None = None) -> NikInfo:
    """Read a NIK ``PPKKCCDDMMYYSSSS`` into its region, birth date and sex, refusing any impossible part.

    UU 23/2006 art. 13 as amended by UU 24/2013: one lifelong NIK per resident; the layout is Dukcapil's.
    The region is where the NIK was first issued and stays there when the person moves.
    """
    nik = _digits(value, length=NIK_LENGTH, code="nik.length", label="NIK")
    birth_date, sex = _nik_birth(nik[6:12], today or _today())
    if nik[12:] == "0000":
        raise ValidationError(_("The last four digits of the NIK cannot be 0000."), code="nik.bad_serial")
    province_code, regency_code = nik[:2], f"{nik[:2]}.{nik[2:4]}"
    if not regency_code_exists(regency_code):
        raise ValidationError(
            _("The NIK starts with region code %(code)s, which is not a known regency or city."),
            code="nik.unknown_region",
            params={"code": regency_code},
        )
    return NikInfo(
        nik=nik,
        province_code=province_code,
        regency_code=regency_code,
        district_code=f"{regency_code}.{nik[4:6]}",
        birth_date=birth_date,
        sex=sex,
    )


def validate_nik(value: str) -> None:
    nik_parse(value)


def validate_nib(value: str) -> None:
    """PP 5/2021 (risk-based licensing): the NIB is the business identity number OSS issues, 13 digits."""
    _digits(value, length=NIB_LENGTH, code="nib.length", label="NIB")


def validate_kbli_code(value: str) -> None:
    """A KBLI activity (subclass, "kelompok") code is 5 digits in both editions."""
    text = str(value).strip()
    if len(text) != KBLI_LENGTH or not text.isascii() or not text.isdigit():
        raise ValidationError(_("A KBLI code is exactly 5 digits, e.g. 10792."), code="kbli.format")


def validate_kbli(code: str, version: int | str) -> None:
    """A KBLI code and its edition; the same digits can mean another activity in another edition."""
    validate_kbli_code(code)
    if str(version).strip() not in {str(known) for known in KBLI_VERSIONS}:
        raise ValidationError(
            _("The KBLI version must be one of: %(versions)s."),
            code="kbli.version",
            params={"versions": ", ".join(str(known) for known in KBLI_VERSIONS)},
        )


_SEPARATORS = re.compile(r"[\s\-.()]")
# Indonesian mobile numbers, by the national-number pattern of libphonenumber's own metadata: the
# common case in UMKM lists, recognised without the full parser (which costs ~30 µs a number).
_ID_MOBILE = re.compile(
    r"(?:\+62|0)(" + phonenumbers.PhoneMetadata.metadata_for_region("ID").mobile.national_number_pattern + ")"
)


def phone_normalize(value: str, region: str = "ID") -> str:
    """A phone number as people write it (``0812-3456-7890``, ``(0331) 123456``) → E.164 ``+62812…``."""
    if region == "ID" and (
        mobile := _ID_MOBILE.fullmatch(_SEPARATORS.sub("", str(value).strip().lstrip("'")))
    ):
        return "+62" + mobile.group(1)
    try:
        number = phonenumbers.parse(clean_text(value), region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _(
                "This is not a valid phone number. "
                "Examples: 0812-3456-7890, (0331) 123456, +62 812 3456 7890."
            ),
            code="phone.invalid",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    phone_normalize(value)


def _compact(value: str, *, prefixes: str) -> str:
    """Upper-case, drop the words printed before a number on a label and every separator."""
    text = clean_text(value).upper()
    text = re.sub(rf"^(?:(?:{prefixes})\b[\s.:\-]*)+", "", text)
    return re.sub(r"[\s.:\-/]", "", text)


def pirt_normalize(value: str) -> str:
    """PerBPOM 22/2018: a P-IRT number is 15 digits (``P-IRT No. 2063509010123-26`` → ``206350901012326``)."""
    digits = _compact(value, prefixes=r"P-?IRT|SPP-?IRT|NO|NOMOR")
    if len(digits) != PIRT_LENGTH or not digits.isdigit():
        raise digits_length_error(label="P-IRT", length=PIRT_LENGTH, code="pirt.length")
    return digits


def bpom_normalize(value: str) -> str:
    """PerBPOM 27/2017: processed food is registered as MD (made here) or ML (imported) + 12 digits."""
    compact = _compact(value, prefixes=r"BPOM|BADAN POM|POM|RI|NO|NOMOR")
    if not re.fullmatch(rf"M[DL]\d{{{BPOM_DIGITS}}}", compact):
        raise ValidationError(
            _("A BPOM number is MD or ML followed by 12 digits, e.g. BPOM RI MD 123456789012."),
            code="bpom.format",
        )
    return compact


def halal_normalize(value: str) -> str:
    """UU 33/2014: BPJPH issues halal certificates, numbered "ID" and digits (``ID35110000123450123``)."""
    compact = _compact(value, prefixes=r"NO|NOMOR|SH|SERTIFIKAT HALAL")
    if not (compact.startswith("ID") and compact[2:].isdigit() and len(compact) - 2 in HALAL_DIGITS):
        raise ValidationError(
            _(
                "A halal certificate number is ID followed by %(minimum)d to %(maximum)d digits, "
                "e.g. ID35110000123450123."
            ),
            code="halal.format",
            params={"minimum": HALAL_DIGITS.start, "maximum": HALAL_DIGITS.stop - 1},
        )
    return compact


def nib_normalize(value: str) -> str:
    digits = re.sub(r"[\s.\-]", "", clean_text(value))
    validate_nib(digits)
    return digits


def _free_text_number(value: str) -> str:
    """SNI certificates and other licences have no national number format: keep the text, tidied."""
    text = clean_text(value)
    if not text:
        raise ValidationError(_("The licence number is required."), code="licence.number_required")
    return text


LICENCE_NORMALISERS = {
    "nib": nib_normalize,
    "pirt": pirt_normalize,
    "bpom": bpom_normalize,
    "halal": halal_normalize,
    "sni": _free_text_number,
    "other": _free_text_number,
}


def licence_number_normalize(licence_type: str, value: str) -> str:
    """The one entry point the Licence model calls: the number in its canonical form for its type."""
    try:
        normalise = LICENCE_NORMALISERS[licence_type]
    except KeyError:
        raise ValueError(f"Unknown licence type {licence_type!r}; expected one of {LICENCE_TYPES}") from None
    return normalise(value)


@dataclass(frozen=True)
class NipInfo:
    nip: str
    birth_date: date
    appointment: tuple[int, int]
    sex: str
    serial: int


def nip_parse(value: str, *, today: date | None = None) -> NipInfo:
    """Read a civil servant's NIP ``YYYYMMDD YYYYMM S NNN`` (Perka BKN 22/2007), refusing impossible parts."""
    nip = _digits(value, length=NIP_LENGTH, code="nip.length", label="NIP")
    today = today or _today()
    try:
        birth_date = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        birth_date = None
    if birth_date is None or birth_date > today:
        raise ValidationError(
            _("Digits 1 to 8 of the NIP are not a valid birth date (year, month, day)."),
            code="nip.bad_birth_date",
        )
    appointment = (int(nip[8:12]), int(nip[12:14]))
    if not 1 <= appointment[1] <= 12:
        raise ValidationError(
            _("Digits 9 to 14 of the NIP are not a valid appointment year and month."),
            code="nip.bad_appointment",
        )
    if appointment < (birth_date.year + NIP_MIN_APPOINTMENT_AGE, birth_date.month):
        raise ValidationError(
            _("The appointment date in the NIP is less than 18 years after the birth date."),
            code="nip.bad_appointment",
        )
    if appointment > (today.year, today.month):
        raise ValidationError(
            _("The appointment date in the NIP is in the future."),
            code="nip.bad_appointment",
        )
    sex = {"1": "M", "2": "F"}.get(nip[14])
    if sex is None:
        raise ValidationError(
            _("Digit 15 of the NIP must be 1 (male) or 2 (female)."),
            code="nip.bad_sex",
        )
    if nip[15:] == "000":
        raise ValidationError(_("The last three digits of the NIP cannot be 000."), code="nip.bad_serial")
    return NipInfo(nip=nip, birth_date=birth_date, appointment=appointment, sex=sex, serial=int(nip[15:]))


def validate_nip(value: str) -> None:
    nip_parse(value)


def mask_identifier(value: str, keep_start: int = 4, keep_end: int = 4) -> str:
    """``3509012301900012`` → ``3509••••••••0012``; a value too short to keep both ends is masked whole."""
    if len(value) <= keep_start + keep_end:
        return MASK * len(value)
    return value[:keep_start] + MASK * (len(value) - keep_start - keep_end) + value[len(value) - keep_end :]
