"""Benchmark: the public catalogue's search over 200,000 products, on SQLite and on PostgreSQL.

Run with `make bench` or `python -m bench.portal_search [--products N] [--repeat N]`. Each database runs in
its own process (Django is set up once per process): SQLite in a temporary directory, PostgreSQL in a
throw-away database created and dropped on the server of `BENCH_POSTGRES_URL` (default
postgres://postgres@127.0.0.1:5432/postgres) when it is reachable. The register is written with bulk
inserts, the catalogue built by `catalogue_rebuild` (the code of `sahabat portal reindex`).

Measured: what the catalogue page asks the database for one search (the result count and the first
page of 24), median and 95th percentile over a mix of queries, filters and sorts. Baseline in the same
run: a plain indexed look-up of a page of entries by their exact sort name. Target: median ≤ 30 ms,
p95 ≤ 100 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MEDIAN_MS = 30
TARGET_P95_MS = 100
PRODUCTS_PER_ENTERPRISE = 10
KINDS = [
    ("Kripik Tempe", "food"),
    ("Keripik Singkong", "food"),
    ("Kerupuk Ikan", "food"),
    ("Prol Tape", "food"),
    ("Suwar-Suwir", "food"),
    ("Dodol Durian", "food"),
    ("Sambal Pecel", "food"),
    ("Kopi Robusta", "beverage"),
    ("Kopi Arabika", "beverage"),
    ("Teh Hijau", "beverage"),
    ("Gula Aren", "agriculture"),
    ("Madu Hutan", "agriculture"),
    ("Batik Tulis", "fashion"),
    ("Batik Cap", "fashion"),
    ("Kain Tenun", "fashion"),
    ("Tas Anyaman Pandan", "craft"),
    ("Kerajinan Bambu", "craft"),
    ("Sabun Sereh", "beauty"),
    ("Jamu Kunyit Asam", "beauty"),
    ("Jasa Jahit", "services"),
]
QUALIFIERS = [
    "Pedas",
    "Original",
    "Premium",
    "Khas Jember",
    "Sarolangun",
    "Manis",
    "Super",
    "Asli",
    "Spesial",
    "",
]
SHOP_WORDS = ["UMKM", "Toko", "Dapur", "Sanggar", "Kedai"]
UNITS = ["pcs", "kg", "pack", "box", "botol", "lembar"]
DESCRIPTIONS = [
    "Dibuat dari bahan pilihan petani lokal",
    "Olahan rumahan tanpa pengawet",
    "Dikemas rapi, cocok untuk oleh-oleh",
    "Diproduksi oleh pengrajin desa",
    "Dipasarkan ke seluruh Indonesia",
]
QUERIES = [
    {"query": "batik"},
    {"query": "kopi"},
    {"query": "keripik"},
    {"query": "kopi robusta"},
    {"query": "madu hutan"},
    {"query": "sambel pedas"},
    {"query": "anyaman"},
    {"query": "batik tulis jember"},
    {"query": "oleh-oleh"},
    {"query": "teh", "halal": True},
    {"query": "kripik", "region": "35.09", "sort": "price"},
    {"query": "gula", "price_min": 10_000, "price_max": 50_000},
    {"query": "dodol", "sort": "-price"},
    {"query": "pengrajin bambu"},
    {"query": "kop"},
    {},
    {"category": "fashion", "sort": "price"},
    {"region": "15.03", "halal": True},
    {"sort": "newest"},
    {"query": "batik", "kind": "enterprise"},
]


def _generate(products: int, seed: int = 9) -> tuple[float, float, int]:
    """Public enterprises with active products, written in bulk; returns (register s, index s, entries)."""
    from django.db import connection, transaction

    from sahabat.portal.services import catalogue_rebuild
    from sahabat.regions.models import Region
    from sahabat.registry.models import Enterprise, Product

    rng = random.Random(seed)
    started = time.perf_counter()
    enterprises_count = products // PRODUCTS_PER_ENTERPRISE
    regions = []
    for code in ("35.09", "15.03"):
        regency = Region.objects.get(code=code)
        districts = list(Region.objects.filter(parent=regency).values_list("pk", flat=True))
        regions.append((regency, districts))
    with transaction.atomic():
        Enterprise.unscoped.bulk_create(
            (
                Enterprise(
                    region=regions[number % 5 == 0][0],
                    district_id=rng.choice(regions[number % 5 == 0][1]),
                    name=f"{rng.choice(SHOP_WORDS)} {rng.choice(KINDS)[0]} {number:05d}",
                    sector="food",
                    is_public=True,
                )
                for number in range(enterprises_count)
            ),
            batch_size=2000,
        )
        ids = list(Enterprise.unscoped.order_by("pk").values_list("pk", flat=True))

        def product(number: int) -> Product:
            kind, category = rng.choice(KINDS)
            return Product(
                enterprise_id=ids[number % len(ids)],
                name=f"{kind} {rng.choice(QUALIFIERS)}".strip(),
                description=rng.choice(DESCRIPTIONS),
                category=category,
                price=rng.randrange(5, 500) * 1000,
                unit=rng.choice(UNITS),
                is_halal=rng.random() < 0.6,
            )

        Product.unscoped.bulk_create((product(number) for number in range(products)), batch_size=2000)
    register_seconds = time.perf_counter() - started
    started = time.perf_counter()
    entries = catalogue_rebuild()
    index_seconds = time.perf_counter() - started
    # The steady state of a running site, which autovacuum (PostgreSQL) and `PRAGMA optimize` reach on
    # their own: planner statistics, and the visibility map that lets a count skip reading rows.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return register_seconds, index_seconds, entries


def _search_once(filters: dict) -> None:
    from sahabat.portal.selectors import CatalogueFilters, catalogue_search

    entries = catalogue_search(CatalogueFilters(**filters))
    entries.count()
    list(entries[:24])


def _baseline_once(names: list[str], rng: random.Random) -> None:
    from sahabat.portal.models import CatalogueEntry

    list(CatalogueEntry.objects.filter(kind="product", sort_name=rng.choice(names)).order_by("id")[:24])


def _run_backend(options) -> None:
    from django.db import connection

    from bench._events import median_p95

    register_seconds, index_seconds, entries = _generate(options.products)
    print(
        f"[{connection.vendor}] {options.products:,} products: register {register_seconds:.1f} s, "
        f"catalogue index {index_seconds:.1f} s ({entries:,} entries)",
        flush=True,
    )
    from sahabat.portal.models import CatalogueEntry

    names = list(
        CatalogueEntry.objects.filter(kind="product").values_list("sort_name", flat=True).distinct()[:200]
    )
    for filters in QUERIES:  # warm the caches of both databases once
        _search_once(filters)
    timings, baseline, cpu = [], [], []
    rng = random.Random(1)
    for _ in range(options.repeat):
        for filters in QUERIES:
            started, cpu_started = time.perf_counter(), time.process_time()
            _search_once(filters)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            started = time.perf_counter()
            _baseline_once(names, rng)
            baseline.append((time.perf_counter() - started) * 1000)
    median, p95 = median_p95(timings)
    base_median, base_p95 = median_p95(baseline)
    ok = median <= TARGET_MEDIAN_MS and p95 <= TARGET_P95_MS
    print(
        f"[{connection.vendor}] catalogue search (count + first page), {len(timings)} runs: "
        f"median {median:.1f} ms, p95 {p95:.1f} ms "
        f"(target ≤ {TARGET_MEDIAN_MS} / ≤ {TARGET_P95_MS} ms: {'met' if ok else 'NOT met'})",
        flush=True,
    )
    cpu_median, cpu_p95 = median_p95(cpu)
    print(
        f"[{connection.vendor}] the same, CPU time of this process (SQLite works inside it; PostgreSQL "
        f"in its server): median {cpu_median:.1f} ms, p95 {cpu_p95:.1f} ms; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs",
        flush=True,
    )
    print(
        f"[{connection.vendor}] baseline, indexed look-up by exact name: "
        f"median {base_median:.1f} ms, p95 {base_p95:.1f} ms",
        flush=True,
    )
    slowest = sorted(
        (
            (statistics.median(timings[index :: len(QUERIES)]), QUERIES[index])
            for index in range(len(QUERIES))
        ),
        key=lambda item: -item[0],
    )[:3]
    for milliseconds, filters in slowest:
        print(f"[{connection.vendor}]   slowest: {milliseconds:.1f} ms median for {filters}", flush=True)
    if not ok:
        sys.exit(1)


def _child(options) -> None:
    os.environ["DATABASE_URL"] = options.database_url
    os.environ["VAR_DIR"] = options.folder
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahabat.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    _run_backend(options)


def _postgres_database(server_url: str):
    """A throw-away database on the server, or None when no server answers."""
    try:
        import psycopg
    except ImportError:
        return None
    name = f"sahabat_bench_portal_{os.getpid()}"
    try:
        with psycopg.connect(server_url, autocommit=True, connect_timeout=3) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        print(f"PostgreSQL not reachable ({error.__class__.__name__}); measured on SQLite only.")
        return None
    return name


def _drop_postgres(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=10, help="rounds over the query mix")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.database_url:
        _child(options)
        return 0
    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    failed = False
    with tempfile.TemporaryDirectory(prefix="sahabat-bench-") as folder:
        runs = []
        if options.backend in ("sqlite", "both"):
            runs.append((f"sqlite:///{Path(folder) / 'bench.sqlite3'}", None))
        if options.backend in ("postgresql", "both") and (name := _postgres_database(server)):
            runs.append((server.rsplit("/", 1)[0] + f"/{name}", name))
        for url, database in runs:
            try:
                child = [sys.executable, "-m", "bench.portal_search", "--products", str(options.products)]
                child += ["--repeat", str(options.repeat), "--database-url", url, "--folder", folder]
                failed |= subprocess.run(child, check=False).returncode != 0
            finally:
                if database:
                    _drop_postgres(server, database)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
