"""Find a model's quotes in the report: the character span each one came from.

A model copies text imperfectly: curly quotes become straight, line breaks become
spaces, a word is dropped or a long passage is cut with "...". A quote is looked for
exactly, then with case, quote marks, dashes and white space folded, then (long quotes
only) by fuzzy alignment (rapidfuzz) that must agree on nearly every character. A
quote that is not found is not evidence, and the caller drops or flags what rests on it.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

# Quotes shorter than this are never matched fuzzily: "IS" or "Monday" could be anywhere.
FUZZY_MIN_CHARS = 24
FUZZY_MIN_SCORE = 92.0  # anchored on first and last words: 85

_FOLD = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\u00a0": " ",
    }
)  # fmt: skip
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\])\s*")


class FoldedText:
    """A text folded for matching, with a map from folded back to original offsets."""

    def __init__(self, text: str):
        self.text = text
        out: list[str] = []
        index: list[int] = []
        prev_space = False
        for i, ch in enumerate(text):
            ch = ch.translate(_FOLD).lower()
            if ch.isspace():
                if prev_space:
                    continue
                ch, prev_space = " ", True
            else:
                prev_space = False
            out.append(ch)
            index.append(i)
        self.folded = "".join(out)
        self._index = index

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded range [start, end)."""
        return self._index[start], self._index[end - 1] + 1

    def folded_pos(self, original: int) -> int:
        """The first folded position at or after an original offset."""
        lo, hi = 0, len(self._index)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._index[mid] < original:
                lo = mid + 1
            else:
                hi = mid
        return lo


def fold(quote: str) -> str:
    return " ".join(quote.translate(_FOLD).lower().split())


def _bounded(q: str) -> re.Pattern[str]:
    """The quote as a regex that does not start or end inside a word."""
    pat = re.escape(q)
    if q[:1].isalnum():
        pat = r"(?<!\w)" + pat
    if q[-1:].isalnum():
        pat += r"(?!\w)"
    return re.compile(pat)


def _clean(quote: str) -> str:
    q = quote.strip()
    while len(q) > 1 and q[0] in "\"'“”‘’«»" and q[-1] in "\"'“”‘’«»":
        q = q[1:-1].strip()
    return q.rstrip(" ,;")


def locate(
    text: FoldedText, quote: str | None, lo: int = 0, hi: int | None = None, fuzzy: bool = True
) -> tuple[int, int] | None:
    """Span (original offsets) of `quote` inside text[lo:hi], or None."""
    if not quote:
        return None
    q = _clean(quote)
    if not q:
        return None
    hi = len(text.text) if hi is None else hi
    parts = [p for p in _ELLIPSIS.split(q) if p.strip()]
    if len(parts) > 1:
        first = locate(text, parts[0], lo, hi, fuzzy)
        if first is None:
            return None
        last = locate(text, parts[-1], first[1], hi, fuzzy)
        return (first[0], last[1]) if last is not None else None
    m = _bounded(q).search(text.text, lo, hi)
    if m:
        return m.span()
    fq = fold(q)
    if not fq:
        return None
    flo, fhi = text.folded_pos(lo), text.folded_pos(hi)
    m = _bounded(fq).search(text.folded, flo, fhi)
    if m:
        return text.original(*m.span())
    if not fuzzy or len(fq) < FUZZY_MIN_CHARS:
        return None
    found = _fuzzy(fq, text.folded, flo, fhi)
    return text.original(*found) if found is not None else None


def _fuzzy(fq: str, folded: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Folded span of a long quote copied with small slips: anchored on its first and
    last words when both are found, else the best-aligned window of its length."""
    words = fq.split()
    if len(words) >= 8:
        head, tail = " ".join(words[:3]), " ".join(words[-3:])
        limit = int(len(fq) * 1.5) + 20
        for m in _bounded(head).finditer(folded, lo, hi):
            t = _bounded(tail).search(folded, m.end(), min(hi, m.start() + limit))
            if t and fuzz.ratio(fq, folded[m.start() : t.end()]) >= FUZZY_MIN_SCORE - 7:
                return m.start(), t.end()
    found = fuzz.partial_ratio_alignment(fq, folded[lo:hi], score_cutoff=FUZZY_MIN_SCORE)
    if found is None:
        return None
    start, end = lo + found.dest_start, lo + found.dest_end
    # The window has the quote's length: trim what it took in beyond word edges.
    while start < end and not folded[start].isalnum() and fq[0].isalnum():
        start += 1
    while end > start and not folded[end - 1].isalnum() and fq[-1].isalnum():
        end -= 1
    return (start, end) if end > start else None
