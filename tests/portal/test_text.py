"""The search normaliser: affixes, variants, old spellings, and what any input turns into."""

import re

from hypothesis import given
from hypothesis import strategies as st

from sahabat.portal.text import MAX_QUERY_WORDS, normalise, query_terms, sort_key, stem

STEMS = ["batik", "jual", "pasar", "tenun", "sulam", "olah", "kemas", "rajin", "ternak", "kebun"]


def test_batik_finds_batik_tulis_jember():
    assert "batik" in normalise("Batik Tulis Jember").split()


def test_keripik_and_kripik_are_one_word():
    assert normalise("Keripik Tempe") == normalise("kripik tempe")


def test_kerupuk_and_krupuk_are_one_word():
    assert normalise("kerupuk") == normalise("krupuk")


def test_old_spelling_is_folded():
    assert normalise("Tjoklat Djember") == "coklat jember"


def test_prefixed_verbs_reduce_to_their_stem():
    assert [stem(word) for word in ("membatik", "menjual", "dipasarkan", "menenun", "menyulam")] == [
        "batik",
        "jual",
        "pasar",
        "tenun",
        "sulam",
    ]


def test_nouns_lose_their_suffix():
    assert [stem(word) for word in ("makanan", "masakan", "olahan", "kerajinan")] == [
        "makan",
        "masak",
        "olah",
        "rajin",
    ]


def test_a_short_stem_is_not_cut():
    assert stem("terasi") == "terasi"
    assert stem("ikan") == "ikan"


def test_stop_words_are_left_out():
    assert normalise("Kopi dan Teh dari Jember") == "kopi teh jember"


def test_query_terms_mark_short_words_as_whole_words():
    assert query_terms("ab kopi") == [("ab", False), ("kopi", True)]


def test_query_terms_drop_repeats():
    assert query_terms("kopi Kopi KOPI") == [("kopi", True)]


@given(st.text())
def test_normalised_text_holds_only_plain_words(text):
    assert re.fullmatch(r"([a-z0-9]+( [a-z0-9]+)*)?", normalise(text))


@given(st.text())
def test_case_does_not_matter(text):
    assert normalise(text.upper()) == normalise(text.lower()) or not text.isascii()


@given(st.text(alphabet=st.characters(codec="ascii"), max_size=60))
def test_punctuation_separates_like_a_space(text):
    assert normalise(re.sub(r"[^A-Za-z0-9]", "-", text)) == normalise(text)


@given(st.sampled_from(STEMS), st.sampled_from(["", "nya", "lah"]))
def test_a_particle_does_not_change_the_word(word, particle):
    assert normalise(word + particle) == normalise(word)


@given(st.text())
def test_query_terms_are_plain_words_and_at_most_eight(text):
    terms = query_terms(text)
    assert len(terms) <= MAX_QUERY_WORDS
    assert all(re.fullmatch(r"[a-z0-9]+", word) for word, _prefix in terms)


@given(st.text())
def test_sort_key_is_plain_lower_case(text):
    assert re.fullmatch(r"[a-z0-9 ]*", sort_key(text))
