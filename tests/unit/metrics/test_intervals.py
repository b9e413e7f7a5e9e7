"""Interval analysis against plain pandas on the planted paths data, and hand-computed
values, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from opsdash.filters import Filters
from opsdash.metrics.intervals import BUCKETS, intervals
from tests.unit.metrics.test_paths import HAND, JAN, generated, insert


def reference(events, *, filters, a, b):
    frame = events.assign(day=events["event_at"].dt.date)
    frame = frame[(frame["day"] >= filters.start) & (frame["day"] <= filters.end)]
    out = {}
    for user, rows in frame.groupby("user_id"):
        starts = rows.loc[rows["event"] == a, "event_at"]
        if starts.empty:
            continue
        t = starts.min()
        later = rows.loc[(rows["event"] == b) & (rows["event_at"] > t), "event_at"]
        out[user] = (later.min() - t).total_seconds() if len(later) else np.nan
    return pd.Series(out, dtype=float)


@pytest.mark.parametrize(("a", "b"), [("open", "buy"), ("view", "view"), ("buy", "open")])
def test_against_pandas(engine, a, b):
    users, events = generated()
    insert(engine, users, events)
    for filters in (JAN, Filters(start=JAN.start, end=JAN.end, channels=("wechat",))):
        keep = users.loc[users["channel"].isin(filters.channels or users["channel"]), "user_id"]
        want = reference(events[events["user_id"].isin(keep)], filters=filters, a=a, b=b)
        result = intervals(engine, filters=filters, from_event=a, to_event=b)
        assert result.users == len(want) > 10
        assert result.users_with_next == int(want.notna().sum())
        for p in (10, 25, 50, 75, 90):
            assert result.percentiles[f"p{p}"] == pytest.approx(
                float(np.percentile(want.dropna(), p)), abs=0.01
            )
        counts = pd.cut(want.dropna(), [*BUCKETS, np.inf], right=False).value_counts(sort=False)
        assert result.histogram["users"].tolist() == counts.tolist()


def test_hand_computed(engine):
    events = pd.DataFrame(
        [(u, pd.Timestamp(f"2024-01-10 {t}"), e) for u, t, e in HAND],
        columns=["user_id", "event_at", "event"],
    )
    insert(engine, pd.DataFrame({"user_id": ["a", "b", "c", "d"], "channel": "x"}), events)
    result = intervals(engine, filters=JAN, from_event="open", to_event="view")
    # a: 09:00 -> 09:01 (60 s); b: 08:10 -> 08:11 (60 s); c: 12:00 -> 12:31 (1860 s)
    assert (result.users, result.users_with_next) == (3, 3)
    assert result.percentiles["p50"] == pytest.approx(60.0)
    assert result.to_json()["histogram"][1] == {
        "bucket": "1m_5m",
        "lower_seconds": 60,
        "users": 2,
        "share": pytest.approx(2 / 3),
    }
    none = intervals(engine, filters=JAN, from_event="like", to_event="buy")
    assert none.users == 1 and none.users_with_next == 0 and none.percentiles["p10"] is None
    assert dt.date(2024, 1, 1) == JAN.start


def test_cli(capsys, tmp_path):
    import json

    from opsdash.cli import main
    from opsdash.db import init_store, make_engine

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(db)
    init_store(engine, timezone="UTC")
    events = pd.DataFrame(
        [(u, pd.Timestamp(f"2024-01-10 {t}"), e) for u, t, e in HAND],
        columns=["user_id", "event_at", "event"],
    )
    insert(engine, pd.DataFrame({"user_id": ["a", "b", "c", "d"], "channel": "x"}), events)
    window = ["--start", "2024-01-01", "--end", "2024-01-31"]
    args = ["report", "intervals", "--db", db, *window, "--from-event", "open"]
    assert main([*args, "--to-event", "view", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["percentiles"]["p50"] == 60.0 and report["users_with_next"] == 3
    assert main(args) == 2
    engine.dispose()
