"""A synthetic district dataset with planted changes, and its alerts and timelines.

    .venv/bin/python benchmarks/alerts_demo.py OUT_DIR

Writes OUT_DIR/demo.jsonl (ACLED-shaped events), OUT_DIR/trends.png and
OUT_DIR/trends.html, and prints the alerts. Planted: one district's rate rises about
4.5-fold for four weeks (weeks 40-43); a district with no history gets a two-week
cluster (weeks 45-46); one district is bursty (negative binomial) with no change in
its mean. Everything else is steady Poisson noise, so any other alert is a false alarm.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import numpy as np

from flashpoint.alerts import detect_surges, plot_trends
from flashpoint.alerts.simulate import events_from_counts

UNITS = [
    ("Iraq", "Kirkuk", "Daquq"),
    ("Iraq", "Kirkuk", "Kirkuk"),
    ("Iraq", "Kirkuk", "Hawija"),
    ("Iraq", "Salah al-Din", "Tuz Khurmatu"),
    ("Iraq", "Diyala", "Khanaqin"),
    ("Iraq", "Salah al-Din", "Baiji"),
    ("Iraq", "Diyala", "Muqdadiya"),
    ("Iraq", "Kirkuk", "Dibis"),
    ("Iraq", "Anbar", "Rutba"),
]
WEEKS = 52


def main(out: Path, seed: int = 21) -> None:
    rng = np.random.default_rng(seed)
    base = np.array([1.5, 4, 3, 1.5, 0, 6, 2, 0.3, 1.0])
    rates = np.repeat(base[:, None], WEEKS, axis=1)
    rates[0, 40:44] = 7.0
    rates[4, 45:47] = 4.0
    counts = rng.poisson(rates)
    counts[5] = rng.negative_binomial(1.2, 1.2 / (1.2 + 6), size=WEEKS)
    events = events_from_counts(counts, UNITS, date(2020, 3, 2), rng)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "demo.jsonl").open("w", encoding="utf-8") as fh:
        for event in events:
            fh.write(json.dumps(event) + "\n")
    title = "Synthetic series: Daquq rise (weeks 40-43), Khanaqin first cluster, bursty Baiji"
    plot_trends(events, out / "trends.png", out / "trends.html", title=title)
    for correction in ("none", "fdr"):
        print(f"-- correction={correction}")
        for alert in detect_surges(events, correction=correction):
            print(alert.describe())


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "alerts-demo"))
