"""Measure flashpoint on Global Terrorism Database incident summaries from Iraq.

    .venv/bin/python benchmarks/gtd_bench.py [--limit 300] [--seed 13] [--format json]

Reads `../shared/bench/gtd-iraq/iraq_gtd_subset.csv` (START's GTD, 2012-2017 Iraq: one
row per incident with its `summary` text, date, coordinates, attack/target/weapon type
and killed/wounded counts), takes a seeded random sample, runs the pipeline on each
summary (published = the incident date, country hint Iraq) and compares the first event
it codes with the GTD row. GTD is a terrorism data set, not ACLED; this is a measurement
of date, place and type recovery on short, formulaic reports, not a gold standard.

What is compared, per incident:
- coverage: the share of incidents with at least one event coded;
- the incident's event is the first coded event in text order (the summary opens with
  the incident; later sentences name related attacks); all metrics below are over the
  incidents with at least one event;
- event type: GTD's attack type mapped to an ACLED event type (`acled_event_type`);
  incidents of unknown attack type are left out of this one figure;
- date: exact, and within 2 days (a missing date counts as wrong);
- place: within 25 km and 50 km of GTD's coordinates (missing coordinates count as
  wrong), and the median error in km over events that have coordinates;
- fatalities: exact agreement with GTD's `killed`. GTD's counts are noisy here: the
  summary often covers several related attacks or gives a different figure than the
  row, so this number has a ceiling well below 1.

This is a script, not a test: it reads data that is never copied into the project.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flashpoint.evaluate.normalize import distance_km, parse_date, parse_float, parse_int
from flashpoint.models import Document

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared/bench/gtd-iraq/iraq_gtd_subset.csv"

# GTD target types whose people are armed: an armed assault on them is a fight between
# armed sides (ACLED Battles); on anyone else it is one-sided (Violence against civilians).
ARMED_TARGETS = frozenset(
    {"Military", "Police", "Terrorists/Non-State Militia", "Violent Political Party"}
)

# GTD attack type -> ACLED event type. None: no ACLED type follows from the GTD row.
# "Armed Assault" and "Assassination" depend on the target (see ARMED_TARGETS);
# "Facility/Infrastructure Attack" on the weapon (a bombing of a building is an explosion,
# arson or sabotage is property destruction, a Strategic development in ACLED).
ATTACK_TYPE_TO_ACLED: dict[str, str | None] = {
    "Bombing/Explosion": "Explosions/Remote violence",
    "Armed Assault": "by target",
    "Assassination": "by target",
    "Hostage Taking (Kidnapping)": "Violence against civilians",
    "Hostage Taking (Barricade Incident)": "Violence against civilians",
    "Hijacking": "Violence against civilians",
    "Unarmed Assault": "Violence against civilians",
    "Facility/Infrastructure Attack": "by weapon",
    "Unknown": None,
}


def acled_event_type(attack_type: str, target_type: str, weapon_type: str) -> str | None:
    """The ACLED event type that a GTD incident corresponds to, or None if undetermined."""
    mapped = ATTACK_TYPE_TO_ACLED.get(attack_type)
    if mapped == "by target":
        return "Battles" if target_type in ARMED_TARGETS else "Violence against civilians"
    if mapped == "by weapon":
        if weapon_type == "Explosives":
            return "Explosions/Remote violence"
        return "Strategic developments"
    return mapped


def first_in_text(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The event whose evidence starts earliest in the text (ties: the pipeline's order)."""

    def start(indexed: tuple[int, dict[str, Any]]) -> tuple[int, int]:
        i, event = indexed
        spans = [s.get("start") for s in (event.get("evidence") or {}).values()]
        starts = [s for s in spans if isinstance(s, int)]
        return (min(starts) if starts else sys.maxsize, i)

    return min(enumerate(events), key=start)[1]


def compare(row: pd.Series, event: dict[str, Any]) -> dict[str, Any]:
    """Per-incident comparison of the coded event with the GTD row."""
    gtd_date = parse_date(str(row["date"]))
    pred_date = parse_date(event.get("event_date"))
    days = abs((gtd_date - pred_date).days) if gtd_date and pred_date else None
    lat, lon = parse_float(event.get("latitude")), parse_float(event.get("longitude"))
    km = None
    if lat is not None and lon is not None:
        km = distance_km(float(row["latitude"]), float(row["longitude"]), lat, lon)
    expected = acled_event_type(row["attack_type"], row["target_type"], row["weapon_type"])
    return {
        "attack_type": row["attack_type"],
        "expected_type": expected,
        "type_ok": None if expected is None else event.get("event_type") == expected,
        "date_exact": days == 0,
        "date_2d": days is not None and days <= 2,
        "km": km,
        "fatalities_ok": parse_int(event.get("fatalities"), 0) == parse_int(row["killed"], 0),
    }


def _share(flags: list[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def summarise(n: int, results: list[dict[str, Any]]) -> dict[str, Any]:
    """Aggregate per-incident comparisons into the benchmark's figures."""
    typed = [r for r in results if r["type_ok"] is not None]
    kms = [r["km"] for r in results if r["km"] is not None]
    by_attack: dict[str, dict[str, Any]] = {}
    for attack, count in Counter(r["attack_type"] for r in results).most_common():
        rows = [r for r in results if r["attack_type"] == attack]
        by_attack[attack] = {
            "incidents_with_event": count,
            "acled_type": ATTACK_TYPE_TO_ACLED.get(attack),
            "type_agreement": _share([r["type_ok"] for r in rows if r["type_ok"] is not None]),
        }
    return {
        "incidents": n,
        "with_event": len(results),
        "coverage": round(len(results) / n, 4) if n else None,
        "type_agreement": _share([r["type_ok"] for r in typed]),
        "type_agreement_n": len(typed),
        "date_exact": _share([r["date_exact"] for r in results]),
        "date_within_2_days": _share([r["date_2d"] for r in results]),
        "with_coordinates": _share([r["km"] is not None for r in results]),
        "place_within_25km": _share([r["km"] is not None and r["km"] <= 25 for r in results]),
        "place_within_50km": _share([r["km"] is not None and r["km"] <= 50 for r in results]),
        "place_error_km_median": round(statistics.median(kms), 2) if kms else None,
        "fatalities_exact": _share([r["fatalities_ok"] for r in results]),
        "by_attack_type": by_attack,
    }


def run(csv: Path, limit: int, seed: int, console: Console) -> dict[str, Any]:
    """Sample the CSV, extract events from each summary and compare with the GTD rows."""
    from flashpoint.pipeline import default_pipeline

    frame = pd.read_csv(csv)
    sample = frame.sample(n=min(limit, len(frame)), random_state=seed)
    rows = {f"gtd-{index}": row for index, row in sample.iterrows()}
    docs = (
        Document(
            text=str(row["summary"]),
            id=doc_id,
            published=parse_date(str(row["date"])),
            country_hint="Iraq",
            source="GTD",
        )
        for doc_id, row in rows.items()
    )
    results: list[dict[str, Any]] = []
    with Progress(
        TextColumn("GTD"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("gtd", total=len(rows))
        # The pipeline parses in batches and logs (and skips) a document that fails.
        for doc, events in default_pipeline().process(docs):
            if events:
                coded = [e.to_dict() for e in events]
                results.append(compare(rows[doc.id], first_in_text(coded)))
            progress.advance(task)
    return summarise(len(sample), results)


def print_table(summary: dict[str, Any], console: Console) -> None:
    def fmt(v: Any) -> str:
        return "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v)

    table = Table(title=f"GTD Iraq: {summary['incidents']} incidents")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in (
        "with_event",
        "coverage",
        "type_agreement",
        "type_agreement_n",
        "date_exact",
        "date_within_2_days",
        "with_coordinates",
        "place_within_25km",
        "place_within_50km",
        "place_error_km_median",
        "fatalities_exact",
    ):
        table.add_row(key.replace("_", " "), fmt(summary[key]))
    console.print(table)
    types = Table(title="By GTD attack type")
    for col in ("attack type", "with event", "ACLED type", "type agreement"):
        types.add_column(col)
    for attack, row in summary["by_attack_type"].items():
        types.add_row(
            attack,
            str(row["incidents_with_event"]),
            str(row["acled_type"]),
            fmt(row["type_agreement"]),
        )
    console.print(types)
    console.print(
        "fatalities: GTD's `killed` often counts related attacks or differs from the "
        "summary text; read it as a noisy lower bound."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="GTD subset CSV")
    parser.add_argument("--limit", type=int, default=300, help="incidents to sample")
    parser.add_argument("--seed", type=int, default=13, help="sampling seed")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    if not args.csv.is_file():
        print(f"error: {args.csv}: no such file", file=sys.stderr)
        return 2
    summary = run(args.csv, args.limit, args.seed, Console(stderr=True))
    if args.format == "json":
        print(json.dumps(summary, indent=2))
    else:
        print_table(summary, Console())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
