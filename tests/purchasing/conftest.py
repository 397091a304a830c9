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
        actor=system, region=jember, code="2.17.01", name="Dinas Koperasi dan Usaha Mikro", short_name="Diskop UM",
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
