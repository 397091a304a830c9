"""The catalogue's search normaliser: one function turns documents and queries into the same tokens.

Both databases index the normalised text, never the raw one, so SQLite FTS5 and PostgreSQL full-text
search see identical words and give identical results. The rules are deliberately light:

- lower case, accents removed, anything but letters and digits is a separator;
- spellings from before the 1972 reform folded to today's (`djember` → `jember`, `soesoe` → `susu`,
  `tjoklat` → `coklat`);
- common affixes taken off when a stem of at least `MIN_STEM` letters remains: the particles -nya,
  -lah, -kah; the prefixes meN-, di-, ber-, ter-, peN-/per- with the usual sound changes
  (`menyulam` → `sulam`, `penenun` → `tenun`, `memasarkan` → `pasar`); -kan only after a prefix
  (`dipasarkan` → `pasar`, while `masakan` → `masak`); the confix ke-…-an (`kerajinan` → `rajin`);
  -an on its own (`olahan` → `olah`);
- everyday variants folded: a schwa before r at the start of a word (`keripik` → `kripik`,
  `kerupuk` → `krupuk`) and a short list of spellings (`sambel` → `sambal`).

It is no dictionary stemmer: it can merge two words that mean different things (`durian` and
`duri`), which only widens a search a little, and it never depends on the database.
"""

from __future__ import annotations

import re
import unicodedata

MIN_STEM = 4
# A query word shorter than this is matched whole; longer ones also match as a prefix ("kop" is
# too short to mean anything, "robu" already means robusta).
MIN_PREFIX = 3
# At most this many words of a query count; the rest is ignored (a pasted paragraph is not a search).
MAX_QUERY_WORDS = 8

# "nj" stays: today it is common (menjual, penjahit), so the old "nj" (njonja) cannot be told apart.
_OLD_SPELLINGS = (("tj", "c"), ("dj", "j"), ("sj", "sy"), ("oe", "u"), ("ch", "kh"))
_VARIANTS = {
    "sambel": "sambal",
    "cokelat": "coklat",
    "kueh": "kue",
    "tempeh": "tempe",
    "photo": "foto",
    "kwaci": "kuaci",
    "sirop": "sirup",
    "bakpao": "bakpau",
    "apotik": "apotek",
    "ijo": "hijau",
}
# Words so common in names and descriptions that they would match almost everything.
STOP_WORDS = frozenset({"dan", "di", "ke", "dari", "yang", "untuk", "dengan", "atau", "the", "and", "of"})
_SEPARATOR = re.compile(r"[^a-z0-9]+")
_VOWEL = "aeiou"


def _fold_characters(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def _old_spelling(word: str) -> str:
    for old, new in _OLD_SPELLINGS:
        word = word.replace(old, new)
    return word


def _strip_particle(word: str) -> str:
    for particle in ("nya", "lah", "kah"):
        if word.endswith(particle) and len(word) - len(particle) >= MIN_STEM:
            return word[: -len(particle)]
    return word


def _prefix_candidates(word: str) -> list[str]:
    """The stems a prefixed word may come from, most likely first (meN-/peN- sound changes)."""
    for nasal in ("me", "pe"):
        if not word.startswith(nasal):
            continue
        rest = word[2:]
        if rest.startswith("ny"):
            return ["s" + rest[2:]]
        if rest.startswith("ng"):
            after = rest[2:]
            return [after, "k" + after] if after[:1] in _VOWEL else [after]
        if rest.startswith("m"):
            after = rest[1:]
            return ["p" + after] if after[:1] in _VOWEL else [after]
        if rest.startswith("n"):
            after = rest[1:]
            return ["t" + after] if after[:1] in _VOWEL else [after]
        if nasal == "pe" and rest.startswith("r"):
            after = rest[1:]
            return [rest] if after[:1] in _VOWEL else [after]
        if rest[:1] in "lrwy":
            return [rest]
        return [rest] if nasal == "pe" and rest[:1] not in _VOWEL else []
    if word.startswith("ber"):
        after = word[3:]
        return [after]
    if word.startswith("be") and word[3:5] == "er":
        return [word[2:]]
    if word.startswith("ter"):
        return [word[3:]]
    if word.startswith("di"):
        return [word[2:]]
    return []


def stem(word: str) -> str:
    """Take the common Indonesian affixes off one lower-case word (see the module's rules)."""
    word = _strip_particle(word)
    if word.startswith("ke") and word.endswith("an") and len(word) - 4 >= MIN_STEM:
        return word[2:-2]
    for candidate in _prefix_candidates(word):
        if candidate.endswith("kan") and len(candidate) - 3 >= MIN_STEM:
            candidate = candidate[:-3]
        elif candidate.endswith("an") and len(candidate) - 2 >= MIN_STEM:
            candidate = candidate[:-2]
        if len(candidate) >= MIN_STEM:
            return candidate
    if word.endswith("an") and len(word) - 2 >= MIN_STEM:
        return word[:-2]
    return word


def _variant(word: str) -> str:
    word = _VARIANTS.get(word, word)
    # Schwa before r at the start of a word is often not written: keripik/kripik, kerupuk/krupuk.
    if word.startswith("ker") and word[3:4] in _VOWEL:
        word = "kr" + word[3:]
    return word


def word_forms(text: str) -> list[str]:
    """The words of `text` as the index keeps them, in order, stop words left out."""
    words = _SEPARATOR.split(_fold_characters(text))
    forms = []
    for word in words:
        if not word or word in STOP_WORDS:
            continue
        if word.isdigit():
            forms.append(word)
            continue
        forms.append(_variant(stem(_old_spelling(word))))
    return forms


def normalise(text: str) -> str:
    """The text as the search index stores it: normalised words separated by single spaces."""
    return " ".join(word_forms(text))


def query_terms(query: str) -> list[tuple[str, bool]]:
    """The words of a search box as (word, match as prefix too), duplicates dropped, at most eight."""
    terms: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for word in word_forms(query):
        if word in seen:
            continue
        seen.add(word)
        terms.append((word, len(word) >= MIN_PREFIX))
        if len(terms) == MAX_QUERY_WORDS:
            break
    return terms


def sort_key(name: str) -> str:
    """Lower-case letters, digits and single spaces: an order both databases agree on byte by byte."""
    return " ".join(_SEPARATOR.split(_fold_characters(name))).strip()[:200]
