"""Clean stage: drop repeated paragraphs and sentences, keep a map to original offsets.

News pages repeat themselves (pull quotes, syndicated blocks, a paragraph pasted twice).
A repeat must not become a second event, so repeats are removed before parsing. The
cleaned text is made only of verbatim slices of the original, which keeps the offset
map piecewise linear and exact: every evidence span points into the text as read.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from flashpoint.resources import boilerplate_patterns

# One-for-one character replacements (length preserving, so offsets stay valid).
_SAME_LENGTH = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": " ",
        "\u200c": " ",
        "\u200d": " ",
        "\ufeff": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\t": " ",
        "\r": "\n",
    }
)

_PARA_RE = re.compile(r"[^\n]+")
# A cheap sentence splitter, good enough to find verbatim repeats (not for parsing).
_SENT_RE = re.compile(r"[^.!?\u201d\"]+(?:[.!?]+[\u201d\"]?|[\u201d\"]|$)")
_WORD_RE = re.compile(r"\w+")


def _key(text: str) -> str:
    """Normalised form for repeat detection: case, accents and punctuation ignored."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(_WORD_RE.findall(folded))


@dataclass(slots=True)
class CleanText:
    """Cleaned text plus the map back to the original.

    `segments` holds (clean_start, original_start, length) triples in order.
    """

    text: str
    original: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    dropped: list[tuple[int, int]] = field(default_factory=list)

    def to_original(self, offset: int) -> int:
        """Map an offset of the cleaned text to the original text."""
        if not self.segments:
            return offset
        starts = [s[0] for s in self.segments]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        clean_start, orig_start, length = self.segments[i]
        delta = min(max(offset - clean_start, 0), length)
        return orig_start + delta

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span; the end is mapped as the end of its last character."""
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1 if end > start else o_start
        return o_start, o_end


def _truncated_repeat(s_text: str, s_key: str, seen: set[str]) -> bool:
    """A sentence cut off mid-way (no closing punctuation, as a scraped page that ends
    mid-sentence) that begins like a sentence already kept: the same sentence again."""
    if len(s_key.split()) < 8 or s_text.rstrip().endswith((".", "!", "?", '"', "”", "’", "'")):
        return False
    return any(k.startswith(s_key) for k in seen)


def clean(text: str) -> CleanText:
    """Remove boilerplate lines and verbatim-repeated paragraphs and sentences."""
    normalised = text.translate(_SAME_LENGTH)
    boiler = boilerplate_patterns()
    seen_paras: set[str] = set()
    seen_sents: set[str] = set()
    pieces: list[tuple[int, int, str]] = []  # (orig_start, orig_end, joiner-before)
    dropped: list[tuple[int, int]] = []

    for para in _PARA_RE.finditer(normalised):
        p_text = para.group()
        if not p_text.strip():
            continue
        key = _key(p_text)
        if not key:
            continue
        if any(rx.search(p_text.strip()) for rx in boiler):
            dropped.append((para.start(), para.end()))
            continue
        if key in seen_paras:
            dropped.append((para.start(), para.end()))
            continue
        seen_paras.add(key)
        first = True
        for sent in _SENT_RE.finditer(p_text):
            s_text = sent.group()
            if not s_text.strip():
                continue
            s_key = _key(s_text)
            o_start = para.start() + sent.start()
            o_end = para.start() + sent.end()
            # Short fragments ("Iraq.", "AFP") repeat legitimately; only drop real sentences.
            if s_key and len(s_key.split()) >= 6 and s_key in seen_sents:
                dropped.append((o_start, o_end))
                continue
            if _truncated_repeat(s_text, s_key, seen_sents):
                dropped.append((o_start, o_end))
                continue
            seen_sents.add(s_key)
            pieces.append((o_start, o_end, "\n\n" if first else ""))
            first = False

    # Merge adjacent sentence pieces of one paragraph back into contiguous slices.
    out: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0
    prev_end = None
    for o_start, o_end, joiner in pieces:
        if prev_end is not None and not joiner and o_start == prev_end and segments:
            c_start, s_orig, length = segments[-1]
            segments[-1] = (c_start, s_orig, length + (o_end - o_start))
            out.append(normalised[o_start:o_end])
            pos += o_end - o_start
        else:
            sep = "" if not out else ("\n\n" if joiner else " ")
            out.append(sep)
            pos += len(sep)
            segments.append((pos, o_start, o_end - o_start))
            out.append(normalised[o_start:o_end])
            pos += o_end - o_start
        prev_end = o_end
    return CleanText(text="".join(out), original=text, segments=segments, dropped=dropped)
