"""Surge and new-activity alerts per unit and window against the unit's own past.

Each unit is compared with itself, not with a global average: ten attacks a week is
routine in one district and an emergency in the next. For every window that has a full
trailing baseline inside the data, the window's count is tested against the previous
`baseline` windows (see `flashpoint.alerts.stats`). Two rules produce alerts:

- ``surge``: the count is at least `min_count` and its (adjusted) p-value is <= alpha.
- ``new``: the unit had no events at all in the baseline and now has at least
  `min_count`. This is a rule, not a test: a cluster where nothing happened for weeks is
  news even when the statistics would call three events inconclusive.

A sustained rise fires at its onset; as the raised windows enter the baseline, later
windows are judged against the new level (and, with ``negbin``, the jump itself makes
the unit look burstier), so a long campaign is one alert, not one per week.

`min_count` keeps single incidents in quiet places from becoming "surges": one event
after eight empty weeks is a p-value near 0.11 with an 8-week baseline, but two events
already reach 0.012 and would fire at a lax alpha.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from flashpoint.alerts.aggregate import Series, build_series
from flashpoint.alerts.frame import DEFAULT_H3_RESOLUTION, period_freq, prepare
from flashpoint.alerts.stats import adjust, dispersion_size, surge_p_values


@dataclass(slots=True)
class Alert:
    """One unit whose activity in one window rose above its own baseline."""

    kind: str  # "surge" or "new"
    level: str
    unit: str
    label: str
    window: str
    period_start: date
    period_end: date
    count: int
    baseline_total: int
    baseline_periods: int
    baseline_mean: float
    ratio: float | None
    excess: float
    p_value: float
    p_adjusted: float
    fatalities: int
    baseline_fatalities: int
    first_ever: bool = False  # no events at all in this unit before this window
    event_ids: list[str] = field(default_factory=list)
    by: str | None = None
    category: str | None = None
    method: str = "negbin"
    correction: str = "none"
    alpha: float = 0.01

    @property
    def what(self) -> str:
        """What rose: all events, or one value of the `by` column."""
        return f"{self.by}={self.category}" if self.category else "events"

    def describe(self) -> str:
        """One sentence an analyst can paste into a report."""
        head = "Surge"
        if self.kind == "new":
            head = "First recorded activity" if self.first_ever else "New activity"
        times = f", x{self.ratio:.1f}" if self.ratio is not None else ""
        kind = f" ({self.what})" if self.category else ""
        return (
            f"{head} in {self.label}: {self.count} events{kind} in the {self.window} of "
            f"{self.period_start.isoformat()} vs {self.baseline_mean:.2f} per {self.window} "
            f"over the previous {self.baseline_periods} ({self.baseline_total} in all{times}; "
            f"p={self.p_value:.2g}); {self.fatalities} fatalities vs "
            f"{self.baseline_fatalities} in the baseline."
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings, plus `what` and `description`."""
        out = asdict(self)
        out["period_start"] = self.period_start.isoformat()
        out["period_end"] = self.period_end.isoformat()
        out["what"] = self.what
        out["description"] = self.describe()
        return out


def _as_period(value: date | str | None, freq: str) -> pd.Period | None:
    """The window containing a date, or None; bad strings raise a clear ValueError."""
    if value is None or value == "":
        return None
    try:
        return pd.Timestamp(value).to_period(freq)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"not a date: {value!r}") from exc


def _rolling(matrix: np.ndarray, width: int) -> np.ndarray:
    """Sums over the `width` columns before each column j >= width (shape U x (T-width))."""
    cum = np.concatenate([np.zeros((matrix.shape[0], 1)), np.cumsum(matrix, axis=1)], axis=1)
    return cum[:, width:-1] - cum[:, : -width - 1]


def _history_size(counts: np.ndarray, baseline: int, history: int) -> np.ndarray:
    """Negative binomial k per unit and tested window, from up to `history` prior windows.

    Dispersion is a trait of the unit's process and needs many windows to estimate, so
    it gets a longer look-back than the baseline mean (which must stay recent).
    """
    history = max(history, baseline)
    n_cols = counts.shape[1]
    cols = np.arange(baseline, n_cols)
    first = np.maximum(cols - history, 0)
    length = (cols - first).astype(np.float64)
    zero = np.zeros((counts.shape[0], 1))
    cum = np.concatenate([zero, np.cumsum(counts, axis=1)], axis=1)
    cum2 = np.concatenate([zero, np.cumsum(counts * counts, axis=1)], axis=1)
    total = cum[:, cols] - cum[:, first]
    total2 = cum2[:, cols] - cum2[:, first]
    mean = total / length
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.where(length > 1, (total2 - total * mean) / (length - 1), 0.0)
    return dispersion_size(mean, var)


def _score(
    series: Series, baseline: int, method: str, correction: str, history: int
) -> dict[str, np.ndarray]:
    """Counts, baseline statistics and p-values for every testable (unit, window)."""
    counts = series.counts.astype(np.float64)
    current = counts[:, baseline:]
    total = _rolling(counts, baseline)
    size = _history_size(counts, baseline, history) if method == "negbin" else None
    p = surge_p_values(current, total, baseline, method, size)
    # The family for a window is every unit with any event in the window or its baseline:
    # units with nothing at all carry no information and would only dilute corrections.
    in_play = (current + total) > 0
    p_adj = np.ones_like(p)
    for j in range(p.shape[1]):
        rows = in_play[:, j]
        p_adj[rows, j] = adjust(p[rows, j], correction)
    return {
        "count": current,
        "total": total,
        "p": p,
        "p_adj": p_adj,
        "fatal": series.fatalities[:, baseline:],
        "fatal_base": _rolling(series.fatalities.astype(np.float64), baseline),
        "before": np.cumsum(series.counts, axis=1)[:, baseline - 1 : -1],
    }


def _event_ids(
    series: Series, fires: np.ndarray, baseline: int
) -> dict[tuple[int, int], list[str]]:
    """Ids of the events in each firing (row, tested column) cell, and only those."""
    tested_col = series.event_col - baseline
    ok = tested_col >= 0
    hit = np.zeros(len(tested_col), dtype=bool)
    hit[ok] = fires[series.event_row[ok], tested_col[ok]]
    out: dict[tuple[int, int], list[str]] = defaultdict(list)
    event_ids = series.events["id"].to_numpy()
    for n in np.flatnonzero(hit):
        out[(int(series.event_row[n]), int(tested_col[n]))].append(str(event_ids[n]))
    return out


def detect_surges(
    events: Any,
    *,
    level: str = "admin2",
    window: str = "week",
    baseline: int = 8,
    alpha: float = 0.01,
    min_count: int = 3,
    method: str = "negbin",
    correction: str = "none",
    by: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    new_activity: bool = True,
    h3_resolution: int = DEFAULT_H3_RESOLUTION,
    dispersion_periods: int = 52,
) -> list[Alert]:
    """Alerts for units whose activity rose above their own trailing baseline.

    `events`: `Event` objects, dicts or a DataFrame with ACLED columns (event_date,
    admin1/admin2 or latitude/longitude, fatalities, event_id_cnty). `level` is the
    spatial unit, `window` the time window, `baseline` the number of previous windows
    compared against, `by` an optional column (event_type, actor1, ...) to test each of
    its values separately. `method` is "negbin" (copes with bursty units; dispersion
    from up to `dispersion_periods` earlier windows) or "poisson" (exact for steady
    rates); `correction` is "none", "fdr" or "bonferroni" across units per window.
    Only windows starting on/after `since` (and containing dates
    up to `until`) are reported; earlier events still feed the baselines.

    Returns alerts newest window first, most significant first within a window.
    """
    if baseline < 1:
        raise ValueError("baseline must be at least 1 window")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")
    if min_count < 1:
        raise ValueError("min_count must be at least 1")
    freq = period_freq(window)
    since_p, until_p = _as_period(since, freq), _as_period(until, freq)

    prepared = prepare(events, level, window, by, h3_resolution).frame
    if until_p is not None and not prepared.empty:
        prepared = prepared[prepared["period"] <= until_p]
    series = build_series(prepared)
    if series.counts.shape[1] <= baseline:
        return []

    scored = _score(series, baseline, method, correction, dispersion_periods)
    count = scored["count"]
    is_new = (scored["total"] == 0) & new_activity
    fires = (count >= min_count) & ((scored["p_adj"] <= alpha) | is_new)
    periods = series.periods[baseline:]
    if since_p is not None:
        fires &= np.asarray(periods >= since_p)[None, :]

    ids = _event_ids(series, fires, baseline)
    alerts: list[Alert] = []
    for i, j in zip(*np.nonzero(fires), strict=True):
        key = series.keys.iloc[i]
        period = periods[j]
        category = str(key["category"]) if series.by else None
        total = int(scored["total"][i, j])
        mean = total / baseline
        n = int(count[i, j])
        alerts.append(
            Alert(
                kind="new" if is_new[i, j] else "surge",
                level=level,
                unit=str(key["unit"]),
                label=str(key["label"]),
                window=window,
                period_start=period.start_time.date(),
                period_end=period.end_time.date(),
                count=n,
                baseline_total=total,
                baseline_periods=baseline,
                baseline_mean=mean,
                ratio=n / mean if mean > 0 else None,
                excess=n - mean,
                p_value=float(scored["p"][i, j]),
                p_adjusted=float(scored["p_adj"][i, j]),
                fatalities=int(scored["fatal"][i, j]),
                baseline_fatalities=int(scored["fatal_base"][i, j]),
                first_ever=bool(scored["before"][i, j] == 0),
                event_ids=sorted(ids.get((i, j), [])),
                by=by,
                category=category,
                method=method,
                correction=correction,
                alpha=alpha,
            )
        )
    alerts.sort(key=lambda a: (-a.period_start.toordinal(), a.p_value, a.label))
    return alerts
