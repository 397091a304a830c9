"""Business scale per PP 7/2021 art. 35: capital or annual sales."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from sahabat.registry.scale import CURRENT_RULE, SCALE_RULES, Scale, scale_compute

MILIAR = 1_000_000_000
ORDER = list(Scale)


@pytest.mark.parametrize(
    ("capital", "expected"),
    [
        (0, Scale.MICRO),
        (1 * MILIAR, Scale.MICRO),
        (1 * MILIAR + 1, Scale.SMALL),
        (5 * MILIAR, Scale.SMALL),
        (5 * MILIAR + 1, Scale.MEDIUM),
        (10 * MILIAR, Scale.MEDIUM),
        (10 * MILIAR + 1, Scale.LARGE),
    ],
)
def test_scale_from_capital_alone_at_each_boundary(capital, expected):
    assert scale_compute(capital=capital, annual_sales=None) == expected


@pytest.mark.parametrize(
    ("annual_sales", "expected"),
    [
        (0, Scale.MICRO),
        (2 * MILIAR, Scale.MICRO),
        (2 * MILIAR + 1, Scale.SMALL),
        (15 * MILIAR, Scale.SMALL),
        (15 * MILIAR + 1, Scale.MEDIUM),
        (50 * MILIAR, Scale.MEDIUM),
        (50 * MILIAR + 1, Scale.LARGE),
    ],
)
def test_scale_from_annual_sales_alone_at_each_boundary(annual_sales, expected):
    assert scale_compute(capital=None, annual_sales=annual_sales) == expected


@pytest.mark.parametrize(
    ("capital", "annual_sales", "expected"),
    [
        (800_000_000, 20 * MILIAR, Scale.MICRO),
        (20 * MILIAR, 1 * MILIAR, Scale.MICRO),
        (3 * MILIAR, 40 * MILIAR, Scale.SMALL),
        (8 * MILIAR, 60 * MILIAR, Scale.MEDIUM),
        (11 * MILIAR, 51 * MILIAR, Scale.LARGE),
    ],
)
def test_meeting_either_criterion_of_a_scale_is_enough(capital, annual_sales, expected):
    assert scale_compute(capital=capital, annual_sales=annual_sales) == expected


def test_no_scale_without_capital_or_sales():
    assert scale_compute(capital=None, annual_sales=None) is None


@pytest.mark.parametrize(("capital", "annual_sales"), [(-1, None), (None, -1), (5, -5)])
def test_negative_money_is_a_programming_error(capital, annual_sales):
    with pytest.raises(ValueError, match="negative"):
        scale_compute(capital=capital, annual_sales=annual_sales)


def test_unknown_rule_version_is_a_programming_error():
    with pytest.raises(ValueError, match="UU-20-2008"):
        scale_compute(capital=1, annual_sales=None, rule_version="UU-20-2008")


def test_current_rule_is_pp_7_2021_with_its_citation():
    rule = SCALE_RULES[CURRENT_RULE]
    assert (rule.version, "PP 7/2021 art. 35" in rule.citation) == ("PP-7-2021", True)


@pytest.mark.parametrize("version", list(SCALE_RULES))
def test_every_rule_lists_micro_small_medium_with_rising_ceilings(version):
    ceilings = SCALE_RULES[version].ceilings
    assert [ceiling.scale for ceiling in ceilings] == [Scale.MICRO, Scale.SMALL, Scale.MEDIUM]
    assert [c.capital for c in ceilings] == sorted(c.capital for c in ceilings)
    assert [c.annual_sales for c in ceilings] == sorted(c.annual_sales for c in ceilings)


def test_scale_labels_are_translated_to_indonesian():
    with translation.override("id"):
        assert [str(scale.label) for scale in Scale] == ["Mikro", "Kecil", "Menengah", "Besar"]


money = st.integers(min_value=0, max_value=100 * MILIAR)
maybe_money = st.none() | money


@given(capital=money, more=money, annual_sales=maybe_money)
def test_scale_never_shrinks_when_capital_grows(capital, more, annual_sales):
    smaller = scale_compute(capital=capital, annual_sales=annual_sales)
    larger = scale_compute(capital=capital + more, annual_sales=annual_sales)
    assert ORDER.index(smaller) <= ORDER.index(larger)


@given(annual_sales=money, more=money, capital=maybe_money)
def test_scale_never_shrinks_when_sales_grow(annual_sales, more, capital):
    smaller = scale_compute(capital=capital, annual_sales=annual_sales)
    larger = scale_compute(capital=capital, annual_sales=annual_sales + more)
    assert ORDER.index(smaller) <= ORDER.index(larger)


@given(capital=money, annual_sales=money)
def test_scale_from_both_is_the_smaller_of_the_two_readings(capital, annual_sales):
    by_capital = scale_compute(capital=capital, annual_sales=None)
    by_sales = scale_compute(capital=None, annual_sales=annual_sales)
    both = scale_compute(capital=capital, annual_sales=annual_sales)
    assert both == min(by_capital, by_sales, key=ORDER.index)
