"""The purchasing demo: realistic agencies, some above and some below 40%, valid NIPs, a focal point login."""

import io

import pytest
from django_scopes import scopes_disabled

from sahabat.accounts.actor import Actor
from sahabat.accounts.models import Membership
from sahabat.purchasing.demo import demo_load
from sahabat.purchasing.models import Agency, Purchase
from sahabat.purchasing.selectors import region_commitment
from sahabat.registry.services import enterprise_create
from sahabat.registry.validators import nip_parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(jember, sarolangun):
    system = Actor.system()
    for region, names in [
        (jember, ("Kopi Bu Sri", "Batik Labako")),
        (sarolangun, ("Lempok Durian", "Songket")),
    ]:
        for name, sector in zip(names, ("food", "fashion"), strict=True):
            enterprise_create(actor=system, region=region, name=name, sector=sector)
    output = io.StringIO()
    with scopes_disabled():
        demo_load(stdout=output)
    return output.getvalue()


@pytest.mark.parametrize("code", ["35.09", "15.03"])
def test_some_agencies_are_above_and_some_below_the_floor(loaded, code):
    from sahabat.regions.models import Region

    _total, standings = region_commitment(
        actor=Actor.system(), region=Region.objects.get(code=code), year=2023
    )
    realised = [
        standing.commitment.realised_below_floor for standing in standings if standing.commitment.has_budget
    ]
    assert True in realised and False in realised


def test_one_jember_agency_has_no_budget_for_the_year(loaded, jember):
    _total, standings = region_commitment(actor=Actor.system(), region=jember, year=2023)
    assert [s.agency.name for s in standings if not s.commitment.has_budget] == ["Kecamatan Kaliwates"]


def test_every_demo_nip_is_valid_and_every_purchase_is_in_2023(loaded):
    purchases = list(Purchase.objects.with_scopes_disabled().all())
    assert purchases
    assert all(nip_parse(purchase.buyer_nip) for purchase in purchases)
    assert {purchase.purchased_on.year for purchase in purchases} == {2023}


def test_some_purchases_are_from_the_partner_region(loaded):
    purchases = Purchase.objects.with_scopes_disabled().select_related("enterprise")
    assert any(purchase.enterprise.region_id != purchase.region_id for purchase in purchases)


def test_the_focal_point_login_works_for_dinas_koperasi_jember(loaded):
    membership = Membership.objects.with_scopes_disabled().get(user__username="jember.opd")
    assert (membership.agency.name, membership.region.code) == ("Dinas Koperasi dan Usaha Mikro", "35.09")
    assert membership.user.check_password("sahabat-demo")


def test_loading_again_adds_nothing(loaded):
    counts = (Agency.objects.with_scopes_disabled().count(), Purchase.objects.with_scopes_disabled().count())
    with scopes_disabled():
        demo_load(stdout=io.StringIO())
    assert (
        Agency.objects.with_scopes_disabled().count(),
        Purchase.objects.with_scopes_disabled().count(),
    ) == counts


def test_the_focal_point_is_listed_among_the_demo_logins():
    from sahabat.accounts.demo import demo_logins

    assert "jember.opd" in dict(demo_logins())
