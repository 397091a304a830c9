"""Fixtures for the region tests; the regions themselves come from migration 0002."""

import pytest

from sahabat.regions.models import Region
from sahabat.regions.selectors import region_by_code, region_codes_cache_clear


@pytest.fixture(autouse=True)
def _fresh_code_cache():
    """The code cache lives per process; a test must not see codes another test's database had."""
    region_codes_cache_clear()
    yield
    region_codes_cache_clear()


@pytest.fixture
def jember(db) -> Region:
    return region_by_code("35.09")


@pytest.fixture
def sarolangun(db) -> Region:
    return region_by_code("15.03")


@pytest.fixture
def sumbersari(db) -> Region:
    return region_by_code("35.09.21")
