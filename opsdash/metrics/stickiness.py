"""Stickiness distribution (粘性分布, PostHog stickiness): users by the exact number of days
they were active in the last 7 and the last 30 days.

Definition (the Users page's help text says the same): the windows are the 7 and the 30
calendar days ending on the range's end day (the WAU and MAU windows of
:func:`opsdash.metrics.users.activity_summary`, so each distribution adds up to WAU and
MAU). A user is active on a day with at least one event that ``event_date`` (or one of the
chosen events); only users matching the segment filters count. Per window and number of
days d = 1..window: ``users`` active on exactly d of its days, ``share`` of the window's
active users, ``at_least`` (users active on d days or more)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records
from opsdash.metrics.users import MAU_DAYS, WAU_DAYS, _activity_conditions, _read, _source

WINDOWS = (WAU_DAYS, MAU_DAYS)
COLUMNS = ["window_days", "window_start", "days", "users", "share", "at_least"]


def stickiness_distribution(
    engine: Engine, *, filters: Filters, events: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """One row per window (7, 30) and number of active days (1..window): ``window_days``,
    ``window_start`` (first day; the window ends on ``filters.end``), ``days``, ``users``,
    ``share`` (of the window's active users; None when nobody was active), ``at_least``."""
    rows = []
    for window in WINDOWS:
        start = filters.end - dt.timedelta(days=window - 1)
        source = _source(events)
        per_user = (
            sa.select(
                source.user_id.label("user_id"),
                sa.func.count(sa.distinct(source.day)).label("days"),
            )
            .where(
                *_activity_conditions(source, filters, start=start, end=filters.end, events=events)
            )
            .group_by(source.user_id)
            .subquery("active_days")
        )
        frame = _read(
            engine,
            sa.select(per_user.c.days, sa.func.count().label("users")).group_by(per_user.c.days),
        )
        counts = dict(zip(frame["days"].astype(int), frame["users"].astype(int), strict=True))
        total = sum(counts.values())
        at_least = total
        for days in range(1, window + 1):
            users = counts.get(days, 0)
            rows.append(
                {
                    "window_days": window,
                    "window_start": start,
                    "days": days,
                    "users": users,
                    "share": users / total if total else None,
                    "at_least": at_least,
                }
            )
            at_least -= users
    return pd.DataFrame(rows, columns=COLUMNS)


def stickiness_report(engine: Engine, *, filters: Filters) -> list[dict]:
    """``stickiness_distribution`` of the users report (any event), JSON-ready."""
    return json_records(stickiness_distribution(engine, filters=filters))
