"""Normalisation of Indonesian names, addresses and numbers for duplicate detection (and nothing else).

The register keeps what people typed; these functions only build the comparison keys. Honorifics,
degrees and business forms are set aside in their own field rather than deleted, so that a reviewer
still sees that "Hj. Siti Aminah, S.Pd." and "Siti Aminah" were written differently.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Titles that stand before a name: forms of address, Haji/Hajah, academic and religious titles.
PREFIX_TITLES = frozenset(
    {
        "bapak", "bpk", "bp", "pak", "ibu", "bu", "ib", "sdr", "sdri", "sdra", "saudara", "saudari",
        "h", "hj", "haji", "hajjah", "hajah", "drs", "dra", "ir", "dr", "prof", "kh", "ust", "ustadz",
        "ustazah", "ny", "nyonya", "nn", "nona", "tn", "tuan", "mas", "mbak", "mbok", "cak", "ning",
    }
)  # fmt: skip
# Degrees that follow a name ("Siti, S.Pd.", "Budi SE"), compared without their dots.
DEGREES = frozenset(
    {
        "se", "spd", "amd", "amdkeb", "amdkep", "skom", "sh", "mh", "mm", "msi", "st", "mt", "sp",
        "ssos", "sag", "mpd", "ssi", "skep", "sked", "sfarm", "ssit", "sip", "sei", "sak", "mba",
        "mag", "mkes", "skm", "spdi", "shi", "sth", "sikom", "ak", "bsc", "ba", "ma", "msc", "phd",
    }
)  # fmt: skip
# Spellings of Muhammad (and its abbreviations) are one name; a lone "M" only in first place.
MUHAMMAD = frozenset(
    {
        "muhammad", "muhamad", "muhamat", "muhammat", "mohammad", "mohamad", "mohammed", "mochammad",
        "mochamad", "mokhammad", "mokhamad", "muchammad", "muchamad", "mukhammad", "mukhamad", "moh",
        "moch", "mokh", "muh", "much", "mukh", "mhd", "mhmd", "md", "mohd",
    }
)  # fmt: skip
MUHAMMAD_CANONICAL = "muhammad"
# Business forms set aside from a business name: legal forms and shop kinds.
BUSINESS_FORMS = frozenset(
    {
        "toko", "tk", "warung", "wr", "wrg", "wm", "rm", "ud", "cv", "pt", "kios", "depot", "kedai",
        "umkm", "ukm", "ikm", "pd",
    }
)  # fmt: skip
# Two-word forms, folded to the same form as their abbreviation.
BUSINESS_PHRASES = (
    ("warung", "makan"),
    ("rumah", "makan"),
    ("usaha", "dagang"),
    ("home", "industri"),
    ("home", "industry"),
)
ADDRESS_WORDS = {
    "jl": "jalan",
    "jln": "jalan",
    "jalan": "jalan",
    "gg": "gang",
    "kp": "kampung",
    "kpg": "kampung",
    "ds": "desa",
    "dsn": "dusun",
    "kel": "kelurahan",
    "kec": "kecamatan",
    "kab": "kabupaten",
    "perum": "perumahan",
    "no": "nomor",
    "nmr": "nomor",
    "blk": "blok",
}
# Old (pre-1972 and Dutch-era) spellings still found in names: Soekarno, Djoko, Tjahjo, Sjamsul, Achmad.
OLD_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("ch", "kh"))

_TOKEN = re.compile(r"[a-z0-9]+")
_RT_RW = (
    # "RT/RW 001/002", "RT.RW 1/2"
    re.compile(r"\brt\W{0,3}rw\W{0,3}(\d{1,3})\s*[/\\.-]\s*(\d{1,3})\b"),
    # "RT 1 RW 2", "RT.01/RW.02", "rt01 rw02"
    re.compile(r"\brt\W{0,3}(\d{1,3})\W{0,3}rw\W{0,3}(\d{1,3})\b"),
    # a bare "008/012" or "08/12", but not a house number ("No. 12/14") nor a date ("08/12/2020")
    re.compile(r"(?<![\d/.])(?<!no )(?<!no\. )(?<!nomor )(\d{2,3})\s*/\s*(\d{2,3})(?![\d/])"),
)
_RT_ONLY = re.compile(r"\brt\W{0,3}(\d{1,3})\b")
_RW_ONLY = re.compile(r"\brw\W{0,3}(\d{1,3})\b")


@dataclass(frozen=True)
class PersonName:
    """A person's name reduced for comparison, with the titles that were set aside."""

    core: str
    titles: tuple[str, ...]

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.core.split())

    @property
    def token_key(self) -> str:
        """The name as a set of words (order and repeats ignored): "Sri Wahyuni" = "Wahyuni Sri"."""
        return " ".join(sorted(set(self.tokens)))


@dataclass(frozen=True)
class BusinessName:
    """A business name reduced for comparison, with its business forms and titles set aside."""

    core: str
    forms: tuple[str, ...]
    titles: tuple[str, ...]


@dataclass(frozen=True)
class Address:
    street: str
    rt: str
    rw: str


def fold(text: str | None) -> str:
    """Lower case, accents and punctuation removed, words separated by one space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text))
    ascii_text = decomposed.encode("ascii", "ignore").decode().lower()
    return " ".join(_TOKEN.findall(ascii_text))


@lru_cache(maxsize=65536)
def modern_spelling(word: str) -> str:
    """One word in today's spelling (Soekarno → sukarno, Djoko → joko, Achmad → akhmad)."""
    previous = None
    while previous != word:
        previous = word
        for old, new in OLD_SPELLINGS:
            word = word.replace(old, new)
    return word


def _raw_tokens(text: str) -> list[str]:
    """Lower-case words with dots removed inside them ("S.Pd." → "spd"), so that degrees are recognisable."""
    decomposed = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    decomposed = re.sub(r"(?<=[a-z])\.(?=[a-z])", "", decomposed)
    return _TOKEN.findall(decomposed)


def _person_tokens(tokens: list[str]) -> tuple[list[str], list[str]]:
    core: list[str] = []
    titles: list[str] = []
    for position, token in enumerate(tokens):
        if not core and token in PREFIX_TITLES or core and token in DEGREES:
            titles.append(token)
        elif token in MUHAMMAD or (token == "m" and not core and position < len(tokens) - 1):
            core.append(MUHAMMAD_CANONICAL)
        else:
            core.append(modern_spelling(token))
    return core, titles


@lru_cache(maxsize=65536)
def person_name(text: str | None) -> PersonName:
    """Split a person's name into its comparable core and its titles (kept, in order)."""
    if not text:
        return PersonName("", ())
    core, titles = _person_tokens(_raw_tokens(text))
    if not core and titles:
        # A name that is only a title ("Pak Haji") keeps it as its name.
        core, titles = [modern_spelling(token) for token in titles], []
    return PersonName(" ".join(core), tuple(titles))


@lru_cache(maxsize=65536)
def business_name(text: str | None) -> BusinessName:
    """Split a business name into its core and the business forms and titles it carried."""
    if not text:
        return BusinessName("", (), ())
    tokens = _raw_tokens(text)
    forms: list[str] = []
    titles: list[str] = []
    core: list[str] = []
    index = 0
    while index < len(tokens):
        pair = tuple(tokens[index : index + 2])
        if pair in BUSINESS_PHRASES:
            forms.append(" ".join(pair))
            index += 2
            continue
        token = tokens[index]
        if token in BUSINESS_FORMS:
            forms.append(token)
        elif token in PREFIX_TITLES and index < len(tokens) - 1:
            # "Keripik Tempe Bu Sri": the title before the owner's name inside a business name.
            titles.append(token)
        elif token in MUHAMMAD:
            core.append(MUHAMMAD_CANONICAL)
        else:
            core.append(modern_spelling(token))
        index += 1
    if not core:
        core = [modern_spelling(token) for token in tokens]
        forms, titles = [], []
    return BusinessName(" ".join(core), tuple(forms), tuple(titles))


def rt_rw(text: str | None) -> tuple[str, str]:
    """RT and RW as plain numbers without leading zeros ("RT/RW 001/002" → ("1", "2")); "" when absent."""
    folded = _fold_keep_slash(text)
    for pattern in _RT_RW:
        found = pattern.search(folded)
        if found:
            return str(int(found.group(1))), str(int(found.group(2)))
    rt = _RT_ONLY.search(folded)
    rw = _RW_ONLY.search(folded)
    return (str(int(rt.group(1))) if rt else "", str(int(rw.group(1))) if rw else "")


def _fold_keep_slash(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9/\\.-]+", " ", decomposed)


def _strip_rt_rw(folded: str) -> str:
    for pattern in (*_RT_RW, _RT_ONLY, _RW_ONLY):
        folded = pattern.sub(" ", folded)
    return folded


@lru_cache(maxsize=65536)
def address(text: str | None, rt: str = "", rw: str = "") -> Address:
    """An address with abbreviations spelt out and RT/RW taken out into their own fields."""
    found_rt, found_rw = rt_rw(text)
    street_tokens = [
        modern_spelling(ADDRESS_WORDS.get(token, token))
        for token in _TOKEN.findall(_strip_rt_rw(_fold_keep_slash(text)))
    ]
    given_rt, given_rw = (_plain_number(rt), _plain_number(rw))
    return Address(" ".join(street_tokens), given_rt or found_rt, given_rw or found_rw)


def _plain_number(value: str | None) -> str:
    digits = "".join(character for character in str(value or "") if character.isdigit())
    return str(int(digits)) if digits else ""


def phone(text: str | None) -> str:
    """An Indonesian number without its country or trunk prefix (+62 812…, 0062 812…, 0812… → 812…)."""
    digits = "".join(character for character in str(text or "") if character.isdigit())
    if digits.startswith("0062"):
        # The international call prefix 00 before the country code.
        digits = digits[4:]
    elif digits.startswith("62"):
        digits = digits[2:]
    digits = digits.lstrip("0")
    # Shorter than a landline with its area code is no number to match on.
    return digits if len(digits) >= 7 else ""


def nik(text: str | None) -> str:
    digits = "".join(character for character in str(text or "") if character.isdigit())
    return digits if len(digits) == 16 else ""


def nib(text: str | None) -> str:
    digits = "".join(character for character in str(text or "") if character.isdigit())
    return digits if len(digits) == 13 else ""
