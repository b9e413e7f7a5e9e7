"""Bayesian comparison of conversion rates with Beta priors (Beta(1, 1) = uniform by default).

Posterior of each rate: Beta(prior_alpha + conversions, prior_beta + visitors − conversions).
``prob_b_beats_a`` = P(p_B > p_A) is computed EXACTLY with Evan Miller's closed form for two
Beta variables with integer parameters,

    P(p_B > p_A) = Σ_{i=0}^{α_B−1} B(α_A+i, β_A+β_B) / ((β_B+i) · B(1+i, β_B) · B(α_A, β_A)),

summed in log space (``scipy.special.betaln``, log-sum-exp) over the smaller of α_A, α_B (using
P(p_B > p_A) = 1 − P(p_A > p_B)), so large counts neither overflow nor lose precision; beyond
200,000 terms only the terms above e^-60 × the largest are summed (the others cannot change a
double). No normal approximation and no simulation.

Expected loss (Stucchio's "risk") of shipping B: E[max(p_A − p_B, 0)]
= E[p_A]·P(p_A⁺ > p_B) − E[p_B]·P(p_A > p_B⁺), where p⁺ has α raised by one; both
probabilities by the same exact formula. Likewise for keeping A.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from opsdash.abtest.models import BAD_EFFECT, Proportion

_CHUNK = 1_000_000
_FULL_SUM = 200_000
_CHUNK_WINDOW = 20_000
_WINDOW_LOG = 60.0


@dataclass(frozen=True)
class BetaPosterior:
    """Beta(alpha, beta) posterior of a conversion rate."""

    alpha: float
    beta: float

    @property
    def mean(self) -> float:
        return self.alpha / (self.alpha + self.beta)

    def interval(self, level: float = 0.95) -> tuple[float, float]:
        """Equal-tailed credible interval."""
        tail = (1 - level) / 2
        return (
            float(stats.beta.ppf(tail, self.alpha, self.beta)),
            float(stats.beta.ppf(1 - tail, self.alpha, self.beta)),
        )


@dataclass(frozen=True)
class BayesResult:
    """B versus control A. prob_b_beats_a: exact P(p_B > p_A) under the Beta posteriors.
    expected_loss_b: E[max(p_A − p_B, 0)], the conversion rate expected to be lost by shipping
    B if it is in fact worse; expected_loss_a: E[max(p_B − p_A, 0)], lost by keeping A. In
    rate units (0.001 = 0.1 percentage point). error: a model error code, else None."""

    posterior_a: BetaPosterior | None = None
    posterior_b: BetaPosterior | None = None
    prob_b_beats_a: float | None = None
    expected_loss_b: float | None = None
    expected_loss_a: float | None = None
    prior: tuple[int, int] = (1, 1)
    method: str = "exact Beta-Beta (Evan Miller closed form)"
    error: str | None = None


def _log_terms(i: np.ndarray, a1: int, b1: int, b2: int, log_norm: float) -> np.ndarray:
    return special.betaln(a1 + i, b1 + b2) - np.log(b2 + i) - special.betaln(1 + i, b2) - log_norm


def _prob_second_greater_direct(a1: int, b1: int, a2: int, b2: int) -> float:
    """P(X2 > X1), X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2): the sum of a2 terms (a2 integer).

    The terms are a unimodal probability mass function of i. Up to ``_FULL_SUM`` terms all are
    summed; beyond, only the window around the peak where terms exceed e^-60 × the peak (the
    rest cannot change a double: at most a2 · e^-60 ≈ 1e-17 relative), checked on a coarse grid
    with a fall back to the full sum."""
    log_norm = float(special.betaln(a1, b1))
    if a2 <= _FULL_SUM:
        return _sum_range(0, a2, a1, b1, b2, log_norm)
    grid = np.unique(np.linspace(0, a2 - 1, 4097).astype(np.int64)).astype(np.float64)
    grid_terms = _log_terms(grid, a1, b1, b2, log_norm)
    peak_at = int(grid[int(np.argmax(grid_terms))])
    floor = float(grid_terms.max()) - _WINDOW_LOG
    pieces: list[float] = []
    low = high = peak_at
    while low > 0:
        start = max(0, low - _CHUNK_WINDOW)
        terms = _log_terms(np.arange(start, low, dtype=np.float64), a1, b1, b2, log_norm)
        pieces.append(float(special.logsumexp(terms)))
        low = start
        if terms[0] < floor:
            break
    while high < a2:
        end = min(a2, high + _CHUNK_WINDOW)
        terms = _log_terms(np.arange(high, end, dtype=np.float64), a1, b1, b2, log_norm)
        pieces.append(float(special.logsumexp(terms)))
        high = end
        if terms[-1] < floor:
            break
    outside = grid_terms[(grid < low) | (grid >= high)]
    if outside.size and float(outside.max()) > floor:  # not unimodal after all: sum everything
        return _sum_range(0, a2, a1, b1, b2, log_norm)
    return float(np.exp(special.logsumexp(pieces))) if pieces else 0.0


def _sum_range(start: int, stop: int, a1: int, b1: int, b2: int, log_norm: float) -> float:
    pieces = [
        float(
            special.logsumexp(
                _log_terms(
                    np.arange(lo, min(stop, lo + _CHUNK), dtype=np.float64), a1, b1, b2, log_norm
                )
            )
        )
        for lo in range(start, stop, _CHUNK)
    ]
    return float(np.exp(special.logsumexp(pieces))) if pieces else 0.0


def prob_greater(a1: int, b1: int, a2: int, b2: int) -> float:
    """Exact P(X2 > X1) for independent X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2) with positive
    integer parameters (the sum runs over the smaller alpha)."""
    if a2 <= a1:
        value = _prob_second_greater_direct(a1, b1, a2, b2)
    else:
        value = 1.0 - _prob_second_greater_direct(a2, b2, a1, b1)
    return min(1.0, max(0.0, value))


def compare_bayesian(
    a: Proportion, b: Proportion, *, prior_alpha: int = 1, prior_beta: int = 1
) -> BayesResult:
    """Exact Bayesian comparison of B with control A; see :class:`BayesResult`. Priors must be
    positive integers (the closed form needs integer parameters)."""
    error = a.problem() or b.problem()
    if error:
        return BayesResult(error=error, prior=(prior_alpha, prior_beta))
    if not (
        isinstance(prior_alpha, int)
        and isinstance(prior_beta, int)
        and prior_alpha > 0
        and prior_beta > 0
    ):
        return BayesResult(error=BAD_EFFECT, prior=(prior_alpha, prior_beta))
    a1, b1 = prior_alpha + a.conversions, prior_beta + a.n - a.conversions
    a2, b2 = prior_alpha + b.conversions, prior_beta + b.n - b.conversions
    mean_a, mean_b = a1 / (a1 + b1), a2 / (a2 + b2)
    prob_b = prob_greater(a1, b1, a2, b2)
    loss_b = mean_a * (1 - prob_greater(a1 + 1, b1, a2, b2)) - mean_b * (
        1 - prob_greater(a1, b1, a2 + 1, b2)
    )
    loss_a = mean_b * prob_greater(a1, b1, a2 + 1, b2) - mean_a * prob_greater(a1 + 1, b1, a2, b2)
    return BayesResult(
        posterior_a=BetaPosterior(a1, b1),
        posterior_b=BetaPosterior(a2, b2),
        prob_b_beats_a=prob_b,
        expected_loss_b=max(0.0, loss_b),
        expected_loss_a=max(0.0, loss_a),
        prior=(prior_alpha, prior_beta),
    )


def posterior_grid(
    posteriors: dict[str, BetaPosterior], *, points: int = 200, width: float = 5.0
) -> list[dict[str, float | str]]:
    """Rows (variant, rate, density) of each posterior density on a common grid spanning
    ± ``width`` posterior standard deviations around all the means, for charts."""
    lows, highs = [], []
    for post in posteriors.values():
        sd = math.sqrt(
            post.alpha * post.beta / ((post.alpha + post.beta) ** 2 * (post.alpha + post.beta + 1))
        )
        lows.append(post.mean - width * sd)
        highs.append(post.mean + width * sd)
    if not lows:
        return []
    grid = np.linspace(max(0.0, min(lows)), min(1.0, max(highs)), points)
    rows: list[dict[str, float | str]] = []
    for name, post in posteriors.items():
        density = stats.beta.pdf(grid, post.alpha, post.beta)
        rows.extend(
            {"variant": name, "rate": float(x), "density": float(d)}
            for x, d in zip(grid, density, strict=True)
            if math.isfinite(d)
        )
    return rows
