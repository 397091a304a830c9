"""Fault test: sales batches from concurrent clients while the server is killed (-9) and restarted.

gunicorn serves the project on a free loopback port against a throw-away database (a SQLite file in a
temporary folder, or a temporary PostgreSQL database beside the one DATABASE_URL names). Client
threads, each with its own device token, post simulated carnival sales in batches to
`POST /api/events/{id}/sales`. The chaos loop kills the whole server (master and workers, SIGKILL) or
one worker at random moments and starts it again. A client resends every batch whose answer it did
not get, until every item is answered `created` or `duplicate`. The clients keep taking new batches
until the sending time is over and the run has proved what it is for: at least --min-kills kills, of
which at least --min-server-kills whole-server kills, and a batch acknowledged by a restarted server.
At the end the ledger must hold exactly what the clients generated (count, sum and the set of client
UUIDs, none twice) and the rollups must equal the ledger.

    python -m tests.reliability.fault [--seconds 30] [--clients 3] [--booths 60] [--pause 2 6]
        [--min-kills 2] [--min-server-kills 1] [--seed N] [--fresh-database] [--json]

The seed (random unless --seed is given) draws the kill moments and kinds; it is printed first, on
stderr, and named in every failure. A migrated database is reused between runs (a SQLite file under
var/fault-test/, a PostgreSQL template database), keyed by a digest of the migrations and the data
they load; --fresh-database migrates from scratch instead. The server dies with this script, also when
it is killed (tests/reliability/gunicorn_conf.py).

`make soak` runs a long form; `tests/reliability/test_fault.py` a short one. Exit status 1 when any
check fails. The clients, the sales and the server start are those of `sahabat simulate carnival`
(`sahabat.events.replay`, `sahabat.events.simulation`) and of the benchmarks (`bench._events`).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import hashlib
import http.client
import json
import os
import random
import re
import signal
import sqlite3
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

ROOT = Path(__file__).resolve().parents[2]
BOOTHS = 60
BATCH_SIZE = 200
# Seconds a phone waits before it resends a batch that got no answer.
RESEND_PAUSE = 0.2
# After the last moment a batch may be handed out, the clients get this long to have every open batch
# acknowledged.
ACK_GRACE_SECONDS = 90
WORKERS = 2
# Migrated databases kept between runs: SQLite files here, PostgreSQL templates by this name prefix.
CACHE_DIR = ROOT / "var" / "fault-test"
TEMPLATE_PREFIX = "sahabat_fault_template_"


class FaultError(Exception):
    pass


@dataclass
class Outcome:
    """What happened during the run, and what the checks found."""

    seed: int = 0
    seconds: float = 0.0
    clients: int = 0
    batches: int = 0
    sales_sent: int = 0
    turnover_sent: int = 0
    resent_batches: int = 0
    # Posts that got no answer (connection lost or refused, 429, 5xx) and were resent.
    unanswered_posts: int = 0
    answered_created: int = 0
    answered_duplicate: int = 0
    mixed_answers: int = 0
    server_kills: int = 0
    worker_kills: int = 0
    restart_seconds: list[float] = field(default_factory=list)
    # Batches answered by a server that had been killed and started again.
    acknowledged_after_restart: int = 0
    ledger_count: int = 0
    ledger_turnover: int = 0
    database: str = ""
    # Wall seconds of each phase: setup, database, seed, first start, sending, checks.
    phases: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def kills(self) -> int:
        return self.server_kills + self.worker_kills


@dataclass(frozen=True)
class Goal:
    """What a run must have done before the clients may stop taking new batches."""

    min_kills: int
    min_server_kills: int

    def reached(self, outcome: Outcome) -> bool:
        return (
            outcome.kills >= self.min_kills
            and len(outcome.restart_seconds) >= self.min_server_kills
            and (self.min_server_kills == 0 or outcome.acknowledged_after_restart > 0)
        )

    def worker_kill_allowed(self, outcome: Outcome) -> bool:
        """A worker kill now still leaves room for the whole-server kills the goal asks for."""
        return max(self.min_kills - outcome.kills - 1, 0) >= self.min_server_kills - outcome.server_kills


# ---------------------------------------------------------------- the throw-away database


def _postgres_url(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def _migrations_digest(vendor: str) -> str:
    """Everything a migrated database depends on: the migrations, the region data they load, Django."""
    import django

    package = ROOT / "sahabat"
    data = package / "regions" / "data"
    paths = [*package.glob("**/migrations/*.py"), package / "regions" / "data_source.py"]
    paths += [path for path in data.rglob("*") if path.is_file()]
    digest = hashlib.sha256(f"{vendor} django {django.get_version()}".encode())
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Database:
    """A fresh, migrated database for one run, copied from a cached migrated one when there is one."""

    def __init__(self, folder: Path, *, fresh: bool):
        self.fresh = fresh
        self.url = os.environ.get("DATABASE_URL", "")
        self.postgres = self.url.startswith(("postgres://", "postgresql://", "pgsql://"))
        self.digest = _migrations_digest("postgresql" if self.postgres else "sqlite")
        self.from_cache = False
        if self.postgres:
            base = urlsplit(self.url).path.lstrip("/") or "sahabat"
            self.base = base
            self.name = f"{base}_fault_{os.getpid()}"
            self.template = f"{TEMPLATE_PREFIX}{self.digest}"
            self.run_url = _postgres_url(self.url, self.name)
        else:
            self.path = folder / "fault.sqlite3"
            self.cached = CACHE_DIR / f"migrated-{self.digest}.sqlite3"
            self.run_url = f"sqlite:///{self.path}"
        self.created = False

    # -- the run's database exists, copied from the cache when possible (before Django connects)

    def create(self) -> None:
        if self.postgres:
            self._postgres_create()
        elif not self.fresh and self.cached.exists():
            _sqlite_copy(self.cached, self.path)
            self.from_cache = True

    def _admin(self):
        import psycopg

        return psycopg.connect(_postgres_url(self.url, "postgres"), autocommit=True)

    def _postgres_create(self) -> None:
        import psycopg

        with self._admin() as admin:
            self._drop_abandoned(admin)
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.template]).fetchone()
            if exists and not self.fresh:
                for attempt in range(10):
                    try:
                        admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template}"')
                        break
                    except psycopg.errors.ObjectInUse:
                        # Another run is copying the template just now (or making it).
                        if attempt == 9:
                            raise
                        time.sleep(0.5)
                self.from_cache = True
            else:
                admin.execute(f'CREATE DATABASE "{self.name}"')
        self.created = True

    def _drop_abandoned(self, admin) -> None:
        """Databases of earlier runs of this base name whose process is gone (killed before its cleanup)."""
        pattern = re.compile(rf"{re.escape(self.base)}_fault_(\d+)")
        for (name,) in admin.execute("SELECT datname FROM pg_database").fetchall():
            matched = pattern.fullmatch(name)
            if matched and not _pid_alive(int(matched.group(1))):
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    # -- after django.setup(): migrated, and the migrated state kept for the next run

    def migrate(self) -> None:
        if self.from_cache:
            return
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0, interactive=False)
        connections.close_all()
        if self.postgres:
            self._postgres_keep()
        else:
            self._sqlite_keep()

    def _sqlite_keep(self) -> None:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        partial = CACHE_DIR / f".migrated-{self.digest}-{os.getpid()}.sqlite3"
        _sqlite_copy(self.path, partial)
        os.replace(partial, self.cached)  # atomic: a concurrent run sees the whole file or none
        for stale in CACHE_DIR.glob("migrated-*.sqlite3"):
            if stale != self.cached:
                stale.unlink(missing_ok=True)

    def _postgres_keep(self) -> None:
        import psycopg

        partial = f"{TEMPLATE_PREFIX}partial_{os.getpid()}"
        with self._admin() as admin:
            admin.execute(f'CREATE DATABASE "{partial}" TEMPLATE "{self.name}"')
            try:
                admin.execute(f'ALTER DATABASE "{partial}" RENAME TO "{self.template}"')
            except psycopg.errors.DuplicateDatabase:  # another run kept the same state first
                admin.execute(f'DROP DATABASE "{partial}"')
            stale = admin.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s AND datname <> %s",
                [TEMPLATE_PREFIX.replace("_", r"\_") + "%", self.template],
            ).fetchall()
            for (name,) in stale:
                if name.startswith(f"{TEMPLATE_PREFIX}partial_") and _pid_alive(int(name.rsplit("_", 1)[1])):
                    continue
                # A template being copied just now by a run on older migrations stays.
                with contextlib.suppress(psycopg.errors.ObjectInUse):
                    admin.execute(f'DROP DATABASE "{name}"')

    def drop(self) -> None:
        if not (self.postgres and self.created):
            return
        from django.db import connections

        connections.close_all()
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (never a file copy of a database in WAL mode)."""
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    origin.close()
    copy.close()


def _prepare_environment(folder: Path, *, fresh: bool) -> Database:
    """Point settings at a fresh database (created and migrated after django.setup())."""
    database = Database(folder, fresh=fresh)
    os.environ["VAR_DIR"] = str(folder)
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    os.environ["LOG_LEVEL"] = "WARNING"
    # A fault-test client sends far more batches per token than a phone; the per-token rate limit is
    # not under test here (a 429 would only be retried and slow the run down).
    os.environ["API_TOKEN_RATE_LIMIT"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahabat.settings"
    os.environ["DATABASE_URL"] = database.run_url
    return database


def _seed(booths: int, clients: int):
    """A published carnival with approved booths, one booth-cashier token per client, and its simulation."""
    from django_scopes import scopes_disabled

    from bench._events import carnival, register_fill, simulation_for
    from sahabat.accounts.actor import Actor
    from sahabat.accounts.services import api_token_create

    register_fill(jember_count=booths, sarolangun_count=max(booths // 10, 1))
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
    """gunicorn in its own process group on a fixed port, so that kill -9 takes master and workers.

    Start it from the main thread: the kernel's parent-death signal (gunicorn_conf.py) follows the
    thread that started the process, not the process."""

    def __init__(self, port: int, log_path: Path):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._log = open(log_path, "a+b")  # noqa: SIM115 (open for the server's whole life)
        self.process: subprocess.Popen | None = None
        atexit.register(self.kill_group)

    def launch(self) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "sahabat.wsgi:application",
            "--config", "python:tests.reliability.gunicorn_conf", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(WORKERS), "--timeout", "60", "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "FAULT_TEST_PARENT": str(os.getpid())},
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            start_new_session=True,
        )

    def wait_until_healthy(self) -> None:
        from sahabat.events.replay import _wait_until_healthy

        _wait_until_healthy(self.process, self.port, self._log)

    def start(self) -> float:
        """Start and wait until /healthz answers; returns the seconds it took."""
        started = time.monotonic()
        self.launch()
        self.wait_until_healthy()
        return time.monotonic() - started

    def kill_group(self) -> None:
        """SIGKILL to every process of the server's group, if any is left."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def kill(self) -> None:
        """SIGKILL to master and workers at once: nothing gets to finish or clean up."""
        self.kill_group()
        self.process.wait()

    def kill_worker(self, rng: random.Random) -> bool:
        """SIGKILL to one worker; the master starts another. False when no worker was found."""
        workers = _children(self.process.pid)
        if not workers:
            return False
        os.kill(rng.choice(workers), signal.SIGKILL)
        return True

    def close(self) -> None:
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


def _chaos(
    server: Server,
    outcome: Outcome,
    *,
    rng: random.Random,
    pause: tuple,
    worker_share: float,
    goal: Goal,
    batches: Batches,
    done: threading.Event,
) -> bool:
    """Kill at random moments while the clients take new batches: the whole server, or one worker in
    `worker_share` of the kills, and a whole-server kill whenever the goal needs one. After each kill
    the server first answers a batch again, so that the clients make progress however short the
    pauses. Runs in the main thread; False when the server could not be restarted."""
    while not done.wait(rng.uniform(*pause)) and not batches.over():
        answered = outcome.batches
        if goal.worker_kill_allowed(outcome) and rng.random() < worker_share and server.kill_worker(rng):
            outcome.worker_kills += 1
        else:
            server.kill()
            outcome.server_kills += 1
            try:
                outcome.restart_seconds.append(round(server.start(), 2))
            except Exception as error:  # noqa: BLE001 (reported; the clients then give up)
                outcome.failures.append(f"restart: {error!r}"[:1500])
                return False
        while outcome.batches <= answered and not done.wait(0.05):
            pass
    return True


# ---------------------------------------------------------------- the clients


class Batches:
    """The simulation's sales cut into batches, handed out one at a time until the time is up and the
    run has reached its goal (but never past `latest`)."""

    def __init__(self, simulation, *, size: int, until: float, latest: float, reached):
        self._lock = threading.Lock()
        self._until = until
        self._latest = latest
        self._reached = reached
        self._batches = self._cut(simulation, size)
        self.closed = False

    @staticmethod
    def _cut(simulation, size: int) -> Iterator[list]:
        for hour in simulation.hours:
            sales = simulation.sales(hour)
            for start in range(0, len(sales), size):
                yield sales[start : start + size]

    def over(self) -> bool:
        """No more new batches: the sales ran out, or the time is up (and the goal reached)."""
        now = time.monotonic()
        return self.closed or now >= self._latest or (now >= self._until and self._reached())

    def next(self) -> list | None:
        with self._lock:
            if self.over():
                self.closed = True
                return None
            batch = next(self._batches, None)
            self.closed = batch is None
            return batch


class Phone:
    """A booth phone's keep-alive connection, one attempt per post: the caller resends a batch whose
    answer it did not get (lost connection, 429, 5xx) after a short pause. A real phone backs off
    longer; what the server must do with a resend is the same, and the run does not wait for nothing
    while the server restarts."""

    def __init__(self, base_url: str, token: str, *, timeout: float = 30):
        parts = urlsplit(base_url)
        self._address = (parts.hostname, parts.port)
        self._timeout = timeout
        self._headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        self._connection: http.client.HTTPConnection | None = None

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def post(self, path: str, body: bytes) -> tuple[int, object] | None:
        """(status, decoded JSON or None), or None when no answer came."""
        try:
            if self._connection is None:
                self._connection = http.client.HTTPConnection(*self._address, timeout=self._timeout)
            self._connection.request("POST", path, body=body, headers=self._headers)
            response = self._connection.getresponse()
            raw = response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            return None
        try:
            return response.status, json.loads(raw) if raw else None
        except ValueError:
            return response.status, None


class Clients:
    def __init__(self, *, url: str, event_id: int, outcome: Outcome, give_up_at: float):
        self.url = url
        self.path = f"/api/events/{event_id}/sales"
        self.outcome = outcome
        self.give_up_at = give_up_at
        self.generated: dict[str, int] = {}
        self.created = Counter()
        self.abandoned = threading.Event()
        self._lock = threading.Lock()

    def start(self, tokens: list[str], batches: Batches, done: threading.Event) -> threading.Thread:
        """The client threads, and one that sets `done` when they have all finished."""
        # Daemon threads: an interrupted run (SIGTERM, Ctrl-C) exits without waiting for them.
        threads = [
            threading.Thread(target=self._work, args=(token, batches), daemon=True) for token in tokens
        ]

        def watch() -> None:
            try:
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
            finally:
                done.set()

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        return watcher

    def _work(self, token: str, batches: Batches) -> None:
        phone = Phone(self.url, token)
        try:
            while (batch := batches.next()) is not None:
                with self._lock:
                    self.generated.update((str(sale.client_uuid), sale.amount) for sale in batch)
                self._deliver(phone, batch)
        except Exception as error:  # noqa: BLE001 (any failure is reported, and the run goes on)
            with self._lock:
                self.outcome.failures.append(f"client: {error!r}"[:500])
        finally:
            phone.close()

    def _deliver(self, phone: Phone, batch: list) -> None:
        """Post until the server has answered for every item; a resend is safe by the client UUIDs."""
        from sahabat.events.replay import sales_body

        body = sales_body(batch)
        resent = False
        while True:
            if self.abandoned.is_set():
                raise FaultError("the server could not be restarted; the batch was given up")
            if time.monotonic() > self.give_up_at:
                raise FaultError(f"a batch of {len(batch)} sales was never acknowledged")
            if resent:
                time.sleep(RESEND_PAUSE)
            answered = phone.post(self.path, body)
            if answered is None or answered[0] == 429 or answered[0] >= 500:
                resent = True
                with self._lock:
                    self.outcome.unanswered_posts += 1
                continue
            status, answer = answered
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
            # A killed server answers nothing more, so an answer after a restart came from a new one.
            self.outcome.acknowledged_after_restart += bool(self.outcome.restart_seconds)


# ---------------------------------------------------------------- the checks


def _uuid_digest(uuids) -> str:
    digest = hashlib.sha256()
    for value in sorted(uuids):
        digest.update(value.encode())
    return digest.hexdigest()


def _check_goal(goal: Goal, outcome: Outcome) -> None:
    if not goal.reached(outcome):
        outcome.failures.append(
            f"the run ended with {outcome.kills} kills ({outcome.server_kills} of the whole server, "
            f"{len(outcome.restart_seconds)} restarts, {outcome.acknowledged_after_restart} batches "
            f"acknowledged after a restart); it must kill at least {goal.min_kills} times, "
            f"{goal.min_server_kills} of them the whole server, and have a restarted server answer"
        )


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


class _Phases:
    def __init__(self, outcome: Outcome):
        self._outcome = outcome
        self._last = time.monotonic()

    def mark(self, name: str) -> None:
        now = time.monotonic()
        self._outcome.phases[name] = round(now - self._last, 2)
        self._last = now


def run(
    *,
    seconds: float,
    clients: int,
    seed: int,
    pause: tuple[float, float],
    min_kills: int,
    min_server_kills: int = 1,
    worker_share: float = 0.25,
    booths: int = BOOTHS,
    fresh_database: bool = False,
) -> Outcome:
    """One run; call it from the main thread (see Server)."""
    outcome = Outcome(seed=seed, clients=clients)
    goal = Goal(min_kills=min_kills, min_server_kills=min_server_kills)
    phases = _Phases(outcome)
    with tempfile.TemporaryDirectory(prefix="sahabat-fault-") as name:
        folder = Path(name)
        database = _prepare_environment(folder, fresh=fresh_database)
        server = None
        try:
            import django

            django.setup()
            from sahabat.events.replay import free_port

            phases.mark("setup")
            database.create()
            database.migrate()
            outcome.database = "copied from the migrated cache" if database.from_cache else "migrated"
            phases.mark("database")
            # gunicorn loads the project while this process seeds the carnival.
            server = Server(free_port(), folder / "gunicorn.log")
            server.launch()
            event, tokens, simulation = _seed(booths, clients)
            phases.mark("seed")
            server.wait_until_healthy()
            phases.mark("first start")
            started = time.monotonic()
            latest = started + 2 * seconds + 30
            done = threading.Event()
            sender = Clients(
                url=server.url, event_id=event.pk, outcome=outcome, give_up_at=latest + ACK_GRACE_SECONDS
            )
            batches = Batches(
                simulation,
                size=BATCH_SIZE,
                until=started + seconds,
                latest=latest,
                reached=lambda: goal.reached(outcome),
            )
            watcher = sender.start(tokens, batches, done)
            try:
                rng = random.Random(seed)
                if not _chaos(
                    server,
                    outcome,
                    rng=rng,
                    pause=pause,
                    worker_share=worker_share,
                    goal=goal,
                    batches=batches,
                    done=done,
                ):
                    sender.abandoned.set()
                watcher.join()
                outcome.seconds = round(time.monotonic() - started, 1)
                phases.mark("sending")
            finally:
                sender.abandoned.set()
                # The last answers are in; nothing is left to prove by a graceful stop.
                server.kill()
                server.close()
            _check_goal(goal, outcome)
            _check(event, sender, outcome)
            phases.mark("checks")
            if outcome.failures:
                outcome.failures.append("server log tail: " + (folder / "gunicorn.log").read_text()[-1500:])
        finally:
            if server is not None:
                server.kill_group()
            database.drop()
    outcome.failures = [f"{failure} [seed {seed}]" for failure in outcome.failures]
    return outcome


def _terminate_on_sigterm() -> None:
    """SIGTERM (a test runner's timeout, a CI job cancelled) unwinds like Ctrl-C: the server is stopped
    and the temporary database dropped."""

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="how long the clients send new batches")
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--booths", type=int, default=BOOTHS)
    parser.add_argument("--seed", type=int, default=None, help="draws the kills (random when not given)")
    parser.add_argument(
        "--pause",
        type=float,
        nargs=2,
        default=(2.0, 6.0),
        metavar=("MIN", "MAX"),
        help="seconds between kills",
    )
    parser.add_argument(
        "--min-kills",
        type=int,
        default=2,
        help="keep sending (up to twice --seconds and 30 s more) until this many kills",
    )
    parser.add_argument(
        "--min-server-kills",
        type=int,
        default=1,
        help="of which this many kill the whole server, and a restarted server answers",
    )
    parser.add_argument(
        "--worker-share", type=float, default=0.25, help="share of the kills that take one worker only"
    )
    parser.add_argument(
        "--fresh-database", action="store_true", help="migrate from scratch instead of copying a migrated one"
    )
    parser.add_argument("--json", action="store_true", help="print the outcome as one JSON object")
    options = parser.parse_args(argv)
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"fault test seed {seed} (repeat with --seed {seed})", file=sys.stderr, flush=True)
    _terminate_on_sigterm()
    try:
        outcome = run(
            seconds=options.seconds,
            clients=options.clients,
            seed=seed,
            pause=tuple(options.pause),
            min_kills=options.min_kills,
            min_server_kills=options.min_server_kills,
            worker_share=options.worker_share,
            booths=options.booths,
            fresh_database=options.fresh_database,
        )
    except BaseException:
        print(f"fault test stopped before its checks [seed {seed}]", file=sys.stderr, flush=True)
        raise
    summary = {**asdict(outcome), "ok": outcome.ok}
    if options.json:
        print(json.dumps(summary))
    else:
        for key, value in summary.items():
            print(f"{key:>26}: {value}")
        print("OK: the ledger and the rollups hold exactly what the clients sent" if outcome.ok else "FAILED")
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
