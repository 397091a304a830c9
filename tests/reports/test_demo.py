"""The reports demo: a letterhead with a logo per region, Jember's monthly e-mail, idempotent."""

from io import StringIO

from sahabat.reports import demo
from sahabat.reports.models import Letterhead, Schedule


def test_the_demo_gives_each_region_a_letterhead_with_a_logo(jember, sarolangun):
    demo.demo_load(stdout=StringIO())
    assert all(letterhead.logo.name.endswith(".png") for letterhead in Letterhead.unscoped.all())
    assert Letterhead.unscoped.count() == 2


def test_running_the_demo_again_changes_nothing(jember, sarolangun):
    demo.demo_load(stdout=StringIO())
    demo.demo_load(stdout=StringIO())
    assert (Letterhead.unscoped.count(), Schedule.unscoped.count()) == (2, 1)
