"""The suite's cache on Redis (CI's scale-out leg): one key prefix per test process, cleared alone.

Parallel test workers, and other runs on the same machine, share one Redis database; each process
keeps its keys under its own prefix and deletes only those, also when a test calls `cache.clear()`
(which on Django's own Redis backend would empty the whole database).
"""

import os
import uuid

from django.core.cache.backends.redis import RedisCache

KEY_PREFIX = f"sahabat-test-{uuid.uuid4().hex[:10]}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def suite_caches(redis_url: str) -> dict:
    """CACHES for a test: local memory, or Redis under this process's prefix when REDIS_URL is set."""
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "tests.reliability.redis_cache.PrefixedRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": KEY_PREFIX,
        }
    }


def flush_prefix(redis_url: str) -> None:
    """Delete this process's keys, and nobody else's."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        keys = list(client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


class PrefixedRedisCache(RedisCache):
    def clear(self) -> bool:
        flush_prefix(self._servers[0])
        return True
