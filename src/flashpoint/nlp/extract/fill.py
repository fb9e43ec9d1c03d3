"""Fill and resolve: turn a sentence's frames into draft events with arguments.

Each frame gets its initiator and target (named actors first, then the defaults the
coding rules give: an unclaimed bomb is an Unidentified Armed Group's), its counts, its
time phrase and its place. Every argument keeps the character span it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span

from flashpoint.models import PlaceMention
from flashpoint.nlp.extract import counts as counting
from flashpoint.nlp.extract.actors import AGENT, SOURCE, TARGET, ActorMention
from flashpoint.nlp.extract.classify import ARMED_KINDS, Frame, is_official
from flashpoint.nlp.extract.dates import TimeMention

# Default actor names by ACLED category, when the text names no one for a role.
DEFAULT_NAMES = {
    "state": "Military Forces of {country}",
    "rebel": "Unidentified Armed Group ({country})",
    "political_militia": "Unidentified Armed Group ({country})",
    "protesters": "Protesters ({country})",
    "rioters": "Rioters ({country})",
    "civilians": "Civilians ({country})",
    "police": "Police Forces of {country}",
}


@dataclass(slots=True)
class Arg:
    """A coded value and the span (cleaned-text characters) it was read from."""

    value: object
    start: int | None = None
    end: int | None = None
    # For counts: who was counted (actor names), so that two lines counting different
    # sides add up while two figures for the same people keep the lower.
    who: frozenset[str] = frozenset()
    # The counted people are named as known ones ("the two Kenyan soldiers", "the
    # driver"): a line that picks out some of those counted before, not a new figure.
    definite: bool = False


_DEFINITE_DETS = {"the", "these", "those", "both", "its", "their", "his", "her"}


@dataclass(slots=True)
class Draft:
    """An event before in-document merge and final coding."""

    frame: Frame
    sent: Span
    sentence_index: int
    paragraph: int
    initiator: ActorMention | None
    initiator_kind: str | None
    target: ActorMention | None
    target_kind: str | None
    fatalities: Arg | None
    injuries: Arg | None
    time: TimeMention | None
    place: PlaceMention | None
    place_borrowed: bool = False
    date: date | None = None
    precision: int | None = None
    evidence_extra: list[tuple[int, int]] = field(default_factory=list)
    # A title line, or a line that only refers back ("the attack took place in ..."):
    # it can add detail to an event told in the body but never stands alone.
    headline: bool = False
    followup: bool = False
    last_sentence: int = -1  # the last line merged into this event

    def __post_init__(self) -> None:
        if self.last_sentence < 0:
            self.last_sentence = self.sentence_index


def _actor_kind(a: ActorMention | None) -> str | None:
    return a.kind if a is not None else None


def _describes(a: ActorMention, cue_heads: set[int], doc) -> bool:
    """The actor is named inside a description of something else ("a city controlled by
    the SDF", "Hadi's government, backed by the coalition"): a relative clause,
    participle or apposition on a word that is not the event."""
    if doc is None:
        return False
    tok = doc[a.head]
    for _ in range(12):
        if tok.head.i == tok.i:
            return False
        if (
            tok.dep_ in ("relcl", "acl", "appos")
            and tok.i not in cue_heads
            and tok.head.i not in cue_heads
        ):
            # "... the Qayyarah depot, which the air force defended by shelling positions
            # thought to be held by X": however deep, X is inside a description.
            return True
        tok = tok.head
    return False


_NON_STATE = {"rebel", "political_militia", "identity_militia"}
_OPERATION_WORDS = {"operation", "operations", "raid", "sweep", "crackdown"}


def _in_operation(sent: Span) -> bool:
    """The line tells its event as done in a security operation ("killed in an operation",
    "during a raid")."""
    return any(
        t.lower_ in _OPERATION_WORDS
        and t.dep_ == "pobj"
        and t.head.lower_ in ("in", "during", "amid")
        for t in sent
    )


_ATTACK_NOUNS = {"attack", "assault", "offensive", "raid", "operation", "ambush", "push"}


def _hit_while_attacking(actors: list[ActorMention], doc):
    """ "Eleven soldiers were killed during an attack on al-Shabaab militants": the armed
    side hit in its own attack on another armed side is the attacker. Returns (attacker,
    attacked) or None. Not for bystanders ("farmers died in an assault on the
    border post") nor for the attacked site of the same side ("an attack on their base")."""
    for hit in actors:
        tok = doc[hit.head]
        if hit.kind not in ARMED_KINDS or tok.dep_ != "nsubjpass":
            continue
        verb = tok.head
        if verb.lemma_.lower() not in ("kill", "injure", "wound"):
            continue
        # "were killed and 14 wounded during an assault on ...": the phrase may hang on
        # the second verb.
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj")]
        for prep in (c for v in verbs for c in v.children):
            if prep.dep_ != "prep" or prep.lower_ not in ("during", "in"):
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in _ATTACK_NOUNS:
                    continue
                on = [
                    c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                ]
                objs = {i for p in on for i in _phrase_without_clauses(p)}
                mods = {c.i for c in noun.children if c.dep_ in _MODIFIERS}
                if any(a.head in mods for a in actors) or any(
                    doc[i].lemma_.lower() in _REMOTE_WORDS for i in mods
                ):
                    continue  # "an al-Shabaab attack on", "a rocket attack on": another's
                other = next(
                    (
                        a
                        for a in actors
                        if a.head in objs
                        and a.kind in ARMED_KINDS
                        and a.type.template != hit.type.template
                    ),
                    None,
                )
                poss = any(c.dep_ == "poss" for c in noun.children)
                if other is not None and not poss:
                    return hit, other
    return None


_MODIFIERS = ("compound", "amod", "nmod", "poss")
_REMOTE_WORDS = {
    "rocket", "mortar", "missile", "drone", "bomb", "suicide", "artillery", "air", "car",
}  # fmt: skip


def _phrase_without_clauses(tok) -> list[int]:
    """Token indices of a phrase, leaving out relative clauses and appositions in it."""
    out = [tok.i]
    for c in tok.children:
        if c.dep_ not in ("relcl", "acl", "appos", "punct"):
            out.extend(_phrase_without_clauses(c))
    return out


def _between(tok) -> bool:
    """The token is one of the sides in "between X and Y"."""
    for _ in range(3):
        if tok.dep_ == "pobj" and tok.head.lower_ == "between":
            return True
        if tok.dep_ not in ("conj", "appos", "compound"):
            return False
        tok = tok.head
    return False


def _fought_with(tok) -> bool:
    """The token is the other side in "a clash with X"."""
    for _ in range(3):
        if tok.dep_ == "pobj" and tok.head.lower_ == "with":
            return True
        if tok.dep_ not in ("conj", "appos", "compound"):
            return False
        tok = tok.head
    return False


_PROTEST_WORDS = {"protest", "demonstration", "rally", "sit", "protester", "demonstrator"}


def _arrested_protesters(frame: Frame, doc) -> bool:
    """The people arrested are described by the protests they led or joined
    ("two leaders of last week's sit-in were detained")."""
    for cue in frame.cues:
        verb = doc[cue.head]
        for arg in verb.children:
            if arg.dep_ in ("nsubjpass", "dobj", "obj") and any(
                t.lemma_.lower() in _PROTEST_WORDS for t in arg.subtree
            ):
                return True
    return False


def assign_actors(frame: Frame, actors: list[ActorMention], doc=None):
    """(initiator, initiator_kind, target, target_kind) for a frame; `doc` (the parsed
    text) lets an actor named inside a description be told apart from a party."""
    initiator = frame.initiator
    target = frame.target
    named = [a for a in actors if not a.type.generic]

    def pick(role: str, kinds: set[str] | None, exclude: ActorMention | None):
        pool = [a for a in actors if a.role == role and a is not exclude]
        pool.sort(key=lambda a: (a.type.generic, a.start))
        for a in pool:
            if kinds is None or a.kind in kinds:
                return a
        return None

    if frame.family == "violence":
        if initiator is None:
            initiator = pick(AGENT, ARMED_KINDS, None)
        if frame.event_type == "Violence against civilians":
            target = target or pick(TARGET, {"civilians"}, initiator)
            if target is None:
                # "gunmen shot the district mayor": the official is the one attacked.
                officials = [a for a in actors if a.role == TARGET and is_official(a)]
                target = next((a for a in officials if a is not initiator), None)
        else:
            if frame.event_type == "Battles":
                # A fight is with the armed side; bystanders killed in it are not a side.
                target = target or pick(TARGET, ARMED_KINDS, initiator)
            target = target or pick(TARGET, ARMED_KINDS | {"civilians"}, initiator)
            if target is None and frame.event_type == "Battles":
                # "clashes between X and Y", or an armed actor with no syntactic role.
                others = [
                    a
                    for a in actors
                    if a is not initiator
                    and a.kind in ARMED_KINDS
                    and a.role != SOURCE
                    # An official or a government named with no role is a teller or a
                    # bystander of a fight ("a statement from the governor"), not a side.
                    and not (a.type.template.startswith("Government") and a.role != TARGET)
                ]
                if initiator is None and others:
                    named_first = sorted(others, key=lambda a: (a.type.generic, a.start))
                    initiator = named_first[0]
                    others = [a for a in others if a is not initiator]
                if others:
                    target = others[0]
            if (
                initiator is None
                and target is not None
                and frame.event_type == "Battles"
                and doc is not None
            ):
                sides = [
                    a
                    for a in actors
                    if a is not target
                    and a.kind in ARMED_KINDS
                    and a.role == TARGET
                    and a.type.template != target.type.template
                ]
                if _between(doc[target.head]):
                    # "clashes between the tribes and the SDF": the first named is actor1.
                    sides = [a for a in sides if _between(doc[a.head])]
                    if sides:
                        initiator, target = sorted([target, sides[0]], key=lambda a: a.start)
                else:
                    # "four soldiers were killed in a clash with the tribes": the side the
                    # hit ones fought is the other party.
                    with_side = [a for a in sides if _fought_with(doc[a.head])]
                    if with_side:
                        initiator = with_side[0]
        if initiator is None:
            # A named armed non-state group in the sentence with no role ("claimed by
            # ISIS" parsed loosely) is the likely perpetrator of an attack on others.
            cue_heads = {c.head for c in frame.cues}
            cands = [
                a
                for a in named
                if a.kind in ("rebel", "political_militia", "identity_militia")
                and a is not target
                and a.role != SOURCE
                and not _describes(a, cue_heads, doc)
            ]
            if cands:
                initiator = cands[0]
        if initiator is not None and target is not None and initiator.kind == "civilians":
            initiator = None
        reversed_sides = _hit_while_attacking(actors, doc) if doc is not None else None
        if reversed_sides is not None:
            initiator, target = reversed_sides
        if (
            initiator is None
            and target is not None
            and target.kind in _NON_STATE
            and doc is not None
            and _in_operation(doc[frame.trigger.head].sent)
        ):
            # "three militants were killed in an operation": a security operation is the
            # state's; the text need not say whose forces ran it.
            return None, "state", target, target.kind
    elif frame.family in ("arrest",):
        initiator = initiator or pick(AGENT, {"state", "external"}, None)
        target = target or pick(TARGET, None, initiator)
        if target is None:
            # "arrested two ISIS suspects": the group named in the object phrase.
            target = next((a for a in actors if a is not initiator and a.kind != "state"), None)
        if target is None and doc is not None and _arrested_protesters(frame, doc):
            initiator_kind = _actor_kind(initiator) or frame.default_initiator
            return initiator, initiator_kind, None, "protesters"
    elif frame.family == "abduct":
        initiator = initiator or pick(AGENT, ARMED_KINDS, None)
        target = target or pick(TARGET, None, initiator)
        if target is not None and target.kind in ("state",) and initiator is None:
            initiator, target = None, target
    elif frame.family == "crowd":
        if frame.sub_event_type == "Excessive force against protesters":
            initiator = initiator or pick(AGENT, ARMED_KINDS, None)
        elif frame.event_type == "Riots":
            target = target or pick(TARGET, ARMED_KINDS, None)
    elif frame.family == "territory":
        target = target or pick(TARGET, ARMED_KINDS, initiator)
        if target is None:
            target = next((a for a in actors if a is not initiator and a.kind in ARMED_KINDS), None)

    if (
        initiator is not None
        and target is not None
        and initiator.type == target.type
        and initiator.name(None) == target.name(None)
    ):
        target = None  # one actor twice; "Iran fired at U.S. forces" keeps both states
    initiator_kind = _actor_kind(initiator) or frame.default_initiator
    if initiator is None and frame.family == "violence" and not frame.default_initiator:
        initiator_kind = "political_militia"
    target_kind = _actor_kind(target) or frame.default_target
    return initiator, initiator_kind, target, target_kind


def read_counts(
    sent: Span, actors: list[ActorMention] | None = None
) -> tuple[Arg | None, Arg | None]:
    """(fatalities, injuries) of a sentence with their spans and who they count."""
    out = []
    doc = sent.doc
    by_token = {}
    for a in actors or []:
        if a.type.generic and a.kind == "civilians":
            continue  # "eight persons" says nothing about whose deaths another line counts
        for i in range(a.start, a.end):
            by_token[i] = a.type.template
        by_token[a.head] = a.type.template
    for found in (counting.fatalities(sent), counting.injuries(sent)):
        if not found:
            out.append(None)
            continue
        start = doc[min(c.start for c in found)].idx
        last = doc[max(c.end for c in found) - 1]
        who = frozenset(
            by_token[i] for c in found for i in (c.noun, *range(c.start, c.end)) if i in by_token
        )
        definite = all(
            any(c.dep_ in ("det", "poss", "predet") and c.lower_ in _DEFINITE_DETS
                for c in doc[x.noun].children)
            for x in found
        )  # fmt: skip
        out.append(Arg(counting.total(found), start, last.idx + len(last.text), who, definite))
    return out[0], out[1]


_REPORT_VERBS = {
    "say", "announce", "report", "tell", "confirm", "state", "add", "reveal", "claim",
    "declare", "publish", "post", "note", "quote", "cite",
}  # fmt: skip


def _dates_the_report(sent: Span, tm: TimeMention) -> bool:
    """ "Police said on Tuesday that ...": the day of the telling, not of the event."""
    tok = next((t for t in sent if t.idx <= tm.start < t.idx + len(t.text)), None)
    for _ in range(4):
        if tok is None or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok.lemma_.lower() in _REPORT_VERBS
    return False


def event_times(times: list[TimeMention], sent: Span) -> list[TimeMention]:
    """The time phrases of a sentence that date what happened, not the telling."""
    inside = [t for t in times if sent.start_char <= t.start < sent.end_char]
    return [t for t in inside if not _dates_the_report(sent, t)]


def nearest_time(times: list[TimeMention], sent: Span, trigger_char: int) -> TimeMention | None:
    found = event_times(times, sent)
    if not found:
        return None
    return min(found, key=lambda t: abs(t.start - trigger_char))


def share(count: Arg | None, n: int) -> list[Arg | None]:
    """A count split over `n` places: equal shares, any leftover to the first."""
    if count is None:
        return [None] * n
    if n <= 1 or not isinstance(count.value, int):
        return [count] + [None] * (n - 1)
    base, extra = divmod(count.value, n)
    return [
        Arg(base + (extra if k == 0 else 0), count.start, count.end, count.who, count.definite)
        for k in range(n)
    ]
