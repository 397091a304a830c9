"""Reads of the region tree: codes, tenants, children and the name lookups imports rely on."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache

from django.db.models import QuerySet

from sahabat.regions.data_source import normalize_code
from sahabat.regions.models import Region

__all__ = (
    "RegionIndex",
    "district_lookup",
    "districts_of",
    "normalize_region_name",
    "province_code_exists",
    "regency_code_exists",
    "region_by_code",
    "region_codes_cache_clear",
    "tenant_regions",
    "village_lookup",
    "villages_of",
)

# Words Dinas staff put before a district or village name. "Kota" is left out on purpose: it
# starts real district names (Kota Agung, Kota Baru), so dropping it would merge distinct places.
_NAME_PREFIXES = frozenset({"kecamatan", "kec", "desa", "ds", "kelurahan", "kel", "distrik"})
_APOSTROPHES = re.compile(r"['`´‘’ʼ]")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def region_by_code(code: str) -> Region:
    """The region with this code, dotted ("35.09") or bare ("3509"); Region.DoesNotExist otherwise."""
    try:
        code = normalize_code(code)
    except ValueError as error:
        raise Region.DoesNotExist(f"no region with code {code!r}") from error
    return Region.objects.get(code=code)


@cache
def _codes_at(level: int) -> frozenset[str]:
    return frozenset(Region.objects.filter(level=level).values_list("code", flat=True))


def region_codes_cache_clear() -> None:
    """Forget the cached province and regency codes (after a load, and between tests that change them)."""
    _codes_at.cache_clear()


def _code_exists(code: str, level: int) -> bool:
    try:
        code = normalize_code(code)
    except ValueError:
        return False
    return code in _codes_at(level)


def regency_code_exists(code: str) -> bool:
    """Whether a regency or city has this code ("35.09" or "3509").

    Imports call this once per row (NIK prefixes), so the codes are read once per process and
    kept; they change only with a new decree, and the loading service clears the cache.
    """
    return _code_exists(code, Region.Level.REGENCY)


def province_code_exists(code: str) -> bool:
    """Whether a province has this code ("35"); cached like regency_code_exists."""
    return _code_exists(code, Region.Level.PROVINCE)


def tenant_regions() -> QuerySet[Region]:
    """The regencies and cities: the regions that can be tenants of the platform."""
    return Region.objects.filter(level=Region.Level.REGENCY)


def districts_of(regency: Region) -> QuerySet[Region]:
    return Region.objects.filter(parent=regency, level=Region.Level.DISTRICT)


def villages_of(district: Region) -> QuerySet[Region]:
    return Region.objects.filter(parent=district, level=Region.Level.VILLAGE)


def _fold(name: str) -> str:
    """Lower-case ASCII words: accents dropped, apostrophes removed, other punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NOT_ALPHANUMERIC.sub(" ", _APOSTROPHES.sub("", letters)).strip()


def normalize_region_name(name: str) -> str:
    """The form two spellings of one district or village name share.

    "Kec. Sumbersari", "KECAMATAN SUMBERSARI" and " sumbersari " all give "sumbersari"; so do
    "Desa X", "Ds. X", "Kel. X" and "Kelurahan X" for a village X. A prefix is kept when it is the
    whole name (there is a village called "Kelurahan").
    """
    words = _fold(name).split()
    while len(words) > 1 and words[0] in _NAME_PREFIXES:
        words.pop(0)
    return " ".join(words)


def _keys(name: str) -> tuple[str, str, str]:
    # From strictest to loosest: the name as written, without its prefix, and without spaces
    # ("Sumber Sari" for Sumbersari). A looser key is tried only when the stricter ones find nothing.
    normalized = normalize_region_name(name)
    return _fold(name), normalized, normalized.replace(" ", "")


def _looks_like_code(name: str) -> bool:
    try:
        normalize_code(name)
    except ValueError:
        return False
    return True


class _NameTable:
    """Regions by name, under each of the keys `_keys` gives, strictest first."""

    def __init__(self) -> None:
        self._tables: tuple[defaultdict[str, list[Region]], ...] = tuple(defaultdict(list) for _ in range(3))

    def add(self, region: Region) -> None:
        for table, key in zip(self._tables, _keys(region.name), strict=True):
            table[key].append(region)

    def find(self, name: str) -> Region | None:
        for table, key in zip(self._tables, _keys(name), strict=True):
            matches = table.get(key)
            if matches:
                # The same name twice in one scope cannot be told apart by name alone.
                return matches[0] if len(matches) == 1 else None
        return None


class RegionIndex:
    """The districts and villages of one regency in dicts, for lookups without a query per row."""

    def __init__(self, regency: Region, regions: list[Region]) -> None:
        self.regency = regency
        self._by_code: dict[str, Region] = {}
        self._districts = _NameTable()
        self._villages = _NameTable()
        self._villages_by_district: defaultdict[str, _NameTable] = defaultdict(_NameTable)
        for region in regions:
            self._by_code[region.code] = region
            if region.level == Region.Level.DISTRICT:
                self._districts.add(region)
            else:
                self._villages.add(region)
                self._villages_by_district[region.code.rpartition(".")[0]].add(region)

    @classmethod
    def for_regency(cls, regency: Region) -> RegionIndex:
        """Read the regency's districts and villages in one query."""
        regions = Region.objects.filter(code__startswith=f"{regency.code}.", level__gt=Region.Level.REGENCY)
        return cls(regency, list(regions))

    def _by_code_at(self, name: str, level: int) -> Region | None:
        region = self._by_code.get(normalize_code(name))
        return region if region is not None and region.level == level else None

    def district(self, name: str) -> Region | None:
        """The district named or coded so in this regency; None when unknown or ambiguous."""
        if _looks_like_code(name):
            return self._by_code_at(name, Region.Level.DISTRICT)
        return self._districts.find(name)

    def village(self, name: str, *, district: Region | None = None) -> Region | None:
        """The village named or coded so, within `district` when given; None when unknown or ambiguous."""
        if _looks_like_code(name):
            village = self._by_code_at(name, Region.Level.VILLAGE)
            if village is not None and district is not None and village.parent_id != district.pk:
                return None
            return village
        if district is None:
            return self._villages.find(name)
        table = self._villages_by_district.get(district.code)
        return table.find(name) if table is not None else None


def district_lookup(*, regency: Region, name: str) -> Region | None:
    """Resolve a district the way Dinas staff write it: "Kec. Sumbersari", "SUMBERSARI", "35.09.21"."""
    return RegionIndex.for_regency(regency).district(name)


def village_lookup(*, regency: Region, name: str, district: Region | None = None) -> Region | None:
    """Resolve a village ("Desa X", "Kel. X", its code); a name found in two districts needs `district`."""
    return RegionIndex.for_regency(regency).village(name, district=district)
