"""The short fault test: the real server killed and restarted while clients send sales batches.

`tests/reliability/fault.py` does the work in its own process, against its own throw-away database
(SQLite, or PostgreSQL beside the one DATABASE_URL names); `make soak` runs the long form.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ledger_and_rollups_hold_every_sale_once_across_server_kills():
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.reliability.fault",
            "--seconds",
            "15",
            "--min-kills",
            "2",
            "--pause",
            "2",
            "4",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert finished.stdout.strip(), finished.stderr[-3000:]
    outcome = json.loads(finished.stdout.strip().splitlines()[-1])
    assert outcome["failures"] == [], finished.stderr[-2000:]
    assert outcome["server_kills"] + outcome["worker_kills"] >= 2
    assert outcome["ledger_count"] == outcome["sales_sent"] > 0
    assert finished.returncode == 0
