"""What the events benchmarks share: a temporary database, a register and a carnival, raw SQLite baselines.

Every benchmark works in a temporary directory (database, secrets, cache) that it migrates itself,
never in the developer's var/. The environment is set before Django is, so the gunicorn that a
benchmark starts inherits the same temporary database.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

# A carnival's booth mix: mostly food, then fashion and craft (the demo register's sectors).
SECTOR_MIX = {
    "food": 45,
    "fashion": 20,
    "craft": 12,
    "agriculture": 8,
    "trade": 6,
    "manufacturing": 4,
    "fishery": 3,
    "services": 2,
}
# The PRAGMAs the project's SQLite connections use (settings.DATABASES init_command).
PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-64000")


def django_setup(folder: Path) -> None:
    """Point settings at a fresh database in `folder`, set Django up and migrate."""
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["VAR_DIR"] = str(folder)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    os.environ["LOG_LEVEL"] = "WARNING"
    # A benchmark client sends far more batches per token than a booth phone; the per-token rate limit
    # (a guard against runaway tokens, not part of ingestion) would stop it.
    os.environ["API_TOKEN_RATE_LIMIT"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahabat.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def register_fill(*, jember_count: int, sarolangun_count: int, seed: int = 35) -> None:
    """Stand-in enterprises for the booths (the benchmarks measure the ledger, not the register)."""
    from sahabat.regions.models import Region
    from sahabat.registry.models import Enterprise

    rng = random.Random(seed)
    sectors, weights = zip(*SECTOR_MIX.items(), strict=True)
    for code, count in (("35.09", jember_count), ("15.03", sarolangun_count)):
        region = Region.objects.get(code=code)
        Enterprise.unscoped.bulk_create(
            Enterprise(
                region=region, name=f"UMKM {code} {number:05d}", sector=rng.choices(sectors, weights)[0]
            )
            for number in range(count)
        )


def carnival(*, booths: int, seed: int = 2023, turnover: int = 0, visitors: int = 0):
    """A fresh carnival with `booths` approved booths; returns (event, set-up seconds)."""
    from django.db import transaction
    from django_scopes import scopes_disabled

    from sahabat.events.demo import carnival_create
    from sahabat.regions.models import Region

    started = time.perf_counter()
    with scopes_disabled(), transaction.atomic():
        event = carnival_create(
            region=Region.objects.get(code="35.09"),
            guest_region=Region.objects.get(code="15.03"),
            booths=booths,
            seed=seed,
            name=f"Bench carnival {seed}",
            turnover=turnover,
            visitors=visitors,
        )
    return event, time.perf_counter() - started


def simulation_for(
    event, *, sales: int | None = None, turnover: int = 0, visitors: int = 0, seed: int = 2023
):
    """The event's simulation, sized by a number of sales (the turnover then follows from the ticket
    sizes) or by a turnover."""
    from django_scopes import scopes_disabled

    from sahabat.events.demo import plan_for
    from sahabat.events.simulation import Simulation

    with scopes_disabled():
        plan = plan_for(event, visitors=visitors, turnover=turnover, seed=seed)
    if sales is not None:
        ticket = Simulation(plan).expected_ticket
        plan = plan_for(event, visitors=visitors, turnover=round(sales * ticket), seed=seed)
    return Simulation(plan)


def all_sales(simulation) -> list:
    return [sale for hour in simulation.hours for sale in simulation.sales(hour)]


def booth_index(event) -> dict[str, tuple[int, int]]:
    """booth code → (booth id, enterprise id) of the approved holder."""
    from sahabat.events.models import Participation

    return {
        code: (booth_id, enterprise_id)
        for code, booth_id, enterprise_id in Participation.objects.with_scopes_disabled()
        .filter(event=event, status=Participation.Status.APPROVED)
        .values_list("booth__code", "booth_id", "enterprise_id")
    }


def _sqlite_datetime(value: datetime) -> str:
    """How Django stores an aware datetime in SQLite: naive UTC text."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")


def sale_rows(
    event, sales: Sequence, *, booths: dict | None = None, device_id: int | None = None
) -> list[tuple]:
    """The rows the ledger would write for `sales`, in the order of `ledger.SALE_COLUMNS`."""
    booths = booths or booth_index(event)
    received = _sqlite_datetime(datetime.now(UTC))
    return [
        (
            event.pk,
            *booths[sale.booth],
            _sqlite_datetime(sale.occurred_at),
            sale.amount,
            sale.items,
            sale.payment_method,
            sale.buyer_type,
            uuid.UUID(str(sale.client_uuid)).hex,
            device_id,
            None,
            None,
            received,
        )
        for sale in sales
    ]


def sale_table_schema(database: Path) -> list[str]:
    """CREATE statements of events_sale and every index on it, as migrated."""
    with sqlite3.connect(database) as connection:
        return [
            sql
            for (sql,) in connection.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'events_sale' AND sql IS NOT NULL "
                "ORDER BY type DESC"
            )
        ]


def raw_insert(path: Path, schema: Sequence[str], rows: Sequence[tuple], *, batch_size: int) -> float:
    """Insert `rows` into a copy of events_sale with executemany, one transaction per batch; seconds."""
    from sahabat.events.services.ledger import SALE_COLUMNS

    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    for statement in schema:
        connection.execute(statement)
    sql = f"INSERT INTO events_sale ({', '.join(SALE_COLUMNS)}) VALUES ({', '.join('?' * len(SALE_COLUMNS))})"
    started = time.perf_counter()
    for start in range(0, len(rows), batch_size):
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(sql, rows[start : start + batch_size])
        connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def django_sqlite_pragmas() -> list[str]:
    """The statements every Django SQLite connection of the project starts with: Django's own
    (foreign keys enforced) and the settings' init_command (WAL, synchronous, caches)."""
    from django.conf import settings

    init_command = settings.DATABASES["default"].get("OPTIONS", {}).get("init_command", "")
    return ["PRAGMA foreign_keys = ON", *(part.strip() for part in init_command.split(";") if part.strip())]


def database_copy(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite database (WAL included), through SQLite's backup API."""
    origin, copy = sqlite3.connect(source), sqlite3.connect(target)
    origin.backup(copy)
    copy.close()
    origin.close()


def raw_insert_same_state(
    path: Path, rows: Sequence[tuple], *, batch_size: int, with_rollups: bool = False
) -> float:
    """The ingestion baseline: `rows` into events_sale of `path`, a copy of the benchmark's database
    taken just before the API run (the same tables, indexes, foreign keys and parent rows, the same
    file state), with the project's connection PRAGMAs, one executemany and one commit per batch,
    as the server commits each batch. Seconds.

    `with_rollups` adds, in each batch's transaction, the upserts of the rollup rows the ledger writes
    for those sales (computed beforehand, untimed): the SQLite work the API cannot skip, so its rate
    bounds what the API could reach with no Python at all."""
    from sahabat.events.services.ledger import SALE_COLUMNS

    batches = [rows[start : start + batch_size] for start in range(0, len(rows), batch_size)]
    upserts = [_rollup_upserts(batch) if with_rollups else [] for batch in batches]
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in django_sqlite_pragmas():
        connection.execute(pragma)
    sql = f"INSERT INTO events_sale ({', '.join(SALE_COLUMNS)}) VALUES ({', '.join('?' * len(SALE_COLUMNS))})"
    started = time.perf_counter()
    for batch, batch_upserts in zip(batches, upserts, strict=True):
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(sql, batch)
        for upsert, upsert_rows in batch_upserts:
            connection.executemany(upsert, upsert_rows)
        connection.execute("COMMIT")
    seconds = time.perf_counter() - started
    connection.close()
    return seconds


def _rollup_upserts(rows: Sequence[tuple]) -> list[tuple[str, list[tuple]]]:
    """The ledger's rollup upserts for these sale rows (`ledger.SALE_COLUMNS` order), as sqlite3
    statements with their rows: the ledger's own aggregation, so the two cannot drift."""
    from types import SimpleNamespace

    from sahabat.events.services.ledger import ROLLUP_MEASURES, SALE_COLUMNS, _sale_rollups, upsert_add_sql

    column = {name: index for index, name in enumerate(SALE_COLUMNS)}
    event = SimpleNamespace(pk=rows[0][column["event_id"]])
    stored = [
        (
            index,
            SimpleNamespace(
                reversal_of=None,
                amount=row[column["amount"]],
                payment_method=row[column["payment_method"]],
                buyer_type=row[column["buyer_type"]],
            ),
            datetime.fromisoformat(row[column["occurred_at"]]).replace(tzinfo=UTC),
            row[column["booth_id"]],
            row[column["enterprise_id"]],
        )
        for index, row in enumerate(rows)
    ]
    return [
        (upsert_add_sql(model, key, ROLLUP_MEASURES, placeholder="?"), sorted(key_rows))
        for model, key, key_rows in _sale_rollups(event, stored)
    ]


def latencies(call: Callable[[], object], *, repeat: int, warm_up: int = 3) -> list[float]:
    """Milliseconds of `repeat` calls after `warm_up` unmeasured ones."""
    for _ in range(warm_up):
        call()
    measured = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        measured.append((time.perf_counter() - started) * 1000)
    return measured


def median_p95(values: Sequence[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
