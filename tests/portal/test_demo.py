"""The portal's demo part: owners' consent for a share of the register, then a full catalogue."""

import io

import pytest

from sahabat.accounts.actor import Actor
from sahabat.portal.demo import demo_load
from sahabat.portal.models import CatalogueEntry
from sahabat.registry.models import Enterprise
from sahabat.registry.services import enterprise_create
from tests.portal.world import product_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(jember, sarolangun):
    for region in (jember, sarolangun):
        for number in range(20):
            enterprise = enterprise_create(actor=Actor.system(), region=region, name=f"Usaha {number}")
            product_of(enterprise, name=f"Produk {number}")


def test_the_demo_makes_a_share_of_the_register_public_and_indexes_it(register):
    demo_load(stdout=io.StringIO())
    public = Enterprise.unscoped.filter(is_public=True).count()
    assert 0 < public < 40
    assert CatalogueEntry.objects.filter(kind="enterprise").count() == public


def test_the_demo_leaves_a_region_with_public_enterprises_as_it_is(register, jember):
    Enterprise.unscoped.filter(region=jember, name="Usaha 0").update(is_public=True)
    demo_load(stdout=io.StringIO())
    assert Enterprise.unscoped.filter(region=jember, is_public=True).count() == 1
