import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Open data is cached; every test starts from an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
