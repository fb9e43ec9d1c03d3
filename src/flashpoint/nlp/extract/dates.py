"""Time phrases to an event date and ACLED time precision.

Resolution follows the coding guidelines: a weekday is the most recent such day on or
before publication; "yesterday" is publication minus one; "last week" is publication
minus seven at precision 2; a month alone is its first day at precision 3; a day and
month without a year take the publication year (the previous year if that would lie
after publication). Without a publication date, only phrases that carry their own year
resolve: the date is null rather than invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8,
    "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10,
    "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
    "saturday": 5, "sunday": 6,
}  # fmt: skip

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

# Order matters: the most specific pattern first. Each yields a kind for `_resolve`.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b(?:{_WD},?\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR})?", re.I)),
    (
        "dmy",
        re.compile(
            rf"\b(?:{_WD},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?:in|during|since|throughout|of|early|late|mid-?)\s+{_MONTH}(?:\s+{_YEAR})?\b",
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?:in|since|during|throughout|of|early|late|mid-?|until|by)\s+(?:the\s+(?:first|second)\s+half\s+of\s+)?{_YEAR}\b",
            re.I,
        ),
    ),
    ("last_year", re.compile(r"\b(?:last|past|previous)\s+year\b", re.I)),
    (
        "future",
        re.compile(
            r"\b(?:tomorrow|next\s+(?:week|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
            re.I,
        ),
    ),
    ("days_ago", re.compile(r"\b(?P<n>\w+)\s+days?\s+(?:ago|earlier|before)\b", re.I)),
    ("last_week", re.compile(r"\b(?:last|past|previous)\s+week(?:end)?\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier\s+)?this\s+week(?:end)?\b", re.I)),
    ("last_month", re.compile(r"\b(?:last|past|previous)\s+month\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.I)),
    ("last_night", re.compile(r"\b(?:last|overnight|late)\s+night\b|\bovernight\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("weekday", re.compile(rf"\b{_WD}\b", re.I)),
    (
        "day_before",
        re.compile(
            r"\b(?:the\s+(?:previous|preceding)\s+day|the\s+day\s+before|a\s+day\s+(?:earlier|before))\b",
            re.I,
        ),
    ),
    (
        "same_day",
        re.compile(
            r"\b(?:the\s+same\s+day|that\s+day|later\s+that\s+day|the\s+same\s+(?:night|morning|evening))\b",
            re.I,
        ),
    ),
]

# The same patterns without re.IGNORECASE, run over the lower-cased text: case folding
# at every position made these scans a large share of a document's extraction time.
_LOWER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)) for kind, rx in _PATTERNS
]

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(slots=True)
class TimeMention:
    """A time phrase found in text, with the date it resolves to (if any)."""

    start: int
    end: int
    text: str
    kind: str
    date: date | None
    precision: int


def _most_recent_weekday(ref: date, weekday: int) -> date:
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], ref: date | None, prior: date | None):
    """(date, precision) for one match; date None when it cannot be resolved."""
    g = m.groupdict()
    if kind == "iso":
        return _safe_date(int(g["year"]), int(g["m"]), int(g["day"])), 1
    if kind in ("mdy", "dmy"):
        month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        if g.get("year"):
            return _safe_date(int(g["year"]), month, day), 1
        if ref is None:
            return None, 1
        d = _safe_date(ref.year, month, day)
        if d and d > ref + timedelta(days=1):
            d = _safe_date(ref.year - 1, month, day)
        return d, 1
    if kind == "my":
        month = MONTHS[g["month"].lower().rstrip(".")]
        if g.get("year"):
            return date(int(g["year"]), month, 1), 3
        if ref is None:
            return None, 3
        year = ref.year if month <= ref.month else ref.year - 1
        return date(year, month, 1), 3
    if kind == "year":
        return date(int(g["year"]), 1, 1), 3
    if ref is None and kind not in ("day_before", "same_day"):
        return None, 1
    if kind == "days_ago":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else _NUM_WORDS.get(raw)
        if n is None:
            return None, 2
        return ref - timedelta(days=n), 1
    if kind == "last_year":
        return ref - relativedelta(years=1), 3
    if kind == "future":
        return ref + timedelta(days=1), 2
    if kind == "last_week":
        return ref - timedelta(days=7), 2
    if kind == "this_week":
        return ref, 2
    if kind == "last_month":
        first = ref.replace(day=1) - relativedelta(months=1)
        return first, 3
    if kind == "this_month":
        return ref.replace(day=1), 3
    if kind == "last_night":
        return ref - timedelta(days=1), 1
    if kind == "yesterday":
        return ref - timedelta(days=1), 1
    if kind == "today":
        return ref, 1
    if kind == "weekday":
        return _most_recent_weekday(ref, WEEKDAYS[g["weekday"].lower()]), 1
    if kind == "day_before":
        base = prior or ref
        return (base - timedelta(days=1) if base else None), 1
    if kind == "same_day":
        return prior, 1
    return None, 3


def find_time_mentions(
    text: str, ref: date | None, offset: int = 0, prior: date | None = None
) -> list[TimeMention]:
    """All time phrases in `text` (offsets shifted by `offset`), non-overlapping."""
    taken: list[tuple[int, int]] = []
    out: list[TimeMention] = []
    lowered = text.lower()
    # Lower-casing keeps offsets unless a character folds to several ("İ").
    same_offsets = len(lowered) == len(text)
    patterns, scanned = (_LOWER_PATTERNS, lowered) if same_offsets else (_PATTERNS, text)
    for kind, rx in patterns:
        for m in rx.finditer(scanned):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "my" and re.match(r"(?i)may\b", m.group("month")) and not m.group("year"):
                continue  # "may" is far more often a modal verb than the month
            d, prec = _resolve(kind, m, ref, prior)
            taken.append((s, e))
            out.append(TimeMention(s + offset, e + offset, text[s:e], kind, d, prec))
    out.sort(key=lambda t: t.start)
    return out


def infer_reference_date(text: str) -> date | None:
    """A reference date guessed from the text when the page gives none: the latest full
    date (with a year) near the top, which is the report's own date far more often than
    an older date quoted in a caption."""
    head = text[:3000]
    found: list[date] = []
    for kind in ("iso", "mdy", "dmy"):
        rx = dict(_PATTERNS)[kind]
        for m in rx.finditer(head):
            if m.groupdict().get("year"):
                d, _ = _resolve(kind, m, None, None)
                if d:
                    found.append(d)
    return max(found) if found else None
