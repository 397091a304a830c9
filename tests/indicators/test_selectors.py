from datetime import date
from decimal import Decimal

import pytest

from sahabat.indicators import selectors
from sahabat.indicators.models import Indicator
from sahabat.indicators.pace import Status
from sahabat.indicators.selectors import IndicatorFilters, checkpoints, current_target
from tests.coaching.factories import OutcomeFactory, ParticipantFactory, ProgrammeFactory
from tests.indicators.factories import IndicatorFactory, RealisationFactory, TargetFactory
from tests.registry.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

ROAD_MONTHS = (95, 230, 390, 540, 700, 860, 1030, 1200)


@pytest.fixture
def road_realised(road):
    for day, km in zip(checkpoints(date(2021, 5, 1), date(2021, 12, 31)), ROAD_MONTHS, strict=True):
        RealisationFactory(indicator=road, measured_on=day, value=Decimal(km))
    return road


def _progress(actor, indicator, today):
    target = indicator.targets.get()
    return selectors.target_progress(actor=actor, indicator=indicator, target=target, today=today)


def test_checkpoints_are_month_ends_and_the_last_day():
    assert checkpoints(date(2024, 1, 15), date(2024, 3, 10)) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 10),
    ]


def test_manual_value_is_the_latest_realisation_of_the_period(officer, road_realised):
    value, day = selectors.indicator_value(
        actor=officer, indicator=road_realised, since=date(2021, 5, 1), until=date(2021, 9, 15)
    )
    assert (value, day) == (Decimal(540), date(2021, 8, 31))


def test_realisation_before_the_period_does_not_count(officer, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 4, 30), value=Decimal(80))
    assert _progress(officer, road, date(2021, 5, 20)).status == Status.NO_DATA


def test_road_reached_its_target_at_the_end_of_2021(officer, road_realised):
    progress = _progress(officer, road_realised, date(2024, 1, 1))
    assert (progress.as_of, progress.value, progress.status, progress.pace_percent, progress.is_final) == (
        date(2021, 12, 31),
        Decimal(1200),
        Status.ON_TRACK,
        Decimal(100),
        True,
    )


def test_road_in_august_was_at_risk(officer, road_realised):
    progress = _progress(officer, road_realised, date(2021, 9, 1))
    assert (progress.value, progress.status) == (Decimal(540), Status.AT_RISK)


def test_target_not_started_yet(officer, road):
    assert _progress(officer, road, date(2021, 1, 1)).status == Status.NOT_STARTED


def test_current_target_is_the_running_one(road):
    earlier = TargetFactory(indicator=road, period_start=date(2020, 1, 1), period_end=date(2020, 12, 31))
    later = TargetFactory(indicator=road, period_start=date(2022, 1, 1), period_end=date(2022, 12, 31))
    targets = list(road.targets.all())
    assert (
        current_target(targets, date(2021, 6, 1)).period_start,
        current_target(targets, date(2023, 6, 1)),
        current_target(targets, date(2019, 6, 1)),
    ) == (date(2021, 5, 1), later, earlier)


def test_no_target_means_no_current_target():
    assert current_target([], date(2021, 6, 1)) is None


def test_series_has_the_pace_every_month_and_realisations_up_to_today(officer, road_realised):
    target = road_realised.targets.get()
    series = selectors.progress_series(
        actor=officer, indicator=road_realised, target=target, today=date(2021, 8, 15)
    )
    # August is read on the 15th, when July's 390 km was still the latest report.
    assert [point.value for point in series] == [95, 230, 390, 390, None, None, None, None]
    assert series[-1].expected == Decimal(1200)


def test_series_leaves_a_gap_for_a_month_without_a_value(officer, road):
    RealisationFactory(indicator=road, measured_on=date(2021, 6, 30), value=Decimal(230))
    series = selectors.progress_series(
        actor=officer, indicator=road, target=road.targets.get(), today=date(2021, 7, 1)
    )
    assert [point.value for point in series[:3]] == [None, Decimal(230), Decimal(230)]


def test_series_of_a_flow_is_read_month_by_month(officer, jember):
    indicator = IndicatorFactory(region=jember, kind="computed", computation="coaching_outcomes", unit="UMKM")
    target = TargetFactory(
        indicator=indicator, period_start=date(2024, 3, 1), period_end=date(2024, 5, 31), target=Decimal(10)
    )
    programme = ProgrammeFactory(region=jember)
    for day in (date(2024, 3, 10), date(2024, 4, 2), date(2024, 4, 20)):
        OutcomeFactory(participant=ParticipantFactory(programme=programme), achieved_on=day)
    series = selectors.progress_series(
        actor=officer, indicator=indicator, target=target, today=date(2024, 9, 1)
    )
    assert [point.value for point in series] == [1, 3, 3]


def test_series_of_a_snapshot_has_only_todays_point(officer, jember):
    EnterpriseFactory(region=jember, owner=None)
    indicator = IndicatorFactory(region=jember, kind="computed", computation="umkm_count", unit="UMKM")
    target = TargetFactory(
        indicator=indicator, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31), target=Decimal(10)
    )
    series = selectors.progress_series(
        actor=officer, indicator=indicator, target=target, today=date(2024, 3, 15)
    )
    assert [point.value for point in series[:4]] == [None, None, Decimal(1), None]


def test_overview_counts_statuses_before_filtering(officer, jember, road_realised):
    IndicatorFactory(region=jember, name="Tanpa target")
    behind = IndicatorFactory(region=jember, name="Tertinggal")
    TargetFactory(indicator=behind, period_start=date(2021, 1, 1), period_end=date(2021, 12, 31))
    RealisationFactory(indicator=behind, measured_on=date(2021, 12, 31), value=Decimal(10))
    rows, counts = selectors.indicator_overview(
        actor=officer, region=jember, filters=IndicatorFilters(status=Status.BEHIND), today=date(2022, 1, 1)
    )
    assert [row.indicator.name for row in rows] == ["Tertinggal"]
    assert dict((status, count) for status, _label, count in counts)[Status.ON_TRACK] == 1


def test_indicator_list_leaves_out_other_regions(officer, jember, sarolangun):
    IndicatorFactory(region=sarolangun)
    assert not selectors.indicator_list(actor=officer, region=jember).exists()


def test_indicator_list_filters_by_kind(officer, jember, road):
    IndicatorFactory(region=jember, kind=Indicator.Kind.COMPUTED, computation="umkm_count", name="UMKM")
    filters = IndicatorFilters(kind=Indicator.Kind.COMPUTED)
    assert [i.name for i in selectors.indicator_list(actor=officer, region=jember, filters=filters)] == [
        "UMKM"
    ]
