from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django_scopes import scopes_disabled

from sahabat.accounts.actor import Actor
from sahabat.indicators import demo, selectors
from sahabat.indicators.computations import COMPUTATIONS
from sahabat.indicators.models import Indicator
from sahabat.indicators.pace import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators_demo(jember, sarolangun):
    with scopes_disabled():
        demo.demo_load(stdout=StringIO())


def test_demo_road_reached_1200_of_1900_km_by_the_end_of_2021(indicators_demo):
    road = Indicator.unscoped.get(region__code="35.09", name="Jalan rusak yang diperbaiki")
    target = road.targets.get()
    progress = selectors.target_progress(
        actor=Actor.system(), indicator=road, target=target, today=date(2022, 1, 1)
    )
    assert (target.period_start, target.period_end, target.target) == (
        date(2021, 5, 1),
        date(2021, 12, 31),
        1200,
    )
    assert (progress.value, progress.status) == (Decimal(1200), Status.ON_TRACK)


def test_demo_road_has_eight_monthly_realisations(indicators_demo):
    road = Indicator.unscoped.get(region__code="35.09", name="Jalan rusak yang diperbaiki")
    assert road.realisations.count() == 8


def test_demo_computes_the_same_figures_for_both_regions(indicators_demo):
    computed = {
        code: set(
            Indicator.unscoped.filter(region__code=code, kind="computed").values_list(
                "computation", flat=True
            )
        )
        for code in ("35.09", "15.03")
    }
    assert {"nib_coverage", "umkm_count", "asn_purchases", "umk_procurement_planned"} <= computed[
        "35.09"
    ] & computed["15.03"]


def test_demo_computations_exist(indicators_demo):
    assert (
        set(Indicator.unscoped.exclude(computation="").values_list("computation", flat=True))
        <= COMPUTATIONS.keys()
    )


def test_demo_sarolangun_tracks_its_own_manual_indicators(indicators_demo):
    names = set(Indicator.unscoped.filter(region__code="15.03", kind="manual").values_list("name", flat=True))
    assert "UMKM naik kelas" in names


def test_demo_has_a_lower_is_better_indicator(indicators_demo):
    assert Indicator.unscoped.filter(direction="lower").exists()


def test_demo_runs_once(indicators_demo):
    count = Indicator.unscoped.count()
    with scopes_disabled():
        demo.demo_load(stdout=StringIO())
    assert Indicator.unscoped.count() == count
