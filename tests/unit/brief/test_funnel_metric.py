"""The key funnel's same-day conversion as a brief metric: the daily numbers against a
hand-counted store, the key funnel's configuration, and a planted rate drop in one channel
found by the brief with its rate-aware driver (rate effect, not mix)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from opsdash.brief import series
from opsdash.brief.funnel import clear_key_funnel, key_funnel, set_key_funnel
from opsdash.brief.report import brief_for, brief_json
from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.metrics.users import funnel_conversion_by_day
from opsdash.settings import get_settings
from opsdash.store.meta import data_version
from tests.unit.metrics.test_users import insert_events, insert_users

D1, D2 = dt.date(2024, 6, 3), dt.date(2024, 6, 4)
STEPS = ("view", "cart", "buy")


def at(day: dt.date, clock: str) -> pd.Timestamp:
    return pd.Timestamp(f"{day.isoformat()} {clock}")


def _event(user, day, clock, name):
    return (user, at(day, clock), day, name)


HAND = [
    # D1: u1 converts; u2 buys before the cart; u3 buys after midnight; u4 carts before viewing
    _event("u1", D1, "09:00", "view"),
    _event("u1", D1, "09:10", "cart"),
    _event("u1", D1, "09:20", "buy"),
    _event("u2", D1, "10:00", "view"),
    _event("u2", D1, "10:05", "buy"),
    _event("u2", D1, "11:00", "cart"),
    _event("u3", D1, "23:00", "view"),
    _event("u3", D1, "23:30", "cart"),
    _event("u3", D2, "00:10", "buy"),
    _event("u4", D1, "08:00", "cart"),
    _event("u4", D1, "09:00", "view"),
    _event("u4", D1, "09:30", "buy"),
    # D2: u1 enters at its first view (08:00) and converts; u2 only views; u5 (no users row)
    # converts; u3's after-midnight buy is no entry
    _event("u1", D2, "08:00", "view"),
    _event("u1", D2, "09:00", "view"),
    _event("u1", D2, "09:30", "cart"),
    _event("u1", D2, "09:40", "buy"),
    _event("u2", D2, "12:00", "view"),
    _event("u5", D2, "13:00", "view"),
    _event("u5", D2, "13:01", "cart"),
    _event("u5", D2, "13:02", "buy"),
]
USERS = [
    ("u1", D1, "douyin", "ios", None),
    ("u2", D1, "douyin", "ios", None),
    ("u3", D1, "wechat", "android", None),
    ("u4", D1, "wechat", "android", None),
]


@pytest.fixture
def hand(engine):
    with engine.begin() as conn:
        insert_users(conn, USERS)
        insert_events(conn, HAND)
    return engine


def test_same_day_conversion_against_hand_counts(hand):
    frame = funnel_conversion_by_day(hand, filters=Filters(start=D1, end=D2), steps=STEPS)
    assert frame.to_dict("records") == [
        {"day": D1, "entered": 4, "converted": 1},
        {"day": D2, "entered": 3, "converted": 2},
    ]
    by_channel = funnel_conversion_by_day(
        hand, filters=Filters(start=D1, end=D2), steps=STEPS, dimension="channel"
    )
    rows = {
        (r["day"], r["segment"]): (r["entered"], r["converted"])
        for r in by_channel.to_dict("records")
    }
    assert rows == {
        (D1, "douyin"): (2, 1),
        (D1, "wechat"): (2, 0),
        (D2, "douyin"): (2, 1),
        (D2, None): (1, 1),  # u5 has no users row
    }
    douyin = funnel_conversion_by_day(
        hand, filters=Filters(start=D1, end=D2, channels=("douyin",)), steps=STEPS
    )
    assert douyin[["entered", "converted"]].values.tolist() == [[2, 1], [2, 1]]


def test_the_brief_series_reads_the_key_funnel(hand):
    assert key_funnel(hand) is None
    frame = series.daily_series(hand, filters=Filters(start=D1, end=D2))
    assert frame["funnel_conversion"].tolist() == [None, None]
    before = data_version(hand)
    assert set_key_funnel(hand, [" view", "cart ", "buy"]) == STEPS
    assert data_version(hand) > before  # cached briefs refresh
    frame = series.daily_series(hand, filters=Filters(start=D1, end=D2))
    assert frame["funnel_conversion"].tolist() == [1 / 4, 2 / 3]
    assert series.first_days(hand)["funnel_conversion"] == D1
    values = series.segment_values(
        hand,
        metric="funnel_conversion",
        dimension="channel",
        days=[D1, D2],
        filters=Filters(start=D1, end=D2),
    )
    assert values[D1] == {"douyin": (1.0, 2.0), "wechat": (0.0, 2.0)}
    clear_key_funnel(hand)
    assert key_funnel(hand) is None
    with pytest.raises(UserError) as refused:
        set_key_funnel(hand, ["view"])
    assert refused.value.code == "key_funnel_steps"


def test_the_setting_is_the_default(hand, monkeypatch):
    monkeypatch.setenv("OPSDASH_KEY_FUNNEL", "view, cart,buy")
    get_settings.cache_clear()
    try:
        assert key_funnel(hand) == STEPS
        set_key_funnel(hand, ["view", "buy"])
        assert key_funnel(hand) == ("view", "buy")  # the saved one wins
    finally:
        get_settings.cache_clear()


def _planted(conn, *, end: dt.date) -> None:
    """63 days before ``end`` and ``end`` itself: every day 10 users of each channel view,
    cart and (3 of each channel) buy; on ``end`` only 1 wechat user buys."""
    users = [
        (f"{c}{i}", end - dt.timedelta(days=90), c, "ios", None) for c in "ab" for i in range(10)
    ]
    users = [(u, s, {"a": "douyin", "b": "wechat"}[c], p, lv) for u, s, c, p, lv in users]
    rows = []
    for offset in range(63, -1, -1):
        day = end - dt.timedelta(days=offset)
        for user, *_ in users:
            index = int(user[1:])
            rows += [_event(user, day, "10:00", "view"), _event(user, day, "10:05", "cart")]
            buyers = 1 if (day == end and user.startswith("b")) else 3
            if index < buyers:
                rows.append(_event(user, day, "10:10", "buy"))
    insert_users(conn, users)
    insert_events(conn, rows)


def test_a_planted_rate_drop_is_found_with_its_rate_driver(engine):
    end = dt.date(2024, 6, 30)
    with engine.begin() as conn:
        _planted(conn, end=end)
    set_key_funnel(engine, STEPS)
    brief = brief_for(engine, end)
    item = next(m for m in brief.metrics if m.metric == "funnel_conversion")
    j = item.judgement
    # hand: 20 entrants, 3 + 1 convert = 0.2; every earlier same weekday 6 / 20 = 0.3
    assert j.value == pytest.approx(0.2) and j.expected == pytest.approx(0.3)
    assert j.anomaly and j.direction == "down"
    # weights unchanged (10 and 10 entrants): the whole change is wechat's own rate,
    # 0.5 × (0.1 − 0.3) = −0.1 of the −0.1 change
    top = item.drivers[0]
    assert (top.dimension, top.value, top.effect) == ("channel", "wechat", "rate")
    assert top.share == pytest.approx(1.0)
    assert item.effects == pytest.approx({"mix": 0.0, "rate": 1.0})
    payload = next(m for m in brief_json(brief)["metrics"] if m["metric"] == "funnel_conversion")
    assert payload["anomaly"] is True and payload["drivers"][0]["value"] == "wechat"
    # the day before is not flagged
    quiet = brief_for(engine, end - dt.timedelta(days=1))
    assert not next(m for m in quiet.metrics if m.metric == "funnel_conversion").judgement.anomaly


def test_the_cli_saves_the_key_funnel_and_prints_its_conversion(hand, capsys):
    import json

    from opsdash.cli import main

    url = hand.url.render_as_string(hide_password=False)
    args = ["brief", "--db", url, "--date", D2.isoformat(), "--json"]
    assert main([*args, "--key-funnel", "view,cart,buy"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["key_funnel"] == list(STEPS)
    item = next(m for m in payload["metrics"] if m["metric"] == "funnel_conversion")
    assert item["value"] == pytest.approx(2 / 3, abs=1e-6) and item["expected"] is None
    assert main([*args, "--clear-key-funnel"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["key_funnel"] is None
    assert "funnel_conversion" not in [m["metric"] for m in payload["metrics"]]
    assert main([*args, "--key-funnel", "view"]) == 2
