"""Calibration, power and speed of surge detection on simulated weekly series.

    .venv/bin/python benchmarks/alerts_calibration.py [--units 2000] [--seed 1]

Prints Markdown tables:
- false-alarm rate (alerts per unit-week tested) on pure Poisson noise, and on bursty
  negative binomial noise, per method and alpha: what an analyst should expect when
  nothing is going on;
- power: the share of units flagged in the week their rate doubles / triples (after
  29 steady weeks);
- wall time of `detect_surges` on a large synthetic corpus.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np
import pandas as pd

from flashpoint.alerts import detect_surges

BASELINE = 8
START = date(2024, 1, 1)


def frame(counts: np.ndarray) -> pd.DataFrame:
    """Events (one row each) from a units x weeks count matrix."""
    units, weeks = counts.shape
    unit = np.repeat(np.repeat(np.arange(units), weeks), counts.ravel())
    week = np.repeat(np.tile(np.arange(weeks), units), counts.ravel())
    days = pd.Timestamp(START) + pd.to_timedelta(week * 7 + (unit % 7), unit="D")
    return pd.DataFrame(
        {
            "event_id_cnty": np.char.add("E", np.arange(len(unit)).astype(str)),
            "event_date": days.strftime("%Y-%m-%d"),
            "country": "Simland",
            "admin1": "A",
            "admin2": np.char.add("D", unit.astype(str)),
            "fatalities": 0,
        }
    )


def false_alarms(rng: np.random.Generator, units: int, weeks: int) -> list[str]:
    lines = [
        "| noise | mean/week | method | alpha | false-alarm rate |",
        "|---|---|---|---|---|",
    ]
    tests = units * (weeks - BASELINE)
    for noise in ("poisson", "negbin(k=1.5)"):
        for lam in (0.5, 2.0, 5.0, 20.0):
            if noise == "poisson":
                counts = rng.poisson(lam, size=(units, weeks))
            else:
                counts = rng.negative_binomial(1.5, 1.5 / (1.5 + lam), size=(units, weeks))
            events = frame(counts)
            for method in ("poisson", "negbin"):
                for alpha in (0.01, 0.05):
                    found = detect_surges(
                        events, alpha=alpha, min_count=1, method=method, new_activity=False
                    )
                    rate = len(found) / tests
                    lines.append(f"| {noise} | {lam} | {method} | {alpha} | {rate:.4f} |")
    return lines


def power(rng: np.random.Generator, units: int, weeks: int) -> list[str]:
    lines = ["| mean/week | rise | method | flagged (alpha 0.01) |", "|---|---|---|---|"]
    for lam in (2.0, 5.0, 10.0, 20.0):
        for factor in (2, 3):
            rates = np.full((units, weeks), lam)
            rates[:, -1] *= factor
            events = frame(rng.poisson(rates))
            last_week = START + timedelta(weeks=weeks - 1)
            for method in ("poisson", "negbin"):
                found = detect_surges(events, alpha=0.01, method=method, since=last_week)
                share = len({a.unit for a in found}) / units
                lines.append(f"| {lam} | x{factor} | {method} | {share:.3f} |")
    return lines


def speed(rng: np.random.Generator, units: int, weeks: int) -> list[str]:
    events = frame(rng.poisson(rng.gamma(1.0, 3.0, size=(units, 1)), size=(units, weeks)))
    t0 = time.perf_counter()
    found = detect_surges(events)
    elapsed = time.perf_counter() - t0
    return [
        f"detect_surges: {len(events):,} events, {units:,} units x {weeks} weeks -> "
        f"{len(found):,} alerts in {elapsed:.2f} s"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--weeks", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    print("## False alarms (no change in rate)\n")
    print("\n".join(false_alarms(rng, args.units, args.weeks)))
    print("\n## Power (one week at 2x / 3x the rate)\n")
    print("\n".join(power(rng, args.units, 30)))
    print("\n## Speed\n")
    print("\n".join(speed(rng, args.units * 5, 104)))


if __name__ == "__main__":
    main()
