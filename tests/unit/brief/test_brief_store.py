"""The brief on a generated store (SQLite and PostgreSQL): the numbers are the pages',
clean days are not flagged, a planted drop in one channel is found and that channel named
first."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from opsdash.brief.report import brief_for, brief_json
from opsdash.brief.series import daily_series
from opsdash.filters import Filters
from opsdash.metrics import revenue as revenue_metrics
from opsdash.metrics import users as user_metrics
from tests.unit.brief.generated import END, fill

KEYS = {"metric", "value", "expected", "low", "high", "anomaly", "direction", "drivers"}


@pytest.fixture
def clean(engine):
    with engine.begin() as conn:
        fill(conn)
    return engine


@pytest.fixture
def dropped(engine):
    with engine.begin() as conn:
        fill(conn, drop_channel="douyin")
    return engine


def test_series_are_the_pages_numbers(clean):
    window = Filters(start=END - dt.timedelta(days=13), end=END)
    frame = daily_series(clean, filters=window)
    assert (
        frame["dau"].tolist()
        == user_metrics.daily_active_users(clean, filters=window)["dau"].tolist()
    )
    summary = revenue_metrics.revenue_summary(clean, filters=Filters(start=END, end=END))
    last = frame.iloc[-1]
    assert last["revenue"] == pytest.approx(summary.revenue)
    assert last["orders"] == summary.orders and last["paying_users"] == summary.paying_users
    assert last["paying_rate"] == pytest.approx(summary.paying_users / last["dau"])
    day_filters = Filters(start=END, end=END)
    assert last["new_users"] == user_metrics.new_users(clean, filters=day_filters)


def test_clean_days_are_not_flagged(clean):
    for back in range(5):
        brief = brief_for(clean, END - dt.timedelta(days=back))
        assert [m.metric for m in brief.anomalies] == [], brief.day
    brief = brief_for(clean)
    assert brief.day == END
    names = [m.metric for m in brief.metrics]
    # no content stats in this store: no content_views
    assert names == ["new_users", "dau", "paying_users", "orders", "revenue", "paying_rate"]
    dau = next(m for m in brief.metrics if m.metric == "dau")
    j = dau.judgement
    assert j.low < j.expected < j.high and j.low <= j.value <= j.high
    assert len(dau.history) == 28 and dau.history["day"].iloc[-1] == END


def test_planted_channel_drop_is_found_and_named_first(dropped):
    brief = brief_for(dropped)
    first = brief.metrics[0]
    assert first.metric == "dau" and first.judgement.anomaly
    assert first.judgement.direction == "down"
    top = first.drivers[0]
    assert (top.dimension, top.value) == ("channel", "douyin")
    assert top.share > 0.8
    payload = json.loads(json.dumps(brief_json(brief)))
    assert payload["date"] == END.isoformat()
    row = payload["metrics"][0]
    assert set(row) >= KEYS and row["metric"] == "dau" and row["direction"] == "down"
    assert row["drivers"][0]["dimension"] == "channel"
    assert row["drivers"][0]["value"] == "douyin"
    assert {"dimension", "value", "share"} <= set(row["drivers"][0])
    # the days before are clean
    assert brief_for(dropped, END - dt.timedelta(days=1)).anomalies == ()


def test_segment_filter_keeps_only_that_segment(dropped):
    brief = brief_for(dropped, filters=Filters(start=END, end=END, channels=("wechat",)))
    assert "dau" not in [m.metric for m in brief.anomalies]


def test_empty_store(engine):
    assert brief_for(engine).metrics == ()
