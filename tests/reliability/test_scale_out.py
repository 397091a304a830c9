"""CI's scale-out leg (REDIS_URL set): the cache and the job queue really are on Redis."""

import os
import signal
import time
from datetime import date

import pytest
import redis
from django.core.cache import cache

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (CI's PostgreSQL + Redis run)"
)


def test_cache_entries_are_stored_in_redis_for_every_host(settings):
    cache.set("scale-out-probe", "seen by every host", timeout=60)
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        assert client.exists(cache.make_and_validate_key("scale-out-probe")) == 1
    finally:
        client.close()


def test_background_jobs_are_queued_in_redis():
    from huey import RedisHuey
    from huey.contrib.djhuey import HUEY

    from tests.reliability.redis_cache import KEY_PREFIX

    # The suite runs jobs inline (in memory); a deployment's queue is the Redis storage behind it.
    HUEY.immediate = False
    assert isinstance(HUEY, RedisHuey)
    HUEY.put(f"{KEY_PREFIX}:probe", "queued on Redis")
    assert HUEY.get(f"{KEY_PREFIX}:probe") == "queued on Redis"


def test_clearing_the_cache_leaves_other_test_runs_keys_alone(settings):
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        client.set("sahabat-test-another-run:1:kept", "theirs", ex=60)
        cache.set("mine", "ours", timeout=60)
        cache.clear()
        assert cache.get("mine") is None
        assert client.get("sahabat-test-another-run:1:kept") == b"theirs"
    finally:
        client.delete("sahabat-test-another-run:1:kept")
        client.close()


@pytest.fixture
def redis_jobs():
    """The project's huey, off immediate mode, on a Redis queue of this test process's own (parallel
    test workers and other runs share the Redis database); emptied and given back afterwards."""
    from huey.contrib.djhuey import HUEY

    from tests.reliability.redis_cache import KEY_PREFIX

    HUEY.immediate = False
    shared = HUEY.storage
    HUEY.storage = HUEY.storage_class(f"{KEY_PREFIX}-jobs", **HUEY.storage_kwargs)
    try:
        yield HUEY
    finally:
        HUEY.storage.flush_all()
        HUEY.storage.close()
        HUEY.storage = shared


@pytest.fixture
def consumer(redis_jobs):
    """start() → a huey consumer (one worker thread, as `sahabat run_huey` runs them) on that queue."""
    from django.db import connections
    from huey.signals import SIGNAL_COMPLETE, SIGNAL_ERROR

    started = []
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}

    # The worker thread's own database connection must not outlive the test (its database is dropped).
    @redis_jobs.signal(SIGNAL_COMPLETE, SIGNAL_ERROR)
    def close_connections(signal_name, task, exc=None):
        connections.close_all()

    def start():
        running = redis_jobs.create_consumer(
            workers=1, worker_type="thread", periodic=False, check_worker_health=False
        )
        running.start()  # in this (main) thread: registers the consumer's signal handlers
        started.append(running)
        return running

    yield start
    for running in started:
        running.stop(graceful=True)
    redis_jobs.disconnect_signal(close_connections)
    for number, handler in handlers.items():
        signal.signal(number, handler)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_queued_on_redis_is_made_by_a_huey_consumer(redis_jobs, consumer, jember):
    from sahabat.accounts.actor import Actor
    from sahabat.reports.content import Period
    from sahabat.reports.models import ReportFile
    from sahabat.reports.services import report_file_request

    report_file = report_file_request(
        actor=Actor.system(), region=jember, kind="umkm", period=Period(date(2023, 8, 1)), format="xlsx"
    )
    assert redis_jobs.storage.queue_size() == 1
    consumer()
    deadline = time.monotonic() + 60
    while report_file.status == ReportFile.Status.PENDING and time.monotonic() < deadline:
        time.sleep(0.1)
        report_file.refresh_from_db()
    assert report_file.status == ReportFile.Status.READY
    assert report_file.file.read()[:2] == b"PK"  # an .xlsx is a zip archive
    assert redis_jobs.storage.queue_size() == 0
