"""Dialect-neutral SQL constructs give the same answers on SQLite and PostgreSQL."""

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from opsdash.filters import Filters
from opsdash.metrics.sql import days_between, period_start, segment_condition
from opsdash.models import User
from opsdash.store.bulk import bulk_insert

D = dt.date


def _scalar(engine, expression):
    with engine.connect() as conn:
        value = conn.execute(sa.select(expression)).scalar_one()
    return value if isinstance(value, (dt.date, int)) else dt.date.fromisoformat(value)


def test_period_start(engine):
    day = sa.literal(D(2024, 3, 10), sa.Date)  # a Sunday
    assert _scalar(engine, period_start(day, "day")) == D(2024, 3, 10)
    assert _scalar(engine, period_start(day, "week")) == D(2024, 3, 4)
    assert _scalar(engine, period_start(sa.literal(D(2024, 3, 4), sa.Date), "week")) == D(
        2024, 3, 4
    )
    assert _scalar(engine, period_start(day, "month")) == D(2024, 3, 1)


def test_days_between(engine):
    expression = days_between(
        sa.literal(D(2024, 2, 28), sa.Date), sa.literal(D(2024, 3, 1), sa.Date)
    )
    assert _scalar(engine, expression) == 2


def test_segment_condition(engine):
    users = pd.DataFrame(
        {
            "user_id": ["a", "b", "c"],
            "signup_at": [dt.datetime(2024, 1, 1)] * 3,
            "signup_date": [D(2024, 1, 1)] * 3,
            "channel": ["wechat", "wechat", "sem"],
            "platform": ["ios", "android", "ios"],
        }
    )
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, users)
    table = User.__table__
    filters = Filters(
        start=D(2024, 1, 1), end=D(2024, 1, 2), channels=("wechat",), platforms=("ios",)
    )
    with engine.connect() as conn:
        chosen = (
            conn.execute(
                sa.select(table.c.user_id).where(segment_condition(table.c.user_id, filters))
            )
            .scalars()
            .all()
        )
    assert chosen == ["a"]
    assert (
        segment_condition(table.c.user_id, Filters(start=D(2024, 1, 1), end=D(2024, 1, 1))) is None
    )
