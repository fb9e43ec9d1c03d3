"""Run the extraction pipeline over gold documents to get predictions to score.

Each gold record becomes a `Document` the same way `flashpoint extract` reads a JSONL
corpus (id, published, country_hint kept), so the scored run is the run a user gets.
A document that fails is logged and yields no events: one bad record costs its own
recall, not the whole evaluation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from flashpoint.evaluate.records import GoldDocument
from flashpoint.ingest.readers import document_from_record
from flashpoint.models import Document, Event

log = logging.getLogger(__name__)

Extractor = Callable[[Document], list[Event]]


class PipelineUnavailable(RuntimeError):
    """The extraction pipeline cannot be imported (a broken or partial install)."""


def default_extractor() -> Extractor:
    """`flashpoint.pipeline.extract_document`, imported on first use (it loads spaCy)."""
    try:
        from flashpoint.pipeline import extract_document
    except ImportError as exc:
        raise PipelineUnavailable(f"the extraction pipeline cannot be loaded: {exc}") from exc
    return extract_document


def predict(
    gold_docs: Iterable[GoldDocument],
    extractor: Extractor | None = None,
    on_document: Callable[[GoldDocument], None] | None = None,
) -> list[dict[str, Any]]:
    """Predicted event dicts (the JSONL rows of `flashpoint extract`) for each gold document.

    `on_document` is called after each document, for progress display.
    """
    extract = extractor or default_extractor()
    rows: list[dict[str, Any]] = []
    for gold in gold_docs:
        try:
            doc = document_from_record(gold.record, gold.id)
            if doc is not None:
                for event in extract(doc):
                    row = event.to_dict()
                    row["document_id"] = row.get("document_id") or doc.id
                    rows.append(row)
        except Exception as exc:  # one failing document must not end the evaluation
            log.error("document %s: extraction failed (%s: %s)", gold.id, type(exc).__name__, exc)
        if on_document is not None:
            on_document(gold)
    return rows
