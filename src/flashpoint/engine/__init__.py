"""Where extraction runs: in this process, a local process pool, or a Dask cluster.

    >>> from flashpoint.engine import make_engine
    >>> with make_engine("local", workers=2) as engine:
    ...     for doc, events in engine.process(documents): ...

Every engine runs the same batches through the same code
(`flashpoint.engine.worker.run_batch`) and hands results back in input order, so
their outputs are identical; the caller keeps reading sources and writing the store.
"""

from __future__ import annotations

from flashpoint.engine.base import BatchResult, Engine, batches_of
from flashpoint.engine.local import LocalEngine
from flashpoint.pipeline import PipelineConfig

ENGINES = ("local", "dask")


def make_engine(
    kind: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    config: PipelineConfig | None = None,
) -> Engine:
    """An engine by name. `workers`: processes (local) or LocalCluster workers (dask,
    default: one per core); `scheduler`: a Dask scheduler address to join instead."""
    if kind == "local":
        if scheduler:
            raise ValueError("a scheduler address needs the dask engine (--engine dask)")
        return LocalEngine(config, workers or 1)
    if kind == "dask":
        try:
            from flashpoint.engine.dask_engine import DaskEngine
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise ValueError(f"the dask engine needs dask[distributed]: {exc}") from exc
        return DaskEngine(config, workers, scheduler)
    raise ValueError(f"unknown engine {kind!r} (choose from {', '.join(ENGINES)})")


__all__ = ["ENGINES", "BatchResult", "Engine", "LocalEngine", "batches_of", "make_engine"]
