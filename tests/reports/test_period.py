"""The month a report is asked for, as typed or sent by the month picker."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahabat.reports.content import Period


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=12))
def test_a_month_written_as_year_month_reads_back_to_the_same_code(year, month):
    assert Period.parse(f"{year:04d}-{month:02d}").code == f"{year:04d}-{month:02d}"


@given(st.text(max_size=12))
def test_any_text_is_a_month_or_refused_with_a_value_error(text):
    try:
        period = Period.parse(text)
    except ValueError:
        return
    assert period.start.day == 1


@pytest.mark.parametrize("text", ["2023-13", "2023-00", "08-2023", "2023/08", "Agustus 2023", ""])
def test_what_is_not_a_month_is_refused(text):
    with pytest.raises(ValueError):
        Period.parse(text)


def test_a_month_ends_on_its_last_day_leap_years_included():
    assert Period.parse("2024-02").end == date(2024, 2, 29)


def test_the_month_before_january_is_december_of_the_year_before():
    assert Period.parse("2024-01").previous() == Period.parse("2023-12")
