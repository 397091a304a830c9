import pytest

from sahabat.accounts.permissions import Role
from tests.coaching.factories import ParticipantFactory, ProgrammeFactory
from tests.registry.factories import EnterpriseFactory


@pytest.fixture
def officer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.OFFICER))


@pytest.fixture
def viewer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.VIEWER))


@pytest.fixture
def programme(jember):
    return ProgrammeFactory(region=jember)


@pytest.fixture
def enterprise(jember):
    return EnterpriseFactory(region=jember, owner=None, name="Prol Tape Bu Sri")


@pytest.fixture
def participant(programme, enterprise):
    return ParticipantFactory(programme=programme, enterprise=enterprise)


@pytest.fixture
def officer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    return client


@pytest.fixture
def viewer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    return client
