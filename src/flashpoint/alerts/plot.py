"""Timelines per unit with surges marked, as a PNG or a self-contained HTML page.

Uses matplotlib's Agg backend so it runs on servers and offline, with no display and no
JavaScript from the network. One small panel per unit (the units with alerts first, then
the busiest), so an analyst sees at a glance whether a flagged week stands out from the
unit's own history or merely continues a trend.
"""

from __future__ import annotations

import base64
import html
import io
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from flashpoint.alerts.aggregate import build_series
from flashpoint.alerts.detect import Alert, detect_surges
from flashpoint.alerts.frame import DEFAULT_H3_RESOLUTION, prepare

_SURGE = "#c0392b"
_NEW = "#e67e22"
_BAR = "#9aa5b1"
_BASE = "#1f4e79"


def _choose_units(series_keys, counts: np.ndarray, alerts: list[Alert], top: int) -> list[int]:
    """Row indices to draw: units with alerts (most alerts first), then the busiest."""
    n_alerts: dict[str, int] = defaultdict(int)
    for alert in alerts:
        n_alerts[alert.unit] += 1
    totals = counts.sum(axis=1)
    order = sorted(
        range(len(series_keys)),
        key=lambda i: (-n_alerts.get(series_keys.iloc[i]["unit"], 0), -totals[i]),
    )
    return order[:top]


def render_png(
    events: Any,
    *,
    level: str = "admin2",
    window: str = "week",
    baseline: int = 8,
    alerts: list[Alert] | None = None,
    top: int = 9,
    title: str | None = None,
    h3_resolution: int = DEFAULT_H3_RESOLUTION,
    **detect_options: Any,
) -> bytes:
    """PNG bytes of per-unit timelines; alerts are computed with the same settings if absent.

    Bars are counts per window, the blue line is the trailing `baseline` mean the tests
    compare against, red bars/triangles are surges and orange ones new activity.
    """
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    if alerts is None:
        alerts = detect_surges(
            events,
            level=level,
            window=window,
            baseline=baseline,
            h3_resolution=h3_resolution,
            **detect_options,
        )
    series = build_series(prepare(events, level, window, None, h3_resolution).frame)
    rows = _choose_units(series.keys, series.counts, alerts, top)
    n = max(len(rows), 1)
    ncols = min(3, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows,
        ncols,
        figsize=(5.2 * ncols, 2.6 * nrows + 0.8),
        squeeze=False,
        sharex=True,
        layout="constrained",
    )
    by_unit: dict[str, list[Alert]] = defaultdict(list)
    for alert in alerts:
        by_unit[alert.unit].append(alert)

    x = series.periods.start_time if len(series.periods) else []
    width = {"day": 0.8, "week": 5.5, "month": 24}.get(window, 5.5)
    for ax in axes.ravel()[len(rows) :]:
        ax.set_visible(False)
    if not rows:
        axes[0, 0].set_visible(True)
        axes[0, 0].text(0.5, 0.5, "no events", ha="center", va="center")
        axes[0, 0].set_axis_off()
    for ax, i in zip(axes.ravel(), rows, strict=False):
        key = series.keys.iloc[i]
        counts = series.counts[i]
        colors = [_BAR] * len(counts)
        marks = by_unit.get(key["unit"], [])
        start_index = {p.start_time.date(): j for j, p in enumerate(series.periods)}
        for alert in marks:
            j = start_index.get(alert.period_start)
            if j is not None:
                colors[j] = _NEW if alert.kind == "new" else _SURGE
        ax.bar(x, counts, width=width, color=colors, align="edge", linewidth=0)
        if len(counts) > baseline:
            cum = np.concatenate([[0.0], np.cumsum(counts, dtype=float)])
            trailing = (cum[baseline:-1] - cum[: -baseline - 1]) / baseline
            # Repeat the last value one window on so the final step is drawn too.
            steps_x = [*x[baseline:], series.periods[-1].end_time]
            ax.step(steps_x, [*trailing, trailing[-1]], where="post", color=_BASE, lw=1.2)
        for alert in marks:
            j = start_index.get(alert.period_start)
            if j is None:
                continue
            color = _NEW if alert.kind == "new" else _SURGE
            ax.plot(x[j], counts[j] * 1.05 + 0.3, marker="v", color=color, markersize=7)
        fatal = int(series.fatalities[i].sum())
        ax.set_title(
            f"{key['label']}\n{int(counts.sum())} events, {fatal} fatalities, "
            f"{len(marks)} alert(s)",
            fontsize=9,
        )
        ax.tick_params(labelsize=7)
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", alpha=0.3)
    # Dates go under the lowest drawn panel of each column (the last row may be partial).
    for column in axes.T:
        drawn = [ax for ax in column if ax.get_visible()]
        if drawn:
            drawn[-1].tick_params(axis="x", rotation=30, labelbottom=True)
    handles = [
        plt.Rectangle((0, 0), 1, 1, color=_BAR, label=f"events per {window}"),
        plt.Line2D([], [], color=_BASE, label=f"trailing {baseline}-{window} mean"),
        plt.Rectangle((0, 0), 1, 1, color=_SURGE, label="surge"),
        plt.Rectangle((0, 0), 1, 1, color=_NEW, label="new activity"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=4, fontsize=8, frameon=False)
    fig.suptitle(title or f"Events per {window} by {level}", fontsize=11)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def html_page(png: bytes, alerts: list[Alert], title: str = "flashpoint trends") -> str:
    """A single offline HTML file: the timeline image inline plus a table of alerts."""
    image = base64.b64encode(png).decode("ascii")
    rows = "\n".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(v))}</td>"
            for v in (
                a.period_start.isoformat(),
                a.kind,
                a.label,
                a.what,
                a.count,
                f"{a.baseline_mean:.2f}",
                "" if a.ratio is None else f"{a.ratio:.1f}",
                f"{a.p_value:.2g}",
                a.fatalities,
                ", ".join(a.event_ids),
            )
        )
        + "</tr>"
        for a in alerts
    )
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "window",
            "kind",
            "unit",
            "what",
            "count",
            "baseline mean",
            "ratio",
            "p",
            "fatalities",
            "events",
        )
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;font-size:13px}}
td,th{{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}}
img{{max-width:100%}}</style></head><body>
<h1>{html.escape(title)}</h1>
<img alt="timelines per unit" src="data:image/png;base64,{image}">
<h2>Alerts ({len(alerts)})</h2>
<table><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table></body></html>
"""


def plot_trends(
    events: Any,
    png: str | Path | None = None,
    html_path: str | Path | None = None,
    *,
    level: str = "admin2",
    window: str = "week",
    baseline: int = 8,
    top: int = 9,
    title: str | None = None,
    h3_resolution: int = DEFAULT_H3_RESOLUTION,
    alerts: list[Alert] | None = None,
    **detect_options: Any,
) -> list[Alert]:
    """Write the timeline PNG and/or HTML page; returns the alerts that were drawn.

    `detect_options` (alpha, min_count, method, by, ...) go to `detect_surges` when
    `alerts` is not given, so the marks match what `flashpoint alerts` reports.
    """
    if alerts is None:
        alerts = detect_surges(
            events,
            level=level,
            window=window,
            baseline=baseline,
            h3_resolution=h3_resolution,
            **detect_options,
        )
    image = render_png(
        events,
        level=level,
        window=window,
        baseline=baseline,
        alerts=alerts,
        top=top,
        title=title,
        h3_resolution=h3_resolution,
    )
    if png:
        Path(png).write_bytes(image)
    if html_path:
        Path(html_path).write_text(
            html_page(image, alerts, title or "flashpoint trends"), encoding="utf-8"
        )
    return alerts
