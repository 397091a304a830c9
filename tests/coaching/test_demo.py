from io import StringIO

import pytest
from django_scopes import scopes_disabled

from sahabat.coaching import demo
from sahabat.coaching.models import Outcome, Participant, Programme
from sahabat.registry.models import Licence
from tests.registry.factories import PASAR_SAROLANGUN_VILLAGE, SAROLANGUN_DISTRICT, EnterpriseFactory, region

pytestmark = pytest.mark.django_db


@pytest.fixture
def coaching_demo(jember, sarolangun):
    """The coaching demo on a small register: food and craft makers in both regions."""
    for sector in ("food", "food", "food", "craft", "fashion", "food"):
        EnterpriseFactory(region=jember, owner=None, sector=sector)
    for sector in ("food", "food", "craft"):
        EnterpriseFactory(
            region=sarolangun,
            owner=None,
            sector=sector,
            district=region(SAROLANGUN_DISTRICT),
            village=region(PASAR_SAROLANGUN_VILLAGE),
        )
    with scopes_disabled():
        demo.demo_load(stdout=StringIO())
        yield


def test_demo_holds_programmes_in_both_regions(coaching_demo):
    assert set(Programme.unscoped.values_list("region__code", flat=True)) == {"35.09", "15.03"}


def test_demo_programmes_have_sessions_in_districts_of_their_region(coaching_demo):
    for programme in Programme.unscoped.all():
        assert all(session.district.parent_id == programme.region_id for session in programme.sessions.all())


def test_demo_participants_come_from_their_region_register(coaching_demo):
    assert all(p.enterprise.region_id == p.programme.region_id for p in Participant.unscoped.all())


def test_demo_nibs_obtained_are_in_the_register(coaching_demo):
    outcomes = Outcome.unscoped.filter(type=Outcome.Type.NIB_OBTAINED)
    assert outcomes.exists()
    assert all(Licence.unscoped.get(pk=o.licence_id).number == o.reference for o in outcomes)


def test_demo_runs_once(coaching_demo):
    count = Programme.unscoped.count()
    with scopes_disabled():
        demo.demo_load(stdout=StringIO())
    assert Programme.unscoped.count() == count
