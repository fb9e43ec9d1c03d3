"""The tail tests behind surge detection, checked against closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from flashpoint.alerts.stats import (
    adjust,
    conditional_poisson_p,
    dispersion_size,
    negbin_conditional_p,
    surge_p_values,
)


def test_conditional_test_after_an_empty_baseline_is_a_power_of_the_share() -> None:
    # All y events fell in the one tested window out of B + 1: probability (1/(B+1))**y.
    p = conditional_poisson_p(np.array([1, 2, 3]), np.array([0, 0, 0]), periods=8)
    assert p == pytest.approx([1 / 9, 1 / 81, 1 / 729])


def test_conditional_test_of_zero_events_is_one() -> None:
    assert conditional_poisson_p(np.array([0]), np.array([40]), periods=8)[0] == 1.0


def test_conditional_test_matches_binomial_tail() -> None:
    p = conditional_poisson_p(np.array([20]), np.array([80]), periods=8)[0]
    assert p == pytest.approx(stats.binomtest(20, 100, 1 / 9, alternative="greater").pvalue)


def test_dispersion_size_by_moments() -> None:
    size = dispersion_size(np.array([4.0, 2.0, 0.0]), np.array([16.0, 2.0, 0.0]))
    assert size[0] == pytest.approx(16 / 12)
    assert np.isinf(size[1:]).all()  # not over-dispersed: Poisson
    k = size[0]
    assert stats.nbinom.var(k, k / (k + 4)) == pytest.approx(16.0)


def test_negbin_conditional_matches_simulation() -> None:
    # B + 1 iid negative binomial windows; among draws with total 12, how often does the
    # last window hold at least 6? The Beta-binomial tail must agree.
    rng = np.random.default_rng(9)
    k, mean, periods = 1.5, 1.5, 8
    draws = rng.negative_binomial(k, k / (k + mean), size=(400_000, periods + 1))
    totals = draws.sum(axis=1)
    last = draws[totals == 12, -1]
    empirical = (last >= 6).mean()
    exact = negbin_conditional_p(np.array([6]), np.array([6]), periods, np.array([k]))[0]
    assert exact == pytest.approx(empirical, rel=0.1)
    assert exact > conditional_poisson_p(np.array([6]), np.array([6]), periods)[0]


def test_negbin_conditional_tends_to_poisson_for_large_size() -> None:
    nb = negbin_conditional_p(np.array([9]), np.array([24]), 8, np.array([1e7]))[0]
    assert nb == pytest.approx(conditional_poisson_p(np.array([9]), np.array([24]), 8)[0], rel=1e-4)
    assert np.isnan(negbin_conditional_p(np.array([9]), np.array([24]), 8, np.array([np.inf])))


def test_negbin_method_is_never_less_conservative_than_poisson() -> None:
    count = np.array([0, 3, 8, 12, 30])
    total = np.array([8, 8, 24, 40, 80])
    size = np.array([0.5, np.inf, 2.0, 50.0, 1.0])
    nb = surge_p_values(count, total, 8, method="negbin", size=size)
    po = surge_p_values(count, total, 8, method="poisson")
    assert (nb >= po).all()
    assert nb[0] == 1.0 and nb[1] == po[1] and nb[2] > po[2]


def test_adjustments() -> None:
    p = np.array([0.001, 0.01, 0.02, 0.5])
    assert adjust(p, "none") is not None and (adjust(p, "none") == p).all()
    assert adjust(p, "bonferroni") == pytest.approx([0.004, 0.04, 0.08, 1.0])
    assert adjust(p, "fdr") == pytest.approx([0.004, 0.02, 0.02 * 4 / 3, 0.5])
    assert adjust(np.array([]), "fdr").size == 0
    with pytest.raises(ValueError):
        adjust(p, "holm")
    with pytest.raises(ValueError):
        surge_p_values(p, p, 8, method="gaussian")
