"""`flashpoint ingest | events | export | dedup`: keep and query a living event dataset.

Thin wrappers over `flashpoint.api.Dataset`; progress and summaries go to stderr so
that `flashpoint events --format jsonl > out.jsonl` stays clean.
"""

from __future__ import annotations

import csv
import importlib
import json
import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TextColumn
from rich.table import Table
from rich.text import Text

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

DB_HELP = "Database: a SQLite file path or a postgresql:// URL."
DbOption = Annotated[str, typer.Option("--db", envvar="FLASHPOINT_DB", help=DB_HELP)]

StartOpt = Annotated[str | None, typer.Option("--start", "--since", help="First date (ISO).")]
EndOpt = Annotated[str | None, typer.Option("--end", "--until", help="Last date (ISO).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="Country name.")]
Admin1Opt = Annotated[str | None, typer.Option("--admin1", help="First-level unit (province).")]
Admin2Opt = Annotated[str | None, typer.Option("--admin2", help="Second-level unit (district).")]
TypeOpt = Annotated[str | None, typer.Option("--event-type", "--type", help="ACLED event type.")]
SubTypeOpt = Annotated[str | None, typer.Option("--sub-event-type", help="ACLED sub-event type.")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Part of an actor's name.")]
SearchOpt = Annotated[
    str | None,
    typer.Option("--search", "--text", help="Text in notes, places, actors or source texts."),
]
LimitOpt = Annotated[int | None, typer.Option("--limit", "-n", help="At most this many events.")]


class EventsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"
    jsonl = "jsonl"


def _filters(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v not in (None, "")}


def _load_extractor(spec: str | None):
    """A callable from "module:function" (None: the built-in pipeline)."""
    if not spec:
        return None
    module, _, name = spec.partition(":")
    if not name:
        raise typer.BadParameter("use module:function", param_hint="--extractor")
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise typer.BadParameter(f"cannot load {spec}: {exc}", param_hint="--extractor") from exc


def _open(db: str):
    from flashpoint.api import open as open_dataset

    try:
        return open_dataset(db)
    except Exception as exc:  # a bad URL, an unreachable server, a locked file
        Console(stderr=True).print(f"[red]cannot open database {db}: {exc}[/red]")
        raise typer.Exit(2) from exc


class _RateColumn(ProgressColumn):
    """Documents per second and events found so far."""

    def render(self, task: Task) -> Text:
        f = task.fields
        return Text(
            f"{f.get('rate', 0.0):6.1f} docs/s  {f.get('events', 0)} events "
            f"({f.get('merged', 0)} merged)  {f.get('skipped', 0)} skipped",
            style="cyan",
        )


def _summary_table(summary) -> Table:
    t = Table(title="ingest summary", show_header=False, title_justify="left")
    t.add_column("what")
    t.add_column("count", justify="right")
    rows = [
        ("documents read", summary.read),
        ("stored (new)", summary.stored - summary.copies),
        ("stored as copies of others", summary.copies),
        ("already in the database", summary.already),
        ("not parsed (no conflict vocabulary)", summary.filtered),
        ("skipped", len(summary.skipped)),
    ]
    rows += [(f"  skipped: {reason}", n) for reason, n in summary.skipped_by_reason().items()]
    rows += [
        ("event reports extracted", summary.reports),
        ("events new", summary.events_new),
        ("reports merged into known events", summary.events_merged),
        ("documents/s", f"{summary.docs_per_second:.1f}"),
        ("seconds", f"{summary.seconds:.1f}"),
    ]
    for what, n in rows:
        t.add_row(what, str(n))
    return t


def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, URLs or feeds (file or URL); - for stdin.")
    ],
    db: DbOption = "flashpoint.db",
    glob: Annotated[str, typer.Option("--glob", help="Files to read inside folders.")] = "**/*",
    published: Annotated[
        str | None, typer.Option("--published", help="Date for sources without one (ISO).")
    ] = None,
    text_col: Annotated[
        str | None, typer.Option("--text-col", help="JSONL/CSV text field.")
    ] = None,
    date_col: Annotated[
        str | None, typer.Option("--date-col", help="Publication date field.")
    ] = None,
    id_col: Annotated[str | None, typer.Option("--id-col", help="Document id field.")] = None,
    url_col: Annotated[str | None, typer.Option("--url-col", help="URL field.")] = None,
    title_col: Annotated[str | None, typer.Option("--title-col", help="Title field.")] = None,
    source_col: Annotated[str | None, typer.Option("--source-col", help="Outlet field.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a web page.")] = 20.0,
    retries: Annotated[int, typer.Option(help="Retries of a failed fetch.")] = 2,
    delay: Annotated[float, typer.Option(help="Seconds between requests to one host.")] = 1.0,
    batch_size: Annotated[int, typer.Option(help="Documents per extraction batch.")] = 16,
    extractor: Annotated[
        str | None,
        typer.Option(help="module:function (Document -> list[Event]) replacing the pipeline."),
    ] = None,
    json_summary: Annotated[
        bool, typer.Option("--json", help="Print the summary as JSON on stdout.")
    ] = False,
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
    """Read reports into the database: new documents only, events deduplicated."""
    from flashpoint.ingest.readers import Columns
    from flashpoint.ingest.web import FetchSettings

    err = Console(stderr=True)
    fn = _load_extractor(extractor)
    config = pipeline_config(backend, llm_url, llm_model, llm_api_key, llm_timeout, classifier)
    wide = (workers or 1) > 1 or engine_kind is EngineKind.dask or scheduler
    if fn is not None and wide:
        raise typer.BadParameter(
            "--workers, --engine dask and --scheduler run the built-in pipeline; "
            "a custom --extractor runs in this process",
            param_hint="--extractor",
        )
    columns = Columns(
        text=text_col, date=date_col, id=id_col, url=url_col, title=title_col, source=source_col
    )
    settings = FetchSettings(timeout=timeout, retries=retries, delay=delay)
    engine = (
        None
        if fn is not None
        else engine_from_options(engine_kind, workers, scheduler, prefilter, config)
    )
    try:
        ds = _open(db)
    except typer.Exit:
        if engine is not None:
            engine.close()
        raise
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold] {task.completed} docs"),
        _RateColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    last = [0.0]

    def on_progress(s) -> None:
        now = time.monotonic()
        if now - last[0] < 0.1:
            return
        last[0] = now
        progress.update(
            task,
            completed=s.read,
            rate=s.docs_per_second,
            events=s.events_new,
            merged=s.events_merged,
            skipped=len(s.skipped),
        )

    try:
        with progress:
            task = progress.add_task("ingest", total=None)
            summary = ds.ingest(
                inputs,
                extractor=fn,
                published=published,
                pattern=glob,
                columns=columns,
                fetch=settings,
                batch_size=batch_size,
                on_progress=on_progress,
                engine=engine,
            )
    except KeyboardInterrupt:
        err.print("[yellow]interrupted: stored documents are kept; run again to continue[/yellow]")
        raise typer.Exit(130) from None
    finally:
        if engine is not None:
            engine.close()
        ds.close()
    if json_summary:
        sys.stdout.write(json.dumps(summary.to_dict()) + "\n")
    else:
        err.print(_summary_table(summary))


def events(
    db: DbOption = "flashpoint.db",
    start: StartOpt = None,
    end: EndOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    admin2: Admin2Opt = None,
    event_type: TypeOpt = None,
    sub_event_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    search: SearchOpt = None,
    limit: LimitOpt = None,
    fmt: Annotated[EventsFormat, typer.Option("--format", "-f")] = EventsFormat.table,
) -> None:
    """List events in the database, filtered."""
    from flashpoint.models import ACLED_COLUMNS, EXTRA_COLUMNS

    ds = _open(db)
    try:
        found = ds.events(
            **_filters(
                start=start,
                end=end,
                country=country,
                admin1=admin1,
                admin2=admin2,
                event_type=event_type,
                sub_event_type=sub_event_type,
                actor=actor,
                text=search,
                limit=limit,
            )
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    finally:
        ds.close()
    if fmt is EventsFormat.jsonl:
        for ev in found:
            sys.stdout.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    elif fmt is EventsFormat.csv:
        cols = ACLED_COLUMNS + EXTRA_COLUMNS
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(cols)
        for ev in found:
            writer.writerow(["" if getattr(ev, c) is None else getattr(ev, c) for c in cols])
    else:
        table = Table(title=f"{len(found)} events")
        for col in (
            "id",
            "date",
            "type",
            "sub-type",
            "actor 1",
            "actor 2",
            "place",
            "killed",
            "sources",
        ):
            table.add_column(col)
        for ev in found:
            place = ", ".join(x for x in (ev.location, ev.admin1, ev.country) if x)
            killed = str(ev.fatalities)
            if ev.fatalities_high and ev.fatalities_high != ev.fatalities:
                killed = f"{ev.fatalities}-{ev.fatalities_high}"
            table.add_row(
                ev.event_id_cnty,
                ev.event_date or "",
                ev.event_type,
                ev.sub_event_type,
                ev.actor1,
                ev.actor2,
                place,
                killed,
                ev.source,
            )
        Console().print(table)


def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option("--format", "-f", help="Format (default: from the file suffix)."),
    ] = None,
    db: DbOption = "flashpoint.db",
    acled_only: Annotated[
        bool, typer.Option("--acled-only", help="Only ACLED's columns, no flashpoint extras.")
    ] = False,
    start: StartOpt = None,
    end: EndOpt = None,
    country: CountryOpt = None,
    admin1: Admin1Opt = None,
    admin2: Admin2Opt = None,
    event_type: TypeOpt = None,
    sub_event_type: SubTypeOpt = None,
    actor: ActorOpt = None,
    search: SearchOpt = None,
) -> None:
    """Write the events (filtered) as ACLED CSV, GeoJSON, Parquet or JSON Lines."""
    err = Console(stderr=True)
    ds = _open(db)
    try:
        n = ds.export(
            output,
            fmt.value if fmt else None,
            acled_only=acled_only,
            **_filters(
                start=start,
                end=end,
                country=country,
                admin1=admin1,
                admin2=admin2,
                event_type=event_type,
                sub_event_type=sub_event_type,
                actor=actor,
                text=search,
            ),
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    finally:
        ds.close()
    err.print(f"wrote {n} events to {output}")


def dedup(db: DbOption = "flashpoint.db") -> None:
    """Re-cluster every report into incidents (after new reports or edited dedup rules)."""
    ds = _open(db)
    try:
        report = ds.dedup()
    finally:
        ds.close()
    Console(stderr=True).print(
        f"{report.reports} reports: {report.events_before} -> {report.events_after} events "
        f"({report.merged} ids merged, {report.split} split, {report.revised} revised)"
    )


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
    app.command("events")(events)
    app.command("export")(export)
    app.command("dedup")(dedup)
