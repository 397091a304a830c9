from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from sahabat.purchasing.commitment import SMALL_ENTERPRISE_FLOOR, Commitment


def _commitment(budget, reserved_value=0, reserved_realised=0):
    return Commitment(
        budget=budget,
        reserved_value=reserved_value,
        reserved_realised=reserved_realised,
        total_value=reserved_value,
        total_realised=reserved_realised,
    )


def test_shares_are_percentages_of_the_budget():
    commitment = _commitment(1_000_000_000, reserved_value=450_000_000, reserved_realised=300_000_000)
    assert (commitment.planned_share, commitment.realised_share) == (Decimal("45.00"), Decimal("30.00"))


def test_below_the_floor_is_flagged():
    commitment = _commitment(1_000_000_000, reserved_value=450_000_000, reserved_realised=300_000_000)
    assert not commitment.planned_below_floor
    assert commitment.realised_below_floor


def test_exactly_forty_percent_meets_the_floor():
    assert not _commitment(100, reserved_value=40, reserved_realised=40).realised_below_floor


def test_no_budget_gives_no_share_instead_of_dividing_by_zero():
    for budget in (None, 0):
        commitment = _commitment(budget, reserved_value=10)
        assert commitment.planned_share is None
        assert not commitment.planned_below_floor


def test_the_floor_is_forty_percent():
    assert SMALL_ENTERPRISE_FLOOR == 40


@given(st.integers(min_value=1, max_value=10**14), st.integers(min_value=0, max_value=10**14))
def test_share_is_never_negative_and_grows_with_the_reserved_value(budget, reserved):
    smaller, larger = (
        _commitment(budget, reserved_value=reserved),
        _commitment(budget, reserved_value=reserved + 1),
    )
    assert Decimal(0) <= smaller.planned_share <= larger.planned_share
