"""The sentence around each evidence span, for showing a coded field beside its words.

Analysts check a coded field by reading the sentence it came from, so the event view
needs that sentence split into before / the span / after. The split is done here on the
server and sent as three plain strings; the page only ever sets them as text, which is
what keeps untrusted article text inert.
"""

from __future__ import annotations

import re
from typing import Any

from flashpoint.models import Document, Event

# A sentence ends at . ! ? (optionally closed by a quote or bracket) before whitespace,
# or at a line break. Good enough to frame a span; the span itself is exact.
_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n+")
_MAX_SIDE = 400
# A period after these words (or a single letter) abbreviates; it ends no sentence.
# fmt: off
_ABBREVIATIONS = frozenset((
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "maj", "gov", "sen",
    "rep", "no", "vs", "etc", "approx", "km", "u.s", "u.n",
))
# fmt: on
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _ends_sentence(text: str, m: re.Match) -> bool:
    if text[m.start()] != ".":
        return True
    word = _WORD_BEFORE.search(text, 0, m.start())
    if word is None:
        return True
    token = word.group(1).lower()
    return not (len(token) == 1 or token in _ABBREVIATIONS)


def _locate(text: str, start: int, end: int, words: str) -> tuple[int, int] | None:
    """Where the evidence words are: the stored offsets, or the words found near them."""
    if 0 <= start < end <= len(text) and (not words or text[start:end] == words):
        return start, end
    if not words:
        return None
    hits = [m.start() for m in re.finditer(re.escape(words), text)]
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(words)


def sentence_context(text: str, start: int, end: int, words: str = "") -> dict[str, Any] | None:
    """{before, match, after, start, end}: the sentence holding the span, cut at 400 chars."""
    found = _locate(text, start, end, words)
    if found is None:
        return None
    start, end = found
    left = max(0, start - _MAX_SIDE)
    for m in _END.finditer(text, left, start):
        if _ends_sentence(text, m):
            left = m.end()
    right = len(text)
    for m in _END.finditer(text, end, min(len(text), end + _MAX_SIDE + 1)):
        if _ends_sentence(text, m):
            right = m.start() + (1 if text[m.start()] in ".!?" else 0)
            break
    left = max(left, start - _MAX_SIDE)
    right = min(right, end + _MAX_SIDE)
    return {
        "before": text[left:start],
        "match": text[start:end],
        "after": text[end:right],
        "start": start,
        "end": end,
    }


def field_evidence(event: Event, documents: dict[str, Document]) -> list[dict[str, Any]]:
    """One row per coded field that has evidence: its value, its words and their sentence."""
    rows = []
    for name, span in event.evidence.items():
        value = getattr(event, name, None) if name in Event.__dataclass_fields__ else None
        doc = documents.get(span.document_id) or documents.get(event.document_id)
        context = sentence_context(doc.text, span.start, span.end, span.text) if doc else None
        rows.append(
            {
                "field": name,
                "value": value,
                "document_id": span.document_id,
                "text": span.text,
                "start": span.start,
                "end": span.end,
                "context": context,
            }
        )
    return rows
