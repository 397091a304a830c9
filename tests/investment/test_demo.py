from io import StringIO

import pytest
from django_scopes import scopes_disabled

from sahabat.investment import demo
from sahabat.investment.models import InvestmentProject, InvestorGathering, Lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def investment_demo(jember, sarolangun):
    with scopes_disabled():
        demo.demo_load(stdout=StringIO())


def test_demo_gathering_was_in_jakarta_in_2021(investment_demo):
    gathering = InvestorGathering.unscoped.get()
    assert (gathering.region.code, gathering.place.split(",")[0], gathering.held_on.year) == (
        "35.09",
        "Jakarta",
        2021,
    )


def test_demo_offers_coffee_tobacco_papuma_and_a_trade_centre(investment_demo):
    titles = " ".join(InvestmentProject.unscoped.filter(region__code="35.09").values_list("title", flat=True))
    assert all(word in titles for word in ("Kopi", "Tembakau", "Papuma", "Perdagangan"))


def test_demo_leads_stand_at_every_stage(investment_demo):
    assert set(Lead.unscoped.values_list("stage", flat=True)) == {
        "inquiry",
        "meeting",
        "loi",
        "agreement",
        "realised",
        "lost",
    }


def test_demo_leads_came_from_the_gathering(investment_demo):
    assert not Lead.unscoped.filter(gathering=None).exists()


def test_demo_lost_leads_record_how_far_they_got(investment_demo):
    assert not Lead.unscoped.filter(stage="lost", furthest_stage="inquiry").exists()


def test_demo_runs_once(investment_demo):
    with scopes_disabled():
        demo.demo_load(stdout=StringIO())
    assert InvestorGathering.unscoped.count() == 1
