"""Numbers written in digits or words ("12", "1,200", "twenty-five", "a dozen").

Counting words are few and closed-class, so a small parser is faster and more
predictable here than a general library; vague words ("several", "dozens") come from
`data/counts.toml`, the coding guidelines' table.
"""

from __future__ import annotations

import re
from functools import lru_cache

from flashpoint.resources import read_toml

UNITS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "both": 2, "couple": 2, "pair": 2,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")


@lru_cache(maxsize=1)
def vague_values() -> dict[str, int]:
    return {k.lower(): int(v) for k, v in read_toml("counts.toml")["vague"].items()}


def is_vague_count(text: str) -> bool:
    """Whether a count phrase is one of the vague words ("several", "dozens", "a number
    of") rather than a figure."""
    words = f" {' '.join(text.lower().split())} "
    return any(f" {v} " in words for v in vague_values())


def parse_number_words(words: list[str]) -> int | None:
    """Value of a sequence of number words (["twenty", "-", "five"]) or None."""
    total = 0
    current = 0
    seen = False
    for raw in words:
        w = raw.lower().strip()
        if w in ("-", "and", ""):
            continue
        if _DIGITS.match(w):
            current += int(w.replace(",", ""))
            seen = True
        elif w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif "-" in w and all(p in TENS or p in UNITS for p in w.split("-")):
            current += sum(TENS.get(p, UNITS.get(p, 0)) for p in w.split("-"))
            seen = True
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> int | None:
    """Value of a number phrase in digits or words, or of a vague quantity word."""
    t = text.lower().strip()
    if not t:
        return None
    if t in vague_values():
        return vague_values()[t]
    t = re.sub(
        r"^(at least|more than|over|nearly|almost|about|around|some|up to|"
        r"approximately|roughly|as many as|no fewer than|at most)\s+",
        "",
        t,
    )
    if _DIGITS.match(t):
        return int(t.replace(",", ""))
    return parse_number_words(re.split(r"[\s]+|(?<=\w)-(?=\w)", t))


def is_number_word(word: str) -> bool:
    w = word.lower()
    return bool(
        _DIGITS.match(w)
        or w in UNITS
        or w in TENS
        or w in SCALES
        or ("-" in w and all(p in TENS or p in UNITS for p in w.split("-")))
    )
