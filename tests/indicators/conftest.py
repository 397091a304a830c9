import pytest

from sahabat.accounts.permissions import Role
from tests.indicators.factories import IndicatorFactory, TargetFactory


@pytest.fixture
def officer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.OFFICER))


@pytest.fixture
def viewer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.VIEWER))


@pytest.fixture
def road(jember):
    """Jember's road indicator: 1,200 km of damaged road repaired between May and December 2021."""
    indicator = IndicatorFactory(region=jember, name="Jalan rusak yang diperbaiki")
    TargetFactory(indicator=indicator)
    return indicator


@pytest.fixture
def officer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    return client


@pytest.fixture
def viewer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    return client
