"""Read the shipped Kemendagri region files into plain records.

Pure Python on purpose (no Django models): data migrations import it beside their historical
models, and the services import it beside the current ones.
"""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = (
    "CODE_VERSION",
    "DISTRICT",
    "PROVINCE",
    "REGENCY",
    "VILLAGE",
    "RegionRecord",
    "compact_code",
    "district_records",
    "format_code",
    "level_of",
    "normalize_code",
    "parent_code_of",
    "province_records",
    "regency_record",
    "regency_records",
    "village_records",
)

CODE_VERSION = "Kepmendagri 300.2.2-2138/2025"
DATA_DIR = Path(__file__).resolve().parent / "data"

# The values of Region.Level, repeated here so that this module stays free of Django models.
PROVINCE, REGENCY, DISTRICT, VILLAGE = 1, 2, 3, 4
_LEVEL_BY_DIGITS = {2: PROVINCE, 4: REGENCY, 6: DISTRICT, 10: VILLAGE}
_DOTTED_CODE = re.compile(r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?")

# The source writes a region's zone as its UTC offset in hours (Perpres 41/1987: WIB, WITA, WIT).
_TIMEZONE_BY_OFFSET = {"7": "Asia/Jakarta", "8": "Asia/Makassar", "9": "Asia/Jayapura"}


@dataclass(frozen=True, slots=True)
class RegionRecord:
    """One region as the decree lists it, with its code already in dotted form."""

    code: str
    name: str
    level: int
    kind: str
    timezone: str
    parent_code: str | None
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None


def format_code(digits: str) -> str:
    """Dot a bare Kemendagri code: "3509" -> "35.09", "3509012001" -> "35.09.01.2001"."""
    if not (digits.isascii() and digits.isdigit() and len(digits) in _LEVEL_BY_DIGITS):
        raise ValueError(f"not a Kemendagri code: {digits!r}")
    return ".".join(part for part in (digits[:2], digits[2:4], digits[4:6], digits[6:]) if part)


def compact_code(code: str) -> str:
    """Drop the dots: "35.09.01.2001" -> "3509012001"."""
    if not _DOTTED_CODE.fullmatch(code):
        raise ValueError(f"not a dotted Kemendagri code: {code!r}")
    return code.replace(".", "")


def normalize_code(code: str) -> str:
    """Accept a code as people type it ("35.09" or "3509", spaces around) and return it dotted."""
    code = code.strip()
    if _DOTTED_CODE.fullmatch(code):
        return code
    return format_code(code)


def level_of(code: str) -> int:
    """The level (PROVINCE..VILLAGE) of a dotted code, read from how many segments it has."""
    return code.count(".") + 1


def parent_code_of(code: str) -> str | None:
    """The code one level up ("35.09.01" -> "35.09"); None for a province."""
    return code.rpartition(".")[0] or None


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _coordinate(value: str) -> float | None:
    return float(value) if value else None


def province_records() -> Iterator[RegionRecord]:
    for row in _rows(DATA_DIR / "provinces.csv.gz"):
        yield RegionRecord(
            code=format_code(row["id"]),
            name=row["name"],
            level=PROVINCE,
            kind="provinsi",
            timezone=_TIMEZONE_BY_OFFSET[row["timezone"]],
            parent_code=None,
            latitude=_coordinate(row["latitude"]),
            longitude=_coordinate(row["longitude"]),
        )


def _regency_kind(name: str) -> str:
    # The decree names every second-level region "Kabupaten …" or "Kota …"; nothing else marks the kind.
    if name.startswith("Kabupaten "):
        return "kabupaten"
    if name.startswith("Kota "):
        return "kota"
    raise ValueError(f"regency name without Kabupaten/Kota: {name!r}")


def regency_records() -> Iterator[RegionRecord]:
    for row in _rows(DATA_DIR / "regencies.csv.gz"):
        code = format_code(row["id"])
        yield RegionRecord(
            code=code,
            name=row["name"],
            level=REGENCY,
            kind=_regency_kind(row["name"]),
            timezone=_TIMEZONE_BY_OFFSET[row["timezone"]],
            parent_code=parent_code_of(code),
            latitude=_coordinate(row["latitude"]),
            longitude=_coordinate(row["longitude"]),
        )


def regency_record(code: str) -> RegionRecord | None:
    """The regency or city with this code ("35.09" or "3509"), or None when the decree has none."""
    try:
        code = normalize_code(code)
    except ValueError:
        return None
    if level_of(code) != REGENCY:
        return None
    return next((record for record in regency_records() if record.code == code), None)


def district_records(regency: RegionRecord) -> Iterator[RegionRecord]:
    """The districts (kecamatan) of a regency; they share its time zone."""
    digits = compact_code(regency.code)
    for row in _rows(DATA_DIR / "districts.csv.gz"):
        if row["regency_id"] == digits:
            yield RegionRecord(
                code=format_code(row["id"]),
                name=row["name"],
                level=DISTRICT,
                kind="kecamatan",
                timezone=regency.timezone,
                parent_code=regency.code,
                latitude=_coordinate(row["latitude"]),
                longitude=_coordinate(row["longitude"]),
            )


def _village_kind(digits: str) -> str:
    # Kemendagri numbers kelurahan 1xxx and desa 2xxx; the few 3xxx are desa adat (Kabupaten
    # Jayapura), which are desa too.
    return "kelurahan" if digits[6] == "1" else "desa"


def village_records(regency: RegionRecord) -> Iterator[RegionRecord]:
    """The villages (desa and kelurahan) of a regency, from its province's file."""
    digits = compact_code(regency.code)
    for row in _rows(DATA_DIR / "villages" / f"villages_{digits[:2]}.csv.gz"):
        if row["id"].startswith(digits):
            yield RegionRecord(
                code=format_code(row["id"]),
                name=row["name"],
                level=VILLAGE,
                kind=_village_kind(row["id"]),
                timezone=regency.timezone,
                parent_code=format_code(row["district_id"]),
                postal_code=row["postal_code"],
                latitude=_coordinate(row["latitude"]),
                longitude=_coordinate(row["longitude"]),
            )
