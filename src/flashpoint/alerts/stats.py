"""Tail tests for "is this window's count higher than this unit's own baseline?".

The test compares one window's count y with the total S of the B windows before it.

- ``poisson``: the exact conditional test for two Poisson counts. If the unit's rate did
  not change, then given y + S events in B + 1 windows, y is Binomial(y + S, 1/(B + 1)).
  Unlike plugging the baseline mean into a Poisson tail, this accounts for the baseline
  itself being a noisy estimate, so the false-alarm rate stays at or below alpha even
  for short, sparse baselines (it is conservative because counts are discrete).
- ``negbin``: conflict counts are bursty (over-dispersed), and a Poisson test fires on
  every burst. When the baseline's variance exceeds its mean, a negative binomial with
  moment-matched dispersion gives a heavier tail. We report the larger of that p-value
  and the conditional Poisson one, so this method is never less conservative than
  ``poisson`` and reduces to it on Poisson-like baselines.

Multiple testing: each window's alert list is read as one family (an analyst reviews
"this week's surges"), so corrections apply across the units tested in the same window.
``fdr`` is Benjamini-Hochberg (expected share of false alerts in the list <= alpha),
``bonferroni`` bounds the chance of any false alert in the window; ``none`` keeps the
per-unit, per-window false-alarm rate at alpha.
"""

from __future__ import annotations

import numpy as np
from scipy import stats

METHODS: tuple[str, ...] = ("poisson", "negbin")
CORRECTIONS: tuple[str, ...] = ("none", "fdr", "bonferroni")


def conditional_poisson_p(
    count: np.ndarray, baseline_total: np.ndarray, periods: int
) -> np.ndarray:
    """P(Y >= count) under equal rates, given count + baseline_total events overall."""
    count = np.asarray(count, dtype=np.int64)
    n = count + np.asarray(baseline_total, dtype=np.int64)
    return stats.binom.sf(count - 1, n, 1.0 / (periods + 1))


def negbin_p(count: np.ndarray, mean: np.ndarray, var: np.ndarray) -> np.ndarray:
    """P(Y >= count) under a negative binomial with the baseline's mean and variance.

    Where the baseline is not over-dispersed (var <= mean) the result is NaN: there is
    no negative binomial with that shape, and the caller falls back to Poisson.
    """
    count = np.asarray(count, dtype=np.float64)
    mean = np.asarray(mean, dtype=np.float64)
    var = np.asarray(var, dtype=np.float64)
    out = np.full(np.broadcast(count, mean, var).shape, np.nan)
    over = (var > mean) & (mean > 0)
    if np.any(over):
        m, v, y = mean[over], var[over], count[over]
        size = m * m / (v - m)
        out[over] = stats.nbinom.sf(y - 1, size, size / (size + m))
    return out


def surge_p_values(
    count: np.ndarray,
    baseline_total: np.ndarray,
    baseline_var: np.ndarray,
    periods: int,
    method: str = "negbin",
) -> np.ndarray:
    """One-sided p-values for a rise in `count` over a `periods`-window baseline."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    p = conditional_poisson_p(count, baseline_total, periods)
    if method == "negbin":
        nb = negbin_p(count, np.asarray(baseline_total) / periods, baseline_var)
        p = np.where(np.isnan(nb), p, np.maximum(p, nb))
    return np.clip(p, 0.0, 1.0)


def adjust(p_values: np.ndarray, correction: str = "none") -> np.ndarray:
    """p-values adjusted for the number of tests in one family (one window)."""
    p = np.asarray(p_values, dtype=np.float64)
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {', '.join(CORRECTIONS)}, not {correction!r}")
    if correction == "none" or p.size == 0:
        return p
    if correction == "bonferroni":
        return np.minimum(p * p.size, 1.0)
    return stats.false_discovery_control(p, method="bh")
