import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahabat.registry.imports.columns import COLUMNS, IGNORE, field_for_header, header_key
from sahabat.registry.imports.services import auto_mapping


@pytest.mark.parametrize(
    "header", ["Nama Usaha", "NAMA_USAHA", "nama usaha:", "  Nama   Usaha ", "Nama UMKM"]
)
def test_business_name_header_variants_map_to_the_name(header):
    assert field_for_header(header) == "name"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("NIK_PEMILIK", "nik"),
        ("NAMA_PEMILIK", "owner_name"),
        ("JENIS_KELAMIN", "sex"),
        ("ALAMAT_USAHA", "address"),
        ("KECAMATAN", "district"),
        ("KELURAHAN_DESA", "village"),
        ("NO_HP", "phone"),
        ("NIB", "nib"),
        ("KBLI", "kbli"),
        ("SEKTOR_USAHA", "sector"),
        ("OMSET_PER_TAHUN", "annual_turnover"),
        ("ASET", "capital"),
        ("MODAL_USAHA", "capital"),
        ("JUMLAH_TENAGA_KERJA", "workers"),
    ],
)
def test_sidt_export_headers_are_known(header, field):
    assert field_for_header(header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("No. HP/WA", "phone"),
        ("RT/RW", "rt_rw"),
        ("Desa/Kelurahan", "village"),
        ("Kec.", "district"),
        ("Omzet per tahun", "annual_turnover"),
        ("Tenaga Kerja (L)", "workers_male"),
        ("Tenaga Kerja (P)", "workers_female"),
        ("Penyandang Disabilitas", "has_disability"),
        ("Skala Usaha", "reported_scale"),
        ("Tahun Berdiri", "founding_year"),
        ("Merk", "brand"),
        ("Kode Pos", "postal_code"),
        ("E-mail", "email"),
    ],
)
def test_common_dinas_headers_are_known(header, field):
    assert field_for_header(header) == field


def test_header_key_ignores_case_spaces_and_punctuation():
    assert header_key(" No. HP / WA ") == header_key("NO_HP_WA") == "nohpwa"


def test_row_number_column_is_ignored_not_unknown():
    assert field_for_header("No.") == IGNORE


def test_unknown_header_is_not_guessed():
    assert field_for_header("Keterangan lain") is None


def test_a_field_named_twice_keeps_its_first_column():
    assert auto_mapping(["Nama Usaha", "NAMA_USAHA", "NIK"]) == {"0": "name", "2": "nik"}


@given(
    column=st.sampled_from(COLUMNS),
    separators=st.lists(st.sampled_from([" ", "_", ".", "/", "  ", "-", ": "]), min_size=1, max_size=6),
    upper=st.booleans(),
)
def test_any_spacing_punctuation_or_case_of_a_template_header_names_its_field(column, separators, upper):
    words = column.header.split()
    text = "".join(word + separators[index % len(separators)] for index, word in enumerate(words))
    assert field_for_header(text.upper() if upper else text) == column.field
