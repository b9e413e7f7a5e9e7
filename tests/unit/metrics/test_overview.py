"""Overview key numbers, changes, trends and targets against hand-computed answers.

Uses the users-test store (see tests/unit/metrics/test_users.py) plus content stats and
campaigns. Range 2024-01-01..07; previous period 2023-12-25..31."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from opsdash.errors import UserError
from opsdash.metrics import overview as o
from opsdash.models import Campaign, ContentStat
from opsdash.store.bulk import bulk_insert
from opsdash.store.meta import data_version
from tests.unit.metrics.test_users import (
    EVENTS,
    ORDERS,
    USERS,
    WEEK1,
    insert_events,
    insert_orders,
    insert_users,
)

D = dt.date


@pytest.fixture
def store(engine):
    stats = pd.DataFrame(
        [
            (D(2024, 1, 2), "c1", 100, 5, 2, 1, 2),
            (D(2023, 12, 30), "c1", 50, 1, 0, 0, 0),
        ],
        columns=["date", "content_id", "views", "likes", "comments", "shares", "favorites"],
    )
    for name in ("readers", "followers_gained"):
        stats[name] = 0
    stats["cumulative"] = False
    campaigns = pd.DataFrame(
        [
            ("k1", D(2024, 1, 5), D(2024, 1, 20)),
            ("k2", D(2023, 12, 1), D(2023, 12, 31)),
            ("k3", D(2024, 1, 3), None),
            ("k4", None, None),
        ],
        columns=["campaign_id", "start_date", "end_date"],
    )
    with engine.begin() as conn:
        insert_users(conn, USERS)
        insert_events(conn, EVENTS)
        insert_orders(conn, ORDERS)
        bulk_insert(conn, ContentStat.__table__, stats)
        bulk_insert(conn, Campaign.__table__, campaigns)
    return engine


def test_running_campaigns(store):
    # running on 01-07: k1 (01-05..01-20), k3 (no end), k4 (no dates: started, not ended)
    assert o.running_campaigns(store, filters=WEEK1) == 3
    # running on 2023-12-31: k2 (ends that day), k4
    assert o.running_campaigns(store, filters=WEEK1.previous()) == 2


def test_overview_metrics(store):
    metrics = {item.key: item for item in o.overview_metrics(store, filters=WEEK1)}
    assert list(metrics) == list(o.KEY_METRICS)
    assert metrics["new_users"].value == 4 and metrics["new_users"].previous == 0
    assert metrics["new_users"].change is None
    assert metrics["dau_average"].value == pytest.approx(8 / 7)
    # the previous week 12-25..12-31 has data only on 12-31 (one user): averaged over that day
    assert metrics["dau_average"].previous == pytest.approx(1.0)
    assert metrics["dau_average"].change == pytest.approx(1 / 7)
    assert metrics["mau"].value == 4 and metrics["mau"].previous == 1
    assert metrics["d1_retention"].value == pytest.approx(0.5)
    assert metrics["d1_retention"].previous is None
    assert metrics["d7_retention"].value == pytest.approx(0.25)
    # 100 + (50 - 50) + guest 70; payers: u1 of 4 active users. ARPU is the Revenue page's:
    # net revenue (guest orders included, as the issue defines it) / active users = 170 / 4
    assert metrics["revenue"].value == pytest.approx(170.0)
    assert metrics["paying_rate"].value == pytest.approx(0.25)
    assert metrics["arpu"].value == pytest.approx(42.5)
    assert metrics["content_views"].value == 100 and metrics["content_views"].previous == 50
    assert metrics["content_views"].change == pytest.approx(1.0)
    assert metrics["engagement_rate"].value == pytest.approx(0.1)
    assert metrics["engagement_rate"].previous == pytest.approx(0.02)
    assert metrics["running_campaigns"].change == pytest.approx(0.5)


def test_trend_series(store):
    frame = o.trend_series(store, filters=WEEK1)
    assert frame["new_users"].tolist() == [2, 1, 1, 0, 0, 0, 0]
    assert frame["dau"].tolist() == [2, 2, 2, 1, 1, 0, 0]
    assert frame["revenue"].tolist() == [0, 100, 70, 0, 0, 0, 0]
    assert frame["content_views"].tolist() == [0, 100, 0, 0, 0, 0, 0]


def test_targets_and_progress(store):
    before = data_version(store)
    o.set_target(store, metric="new_users", month="2024-01", value=10, set_by="ed")
    o.set_target(store, metric="revenue", month="2024-01", value=300, set_by="ed")
    o.set_target(store, metric="revenue", month="2024-01", value=340, set_by="ed")  # replaces
    o.set_target(store, metric="d1_retention", month="2024-01", value=0.4)
    assert data_version(store) > before
    assert o.targets_for_month(store, month="2024-01") == {
        "new_users": 10.0,
        "revenue": 340.0,
        "d1_retention": 0.4,
    }
    rows = {row.metric: row for row in o.target_progress(store, filters=WEEK1)}
    assert list(rows) == ["new_users", "d1_retention", "revenue"]
    assert rows["new_users"].actual == 4 and rows["new_users"].progress == pytest.approx(0.4)
    assert rows["new_users"].pace == pytest.approx(7 / 31)
    assert rows["revenue"].progress == pytest.approx(0.5)
    assert (
        rows["d1_retention"].progress == pytest.approx(1.25) and rows["d1_retention"].pace is None
    )
    assert rows["new_users"].through == D(2024, 1, 7)
    assert o.target_progress(store, filters=WEEK1, month="2024-02") == []
    assert o.delete_target(store, metric="revenue", month="2024-01")
    assert "revenue" not in o.targets_for_month(store, month="2024-01")


@pytest.mark.parametrize(
    ("metric", "month", "value"),
    [
        ("nope", "2024-01", 1),
        ("revenue", "2024-13", 1),
        ("revenue", "24-01", 1),
        ("revenue", "2024-01", -5),
        ("revenue", "2024-01", "abc"),
        ("revenue", "2024-01", float("nan")),
        ("paying_rate", "2024-01", 35),
    ],
)
def test_bad_targets_leave_store_unchanged(sqlite_engine, metric, month, value):
    with pytest.raises(UserError):
        o.set_target(sqlite_engine, metric=metric, month=month, value=value)
    assert o.targets_for_month(sqlite_engine, month="2024-01") == {}


def test_build_report(store):
    o.set_target(store, metric="new_users", month="2024-01", value=8)
    report = o.build_report(store, filters=WEEK1, period="day")
    text = json.dumps(report)
    assert "NaN" not in text
    assert report["previous_start"] == "2023-12-25" and report["previous_end"] == "2023-12-31"
    assert report["metrics"]["new_users"] == {
        "value": 4,
        "previous": 0,
        "change": None,
        "kind": "number",
    }
    assert report["trend"][1]["day"] == "2024-01-02"
    assert report["targets"][0]["progress"] == pytest.approx(0.5)


def test_empty_store(engine):
    report = o.build_report(engine, filters=WEEK1)
    json.dumps(report)
    assert report["metrics"]["revenue"]["value"] == 0
    assert report["metrics"]["arpu"]["value"] is None
    assert report["metrics"]["d1_retention"]["value"] is None
