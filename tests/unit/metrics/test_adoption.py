"""Feature adoption against a plain pandas computation on generated events (a feature
launched mid-range, adopters more active after first use), and hand-computed values, on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.metrics.adoption import RETENTION_DAYS, adoption, build_report
from opsdash.models import Event, User
from opsdash.store.bulk import bulk_insert
from opsdash.store.hooks import after_data_write

RANGE = Filters(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31))
LAUNCH = dt.date(2024, 3, 8)
USERS = 120


def insert(engine, users: pd.DataFrame, events: pd.DataFrame) -> None:
    events = events.copy()
    events["event_date"] = events["event_at"].dt.date
    events["row_key"] = range(1, len(events) + 1)
    users = users.copy()
    users["signup_at"] = pd.Timestamp("2024-01-01")
    users["signup_date"] = dt.date(2024, 1, 1)
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, users)
        bulk_insert(conn, Event.__table__, events)
        after_data_write(conn, ["users", "events"])


def generated() -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(14)
    users = pd.DataFrame(
        {
            "user_id": [f"u{n:03d}" for n in range(USERS)],
            "channel": rng.choice(["wechat", "douyin", ""], USERS),
            "platform": rng.choice(["ios", "android"], USERS),
        }
    )
    rows = []
    for n in range(USERS):
        rate = rng.choice([0.1, 0.4, 0.8])
        adopted = None
        for day in pd.date_range("2024-02-20", "2024-04-20"):
            boost = 0.2 if adopted is not None else 0.0
            if rng.random() >= min(rate + boost, 0.95):
                continue
            for _ in range(int(rng.integers(1, 4))):
                at = day + pd.Timedelta(minutes=int(rng.integers(0, 1440)))
                rows.append((f"u{n:03d}", at, str(rng.choice(["open", "view"]))))
            if day.date() >= LAUNCH and rng.random() < 0.08:
                rows.append((f"u{n:03d}", day + pd.Timedelta(hours=12), "ai_search"))
                adopted = adopted or day
    # a guest of the events alone (no users row), and one use before the launch (a beta)
    rows.append(("beta", pd.Timestamp("2024-03-02 10:00"), "ai_search"))
    rows.append(("beta", pd.Timestamp("2024-03-20 10:00"), "open"))
    events = pd.DataFrame(rows, columns=["user_id", "event_at", "event"])
    return users, events


def reference(users, events, *, launch, end, channels=()):
    """The module docstring's definitions, in plain pandas."""
    frame = events.assign(day=events["event_at"].dt.date)
    if channels:
        frame = frame[frame["user_id"].isin(users.loc[users["channel"].isin(channels), "user_id"])]
    as_of = events["event_at"].dt.date.max()
    window = frame[(frame["day"] >= launch) & (frame["day"] <= end)]
    uses = window[window["event"] == "ai_search"]
    first = uses.groupby("user_id")["day"].min()
    active_pairs = set(zip(frame["user_id"], frame["day"], strict=True))
    first_active = window.groupby("user_id")["day"].min()
    days = pd.date_range(launch, end).date
    daily = pd.DataFrame(
        {
            "day": days,
            "active_users": [window.loc[window["day"] == d, "user_id"].nunique() for d in days],
            "feature_users": [uses.loc[uses["day"] == d, "user_id"].nunique() for d in days],
            "new_adopters": [int((first == d).sum()) for d in days],
            "cumulative_adopters": [int((first <= d).sum()) for d in days],
            "cumulative_active": [int((first_active <= d).sum()) for d in days],
        }
    )
    retention = {}
    for n in RETENTION_DAYS:
        step = dt.timedelta(days=n)
        reached = first[first + step <= as_of]
        kept = sum((u, d + step) in active_pairs for u, d in reached.items())
        rate = kept / len(reached) if len(reached) else None
        weighted, weight = 0.0, 0
        for d, adopters in reached.value_counts().items():
            on_day = window.loc[window["day"] == d, "user_id"].unique()
            not_yet = [u for u in on_day if u not in first.index or first[u] > d]
            if not not_yet:
                continue
            back = sum((u, d + step) in active_pairs for u in not_yet)
            weighted += adopters * back / len(not_yet)
            weight += adopters
        retention[n] = (len(reached), kept, rate, weighted / weight if weight else None)
    return first, first_active, daily, retention


@pytest.mark.parametrize("channels", [(), ("wechat",)])
def test_against_pandas(engine, channels):
    users, events = generated()
    insert(engine, users, events)
    filters = Filters(start=RANGE.start, end=RANGE.end, channels=channels)
    result = adoption(engine, filters=filters, event="ai_search", launch=LAUNCH)
    first, first_active, daily, retention = reference(
        users, events, launch=LAUNCH, end=RANGE.end, channels=channels
    )
    assert result.adopters == len(first) > 10
    assert result.active_users == len(first_active)
    assert result.adoption_rate == pytest.approx(len(first) / len(first_active))
    got = result.daily
    for name in daily.columns:
        assert got[name].tolist() == daily[name].tolist(), name
    assert got["adoption_rate"].iloc[-1] == pytest.approx(result.adoption_rate)
    for row in result.retention.to_dict("records"):
        size, kept, rate, non_rate = retention[row["day_n"]]
        assert (row["adopters"], row["adopters_retained"]) == (size, kept)
        assert row["adopter_rate"] == pytest.approx(rate)
        assert row["non_adopter_rate"] == pytest.approx(non_rate)
    # by channel and platform: adopters and users active since launch per value
    merged = users.assign(channel=users["channel"].replace("", "(unknown)"))
    lookup = merged.set_index("user_id")
    for dimension in ("channel", "platform"):
        part = result.by_segment[result.by_segment["dimension"] == dimension]
        values = lookup[dimension].reindex(first.index).fillna("(unknown)")
        active_values = lookup[dimension].reindex(first_active.index).fillna("(unknown)")
        assert dict(zip(part["value"], part["adopters"], strict=True)) == {
            **{v: 0 for v in active_values.unique()},
            **values.value_counts().to_dict(),
        }
        assert dict(zip(part["value"], part["active_users"], strict=True)) == (
            active_values.value_counts().to_dict()
        )
        assert part["share"].sum() == pytest.approx(1.0)


def test_launch_is_first_occurrence_and_report(engine):
    users, events = generated()
    insert(engine, users, events)
    result = adoption(engine, filters=RANGE, event="ai_search")
    # the beta use on 2024-03-02 is the first occurrence
    assert (result.launch, result.launch_given) == (dt.date(2024, 3, 2), False)
    assert result.daily["new_adopters"].iloc[0] == 1
    payload = build_report(engine, filters=RANGE, event="ai_search", launch=LAUNCH)
    assert payload["launch"] == "2024-03-08" and payload["launch_given"] is True
    assert payload["daily"][0]["day"] == "2024-03-08"
    assert [r["day_n"] for r in payload["retention"]] == list(RETENTION_DAYS)


def test_hand_computed(engine):
    at = pd.Timestamp
    events = pd.DataFrame(
        [
            ("a", at("2024-03-10 09:00"), "feat"),  # a adopts on the 10th
            ("a", at("2024-03-11 09:00"), "open"),  # back on day 1
            ("b", at("2024-03-10 09:00"), "open"),  # b: not yet adopted on the 10th
            ("b", at("2024-03-12 09:00"), "feat"),  # adopts on the 12th, not back on day 1
            ("c", at("2024-03-10 09:00"), "open"),  # c never adopts, back on day 1
            ("c", at("2024-03-11 09:00"), "open"),
            ("d", at("2024-03-20 09:00"), "open"),  # last data day: the 20th
        ],
        columns=["user_id", "event_at", "event"],
    )
    insert(engine, pd.DataFrame({"user_id": ["a", "b", "c", "d"], "channel": "x"}), events)
    filters = Filters(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 15))
    result = adoption(engine, filters=filters, event="feat")
    assert result.launch == dt.date(2024, 3, 10)
    assert (result.adopters, result.active_users) == (2, 3)
    day1 = result.retention.set_index("day_n").loc[1]
    # adopters: a back (1 of 2: b was not active on the 13th)
    assert (day1["adopters"], day1["adopters_retained"]) == (2, 1)
    # matched non-adopters: on the 10th b and c (c back: 1/2), on the 12th nobody else
    # active: only a's day counts (weight 1) -> 0.5
    assert day1["non_adopter_rate"] == pytest.approx(0.5)
    assert day1["difference"] == pytest.approx(0.0)
    day30 = result.retention.set_index("day_n").loc[30]
    assert day30["adopters"] == 0 and pd.isna(day30["adopter_rate"])


def test_refusals(engine):
    users, events = generated()
    insert(engine, users, events)
    with pytest.raises(UserError) as error:
        adoption(engine, filters=RANGE, event="nope")
    assert error.value.code == "adoption_no_event"
    with pytest.raises(UserError) as error:
        adoption(engine, filters=RANGE, event="ai_search", launch=dt.date(2024, 4, 2))
    assert error.value.code == "adoption_launch"


def test_cli(capsys, tmp_path):
    import json

    from opsdash.cli import main
    from opsdash.db import init_store, make_engine

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = make_engine(db)
    init_store(engine, timezone="UTC")
    users, events = generated()
    insert(engine, users, events)
    window = ["--start", "2024-03-01", "--end", "2024-03-31"]
    args = ["report", "adoption", "--db", db, *window, "--event", "ai_search"]
    assert main([*args, "--launch", "2024-03-08", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    want = build_report(engine, filters=RANGE, event="ai_search", launch=LAUNCH)
    assert report == json.loads(json.dumps(want, default=str))
    assert main(["report", "adoption", "--db", db, *window]) == 2  # no --event
    assert main([*args[:-1], "nope"]) == 2
    engine.dispose()
