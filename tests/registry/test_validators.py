"""Identifier rules: NIK, NIB, KBLI, phone, licence numbers, NIP and masking."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st

from sahabat.regions.selectors import region_codes_cache_clear
from sahabat.registry.validators import (
    KBLI_VERSIONS,
    MASK,
    NikInfo,
    NipInfo,
    bpom_normalize,
    halal_normalize,
    licence_number_normalize,
    mask_identifier,
    nik_parse,
    nip_parse,
    phone_normalize,
    pirt_normalize,
    validate_kbli,
    validate_nib,
    validate_nik,
    validate_nip,
)

TODAY = date(2025, 11, 28)
JEMBER, SAROLANGUN = "35.09", "15.03"


@pytest.fixture(autouse=True)
def _fresh_region_codes():
    """Region codes are cached per process; read them from this test's database."""
    region_codes_cache_clear()
    yield
    region_codes_cache_clear()


def error_code(call, *args, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return caught.value.code


def make_nik(*, regency: str, district: int, birth: date, sex: str, serial: int) -> str:
    day = birth.day + (40 if sex == "F" else 0)
    return f"{regency.replace('.', '')}{district:02d}{day:02d}{birth:%m%y}{serial:04d}"


# NIK -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_nik_parse_reads_region_birth_date_and_sex_of_a_man():
    assert nik_parse("3509011708900012", today=TODAY) == NikInfo(
        nik="3509011708900012",
        province_code="35",
        regency_code="35.09",
        district_code="35.09.01",
        birth_date=date(1990, 8, 17),
        sex="M",
    )


@pytest.mark.django_db
def test_nik_of_a_woman_has_forty_added_to_the_day():
    info = nik_parse("3509015708900012", today=TODAY)
    assert (info.birth_date, info.sex) == (date(1990, 8, 17), "F")


@pytest.mark.django_db
def test_nik_from_sarolangun_is_accepted():
    assert nik_parse("1503027112850003", today=TODAY).regency_code == SAROLANGUN


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year_digits", "year"),
    [("25", 2025), ("26", 1926), ("00", 2000), ("99", 1999), ("24", 2024)],
)
def test_nik_two_digit_year_after_this_year_means_last_century(year_digits, year):
    assert nik_parse(f"3509010101{year_digits}0001", today=TODAY).birth_date.year == year


@pytest.mark.django_db
def test_nik_accepts_the_29th_of_february_of_a_leap_year():
    assert nik_parse("3509012902000012", today=TODAY).birth_date == date(2000, 2, 29)


@pytest.mark.django_db
def test_nik_born_today_is_not_in_the_future():
    assert nik_parse("3509012811250001", today=TODAY).birth_date == TODAY


@pytest.mark.django_db
def test_nik_without_today_uses_the_current_date():
    assert nik_parse("3509011708900012").birth_date == date(1990, 8, 17)


@pytest.mark.parametrize(
    "value",
    [
        "350901170890001",
        "35090117089000123",
        "35090117089O0012",
        "",
        "3509-0117-0890-0012",
        "３５０９０１１７０８９０００１２",
    ],
)
def test_nik_that_is_not_sixteen_digits_is_refused(value):
    assert error_code(nik_parse, value, today=TODAY) == "nik.length"


@pytest.mark.parametrize(
    "date_digits",
    [
        "000190",  # day 0
        "320190",  # day 32 for a man
        "400190",  # day 40: neither a man's nor a woman's day
        "720190",  # day 32 for a woman
        "011390",  # month 13
        "010090",  # month 0
        "290223",  # 29 February 2023
        "690223",  # 29 February 2023, woman
        "310490",  # 31 April
    ],
)
def test_nik_with_an_impossible_birth_date_is_refused(date_digits):
    assert error_code(nik_parse, f"350901{date_digits}0012", today=TODAY) == "nik.bad_date"


def test_nik_born_after_today_is_refused():
    assert error_code(nik_parse, "3509010112250012", today=TODAY) == "nik.future_birth_date"


def test_nik_with_serial_0000_is_refused():
    assert error_code(nik_parse, "3509011708900000", today=TODAY) == "nik.bad_serial"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["9999", "3500", "0000", "3599"])
def test_nik_from_an_unknown_regency_is_refused(prefix):
    assert error_code(nik_parse, f"{prefix}011708900012", today=TODAY) == "nik.unknown_region"


@pytest.mark.django_db
def test_validate_nik_accepts_a_valid_nik_and_refuses_an_invalid_one():
    assert validate_nik("3509011708900012") is None
    assert error_code(validate_nik, "3509011708900000") == "nik.bad_serial"


def test_nik_length_message_is_indonesian():
    with translation.override("id"), pytest.raises(ValidationError) as caught:
        nik_parse("123")
    assert caught.value.messages == ["NIK harus tepat 16 digit angka."]


nik_birth_dates = st.dates(min_value=date(1900 + TODAY.year % 100 + 1, 1, 1), max_value=TODAY)


@pytest.mark.django_db
@given(
    regency=st.sampled_from([JEMBER, SAROLANGUN]),
    district=st.integers(1, 99),
    birth=nik_birth_dates,
    sex=st.sampled_from(["M", "F"]),
    serial=st.integers(1, 9999),
)
def test_any_valid_nik_parses_back_to_its_parts(regency, district, birth, sex, serial):
    nik = make_nik(regency=regency, district=district, birth=birth, sex=sex, serial=serial)
    assert nik_parse(nik, today=TODAY) == NikInfo(
        nik=nik,
        province_code=regency[:2],
        regency_code=regency,
        district_code=f"{regency}.{district:02d}",
        birth_date=birth,
        sex=sex,
    )


@pytest.mark.django_db
@given(birth=nik_birth_dates)
def test_a_woman_and_a_man_born_the_same_day_differ_only_in_sex(birth):
    woman = nik_parse(make_nik(regency=JEMBER, district=1, birth=birth, sex="F", serial=1), today=TODAY)
    man = nik_parse(make_nik(regency=JEMBER, district=1, birth=birth, sex="M", serial=1), today=TODAY)
    assert (woman.birth_date, woman.sex, man.sex) == (man.birth_date, "F", "M")


# NIB and KBLI ----------------------------------------------------------------------------------------


def test_nib_of_thirteen_digits_is_accepted():
    assert validate_nib("9120001234567") is None


@pytest.mark.parametrize("value", ["912000123456", "91200012345678", "912000123456A", ""])
def test_nib_that_is_not_thirteen_digits_is_refused(value):
    assert error_code(validate_nib, value) == "nib.length"


@pytest.mark.parametrize(("code", "version"), [("10792", 2020), ("47111", 2025), ("10792", "2020")])
def test_kbli_code_with_a_known_version_is_accepted(code, version):
    assert validate_kbli(code, version) is None


@pytest.mark.parametrize("code", ["1079", "107921", "1079a", "", "10 79"])
def test_kbli_code_that_is_not_five_digits_is_refused(code):
    assert error_code(validate_kbli, code, 2020) == "kbli.format"


@pytest.mark.parametrize("version", [2015, 2009, 2024, "KBLI 2020", None])
def test_kbli_version_outside_2020_and_2025_is_refused(version):
    assert error_code(validate_kbli, "10792", version) == "kbli.version"


def test_kbli_versions_are_2020_and_2025():
    assert set(KBLI_VERSIONS) == {2020, 2025}


# Phone -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("+62 0812 3456 7890", "+6281234567890"),
        ("81234567890", "+6281234567890"),
        ("(0331) 123456", "+62331123456"),
        ("0331-123456", "+62331123456"),
        (" 0812 3456 7890 ", "+6281234567890"),
        ("+1 650 253 0000", "+16502530000"),
    ],
)
def test_phone_is_normalised_to_e164(value, expected):
    assert phone_normalize(value) == expected


@pytest.mark.parametrize("value", ["12345", "0812", "abc", "", "08-12", "0812345678901234"])
def test_invalid_phone_is_refused(value):
    assert error_code(phone_normalize, value) == "phone.invalid"


# Licence numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["P-IRT No. 2063509010123-26", "PIRT 206350901012326", "206 3509 0101 23 26", "p-irt: 2063509010123-26"],
)
def test_pirt_number_is_normalised_to_fifteen_digits(value):
    assert pirt_normalize(value) == "206350901012326"


@pytest.mark.parametrize(
    "value", ["P-IRT No. 2063509010123", "20635090101232612", "P-IRT", "20635090101232A"]
)
def test_pirt_number_that_is_not_fifteen_digits_is_refused(value):
    assert error_code(pirt_normalize, value) == "pirt.length"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("BPOM RI MD 123456789012", "MD123456789012"),
        ("bpom ri md 1234 5678 9012", "MD123456789012"),
        ("MD123456789012", "MD123456789012"),
        ("BPOM-RI ML 123456789012", "ML123456789012"),
        ("Badan POM RI MD. 123456789012", "MD123456789012"),
    ],
)
def test_bpom_number_is_normalised(value, expected):
    assert bpom_normalize(value) == expected


@pytest.mark.parametrize(
    "value",
    ["MD12345678901", "MD1234567890123", "TR123456789012", "NA18171234567", "BPOM RI", "123456789012"],
)
def test_bpom_number_that_is_not_md_or_ml_and_twelve_digits_is_refused(value):
    assert error_code(bpom_normalize, value) == "bpom.format"


@pytest.mark.parametrize(
    "value",
    ["ID35110000123450123", "id 3511 0000 1234 50123", "Nomor: ID35110000123450123", "ID-35110000123450123"],
)
def test_halal_certificate_number_is_normalised(value):
    assert halal_normalize(value) == "ID35110000123450123"


@pytest.mark.parametrize("digits", [14, 17, 20])
def test_halal_certificate_number_with_14_to_20_digits_is_accepted(digits):
    assert halal_normalize("ID" + "3" * digits) == "ID" + "3" * digits


@pytest.mark.parametrize(
    "value", ["ID" + "3" * 13, "ID" + "3" * 21, "35110000123450123", "LPPOM-00150012345678", "IDABC"]
)
def test_halal_certificate_number_out_of_format_is_refused(value):
    assert error_code(halal_normalize, value) == "halal.format"


@pytest.mark.parametrize(
    ("licence_type", "value", "expected"),
    [
        ("nib", "9120 0012 34567", "9120001234567"),
        ("pirt", "P-IRT No. 2063509010123-26", "206350901012326"),
        ("bpom", "BPOM RI MD 123456789012", "MD123456789012"),
        ("halal", "id35110000123450123", "ID35110000123450123"),
        ("sni", "  SPPT-SNI   123/LSPro-XYZ/2023 ", "SPPT-SNI 123/LSPro-XYZ/2023"),
        ("other", "Izin Usaha\u00a0Toko 45", "Izin Usaha Toko 45"),
    ],
)
def test_licence_number_normalize_dispatches_on_the_licence_type(licence_type, value, expected):
    assert licence_number_normalize(licence_type, value) == expected


@pytest.mark.parametrize(
    ("licence_type", "value", "code"),
    [
        ("nib", "12345", "nib.length"),
        ("bpom", "MD 123", "bpom.format"),
        ("sni", "   ", "licence.number_required"),
        ("other", "", "licence.number_required"),
    ],
)
def test_licence_number_normalize_refuses_with_the_type_own_error(licence_type, value, code):
    assert error_code(licence_number_normalize, licence_type, value) == code


def test_unknown_licence_type_is_a_programming_error():
    with pytest.raises(ValueError, match="siup"):
        licence_number_normalize("siup", "123")


# NIP -------------------------------------------------------------------------------------------------


def test_nip_parse_reads_birth_date_appointment_sex_and_serial():
    assert nip_parse("198609262015051001", today=TODAY) == NipInfo(
        nip="198609262015051001",
        birth_date=date(1986, 9, 26),
        appointment=(2015, 5),
        sex="M",
        serial=1,
    )


def test_nip_of_a_woman_has_sex_digit_2():
    assert nip_parse("199001012019032017", today=TODAY).sex == "F"


def test_nip_appointed_in_the_month_of_the_eighteenth_birthday_is_accepted():
    assert nip_parse("200003152018031001", today=TODAY).appointment == (2018, 3)


def test_nip_appointed_this_month_is_accepted():
    assert nip_parse("199001012025111001", today=TODAY).appointment == (2025, 11)


@pytest.mark.parametrize("value", ["19860926201505100", "1986092620150510011", "19860926201505100A", ""])
def test_nip_that_is_not_eighteen_digits_is_refused(value):
    assert error_code(nip_parse, value, today=TODAY) == "nip.length"


@pytest.mark.parametrize("birth_digits", ["19861326", "19860931", "19860000", "20230229", "20251201"])
def test_nip_with_an_impossible_or_future_birth_date_is_refused(birth_digits):
    assert error_code(nip_parse, f"{birth_digits}2015051001", today=TODAY) == "nip.bad_birth_date"


@pytest.mark.parametrize(
    "appointment_digits",
    [
        "201513",  # month 13
        "201500",  # month 0
        "201802",  # a month before the 18th birthday (born 2000-03-15)
        "199001",  # before birth
        "202512",  # next month
        "203001",  # years ahead
    ],
)
def test_nip_with_an_impossible_appointment_is_refused(appointment_digits):
    assert error_code(nip_parse, f"20000315{appointment_digits}1001", today=TODAY) == "nip.bad_appointment"


@pytest.mark.parametrize("sex_digit", ["0", "3", "9"])
def test_nip_with_a_sex_digit_other_than_1_or_2_is_refused(sex_digit):
    assert error_code(nip_parse, f"19860926201505{sex_digit}001", today=TODAY) == "nip.bad_sex"


def test_nip_with_serial_000_is_refused():
    assert error_code(nip_parse, "198609262015051000", today=TODAY) == "nip.bad_serial"


def test_validate_nip_accepts_a_valid_nip_and_refuses_an_invalid_one():
    assert validate_nip("198609262015051001") is None
    assert error_code(validate_nip, "198609262015053001") == "nip.bad_sex"


@given(
    birth=st.dates(min_value=date(1940, 1, 1), max_value=TODAY - timedelta(days=18 * 366)),
    years_after_18=st.integers(0, 40),
    month=st.integers(1, 12),
    sex=st.sampled_from(["M", "F"]),
    serial=st.integers(1, 999),
)
def test_any_valid_nip_parses_back_to_its_parts(birth, years_after_18, month, sex, serial):
    appointment = (birth.year + 18 + years_after_18, month)
    assume((birth.year + 18, birth.month) <= appointment <= (TODAY.year, TODAY.month))
    nip = f"{birth:%Y%m%d}{appointment[0]:04d}{month:02d}{'1' if sex == 'M' else '2'}{serial:03d}"
    assert nip_parse(nip, today=TODAY) == NipInfo(
        nip=nip, birth_date=birth, appointment=appointment, sex=sex, serial=serial
    )


# Masking ---------------------------------------------------------------------------------------------


def test_nik_is_masked_keeping_four_digits_at_each_end():
    assert mask_identifier("3509012301900012") == "3509••••••••0012"


def test_nip_is_masked_keeping_four_digits_at_each_end():
    assert mask_identifier("198609262015051001") == "1986••••••••••1001"


def test_mask_keeps_as_many_digits_as_asked():
    assert mask_identifier("3509012301900012", keep_start=2, keep_end=0) == "35" + MASK * 14


@pytest.mark.parametrize("value", ["12345678", "123", ""])
def test_value_too_short_to_keep_both_ends_is_masked_whole(value):
    assert mask_identifier(value) == MASK * len(value)


@given(st.text(alphabet="0123456789", min_size=9, max_size=30))
def test_mask_keeps_length_and_both_ends_and_hides_the_middle(value):
    masked = mask_identifier(value)
    assert len(masked) == len(value)
    assert (masked[:4], masked[-4:]) == (value[:4], value[-4:])
    assert set(masked[4:-4]) == {MASK}


@given(st.from_regex(r"(0|62|\+62)8[0-9]{7,12}|0[0-9]{8,12}", fullmatch=True))
def test_phone_fast_path_agrees_with_libphonenumber(number):
    import phonenumbers as lib

    try:
        parsed = lib.parse(number, "ID")
    except lib.NumberParseException:
        parsed = None
    valid = parsed is not None and lib.is_valid_number(parsed)
    expected = lib.format_number(parsed, lib.PhoneNumberFormat.E164) if valid else None
    try:
        actual = phone_normalize(number)
    except ValidationError:
        actual = None
    assert actual == expected
