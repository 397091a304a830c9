"""`python -m bench` (what `make bench` runs): every benchmark module of this package, one process each.

A benchmark sets Django up against its own temporary database, and Django can be set up only once
per process; hence one process per module. Modules whose names start with an underscore are helpers.
"""

import pkgutil
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    names = sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not module.name.startswith("_")
    )
    failed = []
    for name in names:
        print(f"\n== bench.{name} ==", flush=True)
        started = time.perf_counter()
        if subprocess.run([sys.executable, "-m", f"bench.{name}"], check=False).returncode:
            failed.append(name)
        print(f"-- bench.{name}: {time.perf_counter() - started:.0f} s", flush=True)
    if failed:
        print(f"\nFailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
