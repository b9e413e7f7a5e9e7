"""User metrics: acquisition (拉新), activity (促活), retention (留存), lifecycle, funnels (转化)
and user tiers (用户体系).

Conventions shared by every function here (the UI help text says the same):

- Days are the ``*_date`` columns (calendar days in the reporting timezone); weeks start on
  Monday; months are calendar months. ``filters.start``/``filters.end`` are inclusive.
- **Active**: a user is active on a day when they have at least one event (row of ``events``)
  on that ``event_date``; ``events=("a", "b")`` narrows "active" to those event names. Events
  dated before the user's signup count as activity (the user did something that day).
- **Segments** (channel/platform/region) are attributes of the users table: only events,
  signups and orders of matching users count.
- **Last data day** (``as_of``): the latest ``event_date`` in the whole store (no filters).
  Retention counts returns up to it, and a cohort has *reached* period N when the first day of
  its period N is on or before it; unreached cells are ``None`` (blank), never 0.
- **Retention returns** are events on or after the cohort day (signup day, or the day of the
  first chosen cohort event). Events before signup never count as a return, not even in
  period 0.
- Rates with a zero denominator are ``None``.
- "Any event" activity is read from the ``user_activity_days`` rollup (one row per user and
  active day, rebuilt from ``events`` inside every write: :mod:`opsdash.store.rollups`); the
  numbers are those of the events table, only faster. Chosen events read ``events``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.metrics import revenue as revenue_metrics
from opsdash.metrics.sql import (
    Period,
    days_between,
    period_start,
    seconds_between,
    segment_condition,
    user_dimension,
    user_filter_conditions,
)
from opsdash.models import Event, EventDay, OrderLine, User, UserActivityDay
from opsdash.timeutil import as_date

EVENTS = Event.__table__
ACTIVITY_DAYS = UserActivityDay.__table__
EVENT_DAYS = EventDay.__table__
USERS = User.__table__
ORDERS = OrderLine.__table__
UNKNOWN = "(unknown)"
MAU_DAYS = 30
WAU_DAYS = 7
RetentionMode = Literal["on", "on_or_after"]
Breakdown = Literal["channel", "platform"]
MAX_FUNNEL_STEPS = 6


# --------------------------------------------------------------------------- small helpers


def period_floor(day: dt.date, period: Period) -> dt.date:
    """The first day of ``day``'s period (the day, the Monday of its week, its month's 1st)."""
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}")


def period_number(day: dt.date, period: Period) -> int:
    """A running number of ``day``'s period: consecutive periods get consecutive numbers."""
    if period == "day":
        return day.toordinal()
    if period == "week":
        return (day.toordinal() - 1) // 7  # ordinal 1 (0001-01-01) is a Monday
    return day.year * 12 + day.month - 1


def period_from_number(number: int, period: Period) -> dt.date:
    """The first day of the period with running number ``number`` (inverse of period_number)."""
    if period == "day":
        return dt.date.fromordinal(number)
    if period == "week":
        return dt.date.fromordinal(number * 7 + 1)
    return dt.date(number // 12, number % 12 + 1, 1)


def _periods(start: dt.date, end: dt.date, period: Period) -> list[dt.date]:
    first, last = period_number(start, period), period_number(end, period)
    return [period_from_number(n, period) for n in range(first, last + 1)]


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator)


def _event_conditions(
    filters: Filters, *, start: dt.date, end: dt.date, events: tuple[str, ...] | None
) -> list:
    conditions = [EVENTS.c.event_date >= start, EVENTS.c.event_date <= end]
    if events:
        conditions.append(EVENTS.c.event.in_(events))
    segment = segment_condition(EVENTS.c.user_id, filters)
    if segment is not None:
        conditions.append(segment)
    return conditions


@dataclass(frozen=True)
class _Source:
    """Where activity is read from: the ``user_activity_days`` rollup (one row per user and
    active day, kept in step with events at write time) for "any event", else ``events``."""

    table: sa.Table
    user_id: sa.Column
    day: sa.Column


def _source(events: tuple[str, ...] | None) -> _Source:
    if events:
        return _Source(EVENTS, EVENTS.c.user_id, EVENTS.c.event_date)
    return _Source(ACTIVITY_DAYS, ACTIVITY_DAYS.c.user_id, ACTIVITY_DAYS.c.activity_date)


def _activity_conditions(
    source: _Source,
    filters: Filters,
    *,
    start: dt.date | None,
    end: dt.date | None,
    events: tuple[str, ...] | None,
) -> list:
    """Rows of ``source`` in [start, end] (either bound optional), of the chosen events,
    of users matching the segments."""
    conditions = []
    if start is not None:
        conditions.append(source.day >= start)
    if end is not None:
        conditions.append(source.day <= end)
    if events:
        conditions.append(EVENTS.c.event.in_(events))
    segment = segment_condition(source.user_id, filters)
    if segment is not None:
        conditions.append(segment)
    return conditions


def _user_conditions(filters: Filters) -> list:
    """Segment conditions on the users table itself."""
    return user_filter_conditions(filters)


def _read(engine: Engine, statement) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(statement)
        columns = list(result.keys())
        rows = [tuple(row) for row in result.fetchall()]  # plain tuples: fast for pandas
    return pd.DataFrame.from_records(rows, columns=columns)


def last_data_day(engine: Engine) -> dt.date | None:
    """The latest ``event_date`` in the store (no filters): the day retention is observed to.
    None when there are no events."""
    with engine.connect() as conn:
        return as_date(conn.execute(sa.select(sa.func.max(EVENTS.c.event_date))).scalar())


def first_data_day(engine: Engine) -> dt.date | None:
    """The earliest day with any activity in the store (no filters): averages over days start
    here, so days before the data begin are not counted as days without users. None when
    there are no events."""
    with engine.connect() as conn:
        return as_date(conn.execute(sa.select(sa.func.min(ACTIVITY_DAYS.c.activity_date))).scalar())


def event_names(engine: Engine) -> list[str]:
    """Distinct event names in the store, most frequent first (ties by name); read from the
    ``event_days`` rollup."""
    total = sa.func.sum(EVENT_DAYS.c.events)
    frame = _read(
        engine,
        sa.select(EVENT_DAYS.c.event, total.label("n"))
        .group_by(EVENT_DAYS.c.event)
        .order_by(total.desc(), EVENT_DAYS.c.event),
    )
    return frame["event"].tolist() if not frame.empty else []


# --------------------------------------------------------------------------- acquisition


def new_users(engine: Engine, *, filters: Filters) -> int:
    """New users (新增用户): users whose ``signup_date`` is in [start, end], segment-filtered."""
    statement = (
        sa.select(sa.func.count())
        .select_from(USERS)
        .where(
            USERS.c.signup_date >= filters.start,
            USERS.c.signup_date <= filters.end,
            *_user_conditions(filters),
        )
    )
    with engine.connect() as conn:
        return int(conn.execute(statement).scalar_one())


def new_users_by_period(engine: Engine, *, filters: Filters, period: Period) -> pd.DataFrame:
    """New users per period and acquisition channel: columns ``period`` (first day of the
    period), ``channel`` (``(unknown)`` when empty), ``new_users``. Only signups in [start, end]
    count, so the first and last periods may be partial. Periods without signups are absent."""
    bucket = period_start(USERS.c.signup_date, period).label("period")
    channel = sa.func.coalesce(USERS.c.channel, UNKNOWN).label("channel")
    frame = _read(
        engine,
        sa.select(bucket, channel, sa.func.count().label("new_users"))
        .where(
            USERS.c.signup_date >= filters.start,
            USERS.c.signup_date <= filters.end,
            *_user_conditions(filters),
        )
        .group_by(bucket, channel)
        .order_by(bucket, channel),
    )
    if frame.empty:
        return pd.DataFrame({"period": [], "channel": [], "new_users": []})
    frame["period"] = frame["period"].map(as_date)
    frame["new_users"] = frame["new_users"].astype(int)
    frame.loc[frame["channel"] == "", "channel"] = UNKNOWN
    return frame.groupby(["period", "channel"], as_index=False)["new_users"].sum()


def channel_quality(engine: Engine, *, filters: Filters) -> pd.DataFrame:
    """One row per acquisition channel of the users who signed up in [start, end]:

    - ``new_users``: those users;
    - ``d1``, ``d7``, ``d30``: day-N retention = users with an event exactly N days after
      their signup day / users whose signup day + N is on or before the last data day (None
      when no user of the channel has reached day N yet);
    - ``paying_users`` / ``paying_rate``: users with at least one counted order line (status
      paid or refunded, a payment day, amount > 0 — the Revenue page's definition), any date
      / new users (conversion to first purchase).
    Sorted by new users, largest first."""
    as_of = last_data_day(engine)
    channel = sa.func.coalesce(USERS.c.channel, UNKNOWN).label("channel")
    in_range = [
        USERS.c.signup_date >= filters.start,
        USERS.c.signup_date <= filters.end,
        *_user_conditions(filters),
    ]
    sizes = _read(
        engine,
        sa.select(channel, USERS.c.signup_date.label("signup_date"), sa.func.count().label("n"))
        .where(*in_range)
        .group_by(channel, USERS.c.signup_date),
    )
    columns = ["channel", "new_users", "d1", "d7", "d30", "paying_users", "paying_rate"]
    if sizes.empty:
        return pd.DataFrame({name: [] for name in columns})
    sizes["signup_date"] = sizes["signup_date"].map(as_date)
    days = ACTIVITY_DAYS.c
    offset = _day_offset(USERS.c.signup_date, days.activity_date)
    returns = _read(
        engine,
        sa.select(
            channel, offset.label("n"), sa.func.count(sa.distinct(USERS.c.user_id)).label("k")
        )
        .select_from(USERS.join(ACTIVITY_DAYS, days.user_id == USERS.c.user_id))
        .where(*in_range, days.activity_date > USERS.c.signup_date, offset.in_([1, 7, 30]))
        .group_by(channel, offset),
    )
    payers = _read(
        engine,
        sa.select(channel, sa.func.count().label("paying_users"))
        .where(
            *in_range,
            sa.exists().where(ORDERS.c.user_id == USERS.c.user_id, revenue_metrics._counted_line()),
        )
        .group_by(channel),
    )
    rows = []
    for name, group in sizes.groupby("channel"):
        row = {"channel": name, "new_users": int(group["n"].sum())}
        for n in (1, 7, 30):
            reached = (
                int(group.loc[group["signup_date"] <= as_of - dt.timedelta(days=n), "n"].sum())
                if as_of
                else 0
            )
            hit = returns[(returns["channel"] == name) & (returns["n"] == n)]["k"].sum()
            row[f"d{n}"] = _ratio(int(hit), reached)
        paid = payers.loc[payers["channel"] == name, "paying_users"].sum()
        row["paying_users"] = int(paid)
        row["paying_rate"] = _ratio(int(paid), row["new_users"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["new_users", "channel"], ascending=[False, True], ignore_index=True)


def _day_offset(start, end):
    """Whole days from ``start`` to ``end`` (dates)."""
    return days_between(start, end)


# --------------------------------------------------------------------------- activity


def daily_active_users(
    engine: Engine, *, filters: Filters, events: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """DAU (日活) for every day of [start, end]: columns ``day``, ``dau`` = distinct users
    active that day (0 on days without activity)."""
    source = _source(events)
    frame = _read(
        engine,
        sa.select(source.day.label("day"), sa.func.count(sa.distinct(source.user_id)).label("dau"))
        .where(
            *_activity_conditions(
                source, filters, start=filters.start, end=filters.end, events=events
            )
        )
        .group_by(source.day),
    )
    days = pd.date_range(filters.start, filters.end, freq="D").date
    counts = dict(zip(frame["day"].map(as_date), frame["dau"].astype(int), strict=True))
    return pd.DataFrame({"day": list(days), "dau": [counts.get(day, 0) for day in days]})


def active_users(
    engine: Engine,
    *,
    filters: Filters,
    start: dt.date,
    end: dt.date,
    events: tuple[str, ...] | None = None,
) -> int:
    """Distinct users active on any day of [start, end] (segments from ``filters``)."""
    source = _source(events)
    statement = sa.select(sa.func.count(sa.distinct(source.user_id))).where(
        *_activity_conditions(source, filters, start=start, end=end, events=events)
    )
    with engine.connect() as conn:
        return int(conn.execute(statement).scalar_one())


def active_users_by_period(
    engine: Engine, *, filters: Filters, period: Period, events: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Distinct active users per calendar period (day = DAU, week = WAU, month = MAU by
    calendar period) within [start, end]: columns ``period``, ``active_users``; the first and
    last periods only count the days inside the range."""
    source = _source(events)
    bucket = period_start(source.day, period).label("period")
    frame = _read(
        engine,
        sa.select(bucket, sa.func.count(sa.distinct(source.user_id)).label("active_users"))
        .where(
            *_activity_conditions(
                source, filters, start=filters.start, end=filters.end, events=events
            )
        )
        .group_by(bucket),
    )
    counts = dict(zip(frame["period"].map(as_date), frame["active_users"].astype(int), strict=True))
    periods = _periods(filters.start, filters.end, period)
    return pd.DataFrame({"period": periods, "active_users": [counts.get(p, 0) for p in periods]})


@dataclass(frozen=True)
class ActivitySummary:
    """Headline activity numbers for a range.

    - ``dau_average``: mean of the daily DAU over the days of [start, end] from the store's
      first day with data on (:func:`first_data_day`; days before any data exist are not days
      with 0 users); None when the range ends before the data begin;
    - ``wau``: distinct active users in the 7 days ending on ``end``;
    - ``mau``: distinct active users in the 30 days ending on ``end`` (whatever ``start`` is);
    - ``stickiness``: mean daily DAU over those same 30 days (again from the first day with
      data on) / ``mau`` (DAU/MAU, 粘性); None when mau is 0. PostHog and Amplitude average
      over the calendar days of the window, which reads low for a store whose data begin
      inside it; over the days with data the number is the one an analyst computes by hand."""

    dau_average: float | None
    wau: int
    mau: int
    stickiness: float | None


def activity_summary(
    engine: Engine, *, filters: Filters, events: tuple[str, ...] | None = None
) -> ActivitySummary:
    """The :class:`ActivitySummary` of [start, end]."""
    month_start = filters.end - dt.timedelta(days=MAU_DAYS - 1)
    first = min(filters.start, month_start)
    # every segment filter kept (channel ... and where), comparison off
    wide = replace(filters, start=first, end=filters.end, preset="custom", compare=False)
    daily = daily_active_users(engine, filters=wide, events=events)
    data_from = first_data_day(engine)
    if data_from is None:
        data_from = filters.end + dt.timedelta(days=1)  # no data: no day counts
    in_range = daily[daily["day"] >= max(filters.start, data_from)]["dau"]
    in_month = daily[daily["day"] >= max(month_start, data_from)]["dau"]
    mau = active_users(engine, filters=filters, start=month_start, end=filters.end, events=events)
    wau = active_users(
        engine,
        filters=filters,
        start=filters.end - dt.timedelta(days=WAU_DAYS - 1),
        end=filters.end,
        events=events,
    )
    return ActivitySummary(
        dau_average=float(in_range.mean()) if len(in_range) else None,
        wau=wau,
        mau=mau,
        stickiness=_ratio(float(in_month.mean()), mau) if len(in_month) else None,
    )


# --------------------------------------------------------------------------- retention


@dataclass(frozen=True)
class RetentionTable:
    """A cohort retention table.

    ``counts`` has one row per cohort (index: first day of the cohort period) and one column
    per period number 0, 1, 2, ...; a cell is the number of cohort users retained in that
    period (see :func:`retention_table` for "on" vs "on or after"), and NaN (shown blank) when
    the cohort has not reached that period by ``as_of``. ``sizes`` = users per cohort."""

    period: Period
    mode: RetentionMode
    as_of: dt.date | None
    sizes: pd.Series
    counts: pd.DataFrame
    percentages: pd.DataFrame = field(repr=False)
    average: pd.Series = field(repr=False)

    def to_records(self) -> list[dict]:
        """JSON-ready cohorts: {"cohort": "YYYY-MM-DD", "size": n, "retained": [counts for the
        reached periods 0, 1, 2, ...]}."""
        records = []
        for cohort, size in self.sizes.items():
            row = self.counts.loc[cohort]
            retained = [int(v) for v in row.tolist() if pd.notna(v)]
            records.append({"cohort": cohort.isoformat(), "size": int(size), "retained": retained})
        return records


def _cohorts(filters: Filters, cohort_event: str | None):
    """Subquery (user_id, cohort_day): signup day, or the day of the user's first
    ``cohort_event`` ever; only cohort days in [start, end]."""
    if cohort_event is None:
        return (
            sa.select(USERS.c.user_id.label("user_id"), USERS.c.signup_date.label("cohort_day"))
            .where(
                USERS.c.signup_date >= filters.start,
                USERS.c.signup_date <= filters.end,
                *_user_conditions(filters),
            )
            .subquery("cohort")
        )
    first = sa.func.min(EVENTS.c.event_date)
    conditions = [EVENTS.c.event == cohort_event]
    segment = segment_condition(EVENTS.c.user_id, filters)
    if segment is not None:
        conditions.append(segment)
    return (
        sa.select(EVENTS.c.user_id.label("user_id"), first.label("cohort_day"))
        .where(*conditions)
        .group_by(EVENTS.c.user_id)
        .having(sa.and_(first >= filters.start, first <= filters.end))
        .subquery("cohort")
    )


def retention_table(
    engine: Engine,
    *,
    filters: Filters,
    period: Period = "day",
    cohort_event: str | None = None,
    return_events: tuple[str, ...] | None = None,
    mode: RetentionMode = "on",
) -> RetentionTable:
    """Cohort retention (留存).

    - Cohort: users grouped by the period of their signup day (default) or of the day they
      first did ``cohort_event`` (ever); only cohort days in [start, end] (segment-filtered).
    - Period number of a return = number of periods from the cohort's period to the period of
      the event's day (day: days; week: Monday-weeks; month: calendar months).
    - ``mode="on"``: cell N = cohort users with at least one return event (any event, or one of
      ``return_events``) dated on or after their cohort day and falling in period N.
      ``mode="on_or_after"``: users with such an event in period N or any later period.
    - A cohort has reached period N when the first day of its period N is on or before the
      last data day (``as_of``); unreached cells are NaN.
    - ``average``: the size-weighted average curve: for each N, retained users summed over
      the cohorts that reached N / their summed sizes (share, 0..1)."""
    as_of = last_data_day(engine)
    cohort = _cohorts(filters, cohort_event)
    cohort_period = period_start(cohort.c.cohort_day, period).label("cohort_period")
    sizes_frame = _read(
        engine,
        sa.select(cohort_period, sa.func.count().label("size")).group_by(cohort_period),
    )
    source = _source(return_events)
    join_conditions = [
        source.user_id == cohort.c.user_id,
        source.day >= cohort.c.cohort_day,
        source.day >= filters.start,  # implied; lets the planner use the day index too
    ]
    if return_events:
        join_conditions.append(EVENTS.c.event.in_(return_events))
    joined = cohort.join(source.table, sa.and_(*join_conditions))
    if mode == "on":
        return_period = period_start(source.day, period).label("return_period")
        statement = (
            sa.select(
                cohort_period,
                return_period,
                sa.func.count(sa.distinct(cohort.c.user_id)).label("users"),
            )
            .select_from(joined)
            .group_by(cohort_period, return_period)
        )
    elif mode == "on_or_after":
        last = (
            sa.select(
                cohort.c.user_id,
                cohort.c.cohort_day,
                sa.func.max(source.day).label("last_day"),
            )
            .select_from(joined)
            .group_by(cohort.c.user_id, cohort.c.cohort_day)
            .subquery("last_return")
        )
        last_cohort = period_start(last.c.cohort_day, period).label("cohort_period")
        last_period = period_start(last.c.last_day, period).label("return_period")
        statement = sa.select(last_cohort, last_period, sa.func.count().label("users")).group_by(
            last_cohort, last_period
        )
    else:
        raise ValueError(f"unknown retention mode {mode!r}")
    returns = _read(engine, statement)
    return _shape_retention(sizes_frame, returns, period=period, mode=mode, as_of=as_of)


def _shape_retention(
    sizes_frame: pd.DataFrame,
    returns: pd.DataFrame,
    *,
    period: Period,
    mode: RetentionMode,
    as_of: dt.date | None,
) -> RetentionTable:
    if sizes_frame.empty:
        empty = pd.DataFrame(dtype=float)
        return RetentionTable(
            period, mode, as_of, pd.Series(dtype=int), empty, empty, pd.Series(dtype=float)
        )
    sizes = pd.Series(
        sizes_frame["size"].astype(int).tolist(),
        index=sizes_frame["cohort_period"].map(as_date).tolist(),
    ).sort_index()
    reached = {
        cohort: (period_number(as_of, period) - period_number(cohort, period) + 1 if as_of else 0)
        for cohort in sizes.index
    }
    width = max([1, *reached.values()])
    # a numpy matrix filled in one vectorised step (cell-by-cell .loc cost ~0.1 s per table)
    matrix = np.zeros((len(sizes), width))
    if not returns.empty:
        row_of = {cohort: i for i, cohort in enumerate(sizes.index)}
        cohorts = [as_date(v) for v in returns["cohort_period"]]
        rows = np.array([row_of.get(c, -1) for c in cohorts])
        offsets = np.array(
            [
                period_number(as_date(r), period) - period_number(c, period)
                for c, r in zip(cohorts, returns["return_period"], strict=True)
            ]
        )
        keep = (rows >= 0) & (offsets >= 0) & (offsets < width)
        np.add.at(matrix, (rows[keep], offsets[keep]), returns["users"].to_numpy(float)[keep])
    if mode == "on_or_after":  # users whose last return is in period >= N
        matrix = matrix[:, ::-1].cumsum(axis=1)[:, ::-1]
    matrix[np.arange(width)[None, :] >= np.array(list(reached.values()))[:, None]] = np.nan
    counts = pd.DataFrame(matrix, index=sizes.index, columns=range(width))
    counts = counts.dropna(axis=1, how="all") if counts.notna().any().any() else counts.iloc[:, :0]
    percentages = counts.div(sizes, axis=0)
    observed = counts.notna()
    weights = observed.mul(sizes, axis=0).sum()
    average = pd.Series(
        [_ratio(counts[n].sum(), weights[n]) for n in counts.columns],
        index=counts.columns,
        dtype=float,
    )
    return RetentionTable(period, mode, as_of, sizes, counts, percentages, average)


def day_n_retention(engine: Engine, *, filters: Filters, day: int) -> float | None:
    """Day-N retention (次日留存 for N=1, 7日留存 for N=7) of users who signed up in
    [start, end]: users with any event exactly N days after their signup day / users whose
    signup day + N is on or before the last data day. None when no one has reached day N."""
    as_of = last_data_day(engine)
    if as_of is None:
        return None
    last_signup = min(filters.end, as_of - dt.timedelta(days=day))
    if last_signup < filters.start:
        return None
    conditions = [
        USERS.c.signup_date >= filters.start,
        USERS.c.signup_date <= last_signup,
        *_user_conditions(filters),
    ]
    days = ACTIVITY_DAYS.c
    offset = _day_offset(USERS.c.signup_date, days.activity_date)
    with engine.connect() as conn:
        size = conn.execute(sa.select(sa.func.count()).where(*conditions)).scalar_one()
        retained = conn.execute(
            sa.select(sa.func.count(sa.distinct(USERS.c.user_id)))
            .select_from(USERS.join(ACTIVITY_DAYS, days.user_id == USERS.c.user_id))
            .where(*conditions, days.activity_date >= USERS.c.signup_date, offset == day)
        ).scalar_one()
    return _ratio(int(retained), int(size))


# --------------------------------------------------------------------------- lifecycle


def lifecycle(
    engine: Engine, *, filters: Filters, period: Period, events: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """Lifecycle per period of [start, end], as PostHog defines it: columns ``period``,
    ``new``, ``returning``, ``resurrecting``, ``dormant`` (negative).

    Activity is looked at from the period before ``start``'s period to ``end`` (whole
    periods: the first period includes its days before ``start``). For each user active in
    period P:
    - new: P is the user's first active period in that window and the period of their signup
      or, for a user with no users row or no signup time, of their first event ever (first
      seen, PostHog's rule; without it every such user would read as resurrecting);
    - returning: the user was also active in the period just before P (not the first window
      period);
    - resurrecting: any other active user (inactive in the previous period, or first active in
      the window but signed up or first seen in another period);
    - dormant: users active in the previous period but not in P, counted negative
      (= active users of the previous period − returning users of P)."""
    first_period = period_floor(filters.start, period)
    window_start = period_floor(first_period - dt.timedelta(days=1), period)
    source = _source(events)
    bucket = period_start(source.day, period)
    pairs = sa.select(source.user_id.label("user_id"), bucket.label("p")).where(
        *_activity_conditions(source, filters, start=window_start, end=filters.end, events=events)
    )
    if events or period != "day":  # rollup rows are already one per user and day
        pairs = pairs.group_by(source.user_id, bucket)
    pairs = pairs.subquery("pairs")
    lagged = sa.select(
        pairs.c.user_id,
        pairs.c.p,
        sa.func.lag(pairs.c.p).over(partition_by=pairs.c.user_id, order_by=pairs.c.p).label("prev"),
    ).subquery("lagged")
    # consecutive period starts are 1, 7 or 28..31 days apart; non-consecutive ones more
    gap = {"day": 1, "week": 7, "month": 31}[period]
    returning = sa.and_(lagged.c.prev.is_not(None), days_between(lagged.c.prev, lagged.c.p) <= gap)
    first_seen = (
        sa.select(sa.func.min(ACTIVITY_DAYS.c.activity_date))
        .where(ACTIVITY_DAYS.c.user_id == lagged.c.user_id)
        .scalar_subquery()
    )
    # COALESCE stops at the signup date, so the lookup runs only for users without one
    joined = sa.func.coalesce(USERS.c.signup_date, first_seen)
    new = sa.and_(lagged.c.prev.is_(None), period_start(joined, period) == lagged.c.p)
    frame = _read(
        engine,
        sa.select(
            lagged.c.p.label("period"),
            sa.func.count().label("active"),
            sa.func.sum(sa.case((new, 1), else_=0)).label("new_users"),
            sa.func.sum(sa.case((returning, 1), else_=0)).label("returning_users"),
        )
        .select_from(lagged.outerjoin(USERS, USERS.c.user_id == lagged.c.user_id))
        .group_by(lagged.c.p),
    )
    counts = {
        as_date(row.period): (
            int(row.active),
            int(row.new_users or 0),
            int(row.returning_users or 0),
        )
        for row in frame.itertuples(index=False)
    }
    rows = []
    previous_active = counts.get(window_start, (0, 0, 0))[0]
    for day in _periods(filters.start, filters.end, period):
        active, new_users_count, returning_count = counts.get(day, (0, 0, 0))
        rows.append(
            {
                "period": day,
                "new": new_users_count,
                "returning": returning_count,
                "resurrecting": active - new_users_count - returning_count,
                "dormant": -(previous_active - returning_count),
            }
        )
        previous_active = active
    return pd.DataFrame(rows, columns=["period", "new", "returning", "resurrecting", "dormant"])


# --------------------------------------------------------------------------- funnels


@dataclass(frozen=True)
class FunnelResult:
    """An ordered funnel.

    ``steps``: one row per step with ``step`` (1-based), ``event``, ``users``,
    ``from_start`` (users / step-1 users), ``from_previous`` (users / previous step's users),
    ``median_seconds`` (median time from the previous step, among users who reached it; None
    for step 1). ``biggest_drop_step``: the step (2..k) with the lowest ``from_previous``
    (None when nobody entered). ``breakdown``: same counts per channel/platform value
    (columns ``group``, ``step``, ``users``, ``from_start``) or None."""

    steps: pd.DataFrame
    window_days: int
    biggest_drop_step: int | None
    breakdown: pd.DataFrame | None


def funnel(
    engine: Engine,
    *,
    filters: Filters,
    steps: tuple[str, ...],
    window_days: int = 7,
    breakdown: Breakdown | None = None,
) -> FunnelResult:
    """Ordered funnel (转化漏斗) of 2 to 6 event names.

    A user enters with their first step-1 event whose day is in [start, end]. Step k (k >= 2)
    is the user's earliest step-k event at or after the time of the step they reached before
    (strictly after when it is the same event name), and at most ``window_days`` × 24 h after
    their step-1 event; later data than ``end`` counts (up to the last data day). A user who
    misses a step stops there."""
    frame = _read(engine, _funnel_statement(filters, steps, window_days, breakdown))
    for index in range(1, len(steps) + 1):
        frame[f"t{index}"] = pd.to_numeric(frame[f"t{index}"], errors="coerce").astype(float)
    rows = []
    entered = len(frame)
    previous_users = None
    for index, name in enumerate(steps, start=1):
        reached = frame[f"t{index}"].notna()
        users = int(reached.sum())
        median = None
        if index > 1 and users:
            gaps = frame.loc[reached, f"t{index}"] - frame.loc[reached, f"t{index - 1}"]
            median = round(float(gaps.median()), 3)  # julianday arithmetic: ~10 µs noise
        rows.append(
            {
                "step": index,
                "event": name,
                "users": users,
                "from_start": _ratio(users, entered),
                "from_previous": _ratio(users, previous_users) if index > 1 else None,
                "median_seconds": median,
            }
        )
        previous_users = users
    table = pd.DataFrame(rows)
    candidates = [
        (row["from_previous"], row["step"]) for row in rows[1:] if row["from_previous"] is not None
    ]
    biggest = min(candidates)[1] if candidates else None
    by_group = None
    if breakdown is not None:
        parts = []
        for group, part in frame.groupby("group"):
            size = len(part)
            for index in range(1, len(steps) + 1):
                users = int(part[f"t{index}"].notna().sum())
                parts.append(
                    {
                        "group": group,
                        "step": index,
                        "event": steps[index - 1],
                        "users": users,
                        "from_start": _ratio(users, size),
                    }
                )
        by_group = pd.DataFrame(parts, columns=["group", "step", "event", "users", "from_start"])
    return FunnelResult(table, window_days, biggest, by_group)


def _after_previous_step(steps: tuple[str, ...], index: int, previous_time):
    """The condition on the events of step ``index`` (1-based): at or after the previous
    step's time, strictly after when it repeats the previous step's event name."""
    if steps[index - 1] == steps[index - 2]:
        return EVENTS.c.event_at > previous_time
    return EVENTS.c.event_at >= previous_time


def _funnel_statement(
    filters: Filters, steps: tuple[str, ...], window_days: int, breakdown: Breakdown | None
):
    """SQL of :func:`funnel`: one row per entered user, ``user_id``, ``t1`` (0) .. ``tk``
    (seconds from step 1 to step k; NULL: not reached) and ``group`` with a breakdown."""
    if not 2 <= len(steps) <= MAX_FUNNEL_STEPS:
        raise ValueError("a funnel has 2 to 6 steps")
    if window_days < 1:
        raise ValueError("the conversion window is at least 1 day")
    window = float(window_days) * 86400.0
    first = (
        sa.select(EVENTS.c.user_id.label("user_id"), sa.func.min(EVENTS.c.event_at).label("t1"))
        .where(*_event_conditions(filters, start=filters.start, end=filters.end, events=steps[:1]))
        .group_by(EVENTS.c.user_id)
        .cte("step1")
    )
    # a loose day range for the later steps (the exact test is on timestamps); one day of
    # slack either side covers any reporting-timezone offset between event_at and event_date
    first_day = filters.start - dt.timedelta(days=1)
    last_day = filters.end + dt.timedelta(days=window_days + 1)
    current = first
    stages = [first]
    for index, name in enumerate(steps[1:], start=2):
        previous_time = current.c[f"t{index - 1}"]
        after = _after_previous_step(steps, index, previous_time)
        carried = [current.c.user_id, current.c.t1] + ([previous_time] if index > 2 else [])
        current = (
            sa.select(*carried, sa.func.min(EVENTS.c.event_at).label(f"t{index}"))
            # `|| ''` keeps SQLite from probing events per user: it reads the step's events
            # by (event, event_date) and joins them in one pass (PostgreSQL hashes anyway)
            .select_from(current.join(EVENTS, EVENTS.c.user_id.concat("") == current.c.user_id))
            .where(
                EVENTS.c.event == name,
                EVENTS.c.event_date >= first_day,
                EVENTS.c.event_date <= last_day,
                after,
                seconds_between(current.c.t1, EVENTS.c.event_at) <= window,
            )
            .group_by(*carried)
            .cte(f"step{index}")
        )
        stages.append(current)
    # per entered user, seconds from step 1 to each later step (NULL: not reached); floats
    # come back from the database far faster than timestamps
    columns = [sa.literal(0.0).label("t1")]
    joined = first
    for index, stage in enumerate(stages[1:], start=2):
        joined = joined.outerjoin(stage, stage.c.user_id == first.c.user_id)
        columns.append(seconds_between(first.c.t1, stage.c[f"t{index}"]).label(f"t{index}"))
    if breakdown is not None:
        joined = joined.outerjoin(USERS, USERS.c.user_id == first.c.user_id)
        columns.append(sa.func.coalesce(USERS.c[breakdown], UNKNOWN).label("group"))
    columns.append(first.c.user_id.label("user_id"))
    return sa.select(*columns).select_from(joined)


def funnel_users(
    engine: Engine,
    *,
    filters: Filters,
    steps: tuple[str, ...],
    window_days: int = 7,
    step: int,
    outcome: Literal["converted", "dropped"] = "converted",
) -> list[str]:
    """The users behind one step of :func:`funnel` (same definition), sorted: ``converted``,
    those who reached step ``step``; ``dropped``, those who reached it but not the next step
    (for the last step: nobody). For saving a funnel step as a cohort."""
    if not 1 <= step <= len(steps):
        raise ValueError(f"step must be 1 to {len(steps)}")
    frame = _read(engine, _funnel_statement(filters, steps, window_days, None))
    reached = frame[f"t{step}"].notna()
    if outcome == "dropped":
        if step == len(steps):
            return []
        reached &= frame[f"t{step + 1}"].isna()
    return sorted(frame.loc[reached, "user_id"].astype(str))


def funnel_conversion_by_day(
    engine: Engine,
    *,
    filters: Filters,
    steps: tuple[str, ...],
    dimension: str | None = None,
    days: tuple[dt.date, ...] | None = None,
) -> pd.DataFrame:
    """Same-day conversion of a funnel (the brief's ``funnel_conversion``), one row per day of
    [start, end] that has entries (or per day of ``days``) and, with ``dimension`` (a users
    column or user property), per segment value (None: no users row or an empty value):
    ``day``, [``segment``,] ``entered``, ``converted``.

    A user enters on day D with their first step-1 event of D (once per user and day); they
    convert on D when they then do steps 2..k in order on the same day D (each step the
    earliest such event at or after the previous step's time, strictly after when it is the
    same event name): the Users page's ordered funnel, with the window cut at the end of the
    day in the reporting timezone, so a day's number is final when the day is over and days
    compare with each other. Conversions finished after midnight are not counted. Segment
    filters apply as on the pages. The rate is ``converted / entered``."""
    if not 2 <= len(steps) <= MAX_FUNNEL_STEPS:
        raise ValueError("a funnel has 2 to 6 steps")
    conditions = _event_conditions(filters, start=filters.start, end=filters.end, events=steps[:1])
    if days is not None:
        conditions.append(EVENTS.c.event_date.in_(list(days)))
    first = (
        sa.select(
            EVENTS.c.user_id.label("user_id"),
            EVENTS.c.event_date.label("day"),
            sa.func.min(EVENTS.c.event_at).label("t1"),
        )
        .where(*conditions)
        .group_by(EVENTS.c.user_id, EVENTS.c.event_date)
        .cte("entry")
    )
    current = first
    for index, name in enumerate(steps[1:], start=2):
        previous_time = current.c[f"t{index - 1}"]
        after = _after_previous_step(steps, index, previous_time)
        carried = [current.c.user_id, current.c.day]
        current = (
            sa.select(*carried, sa.func.min(EVENTS.c.event_at).label(f"t{index}"))
            .select_from(
                current.join(
                    EVENTS,
                    sa.and_(
                        EVENTS.c.user_id.concat("") == current.c.user_id,  # see _funnel_statement
                        EVENTS.c.event_date == current.c.day,
                    ),
                )
            )
            .where(EVENTS.c.event == name, after)
            .group_by(*carried)
            .cte(f"same_day_step{index}")
        )
    joined = first.outerjoin(
        current, sa.and_(current.c.user_id == first.c.user_id, current.c.day == first.c.day)
    )
    columns = [first.c.day.label("day")]
    group = [first.c.day]
    if dimension is not None:
        key = user_dimension(dimension)
        joined = joined.outerjoin(USERS, USERS.c.user_id == first.c.user_id)
        columns.append(key.label("segment"))
        group.append(key)
    statement = (
        sa.select(
            *columns,
            sa.func.count().label("entered"),
            sa.func.count(current.c.user_id).label("converted"),
        )
        .select_from(joined)
        .group_by(*group)
        .order_by(*group)
    )
    frame = _read(engine, statement)
    frame["day"] = [as_date(day) for day in frame["day"]]
    if dimension is not None:
        cleaned = [None if v is None or v == "" or v != v else v for v in frame["segment"]]
        frame["segment"] = pd.Series(cleaned, index=frame.index, dtype=object)
    frame["entered"] = frame["entered"].astype(int)
    frame["converted"] = frame["converted"].astype(int)
    return frame


# --------------------------------------------------------------------------- tiers


def user_tiers(engine: Engine, *, filters: Filters) -> pd.DataFrame:
    """One row per user level (``users.level``, ``(unknown)`` when empty), over all users
    matching the segment filters (not only new ones):

    - ``users``, ``share`` (of all those users);
    - ``active_users``: active (any event) on at least one day of [start, end];
      ``active_rate`` = active_users / users;
    - ``active_days_per_active``: average number of active days in [start, end] per active
      user;
    - ``paying_users``: users with a sale line (Revenue page definition: status
      paid/refunded, amount > 0) paid in [start, end];
    - ``revenue``: net revenue of their lines in [start, end], the Revenue page's definition
      (sales minus refunds, refund capped at the amount, minus return lines dated then);
    - ``arpu``: revenue / active_users.
    """
    level = sa.func.coalesce(USERS.c.level, UNKNOWN).label("level")
    users_frame = _read(
        engine,
        sa.select(level, sa.func.count().label("users"))
        .where(*_user_conditions(filters))
        .group_by(level),
    )
    columns = [
        "level",
        "users",
        "share",
        "active_users",
        "active_rate",
        "active_days_per_active",
        "paying_users",
        "revenue",
        "arpu",
    ]
    if users_frame.empty:
        return pd.DataFrame({name: [] for name in columns})
    # active days per user first, then one users lookup per active user (not per day)
    days = (
        sa.select(ACTIVITY_DAYS.c.user_id, sa.func.count().label("days"))
        .where(
            ACTIVITY_DAYS.c.activity_date >= filters.start,
            ACTIVITY_DAYS.c.activity_date <= filters.end,
        )
        .group_by(ACTIVITY_DAYS.c.user_id)
        .subquery("active_days")
    )
    activity = _read(
        engine,
        sa.select(
            level,
            sa.func.count().label("active_users"),
            sa.func.sum(days.c.days).label("active_days"),
        )
        .select_from(USERS.join(days, days.c.user_id == USERS.c.user_id))
        .where(*_user_conditions(filters))
        .group_by(level),
    )
    spend = _read(
        engine,
        sa.select(
            level,
            sa.func.count(sa.distinct(revenue_metrics._SALE_USER)).label("paying_users"),
            sa.func.sum(revenue_metrics._NET).label("revenue"),
        )
        .select_from(USERS.join(ORDERS, ORDERS.c.user_id == USERS.c.user_id))
        .where(
            *_user_conditions(filters),
            revenue_metrics._money_line(),
            ORDERS.c.paid_date >= filters.start,
            ORDERS.c.paid_date <= filters.end,
        )
        .group_by(level),
    )
    frame = users_frame.merge(activity, on="level", how="left").merge(spend, on="level", how="left")
    frame = frame.fillna({"active_users": 0, "active_days": 0, "paying_users": 0, "revenue": 0.0})
    total = frame["users"].sum()
    frame["share"] = [_ratio(n, total) for n in frame["users"]]
    frame["active_rate"] = [
        _ratio(a, n) for a, n in zip(frame["active_users"], frame["users"], strict=True)
    ]
    frame["active_days_per_active"] = [
        _ratio(d, a) for d, a in zip(frame["active_days"], frame["active_users"], strict=True)
    ]
    frame["arpu"] = [
        _ratio(r, a) for r, a in zip(frame["revenue"], frame["active_users"], strict=True)
    ]
    for name in ("users", "active_users", "paying_users"):
        frame[name] = frame[name].astype(int)
    frame["revenue"] = frame["revenue"].astype(float)
    frame = frame.sort_values(["users", "level"], ascending=[False, True], ignore_index=True)
    return frame[columns]


# --------------------------------------------------------------------------- report


def build_report(engine: Engine, *, filters: Filters, period: str = "day") -> dict:
    """The Users page's numbers with its default settings and ``period``, JSON-ready: see
    :func:`opsdash.reports.users.build_report` (the one report behind page and CLI)."""
    from opsdash.reports.users import UsersSettings
    from opsdash.reports.users import build_report as users_report

    period = period if period in ("day", "week", "month") else "day"
    return users_report(engine, filters=filters, settings=UsersSettings(period=period))
