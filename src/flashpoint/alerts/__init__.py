"""Trends and alerts: counts per place and window, and surges against each place's past.

>>> from flashpoint.alerts import detect_surges
>>> for alert in detect_surges(events, level="admin2", alpha=0.01):
...     print(alert.describe())
"""

from __future__ import annotations

from flashpoint.alerts.aggregate import aggregate
from flashpoint.alerts.detect import Alert, detect_surges

__all__ = ["Alert", "aggregate", "detect_surges", "plot_trends"]


def plot_trends(*args, **kwargs):
    """Draw per-unit timelines with alerts marked (see `flashpoint.alerts.plot`).

    Imported lazily so that computing alerts (the REST API) never loads matplotlib.
    """
    from flashpoint.alerts.plot import plot_trends as _plot_trends

    return _plot_trends(*args, **kwargs)
