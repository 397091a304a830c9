"""Fault test: sales batches from concurrent clients while the server is killed (-9) and restarted.

gunicorn serves the project on a free loopback port against a throw-away database (a SQLite file in a
temporary folder, or a temporary PostgreSQL database beside the one DATABASE_URL names). Client
threads, each with its own device token, post simulated carnival sales in batches to
`POST /api/events/{id}/sales`. A chaos thread kills the whole server (master and workers, SIGKILL) or
one worker at random moments and starts it again. A client resends every batch whose answer it did
not get, until every item is answered `created` or `duplicate`. At the end the ledger must hold
exactly what the clients generated (count, sum and the set of client UUIDs, none twice) and the
rollups must equal the ledger.

    python -m tests.reliability.fault [--seconds 30] [--clients 3] [--min-kills 2] [--json]

`make soak` runs a long form; `tests/reliability/test_fault.py` a short one. Exit status 1 when any
check fails. The clients, the sales and the server start are those of `sahabat simulate carnival`
(`sahabat.events.replay`, `sahabat.events.simulation`) and of the benchmarks (`bench._events`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BOOTHS = 60
BATCH_SIZE = 200
# After the sending time is over, the clients get this long to have every open batch acknowledged.
ACK_GRACE_SECONDS = 90
WORKERS = 2


class FaultError(Exception):
    pass


@dataclass
class Outcome:
    """What happened during the run, and what the checks found."""

    seconds: float = 0.0
    clients: int = 0
    batches: int = 0
    sales_sent: int = 0
    turnover_sent: int = 0
    resent_batches: int = 0
    answered_created: int = 0
    answered_duplicate: int = 0
    mixed_answers: int = 0
    server_kills: int = 0
    worker_kills: int = 0
    restart_seconds: list[float] = field(default_factory=list)
    ledger_count: int = 0
    ledger_turnover: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


# ---------------------------------------------------------------- the throw-away database


def _postgres_admin_url(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def _prepare_environment(folder: Path) -> str | None:
    """Point settings at a fresh database; returns the URL to drop at the end (PostgreSQL) or None."""
    url = os.environ.get("DATABASE_URL", "")
    os.environ["VAR_DIR"] = str(folder)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    os.environ["LOG_LEVEL"] = "WARNING"
    # A fault-test client sends far more batches per token than a phone; the per-token rate limit is
    # not under test here (a 429 would only be retried and slow the run down).
    os.environ["API_TOKEN_RATE_LIMIT"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahabat.settings"
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'fault.sqlite3'}"
        return None
    import psycopg

    name = f"{urlsplit(url).path.lstrip('/') or 'sahabat'}_fault_{os.getpid()}"
    with psycopg.connect(_postgres_admin_url(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = _postgres_admin_url(url, name)
    return os.environ["DATABASE_URL"]


def _drop_postgres(url: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(_postgres_admin_url(url, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _seed(booths: int, clients: int):
    """A published carnival with approved booths, one booth-cashier token per client, and its simulation."""
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from bench._events import carnival, register_fill, simulation_for
    from sahabat.accounts.actor import Actor
    from sahabat.accounts.services import api_token_create

    call_command("migrate", verbosity=0, interactive=False)
    register_fill(jember_count=booths, sarolangun_count=booths // 10)
    event, _seconds = carnival(booths=booths, seed=12)
    tokens = []
    with scopes_disabled():
        for number in range(clients):
            issued = api_token_create(actor=Actor.system(), region=event.region, name=f"Fault phone {number}")
            issued.token.event = event
            issued.token.save(update_fields=["event"])
            tokens.append(issued.raw_key)
    # Far more sales than a run sends: the clients stop taking batches when the time is up.
    return event, tokens, simulation_for(event, sales=2_000_000)


# ---------------------------------------------------------------- the server and its faults


class Server:
    """gunicorn in its own process group on a fixed port, so that kill -9 takes master and workers."""

    def __init__(self, port: int, log_path: Path):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._log = open(log_path, "a+b")  # noqa: SIM115 (open for the server's whole life)
        self.process: subprocess.Popen | None = None

    def start(self) -> float:
        """Start and wait until /healthz answers; returns the seconds it took."""
        from sahabat.events.replay import _wait_until_healthy

        command = [
            sys.executable, "-m", "gunicorn", "sahabat.wsgi:application",
            "--config", "python:sahabat.gunicorn_conf", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(WORKERS), "--timeout", "60", "--log-level", "warning",
        ]  # fmt: skip
        started = time.monotonic()
        self.process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=self._log, start_new_session=True
        )
        _wait_until_healthy(self.process, self.port, self._log)
        return time.monotonic() - started

    def kill(self) -> None:
        """SIGKILL to master and workers at once: nothing gets to finish or clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def kill_worker(self, rng: random.Random) -> bool:
        """SIGKILL to one worker; the master starts another. False when no worker was found."""
        workers = _children(self.process.pid)
        if not workers:
            return False
        os.kill(rng.choice(workers), signal.SIGKILL)
        return True

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name in field 2 is in parentheses and may hold spaces; the parent id follows it.
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _chaos(server: Server, outcome: Outcome, stop: threading.Event, rng: random.Random, pause: tuple):
    """Kill at random moments until told to stop: mostly the whole server, sometimes one worker."""
    while not stop.wait(rng.uniform(*pause)):
        if rng.random() < 0.25 and server.kill_worker(rng):
            outcome.worker_kills += 1
            continue
        server.kill()
        outcome.server_kills += 1
        try:
            outcome.restart_seconds.append(round(server.start(), 2))
        except Exception as error:  # noqa: BLE001 (reported; the clients then give up in time)
            outcome.failures.append(f"restart: {error!r}"[:1500])
            return


# ---------------------------------------------------------------- the clients


class Batches:
    """The simulation's sales cut into batches, handed out one at a time until the time is up and the
    server has been killed often enough (but never past `latest`)."""

    def __init__(self, simulation, *, size: int, until: float, latest: float, enough_kills):
        self._lock = threading.Lock()
        self._until = until
        self._latest = latest
        self._enough_kills = enough_kills
        self._batches = self._cut(simulation, size)

    @staticmethod
    def _cut(simulation, size: int) -> Iterator[list]:
        for hour in simulation.hours:
            sales = simulation.sales(hour)
            for start in range(0, len(sales), size):
                yield sales[start : start + size]

    def next(self) -> list | None:
        with self._lock:
            now = time.monotonic()
            if now >= self._latest or (now >= self._until and self._enough_kills()):
                return None
            return next(self._batches, None)


class Clients:
    def __init__(self, *, url: str, event_id: int, outcome: Outcome, give_up_at: float):
        self.url = url
        self.path = f"/api/events/{event_id}/sales"
        self.outcome = outcome
        self.give_up_at = give_up_at
        self.generated: dict[str, int] = {}
        self.created = Counter()
        self._lock = threading.Lock()

    def run(self, tokens: list[str], batches: Batches) -> None:
        threads = [threading.Thread(target=self._work, args=(token, batches)) for token in tokens]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _work(self, token: str, batches: Batches) -> None:
        from sahabat.events.replay import ApiClient

        client = ApiClient(self.url, token, timeout=30)
        try:
            while (batch := batches.next()) is not None:
                with self._lock:
                    self.generated.update((str(sale.client_uuid), sale.amount) for sale in batch)
                self._deliver(client, batch)
        except Exception as error:  # noqa: BLE001 (any failure is reported, and the run goes on)
            with self._lock:
                self.outcome.failures.append(f"client: {error!r}"[:500])
        finally:
            client.close()

    def _deliver(self, client, batch: list) -> None:
        """Post until the server has answered for every item; a resend is safe by the client UUIDs."""
        from sahabat.events.replay import ReplayError, sales_body

        body = sales_body(batch)
        resent = False
        while True:
            if time.monotonic() > self.give_up_at:
                raise FaultError(f"a batch of {len(batch)} sales was never acknowledged")
            retries = client.retries
            try:
                status, answer = client.request("POST", self.path, body)
            except ReplayError:
                resent = True
                continue
            resent = resent or client.retries > retries
            if status != 200:
                raise FaultError(f"HTTP {status}: {json.dumps(answer)[:300]}")
            self._record(batch, answer, resent=resent)
            return

    def _record(self, batch: list, answer: dict, *, resent: bool) -> None:
        statuses = {}
        for result in answer["results"]:
            sale = batch[result["index"]]
            if result["client_uuid"] != str(sale.client_uuid):
                raise FaultError(f"answer for item {result['index']} names another UUID")
            statuses[result["client_uuid"]] = result["status"]
        if len(statuses) != len(batch):
            raise FaultError(f"{len(batch)} sales sent, {len(statuses)} answered")
        counts = Counter(statuses.values())
        if counts["rejected"]:
            raise FaultError(f"{counts['rejected']} sales rejected: {json.dumps(answer)[:300]}")
        if counts["duplicate"] and not resent:
            raise FaultError(f"{counts['duplicate']} sales sent once were answered duplicate")
        with self._lock:
            self.created.update(uuid for uuid, status in statuses.items() if status == "created")
            self.outcome.batches += 1
            self.outcome.resent_batches += resent
            self.outcome.answered_created += counts["created"]
            self.outcome.answered_duplicate += counts["duplicate"]
            self.outcome.mixed_answers += bool(counts["created"] and counts["duplicate"])


# ---------------------------------------------------------------- the checks


def _uuid_digest(uuids) -> str:
    digest = hashlib.sha256()
    for value in sorted(uuids):
        digest.update(value.encode())
    return digest.hexdigest()


def _check(event, clients: Clients, outcome: Outcome) -> None:
    from django.db import transaction
    from django.db.models import Count, Sum

    from sahabat.events.models import BoothTotal, EventHourly, Sale, SalesHourly
    from sahabat.events.services.ledger import rollups_rebuild

    outcome.sales_sent = len(clients.generated)
    outcome.turnover_sent = sum(clients.generated.values())
    ledger = Sale.unscoped.filter(event=event)
    totals = ledger.aggregate(count=Count("pk"), turnover=Sum("amount"))
    outcome.ledger_count, outcome.ledger_turnover = totals["count"], totals["turnover"] or 0
    failures = outcome.failures
    if (outcome.ledger_count, outcome.ledger_turnover) != (outcome.sales_sent, outcome.turnover_sent):
        failures.append(
            f"ledger holds {outcome.ledger_count} sales / Rp{outcome.ledger_turnover}, "
            f"the clients generated {outcome.sales_sent} / Rp{outcome.turnover_sent}"
        )
    stored = [str(value) for value in ledger.values_list("client_uuid", flat=True)]
    if _uuid_digest(stored) != _uuid_digest(clients.generated):
        failures.append("the ledger's client UUIDs are not the ones the clients generated")
    twice = ledger.values("client_uuid").annotate(n=Count("pk")).filter(n__gt=1).count()
    if twice:
        failures.append(f"{twice} client UUIDs stored more than once")
    created_twice = sum(1 for n in clients.created.values() if n > 1)
    if created_twice:
        failures.append(f"{created_twice} client UUIDs answered 'created' more than once")
    for model in (SalesHourly, EventHourly, BoothTotal):
        rolled = model.unscoped.filter(event=event).aggregate(
            count=Sum("sales_count"), turnover=Sum("turnover")
        )
        if (rolled["count"] or 0, rolled["turnover"] or 0) != (outcome.ledger_count, outcome.ledger_turnover):
            failures.append(f"{model.__name__} totals {rolled} differ from the ledger")
    with transaction.atomic():
        differences = rollups_rebuild(event=event)
        transaction.set_rollback(True)
    if differences:
        failures.append(f"{len(differences)} rollup rows differ from the ledger, e.g. {differences[0]}")


# ---------------------------------------------------------------- the run


def run(*, seconds: float, clients: int, seed: int, pause: tuple[float, float], min_kills: int) -> Outcome:
    outcome = Outcome(clients=clients)
    with tempfile.TemporaryDirectory(prefix="sahabat-fault-") as name:
        folder = Path(name)
        dropped = _prepare_environment(folder)
        try:
            import django

            django.setup()
            from sahabat.events.replay import free_port

            event, tokens, simulation = _seed(BOOTHS, clients)
            server = Server(free_port(), folder / "gunicorn.log")
            server.start()
            started = time.monotonic()
            stop = threading.Event()
            chaos = threading.Thread(
                target=_chaos, args=(server, outcome, stop, random.Random(seed), pause), daemon=True
            )
            sender = Clients(
                url=server.url,
                event_id=event.pk,
                outcome=outcome,
                give_up_at=started + 2 * seconds + ACK_GRACE_SECONDS,
            )
            batches = Batches(
                simulation,
                size=BATCH_SIZE,
                until=started + seconds,
                latest=started + 2 * seconds,
                enough_kills=lambda: outcome.server_kills + outcome.worker_kills >= min_kills,
            )
            try:
                chaos.start()
                sender.run(tokens, batches)
            finally:
                stop.set()
                chaos.join()
                server.stop()
            outcome.seconds = round(time.monotonic() - started, 1)
            _check(event, sender, outcome)
            if outcome.failures:
                outcome.failures.append("server log tail: " + (folder / "gunicorn.log").read_text()[-1500:])
        finally:
            if dropped:
                _drop_postgres(dropped)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="how long the clients send new batches")
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument(
        "--pause",
        type=float,
        nargs=2,
        default=(2.0, 6.0),
        metavar=("MIN", "MAX"),
        help="seconds between kills",
    )
    parser.add_argument(
        "--min-kills", type=int, default=2, help="keep sending (up to twice --seconds) until this many kills"
    )
    parser.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    options = parser.parse_args(argv)
    outcome = run(
        seconds=options.seconds,
        clients=options.clients,
        seed=options.seed,
        pause=tuple(options.pause),
        min_kills=options.min_kills,
    )
    summary = {**asdict(outcome), "ok": outcome.ok, "seed": options.seed}
    if options.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key:>20}: {value}")
        print("OK: the ledger and the rollups hold exactly what the clients sent" if outcome.ok else "FAILED")
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
