"""Relevance pre-filter: keeps news with no conflict vocabulary away from the parser.

Parsing is by far the dearest stage, and most news (sports, markets, weather,
culture) tells of no political violence. Before a document is parsed it must hold
either a word that in news almost only tells of violence, protest or arrests
("killed", "gunmen", "protesters", "tear gas"), or an ambiguous one ("attack", "shot",
"rally", "storm", or any trigger of `data/triggers.csv`) beside an armed, security or
crowd actor ("police", "Isis", "rebels"). The vocabulary is `data/prefilter.toml` plus
the triggers and the actor aliases of `data/actors.csv`; the check is a word-set
lookup and one regex, well under a millisecond for an article.

The filter is measured, not assumed: `benchmarks/throughput_bench.py --only filter`
prints its recall on the dev gold (every document holding a gold event must pass)
and its pass rates on conflict and non-conflict corpora.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from flashpoint.resources import read_csv, read_toml

# Actor kinds of actors.csv that make an ambiguous word count.
ACTOR_KINDS = frozenset(
    {"state", "rebel", "political_militia", "identity_militia", "external", "rioters",
     "protesters"}
)  # fmt: skip

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(slots=True, frozen=True)
class Relevance:
    """Why a document passes or not: the terms of each kind found in it."""

    strong: tuple[str, ...]
    weak: tuple[str, ...]
    actors: tuple[str, ...]

    @property
    def relevant(self) -> bool:
        return bool(self.strong) or (bool(self.weak) and bool(self.actors))

    def __bool__(self) -> bool:
        return self.relevant


@dataclass(slots=True, frozen=True)
class _Terms:
    """One vocabulary: single words as a set; longer terms as regexes keyed by their
    first word, so a text is searched only for the terms whose first word it holds."""

    words: frozenset[str]
    phrases: dict[str, re.Pattern[str]]

    @classmethod
    def build(cls, terms, case_sensitive: tuple[str, ...] = ()) -> _Terms:
        words: set[str] = set()
        by_first: dict[str, list[str]] = {}
        for term in terms:
            term = " ".join(term.lower().split())
            if _WORD.fullmatch(term):
                words.add(term)
            elif first := _WORD.match(term):
                by_first.setdefault(first.group(), []).append(_phrase_pattern(term))
        for term in case_sensitive:
            if first := _WORD.match(term.lower()):
                by_first.setdefault(first.group(), []).append(rf"(?-i:{re.escape(term)})")
        phrases = {
            first: re.compile(
                r"\b(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")\b", re.I
            )
            for first, alts in by_first.items()
        }
        return cls(frozenset(words), phrases)

    def found(self, text: str, words: set[str]) -> list[str]:
        out = sorted(self.words & words)
        hits = {
            " ".join(m.group().lower().split())
            for first in self.phrases.keys() & words
            for m in self.phrases[first].finditer(text)
        }
        return out + sorted(hits)


def _phrase_pattern(term: str) -> str:
    """A term's regex: a space matches spaces or a hyphen, a hyphen only a hyphen."""
    parts = []
    for i, chunk in enumerate(term.split(" ")):
        if i:
            parts.append(r"(?:\s+|\s*-\s*)")
        parts.append(r"\s*-\s*".join(re.escape(p) for p in chunk.split("-")))
    return "".join(parts)


@dataclass(slots=True, frozen=True)
class _Vocabulary:
    strong: _Terms
    weak: _Terms
    actors: _Terms


@lru_cache(maxsize=1)
def vocabulary() -> _Vocabulary:
    """The filter's terms, read once from the knowledge files."""
    cfg = read_toml("prefilter.toml")
    excluded = {" ".join(t.lower().split()) for t in cfg.get("not_actors", [])}
    actors: list[str] = list(cfg.get("actors", []))
    exact: list[str] = []
    for row in read_csv("actors.csv"):
        alias = " ".join(row["alias"].replace(" - ", "-").split())
        if row.get("kind") not in ACTOR_KINDS or alias.lower() in excluded:
            continue
        if row.get("case") == "exact":
            exact.append(alias)
        else:
            actors.append(alias)
    # Every trigger of the rules counts as a weak term too, so a cue the lexicon gains
    # ("retook", "swore allegiance") reaches the parser beside an actor.
    triggers = [row["pattern"].replace(" - ", "-") for row in read_csv("triggers.csv")]
    return _Vocabulary(
        strong=_Terms.build(cfg["strong"]),
        weak=_Terms.build([*cfg["weak"], *triggers]),
        actors=_Terms.build(actors, tuple(exact)),
    )


def relevance(text: str) -> Relevance:
    """The filter's verdict on a text, with the terms behind it."""
    vocab = vocabulary()
    words = set(_WORD.findall(text.lower()))
    strong = vocab.strong.found(text, words)
    weak = [] if strong else vocab.weak.found(text, words)
    actors = vocab.actors.found(text, words) if weak else []
    return Relevance(tuple(strong), tuple(weak), tuple(actors))


def is_relevant(text: str) -> bool:
    """True if the text may report political violence, protest or arrests."""
    return relevance(text).relevant
