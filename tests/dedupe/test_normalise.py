"""Normalisation keys: examples from real lists and properties that must hold for any input."""

import re

from hypothesis import assume, given
from hypothesis import strategies as st

from sahabat.dedupe import normalise

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)
any_text = st.text(max_size=60)


def test_titles_are_set_aside_not_deleted():
    name = normalise.person_name("Hj. Siti Aminah, S.Pd.")
    assert (name.core, name.titles) == ("siti aminah", ("hj", "spd"))


def test_forms_of_address_are_set_aside():
    assert {
        normalise.person_name(text).core for text in ("Bapak Budi", "Bpk. Budi", "Pak Budi", "Sdr. Budi")
    } == {"budi"}


def test_muhammad_variants_are_one_name():
    variants = ("M. Sholeh", "Moh. Sholeh", "Muh Sholeh", "Mhd. Sholeh", "Mochammad Sholeh", "Muhamad Sholeh")
    assert {normalise.person_name(text).core for text in variants} == {"muhammad sholeh"}


def test_a_lone_m_at_the_end_is_an_initial():
    assert normalise.person_name("Sholeh M").core == "sholeh m"


def test_old_spellings_become_modern():
    assert normalise.person_name("Djoko Soekarno").core == normalise.person_name("Joko Sukarno").core
    assert normalise.person_name("Sjamsul").core == "syamsul"
    assert normalise.person_name("Achmad").core == "akhmad"
    assert normalise.person_name("Tjahjo").core == "cahjo"


def test_business_forms_are_set_aside():
    for text in (
        "Toko Sumber Rejeki",
        "UD. Sumber Rejeki",
        "CV Sumber Rejeki",
        "PT. Sumber Rejeki",
        "Sumber Rejeki",
    ):
        assert normalise.business_name(text).core == "sumber rejeki"
    assert normalise.business_name("UD. Sumber Rejeki").forms == ("ud",)


def test_warung_makan_and_wm_are_the_same_form():
    assert (
        normalise.business_name("Warung Makan Bu Sri").core
        == normalise.business_name("WM Bu Sri").core
        == "sri"
    )


def test_a_name_that_is_only_a_form_is_kept():
    assert normalise.business_name("Toko").core == "toko"


def test_address_abbreviations_are_spelt_out():
    assert normalise.address("Jl. Mawar Gg. 3").street == normalise.address("Jalan Mawar gang 3").street


def test_every_rt_rw_form_gives_the_same_numbers():
    forms = ("RT 1 RW 2", "RT/RW 001/002", "rt.01/rw.02", "001/002", "RT01 RW02", "RT. 1 / RW. 2")
    assert {normalise.rt_rw(f"Jl. Mawar {text}") for text in forms} == {("1", "2")}


def test_rt_rw_are_taken_out_of_the_street():
    assert normalise.address("Jl. Mawar No. 5 RT/RW 001/002").street == "jalan mawar nomor 5"


def test_phone_prefixes_are_one_number():
    numbers = ("+62 812-3456-7890", "6281234567890", "081234567890", "0812 3456 7890")
    assert {normalise.phone(text) for text in numbers} == {"81234567890"}


@given(names)
def test_person_name_is_idempotent(text):
    once = normalise.person_name(text).core
    assert normalise.person_name(once).core == once


@given(names)
def test_business_name_is_idempotent(text):
    once = normalise.business_name(text).core
    assert normalise.business_name(once).core == once


@given(any_text)
def test_normalised_keys_are_plain_lowercase_words(text):
    for key in (
        normalise.person_name(text).core,
        normalise.business_name(text).core,
        normalise.address(text).street,
    ):
        assert key == " ".join(key.split())
        assert all(character.isascii() and (character.isalnum() or character == " ") for character in key)
        assert key == key.lower()


@given(st.sampled_from(["Bapak", "Ibu", "H.", "Hj.", "Drs.", "Dra.", "Ir.", "Sdr."]), names)
def test_a_title_never_changes_the_core(title, text):
    # A name made only of titles ("Bp") keeps them as its core, so it needs one real word.
    assume(any(word not in normalise.PREFIX_TITLES for word in text.split()))
    assert normalise.person_name(f"{title} {text}").core == normalise.person_name(text).core


# Words that are set aside in a business name (or may be, inside a phrase such as "warung makan").
SET_ASIDE = (
    normalise.BUSINESS_FORMS
    | normalise.PREFIX_TITLES
    | {word for phrase in normalise.BUSINESS_PHRASES for word in phrase}
)


@given(st.sampled_from(["Toko", "UD", "CV", "PT", "Warung", "WM"]), names)
def test_a_business_form_never_changes_the_core(form, text):
    assume(not set(text.split()) & SET_ASIDE)
    assert normalise.business_name(f"{form} {text}").core == normalise.business_name(text).core


@given(st.integers(1, 999), st.integers(1, 999))
def test_rt_rw_forms_agree_for_any_numbers(rt, rw):
    assert (
        normalise.rt_rw(f"RT {rt} RW {rw}")
        == normalise.rt_rw(f"RT/RW {rt:03d}/{rw:03d}")
        == (str(rt), str(rw))
    )


@given(st.from_regex(r"8[1-9][0-9]{7,10}", fullmatch=True), st.sampled_from(["+62", "62", "0", "+62 "]))
def test_any_prefix_gives_the_same_phone(number, prefix):
    assert normalise.phone(prefix + number) == number


@given(any_text)
def test_phone_is_digits_only_or_empty(text):
    result = normalise.phone(text)
    assert result == "" or (result.isdigit() and not result.startswith("0") and len(result) >= 7)


def test_the_international_call_prefix_0062_is_one_number():
    assert normalise.phone("0062 812-3456-7890") == normalise.phone("0812 3456 7890") == "81234567890"


def test_a_bare_two_digit_rt_rw_is_read():
    assert normalise.address("Jl. Mawar 08/12") == normalise.address("Jl. Mawar RT 8 RW 12")


def test_a_house_number_with_a_slash_is_no_rt_rw():
    assert normalise.rt_rw("Jl. Mawar No. 12/14") == ("", "")


def test_a_date_is_no_rt_rw():
    assert normalise.rt_rw("Pasar Tanjung 08/12/2020") == ("", "")


# --- properties of the address abbreviations, Muhammad and old spellings ----------------------------


def _written(word: str, case: str, dot: bool) -> str:
    """A word as people type it: in some case, with or without a dot after it."""
    shaped = {"lower": word.lower(), "upper": word.upper(), "title": word.title()}[case]
    return shaped + ("." if dot else "")


cases = st.sampled_from(["lower", "upper", "title"])
separators = st.sampled_from([" ", ", ", " - ", "  ", " / "])
# Words around an abbreviation: letters only, so that no RT/RW form can appear by chance.
street_words = st.lists(words, max_size=3).map(" ".join)


@given(st.sampled_from(sorted(normalise.ADDRESS_WORDS)), cases, st.booleans(), street_words, street_words)
def test_every_address_abbreviation_equals_its_full_form_in_any_text(short, case, dot, before, after):
    full = normalise.ADDRESS_WORDS[short]
    written = normalise.address(f"{before} {_written(short, case, dot)} {after}").street
    assert written == normalise.address(f"{before} {full} {after}").street


@given(st.sampled_from(sorted(normalise.MUHAMMAD)), cases, st.booleans(), names)
def test_every_form_of_muhammad_is_muhammad_before_any_name(form, case, dot, rest):
    assert (
        normalise.person_name(f"{_written(form, case, dot)} {rest}").core
        == normalise.person_name(f"Muhammad {rest}").core
    )


@given(cases, st.booleans(), names)
def test_a_leading_m_is_muhammad_before_any_name(case, dot, rest):
    assert (
        normalise.person_name(f"{_written('m', case, dot)} {rest}").core
        == normalise.person_name(f"Muhammad {rest}").core
    )


_OLD = {"u": "oe", "j": "dj", "c": "tj", "sy": "sj", "kh": "ch"}


def _old_spelling(word: str) -> str:
    return re.sub("sy|kh|[ujc]", lambda found: _OLD[found.group()], word)


@given(words)
def test_modern_spelling_is_idempotent(word):
    once = normalise.modern_spelling(word)
    assert normalise.modern_spelling(once) == once


@given(st.lists(words, min_size=1, max_size=4))
def test_a_name_in_its_old_spelling_is_the_same_name(parts):
    modern = [normalise.modern_spelling(part) for part in parts]
    assert (
        normalise.person_name(" ".join(_old_spelling(part) for part in modern)).core
        == normalise.person_name(" ".join(modern)).core
    )


@given(st.lists(words, min_size=1, max_size=4), cases, separators)
def test_keys_ignore_case_and_punctuation_between_words(parts, case, separator):
    plain = " ".join(parts)
    typed = separator.join(_written(part, case, False) for part in parts)
    for key in (normalise.person_name, normalise.business_name):
        assert key(typed).core == key(plain).core
    assert normalise.address(typed).street == normalise.address(plain).street


@given(names)
def test_the_address_key_is_idempotent(text):
    once = normalise.address(text).street
    assert normalise.address(once).street == once
