"""Event place choice: which of the places named near a trigger is where it happened.

The most specific place attached to the event wins, not the dateline, not a place
used to describe another ("Kut, southeast of the capital Baghdad"), not the city
where an official spoke. A sentence without a place borrows one from the sentences
just before it, then from the dateline, then from the document's main place, and only
then falls back to the country at precision 3.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from itertools import pairwise

from spacy.tokens import Span

from flashpoint.models import PlaceMention
from flashpoint.nlp.annotate import doc_text
from flashpoint.resources import read_toml

_LEVEL_RANK = {"place": 3, "admin2": 2, "admin1": 1, "country": 0, "region": -1}
_IN_PREPS = {"in", "at", "near", "inside", "outside", "around", "into", "on", "across"}


@lru_cache(maxsize=1)
def _context_words() -> dict[str, frozenset[str]]:
    data = read_toml("places.toml")
    return {k: frozenset(w.lower() for w in v) for k, v in data.items()}


_NEXT_WORDS = re.compile(r"[ \t]+([A-Z][\w'’\-]*)(?:[ \t]+([A-Z][\w'’\-]*))?")


def names_institution(m: PlaceMention, text: str) -> bool:
    """The place name opens an institution's name ("the Kurdistan Parliament", "Basra
    Provincial Council"): the institution is not where an event happened."""
    nxt = _NEXT_WORDS.match(text, m.end)
    if not nxt:
        return False
    heads = _context_words()["institution_heads"]
    return any(w is not None and w.lower() in heads for w in nxt.groups())


def _border_landmark(m: PlaceMention, text: str) -> bool:
    before = text[max(0, m.start - 20) : m.start].lower()
    return bool(re.search(r"\bborders?\s+(with|of)\s+(the\s+)?$", before))


def candidates(mentions: list[PlaceMention], start: int, end: int, text: str):
    """Resolved places between two offsets that can be an event's scene: not datelines,
    not part of an institution's name, not a border named as a landmark."""
    return [
        m
        for m in mentions_in(mentions, start, end)
        if not is_dateline(m, text)
        and not names_institution(m, text)
        and not _border_landmark(m, text)
    ]


def level(m: PlaceMention) -> str:
    return m.place.level if m.place is not None else "place"


def mentions_in(mentions: list[PlaceMention], start: int, end: int) -> list[PlaceMention]:
    return [m for m in mentions if start <= m.start < end and m.place is not None]


_DATELINE = re.compile(
    r"[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][\w .'\-]{1,40})?\s*(?:\([^)]{1,40}\))?\s*(?:[-–—:]|$)"
)


_PAREN_DATELINE = re.compile(r"\(\s*[A-Z][A-Za-z .'\-]{2,30}\)\s*[-–—:]?")


def dateline_end(text: str, start: int) -> int:
    """End of a dateline ("KIRKUK, Iraq:", "MOSUL, Nineveh -") opening the
    paragraph at `start`, or `start` when there is none. A dateline names where the
    report was filed, not where the event happened."""
    p = _PAREN_DATELINE.match(text, start)
    if p:
        return p.end()  # "(Kismayo) Residents said ..."
    m = _DATELINE.match(text, start)
    if not m:
        return start
    head = text[start : m.end()]
    first_word = head.split(",")[0].split("(")[0].strip(" -–—:")
    if not first_word.isupper() or len(first_word) < 3:
        return start
    return m.end()


def is_dateline(m: PlaceMention, text: str) -> bool:
    line_start = text.rfind("\n", 0, m.start) + 1
    return m.start < dateline_end(text, line_start)


def _token_at(sent: Span, char: int):
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _score(
    m: PlaceMention,
    sent: Span,
    trigger_char: int,
    others: list[PlaceMention],
    focus: str | None = None,
) -> float:
    score = _LEVEL_RANK.get(level(m), 0) * 1.0
    if focus and m.place is not None and m.place.country_code and m.place.country_code != focus:
        # A foreign namesake in a report about one country ("the Yarmouk district of
        # Baghdad") loses to the places of that country named beside it.
        score -= 2.5
    tok = _token_at(sent, m.start)
    if tok is not None:
        # Walk up a compound chain ("Kirkuk city", "Arab Koy village").
        head = tok
        while head.dep_ in ("compound", "amod") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ in _IN_PREPS:
            score += 1.0
        if (
            head.dep_ == "pobj"
            and head.head.lower_ == "of"
            and head.head.head.lower_
            in (
                "capital",
                "city",
                "town",
                "village",
                "province",
                "district",
                "governorate",
                "outskirts",
                "area",
                "region",
                "center",
                "centre",
            )
        ):
            score += 0.8
        if head.dep_ == "pobj" and head.head.lower_ in _context_words()["origin_words"]:
            score -= 1.5  # "troops sent from the district centre": an origin
        # "... southeast of the capital Baghdad" after another place: a description.
        if head.dep_ == "appos" or (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "capital"):
            score -= 1.5
    if m.relation not in ("in", "") and any(
        o.relation == "in" and o.end <= m.start and m.start - o.end < 40 and o is not m
        for o in others
    ):
        # "in Kut, southeast of the capital Baghdad": Baghdad describes Kut.
        score -= 2.0
    if (
        m.place is not None
        and m.place.level in ("country", "region")
        and any(o.place is not None and o.place.level not in ("country", "region") for o in others)
    ):
        score -= 2.0
    distance = abs(m.start - trigger_char)
    score -= min(distance, 300) / 300.0
    return score


def choose(
    mentions: list[PlaceMention], sent: Span, trigger_char: int, focus: str | None = None
) -> list[PlaceMention]:
    """Places of the event in `sent`, best first; a listed series ("X, Y and Z") all."""
    text = doc_text(sent.doc)
    inside = candidates(mentions, sent.start_char, sent.end_char, text)
    if not inside:
        return []
    ranked = sorted(inside, key=lambda m: -_score(m, sent, trigger_char, inside, focus))
    best = ranked[0]
    # "the villages of Bashiqa, Bartella and Karamles": same-level names in a list
    # each get an event of their own.
    ordered = sorted(inside, key=lambda m: m.start)
    chains: list[list[PlaceMention]] = [[ordered[0]]]
    for prev, cur in pairwise(ordered):
        gap = text[prev.end : cur.start]
        if level(prev) == level(cur) and _LIST_GAP.fullmatch(gap):
            chains[-1].append(cur)
        else:
            chains.append([cur])
    chain = next(c for c in chains if best in c)
    return chain if len(chain) > 1 and level(best) == "place" else [best]


def refine_coarse(chosen: list[PlaceMention], borrowed: list[PlaceMention]) -> list[PlaceMention]:
    """A sentence that names only a country or region ("a market town in the Kurdistan
    Region") keeps the finer place of the lines just before when that place
    lies inside it."""
    if len(chosen) != 1 or not borrowed or chosen[0].place is None:  # None or []
        return chosen
    coarse, fine = chosen[0].place, borrowed[0].place
    if coarse.level not in ("country", "region") or fine is None:
        return chosen
    if fine.level in ("country", "region") or fine.country_code != coarse.country_code:
        return chosen
    return borrowed


_LIST_GAP = re.compile(r"\s*(,|,?\s*and|,?\s*or)\s*", re.I)


def _paragraph_of(text: str, char: int) -> int:
    return text.count("\n\n", 0, char)


def borrow_recent(
    mentions: list[PlaceMention],
    sents: list[Span],
    si: int,
    text: str,
    sentence_dates: list[date | None] | None = None,
    home=None,
) -> list[PlaceMention] | None:
    """The finest place of the one or two sentences before `si` (same or next
    paragraph); [] when the sentence before tells another day; None when none is named."""
    own_day = sentence_dates[si] if sentence_dates else None
    for back in (1, 2):
        if si - back < 0:
            break
        prev = sents[si - back]
        if _paragraph_of(text, prev.start_char) < _paragraph_of(text, sents[si].start_char) - 1:
            break
        prev_day = sentence_dates[si - back] if sentence_dates else None
        if own_day is not None and prev_day is not None and prev_day != own_day:
            # "On Saturday, forces detained four suspects" after a line about a Tuesday
            # strike: the strike's place says nothing about the arrests.
            return []
        found = candidates(mentions, prev.start_char, prev.end_char, text)
        found = [m for m in found if m.place.level not in ("country", "region")]
        if home is not None:
            found = home(found)
        if found:
            return [max(found, key=lambda m: _LEVEL_RANK.get(level(m), 0))]
    return None


def borrow(
    mentions: list[PlaceMention],
    sents: list[Span],
    si: int,
    text: str,
    focus: str | None = None,
    sentence_dates: list[date | None] | None = None,
) -> list[PlaceMention]:
    """A place for a sentence that names none: recent sentences, dateline, main place.

    A recent sentence lends its place only when it does not tell another day than this
    one (`sentence_dates`: the day each sentence's own time phrase gives, if any), and a
    place of the report's country (`focus`) is preferred to a foreign namesake.
    """

    def home(found: list[PlaceMention]) -> list[PlaceMention]:
        local = [m for m in found if focus and m.place.country_code == focus]
        return local or found

    recent = borrow_recent(mentions, sents, si, text, sentence_dates, home)
    if recent is not None:
        return recent
    resolved = [m for m in mentions if m.place is not None and not names_institution(m, text)]
    if not resolved:
        return []
    datelines = [m for m in resolved if is_dateline(m, text)]
    # The place the report is mostly about (a dateline names where it was filed).
    fine = home(
        [m for m in resolved if m.place.level not in ("country", "region") and m not in datelines]
    )
    if fine:
        counts: dict[int, int] = {}
        for m in fine:
            counts[m.place.geonameid] = counts.get(m.place.geonameid, 0) + 1
        top = max(fine, key=lambda m: (counts[m.place.geonameid], -m.start))
        return [top]
    if datelines:
        return [datelines[0]]
    return [resolved[0]]
