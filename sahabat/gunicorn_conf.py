"""gunicorn settings for serving the project (`--config python:sahabat.gunicorn_conf`).

The command line still names the address and the number of workers; this file holds what should not
differ between `sahabat serve`, a deployment and the benchmarks (`events.replay.gunicorn_serving`).
"""

import gc

# The master imports Django, the URLconf and the API once (sahabat.wsgi), and every worker starts as a
# copy of it: a worker no longer spends ~2 s of CPU importing before its first answer, which matters
# each time one is replaced (--max-requests) in the middle of a carnival.
preload_app = True


def collector_settle() -> None:
    """Tune Python's garbage collector for a process whose imports live as long as it does.

    Frozen, the imported modules are out of the collector's sight: a full collection walks only what
    requests allocate instead of ~180,000 more objects, and the pages stay shared with the master
    instead of being copied. A batch of 500 sales allocates a few thousand objects that all live until
    its answer is sent, so with the default threshold (700) the youngest generation was searched
    several times per batch, in vain (docs/events.md, "Ingestion speed").
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


def pre_fork(server, worker):
    from django.db import connections

    # A SQLite or PostgreSQL connection must never be shared by two processes; a worker opens its own.
    connections.close_all()
    collector_settle()
