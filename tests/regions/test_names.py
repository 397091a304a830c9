"""normalize_region_name: one form for the many ways a district or village name is written."""

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sahabat.regions.selectors import normalize_region_name

# What Dinas spreadsheets contain: Latin letters, digits and the punctuation of real names.
names = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-'/()", max_size=40)
district_prefixes = st.sampled_from(["Kec. ", "Kecamatan ", "KEC ", "kec.", "Kec . "])
village_prefixes = st.sampled_from(["Desa ", "Ds. ", "Kel. ", "Kelurahan ", "KELURAHAN ", "desa."])


@pytest.mark.parametrize(
    ("name", "normalized"),
    [
        ("Kec. Sumbersari", "sumbersari"),
        ("Kecamatan Sumbersari", "sumbersari"),
        ("SUMBERSARI", "sumbersari"),
        ("sumbersari ", "sumbersari"),
        ("Kel. Kebonsari", "kebonsari"),
        ("Kelurahan  Kebon   Sari", "kebon sari"),
        ("Desa Lawe Sigala-Gala", "lawe sigala gala"),
        ("Ma'u", "mau"),
        ("Regapu’u", "regapuu"),
        ("Kota Agung", "kota agung"),
        ("Kelurahan", "kelurahan"),
    ],
)
def test_examples(name, normalized):
    assert normalize_region_name(name) == normalized


@given(st.text())
def test_normalizing_twice_changes_nothing(name):
    assert normalize_region_name(normalize_region_name(name)) == normalize_region_name(name)


@given(names)
def test_result_is_lower_case_words_with_single_spaces(name):
    normalized = normalize_region_name(name)
    assert normalized == " ".join(normalized.split())
    assert normalized == normalized.lower()


@given(names, district_prefixes)
def test_district_prefixes_do_not_matter(name, prefix):
    assume(normalize_region_name(name))
    assert normalize_region_name(prefix + name) == normalize_region_name(name)


@given(names, village_prefixes)
def test_village_prefixes_do_not_matter(name, prefix):
    assume(normalize_region_name(name))
    assert normalize_region_name(prefix + name) == normalize_region_name(name)


@given(names)
def test_case_and_surrounding_space_do_not_matter(name):
    assert normalize_region_name(f"  {name.upper()}\t") == normalize_region_name(name)
