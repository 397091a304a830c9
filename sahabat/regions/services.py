"""Writes to the region tree: loading the shipped Kemendagri data, idempotently."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from sahabat.core.errors import DomainError
from sahabat.regions.data_source import (
    CODE_VERSION,
    RegionRecord,
    district_records,
    province_records,
    regency_record,
    regency_records,
    village_records,
)
from sahabat.regions.models import Region
from sahabat.regions.selectors import region_codes_cache_clear

__all__ = ("LevelCount", "LoadResult", "NationalLoadResult", "regions_load_national", "regions_load_regency")

_SYNCED_FIELDS = (
    "name",
    "level",
    "kind",
    "timezone",
    "parent_id",
    "postal_code",
    "latitude",
    "longitude",
    "code_version",
)
_BATCH_SIZE = 500


@dataclass(frozen=True)
class LevelCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class LoadResult:
    regency: Region
    districts: LevelCount
    villages: LevelCount


@dataclass(frozen=True)
class NationalLoadResult:
    provinces: LevelCount
    regencies: LevelCount


def _values(record: RegionRecord, parent_ids: Mapping[str, int]) -> dict[str, object]:
    return {
        "name": record.name,
        "level": record.level,
        "kind": record.kind,
        "timezone": record.timezone,
        "parent_id": parent_ids[record.parent_code] if record.parent_code else None,
        "postal_code": record.postal_code,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "code_version": CODE_VERSION,
    }


def _upsert(
    records: Iterable[RegionRecord], *, existing_rows: QuerySet[Region], parent_ids: Mapping[str, int]
) -> tuple[LevelCount, dict[str, int]]:
    """Create the missing rows and update the changed ones in bulk; return the counts and code -> id.

    Rows the decree no longer lists are kept: other apps point at them, and a removed code is
    history, not an error.
    """
    existing = {region.code: region for region in existing_rows}
    to_create: list[Region] = []
    to_update: list[Region] = []
    unchanged = 0
    for record in records:
        values = _values(record, parent_ids)
        region = existing.get(record.code)
        if region is None:
            to_create.append(Region(code=record.code, **values))
        elif any(getattr(region, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(region, name, value)
            to_update.append(region)
        else:
            unchanged += 1
    Region.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
    Region.objects.bulk_update(to_update, _SYNCED_FIELDS, batch_size=_BATCH_SIZE)
    count = LevelCount(created=len(to_create), updated=len(to_update), unchanged=unchanged)
    # Read the ids back rather than trusting bulk_create to set them: not every backend returns them.
    return count, dict(existing_rows.values_list("code", "pk"))


def _clear_code_caches() -> None:
    # Now, for this thread, which sees its own uncommitted rows; and again on commit, in case
    # another thread cached the old codes meanwhile.
    region_codes_cache_clear()
    transaction.on_commit(region_codes_cache_clear)


def regions_load_national() -> NationalLoadResult:
    """Load or refresh every province and regency/city; re-running updates names, never duplicates."""
    with transaction.atomic():
        provinces, province_ids = _upsert(
            province_records(),
            existing_rows=Region.objects.filter(level=Region.Level.PROVINCE),
            parent_ids={},
        )
        regencies, _ids = _upsert(
            regency_records(),
            existing_rows=Region.objects.filter(level=Region.Level.REGENCY),
            parent_ids=province_ids,
        )
        _clear_code_caches()
    return NationalLoadResult(provinces=provinces, regencies=regencies)


def regions_load_regency(*, code: str) -> LoadResult:
    """Load or refresh the districts and villages of one regency or city ("35.10" or "3510").

    Its province and the regency itself are created too when missing, so that this works on a
    database where the national list was never loaded.
    """
    regency = regency_record(code)
    if regency is None:
        raise DomainError(
            "region.unknown",
            _("There is no regency or city with code “%(code)s” in %(version)s.")
            % {"code": code, "version": CODE_VERSION},
            field="code",
            status=404,
        )
    province = next(record for record in province_records() if record.code == regency.parent_code)
    with transaction.atomic():
        _count, province_ids = _upsert(
            [province], existing_rows=Region.objects.filter(code=province.code), parent_ids={}
        )
        regency_count, regency_ids = _upsert(
            [regency], existing_rows=Region.objects.filter(code=regency.code), parent_ids=province_ids
        )
        regency_id = regency_ids[regency.code]
        districts, district_ids = _upsert(
            district_records(regency),
            existing_rows=Region.objects.filter(parent_id=regency_id, level=Region.Level.DISTRICT),
            parent_ids=regency_ids,
        )
        villages, _ids = _upsert(
            village_records(regency),
            existing_rows=Region.objects.filter(parent__parent_id=regency_id, level=Region.Level.VILLAGE),
            parent_ids=district_ids,
        )
        if regency_count.created:
            _clear_code_caches()
    return LoadResult(regency=Region.objects.get(pk=regency_id), districts=districts, villages=villages)
