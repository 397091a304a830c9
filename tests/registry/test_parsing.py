"""Parsers for messy spreadsheet cells: money, counts, identifiers, text, RT/RW, rows, years and dates."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from babel.dates import format_date
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from sahabat.core.money import number, rupiah
from sahabat.registry.parsing import (
    FORMULA_TRIGGERS,
    clean_text,
    is_blank_row,
    is_total_row,
    neutralise_for_spreadsheet,
    parse_date,
    parse_digits,
    parse_int,
    parse_rt_rw,
    parse_rupiah,
    parse_year,
    refuse_formula,
)


def error_code(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.code


# Rupiah ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Rp 1.500.000", 1_500_000),
        ("Rp1.500.000,00", 1_500_000),
        ("Rp. 1.500.000,-", 1_500_000),
        ("1500000", 1_500_000),
        (1500000.0, 1_500_000),
        (1_500_000, 1_500_000),
        (Decimal("1500000.00"), 1_500_000),
        ("1.500", 1_500),
        ("IDR 1,500,000.00", 1_500_000),
        ("1,5 jt", 1_500_000),
        ("1.5 juta", 1_500_000),
        ("1,25 jt.", 1_250_000),
        ("500 rb", 500_000),
        ("500 ribu", 500_000),
        ("500k", 500_000),
        ("2 M", 2_000_000_000),
        ("2 m", 2_000_000_000),
        ("2 miliar", 2_000_000_000),
        ("2 milyar", 2_000_000_000),
        ("2,5 M", 2_500_000_000),
        ("1 T", 1_000_000_000_000),
        ("1 triliun", 1_000_000_000_000),
        ("10 juta rupiah", 10_000_000),
        ("Rp\u00a01.500.000", 1_500_000),
        (0, 0),
        # =A1*1.1 in Excel carries float noise; it is still a whole rupiah amount.
        (1650000.0000000002, 1_650_000),
    ],
)
def test_parse_rupiah_reads_the_ways_staff_write_money(value, expected):
    assert parse_rupiah(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "-", "–", "—"])
def test_parse_rupiah_of_an_empty_cell_is_none(value):
    assert parse_rupiah(value) is None


@pytest.mark.parametrize("value", ["-500", "Rp -1.500.000", "(500)", -1, -0.5, "\u2212500"])
def test_parse_rupiah_refuses_negative_money(value):
    assert error_code(parse_rupiah, value) == "rupiah.negative"


@pytest.mark.parametrize(
    "value",
    ["abc", "Rp", "1.5.00", "1.50.000", "2 mio", "1,5,00.0", "12/08", True, float("nan"), date(2023, 1, 1)],
)
def test_parse_rupiah_refuses_garbage(value):
    assert error_code(parse_rupiah, value) == "rupiah.invalid"


@pytest.mark.parametrize("value", ["1,500", "1500000,5", 1500000.5, "1,2345678 jt"])
def test_parse_rupiah_refuses_fractions_of_a_rupiah(value):
    assert error_code(parse_rupiah, value) == "rupiah.fraction"


def test_parse_rupiah_refuses_an_amount_beyond_64_bits():
    assert error_code(parse_rupiah, "10000000 T") == "rupiah.too_large"


def test_parse_rupiah_message_is_indonesian():
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        parse_rupiah("-500")
    assert caught.value.messages == ["Nilai uang tidak boleh negatif."]


amounts = st.integers(min_value=0, max_value=10**15)


@given(amounts)
def test_parse_rupiah_reads_plain_digits(amount):
    assert parse_rupiah(str(amount)) == amount


@given(amounts)
def test_parse_rupiah_reads_money_formatted_the_indonesian_way(amount):
    assert parse_rupiah(rupiah(amount)) == amount
    assert parse_rupiah(number(amount)) == amount


@given(amounts)
def test_parse_rupiah_reads_an_excel_float(amount):
    assert parse_rupiah(float(amount)) == amount


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["rb", "jt", "juta", "M", "miliar"]))
def test_parse_rupiah_multiplies_by_the_unit(amount, unit):
    multiplier = {"rb": 10**3, "jt": 10**6, "juta": 10**6, "M": 10**9, "miliar": 10**9}[unit]
    assert parse_rupiah(f"{amount} {unit}") == amount * multiplier


# Counts ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (12, 12),
        (12.0, 12),
        ("12 orang", 12),
        ("12orang", 12),
        ("3 tenaga kerja", 3),
        ("1.200", 1200),
    ],
)
def test_parse_int_reads_counts(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize("value", [None, "", "-"])
def test_parse_int_of_an_empty_cell_is_none(value):
    assert parse_int(value) is None


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("-3", "number.negative"),
        (-3, "number.negative"),
        ("12,5", "number.not_whole"),
        (12.5, "number.not_whole"),
        ("dua belas", "number.invalid"),
        ("12-15", "number.invalid"),
        (True, "number.invalid"),
    ],
)
def test_parse_int_refuses_what_is_not_a_count(value, code):
    assert error_code(parse_int, value) == code


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_int_reads_its_own_text_with_or_without_a_unit(count):
    assert parse_int(str(count)) == count
    assert parse_int(f"{count} orang") == count


# Identifiers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3509012301900012", "3509012301900012"),
        ("'3509012301900012", "3509012301900012"),
        (" 3509 0123 0190 0012 ", "3509012301900012"),
        ("3509.0123.0190.0012", "3509012301900012"),
        ("3509-0123-0190-0012", "3509012301900012"),
        (3509012301900012, "3509012301900012"),
        (3509012301900012.0, "3509012301900012"),
        ("3509012301900012.0", "3509012301900012"),
    ],
)
def test_parse_digits_reads_an_identifier_written_as_text_or_number(value, expected):
    assert parse_digits(value, length=16, field_code="nik") == expected


def test_parse_digits_puts_back_the_leading_zeros_a_number_cell_dropped():
    assert parse_digits(220000123456, length=13, field_code="nib") == "0220000123456"


@pytest.mark.parametrize(
    "value",
    [
        "3,50912E+15",
        "3.50912E+15",
        "3.50912e15",
        "3,50901E+15",
        3.50912e15,
        # Excel keeps 15 digits: 3509012301900012 typed into a number cell is stored as ...010.
        3509012301900010.0,
        3509012301900010,
        # A float above 2**53 cannot hold every digit of an 18-digit NIP.
        198609262015051001.0,
        float("inf"),
    ],
)
def test_parse_digits_refuses_a_number_excel_put_in_scientific_notation(value):
    assert error_code(parse_digits, value, length=16, field_code="nik") == "identifier.scientific_notation"


def test_scientific_notation_message_says_digits_were_lost():
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        parse_digits("3,50912E+15", length=16, field_code="nik")
    assert "notasi ilmiah" in caught.value.messages[0]
    assert "hilang" in caught.value.messages[0]


@pytest.mark.parametrize(
    "value", ["350901230190001", "35090123019000123", "3509O12301900012", 3509012301900012.5]
)
def test_parse_digits_refuses_the_wrong_number_of_digits_with_the_field_code(value):
    assert error_code(parse_digits, value, length=16, field_code="nik") == "nik.length"


def test_parse_digits_message_names_the_identifier():
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        parse_digits("123", length=15, field_code="pirt", label="P-IRT")
    assert caught.value.messages == ["P-IRT harus tepat 15 digit angka."]


@pytest.mark.parametrize("value", [None, "", " ", "-", "'"])
def test_parse_digits_of_an_empty_cell_is_none(value):
    assert parse_digits(value, length=16, field_code="nik") is None


@given(
    st.text(alphabet="0123456789", min_size=16, max_size=16),
    st.lists(st.sampled_from([" ", ".", "-"]), min_size=16, max_size=16),
)
def test_parse_digits_ignores_separators_between_digits(digits, separators):
    text = "".join(digit + separator for digit, separator in zip(digits, separators, strict=True))
    assert parse_digits(text, length=16, field_code="nik") == digits


@given(st.integers(min_value=1, max_value=10**13 - 1))
def test_parse_digits_reads_a_number_cell_back_to_its_zero_padded_digits(value):
    assert parse_digits(value, length=13, field_code="nib") == f"{value:013d}"


# Text ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  Toko   Budi  ", "Toko Budi"),
        ("'Toko Budi", "Toko Budi"),
        ("Toko\u00a0Budi\nJaya\t", "Toko Budi Jaya"),
        ("Toko\u200bBudi", "TokoBudi"),
        (None, ""),
        (12.0, "12"),
        (12, "12"),
    ],
)
def test_clean_text_strips_collapses_and_drops_the_excel_apostrophe(value, expected):
    assert clean_text(value) == expected


@given(st.text())
def test_clean_text_is_idempotent_and_has_no_stray_whitespace(value):
    cleaned = clean_text(value)
    assert clean_text(cleaned) == cleaned or cleaned.startswith("'")
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil.example","klik")',
        "=1+1",
        "= SUM(A1:A3)",
        "+SUM(A1:A3)",
        "-SUM(A1:A3)",
        "@SUM(A1:A3)",
        "-2+3+cmd|' /C calc'!A0",
        '\'=HYPERLINK("x")',
        "  =cmd|' /C calc'!A0",
        '\uff1dHYPERLINK("x")',
    ],
)
def test_refuse_formula_refuses_text_a_spreadsheet_would_run(value):
    assert error_code(refuse_formula, value) == "text.formula"


@pytest.mark.parametrize(
    "value",
    ["+62 812 3456 7890", "-", "- Bakso kuah", "@tokobudi", "-500", "Toko = Rumah", "Bakso (kuah)", "="],
)
def test_refuse_formula_accepts_ordinary_text(value):
    assert refuse_formula(value) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+62812", "'+62812"),
        ("-500", "'-500"),
        ("@tokobudi", "'@tokobudi"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Toko Budi", "Toko Budi"),
        ("", ""),
    ],
)
def test_neutralise_for_spreadsheet_prefixes_a_quote_before_formula_characters(value, expected):
    assert neutralise_for_spreadsheet(value) == expected


@given(st.text())
def test_neutralised_text_never_starts_a_formula_and_neutralising_twice_changes_nothing(value):
    once = neutralise_for_spreadsheet(value)
    assert not once.startswith(FORMULA_TRIGGERS)
    assert neutralise_for_spreadsheet(once) == once


@given(st.text().filter(lambda text: not text.startswith(FORMULA_TRIGGERS)))
def test_neutralise_leaves_safe_text_alone(value):
    assert neutralise_for_spreadsheet(value) == value


# RT/RW -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("RT 1 RW 2", ("001", "002")),
        ("RT 001 / RW 002", ("001", "002")),
        ("RT/RW 001/002", ("001", "002")),
        ("rt/rw: 1/2", ("001", "002")),
        ("RT.01/RW.02", ("001", "002")),
        ("001/002", ("001", "002")),
        ("008/012", ("008", "012")),
        ("1/2", ("001", "002")),
        ("1-2", ("001", "002")),
        ("RW 2 RT 1", ("001", "002")),
        ("'001/002", ("001", "002")),
    ],
)
def test_parse_rt_rw_reads_the_ways_staff_write_it(value, expected):
    assert parse_rt_rw(value) == expected


@pytest.mark.parametrize("value", [None, "", "-"])
def test_parse_rt_rw_of_an_empty_cell_is_none(value):
    assert parse_rt_rw(value) is None


@pytest.mark.parametrize("value", ["RT 1", "000/002", "1/2/3", "1000/2", "Jl. Mawar 1/2", 1.2, 12])
def test_parse_rt_rw_refuses_what_is_not_an_rt_rw(value):
    assert error_code(parse_rt_rw, value) == "rt_rw.invalid"


@pytest.mark.parametrize("value", [date(2023, 2, 1), datetime(2023, 2, 1)])
def test_parse_rt_rw_refuses_an_rt_rw_excel_turned_into_a_date(value):
    assert error_code(parse_rt_rw, value) == "rt_rw.date"


@given(
    st.integers(1, 999),
    st.integers(1, 999),
    st.sampled_from(["RT {rt} RW {rw}", "RT {rt:03d} / RW {rw:03d}", "RT/RW {rt:03d}/{rw:03d}", "{rt}/{rw}"]),
)
def test_parse_rt_rw_zero_pads_both_numbers_to_three_digits(rt, rw, template):
    assert parse_rt_rw(template.format(rt=rt, rw=rw)) == (f"{rt:03d}", f"{rw:03d}")


# Rows ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", [[], [None, None], ["", "  ", None], ["-", None, "—"]])
def test_a_row_of_empty_cells_is_blank(row):
    assert is_blank_row(row)


@pytest.mark.parametrize("row", [[None, "Toko Budi"], [0], ["", 0.0]])
def test_a_row_with_a_value_is_not_blank(row):
    assert not is_blank_row(row)


@pytest.mark.parametrize(
    "row",
    [
        ["Jumlah", None, 12, 1500000.0],
        ["", "TOTAL", "", "Rp 15.000.000", 30],
        ["Total:", 5],
        ["Jml.", "1.250", "-"],
        [None, "Jumlah Total", "100%"],
        ["Grand Total", Decimal("5")],
    ],
)
def test_a_summary_row_is_a_total_row(row):
    assert is_total_row(row)


@pytest.mark.parametrize(
    "row",
    [
        ["Total Kopi", "Budi", 5],
        ["Toko Jumlah", 5],
        ["Jumlah", "Budi Santoso", 5],
        [None, 12, 30],
        [None, None],
        ["Jumlah", date(2023, 1, 1)],
    ],
)
def test_an_enterprise_row_is_not_a_total_row(row):
    assert not is_total_row(row)


# Years and dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023", 2023),
        (2023, 2023),
        (2023.0, 2023),
        ("Tahun 2023", 2023),
        ("th. 2023", 2023),
        (date(2020, 5, 1), 2020),
        (datetime(2019, 5, 1, 8), 2019),
    ],
)
def test_parse_year_reads_a_year(value, expected):
    assert parse_year(value) == expected


@pytest.mark.parametrize("value", ["23", "1850", "2201", "20233", "tahun lalu", 2023.5, True])
def test_parse_year_refuses_what_is_not_a_four_digit_year(value):
    assert error_code(parse_year, value) == "year.invalid"


@pytest.mark.parametrize(
    "value",
    [
        "17-08-2023",
        "17/08/2023",
        "17.08.2023",
        "17-8-2023",
        "2023-08-17",
        "2023-08-17 00:00:00",
        "17 Agustus 2023",
        "17 AGUSTUS 2023",
        "17 Agt 2023",
        "17 Agu 2023",
        "17-Aug-2023",
        "17 August 2023",
        "Kamis, 17 Agustus 2023",
        datetime(2023, 8, 17, 10, 30),
        date(2023, 8, 17),
    ],
)
def test_parse_date_reads_the_ways_staff_write_a_date(value):
    assert parse_date(value) == date(2023, 8, 17)


@pytest.mark.parametrize("value", [None, "", "-"])
def test_parse_date_of_an_empty_cell_is_none(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "value", ["31-02-2023", "08/17/2023", "17-08-23", "17 Agustusan 2023", "kemarin", 45155, "2023-13-01"]
)
def test_parse_date_refuses_what_is_not_a_date(value):
    assert error_code(parse_date, value) == "date.invalid"


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["dd-MM-y", "dd/MM/y", "y-MM-dd", "d MMMM y", "d MMM y", "EEEE, d MMMM y"]),
    st.sampled_from(["id", "en"]),
)
def test_parse_date_reads_any_date_formatted_by_babel(day, pattern, locale):
    assert parse_date(format_date(day, pattern, locale=locale)) == day
