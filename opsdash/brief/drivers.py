"""Drivers of an anomaly: which segment values explain the change (plain Python, no I/O).

**Counts and sums** (new users, DAU, paying users, orders, revenue, content views): each
segment value's *expected* value is the metric's expected value split by the value's share of
the metric over the baseline days (the same weekday of the previous weeks):
``expected_i = expected × Σ_baseline x_i / Σ_baseline x``. So the expected values add up to
the metric's expected value, the changes ``change_i = x_i(D) − expected_i`` add up to the
metric's change, and ``share_i = change_i / Σ change`` (the shares of one dimension add up
to 1; a value moving against the total has a negative share, one moving more than the total
a share above 1). Drivers are ranked by share, largest first.

**Rates** (paying rate = paying users / DAU): the change of the pooled rate against the
baseline, ``R − R_e`` with ``R_e = Σ w_i^e r_i^e``, splits exactly into, per segment value,
a **mix** effect ``(w_i − w_i^e) × (r_i^e − R_e)`` (the segment's weight in the denominator
moved) and a **rate** effect ``w_i × (r_i − r_i^e)`` (the segment's own rate moved), with
``w`` the share of the denominator and ``r`` the segment's rate; shares are effects / (R −
R_e).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Segments = Mapping[object, float]


@dataclass(frozen=True)
class Driver:
    """One segment value's part of a change: ``dimension`` (e.g. "channel"), ``value`` (None:
    not in the data), ``actual`` and ``expected`` of the segment, ``change`` (its part of the
    metric's change, in the metric's unit) and ``share`` of the change; ``effect`` "mix" or
    "rate" for rate metrics, None for counts."""

    dimension: str
    value: object
    actual: float
    expected: float
    change: float
    share: float
    effect: str | None = None


def count_drivers(
    dimension: str,
    current: Segments,
    baseline: Sequence[Segments],
    *,
    expected: float,
) -> list[Driver]:
    """Drivers of a count or sum metric along one dimension (module docstring), largest share
    first. ``current``: value per segment on the day; ``baseline``: the same per baseline day;
    ``expected``: the metric's expected value on the day."""
    totals: dict[object, float] = {}
    for day in baseline:
        for key, value in day.items():
            totals[key] = totals.get(key, 0.0) + float(value)
    whole = sum(totals.values())
    keys = list(dict.fromkeys([*current, *totals]))
    rows = []
    for key in keys:
        weight = totals.get(key, 0.0) / whole if whole else 0.0
        segment_expected = expected * weight
        actual = float(current.get(key, 0.0))
        rows.append((key, actual, segment_expected, actual - segment_expected))
    change = sum(row[3] for row in rows)
    if not change:
        return []
    drivers = [
        Driver(dimension, key, actual, segment_expected, delta, delta / change)
        for key, actual, segment_expected, delta in rows
    ]
    return sorted(drivers, key=lambda d: (-d.share, str(d.value)))


def rate_drivers(
    dimension: str,
    current: Mapping[object, tuple[float, float]],
    baseline: Sequence[Mapping[object, tuple[float, float]]],
) -> list[Driver]:
    """Drivers of a rate metric along one dimension: per segment value a mix and a rate
    effect (module docstring), largest share first. ``current`` and each baseline day map a
    segment value to (numerator, denominator)."""
    numerators: dict[object, float] = {}
    denominators: dict[object, float] = {}
    for day in baseline:
        for key, (num, den) in day.items():
            numerators[key] = numerators.get(key, 0.0) + float(num)
            denominators[key] = denominators.get(key, 0.0) + float(den)
    base_den = sum(denominators.values())
    now_den = sum(float(den) for _, den in current.values())
    if not base_den or not now_den:
        return []
    base_rate = sum(numerators.values()) / base_den
    now_rate = sum(float(num) for num, _ in current.values()) / now_den
    change = now_rate - base_rate
    if not change:
        return []
    drivers = []
    for key in dict.fromkeys([*current, *denominators]):
        num, den = (float(x) for x in current.get(key, (0.0, 0.0)))
        weight_e = denominators.get(key, 0.0) / base_den
        rate_e = numerators[key] / denominators[key] if denominators.get(key) else base_rate
        weight = den / now_den
        rate = num / den if den else rate_e
        mix = (weight - weight_e) * (rate_e - base_rate)
        own = weight * (rate - rate_e)
        for effect, amount in (("mix", mix), ("rate", own)):
            drivers.append(Driver(dimension, key, rate, rate_e, amount, amount / change, effect))
    return sorted(drivers, key=lambda d: (-d.share, str(d.value), d.effect or ""))


def effect_shares(drivers: Sequence[Driver]) -> dict[str, float]:
    """For rate drivers of one dimension: the total share of the mix and of the rate effects
    (they add up to 1)."""
    return {
        effect: sum(d.share for d in drivers if d.effect == effect) for effect in ("mix", "rate")
    }


def top_drivers(per_dimension: Sequence[Sequence[Driver]], *, limit: int = 5) -> list[Driver]:
    """The drivers of every dimension with a positive share, largest share first, at most
    ``limit``."""
    pooled = [d for drivers in per_dimension for d in drivers if d.share > 0]
    pooled.sort(key=lambda d: (-d.share, d.dimension, str(d.value)))
    return pooled[:limit]
