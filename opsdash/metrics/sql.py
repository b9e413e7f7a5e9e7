"""Dialect-neutral SQL building blocks for metrics (SQLite and PostgreSQL).

Use these rather than dialect checks in metric code:
- :func:`period_start` - the first day of the day/week/month a date falls in (weeks start Monday);
- :func:`days_between` - whole days from one date to another;
- :func:`seconds_between` - seconds (fractional) from one timestamp to another;
- :func:`segment_condition` - restrict a user_id column to users matching the segment filters.
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from opsdash.filters import Filters
from opsdash.models import User

Period = Literal["day", "week", "month"]
PERIODS: tuple[Period, ...] = ("day", "week", "month")


class _PeriodStart(FunctionElement):
    """Base of the per-period constructs: one class per period, because SQLAlchemy's statement
    cache keys on the class and clauses, not on instance attributes."""

    type = sa.Date()
    inherit_cache = True
    name = "period_start"
    period: Period = "day"


class _DayStart(_PeriodStart):
    inherit_cache = True
    period = "day"


class _WeekStart(_PeriodStart):
    inherit_cache = True
    period = "week"


class _MonthStart(_PeriodStart):
    inherit_cache = True
    period = "month"


_PERIOD_CLASSES = {"day": _DayStart, "week": _WeekStart, "month": _MonthStart}


class _DaysBetween(FunctionElement):
    type = sa.Integer()
    inherit_cache = True
    name = "days_between"


def period_start(day: ColumnElement, period: Period) -> ColumnElement:
    """SQL expression: the first day of ``day``'s period (day itself, ISO week's Monday, or the
    month's first day)."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}")
    return _PERIOD_CLASSES[period](day)


def days_between(start: ColumnElement, end: ColumnElement) -> ColumnElement:
    """SQL expression: ``end - start`` in whole days (both dates)."""
    return _DaysBetween(start, end)


class _SecondsBetween(FunctionElement):
    type = sa.Float()
    inherit_cache = True
    name = "seconds_between"


def seconds_between(start: ColumnElement, end: ColumnElement) -> ColumnElement:
    """SQL expression: ``end - start`` in seconds (a float; both naive UTC timestamps)."""
    return _SecondsBetween(start, end)


@compiles(_SecondsBetween, "sqlite")
def _seconds_between_sqlite(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    # julianday() keeps milliseconds; the float difference is off by ~1e-5 s (an exact 30-minute
    # gap read 1800.00001 s and split a session), so round back to the millisecond
    return f"round((julianday({end}) - julianday({start})) * 86400.0, 3)"


@compiles(_SecondsBetween, "postgresql")
def _seconds_between_postgres(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS DOUBLE PRECISION)"


@compiles(_PeriodStart, "sqlite")
def _period_start_sqlite(element, compiler, **kw):
    day = compiler.process(next(iter(element.clauses)), **kw)
    if element.period == "day":
        return f"date({day})"
    if element.period == "week":
        return f"date({day}, 'weekday 0', '-6 days')"
    return f"date({day}, 'start of month')"


@compiles(_PeriodStart, "postgresql")
def _period_start_postgres(element, compiler, **kw):
    day = compiler.process(next(iter(element.clauses)), **kw)
    if element.period == "day":
        return f"CAST({day} AS DATE)"
    return f"CAST(date_trunc('{element.period}', {day}) AS DATE)"


@compiles(_DaysBetween, "sqlite")
def _days_between_sqlite(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({end}) - julianday({start}) AS INTEGER)"


@compiles(_DaysBetween, "postgresql")
def _days_between_postgres(element, compiler, **kw):
    start, end = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST({end} AS DATE) - CAST({start} AS DATE))"


USER_FILTER_COLUMNS = ("channel", "platform", "region", "level")
"""Columns of ``users`` a segment filter may name; any other name is a user property."""


def user_dimension(name: str) -> ColumnElement:
    """SQL expression over ``users`` for a segment name: the column when ``name`` is one of
    :data:`USER_FILTER_COLUMNS`, otherwise the user property ``name`` as text (the name is a
    bound parameter)."""
    from opsdash.store.properties import property_text

    users = User.__table__
    if name in USER_FILTER_COLUMNS:
        return users.c[name]
    return property_text(users.c.properties, name)


def user_filter_conditions(filters: Filters) -> list[ColumnElement]:
    """Conditions over ``users`` for every segment filter (channel, platform, region, and the
    ``where`` filters on other user columns and properties)."""
    conditions = _rule_conditions(filters)
    if filters.cohort is not None and filters.cohort.kind == "static":
        conditions.append(User.__table__.c.user_id.in_(cohort_members(filters.cohort.name)))
    return conditions


def _rule_conditions(filters: Filters) -> list[ColumnElement]:
    """Conditions over ``users`` of the segment and ``where`` filters, and of a dynamic
    cohort's rule."""
    conditions = [user_dimension(field).in_(values) for field, values in filters.segments.items()]
    conditions += [user_dimension(name).in_(values) for name, values in filters.where if values]
    cohort = filters.cohort
    if cohort is not None and cohort.kind == "dynamic":
        users = User.__table__
        conditions += [user_dimension(name).in_(values) for name, values in cohort.where if values]
        if cohort.signup_from is not None:
            conditions.append(users.c.signup_date >= cohort.signup_from)
        if cohort.signup_to is not None:
            conditions.append(users.c.signup_date <= cohort.signup_to)
        if not cohort.where and cohort.signup_from is None and cohort.signup_to is None:
            conditions.append(users.c.user_id.isnot(None))  # an empty rule: every user
    return conditions


def cohort_members(name: str) -> sa.Select:
    """SQL: the user IDs saved in the static cohort ``name`` (bound parameter)."""
    from opsdash.models import Cohort, CohortMember

    cohorts, members = Cohort.__table__, CohortMember.__table__
    return (
        sa.select(members.c.user_id)
        .select_from(members.join(cohorts, cohorts.c.id == members.c.cohort_id))
        .where(cohorts.c.name == name)
    )


def segment_condition(user_id: ColumnElement, filters: Filters) -> ColumnElement | None:
    """A condition keeping rows whose ``user_id`` belongs to a user matching every segment
    filter (channel, platform, region, and ``where`` filters on other user columns or user
    properties, and a cohort); None when no segment is chosen. Rows with no user (guest
    orders) or a user absent from the users table are excluded whenever a segment is chosen,
    except that a static cohort's members count whether or not they are in the users
    table."""
    parts = []
    conditions = _rule_conditions(filters)
    if conditions:
        users = User.__table__
        parts.append(user_id.in_(sa.select(users.c.user_id).where(*conditions)))
    if filters.cohort is not None and filters.cohort.kind == "static":
        # members need not be in the users table (e.g. IDs of an events-only store)
        parts.append(user_id.in_(cohort_members(filters.cohort.name)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else sa.and_(*parts)


class _DaysAfter(FunctionElement):
    type = sa.Date()
    inherit_cache = True
    name = "days_after"


def days_after(day: ColumnElement, days: ColumnElement) -> ColumnElement:
    """SQL expression: the date ``days`` (an integer expression) days after ``day``."""
    return _DaysAfter(day, days)


@compiles(_DaysAfter, "sqlite")
def _days_after_sqlite(element, compiler, **kw):
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"date(julianday({day}) + {days})"


@compiles(_DaysAfter, "postgresql")
def _days_after_postgres(element, compiler, **kw):
    day, days = (compiler.process(c, **kw) for c in element.clauses)
    return f"(CAST({day} AS DATE) + {days})"
