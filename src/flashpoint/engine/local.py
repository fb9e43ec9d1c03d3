"""The local engine: this process, or a pool of processes on this machine.

With one worker the pipeline runs here, batch after batch. With N workers, N
processes (started fresh, not forked, so no open database or gazetteer handle is
shared) each load the model once and take batches as they come free; results are
handed back in input order.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from flashpoint.engine.base import BatchResult, Engine
from flashpoint.engine.worker import BatchOutput, run_batch, warm
from flashpoint.models import Document
from flashpoint.pipeline import PipelineConfig

log = logging.getLogger(__name__)


class LocalEngine(Engine):
    """Extraction in this process (`workers=1`) or in a local process pool."""

    name = "local"

    def __init__(self, config: PipelineConfig | None = None, workers: int = 1) -> None:
        super().__init__(config, workers)
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=warm,
                initargs=(self.config,),
            )
        return self._pool

    def _submit(self, batch: list[Document]) -> Future[BatchOutput]:
        try:
            return self._executor().submit(run_batch, self.config, batch)
        except BrokenProcessPool:
            # A worker died (out of memory, a crash in native code): start a new pool.
            log.warning("a worker process died; starting a new pool")
            self._shutdown()
            return self._executor().submit(run_batch, self.config, batch)

    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        if self.workers <= 1:
            yield from self._here(batches)
            return
        yield from self._ordered(batches, self._submit, Future.result, window=2 * self.workers)

    def warm(self, timeout: float = 300.0) -> list[str]:
        """Start every worker process and wait until each has loaded the pipeline."""
        if self.workers <= 1:
            return super().warm()
        pool = self._executor()
        seen: set[str] = set()
        deadline = time.monotonic() + timeout
        # A process takes tasks only once its initializer (the model load) is done, so
        # keep offering tiny tasks until every process has answered one.
        while len(seen) < self.workers and time.monotonic() < deadline:
            futures = [pool.submit(warm, self.config) for _ in range(self.workers)]
            seen.update(f.result() for f in futures)
            if len(seen) < self.workers:
                time.sleep(0.2)
        return sorted(seen)

    def _here(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        for batch in batches:
            try:
                out = run_batch(self.config, batch)
            except Exception as exc:  # run_batch keeps document failures to themselves
                log.warning("batch extraction failed (%s: %s)", type(exc).__name__, exc)
                self.stats["failed_batches"] += 1
                yield BatchResult(batch, None, exc)
                continue
            self._count(out)
            yield BatchResult(batch, out.events)

    def _shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        self._shutdown()
