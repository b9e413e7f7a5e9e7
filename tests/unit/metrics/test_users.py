"""User metrics against hand-computed answers, on SQLite and PostgreSQL.

The store (2024-01-01 is a Monday; last data day 2024-01-31):

users      signup      channel  platform level
  u1       01-01       wechat   ios      gold
  u2       01-01       douyin   android  silver
  u3       01-02       wechat   ios      -
  u4       01-03       -        web      gold     (no events at all)
  u5       01-08       douyin   android  -
events
  u1  01-01 app_open, 01-02 app_open, 01-08 purchase, 01-31 app_open
  u2  2023-12-31 app_open (before signup), 01-01 view, 01-03 view
  u3  01-02 app_open, 01-03 app_open, 01-04 like (at 2024-01-03 20:00 UTC: a UTC+8 day)
  u5  01-08 app_open, 01-09 app_open
  x9  01-05 app_open (no users row)
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
import sqlalchemy as sa

from opsdash.filters import Filters
from opsdash.metrics import users as m
from opsdash.metrics.sql import seconds_between
from opsdash.models import Event, OrderLine, User
from opsdash.store.bulk import bulk_insert
from opsdash.store.hooks import after_data_write
from opsdash.timeutil import as_date

D = dt.date
T = dt.datetime

USERS = [
    ("u1", D(2024, 1, 1), "wechat", "ios", "gold"),
    ("u2", D(2024, 1, 1), "douyin", "android", "silver"),
    ("u3", D(2024, 1, 2), "wechat", "ios", None),
    ("u4", D(2024, 1, 3), None, "web", "gold"),
    ("u5", D(2024, 1, 8), "douyin", "android", None),
]
EVENTS = [
    ("u1", T(2024, 1, 1, 9), D(2024, 1, 1), "app_open"),
    ("u1", T(2024, 1, 2, 9), D(2024, 1, 2), "app_open"),
    ("u1", T(2024, 1, 8, 9), D(2024, 1, 8), "purchase"),
    ("u1", T(2024, 1, 31, 9), D(2024, 1, 31), "app_open"),
    ("u2", T(2023, 12, 31, 9), D(2023, 12, 31), "app_open"),
    ("u2", T(2024, 1, 1, 9), D(2024, 1, 1), "view"),
    ("u2", T(2024, 1, 3, 9), D(2024, 1, 3), "view"),
    ("u3", T(2024, 1, 2, 9), D(2024, 1, 2), "app_open"),
    ("u3", T(2024, 1, 3, 9), D(2024, 1, 3), "app_open"),
    ("u3", T(2024, 1, 3, 20), D(2024, 1, 4), "like"),
    ("u5", T(2024, 1, 8, 9), D(2024, 1, 8), "app_open"),
    ("u5", T(2024, 1, 9, 9), D(2024, 1, 9), "app_open"),
    ("x9", T(2024, 1, 5, 9), D(2024, 1, 5), "app_open"),
]
ORDERS = [  # order_id, line, user, paid day, amount, status, refund
    ("o1", 1, "u1", D(2024, 1, 2), 100.0, "paid", 0.0),
    ("o1", 2, "u1", D(2024, 1, 2), 50.0, "refunded", 50.0),
    ("o3", 1, "u2", D(2024, 1, 3), 30.0, "cancelled", 0.0),
    ("o4", 1, "u3", D(2024, 1, 10), 20.0, "paid", 0.0),
    ("o5", 1, None, D(2024, 1, 3), 70.0, "paid", 0.0),
]
WEEK1 = Filters(start=D(2024, 1, 1), end=D(2024, 1, 7))


def insert_users(conn, rows):
    frame = pd.DataFrame(rows, columns=["user_id", "signup_date", "channel", "platform", "level"])
    frame["signup_at"] = pd.to_datetime(frame["signup_date"]) + pd.Timedelta(hours=8)
    bulk_insert(conn, User.__table__, frame)


def insert_events(conn, rows):
    frame = pd.DataFrame(rows, columns=["user_id", "event_at", "event_date", "event"])
    frame["row_key"] = range(1, len(frame) + 1)
    bulk_insert(conn, Event.__table__, frame)
    after_data_write(conn, ["events"])  # keeps the user_activity_days rollup in step


def insert_orders(conn, rows):
    frame = pd.DataFrame(
        rows,
        columns=["order_id", "line", "user_id", "paid_date", "amount", "status", "refund_amount"],
    )
    frame["paid_at"] = pd.to_datetime(frame["paid_date"]) + pd.Timedelta(hours=12)
    frame["quantity"] = 1.0
    bulk_insert(conn, OrderLine.__table__, frame)


@pytest.fixture
def store(engine):
    with engine.begin() as conn:
        insert_users(conn, USERS)
        insert_events(conn, EVENTS)
        insert_orders(conn, ORDERS)
    return engine


def test_seconds_between(engine):
    expression = seconds_between(
        sa.literal(T(2024, 1, 1, 10), sa.DateTime),
        sa.literal(T(2024, 1, 2, 11, 0, 30), sa.DateTime),
    )
    with engine.connect() as conn:
        assert conn.execute(sa.select(expression)).scalar_one() == pytest.approx(90030.0)


def test_period_helpers():
    assert m.period_floor(D(2024, 3, 10), "week") == D(2024, 3, 4)
    for period in ("day", "week", "month"):
        for day in (D(2024, 1, 1), D(2024, 2, 29), D(2023, 12, 31)):
            number = m.period_number(day, period)
            assert m.period_from_number(number, period) == m.period_floor(day, period)
    assert m.period_number(D(2024, 1, 1), "month") - m.period_number(D(2023, 12, 5), "month") == 1


def test_new_users(store):
    assert m.new_users(store, filters=WEEK1) == 4
    assert m.new_users(store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 1))) == 2
    wechat = Filters(start=D(2024, 1, 1), end=D(2024, 1, 31), channels=("wechat",))
    assert m.new_users(store, filters=wechat) == 2
    frame = m.new_users_by_period(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 14)), period="week"
    )
    got = {(r.period, r.channel): r.new_users for r in frame.itertuples()}
    assert got == {
        (D(2024, 1, 1), "wechat"): 2,
        (D(2024, 1, 1), "douyin"): 1,
        (D(2024, 1, 1), "(unknown)"): 1,
        (D(2024, 1, 8), "douyin"): 1,
    }


def test_daily_active_users_and_timezone_day(store):
    frame = m.daily_active_users(store, filters=WEEK1)
    assert frame["dau"].tolist() == [2, 2, 2, 1, 1, 0, 0]  # u3's 20:00 UTC event is on 01-04
    opens = m.daily_active_users(store, filters=WEEK1, events=("app_open",))
    assert opens["dau"].tolist() == [1, 2, 1, 0, 1, 0, 0]
    wechat = Filters(start=D(2024, 1, 1), end=D(2024, 1, 7), channels=("wechat",))
    assert m.daily_active_users(store, filters=wechat)["dau"].tolist() == [1, 2, 1, 1, 0, 0, 0]


def test_activity_summary(store):
    summary = m.activity_summary(store, filters=WEEK1)
    assert summary.dau_average == pytest.approx(8 / 7)
    assert summary.wau == 4  # u1 u2 u3 x9
    assert summary.mau == 4  # 2023-12-09 .. 2024-01-07; u2's pre-signup event counts
    # the data begin on 2023-12-31: the 30-day window's mean DAU runs over its 8 days with data
    assert summary.stickiness == pytest.approx((9 / 8) / 4)
    # a range that starts before the data: the average runs from the first day with data
    early = m.activity_summary(store, filters=Filters(start=D(2023, 12, 1), end=D(2024, 1, 7)))
    assert early.dau_average == pytest.approx(9 / 8)
    assert m.first_data_day(store) == D(2023, 12, 31)
    before = m.activity_summary(store, filters=Filters(start=D(2023, 1, 1), end=D(2023, 1, 7)))
    assert before.dau_average is None and before.stickiness is None
    later = m.activity_summary(store, filters=Filters(start=D(2024, 1, 31), end=D(2024, 1, 31)))
    assert later.mau == 5 and later.wau == 1  # 01-02 .. 01-31: u1 u2 u3 u5 x9
    empty = m.activity_summary(store, filters=Filters(start=D(2025, 1, 1), end=D(2025, 1, 3)))
    assert empty.dau_average == 0 and empty.mau == 0 and empty.stickiness is None


def test_active_users_by_period(store):
    frame = m.active_users_by_period(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 14)), period="week"
    )
    assert frame["active_users"].tolist() == [4, 2]


def test_daily_retention(store):
    table = m.retention_table(store, filters=WEEK1, period="day")
    assert table.as_of == D(2024, 1, 31)
    assert table.sizes.to_dict() == {D(2024, 1, 1): 2, D(2024, 1, 2): 1, D(2024, 1, 3): 1}
    records = {r["cohort"]: r for r in table.to_records()}
    first = records["2024-01-01"]["retained"]
    assert len(first) == 31  # days 0..30 reached by 01-31
    expected = [0] * 31
    expected[0], expected[1], expected[2], expected[7], expected[30] = 2, 1, 1, 1, 1
    assert first == expected  # u2's event before signup is not a return
    assert records["2024-01-02"]["retained"] == [1, 1, 1] + [0] * 27
    assert records["2024-01-03"] == {"cohort": "2024-01-03", "size": 1, "retained": [0] * 29}
    assert pd.isna(table.counts.loc[D(2024, 1, 3), 30])  # not reached: blank, never 0
    assert table.average[0] == pytest.approx(3 / 4)
    assert table.average[1] == pytest.approx(2 / 4)
    assert table.average[30] == pytest.approx(1 / 2)  # only the 01-01 cohort reached day 30
    assert table.percentages.loc[D(2024, 1, 1), 7] == pytest.approx(0.5)


def test_retention_on_or_after(store):
    table = m.retention_table(store, filters=WEEK1, period="day", mode="on_or_after")
    first = table.counts.loc[D(2024, 1, 1)].tolist()
    assert first[:4] == [2, 2, 2, 1] and first[30] == 1 and set(first[3:]) == {1}
    assert table.counts.loc[D(2024, 1, 2)].tolist()[:4] == [1, 1, 1, 0]


def test_weekly_and_monthly_retention(store):
    weekly = m.retention_table(store, filters=WEEK1, period="week")
    assert weekly.to_records() == [{"cohort": "2024-01-01", "size": 4, "retained": [3, 1, 0, 0, 1]}]
    monthly = m.retention_table(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 31)), period="month"
    )
    assert monthly.to_records() == [{"cohort": "2024-01-01", "size": 5, "retained": [4]}]


def test_event_cohort_of_one(store):
    filters = Filters(start=D(2024, 1, 1), end=D(2024, 1, 14))
    table = m.retention_table(store, filters=filters, period="day", cohort_event="purchase")
    (record,) = table.to_records()
    assert record["cohort"] == "2024-01-08" and record["size"] == 1
    assert len(record["retained"]) == 24
    assert record["retained"][0] == 1 and record["retained"][23] == 1
    assert sum(record["retained"]) == 2
    opens = m.retention_table(
        store,
        filters=filters,
        period="day",
        cohort_event="purchase",
        return_events=("app_open",),
    )
    assert opens.to_records()[0]["retained"][0] == 0
    assert opens.average[23] == pytest.approx(1.0)


def test_day_n_retention(store):
    assert m.day_n_retention(store, filters=WEEK1, day=1) == pytest.approx(2 / 4)
    assert m.day_n_retention(store, filters=WEEK1, day=7) == pytest.approx(1 / 4)
    # only the 01-01 cohort has reached day 30 by 01-31
    assert m.day_n_retention(store, filters=WEEK1, day=30) == pytest.approx(1 / 2)
    late = Filters(start=D(2024, 1, 30), end=D(2024, 1, 31))
    assert m.day_n_retention(store, filters=late, day=7) is None


def test_channel_quality(store):
    frame = m.channel_quality(store, filters=WEEK1).set_index("channel")
    assert frame.loc["wechat", "new_users"] == 2
    assert frame.loc["wechat", "d1"] == pytest.approx(1.0)
    assert frame.loc["wechat", "d7"] == pytest.approx(0.5)
    assert frame.loc["wechat", "d30"] == pytest.approx(1.0)  # u3 has not reached day 30
    assert frame.loc["wechat", "paying_rate"] == pytest.approx(1.0)
    assert frame.loc["douyin", "d1"] == 0 and frame.loc["douyin", "paying_rate"] == 0
    assert frame.loc["(unknown)", "new_users"] == 1
    assert frame.index[0] == "wechat"


def test_lifecycle_weekly(store):
    frame = m.lifecycle(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 14)), period="week"
    )
    rows = frame.set_index("period").to_dict(orient="index")
    # u1 u3 new (signed up), x9 new (no users row: first seen on 01-05); u2 returning
    assert rows[D(2024, 1, 1)] == {"new": 3, "returning": 1, "resurrecting": 0, "dormant": 0}
    assert rows[D(2024, 1, 8)] == {"new": 1, "returning": 1, "resurrecting": 0, "dormant": -3}


def test_lifecycle_daily(store):
    frame = m.lifecycle(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 4)), period="day"
    )
    rows = frame.set_index("period").to_dict(orient="index")
    # u1 new; u2 active the day before (before signup) -> returning
    assert rows[D(2024, 1, 1)] == {"new": 1, "returning": 1, "resurrecting": 0, "dormant": 0}
    # u1 returning, u3 new; u2 dormant
    assert rows[D(2024, 1, 2)] == {"new": 1, "returning": 1, "resurrecting": 0, "dormant": -1}
    # u3 returning, u2 resurrecting; u1 dormant
    assert rows[D(2024, 1, 3)] == {"new": 0, "returning": 1, "resurrecting": 1, "dormant": -1}
    assert rows[D(2024, 1, 4)] == {"new": 0, "returning": 1, "resurrecting": 0, "dormant": -1}


def test_lifecycle_user_without_users_row_is_new_when_first_seen(store):
    frame = m.lifecycle(
        store, filters=Filters(start=D(2024, 1, 5), end=D(2024, 1, 6)), period="day"
    )
    rows = frame.set_index("period").to_dict(orient="index")
    # x9 has no users row: new on the day of their first event, then dormant
    assert rows[D(2024, 1, 5)] == {"new": 1, "returning": 0, "resurrecting": 0, "dormant": -1}
    assert rows[D(2024, 1, 6)] == {"new": 0, "returning": 0, "resurrecting": 0, "dormant": -1}
    # independent check: first seen per user from the raw events
    first_seen = pd.DataFrame(EVENTS, columns=["user", "at", "day", "event"]).groupby("user")
    assert first_seen["day"].min()["x9"] == D(2024, 1, 5)


FUNNEL_USERS = [
    ("f1", D(2024, 1, 1), "wechat", "ios", None),
    ("f2", D(2024, 1, 1), "wechat", "android", None),
    ("f3", D(2024, 1, 1), "douyin", "ios", None),
    ("f4", D(2024, 1, 1), "douyin", "ios", None),
]
FUNNEL_EVENTS = [
    ("f1", T(2024, 1, 1, 10), D(2024, 1, 1), "open"),
    ("f1", T(2024, 1, 1, 10, 5), D(2024, 1, 1), "cart"),
    ("f1", T(2024, 1, 2, 9), D(2024, 1, 2), "buy"),
    ("f2", T(2024, 1, 1, 12), D(2024, 1, 1), "open"),
    ("f2", T(2024, 1, 9, 12), D(2024, 1, 9), "cart"),  # 8 days later: outside the window
    ("f3", T(2024, 1, 2, 8), D(2024, 1, 2), "open"),
    ("f3", T(2024, 1, 2, 8), D(2024, 1, 2), "cart"),  # same second counts
    ("f3", T(2024, 1, 2, 7), D(2024, 1, 2), "buy"),  # before the cart: not counted
    ("f4", T(2024, 1, 1, 8), D(2024, 1, 1), "cart"),  # never opened: not in the funnel
    ("f5", T(2023, 12, 31, 10), D(2023, 12, 31), "open"),  # before the range
    ("f5", T(2024, 1, 3, 10), D(2024, 1, 3), "open"),
    ("f5", T(2024, 1, 3, 11), D(2024, 1, 3), "cart"),
    ("f5", T(2024, 1, 10, 9), D(2024, 1, 10), "buy"),  # 6 d 23 h after entering: inside
]


@pytest.fixture
def funnel_store(engine):
    with engine.begin() as conn:
        insert_users(conn, FUNNEL_USERS)
        insert_events(conn, FUNNEL_EVENTS)
    return engine


def test_funnel(funnel_store):
    result = m.funnel(
        funnel_store, filters=WEEK1, steps=("open", "cart", "buy"), breakdown="channel"
    )
    steps = result.steps
    assert steps["users"].tolist() == [4, 3, 2]
    assert steps["from_start"].tolist() == pytest.approx([1.0, 0.75, 0.5])
    assert steps["from_previous"].tolist()[1:] == pytest.approx([0.75, 2 / 3])
    assert steps["median_seconds"].tolist()[1:] == pytest.approx([300.0, (82500 + 597600) / 2])
    assert result.biggest_drop_step == 3
    groups = result.breakdown
    users = {(r.group, r.step): r.users for r in groups.itertuples()}
    assert users[("wechat", 1)] == 2 and users[("wechat", 3)] == 1
    assert users[("douyin", 2)] == 1 and users[("douyin", 3)] == 0
    assert users[("(unknown)", 3)] == 1
    shorter = m.funnel(funnel_store, filters=WEEK1, steps=("open", "buy"), window_days=1)
    assert shorter.steps["users"].tolist() == [4, 1]  # f1 only (f3's buy precedes its open)


def test_funnel_bad_input(funnel_store):
    with pytest.raises(ValueError):
        m.funnel(funnel_store, filters=WEEK1, steps=("open",))
    with pytest.raises(ValueError):
        m.funnel(funnel_store, filters=WEEK1, steps=("open", "cart"), window_days=0)
    empty = m.funnel(funnel_store, filters=WEEK1, steps=("nothing", "cart"))
    assert empty.steps["users"].tolist() == [0, 0] and empty.biggest_drop_step is None
    assert empty.steps["from_start"].tolist() == [None, None]


def test_user_tiers(store):
    frame = m.user_tiers(store, filters=WEEK1).set_index("level")
    assert frame["users"].to_dict() == {"gold": 2, "(unknown)": 2, "silver": 1}
    assert frame.loc["gold", "active_users"] == 1
    assert frame.loc["gold", "active_rate"] == pytest.approx(0.5)
    assert frame.loc["gold", "active_days_per_active"] == pytest.approx(2.0)
    assert frame.loc["gold", "revenue"] == pytest.approx(100.0)  # 100 + (50 - 50)
    assert frame.loc["gold", "arpu"] == pytest.approx(100.0)
    assert frame.loc["silver", "paying_users"] == 0  # the cancelled line does not count
    assert frame.loc["(unknown)", "active_days_per_active"] == pytest.approx(3.0)
    assert frame.loc["(unknown)", "revenue"] == 0  # u3 paid after the range
    assert frame.loc["gold", "share"] == pytest.approx(0.4)


def test_empty_store(engine):
    assert m.last_data_day(engine) is None
    assert m.new_users(engine, filters=WEEK1) == 0
    assert m.daily_active_users(engine, filters=WEEK1)["dau"].sum() == 0
    assert m.retention_table(engine, filters=WEEK1).to_records() == []
    assert m.channel_quality(engine, filters=WEEK1).empty
    assert m.user_tiers(engine, filters=WEEK1).empty
    assert m.lifecycle(engine, filters=WEEK1, period="day")["new"].sum() == 0
    assert m.day_n_retention(engine, filters=WEEK1, day=1) is None
    report = m.build_report(engine, filters=WEEK1, period="day")
    json.dumps(report)
    assert report["new_users"] == 0 and report["mau"] == 0 and report["retention"] == []


def test_build_report(store):
    report = m.build_report(store, filters=WEEK1, period="week")
    json.dumps(report)
    assert report["new_users"] == 4
    assert report["dau"] == {
        "2024-01-01": 2,
        "2024-01-02": 2,
        "2024-01-03": 2,
        "2024-01-04": 1,
        "2024-01-05": 1,
        "2024-01-06": 0,
        "2024-01-07": 0,
    }
    assert report["mau"] == 4
    assert report["retention"] == [{"cohort": "2024-01-01", "size": 4, "retained": [3, 1, 0, 0, 1]}]
    assert report["retention_as_of"] == "2024-01-31"
    assert report["d1_retention"] == pytest.approx(0.5)


def _activity_rows(engine) -> dict:
    table = m.ACTIVITY_DAYS
    with engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.user_id, table.c.activity_date, table.c.events))
        return {(user, as_date(day)): n for user, day, n in rows}


def _event_day_rows(engine) -> dict:
    """The event_days rollup, and the same counts straight from events (plain SQL)."""
    with engine.connect() as conn:
        rollup = conn.exec_driver_sql("SELECT event_date, event, events FROM event_days")
        direct = conn.exec_driver_sql(
            "SELECT event_date, event, count(*) FROM events GROUP BY event_date, event"
        )
        return (
            {(as_date(day), name): n for day, name, n in rollup},
            {(as_date(day), name): n for day, name, n in direct},
        )


def test_activity_rollup_follows_writes(store):
    rows = _activity_rows(store)
    assert len(rows) == 13 and set(rows.values()) == {1}
    rollup, direct = _event_day_rows(store)
    assert rollup == direct and sum(rollup.values()) == 13
    names = m.event_names(store)
    counts = pd.Series(direct).groupby(level=1).sum()
    assert names == sorted(counts.index, key=lambda name: (-counts[name], name))
    with store.begin() as conn:
        frame = pd.DataFrame(
            {
                "user_id": ["u1"],
                "event_at": [T(2024, 1, 1, 10)],
                "event_date": [D(2024, 1, 1)],
                "event": ["like"],
                "row_key": [99],
            }
        )
        bulk_insert(conn, Event.__table__, frame)
        after_data_write(conn, ["events"])
    assert _activity_rows(store)[("u1", D(2024, 1, 1))] == 2
    rollup, direct = _event_day_rows(store)
    assert rollup == direct and rollup[(D(2024, 1, 1), "like")] >= 1
    with store.begin() as conn:
        conn.execute(sa.delete(Event.__table__).where(Event.__table__.c.user_id == "u1"))
        after_data_write(conn, ["events"])
    assert not any(user == "u1" for user, _ in _activity_rows(store))
    rollup, direct = _event_day_rows(store)
    assert rollup == direct


def test_activity_rollup_follows_timezone_change(store):
    from opsdash.store.localdates import refresh_local_dates

    refresh_local_dates(store, timezone="America/New_York")  # UTC-5 in January
    rows = _activity_rows(store)
    assert rows[("u3", D(2024, 1, 3))] == 2  # the 20:00 UTC like moves to 01-03
    assert ("u3", D(2024, 1, 4)) not in rows
    rollup, direct = _event_day_rows(store)
    assert rollup == direct
