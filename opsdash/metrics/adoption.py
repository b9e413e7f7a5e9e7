"""Feature adoption (新功能冷启动): how a new feature, stood for by one event, is taken up.

Definition (the Users page's help text says the same):

- **Launch day** ``L``: the day given, or else the day of the event's first occurrence in the
  whole store (no filters). The analysis runs from ``L`` to the range's end day (the range's
  start is not used: adoption counts from launch); only users matching the segment filters
  count.
- **First use** of a user: the day of their first feature event dated in [L, end] (uses
  before a given launch day, e.g. a beta, are not looked at). **Adopters**: users with a
  first use.
- **Active**: a user is active on a day with any event that ``event_date``.
- **Daily** (one row per day of [L, end]): ``active_users`` (DAU), ``feature_users`` (users
  with the feature event that day), ``new_adopters`` (first use that day),
  ``cumulative_adopters`` (first use on or before the day), ``cumulative_active`` (users
  active on any day from L to the day), ``adoption_rate`` = cumulative_adopters /
  cumulative_active.
- **Retention after first use** (day N = 1, 7, 14, 30, exact day like Amplitude's N-day
  retention and PostHog's "first time" retention with "any event" as the return): an
  adopter is retained on day N when active on first use + N. Only days N that are on or
  before the last data day of the store count (returns are observed up to it, also past
  the range's end), so ``adopters`` shrinks for larger N.
- **Non-adopters, matched on the same days**: on each day d of [L, end], the users active
  on d who had not used the feature on or before d ("not yet adopted": a later adopter is a
  non-adopter until their first use, so nobody is judged by their future); their day-N
  retention on d is the share active on d + N. The non-adopters' rate is the average of
  these day rates weighted by the number of adopters whose first use is d, so both groups
  are compared on the same calendar days (a weekday mix or a campaign hits both alike).
  Amplitude and PostHog compare cohorts without this matching (adopters vs "everyone
  else" over the whole window); the matching removes the calendar effect, not the
  self-selection of adopters (heavier users adopt first), which the page's help says.
- **By channel and platform** (users table fields, ``(unknown)`` when empty): adopters,
  users active since launch, and their adoption rate.

Everything is aggregated in the database (bound parameters, same SQL on SQLite and
PostgreSQL); at most one row per day, day and N, or segment value comes back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.jsonready import json_records
from opsdash.metrics.sql import days_after, segment_condition
from opsdash.metrics.users import ACTIVITY_DAYS, EVENTS, UNKNOWN, USERS, _read, last_data_day
from opsdash.timeutil import as_date

RETENTION_DAYS = (1, 7, 14, 30)
DIMENSIONS = ("channel", "platform")
DAILY_COLUMNS = [
    "day",
    "active_users",
    "feature_users",
    "new_adopters",
    "cumulative_adopters",
    "cumulative_active",
    "adoption_rate",
]
RETENTION_COLUMNS = [
    "day_n",
    "adopters",
    "adopters_retained",
    "adopter_rate",
    "non_adopter_days",
    "non_adopter_rate",
    "difference",
]
SEGMENT_COLUMNS = ["dimension", "value", "adopters", "active_users", "adoption_rate", "share"]


@dataclass(frozen=True)
class AdoptionResult:
    """The adoption of ``event`` from ``launch`` to ``end`` (see the module docstring).

    ``launch_given``: whether the launch day was given (else: the first occurrence);
    ``as_of``: last data day (retention returns are observed up to it); ``adopters``,
    ``active_users`` (since launch), ``adoption_rate``; ``daily`` (:data:`DAILY_COLUMNS`),
    ``retention`` (:data:`RETENTION_COLUMNS`, one row per N of :data:`RETENTION_DAYS`;
    rates None when no adopter has reached day N), ``by_segment``
    (:data:`SEGMENT_COLUMNS`: share = of the dimension's adopters)."""

    event: str
    launch: dt.date
    launch_given: bool
    end: dt.date
    as_of: dt.date | None
    adopters: int
    active_users: int
    adoption_rate: float | None
    daily: pd.DataFrame
    retention: pd.DataFrame
    by_segment: pd.DataFrame

    def to_json(self) -> dict:
        """The ``opsdash report adoption --json`` payload (without start/end)."""
        return {
            "event": self.event,
            "launch": self.launch.isoformat(),
            "launch_given": self.launch_given,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "adopters": self.adopters,
            "active_users": self.active_users,
            "adoption_rate": self.adoption_rate,
            "daily": json_records(self.daily),
            "retention": json_records(self.retention),
            "by_segment": json_records(self.by_segment),
        }


def _ratio(numerator: float, denominator: float) -> float | None:
    return float(numerator) / float(denominator) if denominator else None


def first_occurrence(engine: Engine, event: str) -> dt.date | None:
    """The day of ``event``'s first occurrence in the store (no filters); None if never."""
    with engine.connect() as conn:
        return as_date(
            conn.execute(
                sa.select(sa.func.min(EVENTS.c.event_date)).where(EVENTS.c.event == event)
            ).scalar()
        )


def _segment(column, filters: Filters) -> list:
    condition = segment_condition(column, filters)
    return [] if condition is None else [condition]


def _offsets() -> sa.Subquery:
    """SQL: one row per N of :data:`RETENTION_DAYS` (column ``n``)."""
    selects = [sa.select(sa.cast(sa.literal(n), sa.Integer).label("n")) for n in RETENTION_DAYS]
    return sa.union_all(*selects).subquery("offsets")


def adoption(
    engine: Engine, *, filters: Filters, event: str, launch: dt.date | None = None
) -> AdoptionResult:
    """The :class:`AdoptionResult` of the feature ``event`` launched on ``launch`` (default:
    its first occurrence). UserError (codes ``adoption_no_event``, ``adoption_launch``) when
    the event never occurs or the launch day is after the range's end."""
    launch_given = launch is not None
    if launch is None:
        launch = first_occurrence(engine, event)
        if launch is None:
            raise UserError(
                f"no event named {event!r} in the store",
                code="adoption_no_event",
                values={"event": event},
            )
    end = filters.end
    if launch > end:
        raise UserError(
            f"the launch day {launch} is after the range's end {end}",
            code="adoption_launch",
            values={"launch": launch.isoformat(), "end": end.isoformat()},
        )
    as_of = last_data_day(engine)
    days = ACTIVITY_DAYS.c
    first_use = (
        sa.select(EVENTS.c.user_id.label("user_id"), sa.func.min(EVENTS.c.event_date).label("d"))
        .where(
            EVENTS.c.event == event,
            EVENTS.c.event_date >= launch,
            EVENTS.c.event_date <= end,
            *_segment(EVENTS.c.user_id, filters),
        )
        .group_by(EVENTS.c.user_id)
        .cte("first_use")
    )
    in_window = [
        days.activity_date >= launch,
        days.activity_date <= end,
        *_segment(days.user_id, filters),
    ]
    first_active = (
        sa.select(days.user_id.label("user_id"), sa.func.min(days.activity_date).label("d"))
        .where(*in_window)
        .group_by(days.user_id)
        .cte("first_active")
    )
    new_adopters = _read(
        engine,
        sa.select(first_use.c.d.label("day"), sa.func.count().label("n")).group_by(first_use.c.d),
    )
    newly_active = _read(
        engine,
        sa.select(first_active.c.d.label("day"), sa.func.count().label("n")).group_by(
            first_active.c.d
        ),
    )
    dau = _read(
        engine,
        sa.select(days.activity_date.label("day"), sa.func.count().label("n"))
        .where(*in_window)
        .group_by(days.activity_date),
    )
    feature = _read(
        engine,
        sa.select(
            EVENTS.c.event_date.label("day"),
            sa.func.count(sa.distinct(EVENTS.c.user_id)).label("n"),
        )
        .where(
            EVENTS.c.event == event,
            EVENTS.c.event_date >= launch,
            EVENTS.c.event_date <= end,
            *_segment(EVENTS.c.user_id, filters),
        )
        .group_by(EVENTS.c.event_date),
    )
    daily = _daily(launch, end, dau=dau, feature=feature, new=new_adopters, active=newly_active)
    retention = _retention(
        engine, first_use=first_use, in_window=in_window, new_adopters=new_adopters, as_of=as_of
    )
    adopters = int(new_adopters["n"].sum()) if len(new_adopters) else 0
    active = int(newly_active["n"].sum()) if len(newly_active) else 0
    return AdoptionResult(
        event=event,
        launch=launch,
        launch_given=launch_given,
        end=end,
        as_of=as_of,
        adopters=adopters,
        active_users=active,
        adoption_rate=_ratio(adopters, active),
        daily=daily,
        retention=retention,
        by_segment=_by_segment(engine, first_use=first_use, first_active=first_active),
    )


def _counts(frame: pd.DataFrame) -> dict[dt.date, int]:
    if frame.empty:
        return {}
    return dict(zip(frame["day"].map(as_date), frame["n"].astype(int), strict=True))


def _daily(launch, end, *, dau, feature, new, active) -> pd.DataFrame:
    days = list(pd.date_range(launch, end, freq="D").date)
    dau, feature, new, active = (_counts(f) for f in (dau, feature, new, active))
    frame = pd.DataFrame(
        {
            "day": days,
            "active_users": [dau.get(d, 0) for d in days],
            "feature_users": [feature.get(d, 0) for d in days],
            "new_adopters": [new.get(d, 0) for d in days],
        }
    )
    frame["cumulative_adopters"] = frame["new_adopters"].cumsum()
    frame["cumulative_active"] = pd.Series([active.get(d, 0) for d in days]).cumsum()
    frame["adoption_rate"] = [
        _ratio(a, b)
        for a, b in zip(frame["cumulative_adopters"], frame["cumulative_active"], strict=True)
    ]
    return frame[DAILY_COLUMNS]


def _returns(engine, base) -> pd.DataFrame:
    """Per day ``d`` of ``base`` (rows ``user_id``, ``d``) and N of :data:`RETENTION_DAYS`:
    ``users`` of those rows active on d + N (columns ``day``, ``n``, ``users``)."""
    offsets = _offsets()
    later = sa.alias(ACTIVITY_DAYS, "later")
    return _read(
        engine,
        sa.select(base.c.d.label("day"), offsets.c.n, sa.func.count().label("users"))
        .select_from(
            base.join(offsets, sa.true()).join(
                later,
                sa.and_(
                    later.c.user_id == base.c.user_id,
                    later.c.activity_date == days_after(base.c.d, offsets.c.n),
                ),
            )
        )
        .group_by(base.c.d, offsets.c.n),
    )


def _retention(engine, *, first_use, in_window, new_adopters, as_of) -> pd.DataFrame:
    """Adopters' day-N retention from first use, and non-adopters' matched on the same days."""
    days = ACTIVITY_DAYS.c
    adopters_back = _returns(engine, first_use)
    # user-days of users who had not used the feature on or before that day
    not_yet = (
        sa.select(days.user_id.label("user_id"), days.activity_date.label("d"))
        .select_from(
            ACTIVITY_DAYS.outerjoin(
                first_use,
                sa.and_(first_use.c.user_id == days.user_id, first_use.c.d <= days.activity_date),
            )
        )
        .where(*in_window, first_use.c.user_id.is_(None))
        .cte("not_yet")
    )
    non_base = _read(
        engine,
        sa.select(not_yet.c.d.label("day"), sa.func.count().label("n")).group_by(not_yet.c.d),
    )
    non_back = _returns(engine, not_yet)
    adopters_by_day = _counts(new_adopters)
    non_by_day = _counts(non_base)

    def back(frame: pd.DataFrame) -> dict[tuple[dt.date, int], int]:
        if frame.empty:
            return {}
        keys = zip(frame["day"].map(as_date), frame["n"].astype(int), strict=True)
        return dict(zip(keys, frame["users"].astype(int), strict=True))

    adopters_back, non_back = back(adopters_back), back(non_back)
    rows = []
    for n in RETENTION_DAYS:
        reached = [
            d
            for d in sorted(adopters_by_day)
            if as_of is not None and d + dt.timedelta(days=n) <= as_of
        ]
        size = sum(adopters_by_day[d] for d in reached)
        retained = sum(adopters_back.get((d, n), 0) for d in reached)
        matched = [d for d in reached if non_by_day.get(d)]
        weight = sum(adopters_by_day[d] for d in matched)
        non_rate = (
            sum(adopters_by_day[d] * non_back.get((d, n), 0) / non_by_day[d] for d in matched)
            / weight
            if weight
            else None
        )
        rate = _ratio(retained, size)
        rows.append(
            {
                "day_n": n,
                "adopters": size,
                "adopters_retained": retained,
                "adopter_rate": rate,
                "non_adopter_days": sum(non_by_day[d] for d in matched),
                "non_adopter_rate": non_rate,
                "difference": rate - non_rate
                if rate is not None and non_rate is not None
                else None,
            }
        )
    return pd.DataFrame(rows, columns=RETENTION_COLUMNS)


def _by_segment(engine, *, first_use, first_active) -> pd.DataFrame:
    rows = []
    for name in DIMENSIONS:
        column = USERS.c[name]
        counts: dict[str, dict[str, int]] = {}
        for key, source in (("adopters", first_use), ("active_users", first_active)):
            frame = _read(
                engine,
                sa.select(column.label("value"), sa.func.count().label("n"))
                .select_from(source.outerjoin(USERS, USERS.c.user_id == source.c.user_id))
                .group_by(column),
            )
            merged: dict[str, int] = {}
            for label, n in zip(frame["value"], frame["n"].astype(int), strict=True):
                label = UNKNOWN if label is None or pd.isna(label) or label == "" else str(label)
                merged[label] = merged.get(label, 0) + int(n)
            counts[key] = merged
        total = sum(counts["adopters"].values())
        for label in sorted(
            counts["active_users"], key=lambda v: (-counts["adopters"].get(v, 0), v)
        ):
            adopters = counts["adopters"].get(label, 0)
            active = counts["active_users"][label]
            rows.append(
                {
                    "dimension": name,
                    "value": label,
                    "adopters": adopters,
                    "active_users": active,
                    "adoption_rate": _ratio(adopters, active),
                    "share": _ratio(adopters, total),
                }
            )
    return pd.DataFrame(rows, columns=SEGMENT_COLUMNS)


def build_report(
    engine: Engine,
    *,
    filters: Filters,
    period: str = "day",
    event: str | None = None,
    launch: dt.date | None = None,
) -> dict:
    """``opsdash report adoption --event E [--launch YYYY-MM-DD] --json``: ``start``, ``end``,
    ``event``, ``launch``, ``launch_given``, ``as_of``, ``adopters``, ``active_users``,
    ``adoption_rate``, ``daily`` [{day, active_users, feature_users, new_adopters,
    cumulative_adopters, cumulative_active, adoption_rate}], ``retention`` [{day_n,
    adopters, adopters_retained, adopter_rate, non_adopter_days, non_adopter_rate,
    difference}], ``by_segment`` [{dimension, value, adopters, active_users,
    adoption_rate, share}]. ``period`` is ignored (a common report argument)."""
    if not event:
        raise UserError("report adoption needs --event E", code="adoption_no_event_given")
    result = adoption(engine, filters=filters, event=event, launch=launch)
    return {"start": filters.start.isoformat(), "end": filters.end.isoformat(), **result.to_json()}
