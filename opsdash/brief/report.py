"""The morning brief (晨报) of a day D: each core metric's value against its weekday
expectation, anomalies with their drivers, and progress against the month's targets.

- Metrics (:data:`opsdash.brief.series.METRICS`, definitions in :mod:`opsdash.brief.series`)
  are listed when the store has their data (signups, activity, counted orders, content
  stats).
- Each is judged by :func:`opsdash.brief.detector.judge` (weekday median of the previous 8
  weeks, band from the pooled MAD; the module docstring says how and where it is blind).
- Each anomaly gets its drivers (:mod:`opsdash.brief.drivers`) over every dimension of
  :func:`opsdash.brief.series.dimensions`, the top :data:`DRIVER_LIMIT` by share.
- ``history``: the last :data:`SPARK_DAYS` days with their expected band, for the sparkline.
- Targets: :func:`opsdash.metrics.overview.target_progress` of D's month through D.
Segment filters (channel, platform, region, where) are kept; the dates are D's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd
from sqlalchemy.engine import Engine

from opsdash.brief import drivers as driver_math
from opsdash.brief import series
from opsdash.brief.detector import DEFAULT_PARAMS, Judgement, judge
from opsdash.filters import Filters
from opsdash.jsonready import json_value
from opsdash.metrics import overview as overview_metrics
from opsdash.store.data import data_date_range

SPARK_DAYS = 28
DRIVER_LIMIT = 5


@dataclass(frozen=True)
class BriefMetric:
    """One metric of the brief: the judgement of D, its drivers (anomalies only), for rate
    metrics the shares of mix and rate effects, and ``history`` (day, value, expected, low,
    high, anomaly) over the last :data:`SPARK_DAYS` days."""

    metric: str
    kind: str
    judgement: Judgement
    drivers: tuple[driver_math.Driver, ...]
    effects: dict | None
    history: pd.DataFrame

    @property
    def change(self) -> float | None:
        """value / expected − 1 (None without an expectation or with expected 0)."""
        j = self.judgement
        if j.value is None or not j.expected:
            return None
        return j.value / j.expected - 1.0


@dataclass(frozen=True)
class Brief:
    """The brief of ``day``: metrics (anomalies first, then in :data:`series.METRICS` order)
    and target progress rows."""

    day: dt.date
    metrics: tuple[BriefMetric, ...]
    targets: tuple[overview_metrics.TargetProgress, ...]

    @property
    def anomalies(self) -> tuple[BriefMetric, ...]:
        return tuple(item for item in self.metrics if item.judgement.anomaly)


def default_day(engine: Engine) -> dt.date | None:
    """The last day with any data (None for an empty store)."""
    with engine.connect() as conn:
        return data_date_range(conn)[1]


def _drivers(
    engine: Engine, metric: str, day: dt.date, expected: float, filters: Filters
) -> tuple[tuple[driver_math.Driver, ...], dict | None]:
    days = [day, *[day - dt.timedelta(days=7 * k) for k in range(1, DEFAULT_PARAMS.weeks + 1)]]
    per_dimension = []
    effects = None
    for dimension in series.dimensions(engine, metric):
        values = series.segment_values(
            engine, metric=metric, dimension=dimension, days=days, filters=filters
        )
        if set(values.get(day, {})) <= {None}:
            continue  # the dimension is empty that day: nothing to tell
        baseline = [values.get(when, {}) for when in days[1:]]
        if metric in series.RATES:
            found = driver_math.rate_drivers(dimension, values.get(day, {}), baseline)
            if found and effects is None:
                effects = driver_math.effect_shares(found)
        else:
            found = driver_math.count_drivers(
                dimension, values.get(day, {}), baseline, expected=expected
            )
        per_dimension.append(found)
    return tuple(driver_math.top_drivers(per_dimension, limit=DRIVER_LIMIT)), effects


def build_brief(engine: Engine, *, filters: Filters) -> Brief:
    """The brief of ``filters.end`` (module docstring)."""
    day = filters.end
    weeks = DEFAULT_PARAMS.weeks
    start = day - dt.timedelta(days=7 * weeks + SPARK_DAYS - 1)
    window = replace(filters, start=start, end=day, preset="custom", compare=False)
    frame = series.daily_series(engine, filters=window)
    firsts = series.first_days(engine)
    items = []
    for metric in series.METRICS:
        first = firsts.get(metric)
        if first is None:
            continue  # the store has no data of this metric
        values = {
            when: value
            for when, value in zip(frame["day"], frame[metric], strict=True)
            if value is not None and not pd.isna(value)
        }
        count = metric in series.COUNTS
        rows = []
        for when in frame["day"].iloc[-SPARK_DAYS:]:
            j = judge(values, when, first_day=first, count=count)
            if metric in series.RATES and when not in values and when >= first:
                j = replace(j, value=None, anomaly=False, direction=None, score=None)
            rows.append(j)
        judgement = rows[-1]
        if metric in series.RATES and day not in values:
            judgement = replace(judgement, value=None, anomaly=False, direction=None, score=None)
        found: tuple = ()
        effects = None
        if judgement.anomaly and judgement.expected is not None:
            found, effects = _drivers(engine, metric, day, judgement.expected, window)
        history = pd.DataFrame(
            {
                "day": [j.day for j in rows],
                "value": [j.value for j in rows],
                "expected": [j.expected for j in rows],
                "low": [j.low for j in rows],
                "high": [j.high for j in rows],
                "anomaly": [j.anomaly for j in rows],
            }
        )
        items.append(BriefMetric(metric, series.KINDS[metric], judgement, found, effects, history))
    items.sort(key=lambda item: not item.judgement.anomaly)  # stable: anomalies first
    targets = overview_metrics.target_progress(
        engine, filters=replace(filters, start=day, end=day, preset="custom", compare=False)
    )
    return Brief(day=day, metrics=tuple(items), targets=tuple(targets))


def brief_for(engine: Engine, day: dt.date | None = None, filters: Filters | None = None) -> Brief:
    """The brief of ``day`` (default: the last day with data) for the whole store or the
    segments of ``filters``."""
    day = day or default_day(engine)
    if day is None:  # an empty store
        return Brief(day=dt.date.today(), metrics=(), targets=())
    base = filters or Filters(start=day, end=day)
    return build_brief(engine, filters=replace(base, start=day, end=day))


def _number(value: object, *, count: bool = False) -> object:
    value = json_value(value)
    if isinstance(value, float) and count and value.is_integer():
        return int(value)
    return round(value, 6) if isinstance(value, float) else value


def needed_per_day(row: overview_metrics.TargetProgress) -> float | None:
    """For a sum metric (one with a pace): what each remaining day of the month must add to
    reach the target, (target − actual) / days left after ``through`` (0 once reached); None
    for level metrics, an unknown actual or no day left."""
    if row.pace is None or row.actual is None:
        return None
    last = overview_metrics.month_range(row.month)[1]
    left = (last - row.through).days
    if left <= 0:
        return None
    return max(0.0, row.target - row.actual) / left


def brief_json(brief: Brief) -> dict:
    """JSON-ready brief (``opsdash brief --json``): ``date``; ``metrics`` [{``metric``,
    ``value``, ``expected``, ``low``, ``high``, ``anomaly``, ``direction``, ``drivers``
    [{``dimension``, ``value``, ``share``, ``change``, ``effect``}], ``score``, ``kind``,
    ``effects``}]; ``targets`` (the Overview's target rows for D's month, with
    ``needed_per_day``: what each remaining day must add, for sum metrics)."""
    metrics = []
    for item in brief.metrics:
        j = item.judgement
        metrics.append(
            {
                "metric": item.metric,
                "value": _number(j.value, count=item.metric in series.COUNTS),
                "expected": _number(j.expected),
                "low": _number(j.low),
                "high": _number(j.high),
                "anomaly": bool(j.anomaly),
                "direction": j.direction,
                "drivers": [
                    {
                        "dimension": d.dimension,
                        "value": json_value(d.value),
                        "share": _number(d.share),
                        "change": _number(d.change),
                        "effect": d.effect,
                    }
                    for d in item.drivers
                ],
                "score": _number(j.score),
                "kind": item.kind,
                "effects": (
                    {key: _number(value) for key, value in item.effects.items()}
                    if item.effects
                    else None
                ),
            }
        )
    return {
        "date": brief.day.isoformat(),
        "metrics": metrics,
        "targets": [
            {
                "metric": row.metric,
                "month": row.month,
                "target": _number(row.target),
                "actual": _number(row.actual),
                "progress": _number(row.progress),
                "pace": _number(row.pace),
                "needed_per_day": _number(needed_per_day(row)),
            }
            for row in brief.targets
        ],
    }
