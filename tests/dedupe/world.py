"""Duplicate-resolution records for the permission matrix: a pending Jember group and a merge in force."""

from __future__ import annotations

from dataclasses import dataclass

from sahabat.accounts.actor import Actor
from sahabat.dedupe.models import CandidateGroup, DedupeRun, Merge
from sahabat.dedupe.services import enterprise_merge
from sahabat.regions.models import Region
from sahabat.registry.models import Enterprise


@dataclass
class DedupeWorld:
    run: DedupeRun
    group: CandidateGroup
    merge: Merge


def dedupe_world(*, jember: Region) -> DedupeWorld:
    first, second, third, fourth = (
        Enterprise.unscoped.create(region=jember, name=name)
        for name in ("Toko Sumber Rejeki", "UD Sumber Rezeki", "Prol Tape Bu Sri", "Prol Tape Ibu Sri")
    )
    run = DedupeRun.unscoped.create(region=jember, status=DedupeRun.Status.DONE)
    group = CandidateGroup.unscoped.create(
        run=run, region=jember, size=2, min_probability=0.97, max_probability=0.97
    )
    group.enterprises.set([first, second])
    merge = enterprise_merge(actor=Actor.system(), enterprise_ids=[third.pk, fourth.pk])
    return DedupeWorld(run=run, group=group, merge=merge)
