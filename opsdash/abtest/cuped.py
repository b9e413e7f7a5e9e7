"""CUPED variance reduction (Deng, Xu, Kohavi & Walker 2013) from sufficient statistics.

Each user's metric y is replaced by y − θ·(x − x̄), x being the same user's pre-experiment value
(the covariate) and x̄ its mean over all users of all variants. θ = cov(x, y) / var(x) computed
on all users pooled. Per variant the adjusted mean is ȳ_v − θ·(x̄_v − x̄) and the adjusted
sample variance var(y)_v + θ²·var(x)_v − 2θ·cov(x, y)_v (all with denominator n − 1), which is
exactly the sample variance of the adjusted per-user values. The adjusted
:class:`~opsdash.abtest.models.MeanStats` then go into Welch's t-test as usual.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from opsdash.abtest.models import TOO_FEW_OBSERVATIONS, ZERO_VARIANCE, MeanStats


@dataclass(frozen=True)
class CupedStats:
    """Sufficient statistics of one variant for CUPED: n users, Σy, Σy², Σx, Σx², Σxy
    (y = metric, x = pre-experiment covariate)."""

    n: int
    sum_y: float
    sum_y2: float
    sum_x: float
    sum_x2: float
    sum_xy: float

    @classmethod
    def from_values(cls, y: Iterable[float], x: Iterable[float]) -> CupedStats:
        pairs = [(float(a), float(b)) for a, b in zip(y, x, strict=True)]
        return cls(
            n=len(pairs),
            sum_y=math.fsum(a for a, _ in pairs),
            sum_y2=math.fsum(a * a for a, _ in pairs),
            sum_x=math.fsum(b for _, b in pairs),
            sum_x2=math.fsum(b * b for _, b in pairs),
            sum_xy=math.fsum(a * b for a, b in pairs),
        )

    def _centred(self) -> tuple[float, float, float]:
        """(var y, var x, cov xy) with denominator n − 1."""
        n = self.n
        var_y = (self.sum_y2 - self.sum_y**2 / n) / (n - 1)
        var_x = (self.sum_x2 - self.sum_x**2 / n) / (n - 1)
        cov = (self.sum_xy - self.sum_x * self.sum_y / n) / (n - 1)
        return max(var_y, 0.0), max(var_x, 0.0), cov

    def mean_stats(self) -> MeanStats:
        """The unadjusted n, mean and sample standard deviation of y."""
        if self.n < 2:
            return MeanStats(self.n, self.sum_y / self.n if self.n else 0.0, 0.0)
        return MeanStats(self.n, self.sum_y / self.n, math.sqrt(self._centred()[0]))


@dataclass(frozen=True)
class CupedResult:
    """theta: pooled cov(x, y) / var(x). adjusted / unadjusted: per-variant MeanStats with and
    without the adjustment. variance_reduction: 1 − Σ(n_v − 1)·adjusted var_v / Σ(n_v − 1)·var_v
    (share of within-variant variance removed; ≈ corr(x, y)²). error: a model code."""

    theta: float | None = None
    adjusted: tuple[MeanStats, ...] = ()
    unadjusted: tuple[MeanStats, ...] = ()
    variance_reduction: float | None = None
    method: str = "CUPED, theta pooled over all variants"
    error: str | None = None


def cuped_adjust(variants: Sequence[CupedStats]) -> CupedResult:
    """CUPED-adjusted mean statistics per variant; see the module docstring."""
    if any(v.n < 2 for v in variants) or len(variants) < 2:
        return CupedResult(error=TOO_FEW_OBSERVATIONS)
    unadjusted = tuple(v.mean_stats() for v in variants)
    pooled = CupedStats(
        n=sum(v.n for v in variants),
        sum_y=math.fsum(v.sum_y for v in variants),
        sum_y2=math.fsum(v.sum_y2 for v in variants),
        sum_x=math.fsum(v.sum_x for v in variants),
        sum_x2=math.fsum(v.sum_x2 for v in variants),
        sum_xy=math.fsum(v.sum_xy for v in variants),
    )
    _, pooled_var_x, pooled_cov = pooled._centred()
    if pooled_var_x <= 0:
        return CupedResult(unadjusted=unadjusted, error=ZERO_VARIANCE)
    theta = pooled_cov / pooled_var_x
    mean_x = pooled.sum_x / pooled.n
    adjusted = []
    before = after = 0.0
    for v in variants:
        var_y, var_x, cov = v._centred()
        var_adj = max(0.0, var_y + theta**2 * var_x - 2 * theta * cov)
        mean_adj = v.sum_y / v.n - theta * (v.sum_x / v.n - mean_x)
        adjusted.append(MeanStats(v.n, mean_adj, math.sqrt(var_adj)))
        before += (v.n - 1) * var_y
        after += (v.n - 1) * var_adj
    return CupedResult(
        theta=theta,
        adjusted=tuple(adjusted),
        unadjusted=unadjusted,
        variance_reduction=1 - after / before if before > 0 else None,
    )
