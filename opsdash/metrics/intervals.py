"""Interval analysis (间隔分析): time from event A to the next event B, per user.

Definition (the Paths page's help text says the same): for each user matching the segment
filters with an A event dated in [start, end], their first such A; the interval is the time to
their next B event after it (strictly later; when A and B are the same event, its next
occurrence), dated up to ``end``. Users without such a B are counted (``users`` minus
``users_with_next``) but have no interval. Percentiles P10/P25/P50/P75/P90 are linear
interpolations (numpy's default) of the users' intervals in seconds; the histogram counts
users per fixed bucket (< 1 min, 1–5 min, ... > 30 days)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records, json_value
from opsdash.metrics.sql import seconds_between, segment_condition
from opsdash.models import Event

EVENTS = Event.__table__
PERCENTILES = (10, 25, 50, 75, 90)
# bucket lower bounds in seconds; the last bucket is open-ended
BUCKETS = (0, 60, 300, 1800, 3600, 6 * 3600, 86400, 3 * 86400, 7 * 86400, 30 * 86400)
BUCKET_KEYS = (
    "lt_1m",
    "1m_5m",
    "5m_30m",
    "30m_1h",
    "1h_6h",
    "6h_1d",
    "1d_3d",
    "3d_7d",
    "7d_30d",
    "gt_30d",
)


@dataclass(frozen=True)
class IntervalResult:
    """``users``: users with an A event in the range; ``users_with_next``: those with a later
    B; ``percentiles``: {"p10": seconds, ...} (None when nobody has a B); ``histogram``:
    columns ``bucket`` (a key of :data:`BUCKET_KEYS`), ``lower_seconds``, ``users``,
    ``share`` (of users_with_next)."""

    from_event: str
    to_event: str
    users: int
    users_with_next: int
    percentiles: dict[str, float | None]
    histogram: pd.DataFrame

    def to_json(self) -> dict:
        return {
            "from_event": self.from_event,
            "to_event": self.to_event,
            "users": self.users,
            "users_with_next": self.users_with_next,
            "percentiles": {k: json_value(v) for k, v in self.percentiles.items()},
            "histogram": json_records(self.histogram),
        }


def user_intervals(
    engine: Engine, *, filters: Filters, from_event: str, to_event: str
) -> pd.DataFrame:
    """One row per user with an A event in the range: ``user_id``, ``seconds`` (to the next
    B; NaN when there is none)."""
    conditions = [EVENTS.c.event_date >= filters.start, EVENTS.c.event_date <= filters.end]
    segment = segment_condition(EVENTS.c.user_id, filters)
    if segment is not None:
        conditions.append(segment)
    first = (
        sa.select(EVENTS.c.user_id.label("user_id"), sa.func.min(EVENTS.c.event_at).label("t"))
        .where(*conditions, EVENTS.c.event == from_event)
        .group_by(EVENTS.c.user_id)
        .cte("interval_first")
    )
    later = sa.alias(EVENTS, "b")
    following = (
        sa.select(later.c.user_id, sa.func.min(later.c.event_at).label("t_next"))
        .select_from(first.join(later, later.c.user_id == first.c.user_id))
        .where(
            later.c.event == to_event,
            later.c.event_at > first.c.t,
            later.c.event_date <= filters.end,
        )
        .group_by(later.c.user_id)
        .cte("interval_next")
    )
    statement = sa.select(
        first.c.user_id, seconds_between(first.c.t, following.c.t_next).label("seconds")
    ).select_from(first.outerjoin(following, following.c.user_id == first.c.user_id))
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(statement).fetchall()]
    frame = pd.DataFrame.from_records(rows, columns=["user_id", "seconds"])
    frame["seconds"] = pd.to_numeric(frame["seconds"], errors="coerce").astype(float).round(3)
    return frame.sort_values("user_id", ignore_index=True)


def intervals(
    engine: Engine, *, filters: Filters, from_event: str, to_event: str
) -> IntervalResult:
    """The :class:`IntervalResult` of A = ``from_event`` → B = ``to_event`` (see the module
    docstring for the definition)."""
    frame = user_intervals(engine, filters=filters, from_event=from_event, to_event=to_event)
    seconds = frame["seconds"].dropna().to_numpy()
    percentiles = {
        f"p{p}": (round(float(np.percentile(seconds, p)), 3) if len(seconds) else None)
        for p in PERCENTILES
    }
    index = np.searchsorted(np.array(BUCKETS[1:]), seconds, side="right")
    counts = (
        np.bincount(index, minlength=len(BUCKETS)) if len(seconds) else np.zeros(len(BUCKETS), int)
    )
    histogram = pd.DataFrame(
        {
            "bucket": list(BUCKET_KEYS),
            "lower_seconds": list(BUCKETS),
            "users": [int(n) for n in counts],
            "share": [(int(n) / len(seconds)) if len(seconds) else None for n in counts],
        }
    )
    return IntervalResult(
        from_event=from_event,
        to_event=to_event,
        users=len(frame),
        users_with_next=len(seconds),
        percentiles=percentiles,
        histogram=histogram,
    )


def build_report(
    engine: Engine,
    *,
    filters: Filters,
    period: str = "day",
    from_event: str | None = None,
    to_event: str | None = None,
) -> dict:
    """``opsdash report intervals --from-event A --to-event B --json``: ``start``, ``end``,
    ``from_event``, ``to_event``, ``users``, ``users_with_next``, ``percentiles`` {p10, p25,
    p50, p75, p90} (seconds) and ``histogram`` [{bucket, lower_seconds, users, share}].
    ``period`` is ignored (a common report argument)."""
    from opsdash.errors import UserError

    if not from_event or not to_event:
        raise UserError("report intervals needs --from-event A and --to-event B")
    result = intervals(engine, filters=filters, from_event=from_event, to_event=to_event)
    return {"start": filters.start.isoformat(), "end": filters.end.isoformat(), **result.to_json()}
