"""The brief's anomaly detector: a weekday-aware robust baseline (plain Python, no I/O).

Method (docs/brief.md and the UI help say the same):

- **Expected** value of day D = the median of the same weekday's values over the previous
  ``weeks`` weeks (D−7, D−14, …, D−7·weeks); weeks before the metric's first day with data are
  left out. With fewer than ``min_weeks`` such days there is no judgement (expected, band and
  score are None, never an anomaly).
- **Spread** σ = 1.4826 × MAD (median absolute deviation of those values from their median,
  scaled to estimate a normal standard deviation), floored at ``min_relative`` × |expected|
  (a perfectly regular history would otherwise flag any wobble) and, for counts, at
  √expected (Poisson noise: small counts are noisy by nature).
- **Band** = expected ± ``threshold`` × σ; D is an **anomaly** when its value lies outside,
  **direction** "up" above the band, "down" below it; **score** = (value − expected) / σ
  (signed; |score| > threshold means an anomaly; None when σ is 0, i.e. a history of zeros
  of a non-count metric, where any other value is outside the empty band).

Blind spots: a slow drift (each week a little lower) moves the median with it and is never
flagged; a change that lasts more than half of the baseline weeks becomes the new normal;
holidays and campaigns that fall on a weekday once a year look like anomalies; a day whose data
is still being imported (a partial last day) looks like a drop.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

MAD_SCALE = 1.4826
WEEKS = 8
MIN_WEEKS = 4
THRESHOLD = 3.5
MIN_RELATIVE = 0.03


@dataclass(frozen=True)
class DetectorParams:
    """The detector's parameters (module docstring)."""

    weeks: int = WEEKS
    min_weeks: int = MIN_WEEKS
    threshold: float = THRESHOLD
    min_relative: float = MIN_RELATIVE


DEFAULT_PARAMS = DetectorParams()


@dataclass(frozen=True)
class Judgement:
    """One day of one metric: ``value``; ``expected``, ``low``, ``high`` (the band) and
    ``score`` (None without enough history); ``anomaly``; ``direction`` "up" / "down" / None;
    ``baseline_days`` = how many same-weekday days the expectation rests on."""

    day: dt.date
    value: float | None
    expected: float | None
    low: float | None
    high: float | None
    anomaly: bool
    direction: str | None
    score: float | None
    baseline_days: int


def baseline_days(day: dt.date, *, weeks: int = WEEKS) -> list[dt.date]:
    """The same weekday over the ``weeks`` weeks before ``day``, nearest first."""
    return [day - dt.timedelta(days=7 * k) for k in range(1, weeks + 1)]


def spread(window: Mapping[dt.date, float]) -> float | None:
    """Relative prediction spread σ_rel of a window of daily values: 1.4826 × the median of
    |value / (median of the *other* values of its weekday in the window) − 1|, pooled over all
    weekdays (56 leave-one-out residuals for 8 weeks instead of 8 per weekday: a far steadier
    estimate; leaving the value out makes each residual an honest "new day versus the median
    of the others", so σ_rel already includes the uncertainty of the median). Weekdays with
    fewer than three values, or a zero median of the others, are skipped; None without any
    residual."""
    by_weekday: dict[int, list[float]] = {}
    for when, value in window.items():
        by_weekday.setdefault(when.weekday(), []).append(value)
    residuals = []
    for values in by_weekday.values():
        if len(values) < 3:
            continue
        for index, value in enumerate(values):
            middle = float(np.median(values[:index] + values[index + 1 :]))
            if middle != 0:
                residuals.append(value / middle - 1.0)
    if not residuals:
        return None
    return MAD_SCALE * float(np.median(np.abs(residuals)))


def expectation(
    history: Sequence[float],
    *,
    relative_spread: float | None,
    count: bool,
    params: DetectorParams = DEFAULT_PARAMS,
) -> tuple[float, float] | None:
    """(expected, σ) from the same-weekday ``history`` values and the window's
    ``relative_spread`` (module docstring); None with fewer than ``params.min_weeks`` values."""
    values = np.asarray([v for v in history if v is not None and math.isfinite(v)], dtype=float)
    if len(values) < params.min_weeks:
        return None
    expected = float(np.median(values))
    if relative_spread is None:  # no pooled estimate: the weekday's own MAD
        relative_spread = (
            MAD_SCALE * float(np.median(np.abs(values - expected))) / max(abs(expected), 1e-12)
        )
    sigma = max(relative_spread, params.min_relative) * abs(expected)
    if count:
        sigma = max(sigma, math.sqrt(max(expected, 1.0)))
    return expected, sigma


def judge(
    series: Mapping[dt.date, float],
    day: dt.date,
    *,
    first_day: dt.date | None = None,
    count: bool = True,
    params: DetectorParams = DEFAULT_PARAMS,
) -> Judgement:
    """Judge ``series[day]`` against its weekday baseline. ``series`` maps days to values
    (a day absent from it is 0 when on or after ``first_day``, else unknown); ``count``: the
    metric is a count (the √expected floor applies)."""

    def value_of(when: dt.date) -> float | None:
        if first_day is not None and when < first_day:
            return None
        return float(series.get(when, 0.0))

    value = value_of(day)
    history = [value_of(when) for when in baseline_days(day, weeks=params.weeks)]
    known = [v for v in history if v is not None]
    window = {}
    for offset in range(1, 7 * params.weeks + 1):
        when = day - dt.timedelta(days=offset)
        earlier = value_of(when)
        if earlier is not None:
            window[when] = earlier
    fitted = expectation(known, relative_spread=spread(window), count=count, params=params)
    if value is None or fitted is None:
        return Judgement(day, value, None, None, None, False, None, None, len(known))
    expected, sigma = fitted
    low, high = expected - params.threshold * sigma, expected + params.threshold * sigma
    if count:
        low = max(low, 0.0)
    # a history of zeros (a non-count metric): no spread; any other value is outside
    score = (value - expected) / sigma if sigma > 0 else None
    direction = "up" if value > high else "down" if value < low else None
    return Judgement(
        day=day,
        value=value,
        expected=expected,
        low=low,
        high=high,
        anomaly=direction is not None,
        direction=direction,
        score=score,
        baseline_days=len(known),
    )
