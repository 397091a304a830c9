"""Benchmark: the whole carnival replayed through the HTTP API by `sahabat simulate carnival --serve`.

At full scale (1,000,000 visitors, Rp500 miliar, 2,500 booths: over three million sales) this takes a
long while, so `make bench` runs it at scale 0.05 unless BENCH_FULL=1 is set; `--scale` picks any
other. The wall time of the command (event set-up, replay, final check against the dashboard) is
printed beside the baseline measured in the same run: raw sqlite3 `executemany` of the same sales
into a copy of the events_sale table.

Run with `make bench`, `BENCH_FULL=1 make bench` or `python -m bench.events_replay [--scale 0.01]`.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

from bench._events import all_sales, django_setup, raw_insert, register_fill, sale_rows, sale_table_schema

DEFAULT_SCALE = 0.05
BOOTHS = 2500


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0 if os.environ.get("BENCH_FULL") == "1" else DEFAULT_SCALE
    )
    parser.add_argument("--clients", type=int, default=4)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sahabat-bench-") as name:
        folder = Path(name)
        django_setup(folder)
        from django.core.management import call_command
        from django_scopes import scopes_disabled

        from sahabat.events.demo import TARGET_TURNOVER, TARGET_VISITORS, plan_for
        from sahabat.events.models import Event
        from sahabat.events.simulation import Simulation

        register_fill(jember_count=BOOTHS, sarolangun_count=BOOTHS // 10)
        visitors, turnover = round(TARGET_VISITORS * options.scale), round(TARGET_TURNOVER * options.scale)
        output = io.StringIO()
        started = time.perf_counter()
        call_command(
            "simulate",
            "carnival",
            "--serve",
            "--visitors",
            str(visitors),
            "--turnover",
            str(turnover),
            "--booths",
            str(BOOTHS),
            "--clients",
            str(options.clients),
            stdout=output,
            no_color=True,
        )
        wall = time.perf_counter() - started
        with scopes_disabled():
            event = Event.objects.select_related("region").latest("pk")
            simulation = Simulation(plan_for(event, visitors=visitors, turnover=turnover, seed=2023))
        sales = all_sales(simulation)
        raw_seconds = raw_insert(
            folder / "raw.sqlite3",
            sale_table_schema(folder / "bench.sqlite3"),
            sale_rows(event, sales),
            batch_size=500,
        )
        print(output.getvalue().strip())
        print(
            f"scale {options.scale}: {len(sales):,} sales, {visitors:,} visitors, {options.clients} clients"
        )
        print(f"sahabat simulate carnival --serve (wall time, set-up included): {wall:8.1f} s")
        print(f"raw sqlite3 executemany of the same sales (baseline):           {raw_seconds:8.1f} s")


if __name__ == "__main__":
    main()
