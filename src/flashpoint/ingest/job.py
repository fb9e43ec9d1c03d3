"""An ingest run: documents in, stored once, extracted once, events deduplicated.

    source -> Document -> (already stored? copy of a stored one?) -> extract -> store

Each document is committed in its own transaction together with its events, so a run
killed at any point leaves the store consistent and the next run, reading the same
sources, skips what is stored and finishes the rest (ingest is idempotent and
incremental). Near-duplicate documents (syndicated copies) are linked to their
original and not extracted again. The extractor is any callable Document -> events;
by default the batch pipeline of `flashpoint.pipeline`, run by an engine
(`flashpoint.engine`: this process, a local process pool or a Dask cluster). Engines
only extract; every write happens here, in this process, document by document.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DataError, InterfaceError, OperationalError, StatementError

from flashpoint.dedup.documents import DocumentRules, MinHashSignature, signature
from flashpoint.ingest.dates import parse_published
from flashpoint.ingest.skips import Skip, collect_skips, skip
from flashpoint.models import Document, Event, content_id
from flashpoint.store import Store, StoredDocument

if TYPE_CHECKING:
    from flashpoint.engine import Engine

log = logging.getLogger(__name__)

Extractor = Callable[[Document], list[Event]]


@dataclass(slots=True)
class IngestSummary:
    """What one run read, stored, skipped and found."""

    run_id: int | None = None
    read: int = 0
    stored: int = 0
    copies: int = 0
    already: int = 0
    filtered: int = 0
    reports: int = 0
    events_new: int = 0
    events_merged: int = 0
    skipped: list[Skip] = field(default_factory=list)
    seconds: float = 0.0
    status: str = "running"

    @property
    def events_found(self) -> int:
        return self.events_new + self.events_merged

    @property
    def docs_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(s.kind for s in self.skipped).most_common())

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "status": self.status,
            "read": self.read,
            "stored": self.stored,
            "copies": self.copies,
            "already_stored": self.already,
            "not_parsed": self.filtered,
            "skipped": len(self.skipped),
            "skipped_by_reason": self.skipped_by_reason(),
            "reports": self.reports,
            "events_new": self.events_new,
            "events_merged": self.events_merged,
            "seconds": round(self.seconds, 3),
            "docs_per_second": round(self.docs_per_second, 2),
        }


@dataclass(slots=True)
class _Pending:
    doc: Document
    sig: MinHashSignature | None


def _extract_each(
    batch: list[Document], extractor: Extractor
) -> Iterator[tuple[Document, list[Event] | None]]:
    """Events per document; one failing document is skipped, not the batch."""
    for doc in batch:
        try:
            yield doc, list(extractor(doc))
        except Exception as exc:
            log.debug("extraction of %s failed", doc.id, exc_info=True)
            skip(_origin(doc), f"extraction failed ({type(exc).__name__}: {exc})")
            yield doc, None


def _origin(doc: Document) -> str:
    return doc.url or doc.meta.get("path") or doc.meta.get("origin") or doc.id


class IngestJob:
    """Reads documents into a store; call `run(documents)` once."""

    def __init__(
        self,
        store: Store,
        *,
        extractor: Extractor | None = None,
        batch_size: int = 16,
        on_progress: Callable[[IngestSummary], None] | None = None,
        params: dict[str, Any] | None = None,
        config: Any = None,
        engine: Engine | None = None,
    ) -> None:
        if extractor is not None and engine is not None:
            raise ValueError("an engine runs the built-in pipeline; it takes no extractor")
        if config is not None and engine is not None:
            raise ValueError("give the pipeline's config to the engine, not to the job")
        self.store = store
        self.extractor = extractor
        self.config = config
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self.on_progress = on_progress
        self.params = params or {}
        self.summary = IngestSummary()
        self._rules: DocumentRules = store.document_rules
        self._seen: set[str] = set()
        # LSH band key -> ids of this run's documents not yet in the store (a copy of
        # one of them cannot be found there); a stored document is looked up there, so
        # it is forgotten here and a long run keeps no per-document state but `_seen`.
        self._bands: dict[tuple[int, str], list[str]] = {}
        self._sigs: dict[str, MinHashSignature] = {}
        self._copies_waiting: dict[str, list[tuple[Document, MinHashSignature, float]]] = {}
        self._inflight: set[str] = set()

    def run(self, documents: Iterable[Document]) -> IngestSummary:
        summary = self.summary
        engine, own_engine = self.engine, False
        if self.extractor is None and engine is None:
            from flashpoint.engine import LocalEngine

            engine, own_engine = LocalEngine(self.config), True
        params = dict(self.params)
        if engine is not None:
            params["engine"] = engine.describe()
        summary.run_id = self.store.start_run("ingest", params)
        started = time.monotonic()
        filtered_before = engine.stats["filtered"] if engine is not None else 0
        try:
            with collect_skips() as skipped:
                summary.skipped = skipped
                for doc, events in self._extracted(self._candidates(documents), engine):
                    sig = self._sigs.get(doc.id)
                    if events is not None and self._store(doc, events, sig):
                        self._forget(doc.id, sig)
                    self._inflight.discard(doc.id)
                    self._store_copies_of(doc.id)
                    if engine is not None:
                        summary.filtered = int(engine.stats["filtered"] - filtered_before)
                    summary.seconds = time.monotonic() - started
                    self._progress()
                # Copies whose original failed extraction are kept as copies all the same.
                for original in list(self._copies_waiting):
                    self._store_copies_of(original)
                summary.status = "done"
        except KeyboardInterrupt:
            summary.status = "interrupted"
            raise
        finally:
            if own_engine:
                engine.close()
            summary.seconds = time.monotonic() - started
            summary.skipped = list(summary.skipped)
            self.store.finish_run(summary.run_id, summary.to_dict(), summary.status)
        return summary

    def _extracted(
        self, candidates: Iterator[_Pending], engine: Engine | None
    ) -> Iterator[tuple[Document, list[Event] | None]]:
        """(document, events or None when extraction failed), in input order."""

        def batches() -> Iterator[list[Document]]:
            while batch := list(islice(candidates, self.batch_size)):
                yield [p.doc for p in batch]

        if engine is None:
            assert self.extractor is not None
            for batch in batches():
                yield from _extract_each(batch, self.extractor)
            return
        for result in engine.map_batches(batches()):
            if result.ok:
                yield from zip(result.documents, result.events, strict=True)
            else:  # retried here, one document at a time; a failing one is skipped
                log.warning("retrying a failed batch document by document")
                yield from _extract_each(result.documents, engine.retry_here)

    def _progress(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.summary)

    def _candidates(self, documents: Iterable[Document]) -> Iterator[_Pending]:
        """Documents not yet stored and not copies; copies are set aside to be linked."""
        for doc in documents:
            self.summary.read += 1
            if not isinstance(doc.text, str) or not doc.text.strip():
                skip(_origin(doc), "no text")
                continue
            if doc.published is not None and not isinstance(doc.published, date):
                doc.published = parse_published(doc.published, _origin(doc))
            chash = content_id(doc.text)
            if doc.id in self._seen or chash in self._seen:
                skip(_origin(doc), "repeated in this run", level=logging.INFO)
                self._progress()
                continue
            self._seen.update((doc.id, chash))
            if self.store.known_documents([doc.id, chash]):
                self.summary.already += 1
                self._progress()
                continue
            sig = signature(doc.text, self._rules)
            original = self._find_original(sig) if sig is not None else None
            if original is not None:
                self._copies_waiting.setdefault(original[0], []).append((doc, sig, original[1]))
                if original[0] not in self._inflight:  # the original is stored already
                    self._store_copies_of(original[0])
                continue
            if sig is not None:
                self._sigs[doc.id] = sig
                for key in sig.band_keys(self._rules):
                    self._bands.setdefault(key, []).append(doc.id)
            self._inflight.add(doc.id)
            yield _Pending(doc, sig)

    def _find_original(self, sig: MinHashSignature) -> tuple[str, float] | None:
        best = self.store.near_duplicate(sig)
        for key in sig.band_keys(self._rules):
            for other in self._bands.get(key, ()):
                sim = sig.jaccard(self._sigs[other])
                if sim >= self._rules.threshold and (best is None or sim > best[1]):
                    best = (other, sim)
        return best

    def _forget(self, doc_id: str, sig: MinHashSignature | None) -> None:
        """Drop a stored document's signature from memory: the store has its bands."""
        if sig is None or self._sigs.pop(doc_id, None) is None:
            return
        for key in sig.band_keys(self._rules):
            ids = self._bands.get(key)
            if ids is not None:
                ids.remove(doc_id)
                if not ids:
                    del self._bands[key]

    def _store(self, doc: Document, events: list[Event], sig: MinHashSignature | None) -> bool:
        """Store one document with its events; True when it was stored now."""
        try:
            result: StoredDocument = self.store.add_document(
                doc, events, run_id=self.summary.run_id, signature=sig
            )
        except (StatementError, DataError) as exc:
            if isinstance(exc, OperationalError | InterfaceError):
                raise  # the database is gone: stop, the next run continues
            skip(
                _origin(doc), f"not storable ({type(exc.orig or exc).__name__}: {exc.orig or exc})"
            )
            return False
        if result.status == "exists":
            self.summary.already += 1
            return False
        self.summary.stored += 1
        self.summary.reports += len(events)
        self.summary.events_new += len(result.new_events)
        self.summary.events_merged += len(result.merged_events)
        return True

    def _store_copies_of(self, original: str) -> None:
        for doc, sig, sim in self._copies_waiting.pop(original, []):
            result = self.store.add_document(
                doc,
                [],
                run_id=self.summary.run_id,
                signature=sig,
                duplicate_of=original,
                similarity=round(sim, 4),
            )
            if result.status == "exists":
                self.summary.already += 1
            else:
                self.summary.stored += 1
                self.summary.copies += 1
                log.info("%s is a copy of %s (similarity %.2f)", _origin(doc), original, sim)
            self._progress()


def ingest(
    store: Store,
    documents: Iterable[Document],
    *,
    extractor: Extractor | None = None,
    batch_size: int = 16,
    on_progress: Callable[[IngestSummary], None] | None = None,
    params: dict[str, Any] | None = None,
    config: Any = None,
    engine: Engine | None = None,
) -> IngestSummary:
    """Store new documents and their events; see `IngestJob`."""
    job = IngestJob(
        store,
        extractor=extractor,
        batch_size=batch_size,
        on_progress=on_progress,
        params=params,
        config=config,
        engine=engine,
    )
    return job.run(documents)
