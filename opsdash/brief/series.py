"""The numbers behind the brief, read through the metrics modules (SQL pushed down).

- :func:`daily_series`: one value per day of each brief metric, from the same functions the
  pages use (so the brief's numbers are the pages' numbers): new users =
  :func:`opsdash.metrics.users.new_users_by_period`, DAU =
  :func:`opsdash.metrics.users.daily_active_users`, paying users / orders / net revenue =
  :func:`opsdash.metrics.revenue.revenue_over_time`, content views =
  :func:`opsdash.metrics.content.content_series`; paying rate = paying users / DAU; key
  funnel conversion = :func:`opsdash.metrics.users.funnel_conversion_by_day` of the key
  funnel (:mod:`opsdash.brief.funnel`; the metric is absent without one).
- :func:`segment_values`: the same numbers per (day, segment value) of one dimension, for the
  drivers, grouped in SQL with the metric modules' own row conditions. User metrics split by
  a users column (channel, platform, region, level) or a user property; content views by a
  column of the content item (category, format, author, channel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.brief.funnel import key_funnel
from opsdash.filters import Filters
from opsdash.metrics import content as content_metrics
from opsdash.metrics import revenue as revenue_metrics
from opsdash.metrics import users as user_metrics
from opsdash.metrics.sql import USER_FILTER_COLUMNS, segment_condition, user_dimension
from opsdash.models import Content, ContentStat, Event, OrderLine, User, UserActivityDay
from opsdash.store.properties import property_keys
from opsdash.timeutil import as_date

USERS = User.__table__
ACTIVITY = UserActivityDay.__table__
ORDERS = OrderLine.__table__
STATS = ContentStat.__table__
CONTENTS = Content.__table__
EVENTS = Event.__table__

METRICS = (
    "new_users",
    "dau",
    "paying_users",
    "orders",
    "revenue",
    "content_views",
    "paying_rate",
    "funnel_conversion",
)
"""The brief's metrics, in display order."""
KINDS = {
    "new_users": "number",
    "dau": "number",
    "paying_users": "number",
    "orders": "number",
    "revenue": "money",
    "content_views": "number",
    "paying_rate": "percent",
    "funnel_conversion": "percent",
}
COUNTS = {"new_users", "dau", "paying_users", "orders", "content_views"}
"""Metrics that count things (the detector's √expected floor applies)."""
RATES = {"paying_rate", "funnel_conversion"}
"""Rate metrics: unknown (not 0) on a day without a denominator; drivers split mix and rate."""
CONTENT_DIMENSIONS = ("category", "format", "author", "channel")


def first_days(engine: Engine) -> dict[str, dt.date | None]:
    """The first day with data of each metric's source (days before it are unknown, not
    zeros): signups, activity, counted order lines, content stats."""
    counted = revenue_metrics._counted_line()
    queries = {
        "new_users": sa.select(sa.func.min(USERS.c.signup_date)),
        "dau": sa.select(sa.func.min(ACTIVITY.c.activity_date)),
        "orders": sa.select(sa.func.min(ORDERS.c.paid_date)).where(counted),
        "content_views": sa.select(sa.func.min(STATS.c.date)),
    }
    with engine.connect() as conn:
        found = {key: as_date(conn.execute(query).scalar()) for key, query in queries.items()}
    found["paying_users"] = found["revenue"] = found["orders"]
    both = [found["dau"], found["orders"]]
    found["paying_rate"] = max(both) if all(both) else None
    steps = key_funnel(engine)
    found["funnel_conversion"] = None
    if steps:
        query = sa.select(sa.func.min(EVENTS.c.event_date)).where(EVENTS.c.event == steps[0])
        with engine.connect() as conn:
            found["funnel_conversion"] = as_date(conn.execute(query).scalar())
    return found


def daily_series(engine: Engine, *, filters: Filters) -> pd.DataFrame:
    """One row per day of [start, end]: ``day`` and each metric of :data:`METRICS` (segment
    filters kept; the paying rate is None on a day without active users)."""
    window = replace(filters, preset="custom", compare=False)
    days = list(pd.date_range(filters.start, filters.end, freq="D").date)
    frame = pd.DataFrame({"day": days})
    signups = user_metrics.new_users_by_period(engine, filters=window, period="day")
    per_day = signups.groupby("period")["new_users"].sum().to_dict() if len(signups) else {}
    frame["new_users"] = [float(per_day.get(day, 0)) for day in days]
    frame["dau"] = user_metrics.daily_active_users(engine, filters=window)["dau"].astype(float)
    sales = revenue_metrics.revenue_over_time(engine, filters=window, period="day")
    sales = sales.set_index("period_start")
    for name in ("paying_users", "orders", "revenue"):
        frame[name] = [float(sales[name].get(day, 0.0)) for day in days]
    views = content_metrics.content_series(engine, filters=window, period="day")
    by_day = dict(zip(views["period_start"], views["views"], strict=True)) if len(views) else {}
    frame["content_views"] = [float(by_day.get(day, 0)) for day in days]
    frame["paying_rate"] = [
        payers / active if active else None
        for payers, active in zip(frame["paying_users"], frame["dau"], strict=True)
    ]
    steps = key_funnel(engine)
    rates: dict = {}
    if steps:
        funnel = user_metrics.funnel_conversion_by_day(engine, filters=window, steps=steps)
        rates = {
            day: converted / entered
            for day, entered, converted in zip(
                funnel["day"], funnel["entered"], funnel["converted"], strict=True
            )
            if entered
        }
    frame["funnel_conversion"] = [rates.get(day) for day in days]
    return frame


def dimensions(engine: Engine, metric: str) -> list[str]:
    """The dimensions a metric's drivers are sought in: users columns and user properties
    for user metrics, content item columns for content views."""
    if metric == "content_views":
        return list(CONTENT_DIMENSIONS)
    return [*USER_FILTER_COLUMNS, *property_keys(engine, "users")]


def _clean(value: object) -> object:
    return None if value is None or value == "" else value


def segment_values(
    engine: Engine, *, metric: str, dimension: str, days: Sequence[dt.date], filters: Filters
) -> dict[dt.date, dict[object, object]]:
    """``{day: {segment value: number}}`` of ``metric`` split by ``dimension`` on ``days``
    (None = not in the data: no users row, guest orders, empty value). For ``paying_rate``
    the number is (paying users, active users), for ``funnel_conversion`` (converted,
    entered)."""
    if metric == "funnel_conversion":
        steps = key_funnel(engine)
        result: dict[dt.date, dict[object, object]] = {day: {} for day in days}
        if not steps:
            return result
        funnel = user_metrics.funnel_conversion_by_day(
            engine, filters=filters, steps=steps, dimension=dimension, days=tuple(days)
        )
        for day, segment, entered, converted in funnel[
            ["day", "segment", "entered", "converted"]
        ].itertuples(index=False):
            bucket = result.setdefault(day, {})
            num, den = bucket.get(segment, (0.0, 0.0))
            bucket[segment] = (num + float(converted), den + float(entered))
        return result
    if metric == "paying_rate":
        payers = segment_values(
            engine, metric="paying_users", dimension=dimension, days=days, filters=filters
        )
        active = segment_values(
            engine, metric="dau", dimension=dimension, days=days, filters=filters
        )
        return {
            day: {
                key: (float(payers.get(day, {}).get(key, 0.0)), float(count))
                for key, count in active.get(day, {}).items()
            }
            for day in days
        }
    days = list(days)
    if metric == "content_views":
        inc = content_metrics._increments(since=min(days), until=max(days))
        key = CONTENTS.c[dimension]
        query = (
            sa.select(inc.c.date, key, sa.func.sum(inc.c.views))
            .select_from(inc.outerjoin(CONTENTS, CONTENTS.c.content_id == inc.c.content_id))
            .where(inc.c.date.in_(days))
            .group_by(inc.c.date, key)
        )
    else:
        key = user_dimension(dimension)
        if metric == "new_users":
            day = USERS.c.signup_date
            query = sa.select(day, key, sa.func.count()).where(
                day.in_(days), *user_metrics._user_conditions(filters)
            )
        elif metric == "dau":
            day = ACTIVITY.c.activity_date
            query = sa.select(day, key, sa.func.count(sa.distinct(ACTIVITY.c.user_id)))
            query = query.select_from(
                ACTIVITY.outerjoin(USERS, USERS.c.user_id == ACTIVITY.c.user_id)
            ).where(day.in_(days))
            segment = segment_condition(ACTIVITY.c.user_id, filters)
            if segment is not None:
                query = query.where(segment)
        else:
            day = ORDERS.c.paid_date
            measure = {
                "revenue": sa.func.sum(revenue_metrics._NET),
                "orders": sa.func.count(sa.distinct(ORDERS.c.order_id)),
                "paying_users": sa.func.count(sa.distinct(revenue_metrics._USER)),
            }[metric]
            query = (
                sa.select(day, key, measure)
                .select_from(ORDERS.outerjoin(USERS, USERS.c.user_id == ORDERS.c.user_id))
                .where(day.in_(days), *revenue_metrics._line_conditions(filters))
            )
        query = query.group_by(day, key)
    result: dict[dt.date, dict[object, object]] = {day: {} for day in days}
    with engine.connect() as conn:
        for when, value, number in conn.execute(query).all():
            bucket = result.setdefault(as_date(when), {})
            value = _clean(value)
            bucket[value] = float(bucket.get(value, 0.0)) + float(number or 0)
    return result
