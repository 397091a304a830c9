"""The security tests' shared world, built once per module.

The permission matrix and the CSRF walk make a few thousand requests against the same records.
Building those records for every case took most of the suite's time on PostgreSQL, so a module
builds them once inside a transaction of its own, each case runs in a savepoint within it (what
pytest-django's `db` does inside an open transaction), and the module's transaction is rolled back
at its end: what a case changes is undone after it, and the world after the module.
"""

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.test import override_settings

from sahabat.accounts.permissions import Role
from tests.accounts.factories import MembershipFactory
from tests.conftest import _tenant
from tests.reliability.redis_cache import suite_caches
from tests.security.world import World, world_build


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("world-media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_media) -> World:
    from huey.contrib.djhuey import HUEY

    caches = suite_caches(django_settings.REDIS_URL)
    immediate, HUEY.immediate = HUEY.immediate, True
    try:
        with (
            override_settings(MEDIA_ROOT=world_media, CACHES=caches),
            django_db_blocker.unblock(),
            transaction.atomic(),
        ):
            jember = _tenant("35.09")
            yield world_build(
                jember=jember,
                jember_admin=MembershipFactory(region=jember, role=Role.REGION_ADMIN).user,
                viewer=MembershipFactory(region=jember, role=Role.VIEWER).user,
            )
            transaction.set_rollback(True)
    finally:
        HUEY.immediate = immediate


@pytest.fixture(autouse=True)
def _media_of_the_world(_fast_and_isolated, request, settings):
    """A case addressing the world reads its files (a report, a photo) where the world stored them."""
    if "world" in request.fixturenames:
        settings.MEDIA_ROOT = request.getfixturevalue("world_media")
