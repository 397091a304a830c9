"""The pure reader of the shipped Kemendagri files."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahabat.regions import data_source
from sahabat.regions.data_source import (
    compact_code,
    district_records,
    format_code,
    level_of,
    normalize_code,
    parent_code_of,
    regency_record,
    village_records,
)

bare_codes = st.from_regex(r"[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10}", fullmatch=True)


@pytest.mark.parametrize(
    ("digits", "dotted"),
    [("35", "35"), ("3509", "35.09"), ("350901", "35.09.01"), ("3509012001", "35.09.01.2001")],
)
def test_format_code_dots_each_level(digits, dotted):
    assert format_code(digits) == dotted


@given(bare_codes)
def test_compact_code_undoes_format_code(digits):
    assert compact_code(format_code(digits)) == digits


@given(bare_codes)
def test_format_code_undoes_compact_code(digits):
    dotted = format_code(digits)
    assert format_code(compact_code(dotted)) == dotted


@given(bare_codes)
def test_normalize_code_gives_the_dotted_form_for_either_form(digits):
    assert normalize_code(digits) == normalize_code(format_code(digits)) == format_code(digits)


@given(bare_codes)
def test_level_follows_the_number_of_digits(digits):
    assert level_of(format_code(digits)) == {2: 1, 4: 2, 6: 3, 10: 4}[len(digits)]


@given(st.text(alphabet="0123456789", max_size=12).filter(lambda digits: len(digits) not in (2, 4, 6, 10)))
def test_format_code_rejects_other_lengths(digits):
    with pytest.raises(ValueError):
        format_code(digits)


@pytest.mark.parametrize("code", ["", "35.9", "35..09", "35.09.", "3a09", "٣٥", "35.09.01.200"])
def test_normalize_code_rejects_malformed_codes(code):
    with pytest.raises(ValueError):
        normalize_code(code)


def test_parent_code_drops_the_last_segment():
    assert [parent_code_of(code) for code in ("35.09.01.2001", "35.09.01", "35.09", "35")] == [
        "35.09.01",
        "35.09",
        "35",
        None,
    ]


def test_regency_record_accepts_the_bare_code():
    assert regency_record("3509").name == "Kabupaten Jember"


@pytest.mark.parametrize("code", ["35", "35.09.01", "99.99", "jember"])
def test_regency_record_is_none_for_what_is_not_a_regency(code):
    assert regency_record(code) is None


def test_a_kota_is_a_city():
    assert regency_record("35.78").kind == "kota"


def test_timezone_offsets_become_zone_names():
    assert {regency_record(code).timezone for code in ("35.09", "51.03", "94.04")} == {
        "Asia/Jakarta",
        "Asia/Makassar",
        "Asia/Jayapura",
    }


def test_district_records_point_at_their_regency():
    jember = regency_record("35.09")
    assert {record.parent_code for record in district_records(jember)} == {"35.09"}


def test_village_kind_follows_the_code():
    kinds = {record.code: record.kind for record in village_records(regency_record("35.09"))}
    assert (kinds["35.09.21.1001"], kinds["35.09.01.2001"]) == ("kelurahan", "desa")


def test_desa_adat_are_desa():
    kinds = {record.code: record.kind for record in village_records(regency_record("91.03"))}
    assert kinds["91.03.01.3007"] == "desa"


def test_code_version_names_the_decree():
    assert data_source.CODE_VERSION == "Kepmendagri 300.2.2-2138/2025"
