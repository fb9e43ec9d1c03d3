"""What runs inside a worker process: one pipeline per process, one batch per task.

The same function serves the local process pool and Dask workers, so both engines
run exactly the code of the in-process one. The pipeline (spaCy model, gazetteer,
knowledge tables) is built on the first task, or ahead of time by `warm`, and kept
for the life of the process.
"""

from __future__ import annotations

import os
import threading
from dataclasses import astuple, dataclass, field

from flashpoint.models import Document, Event
from flashpoint.pipeline import Pipeline, PipelineConfig

_PIPELINES: dict[tuple, Pipeline] = {}
_LOCK = threading.Lock()
# One batch at a time per process: spaCy models are not made for concurrent use, so a
# worker given several threads runs their batches one after the other.
_RUN_LOCK = threading.Lock()

STAT_KEYS = ("documents", "filtered", "failed", "events")


@dataclass(slots=True)
class BatchOutput:
    """The events of each document of a batch, in order, and what the batch cost."""

    events: list[list[Event]]
    stats: dict[str, float] = field(default_factory=dict)
    worker: str = ""


def pipeline_for(config: PipelineConfig) -> Pipeline:
    """This process's pipeline for `config` (built once, model loaded)."""
    key = astuple(config)
    with _LOCK:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            pipeline = Pipeline(config)
            _ = pipeline.nlp  # load the model now, not inside the first batch
            _PIPELINES[key] = pipeline
        return pipeline


def warm(config: PipelineConfig) -> str:
    """Load the model and open the gazetteer before any batch arrives."""
    pipeline_for(config)
    if config.geocode:
        from flashpoint.geo.gazetteer import get_gazetteer

        get_gazetteer()
    return f"{os.uname().nodename}:{os.getpid()}"


def run_batch(config: PipelineConfig, documents: list[Document]) -> BatchOutput:
    """Events of every document of one batch (a failing document yields none)."""
    pipeline = pipeline_for(config)
    with _RUN_LOCK:
        before = dict(pipeline.stats)
        events = [evs for _doc, evs in pipeline.process(documents)]
        stats = {k: pipeline.stats[k] - before.get(k, 0) for k in (*STAT_KEYS, "seconds")}
    return BatchOutput(events, stats, f"{os.uname().nodename}:{os.getpid()}")
