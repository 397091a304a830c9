"""Benchmark: find duplicate UMKM in generated registers of 10,000 and 100,000 records with known duplicates.

For each size it writes a Jember-like register with ground truth (sahabat/dedupe/synthetic.py: half of
the NIKs missing, typos, old spellings, owners with several businesses) into a temporary SQLite
database, runs the duplicate search end to end (read and decrypt, normalise, train with EM, score,
cluster, store the review groups) and prints pairwise precision, recall and F1 with the time, beside
a baseline measured in the same run: exact NIK matching (records whose owners share a NIK).

Run with `python -m bench.dedupe [--records 10000 100000] [--threshold 0.9]`;
`--save-default-model` retrains the model shipped for small registers (sahabat/dedupe/default_model.json).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from itertools import combinations
from pathlib import Path

F1_TARGET = 0.95
SECONDS_TARGET_100K = 90
DEFAULT_MODEL_RECORDS = 20_000


def _setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahabat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _scores(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> tuple[float, float, float]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pairs(groups) -> set[tuple[int, int]]:
    return {pair for ids in groups for pair in combinations(sorted(ids), 2)}


def _baseline(region) -> tuple[set[tuple[int, int]], float]:
    """Exact NIK matching: records whose owners have the same NIK (the register keeps one owner per NIK)."""
    from sahabat.registry.models import Enterprise

    started = time.perf_counter()
    by_owner: dict[int, list[int]] = {}
    rows = (
        Enterprise.unscoped.filter(region=region)
        .exclude(owner__nik_index="")
        .values_list("pk", "owner_id")
        .iterator(chunk_size=5000)
    )
    for pk, owner_id in rows:
        by_owner.setdefault(owner_id, []).append(pk)
    found = _pairs(ids for ids in by_owner.values() if len(ids) > 1)
    return found, time.perf_counter() - started


def _measure(size: int, *, threshold: float, seed: int) -> dict:
    from django_scopes import scopes_disabled

    from sahabat.dedupe import services
    from sahabat.dedupe.models import CandidateGroup, DedupeRun
    from sahabat.dedupe.synthetic import generate, places_of, synthetic_load
    from sahabat.regions.selectors import region_by_code
    from sahabat.registry.models import Enterprise, Licence, Owner

    jember = region_by_code("35.09")
    with scopes_disabled():
        CandidateGroup.unscoped.all().delete()
        DedupeRun.unscoped.all().delete()
        Licence.unscoped.all().delete()
        Enterprise.unscoped.all().delete()
        Owner.unscoped.all().delete()
        started = time.perf_counter()
        data = generate(records=size, places=places_of(jember), seed=seed)
        ids = synthetic_load(region=jember, data=data)
        elapsed = time.perf_counter() - started
        print(f"  {size:,} records generated and written in {elapsed:.0f} s", flush=True)
        truth = {tuple(sorted((ids[left], ids[right]))) for left, right in data.true_pairs()}

        run = DedupeRun.unscoped.create(region=jember, threshold=threshold)
        started = time.perf_counter()
        cpu_started = time.process_time()
        stages: list[tuple[str, float]] = []
        run = services.dedupe_run_execute(
            run_id=run.pk, progress=lambda _percent, stage: stages.append((stage, time.perf_counter()))
        )
        seconds = time.perf_counter() - started
        marks = [*stages, ("end", started + seconds)]
        breakdown = ", ".join(
            f"{stage} {end - begin:.1f}"
            for (stage, begin), (_next, end) in zip(marks, marks[1:], strict=False)
        )
        print(f"  stages (s): {breakdown}", flush=True)
        cpu_seconds = time.process_time() - cpu_started
        groups = [
            list(group.enterprises.values_list("pk", flat=True))
            for group in CandidateGroup.unscoped.filter(run=run).prefetch_related("enterprises")
        ]
        baseline, baseline_seconds = _baseline(jember)
    return {
        "size": size,
        "truth": len(truth),
        "splink": (*_scores(_pairs(groups), truth), seconds, cpu_seconds),
        "baseline": (*_scores(baseline, truth), baseline_seconds),
    }


def _save_default_model(seed: int) -> None:
    from sahabat.dedupe import matching
    from sahabat.dedupe.synthetic import generate

    # Jember's 31 districts with ten villages each, as codes only: no database needed.
    places = [(f"35.09.{d:02d}", [f"35.09.{d:02d}.{2000 + v}" for v in range(1, 11)]) for d in range(1, 32)]
    data = generate(records=DEFAULT_MODEL_RECORDS, places=places, seed=seed)
    # As the register holds them (synthetic_load): one owner per NIK, with the name and phone it was first
    # given, and a NIB held once.
    owners: dict[str, tuple[str, str]] = {}
    nibs: set[str] = set()
    records = []
    for r in data.records:
        owner_name, phone = (
            owners.setdefault(r.nik, (r.owner_name, r.phone)) if r.nik else (r.owner_name, r.phone)
        )
        nib = r.nib if r.nib and r.nib not in nibs else ""
        nibs.add(nib)
        records.append(
            matching.MatchInput(
                id=r.record_id, name=r.name, owner_name=owner_name, nik=r.nik, nib=nib, phone=phone,
                address=r.address, rt=r.rt, rw=r.rw, district=r.district_code, village=r.village_code,
            )
        )  # fmt: skip
    result = matching.match(records, train=True)
    text = json.dumps(result.model, indent=1, sort_keys=True) + "\n"
    matching.DEFAULT_MODEL.write_text(text, encoding="utf-8")
    print(f"wrote {matching.DEFAULT_MODEL} (trained on {len(records):,} generated records)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--save-default-model", action="store_true")
    options = parser.parse_args(argv)
    if options.save_default_model:
        _save_default_model(options.seed)
        return
    with tempfile.TemporaryDirectory(prefix="sahabat-bench-") as folder:
        _setup_django(Path(folder) / "bench.sqlite3")
        results = [_measure(size, threshold=options.threshold, seed=options.seed) for size in options.records]
    print(f"\nthreshold {options.threshold}; NIK missing in half of the records; pairwise scores")
    print(f"{'records':>9} {'method':<22} {'precision':>9} {'recall':>7} {'F1':>6} {'seconds':>8}")
    failed = []
    for result in results:
        precision, recall, f1, seconds, cpu = result["splink"]
        print(
            f"{result['size']:>9,} {'Splink (end to end)':<22} {precision:>9.3f} {recall:>7.3f} {f1:>6.3f} "
            f"{seconds:>8.1f}  (CPU {cpu:.1f} s, {result['truth']:,} true pairs)"
        )
        b_precision, b_recall, b_f1, b_seconds = result["baseline"]
        print(
            f"{result['size']:>9,} {'exact NIK (baseline)':<22} {b_precision:>9.3f} {b_recall:>7.3f} "
            f"{b_f1:>6.3f} {b_seconds:>8.1f}"
        )
        if f1 < F1_TARGET:
            failed.append(f"F1 {f1:.3f} < {F1_TARGET} at {result['size']:,}")
        if result["size"] >= 100_000 and seconds > SECONDS_TARGET_100K:
            failed.append(f"{seconds:.0f} s > {SECONDS_TARGET_100K} s at {result['size']:,}")
    print(f"targets: F1 ≥ {F1_TARGET}; 100,000 records ≤ {SECONDS_TARGET_100K} s end to end")
    if failed:
        print("NOT MET: " + "; ".join(failed))


if __name__ == "__main__":
    main()
