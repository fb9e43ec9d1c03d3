"""Event counts and fatalities per spatial unit per time window.

Two shapes of the same numbers: a long table for people (CSV, the `trends` command, a
dashboard timeline) and a dense unit-by-period matrix for the surge statistics, where a
week with no events must be an explicit zero, not a missing row, or every quiet week
would silently vanish from the baseline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from flashpoint.alerts.frame import DEFAULT_H3_RESOLUTION, prepare


@dataclass(frozen=True, slots=True)
class Series:
    """Dense per-period counts: one row per (unit[, category]), one column per period.

    `keys` has columns unit, label[, category]; `periods` is contiguous (no gaps), so
    column j - k is always "k periods before j". `event_row`/`event_col` place each row
    of `events` in the matrices, so the events behind any cell can be listed.
    """

    keys: pd.DataFrame
    periods: pd.PeriodIndex
    counts: np.ndarray
    fatalities: np.ndarray
    events: pd.DataFrame
    event_row: np.ndarray
    event_col: np.ndarray

    @property
    def by(self) -> bool:
        return "category" in self.keys.columns


def build_series(prepared: pd.DataFrame, start: pd.Period | None = None) -> Series:
    """Dense count and fatality matrices from the output of `prepare`.

    Periods run from the earliest event (or `start`, if earlier) to the latest, so the
    statistics know the span the data actually covers.
    """
    group_cols = ["unit", "category"] if "category" in prepared.columns else ["unit"]
    if prepared.empty:
        keys = pd.DataFrame(columns=[*group_cols[:1], "label", *group_cols[1:]])
        empty = np.zeros((0, 0), dtype=np.int64)
        none = np.zeros(0, dtype=np.int64)
        periods = pd.PeriodIndex([], freq="W-SUN")
        return Series(keys, periods, empty, empty, prepared, none, none)

    first, last = prepared["period"].min(), prepared["period"].max()
    if start is not None and start < first:
        first = start
    periods = pd.period_range(first, last, freq=first.freq)

    keys = prepared[group_cols].drop_duplicates().sort_values(group_cols, ignore_index=True)
    labels = prepared.groupby("unit")["label"].first()
    keys.insert(1, "label", keys["unit"].map(labels).astype(object))

    key_index = pd.MultiIndex.from_frame(keys[group_cols])
    rows = key_index.get_indexer(pd.MultiIndex.from_frame(prepared[group_cols]))
    cols = periods.get_indexer(pd.PeriodIndex(prepared["period"]))
    counts = np.zeros((len(keys), len(periods)), dtype=np.int64)
    fatalities = np.zeros_like(counts)
    np.add.at(counts, (rows, cols), 1)
    np.add.at(fatalities, (rows, cols), prepared["fatalities"].to_numpy(dtype=np.int64))
    return Series(keys, periods, counts, fatalities, prepared, rows, cols)


def aggregate(
    events: Any,
    level: str = "admin2",
    window: str = "week",
    by: str | None = None,
    h3_resolution: int = DEFAULT_H3_RESOLUTION,
    dense: bool = False,
) -> pd.DataFrame:
    """Counts and fatalities per unit (and per `by` value) per window, as a long table.

    Columns: unit, label[, category], period_start, period_end, events, fatalities.
    With `dense=True` every unit gets a row for every window in the data's span,
    zeros included (what a timeline plot wants); otherwise only non-empty windows.
    """
    series = build_series(prepare(events, level, window, by, h3_resolution).frame)
    n_units, n_periods = series.counts.shape
    if n_units == 0:
        cols = ["unit", "label", *(["category"] if by else []), "period_start", "period_end"]
        return pd.DataFrame(columns=[*cols, "events", "fatalities"])
    out = series.keys.loc[np.repeat(np.arange(n_units), n_periods)].reset_index(drop=True)
    tiled = pd.PeriodIndex(np.tile(series.periods, n_units))
    out["period_start"] = tiled.start_time.date
    out["period_end"] = tiled.end_time.date
    out["events"] = series.counts.ravel()
    out["fatalities"] = series.fatalities.ravel()
    if not dense:
        out = out[out["events"] > 0].reset_index(drop=True)
    return out
