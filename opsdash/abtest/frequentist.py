"""Frequentist comparisons of a variant B with a control A.

Methods (each result field says which it uses):
- conversion metrics: pooled two-proportion z-test (= statsmodels ``proportions_ztest``);
  CI of the absolute difference by Newcombe's hybrid score method (Wilson intervals combined,
  = statsmodels ``confint_proportions_2indep(method="newcomb")``); CI of the relative lift by
  the Katz log method for the ratio of rates (= ``method="log", compare="ratio"``), minus 1.
- continuous metrics: Welch's unequal-variance t-test with Welch-Satterthwaite degrees of
  freedom (= statsmodels ``ttest_ind(usevar="unequal")``); CI of the difference with the same
  t quantile; CI of the relative lift by the delta method with a normal quantile.

``alternative`` is about B versus A: "greater" means the hypothesis B > A. Intervals are
two-sided at confidence 1 − alpha for a two-sided test, and at 1 − 2·alpha for a one-sided test
(so their relevant bound is the one-sided 1 − alpha bound); ``ci_level`` records it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from scipy import stats

from opsdash.abtest.checks import adjust_p_values
from opsdash.abtest.models import (
    TOO_FEW_VARIANTS,
    ZERO_VARIANCE,
    Alternative,
    MeanStats,
    Proportion,
    alpha_problem,
    alternative_problem,
)

Correction = Literal["holm", "bh", "none"]

Z_TEST_METHOD = "pooled two-proportion z-test"
DIFF_CI_METHOD = "Newcombe hybrid score (Wilson)"
LIFT_CI_METHOD = "Katz log ratio"
WELCH_METHOD = "Welch t-test (unequal variances)"
WELCH_LIFT_CI_METHOD = "delta method (normal)"


@dataclass(frozen=True)
class ProportionTestResult:
    """B versus control A on a conversion metric.

    rate_a, rate_b: conversions / visitors. abs_diff: rate_b − rate_a. rel_lift:
    rate_b / rate_a − 1 (None when rate_a is 0). ci_abs: Newcombe hybrid score interval of
    abs_diff. ci_rel: Katz log interval of the rate ratio minus 1 (None when either group has no
    conversions). z, p_value: pooled two-proportion z-test, z = abs_diff / sqrt(p̂(1−p̂)(1/n_a +
    1/n_b)) with p̂ the pooled rate. p_value_adjusted: after the multiple-comparison correction
    named in ``correction`` (equal to p_value for a single comparison). error: a code from
    :mod:`opsdash.abtest.models` when the input is unusable (then the numbers are None)."""

    a: Proportion
    b: Proportion
    alpha: float
    alternative: Alternative
    rate_a: float | None = None
    rate_b: float | None = None
    abs_diff: float | None = None
    rel_lift: float | None = None
    ci_abs: tuple[float, float] | None = None
    ci_rel: tuple[float, float] | None = None
    ci_level: float | None = None
    z: float | None = None
    p_value: float | None = None
    p_value_adjusted: float | None = None
    correction: Correction = "none"
    method: str = Z_TEST_METHOD
    ci_method: str = DIFF_CI_METHOD
    ci_rel_method: str = LIFT_CI_METHOD
    error: str | None = None

    @property
    def significant(self) -> bool:
        """True when the (adjusted) p-value is below alpha."""
        p = self.p_value_adjusted if self.p_value_adjusted is not None else self.p_value
        return p is not None and p < self.alpha


@dataclass(frozen=True)
class MeanTestResult:
    """B versus control A on a continuous metric (revenue per user, time spent).

    diff: mean_b − mean_a; se: sqrt(sd_a²/n_a + sd_b²/n_b); t = diff / se; df:
    Welch-Satterthwaite; p_value: Welch t-test; ci: diff ± t quantile(df) · se. rel_lift:
    mean_b / mean_a − 1 and ci_rel its delta-method interval (None when mean_a is 0)."""

    a: MeanStats
    b: MeanStats
    alpha: float
    alternative: Alternative
    diff: float | None = None
    se: float | None = None
    ci: tuple[float, float] | None = None
    ci_level: float | None = None
    rel_lift: float | None = None
    ci_rel: tuple[float, float] | None = None
    t: float | None = None
    df: float | None = None
    p_value: float | None = None
    p_value_adjusted: float | None = None
    correction: Correction = "none"
    method: str = WELCH_METHOD
    ci_rel_method: str = WELCH_LIFT_CI_METHOD
    error: str | None = None

    @property
    def significant(self) -> bool:
        p = self.p_value_adjusted if self.p_value_adjusted is not None else self.p_value
        return p is not None and p < self.alpha


def ci_level(alpha: float, alternative: Alternative) -> float:
    """Confidence level of the reported two-sided intervals: 1 − alpha for a two-sided test,
    1 − 2·alpha for a one-sided one."""
    return 1 - alpha if alternative == "two-sided" else 1 - 2 * alpha


def _p_from_z(z: float, alternative: Alternative) -> float:
    if alternative == "greater":
        return float(stats.norm.sf(z))
    if alternative == "less":
        return float(stats.norm.cdf(z))
    return float(2 * stats.norm.sf(abs(z)))


def _p_from_t(t: float, df: float, alternative: Alternative) -> float:
    if alternative == "greater":
        return float(stats.t.sf(t, df))
    if alternative == "less":
        return float(stats.t.cdf(t, df))
    return float(2 * stats.t.sf(abs(t), df))


def wilson_interval(successes: int, n: int, z: float) -> tuple[float, float]:
    """Wilson score interval of a proportion with critical value ``z``."""
    p = successes / n
    denominator = n + z * z
    centre = (successes + z * z / 2) / denominator
    half = z * math.sqrt(n) / denominator * math.sqrt(p * (1 - p) + z * z / (4 * n))
    return centre - half, centre + half


def compare_proportions(
    a: Proportion,
    b: Proportion,
    *,
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
) -> ProportionTestResult:
    """B versus control A on a conversion metric; see :class:`ProportionTestResult` for every
    field's exact definition and method."""
    result = ProportionTestResult(a=a, b=b, alpha=alpha, alternative=alternative)
    error = a.problem() or b.problem() or alpha_problem(alpha) or alternative_problem(alternative)
    if error:
        return replace(result, error=error)
    rate_a, rate_b = a.conversions / a.n, b.conversions / b.n
    diff = rate_b - rate_a
    pooled = (a.conversions + b.conversions) / (a.n + b.n)
    se_pooled = math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
    if se_pooled == 0:
        # Everyone converted or nobody did, in both groups: no evidence of a difference.
        z, p_value = 0.0, 1.0 if alternative == "two-sided" else 0.5
    else:
        z = diff / se_pooled
        p_value = _p_from_z(z, alternative)
    level = ci_level(alpha, alternative)
    crit = float(stats.norm.ppf(1 - (1 - level) / 2))
    low_a, high_a = wilson_interval(a.conversions, a.n, crit)
    low_b, high_b = wilson_interval(b.conversions, b.n, crit)
    ci_abs = (
        diff - math.sqrt((rate_b - low_b) ** 2 + (high_a - rate_a) ** 2),
        diff + math.sqrt((high_b - rate_b) ** 2 + (rate_a - low_a) ** 2),
    )
    rel_lift = rate_b / rate_a - 1 if rate_a > 0 else None
    ci_rel = None
    if a.conversions > 0 and b.conversions > 0:
        log_se = math.sqrt(1 / b.conversions - 1 / b.n + 1 / a.conversions - 1 / a.n)
        log_ratio = math.log(rate_b / rate_a)
        ci_rel = (
            math.exp(log_ratio - crit * log_se) - 1,
            math.exp(log_ratio + crit * log_se) - 1,
        )
    return replace(
        result,
        rate_a=rate_a,
        rate_b=rate_b,
        abs_diff=diff,
        rel_lift=rel_lift,
        ci_abs=ci_abs,
        ci_rel=ci_rel,
        ci_level=level,
        z=z,
        p_value=p_value,
        p_value_adjusted=p_value,
    )


def compare_means(
    a: MeanStats,
    b: MeanStats,
    *,
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
) -> MeanTestResult:
    """B versus control A on a continuous metric by Welch's t-test; see
    :class:`MeanTestResult` for the exact definitions."""
    result = MeanTestResult(a=a, b=b, alpha=alpha, alternative=alternative)
    error = a.problem() or b.problem() or alpha_problem(alpha) or alternative_problem(alternative)
    if error:
        return replace(result, error=error)
    var_a, var_b = a.variance / a.n, b.variance / b.n
    se = math.sqrt(var_a + var_b)
    if se == 0:
        return replace(result, error=ZERO_VARIANCE)
    diff = b.mean - a.mean
    df = (var_a + var_b) ** 2 / (var_a**2 / (a.n - 1) + var_b**2 / (b.n - 1))
    t = diff / se
    level = ci_level(alpha, alternative)
    t_crit = float(stats.t.ppf(1 - (1 - level) / 2, df))
    rel_lift = ci_rel = None
    if a.mean != 0:
        rel_lift = b.mean / a.mean - 1
        # Delta method for mean_b / mean_a with independent groups.
        rel_se = math.sqrt(var_b / a.mean**2 + b.mean**2 * var_a / a.mean**4)
        z_crit = float(stats.norm.ppf(1 - (1 - level) / 2))
        ci_rel = (rel_lift - z_crit * rel_se, rel_lift + z_crit * rel_se)
    p_value = _p_from_t(t, df, alternative)
    return replace(
        result,
        diff=diff,
        se=se,
        ci=(diff - t_crit * se, diff + t_crit * se),
        ci_level=level,
        rel_lift=rel_lift,
        ci_rel=ci_rel,
        t=t,
        df=df,
        p_value=p_value,
        p_value_adjusted=p_value,
    )


def compare_many_proportions(
    variants: Sequence[Proportion],
    *,
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
    correction: Correction = "holm",
) -> tuple[ProportionTestResult, ...]:
    """Each variant after the first (the control) versus the control, p-values adjusted for
    the number of comparisons (Holm step-down by default, Benjamini-Hochberg with "bh", none
    with "none"). Intervals are not adjusted. Fewer than 2 variants: one result with error
    TOO_FEW_VARIANTS."""
    if len(variants) < 2:
        control = variants[0] if variants else Proportion(0, 0)
        return (
            ProportionTestResult(
                a=control, b=control, alpha=alpha, alternative=alternative, error=TOO_FEW_VARIANTS
            ),
        )
    results = [
        compare_proportions(variants[0], other, alpha=alpha, alternative=alternative)
        for other in variants[1:]
    ]
    return tuple(_adjusted(results, correction))


def compare_many_means(
    variants: Sequence[MeanStats],
    *,
    alpha: float = 0.05,
    alternative: Alternative = "two-sided",
    correction: Correction = "holm",
) -> tuple[MeanTestResult, ...]:
    """Each variant after the first versus the control by Welch's t-test, p-values adjusted
    like :func:`compare_many_proportions`."""
    if len(variants) < 2:
        control = variants[0] if variants else MeanStats(0, 0.0, 0.0)
        return (
            MeanTestResult(
                a=control, b=control, alpha=alpha, alternative=alternative, error=TOO_FEW_VARIANTS
            ),
        )
    results = [
        compare_means(variants[0], other, alpha=alpha, alternative=alternative)
        for other in variants[1:]
    ]
    return tuple(_adjusted(results, correction))


def _adjusted(results: list, correction: Correction) -> list:
    usable = [i for i, r in enumerate(results) if r.p_value is not None]
    adjusted = adjust_p_values([results[i].p_value for i in usable], method=correction)
    out = list(results)
    for index, p in zip(usable, adjusted, strict=True):
        out[index] = replace(results[index], p_value_adjusted=p, correction=correction)
    return out
