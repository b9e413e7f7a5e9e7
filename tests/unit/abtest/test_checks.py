"""SRM, multiple-comparison corrections and the mSPRT always-valid p-value."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy import integrate, stats
from statsmodels.stats.multitest import multipletests

from opsdash.abtest import models
from opsdash.abtest.checks import (
    adjust_p_values,
    always_valid_p_value,
    mean_sequential,
    proportion_sequential,
    sample_ratio_mismatch,
    sample_warnings,
    sequential_p_values,
)
from opsdash.abtest.frequentist import compare_proportions
from opsdash.abtest.models import MeanStats, Proportion


@pytest.mark.parametrize(
    ("counts", "weights"),
    [
        ([5000, 5200], None),
        ([145274, 145310], [1, 1]),
        ([1000, 2100, 1900], [1, 2, 2]),
        ([4800, 5000, 5100, 5050, 4990], None),
    ],
)
def test_srm_matches_scipy(counts, weights):
    result = sample_ratio_mismatch(counts, weights)
    total = sum(counts)
    w = np.array(weights if weights else [1] * len(counts), dtype=float)
    chi2, p = stats.chisquare(counts, total * w / w.sum())
    assert result.chi2 == pytest.approx(chi2, rel=1e-12)
    assert result.p_value == pytest.approx(p, abs=1e-12)
    assert result.df == len(counts) - 1
    assert result.mismatch == (p < 0.001)


def test_srm_flags_mismatch_and_errors():
    assert sample_ratio_mismatch([5000, 5400]).mismatch
    assert not sample_ratio_mismatch([5000, 5050]).mismatch
    assert sample_ratio_mismatch([5000]).error == models.TOO_FEW_VARIANTS
    assert sample_ratio_mismatch([5000, -1]).error == models.NEGATIVE_COUNT
    assert sample_ratio_mismatch([0, 0]).error == models.ZERO_VISITORS
    assert sample_ratio_mismatch([10, 10], [1, 0]).error == models.BAD_WEIGHTS
    assert sample_ratio_mismatch([10, 10], [1]).error == models.BAD_WEIGHTS


@pytest.mark.parametrize("method, sm", [("holm", "holm"), ("bh", "fdr_bh")])
def test_adjustments_match_statsmodels(method, sm):
    rng = np.random.default_rng(3)
    for _ in range(20):
        p = list(rng.uniform(0, 0.2, size=rng.integers(2, 6)))
        assert adjust_p_values(p, method=method) == pytest.approx(
            list(multipletests(p, method=sm)[1]), abs=1e-12
        )
    assert adjust_p_values([0.01, 0.04], method="none") == (0.01, 0.04)
    assert adjust_p_values([0.03], method="holm") == (0.03,)


def test_sample_warnings():
    assert sample_warnings([Proportion(50, 5), Proportion(5000, 500)]) == (
        "few_users",
        "few_conversions",
    )
    assert sample_warnings([Proportion(5000, 500), Proportion(5000, 520)]) == ()


def test_msprt_likelihood_ratio_matches_numerical_mixture():
    estimate, variance, tau = 0.004, 0.0015**2, 0.01
    result = always_valid_p_value(estimate, variance, tau)
    se = math.sqrt(variance)
    numerator, _ = integrate.quad(
        lambda theta: stats.norm.pdf(estimate, theta, se) * stats.norm.pdf(theta, 0, tau),
        -10 * tau,
        10 * tau,
        points=[estimate],
        epsabs=1e-14,
    )
    ratio = numerator / stats.norm.pdf(estimate, 0, se)
    assert result.likelihood_ratio == pytest.approx(ratio, rel=1e-8)
    assert result.p_value == pytest.approx(min(1, 1 / ratio), rel=1e-8)


def test_always_valid_p_is_more_conservative_than_fixed_horizon():
    a, b = Proportion(20000, 2000), Proportion(20000, 2150)
    fixed = compare_proportions(a, b).p_value
    sequential = proportion_sequential(a, b)
    assert sequential.tau == pytest.approx(0.01)
    assert sequential.p_value > fixed
    no_effect = proportion_sequential(Proportion(1000, 100), Proportion(1000, 100))
    assert no_effect.p_value == 1.0


def test_sequence_is_running_minimum():
    looks = [
        (Proportion(1000 * d, 100 * d), Proportion(1000 * d, 100 * d + 8 * d + (d % 3) * 5))
        for d in range(1, 8)
    ]
    values = sequential_p_values(looks)
    assert all(v is not None for v in values)
    assert all(later <= earlier for earlier, later in itertools.pairwise(values))
    tau = 0.1 * 0.1
    singles = [proportion_sequential(a, b, tau=tau).p_value for a, b in looks]
    assert values[-1] == pytest.approx(min(singles))


def test_mean_sequential_and_errors():
    result = mean_sequential(MeanStats(1000, 10, 5), MeanStats(1000, 11, 5))
    assert result.tau == pytest.approx(1.0) and 0 < result.p_value < 1
    assert mean_sequential(MeanStats(1000, 0, 5), MeanStats(1000, 1, 5)).error == (
        models.ZERO_CONTROL_MEAN
    )
    assert always_valid_p_value(0.1, 0.0, 1.0).error == models.BAD_EFFECT
