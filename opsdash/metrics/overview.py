"""The Overview (概览): the daily-review key numbers of a period, each with its change versus
the previous period, small trend series, and progress against monthly targets.

Each key number has ONE definition, owned by its area module and reused here:

- ``new_users``, ``dau_average``, ``mau``, ``d1_retention``, ``d7_retention``:
  :mod:`opsdash.metrics.users` (new users = signup_date in the range; DAU average = mean daily
  active users over the range's days; MAU = distinct active users in the 30 days ending on the
  end day; Dn retention = signups of the range active exactly n days after signing up / those
  signups whose day n is on or before the last data day);
- ``revenue`` (net of refunds), ``paying_rate`` (paying users / active users), ``arpu``
  (user revenue / active users): :func:`opsdash.metrics.revenue.revenue_summary`;
- ``content_views``, ``engagement_rate`` ((likes+comments+shares+favorites)/views):
  :func:`opsdash.metrics.content.content_totals`;
- ``running_campaigns``: campaigns *running* on the end day, the Activities page's status
  (:func:`opsdash.metrics.activities.campaign_status`). Segment filters do not apply to
  campaigns or content (they are not per user).

Previous period = :meth:`Filters.previous`. ``change`` = value / previous − 1 (None when the
previous value is missing or 0).

Targets (分解指标、规划目标): one value per (metric, month "YYYY-MM") in the ``targets``
table, set by an editor (:func:`set_target`). Progress (:func:`target_progress`) compares the
month's actual value to date with the target: for *sum* metrics (new users, revenue, content
views) the month-to-date total / target, next to the share of the month elapsed (pace); for
*level* metrics (DAU average, MAU, rates, ARPU, running campaigns) the month-to-date value /
target.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, replace

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.jsonready import json_value
from opsdash.metrics import activities as activity_metrics
from opsdash.metrics import content as content_metrics
from opsdash.metrics import revenue as revenue_metrics
from opsdash.metrics import users as user_metrics
from opsdash.models import Campaign, Target
from opsdash.store.hooks import after_data_write
from opsdash.timeutil import as_date, utc_now

CAMPAIGNS = Campaign.__table__
TARGETS = Target.__table__

# key -> (kind for display, how a month adds up: "sum" or "level")
KEY_METRICS: dict[str, tuple[str, str]] = {
    "new_users": ("number", "sum"),
    "dau_average": ("number", "level"),
    "mau": ("number", "level"),
    "d1_retention": ("percent", "level"),
    "d7_retention": ("percent", "level"),
    "paying_rate": ("percent", "level"),
    "revenue": ("money", "sum"),
    "arpu": ("money", "level"),
    "content_views": ("number", "sum"),
    "engagement_rate": ("percent", "level"),
    "running_campaigns": ("number", "level"),
}
MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
MAX_TARGET = 1e15


def _change(current: float | None, previous: float | None) -> float | None:
    if current is None or previous is None or previous == 0:
        return None
    return float(current) / float(previous) - 1.0


def running_campaigns(engine: Engine, *, filters: Filters) -> int:
    """Campaigns whose status on the end day is *running*, as the Activities page defines it
    (:func:`opsdash.metrics.activities.campaign_status` with ``as_of = filters.end``): started
    on or before the end day (a missing start counts as started) and not ended before it (a
    missing end counts as not ended). Campaigns are not per user: segments do not apply."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(CAMPAIGNS.c.start_date, CAMPAIGNS.c.end_date)).all()
    return sum(
        activity_metrics.campaign_status(as_date(start), as_date(end), as_of=filters.end)
        == "running"
        for start, end in rows
    )


def key_numbers(engine: Engine, *, filters: Filters) -> dict[str, float | None]:
    """The value of every key metric (see the module docstring) for [start, end]."""
    activity = user_metrics.activity_summary(engine, filters=filters)
    revenue = revenue_metrics.revenue_summary(engine, filters=filters)
    content = content_metrics.content_totals(engine, filters=filters)
    return {
        "new_users": user_metrics.new_users(engine, filters=filters),
        "dau_average": activity.dau_average,
        "mau": activity.mau,
        "d1_retention": user_metrics.day_n_retention(engine, filters=filters, day=1),
        "d7_retention": user_metrics.day_n_retention(engine, filters=filters, day=7),
        "paying_rate": revenue.paying_rate,
        "revenue": revenue.revenue,
        "arpu": revenue.arpu,
        "content_views": content.views,
        "engagement_rate": content.engagement_rate,
        "running_campaigns": running_campaigns(engine, filters=filters),
    }


@dataclass(frozen=True)
class KeyMetric:
    """One key number: ``value`` for the period, ``previous`` for the comparison period,
    ``change`` = value / previous − 1 (None without a non-zero previous value)."""

    key: str
    kind: str
    value: float | None
    previous: float | None
    change: float | None


def overview_metrics(engine: Engine, *, filters: Filters) -> list[KeyMetric]:
    """Every key metric of [start, end] with the previous period's value and the change."""
    current = key_numbers(engine, filters=filters)
    previous = key_numbers(engine, filters=filters.previous())
    return [
        KeyMetric(
            key=key,
            kind=kind,
            value=current[key],
            previous=previous[key],
            change=_change(current[key], previous[key]),
        )
        for key, (kind, _) in KEY_METRICS.items()
    ]


def trend_series(engine: Engine, *, filters: Filters) -> pd.DataFrame:
    """Daily series for the small trend charts, one row per day of [start, end]: ``day``,
    ``new_users`` (signups that day), ``dau``, ``revenue`` (net, by payment day),
    ``content_views``."""
    days = pd.date_range(filters.start, filters.end, freq="D").date
    frame = pd.DataFrame({"day": list(days)})
    signups = user_metrics.new_users_by_period(engine, filters=filters, period="day")
    per_day = signups.groupby("period")["new_users"].sum().to_dict() if len(signups) else {}
    frame["new_users"] = [int(per_day.get(day, 0)) for day in days]
    frame["dau"] = user_metrics.daily_active_users(engine, filters=filters)["dau"].tolist()
    revenue = revenue_metrics.revenue_over_time(engine, filters=filters, period="day")
    by_day = dict(zip(revenue["period_start"], revenue["revenue"], strict=True))
    frame["revenue"] = [float(by_day.get(day, 0.0)) for day in days]
    views = content_metrics.content_series(engine, filters=filters, period="day")
    by_day = dict(zip(views["period_start"], views["views"], strict=True)) if len(views) else {}
    frame["content_views"] = [int(by_day.get(day, 0)) for day in days]
    return frame


# --------------------------------------------------------------------------- targets


def _check_month(month: str) -> str:
    if not isinstance(month, str) or not MONTH_PATTERN.match(month):
        raise UserError(f"month must look like 2024-05, not {month!r}")
    return month


def set_target(
    engine: Engine, *, metric: str, month: str, value: float, set_by: str | None = None
) -> None:
    """Set (or replace) the target of ``metric`` for ``month`` ("YYYY-MM"). Raises
    :class:`UserError` for an unknown metric, a bad month or a negative / non-finite value;
    the store is unchanged then. Bumps the data version so cached progress refreshes."""
    if metric not in KEY_METRICS:
        raise UserError(f"unknown metric {metric!r}")
    _check_month(month)
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise UserError(f"the target must be a number, not {value!r}") from error
    if not math.isfinite(number) or number < 0 or number > MAX_TARGET:
        raise UserError("the target must be a number of 0 or more")
    if KEY_METRICS[metric][0] == "percent" and number > 1:
        raise UserError("a rate target is a share between 0 and 1 (e.g. 0.35 for 35%)")
    with engine.begin() as conn:
        conn.execute(sa.delete(TARGETS).where(TARGETS.c.metric == metric, TARGETS.c.month == month))
        conn.execute(
            sa.insert(TARGETS).values(
                metric=metric, month=month, value=number, set_by=set_by, set_at=utc_now()
            )
        )
        after_data_write(conn, ())


def delete_target(engine: Engine, *, metric: str, month: str) -> bool:
    """Remove a target; whether one existed."""
    _check_month(month)
    with engine.begin() as conn:
        deleted = conn.execute(
            sa.delete(TARGETS).where(TARGETS.c.metric == metric, TARGETS.c.month == month)
        ).rowcount
        after_data_write(conn, ())
    return bool(deleted)


def targets_for_month(engine: Engine, *, month: str) -> dict[str, float]:
    """The targets set for ``month``, by metric key."""
    _check_month(month)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(TARGETS.c.metric, TARGETS.c.value).where(TARGETS.c.month == month)
        ).all()
    return {metric: float(value) for metric, value in rows if metric in KEY_METRICS}


def month_range(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of ``month`` ("YYYY-MM")."""
    _check_month(month)
    year, number = int(month[:4]), int(month[5:])
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


@dataclass(frozen=True)
class TargetProgress:
    """Progress of one metric against its monthly target. ``actual`` is the month-to-date
    value (first day of the month to ``through``); ``progress`` = actual / target (None when
    the target is 0 or the actual unknown); ``pace`` (sum metrics only) = the share of the
    month elapsed through ``through``."""

    metric: str
    kind: str
    month: str
    target: float
    actual: float | None
    progress: float | None
    pace: float | None
    through: dt.date


def target_progress(
    engine: Engine, *, filters: Filters, month: str | None = None
) -> list[TargetProgress]:
    """Progress against the targets of ``month`` (default: the month of ``filters.end``),
    measured from the month's first day to the earlier of its last day and ``filters.end``
    (segment filters kept). Only metrics with a target are listed, in key-metric order."""
    month = month or filters.end.strftime("%Y-%m")
    targets = targets_for_month(engine, month=month)
    if not targets:
        return []
    first, last = month_range(month)
    through = min(last, max(first, filters.end))
    # every segment filter kept (channel ... and where), comparison off
    window = replace(filters, start=first, end=through, preset="custom", compare=False)
    actual = key_numbers(engine, filters=window)
    elapsed = ((through - first).days + 1) / ((last - first).days + 1)
    rows = []
    for key, (kind, adds_up) in KEY_METRICS.items():
        if key not in targets:
            continue
        value = actual[key]
        target = targets[key]
        rows.append(
            TargetProgress(
                metric=key,
                kind=kind,
                month=month,
                target=target,
                actual=None if value is None else float(value),
                progress=None if value is None or not target else float(value) / target,
                pace=elapsed if adds_up == "sum" else None,
                through=through,
            )
        )
    return rows


# --------------------------------------------------------------------------- report


def build_report(engine: Engine, *, filters: Filters, period: str = "day") -> dict:
    """The Overview's numbers, JSON-ready (``opsdash report overview --json``):
    ``metrics`` {key: {"value", "previous", "change", "kind"}} (definitions in the module
    docstring), ``previous_start``/``previous_end``, ``trend`` (daily rows), ``targets``
    (progress rows for the month of the end day)."""
    previous = filters.previous()
    metrics = overview_metrics(engine, filters=filters)
    trend = trend_series(engine, filters=filters)
    return {
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "previous_start": previous.start.isoformat(),
        "previous_end": previous.end.isoformat(),
        "metrics": {
            item.key: {
                "value": json_value(item.value),
                "previous": json_value(item.previous),
                "change": json_value(item.change),
                "kind": item.kind,
            }
            for item in metrics
        },
        "trend": [
            {key: json_value(value) for key, value in row.items()}
            for row in trend.to_dict(orient="records")
        ],
        "targets": [
            {key: json_value(value) for key, value in asdict(row).items()}
            for row in target_progress(engine, filters=filters)
        ],
    }
