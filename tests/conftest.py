"""Fixtures shared by the whole suite."""

import os

import pytest

from tests.reliability.redis_cache import flush_prefix, suite_caches

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Redis in CI's scale-out leg, under a key prefix of this process (tests/reliability/redis_cache.py).
    settings.CACHES = suite_caches(settings.REDIS_URL)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    redis_url = settings.REDIS_URL
    yield
    if redis_url:
        flush_prefix(redis_url)


@pytest.fixture(autouse=True)
def _huey_immediate():
    """Background jobs run inline in tests, so that a test sees their outcome."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False


def _tenant(code: str):
    """The migrated region, reloaded when a transactional (browser) test has flushed the tables."""
    from sahabat.regions.models import Region
    from sahabat.regions.services import regions_load_regency

    region = Region.objects.filter(code=code).first()
    return region or regions_load_regency(code=code).regency


@pytest.fixture
def jember(db):
    return _tenant("35.09")


@pytest.fixture
def sarolangun(db):
    return _tenant("15.03")


@pytest.fixture
def member_of(db):
    """member_of(region, role) → a user holding that role in the region."""
    from tests.accounts.factories import MembershipFactory

    def make(region, role):
        return MembershipFactory(region=region, role=role).user

    return make


@pytest.fixture
def jember_admin(jember, member_of):
    from sahabat.accounts.permissions import Role

    return member_of(jember, Role.REGION_ADMIN)


@pytest.fixture
def actor_of():
    from sahabat.accounts.actor import Actor

    return Actor.for_user
