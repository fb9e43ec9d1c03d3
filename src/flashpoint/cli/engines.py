"""Options shared by the commands that run the pipeline: where it runs, how wide."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class EngineKind(StrEnum):
    local = "local"
    dask = "dask"


WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Worker processes (local: default 1; dask LocalCluster: default one per core).",
    ),
]
EngineOpt = Annotated[
    EngineKind,
    typer.Option("--engine", help="Where extraction runs: local processes or a Dask cluster."),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler address (tcp://host:8786) to run on; implies --engine dask.",
    ),
]
PrefilterOpt = Annotated[
    bool,
    typer.Option(
        "--prefilter/--no-prefilter",
        help="Set aside unparsed the documents with no conflict vocabulary.",
    ),
]


def engine_from_options(
    kind: EngineKind,
    workers: int | None,
    scheduler: str | None,
    prefilter: bool = True,
    config=None,
):
    """The engine the options ask for (a clear error when they do not fit together);
    `config` (a `PipelineConfig`, e.g. from the backend options) is what it runs."""
    from dataclasses import replace

    from flashpoint.engine import make_engine
    from flashpoint.pipeline import PipelineConfig

    if scheduler:
        kind = EngineKind.dask
    config = replace(config or PipelineConfig(), prefilter=prefilter)
    try:
        return make_engine(kind.value, workers, scheduler, config)
    except (ValueError, OSError, TimeoutError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--engine/--scheduler") from exc
