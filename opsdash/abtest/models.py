"""Inputs of the A/B statistics and the stable error codes their results carry.

Inputs are sufficient statistics, frozen: :class:`Proportion` (visitors, conversions) for
conversion metrics and :class:`MeanStats` (n, mean, sample standard deviation) for continuous
metrics. Functions never raise on degenerate input; their result's ``error`` is one of the codes
below (``None`` when the result is usable).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Alternative = Literal["two-sided", "greater", "less"]
ALTERNATIVES: tuple[Alternative, ...] = ("two-sided", "greater", "less")

# Stable error codes (results carry them in ``error``; the UI translates ``abtest.error.<code>``).
NEGATIVE_COUNT = "negative_count"
ZERO_VISITORS = "zero_visitors"
CONVERSIONS_EXCEED_VISITORS = "conversions_exceed_visitors"
TOO_FEW_OBSERVATIONS = "too_few_observations"
NEGATIVE_SD = "negative_sd"
ZERO_VARIANCE = "zero_variance"
NOT_FINITE = "not_finite"
BAD_ALPHA = "bad_alpha"
BAD_POWER = "bad_power"
BAD_ALTERNATIVE = "bad_alternative"
BAD_BASELINE = "bad_baseline"
BAD_EFFECT = "bad_effect"
BAD_WEIGHTS = "bad_weights"
TOO_FEW_VARIANTS = "too_few_variants"
ZERO_CONTROL_MEAN = "zero_control_mean"
UNREACHABLE = "unreachable"

ERROR_CODES = (
    NEGATIVE_COUNT,
    ZERO_VISITORS,
    CONVERSIONS_EXCEED_VISITORS,
    TOO_FEW_OBSERVATIONS,
    NEGATIVE_SD,
    ZERO_VARIANCE,
    NOT_FINITE,
    BAD_ALPHA,
    BAD_POWER,
    BAD_ALTERNATIVE,
    BAD_BASELINE,
    BAD_EFFECT,
    BAD_WEIGHTS,
    TOO_FEW_VARIANTS,
    ZERO_CONTROL_MEAN,
    UNREACHABLE,
)


@dataclass(frozen=True)
class Proportion:
    """A conversion metric of one variant: ``n`` users (visitors) of whom ``conversions``
    converted. Rate = conversions / n."""

    n: int
    conversions: int

    @property
    def rate(self) -> float | None:
        """conversions / n; None when n is 0."""
        return self.conversions / self.n if self.n > 0 else None

    def problem(self) -> str | None:
        """The error code that makes this input unusable, or None."""
        if not (_finite(self.n) and _finite(self.conversions)):
            return NOT_FINITE
        if self.n < 0 or self.conversions < 0:
            return NEGATIVE_COUNT
        if self.n == 0:
            return ZERO_VISITORS
        if self.conversions > self.n:
            return CONVERSIONS_EXCEED_VISITORS
        return None


@dataclass(frozen=True)
class MeanStats:
    """A continuous metric of one variant: ``n`` users, their ``mean`` and their sample
    standard deviation ``sd`` (denominator n - 1)."""

    n: int
    mean: float
    sd: float

    @classmethod
    def from_values(cls, values: Iterable[float]) -> MeanStats:
        """n, mean and sample standard deviation (ddof = 1) of raw per-user values; missing
        values (None/NaN) are skipped."""
        clean = [float(v) for v in values if v is not None and not math.isnan(float(v))]
        n = len(clean)
        if n == 0:
            return cls(n=0, mean=0.0, sd=0.0)
        mean = math.fsum(clean) / n
        variance = math.fsum((v - mean) ** 2 for v in clean) / (n - 1) if n > 1 else 0.0
        return cls(n=n, mean=mean, sd=math.sqrt(variance))

    @property
    def variance(self) -> float:
        return self.sd**2

    def problem(self) -> str | None:
        """The error code that makes this input unusable on its own, or None."""
        if not (_finite(self.n) and _finite(self.mean) and _finite(self.sd)):
            return NOT_FINITE
        if self.n < 0:
            return NEGATIVE_COUNT
        if self.n < 2:
            return TOO_FEW_OBSERVATIONS
        if self.sd < 0:
            return NEGATIVE_SD
        return None


def alpha_problem(alpha: float) -> str | None:
    """BAD_ALPHA unless 0 < alpha < 1."""
    return None if _finite(alpha) and 0 < alpha < 1 else BAD_ALPHA


def alternative_problem(alternative: str) -> str | None:
    return None if alternative in ALTERNATIVES else BAD_ALTERNATIVE


def _finite(value: object) -> bool:
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
