"""The demo: the Sarolangun–Jember MoU of 5 August 2023, in force today, with its plan and practice."""

from datetime import date
from io import StringIO

import pytest
from django_scopes import scopes_disabled

from sahabat.accounts.demo import demo_load as accounts_demo
from sahabat.cooperation.demo import MOU_TITLE
from sahabat.cooperation.demo import demo_load as cooperation_demo
from sahabat.cooperation.models import ActionItem, Adoption, Agreement, Lifecycle, MonitoringReport
from sahabat.cooperation.selectors import cooperation_today


@pytest.fixture
def demo(jember, sarolangun):
    with scopes_disabled():
        accounts_demo(stdout=StringIO())
        cooperation_demo(stdout=StringIO())
    return Agreement.unscoped.get(title=MOU_TITLE)


def test_the_mou_of_5_august_2023_is_in_force(demo):
    assert demo.signed_on == date(2023, 8, 5)
    assert demo.lifecycle(cooperation_today()) == Lifecycle.ACTIVE


def test_the_pks_carries_out_the_mou(demo):
    assert list(demo.implementations.values_list("type", flat=True)) == ["pks"]


def test_the_plan_has_the_studi_tiru_visit_the_carnival_and_the_return_visit(demo):
    titles = " ".join(ActionItem.unscoped.values_list("title", flat=True))
    assert "studi tiru" in titles and "Jember Fashion Carnaval" in titles and "Kunjungan balasan" in titles


def test_sarolangun_adopts_jembers_practice(demo, jember, sarolangun):
    adoption = Adoption.unscoped.get()
    assert (adoption.practice.region, adoption.region) == (jember, sarolangun)


def test_the_monitoring_reports_are_final(demo):
    assert set(MonitoringReport.unscoped.values_list("status", flat=True)) == {"final"}


def test_running_the_demo_again_adds_nothing(demo):
    with scopes_disabled():
        cooperation_demo(stdout=StringIO())
    assert Agreement.unscoped.count() == 2


def test_the_demo_partner_dashboard_opens_for_a_sarolangun_officer(demo, client):
    from sahabat.accounts.models import User

    client.force_login(User.objects.get(username="sarolangun.officer"))
    assert client.get("/cooperation/partners/35.09/").status_code == 200
