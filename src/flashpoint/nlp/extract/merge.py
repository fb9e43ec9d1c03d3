"""Merge in document: mentions of one incident (repeats, summaries, follow-up lines)
become one event.

A later mention joins an earlier one when all of these hold:
- same family (political violence, crowd, arrests, ...) and compatible sub-types: the
  same, or one generic ("Armed clash", "Attack") and the other a weapon-specific type
  ("an attack in Kirkuk" then "an explosive device hit a patrol" is one IED event);
- compatible days: the same, or the later mention has no time phrase of its own;
- compatible places: the same, one inside the other (same province, one coarser), or
  one borrowed from context;
- no conflicting named actors;
- close in the text (a few sentences apart), and the later sentence does not open a
  new incident ("In another incident", "separately", "meanwhile").
The merged event keeps the more specific type and place and the larger count (a
follow-up "death toll rose to eight" revises, it does not add).
"""

from __future__ import annotations

import re

from flashpoint.geo.names import fold
from flashpoint.nlp.annotate import span_text
from flashpoint.nlp.extract.classify import GROUND_EXPLOSIVES
from flashpoint.nlp.extract.fill import Arg, Draft

GENERIC_SUBTYPES = {"Armed clash", "Attack"}
MAX_SENTENCE_GAP = 4
_NEW_INCIDENT = re.compile(
    r"\b(another|separate(ly)?|meanwhile|elsewhere|in a (separate|different|second)|"
    r"earlier|previous|prior|an?\s+(second|third|fourth|fifth)(\s+\w+)?\s+"
    r"(attack|strike|airstrike|blast|explosion|bombing|raid|assault|incident|ambush))\b"
    # "another hospital source", "said earlier that": a new teller, not a new incident.
    r"(?!\s+(?:\w+\s+)?(?:source|sources|official|officials|witness|witnesses|resident|"
    r"statement|report|spokesman|spokesperson|medic)\b)",
    re.I,
)
_TOLD_EARLIER = re.compile(
    r"\b(said|says|reported|announced|told|stated|confirmed)\s+(\w+\s+)?earlier\b", re.I
)
# Words that look back to other days ("unlike the protests of the previous days"); they
# do not split a line that gives the same day as the event it follows.
_OTHER_DAYS = re.compile(r"\b(earlier|previous|prior)\b", re.I)


def _opens_new_incident(a: Draft, b: Draft) -> bool:
    """Does `b`'s opening say it tells another incident than `a`?"""
    text = _TOLD_EARLIER.sub(lambda m: " " * len(m.group(0)), span_text(b.sent))
    found = [m.group(0) for m in _NEW_INCIDENT.finditer(text) if m.start() < 80]
    if not found:
        return False
    if b.time is not None and b.date is not None and b.date == a.date:
        return not all(_OTHER_DAYS.fullmatch(w) for w in found)
    return True


# A later line that revises a toll belongs to the incident it revises, whatever its day.
_UPDATE = re.compile(
    r"\b(death toll|toll (rose|climbed|increased|reached|stands)|raising the (death )?toll|"
    r"bodies of|later died|succumbed to)\b",
    re.I,
)
_LEVEL_RANK = {"place": 3, "admin2": 2, "admin1": 1, "country": 0, "region": -1}


def _level(d: Draft) -> int:
    if d.place is None or d.place.place is None:
        return -1
    return _LEVEL_RANK.get(d.place.place.level, 0)


# Crowd events of one place and day are one event, coded by its gravest turn.
# A crowd that turned violent is a riot even when the police then killed some of it.
CROWD_RANK = {
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Excessive force against protesters": 2,
    "Violent demonstration": 3,
    "Mob violence": 3,
}


def _subtypes_compatible(a: Draft, b: Draft) -> bool:
    sa, sb = a.frame.sub_event_type, b.frame.sub_event_type
    if sa == sb:
        return True
    if a.frame.family == "crowd" and b.frame.family == "crowd":
        return True
    if a.frame.family != "violence" or b.frame.family != "violence":
        return False
    if (a.frame.weak or b.frame.weak) and a.frame.event_type == b.frame.event_type:
        return True  # "a van blew up outside the ministry" after "a suicide attacker struck"
    return sa in GENERIC_SUBTYPES or sb in GENERIC_SUBTYPES


def _places_compatible(a: Draft, b: Draft, near: bool = False) -> bool:
    """Same place, one inside the other, or (for a line right after, `near`) two places
    of one province: "an attack in Nineveh" then "a mine struck a truck near Tal Afar"."""
    if a.place_borrowed or b.place_borrowed:
        return True
    pa = a.place.place if a.place is not None else None
    pb = b.place.place if b.place is not None else None
    if pa is None or pb is None:
        return True
    if pa.geonameid == pb.geonameid:
        return True
    if pa.country_code != pb.country_code:
        return False
    if {"country", "region"} & {pa.level, pb.level}:
        return True  # "in Somalia" then "near Jowhar, Somalia"
    if near and pa.admin1 and pa.admin1 == pb.admin1:
        return True
    # One inside the other: "Kirkuk province" then "the Daquq area" in it.
    if pa.level != pb.level and pa.admin1 and pa.admin1 == pb.admin1:
        return min(_level(a), _level(b)) <= 1 or (
            pa.admin2 and pa.admin2 == pb.admin2 and min(_level(a), _level(b)) <= 2
        )
    return False


def _named(d: Draft) -> set[str]:
    """Named sides of a draft; an unidentified armed group may be any named group."""
    return {
        x.type.template
        for x in (d.initiator, d.target)
        if x is not None
        and not x.type.generic
        and not x.type.template.startswith("Unidentified Armed Group")
    }


def _actors_compatible(a: Draft, b: Draft) -> bool:
    if a.frame.family == "crowd" and b.frame.family == "crowd":
        # One crowd at one place and day: the lines name its sides in turn ("security
        # forces fired", "police used tear gas", "protesters threw stones").
        return True
    ia, ib = a.initiator, b.initiator
    if (
        ia is not None
        and ib is not None
        and not ia.type.generic
        and (ia.type.template == ib.type.template)
    ):
        return True  # the same named perpetrator; targets are often described differently
    if a.frame.event_type == "Battles" and b.frame.event_type == "Battles":
        # Two armed sides: a later line may name them the other way round
        # ("four of the raiders died as well").
        return _named(b) <= _named(a) or _named(a) <= _named(b)
    for x, y in ((a.initiator, b.initiator), (a.target, b.target)):
        if x is None or y is None:
            continue
        if x.type.template == y.type.template:
            continue
        if x.type.generic or y.type.generic:
            continue
        if _unidentified(x, y) or _unidentified(y, x):
            continue  # "gunmen" in one line, the group that sent them in another
        if (a.headline or b.headline) and x.kind == y.kind == "state":
            continue  # a title says "troops" where the body says "federal police"
        return False
    return True


_NON_STATE = {"rebel", "political_militia", "identity_militia"}


def _unidentified(x, y) -> bool:
    """`x` is an unidentified armed group and `y` a non-state group: they may be one."""
    return x.type.template.startswith("Unidentified Armed Group") and y.kind in _NON_STATE


def _same_incident(a: Draft, b: Draft) -> bool:
    """Is `b` (later in the text) another telling of `a`?"""
    if a.frame.family != b.frame.family or not _subtypes_compatible(a, b):
        return False
    if (
        b.sentence_index - a.sentence_index > MAX_SENTENCE_GAP
        and a.frame.family != "crowd"
        and not (
            a.frame.sub_event_type == b.frame.sub_event_type
            and a.date == b.date
            and a.place is not None
            and b.place is not None
            and a.place.place is not None
            and b.place.place is not None
            and a.place.place.geonameid == b.place.place.geonameid
        )
    ):
        return False
    if b.sentence_index != a.sentence_index and not b.headline and _opens_new_incident(a, b):
        return False
    update = bool(_UPDATE.search(span_text(b.sent)))
    if not (a.date == b.date or b.time is None or a.time is None or update):
        return False
    if (
        a.frame.sub_event_type != b.frame.sub_event_type
        and b.time is not None
        and a.frame.family != "crowd"
        and a.date != b.date
        and not update
        and not (a.time is None and b.frame.sub_event_type in GENERIC_SUBTYPES)
        and not (a.frame.weak or b.frame.weak)
    ):
        return False  # a new day and a new kind of attack: a new incident
    if a.frame.family == "crowd" and a.date != b.date and b.time is not None:
        return False
    near = b.sentence_index - a.last_sentence <= 2 and (b.time is None or a.time is None)
    return _places_compatible(a, b, near) and _actors_compatible(a, b)


def _larger(a: Arg | None, b: Arg | None) -> Arg | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if (a.value or 0) >= (b.value or 0) else b


_CLAIM = re.compile(r"\b(claim(ed|s)?|boast(ed|s)?)\b", re.I)
_PARTITIVE = re.compile(r"\b(of (them|those|whom|the)|among (them|those|the)|including)\b", re.I)
_ADDITION = re.compile(r"\b(also|as well|in addition|additional)\b", re.I)


def _sum(a: Arg | None, b: Arg | None) -> Arg | None:
    if a is None or b is None:
        return a or b
    return Arg(a.value + b.value, a.start, a.end, a.who | b.who, a.definite and b.definite)


def _lower(a: Arg | None, b: Arg | None) -> Arg | None:
    if a is None or b is None:
        return a or b
    return a if (a.value or 0) <= (b.value or 0) else b


def _combine(keep: Draft, other: Draft, mine: Arg | None, theirs: Arg | None) -> Arg | None:
    """Two counts of one incident: different people add up ("three soldiers" and
    "nine gunmen"; "two raiders died as well"); a revised toll replaces ("the
    death toll rose to eight"); a party's claim that disagrees keeps the lower figure,
    as the coding rules ask; otherwise the fuller count stands."""
    if mine is None or theirs is None:
        return mine or theirs
    if other.sentence_index == keep.sentence_index:
        return _larger(mine, theirs)
    if _UPDATE.search(span_text(other.sent)):
        return _larger(mine, theirs)
    if _ADDITION.search(span_text(other.sent)) or (
        mine.who and theirs.who and not mine.who & theirs.who
    ):
        return _sum(mine, theirs)
    if _CLAIM.search(span_text(other.sent)):
        return _lower(mine, theirs)  # a party's claim against a reported figure
    if (
        mine.who
        and mine.who == theirs.who
        and not theirs.definite
        and not _PARTITIVE.search(span_text(other.sent))
    ):
        # "nine guards died" and "the raiders killed 14 guards": two figures for
        # the same people disagree, and the coding rules keep the lower.
        return _lower(mine, theirs)
    return _larger(mine, theirs)  # a later line with a subset or a fuller count


def _complex_attack(a: Draft, b: Draft) -> bool:
    """One of two tellings is a fight on the ground and the other a bomb carried or
    planted there: a complex attack, coded as the clash."""
    for x, y in ((a, b), (b, a)):
        if x.frame.ground and y.frame.sub_event_type in GROUND_EXPLOSIVES:
            return True
    return False


def _inside(finer: Draft, coarser: Draft) -> bool:
    """Whether the finer draft's place lies in the coarser one's unit ("Kirkuk province",
    then a village of it); a town outside the named district does not refine it."""
    if coarser.place is None or coarser.place.place is None:
        return True
    a, b = coarser.place.place, finer.place.place
    if a.level in ("country", "region"):
        return a.country_code == b.country_code or not a.country_code
    if a.country_code != b.country_code or a.admin1 != b.admin1:
        return False
    if a.level == "admin2" and a.admin2 and b.admin2:
        return a.admin2 == b.admin2
    return True


def _finer_town(other: Draft, keep: Draft) -> bool:
    """`keep` sits at a province's namesake seat ("in northern Basra") and `other`
    names a town of that province ("the Qurna district"): the town says where."""
    if keep.place is None or keep.place.place is None or other.place is None:
        return False
    a, b = keep.place.place, other.place.place
    if b is None or a.level != "place" or b.level != "place" or a.geonameid == b.geonameid:
        return False
    if not a.admin1 or a.admin1 != b.admin1 or a.country_code != b.country_code:
        return False
    return fold(a.name) == fold(a.admin1)


def _absorb(keep: Draft, other: Draft) -> None:
    if _complex_attack(keep, other):
        # A bomb that opened an assault on the ground is part of the clash it opened.
        if not keep.frame.ground:
            keep.frame = other.frame
    elif (
        keep.frame.sub_event_type in GENERIC_SUBTYPES
        and other.frame.sub_event_type not in GENERIC_SUBTYPES
    ) or (
        keep.frame.weak
        and not other.frame.weak
        and keep.frame.family == other.frame.family
        and other.frame.sub_event_type not in GENERIC_SUBTYPES
    ):
        keep.frame = other.frame  # "a van blew up" then "a suicide attacker struck"
    if keep.frame.family == "crowd" and CROWD_RANK.get(
        other.frame.sub_event_type, 0
    ) > CROWD_RANK.get(keep.frame.sub_event_type, 0):
        # The force that fired on or dispersed the crowd is the side a riot fought.
        force = next(
            (
                (m, k)
                for m, k in ((keep.initiator, keep.initiator_kind), (keep.target, keep.target_kind))
                if k == "state"
            ),
            None,
        )
        keep.frame = other.frame
        keep.initiator, keep.initiator_kind = other.initiator, other.initiator_kind
        keep.target, keep.target_kind = other.target, other.target_kind
        if (
            keep.frame.sub_event_type == "Violent demonstration"
            and keep.target is None
            and force is not None
        ):
            keep.target, keep.target_kind = force
    for name in ("fatalities", "injuries"):
        setattr(keep, name, _combine(keep, other, getattr(keep, name), getattr(other, name)))
    # In a crowd event the lines name its sides in turn: a line about the police who
    # fired does not make them the rioters' actor1.
    crowd_sides = keep.frame.family != "crowd" or other.initiator_kind == keep.initiator_kind
    if (
        other.initiator is not None
        and (keep.initiator is None or keep.initiator.type.generic)
        and crowd_sides
    ):
        keep.initiator, keep.initiator_kind = other.initiator, other.initiator_kind
    if other.target is not None and (
        (
            keep.target is None
            and (keep.frame.family != "crowd" or keep.target_kind in (None, other.target_kind))
        )
        or (
            keep.target is not None
            and keep.target.type.generic
            and not other.target.type.generic
            and (
                keep.frame.event_type != "Violence against civilians"
                or other.target.kind == "civilians"
            )
        )
    ):
        # "a bomb went off near a convoy" then "two police officers were killed": the
        # line that names the ones hit says who they were.
        keep.target, keep.target_kind = other.target, other.target_kind
    if (
        (keep.time is None or keep.time.date is None)
        and other.time is not None
        and (other.precision or 3) <= (keep.precision or 3)
    ):
        # A stated day beats the publication-date fallback; a month alone does not.
        keep.time, keep.date, keep.precision = other.time, other.date, other.precision
    if (
        other.place is not None
        and other.place.place is not None
        and (
            keep.place_borrowed
            or (_level(other) > _level(keep) and _inside(other, keep))
            or _finer_town(other, keep)
        )
        and not other.place_borrowed
    ):
        keep.place, keep.place_borrowed = other.place, False
    elif (
        other.place_borrowed
        and other.place is not None
        and other.place.place is not None
        and _level(keep) <= 1
        and _level(other) >= 2
        and _inside(other, keep)
    ):
        # "detained in Nineveh province", then the sweep "in the Tal Afar district" and
        # "the sweep also netted ...": the sweep's town says where.
        keep.place = other.place
    keep.evidence_extra.append((other.sent.start_char, other.sent.end_char))
    keep.last_sentence = max(keep.last_sentence, other.sentence_index)


def merge(drafts: list[Draft]) -> list[Draft]:
    """Collapse drafts that tell the same incident; order of first mention is kept."""
    out: list[Draft] = []
    for d in drafts:
        # A title heads the report: it tells the first incident that fits it; a body
        # line tells again the latest one.
        order = out if d.headline else list(reversed(out))
        twin = next((o for o in order if _same_incident(o, d)), None)
        if twin is None and d.followup:
            twin = _referent(out, d)
        if twin is not None:
            if d.headline:
                # A title adds nothing a body line told; it only fills gaps.
                _fill_gaps(twin, d)
            else:
                _absorb(twin, d)
            continue
        if d.followup and d.fatalities is None and d.injuries is None:
            continue  # a back-reference with no incident to attach to and nothing to add
        out.append(d)
    return out


def _referent(out: list[Draft], d: Draft) -> Draft | None:
    """The incident a back-reference ("the attack", "the strikes killed ...") points to:
    the latest one of its family told a few lines before, on a compatible day and
    place, whoever its lines name and whatever weapon they give."""
    for o in reversed(out):
        if o.frame.family != d.frame.family:
            continue
        if d.sentence_index - o.last_sentence > MAX_SENTENCE_GAP:
            return None
        if d.time is not None and o.date != d.date:
            continue
        if _places_compatible(o, d, near=True):
            return o
    return None


def _fill_gaps(keep: Draft, title: Draft) -> None:
    if keep.fatalities is None:
        keep.fatalities = title.fatalities
    if keep.injuries is None:
        keep.injuries = title.injuries
    if (
        keep.initiator is None
        and title.initiator is not None
        and (keep.frame.family != "crowd" or title.initiator_kind == keep.initiator_kind)
    ):
        keep.initiator, keep.initiator_kind = title.initiator, title.initiator_kind
