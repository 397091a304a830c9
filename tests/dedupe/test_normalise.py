"""Normalisation keys: examples from real lists and properties that must hold for any input."""

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
