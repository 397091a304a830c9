from hypothesis import given
from hypothesis import strategies as st

from sahabat.core.money import number, percent, rupiah, rupiah_compact

AMOUNTS = st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1)


def test_rupiah_uses_dots_for_thousands():
    assert rupiah(1_250_000) == "Rp1.250.000"


def test_rupiah_keeps_the_sign_in_front():
    assert rupiah(-5_000) == "-Rp5.000"


def test_rupiah_of_zero():
    assert rupiah(0) == "Rp0"


@given(AMOUNTS)
def test_rupiah_round_trips_to_the_same_integer(amount):
    text = rupiah(amount)
    assert int(text.replace("Rp", "").replace(".", "")) == amount


@given(st.integers(min_value=0, max_value=10**15))
def test_rupiah_groups_every_three_digits(amount):
    groups = rupiah(amount).removeprefix("Rp").split(".")
    assert all(len(group) == 3 for group in groups[1:])
    assert 1 <= len(groups[0]) <= 3


def test_compact_names_the_miliar():
    assert rupiah_compact(500_000_000_000) == "Rp500 miliar"


def test_compact_shows_one_decimal_with_a_comma():
    assert rupiah_compact(1_500_000) == "Rp1,5 juta"


def test_compact_of_a_negative_amount():
    assert rupiah_compact(-2_000_000_000_000) == "-Rp2 triliun"


@given(st.integers(min_value=1_000_000, max_value=10**15))
def test_compact_always_names_a_unit_above_a_million(amount):
    assert rupiah_compact(amount).split(" ")[-1] in {"juta", "miliar", "triliun"}


def test_number_groups_with_dots():
    assert number(1_000_000) == "1.000.000"


def test_percent_uses_a_decimal_comma():
    assert percent(41.25, fraction_digits=2) == "41,25%"
