from datetime import date
from io import StringIO

import pytest
from django.db.models import Sum
from django_scopes import scopes_disabled

from sahabat.accounts.demo import demo_logins
from sahabat.accounts.models import ApiToken, Membership
from sahabat.accounts.permissions import Role
from sahabat.events import demo
from sahabat.events.models import BoothTotal, Event, GateHourly, Participation

pytestmark = pytest.mark.django_db


@pytest.fixture
def carnival_demo(register, monkeypatch):
    """The events demo on a small register, with a small history so that the test stays quick."""
    monkeypatch.setattr(demo, "DEMO_BOOTHS", 6)
    monkeypatch.setattr(demo, "DEMO_PENDING_INVITATIONS", 1)
    monkeypatch.setattr(demo, "DEMO_HISTORY_SCALE", 0.0001)
    with scopes_disabled():
        demo.demo_load(stdout=StringIO())
        yield Event.objects.get(name=demo.CARNIVAL_NAME)


def test_demo_holds_the_carnival_with_its_targets_and_dates(carnival_demo):
    assert (
        carnival_demo.target_visitors,
        carnival_demo.target_turnover,
        carnival_demo.main_start,
        carnival_demo.main_end,
        carnival_demo.window_start,
        carnival_demo.window_end,
        carnival_demo.status,
    ) == (
        1_000_000,
        500_000_000_000,
        date(2023, 8, 4),
        date(2023, 8, 6),
        date(2023, 7, 28),
        date(2023, 8, 13),
        Event.Status.PUBLISHED,
    )


def test_demo_approves_sarolangun_enterprises_at_the_carnival(carnival_demo):
    assert Participation.objects.filter(
        event=carnival_demo, status=Participation.Status.APPROVED, enterprise__region__code="15.03"
    ).exists()


def test_demo_leaves_some_invitations_to_decide(carnival_demo):
    assert Participation.objects.filter(event=carnival_demo, status=Participation.Status.INVITED).count() == 1


def test_demo_history_adds_up_to_the_scaled_targets(carnival_demo):
    turnover = BoothTotal.objects.filter(event=carnival_demo).aggregate(total=Sum("turnover"))["total"]
    visitors = GateHourly.objects.filter(event=carnival_demo).aggregate(total=Sum("visitors"))["total"]
    assert (turnover, visitors) == (50_000_000, 100)


def test_demo_gives_the_carnival_a_device_token(carnival_demo):
    assert ApiToken.objects.filter(event=carnival_demo, role=Role.BOOTH_CASHIER, revoked_at=None).count() == 1


def test_demo_cashier_records_sales_in_jember(carnival_demo):
    membership = Membership.objects.get(user__username="jember.kasir")
    assert (membership.region.code, membership.role) == ("35.09", Role.BOOTH_CASHIER)


def test_demo_cashier_is_among_the_demo_logins():
    assert "jember.kasir" in dict(demo_logins())


def test_loading_the_demo_again_leaves_the_carnival_as_it_is(carnival_demo):
    demo.demo_load(stdout=StringIO())
    assert Event.objects.filter(name=demo.CARNIVAL_NAME).count() == 1
