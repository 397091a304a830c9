"""Replaying a simulated event through the real HTTP API, as booth phones and gate counters do.

Each client is a thread with its own device token and connection. The clients take the event's
hours in time order from one queue, post each hour's sales and gate counts in batches, and resend
a share of the batches on purpose (a phone that never got the answer), which must come back as
duplicates. A refused connection or a 5xx answer is retried, as a phone would: the client UUIDs
make that safe.
"""

from __future__ import annotations

import http.client
import json
import queue
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sahabat.events.simulation import Hour, Simulation

BATCH_SIZE = 500
RETRIES = 6
SERVER_START_TIMEOUT = 60


class ReplayError(Exception):
    pass


class ApiClient:
    """A minimal JSON client over one keep-alive connection, retrying what a phone would retry."""

    def __init__(self, base_url: str, token: str, *, timeout: float = 120):
        parts = urlsplit(base_url)
        self._https = parts.scheme == "https"
        self._host = parts.hostname or "127.0.0.1"
        self._port = parts.port
        self._prefix = parts.path.rstrip("/")
        self._timeout = timeout
        self._headers = {
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        self._connection: http.client.HTTPConnection | None = None
        self.retries = 0

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            kind = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            self._connection = kind(self._host, self._port, timeout=self._timeout)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, object]:
        """(status, decoded JSON or None); connection failures, 429 and 5xx are retried with back-off."""
        problem = ""
        for attempt in range(RETRIES + 1):
            if attempt:
                self.retries += 1
                time.sleep(min(8.0, 0.25 * 2**attempt))
            try:
                connection = self._connect()
                connection.request(method, self._prefix + path, body=body, headers=self._headers)
                response = connection.getresponse()
                raw = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.close()
                problem = repr(error)
                continue
            if response.status == 429 or response.status >= 500:
                problem = f"HTTP {response.status}: {raw[:300]!r}"
                continue
            try:
                return response.status, json.loads(raw) if raw else None
            except ValueError:
                return response.status, None
        raise ReplayError(f"{method} {path} failed after {RETRIES} retries: {problem}")

    def post(self, path: str, body: bytes) -> dict:
        status, data = self.request("POST", path, body)
        if status != 200 or not isinstance(data, dict):
            raise ReplayError(f"POST {path} answered {status}: {json.dumps(data)[:500]}")
        return data


@dataclass
class Tally:
    """What the clients sent and what the API answered; `created` is what the ledger now holds."""

    sales_sent: int = 0
    turnover_sent: int = 0
    sales_created: int = 0
    turnover_created: int = 0
    visitors_sent: int = 0
    visitors_created: int = 0
    duplicates: int = 0
    rejected: int = 0
    batches: int = 0
    resent_batches: int = 0
    # Items of resent batches that were not answered "duplicate": a resend that counted twice.
    resend_not_duplicate: int = 0
    retries: int = 0
    rejections: list[dict] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **amounts) -> None:
        with self._lock:
            for name, value in amounts.items():
                setattr(self, name, getattr(self, name) + value)

    def reject(self, errors: list[dict]) -> None:
        with self._lock:
            self.rejected += 1
            if len(self.rejections) < 20:
                self.rejections.extend(errors)


def sales_body(sales: Sequence) -> bytes:
    return json.dumps(
        {
            "items": [
                {
                    "client_uuid": str(sale.client_uuid),
                    "booth": sale.booth,
                    "amount": sale.amount,
                    "occurred_at": sale.occurred_at.isoformat(),
                    "payment_method": sale.payment_method,
                    "buyer_type": sale.buyer_type,
                    "items": sale.items,
                }
                for sale in sales
            ]
        }
    ).encode()


def counts_body(counts: Sequence) -> bytes:
    return json.dumps(
        {
            "items": [
                {
                    "client_uuid": str(count.client_uuid),
                    "gate": count.gate,
                    "period_start": count.period_start.isoformat(),
                    "period_end": count.period_end.isoformat(),
                    "count": count.count,
                }
                for count in counts
            ]
        }
    ).encode()


def _send(client: ApiClient, path: str, items: Sequence, body: bytes, tally: Tally, *, resend: bool) -> list:
    """Post one batch (and, when asked, post it again); count the answers; return the items created."""
    answer = client.post(path, body)
    created = [items[result["index"]] for result in answer["results"] if result["status"] == "created"]
    for result in answer["results"]:
        if result["status"] == "rejected":
            tally.reject(result["errors"])
    tally.add(batches=1, duplicates=answer["duplicate"])
    if resend:
        again = client.post(path, body)
        tally.add(
            batches=1,
            resent_batches=1,
            duplicates=again["duplicate"],
            resend_not_duplicate=again["created"],
        )
    return created


def replay(
    *,
    simulation: Simulation,
    base_url: str,
    event_id: int,
    tokens: Sequence[str],
    batch_size: int = BATCH_SIZE,
    resend_rate: float = 0.05,
    on_progress: Callable[[int, int], None] | None = None,
) -> Tally:
    """Send the whole simulation with one client per token; returns the tally once every hour is sent."""
    tally = Tally()
    hours: queue.Queue[Hour] = queue.Queue()
    for hour in simulation.hours:
        hours.put(hour)
    failure: list[BaseException] = []
    seed = simulation.plan.seed

    def resend(hour: Hour, kind: str, number: int) -> bool:
        return random.Random(f"{seed}:resend:{kind}:{hour.index}:{number}").random() < resend_rate

    def work(token: str) -> None:
        client = ApiClient(base_url, token)
        try:
            while not failure:
                try:
                    hour = hours.get_nowait()
                except queue.Empty:
                    return
                sales = simulation.sales(hour)
                for number, start in enumerate(range(0, len(sales), batch_size)):
                    batch = sales[start : start + batch_size]
                    created = _send(
                        client,
                        f"/api/events/{event_id}/sales",
                        batch,
                        sales_body(batch),
                        tally,
                        resend=resend(hour, "sales", number),
                    )
                    tally.add(
                        sales_sent=len(batch),
                        turnover_sent=sum(sale.amount for sale in batch),
                        sales_created=len(created),
                        turnover_created=sum(sale.amount for sale in created),
                    )
                    if on_progress:
                        on_progress(len(batch), 0)
                counts = simulation.counts(hour)
                for number, start in enumerate(range(0, len(counts), batch_size)):
                    batch = counts[start : start + batch_size]
                    created = _send(
                        client,
                        f"/api/events/{event_id}/visitors",
                        batch,
                        counts_body(batch),
                        tally,
                        resend=resend(hour, "visitors", number),
                    )
                    tally.add(
                        visitors_sent=sum(count.count for count in batch),
                        visitors_created=sum(count.count for count in created),
                    )
                    if on_progress:
                        on_progress(0, sum(count.count for count in batch))
        except BaseException as error:
            failure.append(error)
        finally:
            tally.add(retries=client.retries)
            client.close()

    threads = [threading.Thread(target=work, args=(token,), daemon=True) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failure:
        raise failure[0]
    return tally


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn_serving(*, workers: int) -> Iterator[str]:
    """Serve the project with gunicorn on a free local port, with this process's settings and
    database (it inherits the environment); yields the base URL once /healthz answers."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "sahabat.wsgi:application",
        "--config", "python:sahabat.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", "300", "--log-level", "warning",
    ]  # fmt: skip
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            _wait_until_healthy(process, port, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_healthy(process: subprocess.Popen, port: int, log) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    answer = "no answer"
    while True:
        if process.poll() is not None:
            log.seek(0)
            output = log.read()[-2000:].decode(errors="replace")
            raise ReplayError(f"gunicorn stopped while starting:\n{output}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            if response.status == 200:
                return
            answer = f"HTTP {response.status}: {response.read()[:300].decode(errors='replace')}"
        except OSError as error:
            answer = repr(error)
        finally:
            connection.close()
        if time.monotonic() > deadline:
            raise ReplayError(f"gunicorn did not answer /healthz with 200 in time ({answer})")
        time.sleep(0.2)
