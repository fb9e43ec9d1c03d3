"""`flashpoint alerts` and `flashpoint trends`: surges per place, and timelines to see them."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


class AlertFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class LevelChoice(StrEnum):
    admin2 = "admin2"
    admin1 = "admin1"
    h3 = "h3"


class WindowChoice(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class MethodChoice(StrEnum):
    negbin = "negbin"
    poisson = "poisson"


class CorrectionChoice(StrEnum):
    none = "none"
    fdr = "fdr"
    bonferroni = "bonferroni"


DbOpt = Annotated[
    str,
    typer.Option("--db", help="Event store: SQLite path or postgresql:// URL."),
]
EventsOpt = Annotated[
    Path | None,
    typer.Option("--events", help="Read events from a JSONL/JSON/CSV file instead of the store."),
]
LevelOpt = Annotated[LevelChoice, typer.Option("--level", help="Spatial unit.")]
WindowOpt = Annotated[WindowChoice, typer.Option("--window", help="Time window.")]
ByOpt = Annotated[
    str | None,
    typer.Option("--by", help="Split each unit by this column, e.g. event_type or actor1."),
]
BaselineOpt = Annotated[
    int,
    typer.Option(
        "--baseline-weeks",
        "--baseline",
        min=1,
        help="Number of previous windows each window is compared with.",
    ),
]
AlphaOpt = Annotated[float, typer.Option("--alpha", min=1e-12, max=0.5, help="Significance level.")]
MinCountOpt = Annotated[
    int, typer.Option("--min-count", min=1, help="Fewest events in a window that can alert.")
]
MethodOpt = Annotated[
    MethodChoice,
    typer.Option("--method", help="negbin copes with bursty baselines; poisson is exact."),
]
CorrectionOpt = Annotated[
    CorrectionChoice,
    typer.Option("--correction", help="Multiple-testing correction across units per window."),
]
H3ResOpt = Annotated[
    int, typer.Option("--h3-resolution", min=0, max=15, help="H3 grid resolution.")
]
SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Report windows starting on/after this date.")
]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Ignore events after this date.")]


def _load(events: Path | None, db: str, stderr: Console, **filters: str | None):
    from flashpoint.alerts.source import EventSourceError, load_events

    try:
        return load_events(events, db, **filters)
    except EventSourceError as exc:
        stderr.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


def _alerts_table(alerts: list, console: Console, show_what: bool, window: str) -> None:
    table = Table(title=f"{len(alerts)} alert(s)", show_lines=False)
    columns = [
        ("window", "left"),
        ("kind", "left"),
        ("unit", "left"),
        ("what", "left"),
        ("count", "right"),
        (f"baseline/{window}", "right"),
        ("ratio", "right"),
        ("p", "right"),
        ("deaths", "right"),
        ("events", "left"),
    ]
    if not show_what:
        columns.pop(3)
    for name, justify in columns:
        table.add_column(name, justify=justify, no_wrap=name != "events")
    for a in alerts:
        more = len(a.event_ids) - 3
        ids = ", ".join(a.event_ids[:3]) + (f" +{more}" if more > 0 else "")
        table.add_row(
            a.period_start.isoformat(),
            a.kind,
            a.label,
            *([a.what] if show_what else []),
            str(a.count),
            f"{a.baseline_mean:.2f}",
            "new" if a.ratio is None else f"x{a.ratio:.1f}",
            f"{a.p_value:.2g}",
            f"{a.fatalities} ({a.baseline_fatalities})",
            ids,
        )
    console.print(table)


def alerts(
    db: DbOpt = "flashpoint.db",
    events: EventsOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    level: LevelOpt = LevelChoice.admin2,
    window: WindowOpt = WindowChoice.week,
    baseline: BaselineOpt = 8,
    alpha: AlphaOpt = 0.01,
    min_count: MinCountOpt = 3,
    method: MethodOpt = MethodChoice.negbin,
    correction: CorrectionOpt = CorrectionChoice.none,
    by: ByOpt = None,
    h3_resolution: H3ResOpt = 5,
    new: Annotated[
        bool, typer.Option("--new/--no-new", help="Flag first activity after a quiet baseline.")
    ] = True,
    fmt: Annotated[AlertFormat, typer.Option("--format", "-f", help="Output format.")] = (
        AlertFormat.table
    ),
) -> None:
    """Units whose events rose above their own trailing baseline (surges and new activity)."""
    from flashpoint.alerts import detect_surges
    from flashpoint.alerts.source import history_start

    stderr = Console(stderr=True)
    start = history_start(since, window.value, baseline)
    frame = _load(events, db, stderr, start=start, end=until)
    try:
        found = detect_surges(
            frame,
            level=level.value,
            window=window.value,
            baseline=baseline,
            alpha=alpha,
            min_count=min_count,
            method=method.value,
            correction=correction.value,
            by=by,
            since=since,
            until=until,
            new_activity=new,
            h3_resolution=h3_resolution,
        )
    except ValueError as exc:
        stderr.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    if fmt is AlertFormat.jsonl:
        for alert in found:
            sys.stdout.write(json.dumps(alert.to_dict(), ensure_ascii=False) + "\n")
    else:
        console = Console()
        if not console.is_terminal:
            # Piped output is read by people later (mail, logs): do not squeeze it to 80.
            console = Console(width=200)
        _alerts_table(found, console, show_what=by is not None, window=window.value)


def trends(
    db: DbOpt = "flashpoint.db",
    events: EventsOpt = None,
    png: Annotated[Path | None, typer.Option("--png", help="Write timelines as PNG.")] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write an offline HTML page with the plot.")
    ] = None,
    csv: Annotated[
        Path | None,
        typer.Option("--csv", help="Write the counts table here ('-' for standard output)."),
    ] = None,
    level: LevelOpt = LevelChoice.admin2,
    window: WindowOpt = WindowChoice.week,
    by: ByOpt = None,
    baseline: BaselineOpt = 8,
    alpha: AlphaOpt = 0.01,
    min_count: MinCountOpt = 3,
    method: MethodOpt = MethodChoice.negbin,
    h3_resolution: H3ResOpt = 5,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option("--top", min=1, help="Units to draw.")] = 9,
    title: Annotated[str | None, typer.Option("--title", help="Figure title.")] = None,
) -> None:
    """Counts and fatalities per unit and window; timelines with surges marked.

    With no --png/--html/--csv, the counts table is written to standard output as CSV.
    """
    import pandas as pd

    from flashpoint.alerts import aggregate, detect_surges
    from flashpoint.alerts.plot import html_page, render_png

    stderr = Console(stderr=True)
    frame = _load(events, db, stderr, end=until)
    try:
        if csv is not None or (png is None and html is None):
            table = aggregate(frame, level.value, window.value, by=by, h3_resolution=h3_resolution)
            if until:
                table = table[table["period_start"] <= pd.Timestamp(until).date()]
            if csv is None or str(csv) == "-":
                table.to_csv(sys.stdout, index=False)
            else:
                table.to_csv(csv, index=False)
        if png is not None or html is not None:
            found = detect_surges(
                frame,
                level=level.value,
                window=window.value,
                baseline=baseline,
                alpha=alpha,
                min_count=min_count,
                method=method.value,
                by=by,
                until=until,
                h3_resolution=h3_resolution,
            )
            image = render_png(
                frame,
                level=level.value,
                window=window.value,
                baseline=baseline,
                alerts=found,
                top=top,
                title=title,
                h3_resolution=h3_resolution,
            )
            if png is not None:
                png.write_bytes(image)
            if html is not None:
                html.write_text(
                    html_page(image, found, title or "flashpoint trends"), encoding="utf-8"
                )
            stderr.print(f"{len(found)} alert(s) marked", highlight=False)
    except ValueError as exc:
        stderr.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    except OSError as exc:
        stderr.print(f"[red]error:[/red] cannot write output: {exc}", highlight=False)
        raise typer.Exit(2) from None


def register(app: typer.Typer) -> None:
    app.command("alerts")(alerts)
    app.command("trends")(trends)
