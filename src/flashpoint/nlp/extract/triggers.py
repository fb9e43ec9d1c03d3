"""Trigger cues: the words in a sentence that signal an event, by cue class.

The lexicon is `data/triggers.csv`; classes such as `kill`, `ied`, `air`, `protest`,
`arrest` feed the decision rules in `flashpoint.nlp.extract.classify`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from flashpoint.nlp.extract.lexicon import TokenMatcher
from flashpoint.resources import read_csv


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


def find_cues(sent: Span) -> list[Cue]:
    """All trigger cues in a sentence, left to right."""
    doc = sent.doc
    out = []
    for m in trigger_matcher().find(sent):
        words = " ".join(doc[i].lemma_.lower() for i in range(m.start, m.end))
        out.append(Cue(m.value, m.start, m.end, _head_of(doc, m.start, m.end), words))
    return out
