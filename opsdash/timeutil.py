"""Timestamps: stored as naive UTC; days are calendar days in the reporting timezone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd


def to_utc_naive(values: pd.Series, timezone: str) -> pd.Series:
    """Return ``values`` as naive UTC datetimes. Naive input is read in ``timezone`` (the
    reporting timezone); aware input is converted. Ambiguous/nonexistent local times (DST
    changes) resolve to the earlier/shifted-forward instant rather than failing."""
    series = pd.to_datetime(values)
    if series.dt.tz is None:
        series = series.dt.tz_localize(timezone, ambiguous=False, nonexistent="shift_forward")
    return series.dt.tz_convert("UTC").dt.tz_localize(None)


def local_dates(values_utc: pd.Series, timezone: str) -> pd.Series:
    """Return the reporting-timezone calendar day (``datetime.date``) of naive-UTC timestamps."""
    series = pd.to_datetime(values_utc)
    local = series.dt.tz_localize("UTC").dt.tz_convert(timezone)
    return local.dt.date


def utc_now() -> dt.datetime:
    """Now, as naive UTC (the store's convention)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def today(timezone: str) -> dt.date:
    """Today's date in the reporting timezone."""
    return dt.datetime.now(ZoneInfo(timezone)).date()


def as_date(value: object) -> dt.date | None:
    """A day as read back from either database (a ``date``, a ``datetime``, or ISO text from
    SQLite); None for missing values (None, NaN, NaT)."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
