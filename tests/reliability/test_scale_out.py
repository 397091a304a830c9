"""CI's scale-out leg (REDIS_URL set): the cache and the job queue really are on Redis."""

import os

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
