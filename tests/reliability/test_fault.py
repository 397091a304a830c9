"""The short fault test: the real server killed and restarted while clients send sales batches.

`tests/reliability/fault.py` does the work in its own process, against its own throw-away database
(SQLite, or PostgreSQL beside the one DATABASE_URL names); `make soak` runs the long form. The seed is
drawn here, so that every failure names it: `python -m tests.reliability.fault --seed N` repeats the
kills of a failed run.
"""

import contextlib
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.fault import WORKERS, _children

ROOT = Path(__file__).resolve().parents[2]

# At least 3 s of sending, 0.5–1.5 s between kills (each after the server answered again), half of
# them one worker's, a carnival of 12 booths, three phones: the run goes on until it has killed at
# least twice, the whole server at least once, and a restarted server has taken sales.
SHORT_FORM = ["--seconds", "3", "--pause", "0.5", "1.5", "--worker-share", "0.5", "--booths", "12"]
SHORT_FORM += ["--clients", "3", "--min-kills", "2", "--min-server-kills", "1"]


def test_ledger_and_rollups_hold_every_sale_once_across_server_kills():
    seed = random.SystemRandom().randrange(2**32)
    again = f"[seed {seed}: python -m tests.reliability.fault {' '.join(SHORT_FORM)} --seed {seed}]"
    command = [sys.executable, "-m", "tests.reliability.fault", *SHORT_FORM, "--seed", str(seed), "--json"]
    try:
        finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"the fault test did not finish in {expired.timeout} s {again}")
    assert finished.stdout.strip(), f"{again}\n{finished.stderr[-3000:]}"
    outcome = json.loads(finished.stdout.strip().splitlines()[-1])
    assert outcome["seed"] == seed
    assert outcome["failures"] == [], f"{again}\n{finished.stderr[-2000:]}"
    assert outcome["server_kills"] >= 1, again
    assert outcome["server_kills"] + outcome["worker_kills"] >= 2, again
    assert len(outcome["restart_seconds"]) == outcome["server_kills"], again
    assert outcome["acknowledged_after_restart"] > 0, again
    assert outcome["ledger_count"] == outcome["sales_sent"] > 0, again
    assert finished.returncode == 0, again


# A stand-in for fault.py: starts the server as fault.py does, prints the master's pid, and waits.
PARENT = """
import os, sys, time
from pathlib import Path

folder = Path(sys.argv[1])
os.environ.update(
    VAR_DIR=str(folder), DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
    DJANGO_SETTINGS_MODULE="sahabat.settings", LOG_LEVEL="WARNING", ALLOWED_HOSTS="127.0.0.1",
)
from sahabat.events.replay import free_port
from tests.reliability.fault import Server

server = Server(free_port(), folder / "gunicorn.log")
server.launch()
print(server.process.pid, server.port, flush=True)
time.sleep(300)
"""


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        return True
    except OSError:
        return False
    finally:
        connection.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_server_dies_with_the_fault_test_when_that_is_killed(tmp_path):
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    master, port = map(int, parent.stdout.readline().split())
    workers = []
    try:
        deadline = time.monotonic() + 60
        # Both workers forked, and serving (a 503 for the unmigrated database is an answer too).
        while (len(workers) < WORKERS or not _answers(port)) and time.monotonic() < deadline:
            workers = _children(master)
            time.sleep(0.2)
        assert len(workers) == WORKERS, (tmp_path / "gunicorn.log").read_text()[-2000:]
        parent.kill()
        parent.wait()
        # Without the parent-death signal the master would live on, and a worker waits up to half
        # gunicorn's --timeout (30 s) before it notices that its master is gone.
        deadline = time.monotonic() + 10
        while any(map(_running, [master, *workers])) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in [master, *workers] if _running(pid)] == []
    finally:
        parent.kill()
        for pid in [master, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
