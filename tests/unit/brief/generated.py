"""A generated store for the brief: weekly seasonality, noise, three channels, and an
optional planted drop of one channel's activity on the last day."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from opsdash.models import OrderLine, User
from opsdash.store.bulk import bulk_insert
from tests.unit.metrics.test_users import insert_events

WEEKLY = np.array([1.0, 0.95, 0.97, 1.0, 1.1, 1.35, 1.3])  # Monday .. Sunday
CHANNELS = ("douyin", "wechat", "organic")
CHANNEL_WEIGHTS = (0.4, 0.35, 0.25)
END = dt.date(2024, 6, 30)
DAYS = 100


def clean_series(
    *, days: int, level: float, noise: float, seed: int, start: dt.date = dt.date(2024, 1, 1)
) -> dict[dt.date, float]:
    """Daily Poisson counts around ``level`` × weekday factor × (1 + ``noise`` × N(0, 1))."""
    rng = np.random.default_rng(seed)
    out = {}
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        mean = level * WEEKLY[day.weekday()] * max(0.0, 1 + noise * rng.standard_normal())
        out[day] = float(rng.poisson(mean))
    return out


def fill(conn, *, seed: int = 3, drop_channel: str | None = None, keep: float = 0.35) -> None:
    """Users (1,500 before the window + ~25 signups a day), ~500 daily actives (one event
    each) and ~40 order lines a day over :data:`DAYS` days ending :data:`END`. With
    ``drop_channel``, only ``keep`` of that channel's actives of the last day remain."""
    rng = np.random.default_rng(seed)
    start = END - dt.timedelta(days=DAYS - 1)
    users = []
    for index in range(1500):
        users.append((f"b{index}", start - dt.timedelta(days=1 + index % 150)))
    for offset in range(DAYS):
        day = start + dt.timedelta(days=offset)
        for index in range(rng.poisson(25 * WEEKLY[day.weekday()])):
            users.append((f"n{offset}_{index}", day))
    frame = pd.DataFrame(users, columns=["user_id", "signup_date"])
    frame["signup_at"] = pd.to_datetime(frame["signup_date"]) + pd.Timedelta(hours=8)
    frame["channel"] = rng.choice(CHANNELS, size=len(frame), p=CHANNEL_WEIGHTS)
    frame["platform"] = rng.choice(("ios", "android"), size=len(frame))
    frame["region"] = rng.choice(("north", "south", "east", "west"), size=len(frame))
    bulk_insert(conn, User.__table__, frame)
    channel_of = dict(zip(frame["user_id"], frame["channel"], strict=True))
    signup = dict(zip(frame["user_id"], frame["signup_date"], strict=True))
    ids = np.array(frame["user_id"])
    signed = np.array([signup[u] for u in ids])
    events, orders = [], []
    for offset in range(DAYS):
        day = start + dt.timedelta(days=offset)
        pool = ids[signed <= day]
        mean = 500 * WEEKLY[day.weekday()] * (1 + 0.02 * rng.standard_normal())
        active = rng.choice(pool, size=min(len(pool), rng.poisson(mean)), replace=False)
        if drop_channel and day == END:
            active = [u for u in active if channel_of[u] != drop_channel or rng.random() < keep]
        at = pd.Timestamp(day) + pd.Timedelta(hours=10)
        events += [(u, at, day, "app_open") for u in active]
        buyers = rng.choice(active, size=min(len(active), rng.poisson(40 * WEEKLY[day.weekday()])))
        orders += [
            (f"o{offset}_{i}", 1, u, day, float(rng.integers(20, 80)), "paid", 0.0)
            for i, u in enumerate(buyers)
        ]
    insert_events(conn, events)
    lines = pd.DataFrame(
        orders,
        columns=["order_id", "line", "user_id", "paid_date", "amount", "status", "refund_amount"],
    )
    lines["paid_at"] = pd.to_datetime(lines["paid_date"]) + pd.Timedelta(hours=12)
    lines["quantity"] = 1.0
    bulk_insert(conn, OrderLine.__table__, lines)
