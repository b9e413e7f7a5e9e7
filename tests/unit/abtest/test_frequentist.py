"""Frequentist tests against statsmodels and scipy (same methods: agree to 1e-6 or better)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW, ttest_ind

from opsdash.abtest import models
from opsdash.abtest.frequentist import (
    compare_many_means,
    compare_many_proportions,
    compare_means,
    compare_proportions,
)
from opsdash.abtest.models import MeanStats, Proportion

CASES = [
    (Proportion(1000, 100), Proportion(1000, 120)),
    (Proportion(145274, 17489), Proportion(145310, 17264)),
    (Proportion(50, 3), Proportion(61, 9)),
    (Proportion(20000, 400), Proportion(19000, 455)),
]


@pytest.mark.parametrize(("a", "b"), CASES)
@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_proportions_match_statsmodels(a, b, alternative):
    result = compare_proportions(a, b, alternative=alternative)
    sm_alt = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}[alternative]
    z, p = proportions_ztest([b.conversions, a.conversions], [b.n, a.n], alternative=sm_alt)
    assert result.error is None
    assert result.z == pytest.approx(z, abs=1e-9)
    assert result.p_value == pytest.approx(p, abs=1e-9)
    level_alpha = 0.05 if alternative == "two-sided" else 0.10
    low, high = confint_proportions_2indep(
        b.conversions, b.n, a.conversions, a.n, method="newcomb", compare="diff", alpha=level_alpha
    )
    assert result.ci_abs == pytest.approx((low, high), abs=1e-9)
    low, high = confint_proportions_2indep(
        b.conversions, b.n, a.conversions, a.n, method="log", compare="ratio", alpha=level_alpha
    )
    assert result.ci_rel == pytest.approx((low - 1, high - 1), abs=1e-9)
    assert result.rate_a == a.conversions / a.n
    assert result.abs_diff == pytest.approx(b.conversions / b.n - a.conversions / a.n)
    assert result.rel_lift == pytest.approx((b.conversions / b.n) / (a.conversions / a.n) - 1)


def test_pooled_z_by_hand():
    result = compare_proportions(Proportion(1000, 100), Proportion(1000, 120))
    pooled = 220 / 2000
    z = 0.02 / math.sqrt(pooled * (1 - pooled) * (2 / 1000))
    assert result.z == pytest.approx(z, rel=1e-12)


@pytest.mark.parametrize(
    ("a", "b", "code"),
    [
        (Proportion(0, 0), Proportion(10, 1), models.ZERO_VISITORS),
        (Proportion(10, 11), Proportion(10, 1), models.CONVERSIONS_EXCEED_VISITORS),
        (Proportion(-1, 0), Proportion(10, 1), models.NEGATIVE_COUNT),
        (Proportion(10, -1), Proportion(10, 1), models.NEGATIVE_COUNT),
        (Proportion(float("nan"), 1), Proportion(10, 1), models.NOT_FINITE),
    ],
)
def test_degenerate_proportions_return_error_codes(a, b, code):
    result = compare_proportions(a, b)
    assert result.error == code
    assert result.p_value is None and result.ci_abs is None


def test_bad_alpha_and_alternative():
    a, b = Proportion(100, 10), Proportion(100, 12)
    assert compare_proportions(a, b, alpha=1.5).error == models.BAD_ALPHA
    assert compare_proportions(a, b, alternative="bigger").error == models.BAD_ALTERNATIVE


def test_all_or_nothing_converted_is_not_an_error():
    result = compare_proportions(Proportion(100, 0), Proportion(100, 0))
    assert result.error is None and result.p_value == 1.0 and result.rel_lift is None
    assert result.ci_rel is None
    result = compare_proportions(Proportion(100, 100), Proportion(50, 50))
    assert result.p_value == 1.0 and result.abs_diff == 0


@pytest.mark.parametrize("alternative", ["two-sided", "greater", "less"])
def test_welch_matches_statsmodels_on_raw_values(alternative):
    rng = np.random.default_rng(7)
    x = rng.gamma(2.0, 10.0, size=300)
    y = rng.gamma(2.2, 10.0, size=250)
    result = compare_means(
        MeanStats.from_values(x), MeanStats.from_values(y), alternative=alternative
    )
    sm_alt = {"two-sided": "two-sided", "greater": "larger", "less": "smaller"}[alternative]
    t, p, df = ttest_ind(y, x, usevar="unequal", alternative=sm_alt)
    assert result.t == pytest.approx(t, abs=1e-9)
    assert result.p_value == pytest.approx(p, abs=1e-9)
    assert result.df == pytest.approx(df, rel=1e-9)
    compare = CompareMeans(DescrStatsW(y), DescrStatsW(x))
    level_alpha = 0.05 if alternative == "two-sided" else 0.10
    low, high = compare.tconfint_diff(alpha=level_alpha, usevar="unequal")
    assert result.ci == pytest.approx((low, high), abs=1e-9)


def test_welch_relative_lift_delta_method_by_hand():
    a, b = MeanStats(400, 10.0, 4.0), MeanStats(500, 11.0, 5.0)
    result = compare_means(a, b)
    var_a, var_b = 16 / 400, 25 / 500
    se = math.sqrt(var_b / 100 + 121 * var_a / 10**4)
    assert result.rel_lift == pytest.approx(0.1)
    assert result.ci_rel == pytest.approx(
        (0.1 - 1.959963984540054 * se, 0.1 + 1.959963984540054 * se)
    )


def test_welch_degenerate():
    assert compare_means(MeanStats(10, 1, 0), MeanStats(10, 2, 0)).error == models.ZERO_VARIANCE
    assert compare_means(MeanStats(1, 1, 1), MeanStats(10, 2, 1)).error == (
        models.TOO_FEW_OBSERVATIONS
    )
    assert compare_means(MeanStats(10, 1, -1), MeanStats(10, 2, 1)).error == models.NEGATIVE_SD
    result = compare_means(MeanStats(10, 0.0, 1), MeanStats(10, 2, 1))
    assert result.error is None and result.rel_lift is None


def test_many_variants_holm_and_bh():
    variants = [
        Proportion(5000, 500),
        Proportion(5000, 560),
        Proportion(5000, 520),
        Proportion(5000, 590),
    ]
    raw = [compare_proportions(variants[0], v).p_value for v in variants[1:]]
    holm = compare_many_proportions(variants)
    assert [r.p_value for r in holm] == raw
    expected = multipletests(raw, method="holm")[1]
    assert [r.p_value_adjusted for r in holm] == pytest.approx(list(expected), abs=1e-12)
    bh = compare_many_proportions(variants, correction="bh")
    expected = multipletests(raw, method="fdr_bh")[1]
    assert [r.p_value_adjusted for r in bh] == pytest.approx(list(expected), abs=1e-12)
    assert all(r.correction == "bh" for r in bh)
    assert compare_many_proportions([variants[0]])[0].error == models.TOO_FEW_VARIANTS


def test_many_means_adjusted():
    variants = [MeanStats(100, 10, 3), MeanStats(100, 11, 3), MeanStats(100, 10.2, 3)]
    results = compare_many_means(variants)
    raw = [r.p_value for r in results]
    assert [r.p_value_adjusted for r in results] == pytest.approx(
        list(multipletests(raw, method="holm")[1])
    )


def test_mean_stats_from_values():
    stats = MeanStats.from_values([1.0, 2.0, 3.0, float("nan"), None])
    assert stats == MeanStats(3, 2.0, 1.0)
