"""Realis: does a trigger report an incident that happened?

Threats, plans, denials, negations, hypotheticals and trends report no incident. The
word lists live in `data/modality.toml`; the tests here read the dependency parse
around the trigger: a modal or negation on its verb, an irrealis verb or noun above
it ("threatened to attack", "fears of attacks"), or habit and trend wording in its
sentence ("lately", "have been targeting").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.nlp.annotate import span_text
from flashpoint.nlp.extract.lexicon import words_in
from flashpoint.resources import read_toml


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str] | tuple[re.Pattern[str], ...]]:
    data = read_toml("modality.toml")
    out: dict = {k: frozenset(v) for k, v in data.items() if k != "trend_phrases"}
    out.setdefault("back_reference_nouns", frozenset())
    out["trend_phrases"] = tuple(
        re.compile(r"\b" + re.escape(p) + r"\b", re.I) for p in data["trend_phrases"]
    )
    return out


def _verb_of(tok: Token) -> Token:
    """The clause verb a (possibly nominal) trigger belongs to."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def is_negated(tok: Token) -> bool:
    verb = _verb_of(tok)
    for t in (tok, verb):
        if any(c.dep_ == "neg" for c in t.children):
            return True
        # "no attack"; but "abducted ..., without giving details" negates only what
        # follows "without", not the act it hangs on.
        if any(c.lower_ == "no" and c.dep_ == "det" for c in t.children):
            return True
    return tok.head.lower_ == "without"


def is_modal(tok: Token) -> bool:
    lists = _lists()
    verb = _verb_of(tok)
    for t in (tok, verb):
        if any(c.dep_ == "aux" and c.lower_ in lists["modal_aux"] for c in t.children):
            return True
        # "is going to attack", "is set to", "is expected to"
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in ("go", "set", "expect", "due"):
            return True
    return False


_ATTEMPT_VERBS = {"try", "attempt"}


def under_irrealis(tok: Token) -> bool:
    """An irrealis verb or noun governs the trigger ("vowed to attack", "threat of")."""
    lists = _lists()
    t = tok
    for _ in range(5):
        if t.head.i == t.i:
            break
        parent = t.head
        lemma = parent.lemma_.lower()
        if (
            t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and (
                lemma in _ATTEMPT_VERBS
                or (parent.dep_ == "xcomp" and parent.head.lemma_.lower() in _ATTEMPT_VERBS)
            )
        ):
            # "tried to climb the walls, hurling stones": the attempt was made, and what
            # was done while making it happened.
            return False
        if t.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "advcl", "acl", "compound"):
            if parent.pos_ in ("VERB", "AUX") and lemma in lists["irrealis_heads"]:
                # "denied carrying out the attack", "threatened to attack"
                return True
            if parent.pos_ in ("NOUN",) and lemma in lists["irrealis_nouns"]:
                return True
        if parent.dep_ == "ROOT":
            break
        t = parent
    return False


def has_trend_wording(sent: Span) -> bool:
    lists = _lists()
    if next(words_in(sent, lists["trend_words"]), None) is not None:
        return True
    text = span_text(sent)
    return any(rx.search(text) for rx in lists["trend_phrases"])


def is_habitual(tok: Token) -> bool:
    """Present-tense or progressive trigger verbs describe habits, not incidents."""
    verb = _verb_of(tok)
    if verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.tag_ == "VBG":
        auxes = [c for c in verb.children if c.dep_ == "aux"]
        if any(a.lower_ in ("are", "is", "were", "been", "have", "has", "am") for a in auxes):
            return True
    return False


def is_generic_plural(tok: Token) -> bool:
    """A bare plural trigger noun ("attacks by ISIS") names a kind, not an incident."""
    if tok.tag_ != "NNS":
        return False
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.tag_ == "VBD":
        return False  # "missiles hit a neighbourhood", "suicide bombers detonated"
    return not any(c.dep_ in ("det", "nummod", "poss") or c.like_num for c in tok.children)


def is_descriptive(tok: Token, kind: str) -> bool:
    """A trigger word used to describe a thing, not to tell an act: a participle before
    its noun with no auxiliary ("burning eyes", "liberated areas", "the killed
    soldier" stays: deaths and injuries are told this way)."""
    if kind in ("kill", "injure", "casualty"):
        return False
    if tok.tag_ not in ("VBG", "VBN"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and tok.i + 1 < tok.sent.end:
        return tok.dep_ in ("amod", "conj", "compound", "nmod") or tok.head.i == nxt.i
    # "villages recaptured from the rebels": a reduced relative clause on a noun.
    return tok.dep_ == "acl" and kind in ("regain", "overtake", "transfer", "capture")


# Military sites: taking or retaking one in a fight is part of the fight, not a change of
# who holds territory ("briefly held an outpost", "overran a position").
_SITES = {
    "base", "position", "positions", "checkpoint", "post", "outpost", "camp", "barracks",
    "headquarters", "station", "garrison", "compound", "building", "prison",
}  # fmt: skip
TERRITORY_CUES = ("regain", "overtake", "transfer", "capture")


def holds_no_territory(tok: Token, kind: str) -> bool:
    """A territory cue that changes no territory: its object is a military site, or the
    hold was brief ("briefly occupied", "seized the bridge for a few hours")."""
    if kind not in TERRITORY_CUES:
        return False
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    if any(c.lower_ in ("briefly", "temporarily") for c in verb.children):
        return True
    if any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(g.lemma_.lower() in ("hour", "minute") for g in c.subtree)
        for c in verb.children
    ):
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "obj")]
    if kind == "capture" and not objects:
        return False
    return bool(objects) and all(o.lemma_.lower() in _SITES or o.lower_ in _SITES for o in objects)


# Words that make a "strike" a stoppage of work, not an attack ("a general strike",
# "teachers went on strike", "strike action").
_WORK_STRIKE = {
    "general", "national", "labour", "labor", "worker", "workers", "teacher", "teachers",
    "doctor", "doctors", "union", "hunger", "action", "nationwide", "day",
}  # fmt: skip


def is_work_strike(tok: Token, kind: str) -> bool:
    """A "strike" cue that is no attack: not a noun (the verb "struck" tells no weapon),
    or a stoppage of work."""
    if kind != "strike":
        return False
    if tok.pos_ != "NOUN":
        return True
    if tok.head.lower_ == "on" or tok.head.lemma_.lower() in ("call", "stage", "declare", "end"):
        return True
    near = {c.lower_ for c in tok.children} | {tok.head.lower_}
    return bool(near & _WORK_STRIKE)


# Nouns for the doers of an act, matched as cues ("gunmen", "kidnappers"): one that is
# itself hit or caught tells no act of its own ("a mob beat two suspected kidnappers").
AGENT_NOUNS = {
    "gunman", "gunmen", "kidnapper", "kidnappers", "attacker", "attackers", "rioter",
    "rioters", "bomber", "bombers",
}  # fmt: skip
_DURATIONS = {"day", "week", "month", "year", "hour", "night", "decade"}


def is_background_mention(tok: Token, kind: str) -> bool:
    """A cue that names no act of this line: a doer noun that is the one hit or caught,
    or a span of time spent in it ("after a week of fighting", "years of war")."""
    if tok.lower_ in AGENT_NOUNS and tok.dep_ in ("dobj", "nsubjpass", "pobj", "obj"):
        return True
    if kind in ("clash", "attack") and tok.dep_ == "pobj" and tok.head.lower_ == "of":
        owner = tok.head.head
        counted = owner.tag_ == "NNS" or any(
            c.dep_ in ("det", "nummod") and c.lower_ not in ("the", "this", "that")
            for c in owner.children
        )
        return owner.lemma_.lower() in _DURATIONS and counted
    # "fighters who had pledged loyalty to al-Qaeda": who they are, not what they did
    return kind == "change" and (tok.dep_ == "relcl" or tok.head.dep_ == "relcl")


def is_weapon_noun(tok: Token) -> bool:
    """A noun that names a weapon or a craft ("drone", "rockets"), not an act."""
    return tok.lower_ in _lists().get("weapon_nouns", frozenset())


def is_idle_weapon(tok: Token, act_in_line: bool) -> bool:
    """A weapon or craft named with nothing done with it ("a drone filmed the wedding",
    "the ministry bought new warplanes"): a topic, not an incident. A verb of use over
    or under the noun ("jets struck", "fired rockets", "killed by a drone") or another
    cue of the line that is no weapon noun ("warplanes carried out airstrikes") makes
    it one."""
    if act_in_line or not is_weapon_noun(tok):
        return False
    uses = _lists().get("weapon_use_verbs", frozenset())
    t = tok
    for _ in range(3):  # the noun's own verb, through "by"/"with"/"from" phrases
        t = t.head
        if t.lemma_.lower() in uses or t.lower_ in uses:
            return False
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
    return not any(c.lemma_.lower() in uses for c in tok.children if c.pos_ == "VERB")


def is_realis(tok: Token) -> bool:
    return not (is_negated(tok) or is_modal(tok) or under_irrealis(tok))


_DEFINITE = {"the", "this", "that", "these", "those", "such", "its", "their", "his", "her"}


def _definite(tok: Token, possessive: bool = True) -> bool:
    deps = ("det", "poss") if possessive else ("det",)
    return any(c.dep_ in deps and c.lower_ in _DEFINITE for c in tok.children)


def _has_of_argument(tok: Token) -> bool:
    """ "the arrest of two men": the noun brings its own participants, so it tells."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" for g in c.children)
        for c in tok.children
    )


def refers_back(sent: Span, cue_heads: list[int], cue_kinds: set[str]) -> bool:
    """The line refers back to an incident told elsewhere rather than telling a new one:
    every cue is a definite noun ("the attack", "this blast"), or it only counts the
    dead and hurt of a definite event noun ("The strikes killed five", "troops perished
    in the attack")."""
    doc = sent.doc
    toks = [doc[i] for i in cue_heads]
    if toks and all(
        t.pos_ in ("NOUN", "PROPN") and _definite(t, possessive=False) and not _has_of_argument(t)
        for t in toks
    ):
        return True  # "the attack took place near ...", not "their merger"
    if not cue_kinds or not cue_kinds <= {
        "kill", "injure", "casualty", "attack", "blast", "bombing", "strike",
    }:  # fmt: skip
        return False
    nouns = _lists()["back_reference_nouns"]
    for t in toks:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        for c in t.children:
            arg = c
            if c.dep_ == "prep" and c.lower_ in ("in", "during", "by"):
                arg = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ not in ("nsubj", "agent"):
                continue
            if c.dep_ == "agent":
                arg = next((g for g in c.children if g.dep_ == "pobj"), None)
            if arg is not None and arg.lemma_.lower() in nouns and _definite(arg):
                return True
    return False
