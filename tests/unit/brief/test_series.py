"""Segment values for the drivers against hand-computed numbers: content views by the item's
category (daily and snapshot rows), revenue / orders / payers by user channel with guests."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from opsdash.brief.series import segment_values
from opsdash.filters import Filters
from opsdash.models import Content, ContentStat
from opsdash.store.bulk import bulk_insert
from tests.unit.metrics.test_users import insert_orders, insert_users

D = dt.date
ALL = Filters(start=D(2024, 1, 1), end=D(2024, 1, 31))


def test_content_views_by_category(engine):
    contents = pd.DataFrame(
        [("a", "news"), ("b", "sport"), ("c", None)], columns=["content_id", "category"]
    )
    stats = pd.DataFrame(
        [
            (D(2024, 1, 1), "a", 10, False),
            (D(2024, 1, 2), "a", 20, False),
            (D(2024, 1, 1), "b", 100, True),  # snapshots: increments 100, then 50
            (D(2024, 1, 2), "b", 150, True),
            (D(2024, 1, 2), "c", 7, False),
            (D(2024, 1, 2), "z", 1, False),  # not in contents
        ],
        columns=["date", "content_id", "views", "cumulative"],
    )
    with engine.begin() as conn:
        bulk_insert(conn, Content.__table__, contents)
        bulk_insert(conn, ContentStat.__table__, stats)
    values = segment_values(
        engine, metric="content_views", dimension="category", days=[D(2024, 1, 2)], filters=ALL
    )
    assert values == {D(2024, 1, 2): {"news": 20.0, "sport": 50.0, None: 8.0}}


def test_sales_by_user_channel_with_guests(engine):
    with engine.begin() as conn:
        insert_users(
            conn,
            [
                ("u1", D(2023, 12, 1), "douyin", "ios", None),
                ("u2", D(2023, 12, 1), "", "ios", None),
            ],
        )
        insert_orders(
            conn,
            [
                ("o1", 1, "u1", D(2024, 1, 5), 100.0, "paid", 0.0),
                ("o1", 2, "u1", D(2024, 1, 5), 50.0, "refunded", 20.0),
                ("o2", 1, "u2", D(2024, 1, 5), 30.0, "paid", 0.0),
                ("o3", 1, None, D(2024, 1, 5), 40.0, "paid", 0.0),
                ("o4", 1, "u1", D(2024, 1, 5), 10.0, "cancelled", 0.0),
            ],
        )
    day = [D(2024, 1, 5)]
    revenue = segment_values(engine, metric="revenue", dimension="channel", days=day, filters=ALL)
    assert revenue[D(2024, 1, 5)] == pytest.approx({"douyin": 130.0, None: 70.0})
    orders = segment_values(engine, metric="orders", dimension="channel", days=day, filters=ALL)
    assert orders[D(2024, 1, 5)] == {"douyin": 1.0, None: 2.0}
    payers = segment_values(
        engine, metric="paying_users", dimension="channel", days=day, filters=ALL
    )
    assert payers[D(2024, 1, 5)] == {"douyin": 1.0, None: 1.0}  # u2 (empty channel); guest 0
