"""Tail tests for "is this window's count higher than this unit's own baseline?".

The test compares one window's count y with the total S of the B windows before it.
Both tests are conditional on the total y + S, so the unit's unknown rate drops out and
no noisy plug-in estimate of it is needed.

- ``poisson``: if the unit's rate did not change, then given y + S events in B + 1
  windows, y is Binomial(y + S, 1/(B + 1)). Exact: the false-alarm rate stays at or
  below alpha even for short, sparse baselines (below, because counts are discrete).
- ``negbin``: conflict counts are bursty (over-dispersed), and the Poisson test fires on
  every burst. If window counts are independent negative binomials with a common mean
  and size k, then given the total, y is Beta-binomial(y + S, k, B k) — the same
  conditioning, with the burstiness in. k is estimated per unit from a longer history
  (default a year of windows), because eight windows say little about dispersion. We
  report the larger of this and the Poisson p-value, so ``negbin`` is never less
  conservative than ``poisson`` and reduces to it on Poisson-like units.

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


def dispersion_size(mean: np.ndarray, var: np.ndarray) -> np.ndarray:
    """Negative binomial size k = mean² / (var - mean) by moments; inf if not over-dispersed."""
    mean = np.asarray(mean, dtype=np.float64)
    var = np.asarray(var, dtype=np.float64)
    over = (var > mean) & (mean > 0)
    out = np.full(np.broadcast(mean, var).shape, np.inf)
    out[over] = mean[over] ** 2 / (var[over] - mean[over])
    return out


def negbin_conditional_p(
    count: np.ndarray, baseline_total: np.ndarray, periods: int, size: np.ndarray
) -> np.ndarray:
    """P(Y >= count | total) for negative binomial windows of size k (Beta-binomial).

    NaN where k is infinite (no over-dispersion): the caller uses the Poisson test there.
    """
    count = np.asarray(count, dtype=np.int64)
    total = np.asarray(baseline_total, dtype=np.int64)
    size = np.asarray(size, dtype=np.float64)
    out = np.full(np.broadcast(count, total, size).shape, np.nan)
    use = np.isfinite(size) & (count > 0)
    if np.any(use):
        k, y = size[use], count[use]
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            out[use] = stats.betabinom.sf(y - 1, y + total[use], k, periods * k)
    out[np.isfinite(size) & (count <= 0)] = 1.0
    return out


def surge_p_values(
    count: np.ndarray,
    baseline_total: np.ndarray,
    periods: int,
    method: str = "negbin",
    size: np.ndarray | None = None,
) -> np.ndarray:
    """One-sided p-values for a rise in `count` over a `periods`-window baseline.

    `size` is the negative binomial k per test (see `dispersion_size`); needed for
    ``negbin``, where a missing or infinite k means the Poisson test.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    p = conditional_poisson_p(count, baseline_total, periods)
    if method == "negbin" and size is not None:
        nb = negbin_conditional_p(count, baseline_total, periods, size)
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
