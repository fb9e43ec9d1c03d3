"""Run the extraction pipeline over gold documents to get predictions to score.

Each gold record becomes a `Document` the same way `flashpoint extract` reads a JSONL
corpus (id, published, country_hint kept), so the scored run is the run a user gets.
A document that fails is logged and yields no events: one bad record costs its own
recall, not the whole evaluation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from flashpoint.evaluate.records import GoldDocument
from flashpoint.ingest.readers import document_from_record
from flashpoint.models import Document, Event

log = logging.getLogger(__name__)

Extractor = Callable[[Document], list[Event]]


class PipelineUnavailable(RuntimeError):
    """The extraction pipeline cannot be imported (a broken or partial install)."""


def _pipeline(config=None):
    """The shared default pipeline (or one of `config`), imported on first use (it
    loads spaCy)."""
    try:
        from flashpoint.pipeline import Pipeline, default_pipeline
    except ImportError as exc:
        raise PipelineUnavailable(f"the extraction pipeline cannot be loaded: {exc}") from exc
    return default_pipeline() if config is None else Pipeline(config)


def _documents(gold_docs: Iterable[GoldDocument]) -> Iterator[tuple[GoldDocument, Document]]:
    for gold in gold_docs:
        doc = document_from_record(gold.record, gold.id)
        if doc is not None:
            yield gold, doc


def _rows(doc: Document, events: list[Event]) -> list[dict[str, Any]]:
    rows = []
    for event in events:
        row = event.to_dict()
        row["document_id"] = row.get("document_id") or doc.id
        rows.append(row)
    return rows


def _one_at_a_time(pipeline) -> Extractor:
    def run(doc: Document) -> list[Event]:
        return next(iter(pipeline.process([doc])))[1]

    return run


def predict(
    gold_docs: Iterable[GoldDocument],
    extractor: Extractor | None = None,
    on_document: Callable[[GoldDocument], None] | None = None,
    config: Any = None,
) -> list[dict[str, Any]]:
    """Predicted event dicts (the JSONL rows of `flashpoint extract`) for each gold document.

    Without an `extractor`, documents go through the default pipeline in batches (one
    spaCy `pipe` per batch); with one, each document is passed to it in turn.
    `on_document` is called after each document, for progress display. `config` (a
    `PipelineConfig`) chooses the backend and its settings.
    """
    pairs = list(_documents(gold_docs))
    rows: list[dict[str, Any]] = []
    if extractor is None:
        pipeline = _pipeline(config)
        by_id = {doc.id: gold for gold, doc in pairs}
        done: set[str] = set()
        try:
            for doc, events in pipeline.process(doc for _, doc in pairs):
                rows.extend(_rows(doc, events))
                done.add(doc.id)
                if on_document is not None:
                    on_document(by_id[doc.id])
        except Exception as exc:  # a failing batch: finish the rest one document at a time
            log.error(
                "batch extraction failed (%s: %s); going on per document", type(exc).__name__, exc
            )
            pairs = [(gold, doc) for gold, doc in pairs if doc.id not in done]
            extractor = _one_at_a_time(pipeline)
        else:
            return rows
    for gold, doc in pairs:
        try:
            rows.extend(_rows(doc, extractor(doc)))
        except Exception as exc:  # one failing document must not end the evaluation
            log.error("document %s: extraction failed (%s: %s)", gold.id, type(exc).__name__, exc)
        if on_document is not None:
            on_document(gold)
    return rows
