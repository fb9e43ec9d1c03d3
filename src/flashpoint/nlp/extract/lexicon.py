"""Token-sequence matching of the knowledge tables (triggers, actor aliases).

A pattern is a tuple of lower-case words; a token matches a word if its lower-case
form or its lemma equals it (so "killed" matches "kill"). Patterns are indexed by
their first word, which keeps matching linear in the number of tokens.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span, Token

T = TypeVar("T")


@dataclass(slots=True, frozen=True)
class Match(Generic[T]):
    start: int  # token index in the Doc
    end: int  # exclusive
    value: T


_FORMS_KEY = ("flashpoint", "token_forms")


def _token_forms(tok: Token) -> tuple[str, str, str]:
    return tok.lower_, tok.lemma_.lower(), tok.text


def doc_forms(doc: Doc) -> list[tuple[str, str, str]]:
    """Every token's (lower, lemma, text), read once per Doc: the matchers scan each
    sentence several times, and each read of a token attribute crosses into spaCy."""
    forms = doc.user_data.get(_FORMS_KEY)
    if forms is None or len(forms) != len(doc):
        forms = doc.user_data[_FORMS_KEY] = [_token_forms(t) for t in doc]
    return forms


def words_in(span: Span, words: Container[str], *, lemma: bool = False) -> Iterator[Token]:
    """Tokens of `span` whose lower-cased form (or, with `lemma`, lemma) is in `words`,
    tested on the per-Doc forms so that the other tokens are never read from spaCy."""
    doc = span.doc
    forms = doc_forms(doc)
    for i in range(span.start, span.end):
        lower, lem, _ = forms[i]
        if lower in words or (lemma and lem in words):
            yield doc[i]


class TokenMatcher(Generic[T]):
    """Longest-match lookup of multi-word patterns over spaCy tokens."""

    def __init__(self, entries: Iterable[tuple[Sequence[str], T, bool]]):
        # entries: (words, value, exact_case)
        self._index: dict[str, list[tuple[tuple[str, ...], T, bool]]] = {}
        for words, value, exact in entries:
            key_words = tuple(words) if exact else tuple(w.lower() for w in words)
            if not key_words:
                continue
            self._index.setdefault(key_words[0], []).append((key_words, value, exact))
        for lst in self._index.values():
            lst.sort(key=lambda e: -len(e[0]))
        self._firsts = frozenset(self._index)

    @staticmethod
    def _word_matches(forms: tuple[str, str, str], word: str, exact: bool) -> bool:
        lower, lemma, text = forms
        if exact:
            return text == word
        return word in (lower, lemma)

    def find(self, span: Span) -> list[Match[T]]:
        """Non-overlapping longest matches inside `span`, left to right."""
        forms = doc_forms(span.doc)
        firsts = self._firsts
        out: list[Match[T]] = []
        i, end = span.start, span.end
        while i < end:
            lower, lemma, text = forms[i]
            if lower not in firsts and lemma not in firsts and text not in firsts:
                i += 1  # most tokens start no pattern
                continue
            candidates = []
            for key in dict.fromkeys((lower, lemma, text)):  # fixed order: ties break alike
                candidates.extend(self._index.get(key, ()))
            best: tuple[int, T] | None = None
            for words, value, exact in sorted(candidates, key=lambda e: -len(e[0])):
                n = len(words)
                if i + n > end:
                    continue
                if all(self._word_matches(forms[i + k], words[k], exact) for k in range(n)):
                    best = (n, value)
                    break
            if best:
                out.append(Match(i, i + best[0], best[1]))
                i += best[0]
            else:
                i += 1
        return out
