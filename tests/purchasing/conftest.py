import pytest

from sahabat.accounts.actor import Actor
from sahabat.accounts.permissions import Role
from sahabat.purchasing.services import agency_save
from sahabat.registry.services import enterprise_create

# A valid NIP: born 12 March 1985, appointed January 2010, female, serial 001.
NIP = "198503122010012001"


@pytest.fixture
def system():
    return Actor.system()


@pytest.fixture
def dinas_koperasi(jember, system):
    return agency_save(
        actor=system,
        region=jember,
        code="2.17.01",
        name="Dinas Koperasi dan Usaha Mikro",
        short_name="Diskop UM",
        asn_count=120,
    )


@pytest.fixture
def bappeda(jember, system):
    return agency_save(actor=system, region=jember, code="5.01.01", name="Bappeda", asn_count=80)


@pytest.fixture
def warung(jember, system):
    return enterprise_create(actor=system, region=jember, name="Warung Kopi Bu Sri", sector="food")


@pytest.fixture
def focal_point(jember, dinas_koperasi, member_of):
    from sahabat.accounts.models import Membership

    user = member_of(jember, Role.AGENCY_FOCAL_POINT)
    Membership.objects.with_scopes_disabled().filter(user=user).update(agency=dinas_koperasi)
    return Actor.for_user(user)


# The carnival with its booths, for the purchases that civil servants make at event booths.
from tests.events.conftest import booths, carnival, device, officer  # noqa: E402, F401


@pytest.fixture
def warung_owner(jember, warung, member_of):
    """An UMKM owner whose login keeps Warung Kopi Bu Sri."""
    from sahabat.registry.models import Owner
    from sahabat.registry.services import OwnerData, enterprise_update

    user = member_of(jember, Role.UMKM_OWNER)
    enterprise_update(actor=Actor.system(), enterprise_id=warung.pk, owner=OwnerData(name="Sri Wahyuni"))
    Owner.objects.with_scopes_disabled().filter(enterprises=warung).update(user=user)
    return user


@pytest.fixture
def focal_point_user(focal_point):
    from sahabat.accounts.models import User

    return User.objects.get(pk=focal_point.user_id)


@pytest.fixture
def logged_in(client):
    """logged_in(user) → the test client, logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
