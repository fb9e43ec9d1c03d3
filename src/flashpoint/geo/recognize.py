"""Toponym recognition: which spans of a text name places.

spaCy's small English model misses many Middle-East and African names (it tags "Daquq"
as a PERSON), so recognition does not depend on it alone: every run of capitalised words
(with Arabic articles such as "al-" or "ez-" inside) is matched against the gazetteer,
longest match first, and spaCy's GPE/LOC/FAC entities are added when a `Doc` is given.
Guards keep common words out: a name that is also a frequent English word ("Police",
"Hit", "May") needs spaCy's support or a locative cue ("in Hit") to count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flashpoint.geo.countries import demonym_country
from flashpoint.geo.names import fold
from flashpoint.geo.spans import SpanSet
from flashpoint.geo.store import Gazetteer
from flashpoint.resources import data_path

# A word: letters (any script), digits, inner apostrophes and hyphens.
_WORD = re.compile(r"[^\W_][\w’'‘\-]*[^\W_]|[^\W_]", re.UNICODE)
# Lower-case words allowed inside a multi-word name ("Deir ez-Zor", "Salah ad Din").
_CONNECTORS = frozenset(
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
        "ez",
        "ed",
        "es",
        "adh",
        "ath",
        "de",
        "del",
        "della",
        "di",
        "du",
        "da",
        "do",
        "dos",
        "das",
        "la",
        "le",
        "les",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "ibn",
        "bani",
        "abu",
        "um",
        "umm",
        "of",
        "and",
        "on",
        "upon",
        "sur",
        "sous",
        "im",
        "am",
    ]
)
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|from|to|outside|into|toward|towards|across|around|of|village|town|"
    r"city|province|district)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"“”\n]\s*|\n)$")
MAX_TOKENS = 6

_PROMINENT_CODES = frozenset(
    ("PCLI", "PCLD", "PCLIX", "ADM1", "PPLC", "CONT", "OCN", "SEA", "GULF", "RGN", "PEN")
)
COMMON_ZIPF = 4.3


@dataclass(slots=True)
class Span:
    """A candidate toponym: where it is and why it was taken."""

    start: int
    end: int
    text: str
    label: str = ""  # spaCy label when spaCy found it
    demonym: str = ""  # ISO2 when the span is a demonym ("Iraqi")
    embedded: bool = False  # one word of a longer capitalised name


@lru_cache(maxsize=4)
def _word_list(name: str) -> frozenset[str]:
    """A one-word-a-line data file, folded; '#' lines are comments."""
    lines = data_path(name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


def not_places() -> frozenset[str]:
    """Words that are never a toponym on their own ("Police", "Monday")."""
    return _word_list("geo/not_places.txt")


@lru_cache(maxsize=1)
def modifier_words() -> frozenset[str]:
    """Words next to which a place name stays a place ("Mosul Police")."""
    return _word_list("geo/modifier_words.txt")


@lru_cache(maxsize=100_000)
def _zipf(word: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # optional: without it only the stop list guards
        return 0.0
    return zipf_frequency(word, "en")


@lru_cache(maxsize=100_000)
def _capitalised(word: str) -> bool:
    head = word.split("-")[-1] if word[:3].lower() in ("al-", "el-") else word
    return head[:1].isupper() or (head[:1].isdigit() is False and head[:1] != head[:1].lower())


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _strip_possessive(start: int, end: int, text: str) -> int:
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            return end - len(suffix)
    return end


def is_common_word_span(
    text: str, start: int, end: int, label: str, gazetteer: Gazetteer | None = None
) -> bool:
    """Whether a span is more likely an ordinary word than a place name.

    A single word on the stop list is never a place; a frequent English word is one only
    when spaCy says so, when a locative cue precedes it ("in Hit"), when it is written
    in capitals as an abbreviation ("US"), or when it is the own name of a prominent
    place (a country, province, capital or city of 100,000: "Canada", "Paris").
    """
    surface = text[start:end]
    words = fold(surface).split()
    if not words:
        return True
    if len(words) > 1:
        return False
    word = words[0]
    if word in not_places():
        return True
    if label in ("GPE", "LOC"):
        return False
    if _zipf(word) < COMMON_ZIPF:
        return False
    if surface.isupper() and len(surface.replace(".", "")) <= 4:
        return False
    if _LOCATIVE.search(text[max(0, start - 30) : start]):
        return False
    return not (gazetteer is not None and prominent(surface, gazetteer))


def prominent(name: str, gazetteer: Gazetteer) -> bool:
    """Whether `name` is the own name of a well-known place: a country, province,
    capital, region or a city of 100,000 or more."""
    for cand in gazetteer.candidates(name, fuzzy=False):
        p = cand.place
        if cand.main and (p.population >= 100_000 or p.feature_code in _PROMINENT_CODES):
            return True
    return False


def capitalised_spans(text: str, gazetteer: Gazetteer) -> list[Span]:
    """Gazetteer-backed spans among runs of capitalised words, longest match first."""
    tokens = _tokens(text)
    out: list[Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        word = tokens[i][2]
        if not _capitalised(word):
            i += 1
            continue
        # Grow a window of up to MAX_TOKENS tokens that stays inside one phrase.
        j = i + 1
        window = [tokens[i]]
        while j < n and len(window) < MAX_TOKENS:
            gap = text[window[-1][1] : tokens[j][0]]
            dotted = gap == "." and len(window[-1][2]) == 1 and len(tokens[j][2]) == 1
            if gap not in (" ", "-", " - ") and not dotted:
                break
            if "\n" in gap:
                break
            w = tokens[j][2]
            if not (_capitalised(w) or w.lower() in _CONNECTORS):
                break
            window.append(tokens[j])
            j += 1
        matched = False
        for k in range(len(window), 0, -1):
            if window[k - 1][2].lower() in _CONNECTORS:
                continue
            s = window[0][0]
            e = _strip_possessive(s, window[k - 1][1], text)
            demonym = demonym_country(text[s:e])
            if demonym and fold(text[s:e]) not in not_places():
                out.append(Span(s, e, text[s:e], demonym=demonym.iso2))
                i += k
                matched = True
                break
            if gazetteer.has_key(text[s:e]):
                span = Span(s, e, text[s:e])
                # One word of a longer proper name ("Windsor Castle", "Rue Casa Calvo").
                span.embedded = k == 1 and (
                    _name_word(window[1:2]) or _name_word(_previous(tokens, i, text))
                )
                out.append(span)
                i += k
                matched = True
                break
        if not matched:
            i += 1
    return out


def _previous(tokens: list[tuple[int, int, str]], i: int, text: str) -> list:
    """The token right before token i when only a space separates them."""
    if i == 0 or text[tokens[i - 1][1] : tokens[i][0]] != " ":
        return []
    return [tokens[i - 1]]


def _name_word(tokens: list) -> bool:
    """Whether a neighbouring token continues a proper name (capitalised, not a place-
    type word such as "Province" or "Mountains", not a connector)."""
    if not tokens:
        return False
    word = tokens[0][2]
    low = fold(word)
    return _capitalised(word) and low not in _CONNECTORS and low not in modifier_words()


def entity_spans(doc) -> list[Span]:
    """spaCy GPE/LOC/FAC entities, without a leading "the"."""
    out = []
    for ent in getattr(doc, "ents", ()):
        if ent.label_ not in ("GPE", "LOC", "FAC", "NORP"):
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
        if text.lower().startswith("the "):
            start, text = start + 4, text[4:]
        end = start + len(text)
        if ent.label_ == "NORP":
            country = demonym_country(text)
            if country and fold(text) not in not_places():
                out.append(Span(start, end, text, label="NORP", demonym=country.iso2))
            continue
        out.append(Span(start, end, text, label=ent.label_))
    return out


def person_spans(doc) -> list[tuple[int, int]]:
    """Multi-word PERSON entities: a place name inside one is a person's name."""
    return [
        (ent.start_char, ent.end_char)
        for ent in getattr(doc, "ents", ())
        if ent.label_ == "PERSON" and len(ent) > 1
    ]


def recognise(text: str, gazetteer: Gazetteer, doc=None) -> list[Span]:
    """Every candidate toponym span of `text`, without overlaps, in text order."""
    spans = capitalised_spans(text, gazetteer)
    persons: list[tuple[int, int]] = []
    if doc is not None:
        ents = entity_spans(doc)
        persons = person_spans(doc)
        labelled = {(s.start, s.end): s.label for s in ents}
        for s in spans:
            s.label = labelled.get((s.start, s.end), s.label)
        spans.extend(ents)
    # Overlaps: the longer span wins; on a tie, the one spaCy labelled.
    spans.sort(key=lambda s: (-(s.end - s.start), not s.label, s.start))
    kept: list[Span] = []
    taken = SpanSet()
    person_set = SpanSet(persons)
    for s in spans:
        if taken.overlaps(s.start, s.end):
            continue
        if not s.demonym and is_common_word_span(text, s.start, s.end, s.label, gazetteer):
            continue
        if s.embedded and s.label not in ("GPE", "LOC") and not prominent(s.text, gazetteer):
            continue
        if person_set.strictly_inside(s.start, s.end):
            continue
        kept.append(s)
        taken.add(s.start, s.end)
    kept.sort(key=lambda s: s.start)
    return kept
