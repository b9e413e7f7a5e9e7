"""The users behind a retention cell and a lifecycle bar (for saving them as cohorts):
against plain pandas on generated events, and the same counts as the tables, on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from opsdash.filters import Filters
from opsdash.metrics import users as u
from opsdash.models import Event, User
from opsdash.store.bulk import bulk_insert
from opsdash.store.hooks import after_data_write

RANGE = Filters(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 21))
BUCKETS = ("new", "returning", "resurrecting", "dormant")


@pytest.fixture
def store(engine):
    rng = np.random.default_rng(5)
    people = pd.DataFrame({"user_id": [f"u{n:02d}" for n in range(80)]})
    people["signup_date"] = [
        dt.date(2024, 2, 25) + dt.timedelta(days=int(d)) for d in rng.integers(0, 30, 80)
    ]
    people["signup_at"] = pd.to_datetime(people["signup_date"]) + pd.Timedelta(hours=8)
    people["channel"] = np.where(np.arange(80) % 3 == 0, "wechat", "douyin")
    rows = []
    for person in people.itertuples():
        rate = rng.choice([0.15, 0.4, 0.7])
        for day in pd.date_range(person.signup_date, "2024-03-31"):
            if rng.random() < rate:
                rows.append((person.user_id, day + pd.Timedelta(hours=int(rng.integers(0, 24)))))
    events = pd.DataFrame(rows, columns=["user_id", "event_at"])
    events["event"] = "open"
    events["event_date"] = events["event_at"].dt.date
    events["row_key"] = range(1, len(events) + 1)
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, people)
        bulk_insert(conn, Event.__table__, events)
        after_data_write(conn, ["users", "events"])
    return engine, people, events


def test_retention_cells_against_pandas(store):
    engine, people, events = store
    active = set(zip(events["user_id"], events["event_date"], strict=True))
    last = events["event_date"].max()
    table = u.retention_table(engine, filters=RANGE, period="day")
    checked = 0
    for cohort in table.sizes.index:
        members = people.loc[people["signup_date"] == cohort, "user_id"]
        for n in (0, 1, 3, 7):
            if cohort + dt.timedelta(days=n) > last:
                assert (
                    u.retention_users(engine, filters=RANGE, cohort=cohort, period_n=n) == []
                )  # unreached: blank in the table, nobody to save
                continue
            on = sorted(m for m in members if (m, cohort + dt.timedelta(days=n)) in active)
            got = u.retention_users(engine, filters=RANGE, cohort=cohort, period_n=n)
            assert got == on
            assert len(got) == table.counts.loc[cohort, n]
            lost = u.retention_users(
                engine, filters=RANGE, cohort=cohort, period_n=n, outcome="not_retained"
            )
            assert sorted(lost + got) == sorted(members)
            later = sorted(
                m
                for m in members
                if any(d >= cohort + dt.timedelta(days=n) for (v, d) in active if v == m)
            )
            assert (
                u.retention_users(
                    engine, filters=RANGE, cohort=cohort, period_n=n, mode="on_or_after"
                )
                == later
            )
            checked += 1
    assert checked > 40


def test_weekly_retention_cells_match_the_table(store):
    engine, _, _ = store
    filters = Filters(start=RANGE.start, end=RANGE.end, channels=("wechat",))
    for mode in ("on", "on_or_after"):
        table = u.retention_table(engine, filters=filters, period="week", mode=mode)
        for cohort in table.sizes.index:
            for n in table.counts.columns:
                value = table.counts.loc[cohort, n]
                got = u.retention_users(
                    engine, filters=filters, period="week", mode=mode, cohort=cohort, period_n=n
                )
                assert len(got) == (0 if pd.isna(value) else int(value))


def test_lifecycle_buckets_against_pandas(store):
    engine, people, events = store
    frame = u.lifecycle(engine, filters=RANGE, period="day")
    signup = people.set_index("user_id")["signup_date"]
    by_day = events.groupby("event_date")["user_id"].agg(set)
    window_start = RANGE.start - dt.timedelta(days=1)
    for row in frame.itertuples():
        day = row.period
        now = by_day.get(day, set())
        before = by_day.get(day - dt.timedelta(days=1), set())
        seen_earlier = set().union(
            *[
                by_day.get(window_start + dt.timedelta(days=k), set())
                for k in range((day - window_start).days)
            ]
        )
        new = {x for x in now if x not in seen_earlier and signup[x] == day}
        returning = now & before
        want = {
            "new": new,
            "returning": returning,
            "resurrecting": now - new - returning,
            "dormant": before - now,
        }
        for bucket in BUCKETS:
            got = u.lifecycle_users(
                engine, filters=RANGE, period="day", period_start_day=day, bucket=bucket
            )
            assert got == sorted(want[bucket]), (day, bucket)
            assert len(got) == abs(getattr(row, bucket))


def test_weekly_lifecycle_buckets_match_the_table(store):
    engine, _, _ = store
    frame = u.lifecycle(engine, filters=RANGE, period="week")
    for row in frame.itertuples():
        for bucket in BUCKETS:
            got = u.lifecycle_users(
                engine, filters=RANGE, period="week", period_start_day=row.period, bucket=bucket
            )
            assert len(got) == abs(getattr(row, bucket))
