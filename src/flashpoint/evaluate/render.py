"""Terminal rendering of an `Evaluation` (rich tables), kept apart from the scoring."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from flashpoint.evaluate.metrics import FIELDS, Evaluation


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def metrics_tables(evaluation: Evaluation) -> Group:
    """The headline metrics and the per-event-type counts as two tables."""
    m = evaluation.metrics
    head = Table(title="Event detection", show_header=True, header_style="bold")
    head.add_column("metric")
    head.add_column("value", justify="right")
    head.add_column("n", justify="right")
    head.add_row("documents", str(m["documents"]), "")
    head.add_row("gold events (required)", str(m["gold_events"]), "")
    head.add_row("predicted events", str(m["predicted_events"]), "")
    head.add_row("matched events", str(m["matched_events"]), "")
    head.add_row(
        "optional gold events (matched)",
        f"{m['optional_gold_events']} ({m['matched_optional_events']})",
        "",
    )
    head.add_row("precision", _fmt(m["precision"]), str(m["predicted_events"]))
    head.add_row("recall", _fmt(m["recall"]), str(m["gold_events"]))
    head.add_row(Text("F1", style="bold"), Text(_fmt(m["f1"]), style="bold"), "")

    fields = Table(title="Over matched pairs", show_header=True, header_style="bold")
    fields.add_column("field")
    fields.add_column("accuracy", justify="right")
    fields.add_column("n", justify="right")
    for name in FIELDS:
        fields.add_row(name, _fmt(m["accuracy"][name]), str(m["accuracy_n"][name]))
    fields.add_row(
        "place within 25 km", _fmt(m["place_within_25km"]), str(m["place_within_25km_n"])
    )
    fields.add_row(
        "median place error (km)", _fmt(m["place_error_km_median"]), str(m["place_error_n"])
    )

    types = Table(title="By event type (type-strict)", show_header=True, header_style="bold")
    for col in ("event type", "gold", "predicted", "matched", "precision", "recall", "F1"):
        types.add_column(col, justify="left" if col == "event type" else "right")
    for etype, row in m["by_event_type"].items():
        types.add_row(
            etype or "(none)",
            str(row["gold"]),
            str(row["predicted"]),
            str(row["matched"]),
            _fmt(row["precision"]),
            _fmt(row["recall"]),
            _fmt(row["f1"]),
        )
    return Group(head, fields, types)


def _event_line(event: dict[str, Any]) -> str:
    where = event.get("location") or event.get("admin1") or "?"
    actors = event.get("actor1") or "?"
    if event.get("actor2"):
        actors += f" vs {event['actor2']}"
    return (
        f"{event.get('date') or 'no date'} | {event.get('event_type')} / "
        f"{event.get('sub_event_type')} | {where} | {actors} | "
        f"killed {event.get('fatalities')}, injured {event.get('injuries')}"
    )


def error_panels(evaluation: Evaluation) -> list[Panel]:
    """One panel per document with misses, false alarms and disagreeing matched pairs."""
    panels: list[Panel] = []
    for doc in evaluation.errors:
        lines: list[str] = []
        for event in doc["misses"]:
            lines.append(f"[red]MISS[/red] {escape(_event_line(event))}")
            lines.append(f"     [dim]{escape(event.get('evidence') or '')}[/dim]")
            near = event.get("closest")
            if near and near["failed"]:
                where = near.get("location") or "no place"
                lines.append(
                    f"     nearest prediction: {escape(near['event_type'])} on "
                    f"{near.get('date') or 'no date'} at {escape(where)}; "
                    f"{escape('; '.join(near['failed']))}"
                )
        for event in doc["false_alarms"]:
            lines.append(f"[yellow]FALSE ALARM[/yellow] {escape(_event_line(event))}")
            lines.append(f"     [dim]{escape(event.get('evidence') or '')}[/dim]")
        for pair in doc["disagreements"]:
            lines.append(f"[cyan]MATCH[/cyan] {escape(_event_line(pair['gold']))}")
            for name, diff in pair["fields"].items():
                gold, pred = escape(repr(diff["gold"])), escape(repr(diff["predicted"]))
                values = f"gold {gold}, predicted {pred}"
                if name == "place":
                    km = diff.get("km")
                    gap = "predicted has no coordinates" if km is None else f"{km} km apart"
                    lines.append(f"     place: {gap} ({values})")
                else:
                    lines.append(f"     {name}: {values}")
        panels.append(Panel("\n".join(lines), title=escape(doc["document_id"]), expand=True))
    return panels


def print_evaluation(evaluation: Evaluation, console: Console, errors: bool = False) -> None:
    """Print the metrics tables, then (optionally) the per-document error listing."""
    if errors:
        if not evaluation.errors:
            console.print("No errors: every gold event matched, no false alarms.")
        for panel in error_panels(evaluation):
            console.print(panel)
    console.print(metrics_tables(evaluation))
