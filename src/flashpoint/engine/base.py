"""What every engine does: batches in, each batch's events out, in input order.

An engine only decides where batches are extracted (this process, a pool of local
processes, a Dask cluster). Reading sources and writing the store stay with the
caller in this process, so ingest keeps its one-transaction-per-document
idempotence and crash safety whatever the engine, and every engine gives the same
events for the same input: each batch runs `flashpoint.engine.worker.run_batch`.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from flashpoint.engine.worker import STAT_KEYS, BatchOutput, run_batch, warm
from flashpoint.models import Document, Event
from flashpoint.pipeline import PipelineConfig

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchResult:
    """One batch back from the engine: its documents and, unless it failed, their events."""

    documents: list[Document]
    events: list[list[Event]] | None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.events is not None


def batches_of(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    """Consecutive batches of `size` documents (read lazily)."""
    it = iter(documents)
    while batch := list(islice(it, max(1, size))):
        yield batch


class Engine(ABC):
    """Runs the extraction pipeline over batches of documents; close it when done."""

    name = "engine"

    def __init__(self, config: PipelineConfig | None = None, workers: int = 1) -> None:
        self.config = config or PipelineConfig()
        self.workers = max(1, int(workers))
        self.stats: dict[str, float] = {k: 0 for k in STAT_KEYS}
        self.stats.update(seconds=0.0, batches=0, failed_batches=0)

    @abstractmethod
    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        """Each batch's result, in input order. The next batch is read only when a
        worker is free for it, so input streams of any length use bounded memory."""

    def process(
        self, documents: Iterable[Document], batch_size: int | None = None
    ) -> Iterator[tuple[Document, list[Event]]]:
        """(document, events) pairs in input order, like `Pipeline.process`.

        A batch that failed in a worker (a crashed process, a lost connection) is
        extracted again here, document by document; a document that fails again is
        logged and yields no events.
        """
        size = batch_size or self.config.batch_size
        for result in self.map_batches(batches_of(documents, size)):
            if result.ok:
                yield from zip(result.documents, result.events, strict=True)
                continue
            for doc in result.documents:
                try:
                    yield doc, self.retry_here(doc)
                except Exception:
                    log.exception("%s: extraction failed; document skipped", doc.id)
                    yield doc, []

    def retry_here(self, doc: Document) -> list[Event]:
        """Extract one document in this process (after its batch failed elsewhere)."""
        out = run_batch(self.config, [doc])
        self._count(out)
        return out.events[0]

    def _count(self, out: BatchOutput) -> None:
        for key, value in out.stats.items():
            self.stats[key] = self.stats.get(key, 0) + value
        self.stats["batches"] += 1

    def _ordered(
        self,
        batches: Iterable[list[Document]],
        submit: Callable[[list[Document]], Any],
        result: Callable[[Any], BatchOutput],
        window: int,
    ) -> Iterator[BatchResult]:
        """Keep up to `window` batches in flight; hand results back in input order."""
        it = iter(batches)
        pending: deque[tuple[list[Document], Any]] = deque()

        def fill() -> None:
            while len(pending) < window:
                batch = next(it, None)
                if batch is None:
                    return
                pending.append((batch, self._submit_safely(submit, batch)))

        fill()
        while pending:
            batch, future = pending.popleft()
            try:
                if isinstance(future, BaseException):
                    raise future
                out = result(future)
            except Exception as exc:
                log.warning(
                    "a batch of %d documents failed in its worker (%s: %s)",
                    len(batch),
                    type(exc).__name__,
                    exc,
                )
                self.stats["failed_batches"] += 1
                fill()
                yield BatchResult(batch, None, exc)
                continue
            self._count(out)
            fill()  # keep the workers busy while the caller stores this batch
            yield BatchResult(batch, out.events)

    def _submit_safely(self, submit: Callable[[list[Document]], Any], batch: list[Document]):
        try:
            return submit(batch)
        except Exception as exc:  # e.g. a broken pool: reported with the batch
            return exc

    def warm(self) -> list[str]:
        """Start the workers and load the pipeline in each now; returns their names."""
        return [warm(self.config)]

    def describe(self) -> str:
        return f"{self.name} engine, {self.workers} worker{'s' if self.workers != 1 else ''}"

    def close(self) -> None:  # noqa: B027 - engines without resources need nothing
        """Stop workers and release the cluster (if this engine started them)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
