"""Name keys for accent- and transliteration-insensitive gazetteer lookup.

News spells the same Arabic, Kurdish or Pashto place many ways ("Daqūq", "Daquq";
"Al-Hasakah", "Hasakeh"; "Sulaimaniya", "Sulaymaniyah"). Two keys cover this:

- `fold`: lower case, accents and apostrophes dropped, punctuation to spaces. Exact
  lookup on it is safe and is tried first.
- `skeleton`: a consonant skeleton of the folded name without a leading Arabic article,
  with vowels and the glides w/y dropped, doubled letters collapsed and a final "h"
  dropped. It is deliberately loose, so a skeleton hit is only accepted when the
  spellings are also close (see `similarity`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

# Leading articles in Arabic-derived names, as news transliterates them.
ARTICLES = frozenset(
    [
        "al",
        "el",
        "ad",
        "ar",
        "as",
        "ash",
        "at",
        "an",
        "az",
        "adh",
        "ath",
        "ed",
        "es",
        "er",
        "et",
        "ez",
        "ul",
        "il",
    ]
)
_APOSTROPHES = re.compile(r"['’‘`´ʿʾʻʼ]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DIGRAPHS = (
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "k"),
    ("ph", "f"),
    ("dh", "d"),
    ("th", "t"),
)
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-case ASCII form with accents, apostrophes and punctuation removed."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    text = _APOSTROPHES.sub("", text)
    text = unidecode(text).lower()
    text = _APOSTROPHES.sub("", text)
    return _NON_ALNUM.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Loose consonant skeleton of a name (see module docstring)."""
    tokens = fold(name).split()
    while len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    if not tokens:
        return ""
    word = "".join(tokens)
    # An article glued on by a hyphen-less spelling: "alhasakah".
    if (
        len(word) > 5
        and word.startswith(("al", "el"))
        and len(tokens) == 1
        and word[2] not in "aeiou"
    ):
        word = word[2:]
    for src, dst in _DIGRAPHS:
        word = word.replace(src, dst)
    word = word.replace("q", "k").replace("c", "k")
    head, tail = word[0], word[1:]
    if head in "aeiou":
        head = "a"
    if tail.endswith("h") and len(tail) > 2:
        tail = tail[:-1]
    tail = _VOWELS.sub("", tail)
    return _DOUBLE.sub(r"\1", head + tail)


def similarity(a: str, b: str) -> float:
    """0-100 closeness of two spellings after folding and article removal."""
    fa = " ".join(t for t in fold(a).split() if t not in ARTICLES) or fold(a)
    fb = " ".join(t for t in fold(b).split() if t not in ARTICLES) or fold(b)
    return float(fuzz.ratio(fa.replace(" ", ""), fb.replace(" ", "")))


@lru_cache(maxsize=200_000)
def ascii_name(name: str) -> str:
    """A readable ASCII spelling ("Dāqūq" -> "Daquq", "Ma’rib" -> "Marib"), as ACLED
    writes place names."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", name or ""))
    return re.sub(r"\s+", " ", unidecode(text)).strip()
