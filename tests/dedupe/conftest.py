import pytest

from sahabat.accounts.permissions import Role


@pytest.fixture
def officer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.OFFICER))


@pytest.fixture
def officer_user(jember, member_of):
    return member_of(jember, Role.OFFICER)
