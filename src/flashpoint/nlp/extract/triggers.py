"""Trigger cues: the words in a sentence that signal an event, by cue class.

The lexicon is `data/triggers.csv`; classes such as `kill`, `ied`, `air`, `protest`,
`arrest` feed the decision rules in `flashpoint.nlp.extract.classify`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.nlp.extract.lexicon import TokenMatcher
from flashpoint.resources import read_csv, read_toml


@dataclass(slots=True, frozen=True)
class Cue:
    kind: str
    start: int  # token index in the Doc
    end: int
    head: int  # the token that carries tense/modality (verb or noun head)
    words: str = ""  # the matched words, lower-case lemmas ("open fire", "storm")

    def token(self, sent: Span) -> Token:
        return sent.doc[self.head]


@lru_cache(maxsize=1)
def trigger_matcher() -> TokenMatcher[str]:
    rows = read_csv("triggers.csv")
    return TokenMatcher((row["pattern"].split(), row["cue"], False) for row in rows)


def _head_of(doc, start: int, end: int) -> int:
    for i in range(start, end):
        if not (start <= doc[i].head.i < end) or doc[i].head.i == i:
            return i
    return end - 1


# Cue classes of a weapon, which a verb of seizing turns into a disrupted use.
WEAPON_KINDS = frozenset({"ied", "mine", "grenade", "shelling", "air", "chemical", "suicide"})


@lru_cache(maxsize=1)
def _seizure_verbs() -> frozenset[str]:
    return frozenset(read_toml("modality.toml").get("seizure_verbs", []))


def _seized(tok: Token) -> bool:
    """The object of a verb of seizing ("seized rifles and explosives", "found a
    bomb"), directly or as a later item of its list."""
    while tok.dep_ == "conj":
        tok = tok.head
    return tok.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.lemma_.lower() in _seizure_verbs()


def find_cues(sent: Span) -> list[Cue]:
    """All trigger cues in a sentence, left to right."""
    doc = sent.doc
    out = []
    for m in trigger_matcher().find(sent):
        words = " ".join(doc[i].lemma_.lower() for i in range(m.start, m.end))
        head = _head_of(doc, m.start, m.end)
        kind = m.value
        if kind in WEAPON_KINDS and _seized(doc[head]):
            kind = "defuse"
        out.append(Cue(kind, m.start, m.end, head, words))
    return out
