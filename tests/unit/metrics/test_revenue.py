"""Revenue metrics against hand-computed answers on a small store (SQLite and PostgreSQL).

The store (every amount below is worked out by hand in the tests):

users   u1 signup 01-01 ads · u2 01-10 organic · u3 02-01 ads · u4 02-15 ads (never buys)
events  January: u1, u2 · February: u1, u2, u3, u4
orders  (2024; status paid unless noted)
  O1/1  u1  01-05  A cat1 web  100
  O2/1  u2  01-20  B cat2 app   50  refunded 50 (full refund)
  O3/1  u1  02-03  A cat1 web  100                         } one order, two lines
  O3/2  u1  02-03  B cat2 web   40  refunded 10 (partial)  }
  O4/1  u1  02-20  A cat1 app   60
  O5/1  u3  02-10  C cat1 app  200
  O6/1  --  02-11  A cat1 web   30  (guest)
  O7/1  u2  02-12  B cat2 web   80  cancelled
  O8/1  u2  --     B cat2 web   25  unpaid (no payment day)
  O9/1  u2  02-14  B cat2 web   -5  returned (a return line: quantity -1, refund of 5, dated 02-14)
  O10/1 u2  02-25  B cat2 app   20  refunded 30 (more than the line: capped at 20)
  O11/1 u3  03-05  A cat1 app  100
  O12/1 u2  02-15  POSTAGE cat2 web 7  adjustment (a charge, not a sale: left out)
  O13/1 u1  02-16  A cat1 web    0  (zero price: left out)
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from opsdash.filters import Filters
from opsdash.metrics import revenue
from opsdash.models import Event, OrderLine, User
from opsdash.store.bulk import bulk_insert

D = dt.date
FEB = Filters(start=D(2024, 2, 1), end=D(2024, 2, 29))
Q1 = Filters(start=D(2024, 1, 1), end=D(2024, 3, 31))

ORDER_ROWS = [
    # order, line, user, paid day, product, category, channel, amount, status, refund
    ("O1", 1, "u1", D(2024, 1, 5), "A", "cat1", "web", 100.0, "paid", 0.0),
    ("O2", 1, "u2", D(2024, 1, 20), "B", "cat2", "app", 50.0, "refunded", 50.0),
    ("O3", 1, "u1", D(2024, 2, 3), "A", "cat1", "web", 100.0, "paid", 0.0),
    ("O3", 2, "u1", D(2024, 2, 3), "B", "cat2", "web", 40.0, "refunded", 10.0),
    ("O4", 1, "u1", D(2024, 2, 20), "A", "cat1", "app", 60.0, "paid", 0.0),
    ("O5", 1, "u3", D(2024, 2, 10), "C", "cat1", "app", 200.0, "paid", 0.0),
    ("O6", 1, None, D(2024, 2, 11), "A", "cat1", "web", 30.0, "paid", 0.0),
    ("O7", 1, "u2", D(2024, 2, 12), "B", "cat2", "web", 80.0, "cancelled", 0.0),
    ("O8", 1, "u2", None, "B", "cat2", "web", 25.0, "unpaid", 0.0),
    ("O9", 1, "u2", D(2024, 2, 14), "B", "cat2", "web", -5.0, "returned", 0.0),
    ("O10", 1, "u2", D(2024, 2, 25), "B", "cat2", "app", 20.0, "refunded", 30.0),
    ("O11", 1, "u3", D(2024, 3, 5), "A", "cat1", "app", 100.0, "paid", 0.0),
    ("O12", 1, "u2", D(2024, 2, 15), "POSTAGE", "cat2", "web", 7.0, "adjustment", 0.0),
    ("O13", 1, "u1", D(2024, 2, 16), "A", "cat1", "web", 0.0, "paid", 0.0),
]


def _orders_frame(rows=ORDER_ROWS) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows,
        columns=[
            "order_id",
            "line",
            "user_id",
            "paid_date",
            "product",
            "category",
            "channel",
            "amount",
            "status",
            "refund_amount",
        ],
    )
    frame["paid_at"] = [
        None if day is None else dt.datetime.combine(day, dt.time(12)) for day in frame.paid_date
    ]
    frame["currency"] = "CNY"
    frame["quantity"] = [-1.0 if amount < 0 else 1.0 for amount in frame.amount]
    return frame


def _load(engine, *, events: bool = True, rows=ORDER_ROWS) -> None:
    users = pd.DataFrame(
        {
            "user_id": ["u1", "u2", "u3", "u4"],
            "signup_date": [D(2024, 1, 1), D(2024, 1, 10), D(2024, 2, 1), D(2024, 2, 15)],
            "channel": ["ads", "organic", "ads", "ads"],
        }
    )
    users["signup_at"] = pd.to_datetime(users["signup_date"])
    event_rows = [
        ("u1", D(2024, 1, 6)),
        ("u2", D(2024, 1, 21)),
        ("u2", D(2024, 1, 22)),
        ("u1", D(2024, 2, 2)),
        ("u2", D(2024, 2, 2)),
        ("u3", D(2024, 2, 9)),
        ("u4", D(2024, 2, 16)),
        ("u4", D(2024, 2, 17)),
    ]
    event_frame = pd.DataFrame(event_rows, columns=["user_id", "event_date"])
    event_frame["event_at"] = pd.to_datetime(event_frame["event_date"])
    event_frame["event"] = "app_open"
    event_frame["row_key"] = range(1, len(event_frame) + 1)
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, users)
        if events:
            bulk_insert(conn, Event.__table__, event_frame)
        bulk_insert(conn, OrderLine.__table__, _orders_frame(rows))


@pytest.fixture
def store(engine):
    _load(engine)
    return engine


def test_summary_of_the_period(store):
    s = revenue.revenue_summary(store, filters=FEB)
    assert s.gross_revenue == pytest.approx(450)  # 100 + 40 + 60 + 200 + 30 + 20
    # 10 partial + 20 (30 capped at the line's 20) + 5 (the O9 return line)
    assert s.refunds == pytest.approx(35)
    assert s.revenue == pytest.approx(415)
    assert s.orders == 5  # O3 (two lines), O4, O5, O6, O10; the O9 return is not an order
    assert s.refunded_orders == 3  # O3 (partial), O9 (return), O10
    assert s.paying_users == 3  # u1, u2, u3; the guest line is revenue, not a user
    assert s.user_revenue == pytest.approx(385)
    assert s.guest_revenue == pytest.approx(30)
    assert s.aov == pytest.approx(83)  # net: 415 / 5
    assert s.refund_rate == pytest.approx(35 / 450)
    assert s.active_users == 4
    assert s.paying_rate == pytest.approx(3 / 4)
    assert s.arpu == pytest.approx(415 / 4)  # net revenue, guest line included
    assert s.arppu == pytest.approx(415 / 3)
    assert s.arpu == pytest.approx(s.paying_rate * s.arppu)
    assert s.active_users_note is None


def test_previous_period_and_changes(store):
    previous = revenue.revenue_summary(store, filters=FEB.previous())  # all of January
    assert (previous.start, previous.end) == (D(2024, 1, 1), D(2024, 1, 31))
    assert previous.gross_revenue == pytest.approx(150)
    assert previous.refunds == pytest.approx(50)
    assert previous.revenue == pytest.approx(100)
    assert (previous.orders, previous.paying_users, previous.active_users) == (2, 2, 2)
    assert previous.arppu == pytest.approx(50)
    changes = revenue.summary_changes(revenue.revenue_summary(store, filters=FEB), previous)
    assert changes["revenue"] == pytest.approx(3.15)
    assert changes["orders"] == pytest.approx(1.5)
    assert changes["paying_rate"] == pytest.approx(-0.25)


def test_empty_period_gives_zeros_and_none(store):
    empty = Filters(start=D(2023, 1, 1), end=D(2023, 1, 31))
    s = revenue.revenue_summary(store, filters=empty)
    assert (s.gross_revenue, s.refunds, s.revenue, s.orders, s.paying_users) == (0, 0, 0, 0, 0)
    assert s.active_users == 0
    assert None is s.aov is s.refund_rate is s.paying_rate is s.arpu is s.arppu
    assert revenue.retention_cohorts(store, filters=empty) == []
    assert revenue.rfm_customers(store, filters=empty).empty
    assert revenue.revenue_by(store, filters=empty, dimension="product").empty
    mix = revenue.customer_mix(store, filters=empty)
    assert mix.repeat_purchase_rate is None
    assert revenue.days_to_first_purchase(store, filters=empty).median_days is None
    changes = revenue.summary_changes(s, s)
    assert all(value is None for value in changes.values())


def test_empty_store(engine):
    report = revenue.build_report(engine, filters=FEB, period="day")
    assert report["revenue"] == 0
    assert report["cohorts"] == []
    assert report["arpu"] is None
    assert report["active_users_note"] == "no_events"
    json.dumps(report)


def test_no_events_means_no_active_base(engine):
    _load(engine, events=False)
    s = revenue.revenue_summary(engine, filters=FEB)
    assert s.revenue == pytest.approx(415)
    assert s.active_users is None and s.active_users_note == "no_events"
    assert None is s.paying_rate is s.arpu
    assert s.arppu == pytest.approx(415 / 3)


def test_segment_filter_keeps_matching_users_only(store):
    ads = Filters(start=FEB.start, end=FEB.end, channels=("ads",))
    s = revenue.revenue_summary(store, filters=ads)
    assert s.gross_revenue == pytest.approx(400)  # u1: 100 + 40 + 60, u3: 200; no guest
    assert s.revenue == pytest.approx(390)
    assert (s.orders, s.paying_users, s.active_users) == (3, 2, 3)  # active: u1, u3, u4


def test_over_time(store):
    daily = revenue.revenue_over_time(store, filters=FEB, period="day")
    assert len(daily) == 29
    feb3 = daily[daily.period_start == D(2024, 2, 3)].iloc[0]
    assert (feb3.gross_revenue, feb3.refunds, feb3.revenue, feb3.orders) == (140, 10, 130, 1)
    assert daily[daily.period_start == D(2024, 2, 4)].iloc[0].revenue == 0
    assert daily.revenue.sum() == pytest.approx(415)
    feb14 = daily[daily.period_start == D(2024, 2, 14)].iloc[0]  # the return, on its own day
    assert (feb14.gross_revenue, feb14.refunds, feb14.revenue, feb14.orders) == (0, 5, -5, 0)
    monthly = revenue.revenue_over_time(store, filters=Q1, period="month")
    assert monthly.period_start.tolist() == [D(2024, 1, 1), D(2024, 2, 1), D(2024, 3, 1)]
    assert monthly.revenue.tolist() == pytest.approx([100, 415, 100])
    assert monthly.paying_users.tolist() == [2, 3, 1]
    weekly = revenue.revenue_over_time(store, filters=FEB, period="week")
    assert weekly.period_start.iloc[0] == D(2024, 1, 29)  # the Monday of Feb 1's week
    assert weekly.revenue.sum() == pytest.approx(415)


def test_breakdowns(store):
    product = revenue.revenue_by(store, filters=FEB, dimension="product")
    assert product["product"].tolist() == ["C", "A", "B"]
    a = product.set_index("product").loc["A"]
    assert (a.gross_revenue, a.revenue, a.orders, a.paying_users, a.quantity) == (
        190,
        190,
        3,
        1,
        3,
    )
    b = product.set_index("product").loc["B"]
    assert (b.gross_revenue, b.refunds, b.revenue, b.orders, b.paying_users) == (60, 35, 25, 2, 2)
    assert b.quantity == 1  # 2 sold, 1 returned
    assert b.refund_rate == pytest.approx(35 / 60)
    assert product.share.sum() == pytest.approx(1)
    category = revenue.revenue_by(store, filters=FEB, dimension="category").set_index("category")
    assert category.revenue.to_dict() == pytest.approx({"cat1": 390, "cat2": 25})
    channel = revenue.revenue_by(store, filters=FEB, dimension="channel").set_index("channel")
    assert channel.gross_revenue.to_dict() == pytest.approx({"web": 170, "app": 280})
    assert channel.revenue.to_dict() == pytest.approx({"web": 155, "app": 260})


def test_customer_mix_and_repeat_purchases(store):
    mix = revenue.customer_mix(store, filters=FEB)
    assert (mix.new_customers, mix.returning_customers) == (1, 2)  # new: u3
    assert mix.new_revenue == pytest.approx(200)
    assert mix.returning_revenue == pytest.approx(185)  # u1 100+30+60, u2 20-20-5
    assert mix.guest_revenue == pytest.approx(30)
    assert mix.repeat_customers == 1  # u1: O3 and O4
    assert mix.repeat_purchase_rate == pytest.approx(1 / 3)
    over_time = revenue.new_vs_returning_over_time(store, filters=FEB, period="month")
    assert over_time.groupby("kind").revenue.sum().to_dict() == pytest.approx(
        {"new": 200, "returning": 185, "guest": 30}
    )


def test_days_to_first_purchase(store):
    result = revenue.days_to_first_purchase(store, filters=FEB)
    assert result.users == 1  # u3: signup 02-01, first purchase 02-10
    assert result.median_days == 9
    assert result.buckets["8-30"] == 1 and sum(result.buckets.values()) == 1
    january = revenue.days_to_first_purchase(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 31))
    )
    assert january.users == 2  # u1: 4 days, u2: 10 days
    assert january.median_days == pytest.approx(7)
    assert january.buckets["1-7"] == 1 and january.buckets["8-30"] == 1


def test_retention_cohorts(store):
    assert revenue.retention_cohorts(store, filters=Q1) == [
        # u1 and u2 first bought in January; both bought in February (u2's O10 is counted,
        # O7 cancelled and the O9 return are not purchases); none in March.
        {"cohort": "2024-01", "size": 2, "retained": [2, 2, 0]},
        {"cohort": "2024-02", "size": 1, "retained": [1, 1]},  # u3; March: O11
    ]
    # February only: first purchases ever in February (u1, u2 are not new), up to Feb 29.
    assert revenue.retention_cohorts(store, filters=FEB) == [
        {"cohort": "2024-02", "size": 1, "retained": [1]}
    ]
    counts = revenue.retention_counts(revenue.retention_cohorts(store, filters=Q1))
    assert counts.loc["2024-02", "size"] == 1
    shares = revenue.retention_percentages(revenue.retention_cohorts(store, filters=Q1))
    assert shares.loc["2024-01"].tolist() == [1.0, 1.0, 0.0]
    assert shares.loc["2024-02", 1] == 1.0 and pd.isna(shares.loc["2024-02", 2])


def test_cohort_ltv(store):
    ltv = revenue.cohort_ltv(store, filters=Q1, basis="first_purchase")
    table = ltv.set_index(["cohort", "month"])
    # (100, 100 + 190 - 5) / 2: u2's February return lowers the cohort's February revenue
    assert table.loc["2024-01"].ltv.tolist() == pytest.approx([50, 142.5, 142.5])
    assert table.loc["2024-02"].ltv.tolist() == pytest.approx([200, 300])
    # "all": size-weighted, only cohorts that reached the month (month 2: January only).
    assert table.loc["all"].ltv.tolist() == pytest.approx([100, 585 / 3, 142.5])
    assert table.loc["all"]["size"].tolist() == [3, 3, 2]
    by_signup = revenue.cohort_ltv(store, filters=Q1, basis="signup").set_index(["cohort", "month"])
    assert by_signup.loc["2024-02"].ltv.tolist() == pytest.approx([100, 150])  # u3 + u4 (0)
    assert by_signup.loc["2024-01"]["size"].iloc[0] == 2


def test_rfm(store):
    customers = revenue.rfm_customers(store, filters=FEB).set_index("user_id")
    # as of 02-29: u1 last 02-20 (9 days), 2 orders, 190; u2 02-25 (4), 1, 20-20-5; u3 02-10
    # (19), 1, 200
    assert customers.recency_days.to_dict() == {"u1": 9, "u2": 4, "u3": 19}
    assert customers.frequency.to_dict() == {"u1": 2, "u2": 1, "u3": 1}
    assert customers.monetary.to_dict() == pytest.approx({"u1": 190, "u2": -5, "u3": 200})
    # scores: 1 + floor(5 * (rank_min - 1) / 3) -> ranks 1, 2, 3 give 1, 2, 4; ties share
    assert customers.r_score.to_dict() == {"u3": 1, "u1": 2, "u2": 4}
    assert customers.f_score.to_dict() == {"u2": 1, "u3": 1, "u1": 4}
    assert customers.m_score.to_dict() == {"u2": 1, "u1": 2, "u3": 4}
    assert customers.segment.to_dict() == {
        "u1": "at_risk",
        "u2": "promising",
        "u3": "hibernating",
    }
    segments = revenue.rfm_segments(customers.reset_index()).set_index("segment")
    assert len(segments) == len(revenue.RFM_SEGMENTS)
    assert segments.loc["at_risk", "customers"] == 1
    assert segments.loc["hibernating", "revenue"] == pytest.approx(200)
    assert segments.loc["champions", "customers"] == 0
    assert segments.customer_share.sum() == pytest.approx(1)


def test_rfm_segment_map():
    assert revenue.rfm_segment(5, 5) == "champions"
    assert revenue.rfm_segment(3, 4) == "loyal"
    assert revenue.rfm_segment(5, 2) == "potential_loyalists"
    assert revenue.rfm_segment(5, 1) == "new_customers"
    assert revenue.rfm_segment(3, 3) == "need_attention"
    assert revenue.rfm_segment(3, 1) == "about_to_sleep"
    assert revenue.rfm_segment(1, 5) == "cant_lose"
    assert revenue.rfm_segment(2, 3) == "at_risk"
    assert revenue.rfm_segment(1, 1) == "hibernating"
    every = {revenue.rfm_segment(r, f) for r in range(1, 6) for f in range(1, 6)}
    assert every == set(revenue.RFM_SEGMENTS)


def test_exclusions(store):
    found = {e.reason: (e.lines, e.amount) for e in revenue.exclusions(store, filters=FEB)}
    undated = [e for e in revenue.exclusions(store, filters=FEB) if e.reason == "no_paid_date"]
    assert [e.status for e in undated] == ["unpaid"]
    assert found == {
        "cancelled": (1, 80.0),
        "adjustment": (1, 7.0),
        "zero_amount": (1, 0.0),
        "no_paid_date": (1, 25.0),  # the unpaid O8, store-wide
        "guest": (1, 30.0),
        "refund_capped": (1, 10.0),
    }


def test_currencies(store):
    assert revenue.currencies(store) == ["CNY"]


def test_build_report_contract(store):
    report = revenue.build_report(store, filters=Q1, period="month")
    json.dumps(report)
    for key in ("gross_revenue", "refunds", "orders", "paying_users", "aov", "arpu", "arppu"):
        assert key in report
    assert report["revenue"] == pytest.approx(615)  # 100 + 415 + 100
    assert report["orders"] == 8
    assert report["refunded_orders"] == 4  # O2, O3, O9, O10
    assert report["left_out"] == {
        "lines": 2,
        "amount": 7.0,
        "reasons": {"adjustment": 1, "zero_amount": 1},
    }
    assert report["cohorts"][0] == {"cohort": "2024-01", "size": 2, "retained": [2, 2, 0]}
    assert [row["revenue"] for row in report["over_time"]] == pytest.approx([100, 415, 100])


def test_empty_user_id_is_a_guest(engine):
    rows = [
        ("G1", 1, "", D(2024, 2, 5), "A", "cat1", "web", 50.0, "paid", 0.0),
        ("G2", 1, "u9", D(2024, 2, 6), "A", "cat1", "web", 70.0, "paid", 0.0),
    ]
    with engine.begin() as conn:
        bulk_insert(conn, OrderLine.__table__, _orders_frame(rows))
    s = revenue.revenue_summary(engine, filters=FEB)
    assert (s.revenue, s.orders, s.paying_users) == (120, 2, 1)
    assert s.guest_revenue == pytest.approx(50)
    assert s.arppu == pytest.approx(120)  # 50 (guest) + 70, one paying user
    assert revenue.retention_cohorts(engine, filters=FEB) == [
        {"cohort": "2024-02", "size": 1, "retained": [1]}
    ]
    assert revenue.rfm_customers(engine, filters=FEB).user_id.tolist() == ["u9"]
    assert revenue.customer_mix(engine, filters=FEB).guest_revenue == pytest.approx(50)
