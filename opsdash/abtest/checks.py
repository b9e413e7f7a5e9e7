"""Checks that protect an A/B decision.

- :func:`sample_ratio_mismatch`: Pearson chi-square goodness-of-fit of the observed users per
  variant against the planned split (= ``scipy.stats.chisquare``); warns at p < 0.001.
- :func:`adjust_p_values`: Holm step-down (family-wise error) or Benjamini-Hochberg (false
  discovery rate) adjustment (= statsmodels ``multipletests`` "holm" / "fdr_bh").
- :func:`sample_warnings`: too-small samples for the normal approximations used.
- :func:`always_valid_p_value` / :func:`sequential_p_values`: the mixture sequential
  probability ratio test (mSPRT, Johari et al. 2017, "Peeking at A/B tests") with a normal
  mixing distribution N(0, tau²) on the difference; its p-value stays valid however often the
  experiment is looked at.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from scipy import stats

from opsdash.abtest.models import (
    BAD_EFFECT,
    BAD_WEIGHTS,
    NEGATIVE_COUNT,
    TOO_FEW_VARIANTS,
    ZERO_CONTROL_MEAN,
    ZERO_VISITORS,
    MeanStats,
    Proportion,
)

SRM_THRESHOLD = 0.001
MIN_USERS = 100
MIN_CONVERSIONS = 10


@dataclass(frozen=True)
class SrmResult:
    """Sample ratio mismatch check. chi2 = Σ (observed − expected)² / expected with expected =
    total · weight / Σ weights; df = variants − 1; p_value = upper tail of chi-square(df);
    mismatch = p_value < threshold (0.001)."""

    counts: tuple[int, ...]
    weights: tuple[float, ...]
    expected: tuple[float, ...] | None = None
    chi2: float | None = None
    df: int | None = None
    p_value: float | None = None
    threshold: float = SRM_THRESHOLD
    mismatch: bool = False
    method: str = "Pearson chi-square goodness of fit"
    error: str | None = None


def sample_ratio_mismatch(
    counts: Sequence[int],
    weights: Sequence[float] | None = None,
    *,
    threshold: float = SRM_THRESHOLD,
) -> SrmResult:
    """Chi-square test of the users per variant against the planned weights (equal split when
    ``weights`` is None); see :class:`SrmResult`."""
    counts_t = tuple(int(c) for c in counts)
    weights_t = tuple(float(w) for w in weights) if weights is not None else (1.0,) * len(counts_t)
    result = SrmResult(counts=counts_t, weights=weights_t, threshold=threshold)
    if len(counts_t) < 2:
        return SrmResult(counts_t, weights_t, threshold=threshold, error=TOO_FEW_VARIANTS)
    if any(c < 0 for c in counts_t):
        return SrmResult(counts_t, weights_t, threshold=threshold, error=NEGATIVE_COUNT)
    if len(weights_t) != len(counts_t) or any(not (w > 0 and math.isfinite(w)) for w in weights_t):
        return SrmResult(counts_t, weights_t, threshold=threshold, error=BAD_WEIGHTS)
    total = sum(counts_t)
    if total == 0:
        return SrmResult(counts_t, weights_t, threshold=threshold, error=ZERO_VISITORS)
    weight_sum = math.fsum(weights_t)
    expected = tuple(total * w / weight_sum for w in weights_t)
    chi2 = math.fsum((o - e) ** 2 / e for o, e in zip(counts_t, expected, strict=True))
    df = len(counts_t) - 1
    p_value = float(stats.chi2.sf(chi2, df))
    return SrmResult(
        counts=result.counts,
        weights=result.weights,
        expected=expected,
        chi2=chi2,
        df=df,
        p_value=p_value,
        threshold=threshold,
        mismatch=p_value < threshold,
    )


def adjust_p_values(
    p_values: Sequence[float], *, method: Literal["holm", "bh", "none"] = "holm"
) -> tuple[float, ...]:
    """Adjusted p-values in the input order. "holm": Holm's step-down, p_(i) · (m − i + 1)
    made monotone increasing; "bh": Benjamini-Hochberg, p_(i) · m / i made monotone decreasing
    from the largest; "none": unchanged. All capped at 1."""
    m = len(p_values)
    if method == "none" or m <= 1:
        return tuple(float(p) for p in p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    if method == "holm":
        running = 0.0
        for rank, index in enumerate(order):
            running = max(running, min(1.0, (m - rank) * p_values[index]))
            adjusted[index] = running
    elif method == "bh":
        running = 1.0
        for rank in range(m - 1, -1, -1):
            index = order[rank]
            running = min(running, m * p_values[index] / (rank + 1))
            adjusted[index] = min(1.0, running)
    else:
        raise ValueError(f"unknown correction {method!r}")
    return tuple(adjusted)


def sample_warnings(variants: Sequence[Proportion]) -> tuple[str, ...]:
    """Warning codes for samples too small for the normal approximations: "few_users" (a
    variant has fewer than 100 users), "few_conversions" (a variant has fewer than 10
    conversions or fewer than 10 non-conversions)."""
    warnings: list[str] = []
    if any(v.n < MIN_USERS for v in variants):
        warnings.append("few_users")
    if any(
        v.conversions < MIN_CONVERSIONS or v.n - v.conversions < MIN_CONVERSIONS for v in variants
    ):
        warnings.append("few_conversions")
    return tuple(warnings)


@dataclass(frozen=True)
class SequentialResult:
    """Always-valid (mSPRT) p-value for B − A. estimate: the difference; variance: its
    unpooled variance V; tau: the mixing standard deviation. likelihood_ratio Λ =
    sqrt(V / (V + tau²)) · exp(tau² · estimate² / (2 V (V + tau²))); p_value = min(1, 1 / Λ)
    for one look, the running minimum over looks for a sequence (two-sided)."""

    estimate: float | None = None
    variance: float | None = None
    tau: float | None = None
    likelihood_ratio: float | None = None
    p_value: float | None = None
    method: str = "mSPRT, normal mixture N(0, tau²)"
    error: str | None = None


def always_valid_p_value(estimate: float, variance: float, tau: float) -> SequentialResult:
    """mSPRT always-valid p-value of one look; see :class:`SequentialResult`."""
    if not (variance > 0 and tau > 0 and math.isfinite(estimate)):
        return SequentialResult(estimate, variance, tau, error=BAD_EFFECT)
    total = variance + tau * tau
    log_lr = 0.5 * math.log(variance / total) + tau * tau * estimate**2 / (2 * variance * total)
    p_value = min(1.0, math.exp(-log_lr))
    return SequentialResult(
        estimate=estimate,
        variance=variance,
        tau=tau,
        likelihood_ratio=math.exp(min(log_lr, 700.0)),
        p_value=p_value,
    )


def proportion_sequential(
    a: Proportion, b: Proportion, *, tau: float | None = None, relative_effect: float = 0.1
) -> SequentialResult:
    """mSPRT p-value of rate_b − rate_a with V = r_a(1−r_a)/n_a + r_b(1−r_b)/n_b. Without an
    explicit ``tau`` it is ``relative_effect`` (10 %) of the control rate: the size of effect
    the test is tuned to detect fastest."""
    error = a.problem() or b.problem()
    if error:
        return SequentialResult(error=error)
    rate_a, rate_b = a.conversions / a.n, b.conversions / b.n
    variance = rate_a * (1 - rate_a) / a.n + rate_b * (1 - rate_b) / b.n
    tau = tau if tau is not None else relative_effect * rate_a
    if tau <= 0:
        return SequentialResult(error=ZERO_CONTROL_MEAN)
    return always_valid_p_value(rate_b - rate_a, variance, tau)


def mean_sequential(
    a: MeanStats, b: MeanStats, *, tau: float | None = None, relative_effect: float = 0.1
) -> SequentialResult:
    """mSPRT p-value of mean_b − mean_a with V = sd_a²/n_a + sd_b²/n_b; default tau is 10 % of
    |mean_a|."""
    error = a.problem() or b.problem()
    if error:
        return SequentialResult(error=error)
    variance = a.variance / a.n + b.variance / b.n
    tau = tau if tau is not None else relative_effect * abs(a.mean)
    if tau <= 0:
        return SequentialResult(error=ZERO_CONTROL_MEAN)
    return always_valid_p_value(b.mean - a.mean, variance, tau)


def sequential_p_values(
    looks: Sequence[tuple[Proportion, Proportion]],
    *,
    tau: float | None = None,
    relative_effect: float = 0.1,
) -> tuple[float | None, ...]:
    """Always-valid p-values after each look at cumulative data (control, variant): the
    running minimum of the per-look mSPRT p-values (None before the first usable look). The
    default tau is fixed from the last look's control rate so that it does not move."""
    if tau is None and looks:
        last = looks[-1][0]
        tau = relative_effect * (last.conversions / last.n) if last.n > 0 else None
    out: list[float | None] = []
    running: float | None = None
    for a, b in looks:
        result = proportion_sequential(a, b, tau=tau, relative_effect=relative_effect)
        if result.p_value is not None:
            running = result.p_value if running is None else min(running, result.p_value)
        out.append(running)
    return tuple(out)
