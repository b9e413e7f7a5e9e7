"""Exact Bayesian P(B beats A) and expected loss against numerical integration and Monte Carlo."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats

from opsdash.abtest import models
from opsdash.abtest.bayesian import compare_bayesian, posterior_grid, prob_greater
from opsdash.abtest.models import Proportion


def _integrate(f, a1, b1, a2, b2):
    centre = [a1 / (a1 + b1), a2 / (a2 + b2)]
    sd = max(np.sqrt(a * b / ((a + b) ** 2 * (a + b + 1))) for a, b in ((a1, b1), (a2, b2)))
    low, high = max(0.0, min(centre) - 40 * sd), min(1.0, max(centre) + 40 * sd)
    value, _ = integrate.quad(f, low, high, points=centre, epsabs=1e-14, epsrel=1e-12, limit=500)
    return value


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (Proportion(1000, 100), Proportion(1000, 120)),
        (Proportion(10, 0), Proportion(12, 3)),
        (Proportion(145274, 17489), Proportion(145310, 17264)),
        (Proportion(300, 150), Proportion(280, 120)),
        (Proportion(44700, 8502), Proportion(45489, 8279)),
    ],
)
def test_probability_and_loss_match_integration(a, b):
    result = compare_bayesian(a, b)
    a1, b1 = 1 + a.conversions, 1 + a.n - a.conversions
    a2, b2 = 1 + b.conversions, 1 + b.n - b.conversions
    assert (result.posterior_a.alpha, result.posterior_a.beta) == (a1, b1)
    prob = _integrate(
        lambda x: stats.beta.pdf(x, a1, b1) * stats.beta.sf(x, a2, b2), a1, b1, a2, b2
    )
    assert result.prob_b_beats_a == pytest.approx(prob, abs=1e-9)
    # E[max(pA - pB, 0)] = ∫ f_A(x) ∫_0^x (x - y) f_B(y) dy dx
    #                    = ∫ f_A(x) (x F_B(x) - mean_B F_{B+}(x)) dx
    mean_b = a2 / (a2 + b2)
    loss_b = _integrate(
        lambda x: (
            stats.beta.pdf(x, a1, b1)
            * (x * stats.beta.cdf(x, a2, b2) - mean_b * stats.beta.cdf(x, a2 + 1, b2))
        ),
        a1,
        b1,
        a2,
        b2,
    )
    assert result.expected_loss_b == pytest.approx(loss_b, abs=1e-9)
    mean_a = a1 / (a1 + b1)
    loss_a = _integrate(
        lambda x: (
            stats.beta.pdf(x, a2, b2)
            * (x * stats.beta.cdf(x, a1, b1) - mean_a * stats.beta.cdf(x, a1 + 1, b1))
        ),
        a1,
        b1,
        a2,
        b2,
    )
    assert result.expected_loss_a == pytest.approx(loss_a, abs=1e-9)


def test_monte_carlo_sanity():
    a, b = Proportion(2000, 210), Proportion(2100, 250)
    result = compare_bayesian(a, b)
    rng = np.random.default_rng(1)
    draws_a = rng.beta(211, 1791, size=400_000)
    draws_b = rng.beta(251, 1851, size=400_000)
    assert result.prob_b_beats_a == pytest.approx(np.mean(draws_b > draws_a), abs=0.005)
    assert result.expected_loss_b == pytest.approx(
        np.mean(np.maximum(draws_a - draws_b, 0)), rel=0.05
    )


def test_symmetry_and_identical_groups():
    assert prob_greater(5, 7, 5, 7) == pytest.approx(0.5, abs=1e-12)
    assert prob_greater(3, 9, 40, 2) + prob_greater(40, 2, 3, 9) == pytest.approx(1.0)
    result = compare_bayesian(Proportion(100, 10), Proportion(100, 10))
    assert result.prob_b_beats_a == pytest.approx(0.5, abs=1e-12)
    assert result.expected_loss_a == pytest.approx(result.expected_loss_b, abs=1e-14)


def test_large_counts_stay_finite():
    result = compare_bayesian(Proportion(5_000_000, 600_000), Proportion(5_000_000, 601_500))
    assert 0.5 < result.prob_b_beats_a < 1


def test_errors():
    assert compare_bayesian(Proportion(0, 0), Proportion(10, 1)).error == models.ZERO_VISITORS
    assert compare_bayesian(Proportion(10, 1), Proportion(10, 1), prior_alpha=0).error


def test_posterior_grid():
    result = compare_bayesian(Proportion(1000, 100), Proportion(1000, 120))
    rows = posterior_grid({"A": result.posterior_a, "B": result.posterior_b}, points=50)
    assert len(rows) == 100 and {r["variant"] for r in rows} == {"A", "B"}
    grid = np.array([r["rate"] for r in rows if r["variant"] == "A"])
    density = np.array([r["density"] for r in rows if r["variant"] == "A"])
    assert np.trapezoid(density, grid) == pytest.approx(1.0, abs=1e-3)


def test_windowed_sum_equals_full_sum_for_large_counts():
    from scipy import special

    from opsdash.abtest.bayesian import _prob_second_greater_direct, _sum_range

    for a1, b1, a2, b2 in [(600001, 5400000, 601501, 5398500), (250000, 10, 240000, 20)]:
        full = _sum_range(0, a2, a1, b1, b2, float(special.betaln(a1, b1)))
        assert _prob_second_greater_direct(a1, b1, a2, b2) == pytest.approx(full, abs=1e-14)
