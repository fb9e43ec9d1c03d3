"""The tail tests behind surge detection, checked against closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from flashpoint.alerts.stats import adjust, conditional_poisson_p, negbin_p, surge_p_values


def test_conditional_test_after_an_empty_baseline_is_a_power_of_the_share() -> None:
    # All y events fell in the one tested window out of B + 1: probability (1/(B+1))**y.
    p = conditional_poisson_p(np.array([1, 2, 3]), np.array([0, 0, 0]), periods=8)
    assert p == pytest.approx([1 / 9, 1 / 81, 1 / 729])


def test_conditional_test_of_zero_events_is_one() -> None:
    assert conditional_poisson_p(np.array([0]), np.array([40]), periods=8)[0] == 1.0


def test_conditional_test_matches_binomial_tail() -> None:
    p = conditional_poisson_p(np.array([20]), np.array([80]), periods=8)[0]
    assert p == pytest.approx(stats.binomtest(20, 100, 1 / 9, alternative="greater").pvalue)


def test_negbin_undefined_without_overdispersion() -> None:
    p = negbin_p(np.array([5, 5]), np.array([2.0, 2.0]), np.array([2.0, 1.0]))
    assert np.isnan(p).all()


def test_negbin_tail_is_heavier_than_poisson_for_overdispersed_baseline() -> None:
    nb = negbin_p(np.array([12]), np.array([4.0]), np.array([16.0]))[0]
    assert nb > stats.poisson.sf(11, 4.0)
    # Moment matching: the fitted distribution has the baseline's mean and variance.
    size = 16 / 12
    assert stats.nbinom.mean(size, size / (size + 4)) == pytest.approx(4.0)
    assert stats.nbinom.var(size, size / (size + 4)) == pytest.approx(16.0)


def test_negbin_method_is_never_less_conservative_than_poisson() -> None:
    count = np.array([3, 8, 12, 30])
    total = np.array([8, 24, 40, 80])
    var = np.array([0.5, 20.0, 1.0, 60.0])
    nb = surge_p_values(count, total, var, 8, method="negbin")
    po = surge_p_values(count, total, var, 8, method="poisson")
    assert (nb >= po).all()
    assert nb[1] > po[1] and nb[0] == po[0]


def test_adjustments() -> None:
    p = np.array([0.001, 0.01, 0.02, 0.5])
    assert adjust(p, "none") is not None and (adjust(p, "none") == p).all()
    assert adjust(p, "bonferroni") == pytest.approx([0.004, 0.04, 0.08, 1.0])
    assert adjust(p, "fdr") == pytest.approx([0.004, 0.02, 0.02 * 4 / 3, 0.5])
    assert adjust(np.array([]), "fdr").size == 0
    with pytest.raises(ValueError):
        adjust(p, "holm")
    with pytest.raises(ValueError):
        surge_p_values(p, p, p, 8, method="gaussian")
