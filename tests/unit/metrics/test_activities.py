"""Campaign metrics on a hand-built store; expected numbers are worked out by hand below.

Campaigns (2024): K1 acquisition, channel ads, 01-08..01-10, budget 1000; K2 conversion,
01-05..01-20, no budget; K3 brand 02-01..02-05, budget 500; stats for X9 with no campaign row.
Stats: K1 01-08 ad a (1000 imp, 50 clicks, 20 participants, 10 new, 5 conv, cost 100, rev 300),
K1 01-08 ad b (500 imp, 0 clicks, cost 50), K1 01-09 ad a (1000 imp, 50 clicks, cost 100),
K1 01-10 (zeros); K2 01-05 (100 imp, 10 clicks, 2 conv, cost 20, rev 10), K2 01-16 (after
as_of: never counted); X9 01-09 (10 imp, 1 click).
View 01-08..01-15 (as_of 01-15):
- K1 ended; 2500 imp, 100 clicks, 5 conv, cost 250, rev 300 -> CTR 0.04, conv. rate 0.05,
  CPA 50, ROAS 1.2, ROI 0.2, budget used 0.25, cost per new user 25.
- K2 running; nothing in the period -> every ratio None; budget used None (no budget).
- K3 upcoming; X9 running (no dates).
Signups per day: 01-01..03: 2 each; 01-05: 1; 01-06: 2; 01-07: 3; 01-08: 5; 01-09: 7;
01-10: 6 -> K1's window [5, 7, 6], previous baseline 01-05..07 [1, 2, 3], same-weekdays
baseline 01-01..03 [2, 2, 2].
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
import sqlalchemy as sa
from scipy import stats as scipy_stats

from opsdash.filters import Filters
from opsdash.metrics import activities as metrics
from opsdash.metrics import users as users_metrics
from opsdash.models import Campaign, CampaignStat, Event, OrderLine, User
from opsdash.store.hooks import after_data_write

D = dt.date
VIEW = Filters(start=D(2024, 1, 8), end=D(2024, 1, 15))
SIGNUPS = {1: 2, 2: 2, 3: 2, 5: 1, 6: 2, 7: 3, 8: 5, 9: 7, 10: 6}
ADS_USERS = {"v1": 5, "v2": 7, "u1": 8, "u2": 8, "u3": 9}  # channel "ads", by signup day
EVENTS = [("u1", 9), ("u1", 15), ("u2", 8), ("u3", 10), ("v1", 6), ("o1", 16)]


def _stat(campaign_id, day, ad_id="", **values):
    row = {"campaign_id": campaign_id, "date": day, "ad_id": ad_id}
    row.update({name: 0 for name in metrics.STAT_COLUMNS})
    row.update(values)
    return row


def _users():
    rows = [
        {"user_id": user_id, "signup_date": D(2024, 1, day), "channel": "ads"}
        for user_id, day in ADS_USERS.items()
    ]
    per_day = {}
    for day in ADS_USERS.values():
        per_day[day] = per_day.get(day, 0) + 1
    for day, count in SIGNUPS.items():
        rows += [
            {"user_id": f"o{day}_{n}", "signup_date": D(2024, 1, day), "channel": "organic"}
            for n in range(count - per_day.get(day, 0))
        ]
    rows.append({"user_id": "o1", "signup_date": D(2023, 12, 1), "channel": "organic"})
    for row in rows:
        row["signup_at"] = dt.datetime.combine(row["signup_date"], dt.time(8))
    return rows


@pytest.fixture
def store(engine):
    campaigns = [
        {"campaign_id": "K1", "name": "Gift", "goal": "acquisition", "channel": "ads",
         "start_date": D(2024, 1, 8), "end_date": D(2024, 1, 10), "budget": 1000.0},
        {"campaign_id": "K2", "name": "Sale", "goal": "转化", "channel": None,
         "start_date": D(2024, 1, 5), "end_date": D(2024, 1, 20), "budget": None},
        {"campaign_id": "K3", "name": "Film", "goal": "brand", "channel": "ads",
         "start_date": D(2024, 2, 1), "end_date": D(2024, 2, 5), "budget": 500.0},
    ]  # fmt: skip
    stats = [
        _stat("K1", D(2024, 1, 8), "a", impressions=1000, clicks=50, participants=20,
              new_users=10, conversions=5, cost=100.0, revenue=300.0),
        _stat("K1", D(2024, 1, 8), "b", impressions=500, cost=50.0),
        _stat("K1", D(2024, 1, 9), "a", impressions=1000, clicks=50, cost=100.0),
        _stat("K1", D(2024, 1, 10)),
        _stat("K2", D(2024, 1, 5), impressions=100, clicks=10, conversions=2, cost=20.0,
              revenue=10.0),
        _stat("K2", D(2024, 1, 16), impressions=100, clicks=10, conversions=1, cost=30.0,
              revenue=100.0),
        _stat("X9", D(2024, 1, 9), impressions=10, clicks=1),
    ]  # fmt: skip
    events = [
        {"user_id": user_id, "event_date": D(2024, 1, day), "event": "app_open",
         "event_at": dt.datetime(2024, 1, day, 12), "row_key": n}
        for n, (user_id, day) in enumerate(EVENTS)
    ]  # fmt: skip
    orders = [
        {"order_id": "A", "line": 1, "user_id": "u1", "paid_date": D(2024, 1, 8), "amount": 5.0,
         "status": "paid"},
        {"order_id": "A", "line": 2, "user_id": "u1", "paid_date": D(2024, 1, 8), "amount": 5.0,
         "status": "paid"},
        {"order_id": "B", "line": 1, "user_id": "u2", "paid_date": D(2024, 1, 8), "amount": 9.0,
         "status": "refunded"},
        {"order_id": "C", "line": 1, "user_id": "u2", "paid_date": D(2024, 1, 8), "amount": 9.0,
         "status": "cancelled"},
        {"order_id": "E", "line": 1, "user_id": None, "paid_date": D(2024, 1, 9), "amount": 1.0,
         "status": "paid"},
    ]  # fmt: skip
    for order in orders:
        order["paid_at"] = dt.datetime.combine(order["paid_date"], dt.time(10))
    with engine.begin() as conn:
        conn.execute(sa.insert(Campaign.__table__), campaigns)
        conn.execute(sa.insert(CampaignStat.__table__), stats)
        conn.execute(sa.insert(User.__table__), _users())
        conn.execute(sa.insert(Event.__table__), events)
        conn.execute(sa.insert(OrderLine.__table__), orders)
        after_data_write(
            conn, {"campaigns", "campaign_stats", "users", "events", "orders"}
        )  # the app's write path (rollups)
    return engine


def test_status_rule():
    as_of = D(2024, 1, 15)
    assert metrics.campaign_status(D(2024, 1, 16), None, as_of=as_of) == "upcoming"
    assert metrics.campaign_status(D(2024, 1, 1), D(2024, 1, 14), as_of=as_of) == "ended"
    assert metrics.campaign_status(D(2024, 1, 1), D(2024, 1, 15), as_of=as_of) == "running"
    assert metrics.campaign_status(D(2024, 1, 15), D(2024, 1, 20), as_of=as_of) == "running"
    assert metrics.campaign_status(None, None, as_of=as_of) == "running"


def test_goals():
    assert metrics.normalise_goal("拉新") == "acquisition"
    assert metrics.normalise_goal(" Conversion ") == "conversion"
    assert metrics.goal_metric("促活") == "dau"
    assert metrics.goal_metric("conversion") == "orders"
    assert metrics.goal_metric(None) == "dau"


def test_campaign_table_period(store):
    table = metrics.campaign_table(store, filters=VIEW)
    assert table["campaign_id"].tolist() == ["K2", "K1", "K3", "X9"]
    k1 = table.set_index("campaign_id").loc["K1"]
    assert k1["status"] == "ended"
    assert (k1["impressions"], k1["clicks"], k1["conversions"]) == (2500, 100, 5)
    assert (k1["participants"], k1["new_users"]) == (20, 10)
    assert (k1["cost"], k1["revenue"]) == (250.0, 300.0)
    assert k1["ctr"] == pytest.approx(0.04)
    assert k1["conversion_rate"] == pytest.approx(0.05)
    assert k1["cpa"] == pytest.approx(50.0)
    assert k1["cost_per_new_user"] == pytest.approx(25.0)
    assert k1["roas"] == pytest.approx(1.2)
    assert k1["roi"] == pytest.approx(0.2)
    assert k1["budget_used"] == pytest.approx(0.25)
    k2 = table.set_index("campaign_id").loc["K2"]
    assert k2["status"] == "running" and k2["goal"] == "conversion"
    assert k2["impressions"] == 0
    for name in ("ctr", "conversion_rate", "cpa", "roas", "roi", "budget_used"):
        assert k2[name] is None, name
    assert k2["cost_to_date"] == pytest.approx(20.0)  # the 01-16 row is after as_of
    k3 = table.set_index("campaign_id").loc["K3"]
    assert k3["status"] == "upcoming" and k3["budget_used"] == 0.0
    x9 = table.set_index("campaign_id").loc["X9"]
    assert x9["name"] is None and x9["impressions"] == 10 and x9["status"] == "running"


def test_campaign_table_whole_campaign_and_compare(store):
    table = metrics.campaign_table(store, filters=VIEW, scope="campaign").set_index("campaign_id")
    assert (table.loc["K2", "impressions"], table.loc["K2", "conversions"]) == (100, 2)
    assert table.loc["K2", "cpa"] == pytest.approx(10.0)
    assert table.loc["K2", "roi"] == pytest.approx(-0.5)
    compared = metrics.compare_campaigns(store, filters=VIEW, campaign_ids=("K2", "K1"))
    assert compared["campaign_id"].tolist() == ["K2", "K1"]
    daily = metrics.campaign_daily(store, campaign_ids=("K1",), until=VIEW.end)
    assert daily["day"].tolist() == [0, 1, 2]
    assert daily["impressions"].tolist() == [1500, 1000, 0]


def test_totals(store):
    totals = metrics.campaign_totals(metrics.campaign_table(store, filters=VIEW))
    assert totals["impressions"] == 2510 and totals["clicks"] == 101
    assert totals["cpa"] == pytest.approx(50.0)
    assert totals["roi"] == pytest.approx(0.2)


def test_goal_metric_series(store):
    series = metrics.goal_metric_series(
        store, metric="new_users", start=D(2024, 1, 4), end=D(2024, 1, 10), filters=VIEW
    )
    assert series["value"].tolist() == [0, 1, 2, 3, 5, 7, 6]
    ads = Filters(start=VIEW.start, end=VIEW.end, channels=("ads",))
    series = metrics.goal_metric_series(
        store, metric="new_users", start=D(2024, 1, 5), end=D(2024, 1, 9), filters=ads
    )
    assert series["value"].tolist() == [1, 0, 1, 2, 1]
    dau = metrics.goal_metric_series(
        store, metric="dau", start=D(2024, 1, 8), end=D(2024, 1, 10), filters=VIEW
    )
    assert dau["value"].tolist() == [1, 1, 1]
    orders = metrics.goal_metric_series(
        store, metric="orders", start=D(2024, 1, 8), end=D(2024, 1, 9), filters=VIEW
    )
    assert orders["value"].tolist() == [2, 1]  # A and B (refunded still counts); C cancelled


def test_timeline(store):
    timeline = metrics.campaign_timeline(store, filters=VIEW)
    assert timeline["campaign_id"].tolist() == ["K2", "K1"]
    k2 = timeline.iloc[0]
    assert (k2["bar_start"], k2["bar_end"], k2["metric"]) == (VIEW.start, VIEW.end, "orders")


def test_daily_lift_matches_scipy_welch():
    during, baseline = [5.0, 7.0, 6.0, 9.0], [1.0, 2.0, 3.0, 2.5, 2.0]
    result = metrics.daily_lift(during, baseline)
    reference = scipy_stats.ttest_ind(during, baseline, equal_var=False)
    low, high = reference.confidence_interval(0.95)
    assert result.difference == pytest.approx(np.mean(during) - np.mean(baseline))
    assert result.difference_low == pytest.approx(low)
    assert result.difference_high == pytest.approx(high)
    assert result.p_value == pytest.approx(reference.pvalue)
    assert result.error is None
    # relative lift: delta method, worked by hand
    m1, m0 = np.mean(during), np.mean(baseline)
    a = np.var(during, ddof=1) / 4 / m0**2
    b = m1**2 * np.var(baseline, ddof=1) / 5 / m0**4
    df = (a + b) ** 2 / (a**2 / 3 + b**2 / 4)
    half = scipy_stats.t.ppf(0.975, df) * math.sqrt(a + b)
    assert result.lift == pytest.approx(m1 / m0 - 1)
    assert result.lift_low == pytest.approx(m1 / m0 - 1 - half)
    assert result.lift_high == pytest.approx(m1 / m0 - 1 + half)


def test_daily_lift_statsmodels_agrees():
    from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

    during, baseline = [12.0, 15.0, 11.0, 18.0, 14.0], [10.0, 9.0, 13.0, 11.0]
    result = metrics.daily_lift(during, baseline, confidence=0.9)
    compare = CompareMeans(DescrStatsW(np.array(during)), DescrStatsW(np.array(baseline)))
    low, high = compare.tconfint_diff(alpha=0.1, usevar="unequal")
    assert (result.difference_low, result.difference_high) == pytest.approx((low, high))


def test_daily_lift_degenerate_inputs():
    assert metrics.daily_lift([1.0], [1.0, 2.0]).error == "too_few_days"
    assert metrics.daily_lift([], [1.0, 2.0]).mean_during is None
    flat = metrics.daily_lift([2.0, 2.0], [2.0, 2.0])
    assert flat.error == "no_variance" and flat.lift == 0.0 and flat.difference_low is None
    zero = metrics.daily_lift([1.0, 2.0], [0.0, 0.0])
    assert zero.error == "zero_baseline" and zero.lift is None
    assert zero.difference_low is not None


def test_baseline_windows():
    start, end = D(2024, 1, 8), D(2024, 1, 10)
    assert metrics.baseline_window(start, end, "previous") == (D(2024, 1, 5), D(2024, 1, 7))
    assert metrics.baseline_window(start, end, "same_weekdays") == (D(2024, 1, 1), D(2024, 1, 3))
    # 9 days -> moved back two weeks, same weekdays
    low, high = metrics.baseline_window(D(2024, 1, 8), D(2024, 1, 16), "same_weekdays")
    assert (low, high) == (D(2023, 12, 25), D(2024, 1, 2)) and low.weekday() == 0


def test_campaign_review(store):
    review = metrics.campaign_review(store, campaign_id="K1", filters=VIEW)
    assert review.metric == "new_users" and review.status == "ended"
    assert review.window_end == D(2024, 1, 10)
    previous, weekdays = review.baselines
    assert (previous.start, previous.end) == (D(2024, 1, 5), D(2024, 1, 7))
    expected = metrics.daily_lift([5, 7, 6], [1, 2, 3])
    assert previous.result == expected
    assert previous.result.mean_during == 6 and previous.result.mean_baseline == 2
    assert previous.result.lift == pytest.approx(2.0)
    assert (weekdays.start, weekdays.end) == (D(2024, 1, 1), D(2024, 1, 3))
    assert weekdays.result.mean_baseline == 2 and weekdays.result.lift == pytest.approx(2.0)
    # retention restricted to channel ads; last event day 01-16
    assert review.retention_channel == "ads"
    (d1_during, d1_outside), (d7_during, d7_outside) = review.retention
    assert (d1_during.users, d1_during.retained) == (3, 2)  # u1, u3 back next day
    assert (d1_outside.users, d1_outside.retained) == (2, 1)  # v1
    assert (d7_during.users, d7_during.retained) == (3, 1)  # u1 on 01-15
    assert (d7_outside.users, d7_outside.retained) == (2, 0)
    assert d1_during.rate == pytest.approx(2 / 3)
    parts = dict(zip(review.series["date"], review.series["part"], strict=True))
    assert parts[D(2024, 1, 9)] == "campaign" and parts[D(2024, 1, 6)] == "previous"
    assert parts[D(2024, 1, 2)] == "same_weekdays" and parts[D(2024, 1, 4)] == "other"
    assert review.to_dict()["results"]["cpa"] == pytest.approx(50.0)


def test_retention_matches_users_page_definition(store):
    ours = metrics.day_n_retention(
        store, start=D(2024, 1, 1), end=D(2024, 1, 10), day=1, filters=VIEW
    )
    theirs = users_metrics.day_n_retention(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 10)), day=1
    )
    assert ours.rate == pytest.approx(theirs)


def test_review_of_unknown_and_upcoming(store):
    assert metrics.campaign_review(store, campaign_id="nope", filters=VIEW) is None
    upcoming = metrics.campaign_review(store, campaign_id="K3", filters=VIEW)
    assert upcoming.error == "not_started" and upcoming.baselines == ()
    assert metrics.campaign_review(store, campaign_id="X9", filters=VIEW).error == "no_dates"


def test_report_contract(store):
    import json

    report = metrics.build_report(store, filters=VIEW, period="day")
    json.dumps(report)
    by_id = {row["campaign_id"]: row for row in report["campaigns"]}
    for key in ("impressions", "clicks", "conversions", "cost", "revenue", "cpa", "roi"):
        assert key in by_id["K1"]
    assert by_id["K1"]["cpa"] == pytest.approx(50.0)
    assert by_id["K2"]["cpa"] is None
    assert [r["campaign_id"] for r in report["reviews"]] == ["K1"]


def test_empty_store(engine):
    report = metrics.build_report(engine, filters=VIEW)
    assert report["campaigns"] == [] and report["totals"]["cpa"] is None


# ---------------------------------------------------------------- real export (per ad)


def test_kag_ads_export_against_pandas(sqlite_engine, shared_datasets):
    import pandas as pd

    from opsdash.store.bulk import bulk_insert

    raw = pd.read_csv(shared_datasets / "KAG_conversion_data.csv", lineterminator="\r")
    stats = pd.DataFrame(
        {
            "campaign_id": raw["xyz_campaign_id"].astype(str),
            "ad_id": raw["ad_id"].astype(str),
            "date": D(2017, 8, 30),  # the export has no date
            "impressions": raw["Impressions"],
            "clicks": raw["Clicks"],
            "conversions": raw["Total_Conversion"],
            "cost": raw["Spent"],
            "participants": 0,
            "new_users": 0,
            "revenue": 0.0,
        }
    )
    with sqlite_engine.begin() as conn:
        bulk_insert(conn, CampaignStat.__table__, stats)
    view = Filters(start=D(2017, 8, 1), end=D(2017, 8, 31))
    table = metrics.campaign_table(sqlite_engine, filters=view).set_index("campaign_id")
    expected = raw.groupby(raw["xyz_campaign_id"].astype(str)).sum(numeric_only=True)
    assert sorted(table.index) == sorted(expected.index)
    for campaign_id, row in expected.iterrows():
        got = table.loc[campaign_id]
        assert got["impressions"] == row["Impressions"] and got["clicks"] == row["Clicks"]
        assert got["cost"] == pytest.approx(row["Spent"])
        assert got["cpa"] == pytest.approx(row["Spent"] / row["Total_Conversion"])
        assert got["ctr"] == pytest.approx(row["Clicks"] / row["Impressions"])
        assert got["roi"] == pytest.approx(-1.0)  # no revenue in the export
        assert got["status"] == "running" and got["budget_used"] is None
    ads = metrics.ad_table(sqlite_engine, filters=view, campaign_id="916")
    zero_clicks = raw[(raw["xyz_campaign_id"] == 916) & (raw["Clicks"] == 0)]
    assert int(ads["conversion_rate"].isna().sum()) == len(zero_clicks)
    assert all(value is None for value in ads.loc[ads["clicks"] == 0, "conversion_rate"])
    assert (raw["Clicks"] == 0).sum() == 207
    every_ad = pd.concat(
        metrics.ad_table(sqlite_engine, filters=view, campaign_id=c) for c in expected.index
    )
    assert int((every_ad["clicks"] == 0).sum()) == 207
    assert every_ad.loc[every_ad["clicks"] == 0, "conversion_rate"].map(lambda v: v is None).all()
    report = metrics.build_report(sqlite_engine, filters=view)
    import json

    json.dumps(report)  # no NaN/inf sneaks into the JSON
    assert all(r["cpa"] is not None for r in report["campaigns"])


def test_report_carries_whole_campaign_results(store):
    report = metrics.build_report(store, filters=VIEW)
    k2 = {row["campaign_id"]: row for row in report["campaigns"]}["K2"]
    assert k2["impressions"] == 0  # nothing dated in the period
    assert k2["whole_campaign"]["impressions"] == 100  # the 01-05 row; 01-16 is after as_of
    assert k2["whole_campaign"]["cpa"] == pytest.approx(10.0)
