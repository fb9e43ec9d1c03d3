"""Merge in document: mentions of one incident (repeats, summaries, follow-up lines)
become one event.

Two drafts are one incident when they share the event type, the day (or one of them
has no date of its own) and the place (or one borrowed its place). A follow-up sentence
that adds only a count ("A fourth soldier was injured in the same attack") is folded
into the event before it.
"""

from __future__ import annotations

import re

from flashpoint.extract.fill import Arg, Draft

_ANAPHORA = re.compile(
    r"\b(the|that|this|same)\s+(same\s+)?(attack|blast|explosion|bombing|incident|"
    r"assault|ambush|raid|strike|clashes?|fighting|shelling|violence|operation)\b",
    re.I,
)


def _place_key(d: Draft):
    if d.place is None or d.place.place is None:
        return None
    return d.place.place.geonameid


def _same_incident(a: Draft, b: Draft) -> bool:
    if (a.frame.event_type, a.frame.sub_event_type) != (b.frame.event_type, b.frame.sub_event_type):
        return False
    dates_ok = a.date is None or b.date is None or a.date == b.date or (
        a.time is None or b.time is None
    )
    if not dates_ok:
        return False
    pa, pb = _place_key(a), _place_key(b)
    places_ok = pa is None or pb is None or pa == pb or a.place_borrowed or b.place_borrowed
    if not places_ok:
        return False
    # Different named initiators or targets are different incidents.
    for x, y in ((a.initiator, b.initiator), (a.target, b.target)):
        if x is not None and y is not None and x.type.template != y.type.template:
            return False
    return True


def _is_follow_up(d: Draft) -> bool:
    """A sentence that only adds detail to the incident before it."""
    text = d.sent.text
    return bool(_ANAPHORA.search(text)) and (d.place is None or d.place_borrowed)


def _better(a: Arg | None, b: Arg | None) -> Arg | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if (a.value or 0) >= (b.value or 0) else b


def _absorb(keep: Draft, other: Draft, add_counts: bool) -> None:
    if add_counts:
        # A follow-up line counts people the first line did not ("a fourth soldier").
        for name in ("fatalities", "injuries"):
            mine, theirs = getattr(keep, name), getattr(other, name)
            if mine is None:
                setattr(keep, name, theirs)
            elif theirs is not None and other.sentence_index != keep.sentence_index:
                setattr(keep, name, mine if mine.value >= theirs.value else theirs)
    else:
        keep.fatalities = _better(keep.fatalities, other.fatalities)
        keep.injuries = _better(keep.injuries, other.injuries)
    if keep.initiator is None and other.initiator is not None:
        keep.initiator, keep.initiator_kind = other.initiator, other.initiator_kind
    if keep.target is None and other.target is not None:
        keep.target, keep.target_kind = other.target, other.target_kind
    if keep.time is None and other.time is not None:
        keep.time, keep.date, keep.precision = other.time, other.date, other.precision
    if (keep.place is None or keep.place_borrowed) and other.place is not None and not (
        other.place_borrowed
    ):
        keep.place, keep.place_borrowed = other.place, False
    keep.evidence_extra.append((other.sent.start_char, other.sent.end_char))


def merge(drafts: list[Draft]) -> list[Draft]:
    """Collapse drafts that tell the same incident; order of first mention is kept."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and _is_follow_up(d)
            and d.sentence_index - prev.sentence_index <= 2
            and prev.frame.family == d.frame.family
        ):
            # Counts told in the next line belong to the same attack.
            prev.injuries = _better(prev.injuries, d.injuries)
            if d.fatalities is not None:
                prev.fatalities = _better(prev.fatalities, d.fatalities)
            prev.evidence_extra.append((d.sent.start_char, d.sent.end_char))
            continue
        twin = next((o for o in out if _same_incident(o, d)), None)
        if twin is not None:
            _absorb(twin, d, add_counts=False)
            continue
        out.append(d)
    return out
