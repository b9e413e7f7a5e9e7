"""CUPED from sufficient statistics equals the adjustment computed user by user."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.stats.weightstats import ttest_ind

from opsdash.abtest import models
from opsdash.abtest.cuped import CupedStats, cuped_adjust
from opsdash.abtest.frequentist import compare_means


def test_cuped_equals_per_user_adjustment():
    rng = np.random.default_rng(11)
    x_a, x_b = rng.gamma(2, 20, 800), rng.gamma(2, 20, 900)
    y_a = 0.8 * x_a + rng.normal(0, 10, 800)
    y_b = 0.8 * x_b + 3 + rng.normal(0, 10, 900)
    result = cuped_adjust([CupedStats.from_values(y_a, x_a), CupedStats.from_values(y_b, x_b)])
    x_all, y_all = np.concatenate([x_a, x_b]), np.concatenate([y_a, y_b])
    theta = np.cov(x_all, y_all)[0, 1] / np.var(x_all, ddof=1)
    assert result.theta == pytest.approx(theta, rel=1e-9)
    adj_a = y_a - theta * (x_a - x_all.mean())
    adj_b = y_b - theta * (x_b - x_all.mean())
    assert result.adjusted[0].mean == pytest.approx(adj_a.mean(), rel=1e-9)
    assert result.adjusted[1].sd == pytest.approx(adj_b.std(ddof=1), rel=1e-9)
    welch = compare_means(*result.adjusted)
    t, p, _df = ttest_ind(adj_b, adj_a, usevar="unequal")
    assert welch.t == pytest.approx(t, rel=1e-8) and welch.p_value == pytest.approx(p, rel=1e-6)
    assert result.unadjusted[0].sd == pytest.approx(y_a.std(ddof=1), rel=1e-9)
    assert 0.5 < result.variance_reduction < 1
    plain = compare_means(*result.unadjusted)
    assert welch.se < plain.se


def test_cuped_degenerate():
    flat = CupedStats.from_values([1.0, 2.0, 3.0], [5.0, 5.0, 5.0])
    assert cuped_adjust([flat, flat]).error == models.ZERO_VARIANCE
    tiny = CupedStats.from_values([1.0], [1.0])
    assert cuped_adjust([tiny, flat]).error == models.TOO_FEW_OBSERVATIONS
