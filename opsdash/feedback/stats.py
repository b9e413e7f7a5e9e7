"""Statistics of feedback: NPS with its confidence interval, CSAT, the log-likelihood (G²)
test behind "rising keywords". Pure functions of counts."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z_95 = 1.959963984540054
# G² above this is significant at p < 0.001 (chi-square, 1 degree of freedom): strict, because
# hundreds of keywords are tested at once and noise must not "rise".
G2_CRITICAL = 10.828
MIN_RISING_COUNT = 5


@dataclass(frozen=True)
class Nps:
    """Net Promoter Score on the -100..100 scale with a 95% confidence interval."""

    responses: int
    promoters: int
    passives: int
    detractors: int
    score: float | None
    low: float | None
    high: float | None


def nps(promoters: int, passives: int, detractors: int) -> Nps:
    """NPS = 100 × (promoters − detractors) / responses (promoters score 9-10, passives 7-8,
    detractors 0-6). 95% interval: Wald interval of a difference of two multinomial shares,
    variance = (p_P + p_D − (p_P − p_D)²) / n, so NPS ± 1.96 × 100 × √variance, clipped to
    [−100, 100]. None without responses."""
    n = promoters + passives + detractors
    if n == 0:
        return Nps(0, 0, 0, 0, None, None, None)
    p_p, p_d = promoters / n, detractors / n
    score = 100 * (p_p - p_d)
    half = Z_95 * 100 * math.sqrt(max(p_p + p_d - (p_p - p_d) ** 2, 0.0) / n)
    return Nps(
        n, promoters, passives, detractors, score, max(score - half, -100), min(score + half, 100)
    )


def csat(satisfied: int, rated: int) -> float | None:
    """CSAT = share of rated items with 4 or 5 stars (0..1); None without ratings."""
    return satisfied / rated if rated else None


def log_likelihood(a: int, n1: int, b: int, n2: int) -> float:
    """Dunning's log-likelihood ratio G² of a 2×2 table: ``a`` of ``n1`` items in the period
    contain the keyword, ``b`` of ``n2`` items in the previous period. G² = 2 Σ O ln(O / E)
    over the four cells (E from the margins); 0 when a margin is empty. Equals scipy's
    ``chi2_contingency(table, correction=False, lambda_="log-likelihood")`` statistic."""
    cells = ((a, n1 - a), (b, n2 - b))
    total = n1 + n2
    with_term, without = a + b, total - a - b
    if total == 0 or n1 == 0 or n2 == 0 or with_term == 0 or without == 0:
        return 0.0
    g2 = 0.0
    for row, row_total in zip(cells, (n1, n2), strict=True):
        for observed, column_total in zip(row, (with_term, without), strict=True):
            if observed > 0:
                expected = row_total * column_total / total
                g2 += observed * math.log(observed / expected)
    return 2 * g2


def is_rising(a: int, n1: int, b: int, n2: int) -> bool:
    """A keyword rises when its share of items grew (a/n1 > b/n2), it is in at least
    :data:`MIN_RISING_COUNT` items now, and G² ≥ :data:`G2_CRITICAL` (p < 0.001). A keyword
    with no previous period to compare (n2 = 0) does not rise."""
    if n1 == 0 or n2 == 0 or a < MIN_RISING_COUNT or a / n1 <= b / n2:
        return False
    return log_likelihood(a, n1, b, n2) >= G2_CRITICAL
