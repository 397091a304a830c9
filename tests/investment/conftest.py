import pytest

from sahabat.accounts.permissions import Role
from tests.investment.factories import InvestorFactory, LeadFactory, ProjectFactory


@pytest.fixture
def officer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.OFFICER))


@pytest.fixture
def viewer(jember, member_of, actor_of):
    return actor_of(member_of(jember, Role.VIEWER))


@pytest.fixture
def project(jember):
    return ProjectFactory(region=jember, title="Pengembangan Wisata Pantai Papuma")


@pytest.fixture
def investor(jember):
    return InvestorFactory(region=jember, company="PT Samudra Wisata Properti")


@pytest.fixture
def lead(project, investor):
    return LeadFactory(project=project, investor=investor)


@pytest.fixture
def officer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.OFFICER))
    return client


@pytest.fixture
def viewer_client(client, jember, member_of):
    client.force_login(member_of(jember, Role.VIEWER))
    return client
