"""Stickiness distribution against plain pandas on generated events, on SQLite and
PostgreSQL; each window adds up to WAU / MAU."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from opsdash.filters import Filters
from opsdash.metrics import users as u
from opsdash.metrics.stickiness import stickiness_distribution
from opsdash.models import Event, User
from opsdash.store.bulk import bulk_insert
from opsdash.store.hooks import after_data_write

RANGE = Filters(start=dt.date(2024, 2, 1), end=dt.date(2024, 2, 29))


@pytest.fixture
def store(engine):
    rng = np.random.default_rng(11)
    rows = []
    for n in range(60):
        # some users nearly daily, some rarely, several events a day
        rate = rng.choice([0.05, 0.3, 0.9])
        for day in pd.date_range("2024-01-20", "2024-03-05"):
            if rng.random() < rate:
                for _ in range(int(rng.integers(1, 4))):
                    at = day + pd.Timedelta(minutes=int(rng.integers(0, 1440)))
                    rows.append((f"u{n}", at, str(rng.choice(["open", "buy"]))))
    events = pd.DataFrame(rows, columns=["user_id", "event_at", "event"])
    events["event_date"] = events["event_at"].dt.date
    events["row_key"] = range(1, len(events) + 1)
    people = pd.DataFrame({"user_id": [f"u{n}" for n in range(60)]})
    people["channel"] = np.where(np.arange(60) % 2 == 0, "wechat", "douyin")
    people["signup_at"] = pd.Timestamp("2024-01-01")
    people["signup_date"] = dt.date(2024, 1, 1)
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, people)
        bulk_insert(conn, Event.__table__, events)
        after_data_write(conn, ["events"])
    return engine, events, people


def expected(events, people, *, window, end, names=None, channels=None):
    frame = events
    if names:
        frame = frame[frame["event"].isin(names)]
    if channels:
        frame = frame[
            frame["user_id"].isin(people.loc[people["channel"].isin(channels), "user_id"])
        ]
    start = end - dt.timedelta(days=window - 1)
    frame = frame[(frame["event_date"] >= start) & (frame["event_date"] <= end)]
    per_user = frame.groupby("user_id")["event_date"].nunique()
    return {d: int((per_user == d).sum()) for d in range(1, window + 1)}


@pytest.mark.parametrize(
    ("names", "channels"), [(None, None), (("buy",), None), (None, ("wechat",))]
)
def test_against_pandas(store, names, channels):
    engine, events, people = store
    filters = Filters(start=RANGE.start, end=RANGE.end, channels=channels or ())
    frame = stickiness_distribution(engine, filters=filters, events=names)
    summary = u.activity_summary(engine, filters=filters, events=names)
    for window, total in ((7, summary.wau), (30, summary.mau)):
        part = frame[frame["window_days"] == window]
        want = expected(
            events, people, window=window, end=RANGE.end, names=names, channels=channels
        )
        assert dict(zip(part["days"], part["users"], strict=True)) == want
        assert part["users"].sum() == total > 0
        assert part["share"].sum() == pytest.approx(1.0)
        assert part["at_least"].iloc[0] == total
        assert part["window_start"].iloc[0] == RANGE.end - dt.timedelta(days=window - 1)
    assert set(frame["window_days"]) == {7, 30} and len(frame) == 37


def test_report_key(store):
    engine, _, _ = store
    report = u.build_report(engine, filters=RANGE)
    rows = report["stickiness_distribution"]
    assert len(rows) == 37
    assert set(rows[0]) == {"window_days", "window_start", "days", "users", "share", "at_least"}
    assert sum(r["users"] for r in rows if r["window_days"] == 30) == report["mau"]
