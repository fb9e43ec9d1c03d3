"""`flashpoint extract`: code the events of articles and print them."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flashpoint.cli.backend import (
    BackendName,
    BackendOpt,
    ClassifierName,
    ClassifierOpt,
    LlmKeyOpt,
    LlmModelOpt,
    LlmTimeoutOpt,
    LlmUrlOpt,
    pipeline_config,
)
from flashpoint.cli.engines import (
    EngineKind,
    EngineOpt,
    PrefilterOpt,
    SchedulerOpt,
    WorkersOpt,
    engine_from_options,
)
from flashpoint.ingest.readers import read_inputs
from flashpoint.models import ALL_COLUMNS, Event


class OutputFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


def event_feature(event: Event) -> dict:
    """A GeoJSON Feature for one event (no geometry when it has no coordinates)."""
    props = event.to_dict()
    geometry = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
    return {"type": "Feature", "geometry": geometry, "properties": props}


def write_events(events: Iterable[Event], fmt: OutputFormat, out=None) -> int:
    """Write events to `out` (stdout by default) in a format; returns how many."""
    out = out or sys.stdout
    n = 0
    if fmt is OutputFormat.jsonl:
        for ev in events:
            out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    elif fmt is OutputFormat.csv:
        writer = csv.DictWriter(out, fieldnames=[*ALL_COLUMNS, "evidence"])
        writer.writeheader()
        for ev in events:
            row = ev.to_dict()
            row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
            writer.writerow(row)
            n += 1
    elif fmt is OutputFormat.geojson:
        features = [event_feature(ev) for ev in events]
        n = len(features)
        json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
        out.write("\n")
    else:
        table = Table(show_lines=False, header_style="bold")
        for col in ("date", "type / sub-type", "actor1", "actor2", "location", "fat.", "inj."):
            table.add_column(col, overflow="fold")
        for ev in events:
            where = ", ".join(x for x in (ev.location, ev.admin1, ev.country) if x)
            if ev.geo_precision:
                where += f" (p{ev.geo_precision})"
            table.add_row(
                f"{ev.event_date or '?'} (p{ev.time_precision or '-'})",
                f"{ev.event_type}\n{ev.sub_event_type}",
                ev.actor1,
                ev.actor2,
                where,
                str(ev.fatalities),
                str(ev.injuries),
            )
            n += 1
        Console(file=out, width=140).print(table)
    return n


def extract_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Text files, .jsonl corpora, or - for stdin.")
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", "-p", help="Publication date (YYYY-MM-DD) for text inputs."),
    ] = None,
    country: Annotated[
        str | None,
        typer.Option("--country", help="Country the reports are about, when the text omits it."),
    ] = None,
    fmt: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.table,
    backend: BackendOpt = BackendName.rules,
    llm_url: LlmUrlOpt = None,
    llm_model: LlmModelOpt = None,
    llm_api_key: LlmKeyOpt = None,
    llm_timeout: LlmTimeoutOpt = None,
    classifier: ClassifierOpt = ClassifierName.none,
    workers: WorkersOpt = None,
    engine_kind: EngineOpt = EngineKind.local,
    scheduler: SchedulerOpt = None,
    prefilter: PrefilterOpt = True,
) -> None:
    """Code the events reported in articles (ACLED columns plus evidence)."""
    config = pipeline_config(backend, llm_url, llm_model, llm_api_key, llm_timeout, classifier)
    docs = list(read_inputs(inputs, published=published))
    if not docs:
        typer.echo("No readable documents in the input.", err=True)
        raise typer.Exit(code=1)
    for doc in docs:
        if country and not doc.country_hint:
            doc.country_hint = country
    events: list[Event] = []
    show = len(docs) > 1 and sys.stderr.isatty()
    with (
        Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[events]} events"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=not show,
        ) as progress,
        engine_from_options(engine_kind, workers, scheduler, prefilter, config) as engine,
    ):
        task = progress.add_task("extract", total=len(docs), events=0)
        for _, evs in engine.process(docs):
            events.extend(evs)
            progress.update(task, advance=1, events=len(events))
    write_events(events, fmt)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract_command)
