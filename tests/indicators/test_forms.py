from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sahabat.core.money import number
from sahabat.indicators.forms import parse_figure


@pytest.mark.parametrize(
    ("typed", "figure"),
    [
        ("1.200", Decimal(1200)),
        ("12,5", Decimal("12.5")),
        ("1.234.567,89", Decimal("1234567.89")),
        ("1,234.5", Decimal("1234.5")),
        ("1.5", Decimal("1.5")),
        ("75 %", Decimal(75)),
        ("-3", Decimal(-3)),
        ("1,200,000", Decimal(1200000)),
    ],
)
def test_figures_are_read_the_indonesian_way(typed, figure):
    assert parse_figure(typed) == figure


def test_blank_is_no_figure():
    assert parse_figure("  ") is None


@pytest.mark.parametrize("typed", ["banyak", "1.2.3", "1e5", "12,5,6.7"])
def test_what_is_not_a_figure_is_refused(typed):
    with pytest.raises(ValidationError) as caught:
        parse_figure(typed)
    assert caught.value.code == "figure.invalid"


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_a_figure_written_the_indonesian_way_reads_back(value):
    assert parse_figure(number(value, fraction_digits=2)) == value
