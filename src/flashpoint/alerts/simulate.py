"""Synthetic event series with a known answer, for calibration checks and demos.

Surge statistics can only be trusted if they behave on data where the truth is known:
pure noise should fire at most alpha of the time, and an injected rise should fire.
These helpers turn a matrix of weekly counts into ACLED-shaped event records.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np


def events_from_counts(
    counts: np.ndarray,
    units: list[tuple[str, str, str]],
    start: date,
    rng: np.random.Generator,
    event_type: str = "Battles",
    fatality_rate: float = 0.5,
    id_prefix: str = "SYN",
) -> list[dict[str, Any]]:
    """One event record per count: `counts[i, w]` events for `units[i]` in week `w`.

    `units` are (country, admin1, admin2) triples; `start` should be a Monday so week w
    is the ISO week starting `start + 7w`. Days within the week, fatalities (Poisson)
    and coordinates (jittered around a per-unit centre) are drawn from `rng`.
    """
    records: list[dict[str, Any]] = []
    centres = rng.uniform([30.0, 40.0], [36.0, 46.0], size=(len(units), 2))
    for i, (country, admin1, admin2) in enumerate(units):
        for week, n in enumerate(np.asarray(counts[i], dtype=int)):
            for _ in range(n):
                day = start + timedelta(days=7 * week + int(rng.integers(0, 7)))
                lat, lon = centres[i] + rng.normal(0, 0.01, size=2)
                records.append(
                    {
                        "event_id_cnty": f"{id_prefix}{len(records) + 1}",
                        "event_date": day.isoformat(),
                        "event_type": event_type,
                        "actor1": "Unidentified Armed Group",
                        "country": country,
                        "admin1": admin1,
                        "admin2": admin2,
                        "location": admin2,
                        "latitude": float(lat),
                        "longitude": float(lon),
                        "fatalities": int(rng.poisson(fatality_rate)),
                    }
                )
    return records


def poisson_counts(
    rates: np.ndarray | float, units: int, weeks: int, rng: np.random.Generator
) -> np.ndarray:
    """A units x weeks matrix of Poisson counts; `rates` broadcasts to that shape."""
    lam = np.broadcast_to(np.asarray(rates, dtype=float), (units, weeks))
    return rng.poisson(lam)
