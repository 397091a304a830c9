"""Reads of duplicate resolution: runs, the review queue with its evidence, merges, duplicates at import."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from rapidfuzz import fuzz

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.accounts.scoping import restrict
from sahabat.dedupe import normalise
from sahabat.dedupe.models import CandidateGroup, CandidatePair, DedupeRun, Merge
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, ImportRow, Licence

# A new import row and a record of the register whose cores are this similar are shown side by side.
IMPORT_SIMILARITY = 90
# The same owner (by NIK or phone) and a name this similar: "UD. Sumber Rejeki" and "Toko Sumber Rezeki
# Jaya"; the owner's laundry beside the bakery stays far below it.
IMPORT_SAME_OWNER_SIMILARITY = 70
IMPORT_MAX_CANDIDATES = 3


def dedupe_run_list(*, actor: Actor, region: Region) -> QuerySet[DedupeRun]:
    return restrict(DedupeRun, actor, Perm.DEDUPE_REVIEW).filter(region=region).select_related("started_by")


def dedupe_run_get(*, actor: Actor, run_id: int) -> DedupeRun:
    return restrict(DedupeRun, actor, Perm.DEDUPE_REVIEW).get(pk=run_id)


def dedupe_run_latest(*, actor: Actor, region: Region) -> DedupeRun | None:
    return dedupe_run_list(actor=actor, region=region).first()


def candidate_group_list(
    *, actor: Actor, region: Region, status: str = CandidateGroup.Status.PENDING, min_probability: float = 0
) -> QuerySet[CandidateGroup]:
    groups = restrict(CandidateGroup, actor, Perm.DEDUPE_REVIEW).filter(region=region)
    if status in CandidateGroup.Status.values:
        groups = groups.filter(status=status)
    if min_probability:
        groups = groups.filter(min_probability__gte=min_probability)
    return groups.prefetch_related(
        Prefetch(
            "enterprises",
            queryset=Enterprise.unscoped.select_related("owner", "district", "village").order_by("pk"),
        ),
        Prefetch("pairs", queryset=CandidatePair.unscoped.order_by("-probability")),
    )


def candidate_group_get(*, actor: Actor, group_id: int) -> CandidateGroup:
    return (
        restrict(CandidateGroup, actor, Perm.DEDUPE_REVIEW)
        .select_related("merge", "decided_by")
        .prefetch_related(
            Prefetch(
                "enterprises",
                queryset=Enterprise.unscoped.select_related("owner", "district", "village").order_by("pk"),
            ),
            Prefetch("pairs", queryset=CandidatePair.unscoped.order_by("-probability")),
        )
        .get(pk=group_id)
    )


def candidate_group_counts(*, actor: Actor, region: Region) -> dict[str, int]:
    counts = Counter(
        restrict(CandidateGroup, actor, Perm.DEDUPE_REVIEW)
        .filter(region=region)
        .values_list("status", flat=True)
    )
    return {status: counts.get(status, 0) for status in CandidateGroup.Status.values}


def group_nib_numbers(group: CandidateGroup) -> dict[int, str]:
    """The NIB of each record of a group (a licence number, not personal data)."""
    ids = [enterprise.pk for enterprise in group.enterprises.all()]
    return dict(
        Licence.unscoped.filter(enterprise_id__in=ids, type=Licence.Type.NIB).values_list(
            "enterprise_id", "number"
        )
    )


def merge_list(*, actor: Actor, region: Region) -> QuerySet[Merge]:
    return (
        restrict(Merge, actor, Perm.DEDUPE_REVIEW)
        .filter(region=region)
        .select_related("golden", "created_by", "undone_by")
        .prefetch_related("sources")
    )


def merge_get(*, actor: Actor, merge_id: int) -> Merge:
    return restrict(Merge, actor, Perm.DEDUPE_REVIEW).select_related("golden").get(pk=merge_id)


# --- the golden record in reads of sales ------------------------------------------------------------
# The sales ledger and its rollups keep the enterprise that made each sale: a merge never rewrites them
# (docs/events.md, docs/dedupe.md). Every read of sales or sellers per enterprise follows the golden
# record instead, through the two functions below; `merged_into` always names the current golden record
# (a merge re-points the records merged earlier into its sources, an unmerge points them back), so one
# step is enough.


def golden_record(path: str = "enterprise", field: str = "id") -> Coalesce:
    """An expression for `field` of the golden record of the enterprise at `path` (itself if not merged).

    For aggregates over sales or their rollups: `BoothTotal.objects.values(seller=golden_record())` counts
    a merged pair as one seller and sums its sales under the golden record. `field` must be a column that
    is never null (the id, the sector, the region), else a null on the golden record falls back to the
    source's value.
    """
    return Coalesce(F(f"{path}__merged_into__{field}"), F(f"{path}__{field}"))


def enterprise_family_ids(*, enterprise: Enterprise | int) -> list[int]:
    """The golden record and the records merged into it: for looking up one enterprise's sales by index."""
    pk = enterprise if isinstance(enterprise, int) else enterprise.pk
    return [pk, *Enterprise.unscoped.filter(merged_into_id=pk).values_list("pk", flat=True)]


@dataclass(frozen=True)
class LikelyDuplicate:
    enterprise_id: int
    name: str
    district: str
    score: int


def import_likely_duplicates(
    *, actor: Actor, region: Region, rows: Iterable[ImportRow]
) -> dict[int, list[LikelyDuplicate]]:
    """For the new rows of an import preview, records already in the register that look like the same one.

    Two ways, after normalisation (business forms, titles, old spellings set aside) and with rapidfuzz's
    token-sort ratio of the core names:
    - a record whose name is very similar (IMPORT_SIMILARITY), among the active records sharing a word;
    - a record of the same owner, found by the blind index of the row's owner NIK or phone (kept on the
      row for this, never the values), whose name is fairly similar (IMPORT_SAME_OWNER_SIMILARITY). An
      owner's other businesses with clearly different names are not shown: they are not duplicates.
    """
    rows = [row for row in rows if row.outcome == ImportRow.Outcome.NEW and row.label]
    wanted = {row.pk: normalise.business_name(row.label).core for row in rows}
    wanted = {pk: core for pk, core in wanted.items() if core}
    if not wanted:
        return {}
    active = (
        restrict(Enterprise, actor, Perm.REGISTRY_VIEW)
        .filter(region=region)
        .exclude(status=Enterprise.Status.MERGED)
    )
    found: dict[int, dict[int, LikelyDuplicate]] = {pk: {} for pk in wanted}

    def consider(row_id: int, pk: int, name: str, district: str, other: str, threshold: int) -> None:
        score = round(fuzz.token_sort_ratio(wanted[row_id], other))
        if score >= threshold and score > getattr(found[row_id].get(pk), "score", -1):
            found[row_id][pk] = LikelyDuplicate(pk, name, district, score)

    words = {word for core in wanted.values() for word in core.split() if len(word) >= 3}
    index: dict[str, list[tuple[int, str, str, str]]] = {}
    records = active.values_list("pk", "name", "district__name")
    for pk, name, district in records.iterator(chunk_size=5000):
        core = normalise.business_name(name).core
        for word in set(core.split()) & words:
            index.setdefault(word, []).append((pk, name, district or "", core))
    for row_id, core in wanted.items():
        for word in set(core.split()) & words:
            for pk, name, district, other in index.get(word, ()):
                consider(row_id, pk, name, district, other, IMPORT_SIMILARITY)

    by_nik: dict[str, list[int]] = {}
    by_phone: dict[str, list[int]] = {}
    for row in rows:
        if row.pk in wanted and row.owner_nik_index:
            by_nik.setdefault(row.owner_nik_index, []).append(row.pk)
        if row.pk in wanted and row.owner_phone_index:
            by_phone.setdefault(row.owner_phone_index, []).append(row.pk)
    if by_nik or by_phone:
        owned = active.filter(
            Q(owner__nik_index__in=list(by_nik)) | Q(owner__phone_index__in=list(by_phone))
        ).values_list("pk", "name", "district__name", "owner__nik_index", "owner__phone_index")
        for pk, name, district, nik_index, phone_index in owned:
            other = normalise.business_name(name).core
            for row_id in {*by_nik.get(nik_index or "", ()), *by_phone.get(phone_index or "", ())}:
                consider(row_id, pk, name, district or "", other, IMPORT_SAME_OWNER_SIMILARITY)
    return {
        row_id: sorted(matches.values(), key=lambda item: (-item.score, item.name))[:IMPORT_MAX_CANDIDATES]
        for row_id, matches in found.items()
        if matches
    }


FIELD_LABELS = {
    "business_name": _("Business name"),
    "owner_name": _("Owner name"),
    "nik": _("NIK"),
    "nib": _("NIB"),
    "phone": _("Phone"),
    "place": _("Village and district"),
    "address": _("Address"),
}
LEVEL_LABELS = {
    "missing": _("missing in one"),
    "same": _("same"),
    "one or two typos": _("one or two typos"),
    "very similar": _("very similar"),
    "mostly the same words": _("mostly the same words"),
    "different": _("different"),
    "same words": _("same words"),
    "one name within the other": _("one name within the other"),
    "a word in common": _("a word in common"),
    "one or two digits apart": _("one or two digits apart"),
    "same village": _("same village"),
    "same district": _("same district"),
    "same, same RT/RW": _("same, same RT/RW"),
    "similar": _("similar"),
}


@dataclass(frozen=True)
class Evidence:
    field: str
    level: str
    weight: float
    # "agree", "disagree" or "neutral" (a value missing on one side says nothing).
    verdict: str


def pair_evidence(pair: CandidatePair) -> list[Evidence]:
    """What each field said about the pair, in the model's order, with its match weight."""
    items = []
    for name, (level, weight) in pair.evidence.items():
        weight = float(weight) if weight is not None and weight == weight else 0.0
        verdict = (
            "neutral" if level == "missing" or abs(weight) < 0.5 else "agree" if weight > 0 else "disagree"
        )
        items.append(
            Evidence(str(FIELD_LABELS.get(name, name)), str(LEVEL_LABELS.get(level, level)), weight, verdict)
        )
    return items


@dataclass(frozen=True)
class EvidenceRow:
    field: str
    # One (level, weight, verdict) per pair, in the order of the group's pairs.
    cells: list[Evidence]


def group_evidence_rows(group: CandidateGroup) -> list[EvidenceRow]:
    """The group's evidence as a table: one row per field, one column per pair."""
    columns = [pair_evidence(pair) for pair in group.pairs.all()]
    if not columns:
        return []
    return [EvidenceRow(cells[0].field, list(cells)) for cells in zip(*columns, strict=True)]
