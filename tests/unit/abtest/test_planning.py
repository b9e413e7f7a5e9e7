"""Sample size and MDE against R's power.prop.test and statsmodels' power solvers."""

from __future__ import annotations

import math

import pytest
from scipy import optimize, stats
from statsmodels.stats.power import NormalIndPower, zt_ind_solve_power
from statsmodels.stats.proportion import proportion_effectsize

from opsdash.abtest import models
from opsdash.abtest.planning import (
    duration_days,
    mde_for_sample_size,
    power_prop_test,
    sample_size_means,
    sample_size_proportions,
)


def r_power(n, p1, p2, sig_level=0.05, tside=2):
    """R's power.prop.test p.body (strict = FALSE), transcribed from R's stats source."""
    qu = stats.norm.ppf(sig_level / tside, loc=0, scale=1) * -1  # qnorm(sig.level/tside, lower=F)
    return stats.norm.cdf(
        (math.sqrt(n) * abs(p1 - p2) - qu * math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2)))
        / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    )


def r_solve_n(p1, p2, power, sig_level=0.05, tside=2):
    """R solves uniroot(function(n) p.body - power, c(1, 1e7)); here to full precision."""
    return optimize.brentq(
        lambda n: r_power(n, p1, p2, sig_level, tside) - power, 1, 1e7, xtol=1e-12
    )


def test_known_r_outputs():
    # power.prop.test(p1 = 0.10, p2 = 0.12, power = 0.8) -> n = 3840.847
    plan = sample_size_proportions(baseline=0.10, mde=0.02)
    assert plan.per_variant == 3841
    assert plan.per_variant_exact == pytest.approx(3840.847, abs=1e-3)
    # R's help examples: power.prop.test(n = 50, p1 = .50, p2 = .75) -> power = 0.7401659
    assert power_prop_test(50, 0.5, 0.75, alpha=0.05, sides="two-sided") == pytest.approx(
        0.7401659, abs=1e-7
    )
    # power.prop.test(p1 = .50, p2 = .75, power = .90) -> n = 76.7
    assert sample_size_proportions(baseline=0.5, mde=0.25, power=0.9).per_variant_exact == (
        pytest.approx(76.7, abs=0.05)
    )
    # power.prop.test(n = 50, p1 = .5, power = .90) -> p2 = 0.8026141 (uniroot tol 1.2e-4)
    assert mde_for_sample_size(baseline=0.5, per_variant=50, power=0.9).target == pytest.approx(
        0.8026141, abs=1.5e-4
    )


@pytest.mark.parametrize(
    ("p1", "p2", "power", "alpha", "tside"),
    [
        (0.10, 0.12, 0.8, 0.05, 2),
        (0.03, 0.033, 0.8, 0.05, 2),
        (0.25, 0.20, 0.9, 0.01, 2),
        (0.5, 0.55, 0.8, 0.05, 1),
    ],
)
def test_matches_r_formula(p1, p2, power, alpha, tside):
    plan = sample_size_proportions(
        baseline=p1,
        mde=p2 - p1,
        alpha=alpha,
        power=power,
        sides="two-sided" if tside == 2 else "one-sided",
    )
    assert plan.per_variant_exact == pytest.approx(r_solve_n(p1, p2, power, alpha, tside), abs=1e-6)
    assert plan.per_variant == math.ceil(plan.per_variant_exact)


def test_relative_mde_and_both_shown():
    plan = sample_size_proportions(baseline=0.10, mde=0.2, relative=True)
    assert plan.abs_mde == pytest.approx(0.02) and plan.rel_mde == pytest.approx(0.2)
    assert plan.per_variant == 3841 and plan.total == 7682
    assert "power.prop.test" in plan.formula


def test_cohen_h_matches_normal_ind_power():
    plan = sample_size_proportions(baseline=0.10, mde=0.02, formula="cohen_h")
    expected = NormalIndPower().solve_power(
        effect_size=proportion_effectsize(0.12, 0.10), alpha=0.05, power=0.8, ratio=1
    )
    assert plan.per_variant_exact == pytest.approx(expected, rel=1e-6)


def test_means_matches_zt_ind_solve_power():
    plan = sample_size_means(baseline_mean=50.0, sd=20.0, mde=4.0)
    expected = zt_ind_solve_power(effect_size=0.2, alpha=0.05, power=0.8)
    assert plan.per_variant_exact == pytest.approx(expected, rel=1e-6)
    relative = sample_size_means(baseline_mean=50.0, sd=20.0, mde=0.08, relative=True)
    assert relative.per_variant == plan.per_variant and relative.rel_mde == pytest.approx(0.08)


def test_variants_bonferroni_and_duration():
    plan = sample_size_proportions(baseline=0.10, mde=0.02, variants=3, daily_traffic=1000)
    assert plan.alpha_per_comparison == pytest.approx(0.025)
    assert plan.per_variant_exact == pytest.approx(r_solve_n(0.10, 0.12, 0.8, 0.025), abs=1e-6)
    assert plan.days == math.ceil(plan.per_variant * 3 / 1000)
    assert duration_days(per_variant=3841, variants=2, daily_traffic=1000) == 8
    assert duration_days(per_variant=3841, variants=2, daily_traffic=0) is None


def test_mde_inverse_round_trip():
    mde = mde_for_sample_size(baseline=0.10, per_variant=3840.8474824362725)
    assert mde.abs_mde == pytest.approx(0.02, abs=1e-8)
    assert mde.rel_mde == pytest.approx(0.2, abs=1e-7)
    assert power_prop_test(
        20000,
        0.05,
        0.05 + mde_for_sample_size(baseline=0.05, per_variant=20000).abs_mde,
        alpha=0.05,
        sides="two-sided",
    ) == pytest.approx(0.8, abs=1e-9)
    assert mde_for_sample_size(baseline=0.5, per_variant=2).error == models.UNREACHABLE


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"baseline": 0.0, "mde": 0.01}, models.BAD_BASELINE),
        ({"baseline": 0.1, "mde": 0.0}, models.BAD_EFFECT),
        ({"baseline": 0.95, "mde": 0.1}, models.BAD_EFFECT),
        ({"baseline": 0.1, "mde": 0.01, "alpha": 0}, models.BAD_ALPHA),
        ({"baseline": 0.1, "mde": 0.01, "power": 1}, models.BAD_POWER),
        ({"baseline": 0.1, "mde": 0.01, "variants": 1}, models.TOO_FEW_VARIANTS),
    ],
)
def test_bad_planning_input(kwargs, code):
    assert sample_size_proportions(**kwargs).error == code


def test_one_sided_solvers_match_statsmodels():
    plan = sample_size_means(baseline_mean=50.0, sd=20.0, mde=4.0, sides="one-sided")
    expected = zt_ind_solve_power(effect_size=0.2, alpha=0.05, power=0.8, alternative="larger")
    assert plan.per_variant_exact == pytest.approx(expected, rel=1e-6)
    plan = sample_size_proportions(baseline=0.2, mde=0.03, formula="cohen_h", sides="one-sided")
    expected = NormalIndPower().solve_power(
        effect_size=proportion_effectsize(0.23, 0.2),
        alpha=0.05,
        power=0.8,
        ratio=1,
        alternative="larger",
    )
    assert plan.per_variant_exact == pytest.approx(expected, rel=1e-6)
