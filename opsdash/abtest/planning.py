"""Planning: users per variant, test duration, and the effect reachable with given traffic.

Conversion metrics, default formula ``"r"`` = R's ``power.prop.test`` (strict = FALSE): the
normal approximation whose power for n users per group is

    power = Φ((√n·|p₂ − p₁| − z_{1−α/s}·√(2·p̄·q̄)) / √(p₁q₁ + p₂q₂)),  p̄ = (p₁ + p₂)/2,

s = 2 for a two-sided test and 1 for one-sided; solved exactly for n (R solves the same equation
numerically with ``uniroot``). Formula ``"cohen_h"`` = statsmodels ``NormalIndPower`` on Cohen's
effect size h = 2·asin√p₂ − 2·asin√p₁ (two-sided power counts both tails).
Continuous metrics: two-sample z-test power on d = MDE / sd (= statsmodels
``zt_ind_solve_power``).

With more than two variants every variant is compared with the control, so alpha is divided by
the number of comparisons (Bonferroni, conservative for Holm). Duration = ⌈per_variant ·
variants / daily users entering the experiment⌉ days.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from scipy import optimize, stats

from opsdash.abtest.models import (
    BAD_BASELINE,
    BAD_EFFECT,
    BAD_POWER,
    TOO_FEW_VARIANTS,
    UNREACHABLE,
    alpha_problem,
)

Sides = Literal["two-sided", "one-sided"]
Formula = Literal["r", "cohen_h"]

FORMULAS: dict[str, str] = {
    "r": (
        "R power.prop.test (normal approximation, strict = FALSE): "
        "n = (z[1-a/s]*sqrt(2*pbar*qbar) + z[power]*sqrt(p1*q1 + p2*q2))^2 / (p2 - p1)^2"
    ),
    "cohen_h": (
        "Cohen's h with normal power (statsmodels NormalIndPower): "
        "h = 2*asin(sqrt(p2)) - 2*asin(sqrt(p1)), power counts both tails"
    ),
    "means": (
        "two-sample z-test on d = MDE / sd (statsmodels zt_ind_solve_power), "
        "power counts both tails"
    ),
}


@dataclass(frozen=True)
class SampleSizePlan:
    """Users needed per variant. per_variant: ⌈per_variant_exact⌉; total: per_variant ·
    variants; days: ⌈total / daily_traffic⌉ when daily traffic is given. abs_mde = target −
    baseline (for means: the difference in the metric's unit), rel_mde = abs_mde / baseline;
    both are always filled, whichever was entered. alpha_per_comparison = alpha / (variants −
    1). formula: the formula used, in words."""

    baseline: float
    abs_mde: float | None = None
    rel_mde: float | None = None
    target: float | None = None
    alpha: float = 0.05
    alpha_per_comparison: float | None = None
    power: float = 0.8
    sides: Sides = "two-sided"
    variants: int = 2
    per_variant_exact: float | None = None
    per_variant: int | None = None
    total: int | None = None
    daily_traffic: float | None = None
    days: int | None = None
    formula: str = FORMULAS["r"]
    error: str | None = None


@dataclass(frozen=True)
class MdePlan:
    """Smallest effect detectable with ``per_variant`` users per variant: target = the rate
    (above baseline) at which the power equals ``power``; abs_mde = target − baseline,
    rel_mde = abs_mde / baseline."""

    baseline: float
    per_variant: float
    target: float | None = None
    abs_mde: float | None = None
    rel_mde: float | None = None
    alpha: float = 0.05
    alpha_per_comparison: float | None = None
    power: float = 0.8
    sides: Sides = "two-sided"
    variants: int = 2
    formula: str = FORMULAS["r"]
    error: str | None = None


def power_prop_test(n: float, p1: float, p2: float, *, alpha: float, sides: Sides) -> float:
    """Power of R's power.prop.test (strict = FALSE) for n users per group."""
    qu = stats.norm.isf(alpha / (2 if sides == "two-sided" else 1))
    return float(
        stats.norm.cdf(
            (math.sqrt(n) * abs(p1 - p2) - qu * math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2)))
            / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
        )
    )


def _normal_power(effect: float, n: float, *, alpha: float, sides: Sides) -> float:
    """Power of a two-sample z-test with standardised effect ``effect`` and n per group."""
    shift = abs(effect) * math.sqrt(n / 2)
    if sides == "two-sided":
        crit = stats.norm.isf(alpha / 2)
        return float(stats.norm.sf(crit - shift) + stats.norm.cdf(-crit - shift))
    return float(stats.norm.sf(stats.norm.isf(alpha) - shift))


def _solve_n(power_of_n, target_power: float) -> float:
    high = 2.0
    while power_of_n(high) < target_power:
        high *= 2
        if high > 1e15:
            raise ValueError("unreachable")
    return float(optimize.brentq(lambda n: power_of_n(n) - target_power, 1e-9, high, xtol=1e-12))


def _common_problem(alpha: float, power: float, variants: int) -> str | None:
    if alpha_problem(alpha):
        return alpha_problem(alpha)
    if not (math.isfinite(power) and 0 < power < 1):
        return BAD_POWER
    if variants < 2:
        return TOO_FEW_VARIANTS
    return None


def sample_size_proportions(
    *,
    baseline: float,
    mde: float,
    relative: bool = False,
    alpha: float = 0.05,
    power: float = 0.8,
    sides: Sides = "two-sided",
    variants: int = 2,
    daily_traffic: float | None = None,
    formula: Formula = "r",
) -> SampleSizePlan:
    """Users per variant to detect a change of ``mde`` from ``baseline`` (an absolute change
    in rate, e.g. 0.01 = 1 percentage point, or with ``relative=True`` a fraction of the
    baseline, e.g. 0.1 = +10 %); see the module docstring for the formulas."""
    plan = SampleSizePlan(
        baseline=baseline,
        alpha=alpha,
        power=power,
        sides=sides,
        variants=variants,
        daily_traffic=daily_traffic,
        formula=FORMULAS[formula],
    )
    error = _common_problem(alpha, power, variants)
    if error:
        return _with(plan, error=error)
    if not (math.isfinite(baseline) and 0 < baseline < 1):
        return _with(plan, error=BAD_BASELINE)
    abs_mde = mde * baseline if relative else mde
    target = baseline + abs_mde
    if not (math.isfinite(abs_mde) and abs_mde != 0 and 0 < target < 1):
        return _with(plan, error=BAD_EFFECT)
    alpha_each = alpha / (variants - 1)
    if formula == "cohen_h":
        h = 2 * math.asin(math.sqrt(target)) - 2 * math.asin(math.sqrt(baseline))
        exact = _solve_n(lambda n: _normal_power(h, n, alpha=alpha_each, sides=sides), power)
    else:
        qu = stats.norm.isf(alpha_each / (2 if sides == "two-sided" else 1))
        z_power = stats.norm.ppf(power)
        p1, p2 = baseline, target
        exact = float(
            (
                (
                    qu * math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2))
                    + z_power * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
                )
                / abs(p2 - p1)
            )
            ** 2
        )
    return _finish(plan, exact, abs_mde=abs_mde, rel_mde=abs_mde / baseline, target=target)


def sample_size_means(
    *,
    baseline_mean: float,
    sd: float,
    mde: float,
    relative: bool = False,
    alpha: float = 0.05,
    power: float = 0.8,
    sides: Sides = "two-sided",
    variants: int = 2,
    daily_traffic: float | None = None,
) -> SampleSizePlan:
    """Users per variant to detect a change of ``mde`` in a continuous metric with standard
    deviation ``sd`` per user (absolute in the metric's unit, or relative to
    ``baseline_mean``); two-sample z-test power on d = abs_mde / sd."""
    plan = SampleSizePlan(
        baseline=baseline_mean,
        alpha=alpha,
        power=power,
        sides=sides,
        variants=variants,
        daily_traffic=daily_traffic,
        formula=FORMULAS["means"],
    )
    error = _common_problem(alpha, power, variants)
    if error:
        return _with(plan, error=error)
    if relative and baseline_mean == 0:
        return _with(plan, error=BAD_BASELINE)
    abs_mde = mde * baseline_mean if relative else mde
    if not (math.isfinite(abs_mde) and abs_mde != 0 and math.isfinite(sd) and sd > 0):
        return _with(plan, error=BAD_EFFECT)
    alpha_each = alpha / (variants - 1)
    exact = _solve_n(lambda n: _normal_power(abs_mde / sd, n, alpha=alpha_each, sides=sides), power)
    rel = abs_mde / baseline_mean if baseline_mean else None
    return _finish(plan, exact, abs_mde=abs_mde, rel_mde=rel, target=baseline_mean + abs_mde)


def mde_for_sample_size(
    *,
    baseline: float,
    per_variant: float,
    alpha: float = 0.05,
    power: float = 0.8,
    sides: Sides = "two-sided",
    variants: int = 2,
) -> MdePlan:
    """The inverse of :func:`sample_size_proportions` (formula "r"): the smallest upward
    change from ``baseline`` detectable with ``per_variant`` users per variant, found like R's
    ``power.prop.test(p2 = NULL)`` by solving the power equation for p₂ in (p₁, 1)."""
    plan = MdePlan(
        baseline=baseline,
        per_variant=per_variant,
        alpha=alpha,
        power=power,
        sides=sides,
        variants=variants,
    )
    error = _common_problem(alpha, power, variants)
    if error:
        return _with(plan, error=error)
    if not (math.isfinite(baseline) and 0 < baseline < 1):
        return _with(plan, error=BAD_BASELINE)
    if not (math.isfinite(per_variant) and per_variant > 0):
        return _with(plan, error=BAD_EFFECT)
    alpha_each = alpha / (variants - 1)

    def gap(p2: float) -> float:
        return power_prop_test(per_variant, baseline, p2, alpha=alpha_each, sides=sides) - power

    high = 1 - 1e-12
    if gap(high) < 0:
        return _with(plan, error=UNREACHABLE, alpha_per_comparison=alpha_each)
    target = float(optimize.brentq(gap, baseline + 1e-15, high, xtol=1e-14))
    abs_mde = target - baseline
    return _with(
        plan,
        target=target,
        abs_mde=abs_mde,
        rel_mde=abs_mde / baseline,
        alpha_per_comparison=alpha_each,
    )


def duration_days(*, per_variant: int, variants: int, daily_traffic: float) -> int | None:
    """Days until every variant has ``per_variant`` users when ``daily_traffic`` users a day
    enter the experiment, split evenly; None without traffic."""
    if not (daily_traffic and daily_traffic > 0 and math.isfinite(daily_traffic)):
        return None
    return math.ceil(per_variant * variants / daily_traffic)


def _finish(plan: SampleSizePlan, exact: float, **values) -> SampleSizePlan:
    per_variant = math.ceil(exact - 1e-9)
    total = per_variant * plan.variants
    days = (
        duration_days(
            per_variant=per_variant, variants=plan.variants, daily_traffic=plan.daily_traffic
        )
        if plan.daily_traffic
        else None
    )
    return _with(
        plan,
        per_variant_exact=exact,
        per_variant=per_variant,
        total=total,
        days=days,
        alpha_per_comparison=plan.alpha / (plan.variants - 1),
        **values,
    )


def _with(plan, **values):
    return replace(plan, **values)
