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
    column j - k is always "k periods before j".
    """

    keys: pd.DataFrame
    periods: pd.PeriodIndex
    counts: np.ndarray
    fatalities: np.ndarray
    events: pd.DataFrame

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
        return Series(keys, pd.PeriodIndex([], freq="W-SUN"), empty, empty, prepared)

    first, last = prepared["period"].min(), prepared["period"].max()
    if start is not None and start < first:
        first = start
    periods = pd.period_range(first, last, freq=first.freq)

    labels = prepared.groupby("unit")["label"].agg(lambda s: s.value_counts().index[0])
    grouped = prepared.groupby([*group_cols, "period"], sort=True).agg(
        events=("id", "size"), fatalities=("fatalities", "sum")
    )
    keys = grouped.index.droplevel("period").unique().to_frame(index=False)
    keys.insert(1, "label", keys["unit"].map(labels).astype(object))

    row_of = {tuple(k): i for i, k in enumerate(keys[group_cols].itertuples(index=False))}
    col_of = {p: j for j, p in enumerate(periods)}
    rows = np.fromiter((row_of[idx[:-1]] for idx in grouped.index), dtype=np.int64)
    cols = np.fromiter((col_of[idx[-1]] for idx in grouped.index), dtype=np.int64)
    counts = np.zeros((len(keys), len(periods)), dtype=np.int64)
    fatalities = np.zeros_like(counts)
    counts[rows, cols] = grouped["events"].to_numpy()
    fatalities[rows, cols] = grouped["fatalities"].to_numpy()
    return Series(keys, periods, counts, fatalities, prepared)


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
