"""Benchmark: sales per second through the HTTP API beside raw SQLite inserts of the same rows.

gunicorn serves the project on localhost against a temporary database, and concurrent clients post
batches of 500 simulated carnival sales with device tokens (rollups kept in step, as in production).
The baseline, in the same run, writes the same rows with sqlite3 `executemany` into events_sale of
a copy of the database taken just before the API run (same table, indexes, foreign keys and file
state), with the PRAGMAs of the project's Django connections and one transaction per batch. The
issue's target: the API reaches 0.75 of the raw rate. A second raw run adds the ledger's rollup upserts
to each batch's transaction: the SQLite work the API cannot skip, which bounds the ratio the API could
reach with no Python at all. For where the time goes, the ledger service is
also timed in-process (no HTTP), the CPU per batch of server, clients and baseline is printed, and
`--profile` prints pyinstrument profiles (docs/events.md, "Ingestion speed").

Run with `make bench` or `python -m bench.events_ingest [--sales N] [--clients N] [--workers N] [--profile]`.
"""

from __future__ import annotations

import argparse
import os
import queue
import tempfile
import threading
import time
from pathlib import Path

from bench._events import (
    all_sales,
    carnival,
    database_copy,
    django_setup,
    raw_insert_same_state,
    register_fill,
    sale_rows,
    simulation_for,
)

TARGET_RATIO = 0.75
# gunicorn workers and concurrent clients for a 2-core machine (docs/events.md, "Ingestion speed").
WORKERS = 2
CLIENTS = 2


def _tokens(event, count: int) -> list:
    from sahabat.accounts.actor import Actor
    from sahabat.accounts.services import api_token_create

    issued = []
    for number in range(count):
        token = api_token_create(actor=Actor.system(), region=event.region, name=f"Bench phone {number}")
        token.token.event = event
        token.token.save(update_fields=["event"])
        issued.append(token)
    return issued


def _post_all(
    url: str, event_id: int, bodies: list[tuple[int, bytes]], raw_keys: list[str]
) -> tuple[float, float, int]:
    """Post every body with one thread per key, each over one keep-alive connection; the bodies are
    encoded beforehand. (seconds, CPU seconds of this client process, items created)."""
    from sahabat.events.replay import ApiClient

    work: queue.Queue = queue.Queue()
    for body in bodies:
        work.put(body)
    created = []
    failures: list[BaseException] = []

    def client(raw_key: str) -> None:
        api = ApiClient(url, raw_key)
        try:
            while True:
                try:
                    _size, body = work.get_nowait()
                except queue.Empty:
                    return
                created.append(api.post(f"/api/events/{event_id}/sales", body)["created"])
        except BaseException as error:
            failures.append(error)
        finally:
            api.close()

    threads = [threading.Thread(target=client, args=(key,)) for key in raw_keys]
    started, cpu_started = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return time.perf_counter() - started, time.process_time() - cpu_started, sum(created)


def _server_cpu_seconds(url: str) -> float:
    """CPU seconds used so far by the gunicorn processes serving `url` (master and workers), from /proc."""
    port = url.rsplit(":", 1)[-1]
    total = 0
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            if b"gunicorn" in command and f"127.0.0.1:{port}".encode() in command:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


def _in_process(event, token, sales: list, batch_size: int) -> tuple[float, float]:
    """Record `sales` through the ledger service, one caller, no HTTP: (seconds, CPU seconds)."""
    from sahabat.accounts.actor import Actor
    from sahabat.events.services.ledger import SaleIn, sale_record_batch
    from sahabat.gunicorn_conf import collector_settle

    actor = Actor.for_token(token)
    items = [SaleIn(**sale._asdict()) for sale in sales]
    # This process holds every sale, row and body of the run; the collector is set as in a gunicorn
    # worker, or its full collections over them would be timed as the ledger's.
    collector_settle()
    started, cpu_started = time.perf_counter(), time.process_time()
    for start in range(0, len(items), batch_size):
        sale_record_batch(actor=actor, event_id=event.pk, items=items[start : start + batch_size])
    return time.perf_counter() - started, time.process_time() - cpu_started


def _profile(event, issued, sales: list, batch_size: int) -> None:
    """pyinstrument over the ledger service alone, then over the API view (Django's test client,
    no socket)."""
    from django.test import Client
    from pyinstrument import Profiler

    from sahabat.events.replay import sales_body

    half = len(sales) // 2
    profiler = Profiler(interval=0.0005)
    profiler.start()
    _in_process(event, issued.token, sales[:half], batch_size)
    profiler.stop()
    print("\n--- profile: sale_record_batch in-process ---")
    print(profiler.output_text(unicode=True, color=False))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {issued.raw_key}")
    bodies = [sales_body(sales[start : start + batch_size]) for start in range(half, len(sales), batch_size)]
    # The first request imports the URLconf and the API schemas; that is start-up, not ingestion.
    client.post(f"/api/events/{event.pk}/sales", bodies.pop(), content_type="application/json")
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for body in bodies:
        client.post(f"/api/events/{event.pk}/sales", body, content_type="application/json")
    profiler.stop()
    print("\n--- profile: POST /api/events/{id}/sales through the Django stack ---")
    print(profiler.output_text(unicode=True, color=False))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=200_000)
    parser.add_argument("--booths", type=int, default=2500)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--profile", action="store_true", help="print pyinstrument profiles of the hot path")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sahabat-bench-") as name:
        folder = Path(name)
        django_setup(folder)
        from django.db import connection
        from django_scopes import scopes_disabled

        from sahabat.events.models import Sale
        from sahabat.events.replay import gunicorn_serving, sales_body

        register_fill(jember_count=options.booths, sarolangun_count=options.booths // 10)
        event, setup_seconds = carnival(booths=options.booths)
        sales = all_sales(simulation_for(event, sales=options.sales))
        issued = _tokens(event, options.clients)
        rows = sale_rows(event, sales, device_id=issued[0].token.pk)
        bodies = [
            (
                len(sales[start : start + options.batch_size]),
                sales_body(sales[start : start + options.batch_size]),
            )
            for start in range(0, len(sales), options.batch_size)
        ]
        # The baseline's database: this one as the API will find it (set-up done, no sales yet).
        connection.close()
        database_copy(folder / "bench.sqlite3", folder / "raw.sqlite3")
        database_copy(folder / "bench.sqlite3", folder / "raw-rollups.sqlite3")
        print(
            f"set-up: {options.booths:,} booths in {setup_seconds:.1f} s; {len(sales):,} sales in "
            f"{len(bodies):,} batches of {options.batch_size}; {options.clients} clients, "
            f"{options.workers} gunicorn workers"
        )

        with gunicorn_serving(workers=options.workers) as url:
            server_cpu = _server_cpu_seconds(url)
            api_seconds, client_cpu, created = _post_all(
                url, event.pk, bodies, [token.raw_key for token in issued]
            )
            server_cpu = _server_cpu_seconds(url) - server_cpu
        with scopes_disabled():
            stored = Sale.objects.filter(event=event).count()
        if created != len(sales) or stored != len(sales):
            raise SystemExit(
                f"expected {len(sales):,} sales, API created {created:,}, ledger holds {stored:,}"
            )

        raw_cpu = time.process_time()
        raw_seconds = raw_insert_same_state(folder / "raw.sqlite3", rows, batch_size=options.batch_size)
        raw_cpu = time.process_time() - raw_cpu
        rollups_seconds = raw_insert_same_state(
            folder / "raw-rollups.sqlite3", rows, batch_size=options.batch_size, with_rollups=True
        )
        extra = all_sales(simulation_for(event, sales=min(50_000, options.sales), seed=2024))
        service_seconds, service_cpu = _in_process(event, issued[0].token, extra, options.batch_size)

        api_rate, raw_rate = len(sales) / api_seconds, len(rows) / raw_seconds
        service_rate = len(extra) / service_seconds
        print(
            f"HTTP API (gunicorn, {options.clients} clients): "
            f"{api_rate:10,.0f} sales/s  ({api_seconds:.1f} s; the clients used {client_cpu:.1f} s CPU, "
            f"{client_cpu / api_seconds:.0%} of one core)"
        )
        print(f"ledger service in-process (1 caller):     {service_rate:10,.0f} sales/s")
        print(f"raw sqlite3 executemany (baseline):       {raw_rate:10,.0f} sales/s  ({raw_seconds:.1f} s)")
        rollups_rate = len(rows) / rollups_seconds
        print(
            f"raw sqlite3, the same plus the rollups:  {rollups_rate:10,.0f} sales/s  "
            f"({rollups_seconds:.1f} s; the SQLite work of the API alone, "
            f"{rollups_rate / raw_rate:.2f} of the baseline)"
        )
        batches = len(bodies)
        service_batches = -(-len(extra) // options.batch_size)
        print(
            f"CPU per batch of {options.batch_size}: server {server_cpu / batches * 1000:.1f} ms, "
            f"clients {client_cpu / batches * 1000:.1f} ms, baseline {raw_cpu / batches * 1000:.1f} ms; "
            f"ledger service in-process {service_cpu / service_batches * 1000:.1f} ms (after the API's "
            "sales, on a larger ledger)"
        )
        ratio = api_rate / raw_rate
        verdict = "meets" if ratio >= TARGET_RATIO else "misses"
        print(f"ratio API / raw: {ratio:.2f} ({verdict} the target of {TARGET_RATIO})")
        print(f"ratio service / raw: {service_rate / raw_rate:.2f}")
        if options.profile:
            _profile(
                event,
                issued[0],
                all_sales(simulation_for(event, sales=20_000, seed=2025)),
                options.batch_size,
            )


if __name__ == "__main__":
    main()
