"""Reads of duplicate resolution: runs, the review queue with its evidence, merges, duplicates at import."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
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


def enterprise_family_ids(*, enterprise: Enterprise) -> list[int]:
    """The golden record and the records merged into it: their history counts as one enterprise's."""
    return [enterprise.pk, *Enterprise.unscoped.filter(merged_into=enterprise).values_list("pk", flat=True)]


@dataclass(frozen=True)
class LikelyDuplicate:
    enterprise_id: int
    name: str
    district: str
    score: int


def import_likely_duplicates(
    *, actor: Actor, region: Region, rows: Iterable[ImportRow]
) -> dict[int, list[LikelyDuplicate]]:
    """For the new rows of an import preview, records already in the register with a very similar name.

    The preview stores only the business name of a valid row (no personal data), so the name is what is
    compared: after normalisation (business forms, titles, old spellings set aside), with rapidfuzz's
    token-sort ratio, among active records that share a word of the core name.
    """
    wanted = {
        row.pk: normalise.business_name(row.label).core
        for row in rows
        if row.outcome == ImportRow.Outcome.NEW and row.label
    }
    wanted = {pk: core for pk, core in wanted.items() if core}
    if not wanted:
        return {}
    words = {word for core in wanted.values() for word in core.split() if len(word) >= 3}
    index: dict[str, list[tuple[int, str, str, str]]] = {}
    records = (
        restrict(Enterprise, actor, Perm.REGISTRY_VIEW)
        .filter(region=region)
        .exclude(status=Enterprise.Status.MERGED)
        .values_list("pk", "name", "district__name")
    )
    for pk, name, district in records.iterator(chunk_size=5000):
        core = normalise.business_name(name).core
        for word in set(core.split()) & words:
            index.setdefault(word, []).append((pk, name, district or "", core))
    found: dict[int, list[LikelyDuplicate]] = {}
    for row_id, core in wanted.items():
        seen: dict[int, LikelyDuplicate] = {}
        for word in set(core.split()) & words:
            for pk, name, district, other in index.get(word, ()):
                if pk in seen:
                    continue
                score = round(fuzz.token_sort_ratio(core, other))
                if score >= IMPORT_SIMILARITY:
                    seen[pk] = LikelyDuplicate(pk, name, district, score)
        if seen:
            found[row_id] = sorted(seen.values(), key=lambda item: (-item.score, item.name))[
                :IMPORT_MAX_CANDIDATES
            ]
    return found


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
