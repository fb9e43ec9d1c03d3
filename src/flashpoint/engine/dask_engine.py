"""The Dask engine: the same batches on a Dask cluster.

Without a scheduler address a `LocalCluster` is started on this machine (one
single-threaded worker process per core unless told otherwise). With one
(`tcp://host:8786`) the engine joins that cluster: any machine that runs
`dask worker tcp://host:8786 --nthreads 1` with flashpoint installed works for it.
A worker plugin loads the pipeline (spaCy model, gazetteer) once per worker, also on
workers that join later. Documents travel to the workers and events back; the store
is written here, by the caller, exactly as with the local engine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin

from flashpoint.engine.base import BatchResult, Engine
from flashpoint.engine.worker import run_batch, warm
from flashpoint.models import Document
from flashpoint.pipeline import PipelineConfig

log = logging.getLogger(__name__)

PLUGIN_NAME = "flashpoint-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline when a worker starts (or joins), before its first batch."""

    def __init__(self, config: PipelineConfig) -> None:
        self.config = config

    def setup(self, worker: Any) -> None:
        warm(self.config)


class DaskEngine(Engine):
    """Extraction on a Dask cluster: a new LocalCluster or a running scheduler."""

    name = "dask"

    def __init__(
        self,
        config: PipelineConfig | None = None,
        workers: int | None = None,
        scheduler: str | None = None,
        *,
        timeout: float = 60.0,
    ) -> None:
        super().__init__(config, workers or 1)
        self.scheduler = scheduler
        self.cluster: LocalCluster | None = None
        if scheduler:
            self.client = Client(scheduler, timeout=timeout)
        else:
            # Dask's statistical profiler samples every worker thread's stack 100 times
            # a second: pure overhead for long pure-Python tasks such as extraction.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(
                    n_workers=workers or os.cpu_count() or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.WARNING,
                )
            self.client = Client(self.cluster, timeout=timeout)
        self.client.register_plugin(PipelinePlugin(self.config), name=PLUGIN_NAME)
        self.workers = max(1, self._threads())

    def _threads(self) -> int:
        info = self.client.scheduler_info()
        return sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())

    def map_batches(self, batches: Iterable[list[Document]]) -> Iterator[BatchResult]:
        def submit(batch: list[Document]):
            return self.client.submit(run_batch, self.config, batch, pure=False)

        # Workers may join while the run goes on: size the window from the cluster now.
        window = 2 * max(self.workers, self._threads())
        yield from self._ordered(batches, submit, lambda f: f.result(), window)

    def warm(self) -> list[str]:
        return sorted(self.client.run(warm, self.config).values())

    def describe(self) -> str:
        where = self.scheduler or "a LocalCluster"
        return f"dask engine on {where}, {self.workers} worker threads"

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self.cluster is not None:
                self.cluster.close()
