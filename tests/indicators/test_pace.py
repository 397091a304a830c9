from datetime import date
from decimal import Decimal

import pytest

from sahabat.indicators.pace import Status, elapsed_share, expected_value, pace, pace_status

MAY, DECEMBER = date(2021, 5, 1), date(2021, 12, 31)


def _road(realised, as_of, *, direction="higher", baseline=0, target=1200):
    return pace(
        realised=None if realised is None else Decimal(realised),
        baseline=Decimal(baseline),
        target=Decimal(target),
        start=MAY,
        end=DECEMBER,
        as_of=as_of,
        direction=direction,
    )


def test_elapsed_share_counts_both_ends_of_the_period():
    assert elapsed_share(date(2021, 1, 1), date(2021, 1, 10), date(2021, 1, 1)) == Decimal("0.1")


def test_elapsed_share_is_whole_on_the_last_day_and_after():
    assert elapsed_share(MAY, DECEMBER, DECEMBER) == elapsed_share(MAY, DECEMBER, date(2022, 3, 1)) == 1


def test_elapsed_share_is_nothing_before_the_start():
    assert elapsed_share(MAY, DECEMBER, date(2021, 4, 30)) == 0


def test_expected_value_runs_from_the_baseline_to_the_target():
    halfway = date(2021, 1, 1) + (date(2021, 1, 10) - date(2021, 1, 1)) // 2
    assert expected_value(
        baseline=Decimal(60), target=Decimal(20), start=date(2021, 1, 1), end=date(2021, 1, 10), as_of=halfway
    ) == Decimal(40)


def test_on_pace_is_on_track():
    assert _road(1200, DECEMBER).status == Status.ON_TRACK


def test_at_least_85_percent_of_the_pace_is_at_risk():
    assert pace_status(realised=Decimal(85), expected=Decimal(100), direction="higher") == (
        Status.AT_RISK,
        Decimal("0.85"),
    )


def test_below_85_percent_of_the_pace_is_behind():
    assert (
        pace_status(realised=Decimal("84.9"), expected=Decimal(100), direction="higher")[0] == Status.BEHIND
    )


def test_lower_is_better_is_on_track_at_or_below_the_pace():
    assert pace_status(realised=Decimal(30), expected=Decimal(40), direction="lower")[0] == Status.ON_TRACK


def test_lower_is_better_inverts_the_ratio():
    assert pace_status(realised=Decimal(44), expected=Decimal(40), direction="lower") == (
        Status.AT_RISK,
        Decimal(40) / Decimal(44),
    )


def test_lower_is_better_far_above_the_pace_is_behind():
    assert pace_status(realised=Decimal(60), expected=Decimal(40), direction="lower")[0] == Status.BEHIND


def test_lower_is_better_at_zero_is_on_track_without_dividing_by_zero():
    assert pace_status(realised=Decimal(0), expected=Decimal(40), direction="lower") == (
        Status.ON_TRACK,
        None,
    )


def test_nothing_expected_yet_does_not_divide_by_zero():
    assert pace_status(realised=Decimal(0), expected=Decimal(0), direction="higher") == (
        Status.ON_TRACK,
        None,
    )


def test_below_a_zero_expectation_is_behind_without_a_ratio():
    assert pace_status(realised=Decimal(-5), expected=Decimal(0), direction="higher") == (Status.BEHIND, None)


def test_no_realisation_is_no_data():
    assert _road(None, date(2021, 8, 31)).status == Status.NO_DATA


def test_before_the_period_it_has_not_started():
    assert _road(None, date(2021, 4, 1)).status == Status.NOT_STARTED


@pytest.mark.parametrize(
    ("realised", "as_of", "status"),
    [
        (95, date(2021, 5, 31), Status.BEHIND),
        (540, date(2021, 8, 31), Status.AT_RISK),
        (1030, date(2021, 11, 30), Status.AT_RISK),
        (1200, date(2021, 12, 31), Status.ON_TRACK),
    ],
)
def test_jember_road_months(realised, as_of, status):
    assert _road(realised, as_of).status == status
