"""Which register record a row is: by NIB, or by the owner's NIK and a similar business name.

The region's NIBs, NIK indexes and owners' business names are read once per file (one query each), so
matching costs no query per row. Existing records are loaded only for the rows that matched.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, utils

from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence, Owner

# token_sort_ratio ≥ 85 keeps "Keripik Tempe Bu Sri" = "Kripik Tempe Bu Sri" and "Tempe Sri, Keripik"
# together, and "Keripik Tempe" apart from "Keripik Singkong" of the same owner.
NAME_SIMILARITY = 85


def similar_names(first: str, second: str) -> bool:
    return fuzz.token_sort_ratio(first, second, processor=utils.default_process) >= NAME_SIMILARITY


class RegisterSnapshot:
    """What the register of one region holds, in dicts, as the import starts."""

    def __init__(self, region: Region) -> None:
        self.region = region
        self.enterprise_by_nib: dict[str, int] = dict(
            Licence.objects.with_scope(region=region.pk)
            .filter(type=Licence.Type.NIB)
            .values_list("number", "enterprise_id")
        )
        self.nib_of_enterprise = {
            enterprise_id: number for number, enterprise_id in self.enterprise_by_nib.items()
        }
        self.owner_by_nik: dict[str, int] = dict(
            Owner.objects.with_scope(region=region.pk).exclude(nik_index="").values_list("nik_index", "pk")
        )
        self.enterprises_of_owner: defaultdict[int, list[tuple[int, str]]] = defaultdict(list)
        owned = (
            Enterprise.objects.with_scope(region=region.pk)
            .filter(owner__isnull=False, owner__nik_index__gt="")
            .values_list("owner_id", "pk", "name")
        )
        for owner_id, enterprise_id, name in owned:
            self.enterprises_of_owner[owner_id].append((enterprise_id, name))

    def enterprise_by_owner_and_name(self, owner_id: int, name: str) -> int | None:
        """The owner's enterprise whose name is most like `name`, when it is alike enough."""
        best, best_score = None, NAME_SIMILARITY - 1
        for enterprise_id, other in self.enterprises_of_owner.get(owner_id, ()):
            score = fuzz.token_sort_ratio(name, other, processor=utils.default_process)
            if score > best_score:
                best, best_score = enterprise_id, score
        return best


def enterprises_by_id(region: Region, ids: list[int]) -> dict[int, Enterprise]:
    """The region's enterprises with these ids and their owners, 900 ids per query (SQLite's "
    "variable limit)."""
    found: dict[int, Enterprise] = {}
    for start in range(0, len(ids), 900):
        found.update(
            (enterprise.pk, enterprise)
            for enterprise in Enterprise.objects.with_scope(region=region.pk)
            .filter(pk__in=ids[start : start + 900])
            .select_related("owner", "district", "village")
        )
    return found


def owners_by_id(region: Region, ids: list[int]) -> dict[int, Owner]:
    found: dict[int, Owner] = {}
    for start in range(0, len(ids), 900):
        found.update(Owner.objects.with_scope(region=region.pk).in_bulk(ids[start : start + 900]))
    return found
