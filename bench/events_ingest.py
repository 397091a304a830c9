"""Benchmark: sales per second through the HTTP API beside raw SQLite inserts of the same rows.

gunicorn serves the project on localhost against a temporary database, and concurrent clients post
batches of 500 simulated carnival sales with device tokens (rollups kept in step, as in production).
The baseline, in the same run, writes the same rows with sqlite3 `executemany` into a copy of the
events_sale table and its indexes in a fresh file, with the same PRAGMAs and one transaction per
batch. The issue's target: the API reaches 0.75 of the raw rate. For where the time goes, the
ledger service is also timed in-process (no HTTP), and `--profile` prints pyinstrument profiles.

Run with `make bench` or `python -m bench.events_ingest [--sales N] [--clients N] [--workers N] [--profile]`.
"""

from __future__ import annotations

import argparse
import queue
import tempfile
import threading
import time
from pathlib import Path

from bench._events import (
    all_sales,
    carnival,
    django_setup,
    raw_insert,
    register_fill,
    sale_rows,
    sale_table_schema,
    simulation_for,
)

TARGET_RATIO = 0.75


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
) -> tuple[float, int]:
    """Post every body with one thread per key; (seconds, items created)."""
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
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return time.perf_counter() - started, sum(created)


def _in_process(event, token, sales: list, batch_size: int) -> float:
    from sahabat.accounts.actor import Actor
    from sahabat.events.services.ledger import SaleIn, sale_record_batch

    actor = Actor.for_token(token)
    items = [SaleIn(**sale._asdict()) for sale in sales]
    started = time.perf_counter()
    for start in range(0, len(items), batch_size):
        sale_record_batch(actor=actor, event_id=event.pk, items=items[start : start + batch_size])
    return time.perf_counter() - started


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
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--profile", action="store_true", help="print pyinstrument profiles of the hot path")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sahabat-bench-") as name:
        folder = Path(name)
        django_setup(folder)
        from django_scopes import scopes_disabled

        from sahabat.events.models import Sale
        from sahabat.events.replay import gunicorn_serving, sales_body

        register_fill(jember_count=options.booths, sarolangun_count=options.booths // 10)
        event, setup_seconds = carnival(booths=options.booths)
        sales = all_sales(simulation_for(event, sales=options.sales))
        issued = _tokens(event, options.clients)
        bodies = [
            (
                len(sales[start : start + options.batch_size]),
                sales_body(sales[start : start + options.batch_size]),
            )
            for start in range(0, len(sales), options.batch_size)
        ]
        print(
            f"set-up: {options.booths:,} booths in {setup_seconds:.1f} s; {len(sales):,} sales in "
            f"{len(bodies):,} batches of {options.batch_size}; {options.clients} clients, "
            f"{options.workers} gunicorn workers"
        )

        with gunicorn_serving(workers=options.workers) as url:
            api_seconds, created = _post_all(url, event.pk, bodies, [token.raw_key for token in issued])
        with scopes_disabled():
            stored = Sale.objects.filter(event=event).count()
        if created != len(sales) or stored != len(sales):
            raise SystemExit(
                f"expected {len(sales):,} sales, API created {created:,}, ledger holds {stored:,}"
            )

        rows = sale_rows(event, sales, device_id=issued[0].token.pk)
        raw_seconds = raw_insert(
            folder / "raw.sqlite3",
            sale_table_schema(folder / "bench.sqlite3"),
            rows,
            batch_size=options.batch_size,
        )
        extra = all_sales(simulation_for(event, sales=min(50_000, options.sales), seed=2024))
        service_seconds = _in_process(event, issued[0].token, extra, options.batch_size)

        api_rate, raw_rate = len(sales) / api_seconds, len(rows) / raw_seconds
        service_rate = len(extra) / service_seconds
        print(
            f"HTTP API (gunicorn, {options.clients} clients): "
            f"{api_rate:10,.0f} sales/s  ({api_seconds:.1f} s)"
        )
        print(f"ledger service in-process (1 caller):     {service_rate:10,.0f} sales/s")
        print(f"raw sqlite3 executemany (baseline):       {raw_rate:10,.0f} sales/s  ({raw_seconds:.1f} s)")
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
