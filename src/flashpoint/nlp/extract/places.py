"""Event place choice: which of the places named near a trigger is where it happened.

The most specific place attached to the event wins, not the dateline, not a place
used to describe another ("Kirkuk city, north of the capital Baghdad"), not the city
where an official spoke. A sentence without a place borrows one from the sentences
just before it, then from the dateline, then from the document's main place, and only
then falls back to the country at precision 3.
"""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span

from flashpoint.models import PlaceMention
from flashpoint.nlp.annotate import doc_text

_LEVEL_RANK = {"place": 3, "admin2": 2, "admin1": 1, "country": 0, "region": -1}
_IN_PREPS = {"in", "at", "near", "inside", "outside", "around", "into", "on", "across"}


def level(m: PlaceMention) -> str:
    return m.place.level if m.place is not None else "place"


def mentions_in(mentions: list[PlaceMention], start: int, end: int) -> list[PlaceMention]:
    return [m for m in mentions if start <= m.start < end and m.place is not None]


_DATELINE = re.compile(
    r"[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][\w .'\-]{1,40})?\s*(?:\([^)]{1,40}\))?\s*(?:[-–—:]|$)"
)


_PAREN_DATELINE = re.compile(r"\(\s*[A-Z][A-Za-z .'\-]{2,30}\)\s*[-–—:]?")


def dateline_end(text: str, start: int) -> int:
    """End of a dateline ("KIRKUK, Iraq:", "ERBIL, Kurdistan Region -") opening the
    paragraph at `start`, or `start` when there is none. A dateline names where the
    report was filed, not where the event happened."""
    p = _PAREN_DATELINE.match(text, start)
    if p:
        return p.end()  # "(Mogadishu) Officials said ..."
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
        # A foreign namesake in a report about one country ("the Riyadh sub-district of
        # Kirkuk") loses to the places of that country named beside it.
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
        # "near the border with Niger": a landmark, not where it happened.
        before = doc_text(sent.doc)[max(0, m.start - 20) : m.start].lower()
        if re.search(r"\bborders?\s+(with|of)\s+(the\s+)?$", before):
            score -= 2.5
        # "... north of the capital Baghdad" after another place: a description.
        if head.dep_ == "appos" or (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "capital"):
            score -= 1.5
    if m.relation not in ("in", "") and any(
        o.relation == "in" and o.end <= m.start and m.start - o.end < 40 and o is not m
        for o in others
    ):
        # "in Kirkuk city, north of the capital Baghdad": Baghdad describes Kirkuk.
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
    inside = [
        m for m in mentions_in(mentions, sent.start_char, sent.end_char) if not is_dateline(m, text)
    ]
    if not inside:
        return []
    ranked = sorted(inside, key=lambda m: -_score(m, sent, trigger_char, inside, focus))
    best = ranked[0]
    # "the villages of Dhiban, al-Hawayej and al-Tayyana": same-level names in a list
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


_LIST_GAP = re.compile(r"\s*(,|,?\s*and|,?\s*or)\s*", re.I)
