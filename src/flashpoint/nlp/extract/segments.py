"""Segments: one sentence that tells incidents of different days, split into one span per
day.

"On Sunday, four fighters died in a drone strike in Anbar, and on Thursday, two were
shot dead in a raid in Diyala" tells two events; so does "Three marchers were wounded
on Monday and two on Saturday when troops fired on the crowd". A sentence is cut
before a time phrase of another day when a clause boundary ("and", "but", ";", "after",
"when", "while") lies between it and the previous time phrase; each part keeps the cues,
counts and places written in it. A sentence with one day, or whose parts would not each
hold a cue, stays whole.
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span

from flashpoint.nlp.extract.dates import TimeMention
from flashpoint.nlp.extract.numbers import is_number_word, parse_number
from flashpoint.nlp.extract.triggers import Cue

# Words that open a new clause, before which a sentence may be cut.
_BOUNDARIES = {"and", "but", ";", "after", "when", "while", "whereas", "before"}


def _token_index(sent: Span, char: int) -> int | None:
    for tok in sent:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok.i
    return None


def split_by_day(sent: Span, cues: list[Cue], times: list[TimeMention]) -> list[Span]:
    """The sentence as one span per day it tells (see the module docstring)."""
    dated = [t for t in times if t.date is not None and sent.start_char <= t.start < sent.end_char]
    if len({t.date for t in dated}) < 2:
        return [sent]
    doc = sent.doc
    cuts: list[int] = []
    prev_tok: int | None = None
    prev_date = None
    for tm in dated:
        at = _token_index(sent, tm.start)
        if at is None:
            continue
        if prev_tok is not None and tm.date != prev_date:
            bounds = [i for i in range(prev_tok + 1, at) if doc[i].lower_ in _BOUNDARIES]
            if bounds:
                cuts.append(bounds[-1])
        prev_tok, prev_date = at, tm.date
    if not cuts:
        return [sent]
    edges = [sent.start, *cuts, sent.end]
    parts = [doc[a:b] for a, b in pairwise(edges) if b > a]
    if not all(any(p.start <= c.head < p.end for c in cues) for p in parts):
        return [sent]
    return parts


def elliptical_count(part: Span, before: list[Cue]) -> tuple[str, int, int] | None:
    """ "... were wounded on Monday and two on Saturday": a bare number opening a part
    that has no death or injury word of its own counts what the part before counted.
    Returns (cue kind, value, token index) or None."""
    kinds = [c.kind for c in before if c.kind in ("kill", "injure")]
    if not kinds:
        return None
    doc = part.doc
    for tok in part[:4]:
        if not (tok.like_num or is_number_word(tok.text)):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.i < part.end:
            return None  # "and two soldiers ...": a count with its own noun and verb
        value = parse_number(tok.text)
        if value is not None:
            return kinds[0], value, tok.i
    return None
