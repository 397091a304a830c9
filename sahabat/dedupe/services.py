"""Writes of duplicate resolution: runs, decisions, merges and their undoing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import combinations

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Perm
from sahabat.core.errors import DomainError
from sahabat.dedupe import matching
from sahabat.dedupe.models import (
    CandidateGroup,
    CandidatePair,
    DedupeRun,
    MatchModel,
    Merge,
    PairDecision,
)
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise, Licence, Owner
from sahabat.registry.services import enterprise_derive

RUNNING = (DedupeRun.Status.QUEUED, DedupeRun.Status.RUNNING)
# A queued or running search that has reported no progress for this long died with its worker (a crash,
# a restart): it is marked failed when a new search is asked for. The longest stage of a 100,000-record
# search takes under a minute (docs/dedupe.md).
STALE_AFTER = timedelta(minutes=30)
BATCH_SIZE = 2000
Progress = Callable[[int, str], None]

# Fields a golden record takes from the best of its records (see docs/dedupe.md, "Survivorship").
SURVIVING_FIELDS = (
    "name",
    "brand",
    "owner",
    "district",
    "village",
    "address",
    "rt",
    "rw",
    "postal_code",
    "latitude",
    "longitude",
    "business_phone",
    "kbli_codes",
    "kbli_version",
    "sector",
    "description",
    "capital",
    "annual_turnover",
    "founding_year",
    "reported_scale",
)
# Workers are one reading (male, female, unspecified): taken together from one record.
WORKER_FIELDS = ("workers_male", "workers_female", "workers_unspecified")
# What the OSS data behind a NIB vouches for.
NIB_BACKED_FIELDS = frozenset(
    {"name", "owner", "district", "village", "address", "kbli_codes", "kbli_version"}
)
# Rows that belong to an enterprise and follow it to the golden record: (model, field, unique together with).
MOVABLE_ROWS = (
    ("registry", "product", "enterprise", None),
    ("registry", "licence", "enterprise", None),
    ("purchasing", "purchase", "enterprise", None),
    ("purchasing", "procurementpackage", "supplier", None),
    ("events", "participation", "enterprise", "event"),
    ("coaching", "participant", "enterprise", "programme"),
)


def _require(actor: Actor, region: Region, permission: str = Perm.DEDUPE_REVIEW) -> None:
    if not actor.has_perm(permission, region.pk):
        raise DomainError("dedupe.forbidden", _("You may not resolve duplicates in this region."), status=403)


# --- runs -------------------------------------------------------------------------------------------


def dedupe_run_start(*, actor: Actor, region: Region, threshold: float, retrain: bool = True) -> DedupeRun:
    """Queue a search for duplicates; the huey worker runs it (inline in tests and small setups)."""
    _require(actor, region)
    if not 0.5 <= threshold < 1:
        raise DomainError(
            "dedupe.threshold", _("The threshold must be between 0.5 and 0.9999."), field="threshold"
        )
    if not retrain and not MatchModel.unscoped.filter(region=region).exists():
        retrain = True
    with transaction.atomic():
        _fail_stale_runs(region)
        if DedupeRun.unscoped.select_for_update().filter(region=region, status__in=RUNNING).exists():
            raise DomainError(
                "dedupe.running", _("A duplicate search is already running for this region."), status=409
            )
        run = DedupeRun.unscoped.create(
            region=region, threshold=threshold, retrain=retrain, started_by_id=actor.user_id
        )
    from sahabat.dedupe.tasks import dedupe_run_task

    transaction.on_commit(lambda: dedupe_run_task(run.pk))
    return run


class RunAbandoned(Exception):
    """The run was marked failed while it worked (it had been silent too long): it stops, storing nothing."""


def _fail_stale_runs(region: Region) -> int:
    """Mark failed the region's queued or running searches silent for STALE_AFTER: their worker is gone."""
    now = timezone.now()
    return (
        DedupeRun.unscoped.filter(region=region, status__in=RUNNING)
        .alias(last_sign=Coalesce("progress_at", "created_at"))
        .filter(last_sign__lt=now - STALE_AFTER)
        .update(
            status=DedupeRun.Status.FAILED,
            error=_("No progress for %(minutes)d minutes: the worker probably stopped.")
            % {"minutes": int(STALE_AFTER.total_seconds() // 60)},
            finished_at=now,
        )
    )


def _progress_saver(run: DedupeRun) -> Progress:
    def save(percent: int, stage: str) -> None:
        saved = DedupeRun.unscoped.filter(pk=run.pk, status=DedupeRun.Status.RUNNING).update(
            progress=percent, stage=stage, progress_at=timezone.now()
        )
        if not saved:
            raise RunAbandoned(run.pk)

    return save


def dedupe_run_execute(*, run_id: int, progress: Progress | None = None) -> DedupeRun:
    """Compare every active record of the run's region and store the candidate groups for review."""
    run = DedupeRun.unscoped.select_related("region").get(pk=run_id)
    report_db = _progress_saver(run)

    def report(percent: int, stage: str) -> None:
        report_db(percent, stage)
        if progress:
            progress(percent, stage)

    DedupeRun.unscoped.filter(pk=run.pk, status__in=RUNNING).update(
        status=DedupeRun.Status.RUNNING, stage="load", progress_at=timezone.now()
    )
    started = time.perf_counter()
    try:
        report(2, "load")
        records = match_inputs(region=run.region)
        saved = MatchModel.unscoped.filter(region=run.region).first()
        result = matching.match(
            records,
            model=saved.parameters if saved else None,
            train=run.retrain or saved is None,
            progress=report,
        )
        with transaction.atomic():
            if result.trained:
                MatchModel.unscoped.update_or_create(
                    region=run.region,
                    defaults={
                        "parameters": result.model,
                        "records": len(records),
                        "trained_at": timezone.now(),
                    },
                )
            groups, pairs = _store_candidates(run, result.predictions)
            finished = DedupeRun.unscoped.filter(pk=run.pk, status=DedupeRun.Status.RUNNING).update(
                status=DedupeRun.Status.DONE,
                progress=100,
                stage="done",
                records=len(records),
                pairs=pairs,
                groups=groups,
                seconds=time.perf_counter() - started,
                finished_at=timezone.now(),
            )
            if not finished:
                raise RunAbandoned(run.pk)
    except RunAbandoned:
        run.refresh_from_db()
        return run
    except Exception as error:
        DedupeRun.unscoped.filter(pk=run.pk, status__in=RUNNING).update(
            status=DedupeRun.Status.FAILED,
            error=f"{type(error).__name__}: {error}",
            seconds=time.perf_counter() - started,
            finished_at=timezone.now(),
        )
        raise
    run.refresh_from_db()
    return run


def match_inputs(*, region: Region, exclude_merged: bool = True) -> list[matching.MatchInput]:
    """The region's records as matching reads them; NIK and phone decrypted in memory only."""
    with scopes_disabled():
        enterprises = Enterprise.unscoped.filter(region=region)
        if exclude_merged:
            enterprises = enterprises.exclude(status=Enterprise.Status.MERGED)
        nibs = dict(
            Licence.unscoped.filter(region=region, type=Licence.Type.NIB).values_list(
                "enterprise_id", "number"
            )
        )
        owner_ids = set(enterprises.exclude(owner=None).values_list("owner_id", flat=True))
        owners = {
            owner.pk: owner
            for owner in Owner.unscoped.filter(pk__in=owner_ids).only("pk", "name", "nik", "phone")
        }
        rows = enterprises.values_list(
            "pk",
            "name",
            "owner_id",
            "business_phone",
            "address",
            "rt",
            "rw",
            "district__code",
            "village__code",
        )
        inputs = []
        for pk, name, owner_id, business_phone, address, rt, rw, district, village in rows.iterator(
            chunk_size=5000
        ):
            owner = owners.get(owner_id)
            inputs.append(
                matching.MatchInput(
                    id=pk,
                    name=name,
                    owner_name=owner.name if owner else "",
                    nik=owner.nik if owner else "",
                    nib=nibs.get(pk, ""),
                    phone=(owner.phone if owner and owner.phone else business_phone) or "",
                    address=address,
                    rt=rt,
                    rw=rw,
                    district=district or "",
                    village=village or "",
                )
            )
    return inputs


def _not_same_pairs(region: Region) -> set[tuple[int, int]]:
    return set(PairDecision.unscoped.filter(region=region).values_list("left_id", "right_id"))


def _store_candidates(run: DedupeRun, predictions: list[matching.Prediction]) -> tuple[int, int]:
    forbidden = _not_same_pairs(run.region)
    kept = [p for p in predictions if (p.left_id, p.right_id) not in forbidden]
    clusters = matching.clusters(kept, run.threshold, forbidden)
    # A new run replaces the suggestions still waiting from earlier runs; decided groups stay as history.
    CandidateGroup.unscoped.filter(region=run.region, status=CandidateGroup.Status.PENDING).exclude(
        run=run
    ).delete()
    by_pair = {(p.left_id, p.right_id): p for p in kept}
    members = [[by_pair[pair] for pair in combinations(ids, 2) if pair in by_pair] for ids in clusters]
    groups = CandidateGroup.unscoped.bulk_create(
        [
            CandidateGroup(
                run=run,
                region=run.region,
                size=len(ids),
                min_probability=min(p.probability for p in pairs if p.probability >= run.threshold),
                max_probability=max(p.probability for p in pairs),
            )
            for ids, pairs in zip(clusters, members, strict=True)
        ],
        batch_size=BATCH_SIZE,
    )
    through = CandidateGroup.enterprises.through
    through.objects.bulk_create(
        [
            through(candidategroup_id=group.pk, enterprise_id=pk)
            for group, ids in zip(groups, clusters, strict=True)
            for pk in ids
        ],
        batch_size=BATCH_SIZE,
    )
    stored = CandidatePair.unscoped.bulk_create(
        [
            CandidatePair(
                group=group,
                left_id=pair.left_id,
                right_id=pair.right_id,
                probability=pair.probability,
                match_weight=pair.match_weight,
                evidence=pair.evidence,
            )
            for group, pairs in zip(groups, members, strict=True)
            for pair in pairs
        ],
        batch_size=BATCH_SIZE,
    )
    pair_count = len(stored)
    return len(clusters), pair_count


# --- decisions ----------------------------------------------------------------------------------------


def _group_for(actor: Actor, group_id: int) -> CandidateGroup:
    try:
        group = CandidateGroup.unscoped.select_for_update().select_related("region").get(pk=group_id)
    except CandidateGroup.DoesNotExist:
        raise DomainError("dedupe.group_unknown", _("This group does not exist."), status=404) from None
    if not actor.is_superuser and group.region_id not in actor.region_ids_with(Perm.DEDUPE_REVIEW):
        raise DomainError("dedupe.group_unknown", _("This group does not exist."), status=404)
    if group.status != CandidateGroup.Status.PENDING:
        raise DomainError("dedupe.decided", _("This group has already been decided."), status=409)
    return group


@transaction.atomic
def candidate_group_decide(
    *,
    actor: Actor,
    group_id: int,
    decision: str,
    golden_id: int | None = None,
    member_ids: Iterable[int] | None = None,
) -> CandidateGroup:
    """Merge the group's chosen records, mark them all "not the same", or skip the group for now."""
    group = _group_for(actor, group_id)
    ids = sorted(group.enterprises.values_list("pk", flat=True))
    if decision == CandidateGroup.Status.SKIPPED:
        group.status = CandidateGroup.Status.SKIPPED
    elif decision == CandidateGroup.Status.NOT_SAME:
        pairs_remember_not_same(actor=actor, region=group.region, ids=ids)
        group.status = CandidateGroup.Status.NOT_SAME
    elif decision == CandidateGroup.Status.MERGED:
        chosen = sorted(set(member_ids)) if member_ids is not None else ids
        if len(chosen) < 2 or not set(chosen) <= set(ids):
            raise DomainError(
                "dedupe.members", _("Choose at least two records of this group to merge."), field="members"
            )
        if golden_id is not None and golden_id not in chosen:
            raise DomainError(
                "dedupe.golden", _("The record to keep must be one of those merged."), field="golden"
            )
        merge = enterprise_merge(actor=actor, enterprise_ids=chosen, golden_id=golden_id)
        left_out = sorted(set(ids) - set(chosen))
        # Records left out of a merge were judged different from those merged.
        for outsider in left_out:
            for member in chosen:
                _remember(actor, group.region, outsider, member)
        group.merge = merge
        group.status = CandidateGroup.Status.MERGED
    else:
        raise DomainError("dedupe.decision", _("Unknown decision."), field="decision")
    group.decided_by_id = actor.user_id
    group.decided_at = timezone.now()
    group.save()
    return group


def _remember(actor: Actor, region: Region, first: int, second: int) -> None:
    left, right = sorted((first, second))
    PairDecision.unscoped.get_or_create(
        left_id=left, right_id=right, defaults={"region": region, "decided_by_id": actor.user_id}
    )


def pairs_remember_not_same(*, actor: Actor, region: Region, ids: Iterable[int]) -> int:
    """Remember that these records are all different enterprises; later runs never pair them again."""
    _require(actor, region)
    ids = sorted(set(ids))
    for left, right in combinations(ids, 2):
        _remember(actor, region, left, right)
    return len(ids) * (len(ids) - 1) // 2


@transaction.atomic
def candidate_groups_bulk_accept(*, actor: Actor, region: Region, threshold: float) -> int:
    """Merge every pending group whose weakest link reaches `threshold`; groups made stale by an earlier
    merge of one of their records are left for review."""
    _require(actor, region)
    if not 0.5 <= threshold <= 1:
        raise DomainError(
            "dedupe.threshold", _("The threshold must be between 0.5 and 1."), field="threshold"
        )
    groups = list(
        CandidateGroup.unscoped.filter(
            region=region, status=CandidateGroup.Status.PENDING, min_probability__gte=threshold
        ).values_list("pk", flat=True)
    )
    merged = 0
    for group_id in groups:
        try:
            with transaction.atomic():
                candidate_group_decide(actor=actor, group_id=group_id, decision=CandidateGroup.Status.MERGED)
        except DomainError as error:
            # A record of the group was merged by another decision since the run: leave it for review.
            if error.errors[0].code != "dedupe.already_merged":
                raise
        else:
            merged += 1
    return merged


# --- merge and unmerge ------------------------------------------------------------------------------


@dataclass
class _Standing:
    """How much a record's values are worth: verified, then recent, then holding a NIB."""

    enterprise: Enterprise
    has_nib: bool
    officer_fields: frozenset[str]

    def verified(self, field: str) -> bool:
        if self.enterprise.source == Enterprise.Source.FORM or field in self.officer_fields:
            return True
        return self.has_nib and field in NIB_BACKED_FIELDS

    def rank(self, field: str) -> tuple:
        return (self.verified(field), self.enterprise.updated_at, self.has_nib, -self.enterprise.pk)


def _officer_fields(enterprises: list[Enterprise]) -> dict[int, frozenset[str]]:
    """Fields a person changed through the form or the API: imports write no audit entries (bulk)."""
    content_type = ContentType.objects.get_for_model(Enterprise)
    fields: dict[int, set[str]] = {enterprise.pk: set() for enterprise in enterprises}
    entries = LogEntry.objects.filter(
        content_type=content_type,
        object_pk__in=[str(pk) for pk in fields],
        actor__isnull=False,
        action=LogEntry.Action.UPDATE,
    ).values_list("object_pk", "changes")
    for object_pk, changes in entries:
        if isinstance(changes, dict):
            fields[int(object_pk)].update(name.removesuffix("_id") for name in changes)
    return {pk: frozenset(names) for pk, names in fields.items()}


def _empty(value) -> bool:
    return (
        value is None or value == "" or value == [] or value == Enterprise._meta.get_field("sector").default
    )


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _attribute(field: str) -> str:
    return f"{field}_id" if field in {"owner", "district", "village"} else field


def survivorship(
    enterprises: list[Enterprise], *, golden: Enterprise | None = None
) -> tuple[Enterprise, dict]:
    """The record to keep and, per field, the value it takes and why (see docs/dedupe.md)."""
    nib_holders = set(
        Licence.unscoped.filter(enterprise__in=enterprises, type=Licence.Type.NIB).values_list(
            "enterprise_id", flat=True
        )
    )
    officer = _officer_fields(enterprises)
    standings = [_Standing(item, item.pk in nib_holders, officer[item.pk]) for item in enterprises]
    if golden is None:
        golden = max(
            standings,
            key=lambda s: (
                s.enterprise.source == Enterprise.Source.FORM or bool(s.officer_fields),
                s.has_nib,
                s.enterprise.updated_at,
                -s.enterprise.pk,
            ),
        ).enterprise
    chosen: dict[str, dict] = {}
    for field in (*SURVIVING_FIELDS, "workers"):
        if field == "workers":
            candidates = [s for s in standings if any(getattr(s.enterprise, name) for name in WORKER_FIELDS)]
        else:
            candidates = [s for s in standings if not _empty(getattr(s.enterprise, _attribute(field)))]
        if not candidates:
            continue
        best = max(candidates, key=lambda s: s.rank(field))
        reason = "verified" if best.verified(field) else "recent"
        if field == "workers":
            value = {name: getattr(best.enterprise, name) for name in WORKER_FIELDS}
        else:
            value = _plain(getattr(best.enterprise, _attribute(field)))
        chosen[field] = {"value": value, "from": best.enterprise.pk, "rule": reason}
    return golden, chosen


def _snapshot(enterprise: Enterprise) -> dict:
    fields = [*SURVIVING_FIELDS, *WORKER_FIELDS, "computed_scale", "scale_rule"]
    return {_attribute(name): _plain(getattr(enterprise, _attribute(name))) for name in fields}


def _restore(enterprise: Enterprise, snapshot: dict) -> None:
    for attribute, value in snapshot.items():
        field = Enterprise._meta.get_field(
            attribute.removesuffix("_id") if attribute.endswith("_id") else attribute
        )
        setattr(enterprise, attribute, field.to_python(value) if value is not None else None)


def _movable_models():
    from django.apps import apps

    for app_label, model_name, field, unique_with in MOVABLE_ROWS:
        yield f"{app_label}.{model_name}.{field}", apps.get_model(app_label, model_name), field, unique_with


@transaction.atomic
def enterprise_merge(*, actor: Actor, enterprise_ids: Iterable[int], golden_id: int | None = None) -> Merge:
    """Fold records into one golden record; every record is kept, linked and restorable."""
    ids = sorted(set(enterprise_ids))
    enterprises = list(Enterprise.unscoped.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(enterprises) < 2 or len(enterprises) != len(ids):
        raise DomainError("dedupe.members", _("Choose at least two records to merge."), field="members")
    region = enterprises[0].region
    if any(item.region_id != region.pk for item in enterprises):
        raise DomainError("dedupe.region", _("Records of different regions cannot be merged."))
    _require(actor, region)
    if any(item.status == Enterprise.Status.MERGED for item in enterprises):
        raise DomainError(
            "dedupe.already_merged",
            _("One of these records has already been merged into another."),
            status=409,
        )
    golden = next((item for item in enterprises if item.pk == golden_id), None)
    if golden_id is not None and golden is None:
        raise DomainError(
            "dedupe.golden", _("The record to keep must be one of those merged."), field="golden"
        )
    golden, chosen = survivorship(enterprises, golden=golden)
    sources = [item for item in enterprises if item.pk != golden.pk]
    source_ids = [item.pk for item in sources]
    merge = Merge(
        region=region,
        golden=golden,
        golden_before=_snapshot(golden),
        chosen=chosen,
        sources_before={
            str(item.pk): {"status": item.status, "merged_into": item.merged_into_id} for item in sources
        },
        created_by_id=actor.user_id,
    )
    moved: dict[str, list[list[int]]] = {}
    # Records merged earlier into one of the sources now follow the new golden record.
    earlier = list(
        Enterprise.unscoped.filter(merged_into_id__in=source_ids).values_list("pk", "merged_into_id")
    )
    if earlier:
        moved["registry.enterprise.merged_into"] = [list(row) for row in earlier]
        Enterprise.unscoped.filter(pk__in=[pk for pk, _old in earlier]).update(merged_into=golden)
    for key, model, field, unique_with in _movable_models():
        rows = model._default_manager.filter(**{f"{field}_id__in": source_ids})
        if unique_with:
            # One participation per event and enterprise: the golden record's own stays, the source's too.
            taken = model._default_manager.filter(**{f"{field}_id": golden.pk}).values_list(
                f"{unique_with}_id"
            )
            rows = rows.exclude(**{f"{unique_with}_id__in": taken})
            seen: set[int] = set()
            keep: list[int] = []
            for pk, scope in rows.order_by("pk").values_list("pk", f"{unique_with}_id"):
                if scope not in seen:
                    seen.add(scope)
                    keep.append(pk)
            rows = model._default_manager.filter(pk__in=keep)
        pairs = [list(row) for row in rows.values_list("pk", f"{field}_id")]
        if pairs:
            moved[key] = pairs
            model._default_manager.filter(pk__in=[pk for pk, _old in pairs]).update(**{field: golden})
    merge.moved = moved
    for field, choice in chosen.items():
        if field == "workers":
            for name, value in choice["value"].items():
                setattr(golden, name, value)
        else:
            model_field = Enterprise._meta.get_field(field)
            value = choice["value"]
            setattr(golden, _attribute(field), model_field.to_python(value) if value is not None else None)
    enterprise_derive(golden)
    golden.save()
    for source in sources:
        source.status = Enterprise.Status.MERGED
        source.merged_into = golden
        source.save(update_fields=["status", "merged_into", "updated_at"])
    merge.save()
    merge.sources.set(sources)
    return merge


@transaction.atomic
def merge_undo(*, actor: Actor, merge_id: int) -> Merge:
    """Restore the records, and the rows moved to the golden record, exactly as they were before the merge."""
    try:
        merge = Merge.unscoped.select_for_update().select_related("golden", "region").get(pk=merge_id)
    except Merge.DoesNotExist:
        raise DomainError("dedupe.merge_unknown", _("This merge does not exist."), status=404) from None
    if not actor.is_superuser and merge.region_id not in actor.region_ids_with(Perm.DEDUPE_REVIEW):
        raise DomainError("dedupe.merge_unknown", _("This merge does not exist."), status=404)
    if merge.undone_at:
        raise DomainError("dedupe.undone", _("This merge has already been undone."), status=409)
    golden = Enterprise.unscoped.select_for_update().get(pk=merge.golden_id)
    sources = {
        item.pk: item for item in Enterprise.unscoped.select_for_update().filter(merge_sources_q(merge))
    }
    later = Merge.unscoped.filter(
        Q(golden_id__in=[golden.pk, *sources]) | Q(sources__in=[golden.pk, *sources]),
        created_at__gt=merge.created_at,
        undone_at__isnull=True,
    ).exclude(pk=merge.pk)
    if golden.status == Enterprise.Status.MERGED or later.exists():
        raise DomainError(
            "dedupe.later_merge",
            _("These records were merged again later; undo the later merge first."),
            status=409,
        )
    for key, model, field, _unique in _movable_models():
        for pk, previous in merge.moved.get(key, []):
            model._default_manager.filter(pk=pk, **{f"{field}_id": golden.pk}).update(
                **{f"{field}_id": previous}
            )
    for pk, previous in merge.moved.get("registry.enterprise.merged_into", []):
        Enterprise.unscoped.filter(pk=pk, merged_into_id=golden.pk).update(merged_into_id=previous)
    for pk, before in merge.sources_before.items():
        source = sources[int(pk)]
        source.status = before["status"]
        source.merged_into_id = before["merged_into"]
        source.save(update_fields=["status", "merged_into", "updated_at"])
    _restore(golden, merge.golden_before)
    golden.save()
    merge.undone_at = timezone.now()
    merge.undone_by_id = actor.user_id
    merge.save(update_fields=["undone_at", "undone_by"])
    CandidateGroup.unscoped.filter(merge=merge).update(
        status=CandidateGroup.Status.PENDING, decided_at=None, decided_by=None, merge=None
    )
    return merge


def merge_sources_q(merge: Merge) -> Q:
    return Q(pk__in=[int(pk) for pk in merge.sources_before])
