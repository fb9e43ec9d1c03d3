"""Build event frames from count matrices, fast enough for thousands of simulated units."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

MONDAY = date(2024, 1, 1)  # a Monday, so week w starts on MONDAY + 7w


def frame_from_counts(
    counts: np.ndarray,
    names: list[str] | None = None,
    start: date = MONDAY,
    event_type: str = "Battles",
    admin1: str = "North",
    fatalities: int = 1,
    id_prefix: str = "E",
) -> pd.DataFrame:
    """One row per event: counts[i, w] events in admin2 unit i, all on week w's Tuesday."""
    counts = np.atleast_2d(np.asarray(counts, dtype=int))
    n_units, n_weeks = counts.shape
    names = names or [f"District {i}" for i in range(n_units)]
    unit_idx = np.repeat(np.repeat(np.arange(n_units), n_weeks), counts.ravel())
    week_idx = np.repeat(np.tile(np.arange(n_weeks), n_units), counts.ravel())
    days = pd.Timestamp(start) + pd.to_timedelta(week_idx * 7 + 1, unit="D")
    return pd.DataFrame(
        {
            "event_id_cnty": [f"{id_prefix}{i}" for i in range(len(unit_idx))],
            "event_date": days.strftime("%Y-%m-%d"),
            "event_type": event_type,
            "actor1": "Armed Group",
            "country": "Testland",
            "admin1": admin1,
            "admin2": np.asarray(names, dtype=object)[unit_idx],
            "latitude": 35.0 + unit_idx * 0.5,
            "longitude": 44.0,
            "fatalities": fatalities,
        }
    )
