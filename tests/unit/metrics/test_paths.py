"""User paths against hand-computed answers and an independent plain-pandas computation on
generated events with planted paths and sessions, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.metrics import paths as m
from opsdash.models import Event, User
from opsdash.store.bulk import bulk_insert
from opsdash.store.hooks import after_data_write

D = dt.date
T = dt.datetime
JAN = Filters(start=D(2024, 1, 1), end=D(2024, 1, 31))
NAMES = ["open", "view", "like", "cart", "buy", "share"]


def insert(engine, users: pd.DataFrame, events: pd.DataFrame) -> None:
    frame = events[["user_id", "event_at", "event"]].copy()
    frame["event_date"] = frame["event_at"].dt.date
    frame["row_key"] = range(1, len(frame) + 1)
    people = users.copy()
    people["signup_at"] = pd.Timestamp("2023-12-01")
    people["signup_date"] = D(2023, 12, 1)
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, people)
        bulk_insert(conn, Event.__table__, frame)
        after_data_write(conn, ["events"])


# ----------------------------------------------------------------- independent computation


def reference(
    events: pd.DataFrame,
    users: pd.DataFrame,
    *,
    filters: Filters,
    event: str,
    direction: str = "forward",
    steps: int = 5,
    minutes: int = 30,
    collapse: bool = True,
    top: int = 10,
    channels: tuple[str, ...] = (),
) -> tuple[int, list[dict], dict]:
    """The definition, user by user in plain Python/pandas: (users, transitions, per-user
    labels)."""
    frame = events.copy()
    frame["day"] = frame["event_at"].dt.date
    frame = frame[(frame["day"] >= filters.start) & (frame["day"] <= filters.end)]
    if channels:
        keep = set(users.loc[users["channel"].isin(channels), "user_id"])
        frame = frame[frame["user_id"].isin(keep)]
    frame = frame.sort_values(["event_at", "order"])
    marker = m.LEFT if direction == "forward" else m.START
    per_user: dict[str, tuple[list[str], list[float]]] = {}
    for user, rows in frame.groupby("user_id"):
        sessions: list[list[tuple[str, pd.Timestamp]]] = []
        last = None
        for name, at in zip(rows["event"], rows["event_at"], strict=True):
            if last is None or (at - last).total_seconds() > minutes * 60:
                sessions.append([])
            sessions[-1].append((name, at))
            last = at
        chosen = next((s for s in sessions if any(n == event for n, _ in s)), None)
        if chosen is None:
            continue
        if collapse:
            runs = []
            for name, at in chosen:
                if not runs or runs[-1][0] != name:
                    runs.append((name, at))
            chosen = runs
        first = next(i for i, (n, _) in enumerate(chosen) if n == event)
        seq = chosen[first:] if direction == "forward" else chosen[first::-1]
        names = [n for n, _ in seq[: steps + 1]]
        gaps = [abs((seq[i][1] - seq[i - 1][1]).total_seconds()) for i in range(1, len(names))]
        if len(names) < steps + 1:
            names.append(marker)
        per_user[user] = (names, gaps)
    # top-N per step, step by step
    labels = {u: [names[0]] for u, (names, _) in per_user.items()}
    transitions = []
    for k in range(1, steps + 1):
        moving = {
            u: (labels[u][k - 1], per_user[u][0][k])
            for u in per_user
            if len(labels[u]) == k and len(per_user[u][0]) > k and labels[u][k - 1] != marker
        }
        counts: dict[tuple[str, str], int] = {}
        for pair in moving.values():
            if pair[1] != marker:
                counts[pair] = counts.get(pair, 0) + 1
        ranking = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
        kept = {pair for pair, _ in ranking[:top]}
        groups: dict[tuple[str, str], list[float | None]] = {}
        for u, (p, c) in moving.items():
            label = c if c == marker or (p, c) in kept else m.OTHER
            labels[u].append(label)
            gap = per_user[u][1][k - 1] if c != marker else None
            groups.setdefault((p, label), []).append(gap)
        at_prev: dict[str, int] = {}
        for u in per_user:
            if len(labels[u]) > k - 1:
                at_prev[labels[u][k - 1]] = at_prev.get(labels[u][k - 1], 0) + 1
        for (p, c), gaps in groups.items():
            real = [g for g in gaps if g is not None]
            transitions.append(
                {
                    "step": k,
                    "from": p if direction == "forward" else c,
                    "to": c if direction == "forward" else p,
                    "users": len(gaps),
                    "share": len(gaps) / at_prev[p],
                    "median_seconds": float(np.median(real)) if real else None,
                }
            )
    transitions.sort(key=lambda r: (r["step"], -r["users"], r["from"], r["to"]))
    return len(per_user), transitions, labels


def assert_same(result: m.PathsResult, expected: tuple[int, list[dict], dict]) -> None:
    users, transitions, _ = expected
    assert result.users == users
    got = result.to_json()["transitions"]
    assert [(r["step"], r["from"], r["to"], r["users"]) for r in got] == [
        (r["step"], r["from"], r["to"], r["users"]) for r in transitions
    ]
    for mine, theirs in zip(got, transitions, strict=True):
        assert mine["share"] == pytest.approx(theirs["share"])
        if theirs["median_seconds"] is None:
            assert mine["median_seconds"] is None
        else:
            assert mine["median_seconds"] == pytest.approx(theirs["median_seconds"], abs=0.01)


# ----------------------------------------------------------------- data


def generated(seed: int = 3, n_users: int = 80) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Users with planted paths: most sessions start with open and follow a preferred path
    (open → view → like/cart → buy) with repeats, detours, random gaps of 10 s to 3 h (so
    sessions split), events outside January, and a few users who never open."""
    rng = np.random.default_rng(seed)
    rows = []
    for number in range(n_users):
        user = f"u{number:03d}"
        t = pd.Timestamp("2023-12-30 08:00") + pd.Timedelta(hours=int(rng.integers(0, 24 * 30)))
        for _ in range(int(rng.integers(1, 5))):  # sessions
            path = ["open", "view"] if rng.random() < 0.9 else ["view"]
            path += [str(rng.choice(["like", "cart", "view"])), "buy"]
            if rng.random() < 0.3:
                path.insert(int(rng.integers(1, len(path))), str(rng.choice(NAMES)))
            if rng.random() < 0.3:
                at = int(rng.integers(0, len(path)))
                path.insert(at, path[at])  # a repeat
            path = path[: int(rng.integers(1, len(path) + 1))]
            for name in path:
                rows.append((user, t, name))
                t += pd.Timedelta(seconds=int(rng.integers(10, 40 * 60)))
            t += pd.Timedelta(minutes=int(rng.integers(31, 3 * 24 * 60)))
    events = pd.DataFrame(rows, columns=["user_id", "event_at", "event"])
    events = events.drop_duplicates(["user_id", "event_at"]).reset_index(drop=True)
    events["order"] = range(len(events))
    channels = np.array(["wechat", "douyin", "app"])
    users = pd.DataFrame(
        {
            "user_id": [f"u{n:03d}" for n in range(n_users)],
            "channel": channels[rng.integers(0, 3, n_users)],
        }
    )
    return users, events


@pytest.fixture
def planted(engine):
    users, events = generated()
    insert(engine, users, events)
    return engine, users, events


HAND = [  # user, time, event (2024-01-10)
    ("a", "09:00:00", "open"),
    ("a", "09:00:30", "open"),  # a repeat, collapsed
    ("a", "09:01:00", "view"),
    ("a", "09:03:00", "buy"),
    ("a", "10:00:00", "open"),  # a new session (57 min gap)
    ("b", "08:00:00", "view"),  # before the anchor
    ("b", "08:10:00", "open"),
    ("b", "08:11:00", "view"),
    ("b", "08:41:00", "like"),  # exactly 30 min: same session
    ("c", "12:00:00", "open"),  # alone in its session: (left) at once
    ("c", "12:31:00", "view"),  # 31 min later: another session
    ("d", "12:00:00", "view"),  # never opens
]


@pytest.fixture
def hand(engine):
    events = pd.DataFrame(
        [(u, pd.Timestamp(f"2024-01-10 {t}"), e) for u, t, e in HAND],
        columns=["user_id", "event_at", "event"],
    )
    users = pd.DataFrame({"user_id": ["a", "b", "c", "d"], "channel": ["x", "y", "x", "x"]})
    insert(engine, users, events)
    return engine


# ----------------------------------------------------------------- tests


def test_hand_computed_forward(hand):
    result = m.paths(hand, filters=JAN, event="open", steps=3)
    assert result.users == 3
    rows = [(r["step"], r["from"], r["to"], r["users"]) for r in result.to_json()["transitions"]]
    assert rows == [
        (1, "open", "view", 2),
        (1, "open", "(left)", 1),
        (2, "view", "buy", 1),
        (2, "view", "like", 1),
        (3, "buy", "(left)", 1),
        (3, "like", "(left)", 1),
    ]
    table = result.transitions.set_index(["step", "from", "to"])
    assert table.loc[(1, "open", "view"), "median_seconds"] == pytest.approx(60.0)  # 60 s, 60 s
    assert table.loc[(1, "open", "view"), "share"] == pytest.approx(2 / 3)
    assert table.loc[(2, "view", "like"), "median_seconds"] == pytest.approx(1800.0)
    assert table.loc[(1, "open", "(left)"), "median_seconds"] is None


def test_hand_computed_no_collapse_and_backward(hand):
    result = m.paths(hand, filters=JAN, event="open", steps=2, collapse=False)
    rows = {(r["step"], r["from"], r["to"]): r["users"] for r in result.to_json()["transitions"]}
    assert rows[(1, "open", "open")] == 1 and rows[(2, "open", "view")] == 1
    back = m.paths(hand, filters=JAN, event="buy", direction="backward", steps=3)
    rows = [(r["step"], r["from"], r["to"], r["users"]) for r in back.to_json()["transitions"]]
    assert rows == [(1, "view", "buy", 1), (2, "open", "view", 1), (3, "(start)", "open", 1)]
    assert back.to_json()["end_event"] == "buy" and back.to_json()["start_event"] is None


def test_session_gap_setting(hand):
    # with a 60-minute gap a's 10:00 open joins the first session (57 min after buy)
    result = m.paths(hand, filters=JAN, event="buy", steps=1, session_minutes=60)
    assert [(r["to"], r["users"]) for r in result.to_json()["transitions"]] == [("open", 1)]
    result = m.paths(hand, filters=JAN, event="buy", steps=1)
    assert [(r["to"], r["users"]) for r in result.to_json()["transitions"]] == [("(left)", 1)]


@pytest.mark.parametrize(
    "options",
    [
        {"event": "open"},
        {"event": "open", "collapse": False, "steps": 6},
        {"event": "view", "steps": 10, "top": 3},
        {"event": "buy", "direction": "backward", "steps": 4},
        {"event": "open", "minutes": 5, "top": 2},
    ],
)
def test_against_pandas(planted, options):
    engine, users, events = planted
    minutes = options.pop("minutes", 30)
    expected = reference(events, users, filters=JAN, minutes=minutes, **options)
    assert expected[0] > 20  # the planted data does exercise the definition
    result = m.paths(engine, filters=JAN, session_minutes=minutes, **options)
    assert_same(result, expected)


def test_segment_and_where_filters(planted):
    engine, users, events = planted
    expected = reference(events, users, filters=JAN, event="open", channels=("wechat",))
    assert_same(
        m.paths(engine, filters=Filters(**vars(JAN) | {"channels": ("wechat",)}), event="open"),
        expected,
    )
    where = Filters(start=JAN.start, end=JAN.end, where=(("channel", ("wechat",)),))
    assert_same(m.paths(engine, filters=where, event="open"), expected)
    short = Filters(start=D(2024, 1, 5), end=D(2024, 1, 12))
    assert_same(
        m.paths(engine, filters=short, event="open"),
        reference(events, users, filters=short, event="open"),
    )


def test_link_users(planted):
    engine, users, events = planted
    _, transitions, labels = reference(events, users, filters=JAN, event="open", top=3)
    row = next(r for r in transitions if r["step"] == 2 and r["to"] == m.OTHER)
    expected = sorted(
        u
        for u, lab in labels.items()
        if len(lab) > 2 and lab[1] == row["from"] and lab[2] == m.OTHER
    )
    got = m.link_users(
        engine, filters=JAN, event="open", top=3, step=2, source=row["from"], target=m.OTHER
    )
    assert got == expected and len(got) == row["users"]


def test_report_and_bad_input(hand):
    report = m.build_report(hand, filters=JAN, start_event="open", steps=3)
    assert {"start_event", "steps", "users", "transitions"} <= report.keys()
    assert report["start_event"] == "open" and report["steps"] == 3 and report["users"] == 3
    assert set(report["transitions"][0]) >= {"step", "from", "to", "users", "median_seconds"}
    with pytest.raises(UserError):
        m.build_report(hand, filters=JAN)
    with pytest.raises(UserError):
        m.paths(hand, filters=JAN, event="open", steps=11)
    empty = m.paths(hand, filters=JAN, event="nothing")
    assert empty.users == 0 and empty.transitions.empty


def test_cli_report_paths(capsys, tmp_path):
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
    users = pd.DataFrame({"user_id": ["a", "b", "c", "d"], "channel": ["x", "y", "x", "x"]})
    insert(engine, users, events)
    window = ["--start", "2024-01-01", "--end", "2024-01-31"]
    args = ["report", "paths", "--db", db, *window, "--start-event", "open", "--steps", "3"]
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        **m.build_report(engine, filters=JAN, start_event="open", steps=3),
        "start": "2024-01-01",
        "end": "2024-01-31",
    }
    assert report["transitions"][0] == {
        "step": 1,
        "from": "open",
        "to": "view",
        "users": 2,
        "share": pytest.approx(2 / 3),
        "median_seconds": 60.0,
    }
    assert main([*args, "--channel", "y", "--no-collapse", "--top", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["users"] == 1
    assert main(["report", "paths", "--db", db, *window, "--end-event", "buy", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["end_event"] == "buy"
    assert main(["report", "paths", "--db", db, "--start-event", "nope"]) == 2
    assert "no event named 'nope'" in capsys.readouterr().err
    assert main(["report", "paths", "--db", db]) == 2
    assert main([*args, "--steps", "11"]) == 2
    engine.dispose()


def test_exact_gap_and_ties_at_the_anchor(engine):
    """A gap of exactly the session length keeps the session (SQLite's julianday difference
    once read 1800.00001 s); an event at the anchor's very time but an earlier row comes
    before it (forward: not on the path; backward: node 1)."""
    events = pd.DataFrame(
        [
            ("a", pd.Timestamp("2024-01-10 10:00:00"), "open"),
            ("a", pd.Timestamp("2024-01-10 10:30:00"), "view"),  # exactly 30 min later
            ("a", pd.Timestamp("2024-01-10 11:00:00"), "buy"),  # exactly 30 min again
            ("b", pd.Timestamp("2024-01-10 09:00:00"), "like"),  # same time, earlier row
            ("b", pd.Timestamp("2024-01-10 09:00:00"), "open"),
            ("b", pd.Timestamp("2024-01-10 09:00:00"), "view"),  # same time, later row
        ],
        columns=["user_id", "event_at", "event"],
    )
    insert(engine, pd.DataFrame({"user_id": ["a", "b"], "channel": "x"}), events)
    forward = m.paths(engine, filters=JAN, event="open", steps=3)
    rows = {(r["step"], r["from"], r["to"]): r["users"] for r in forward.to_json()["transitions"]}
    assert rows == {
        (1, "open", "view"): 2,
        (2, "view", "buy"): 1,
        (2, "view", "(left)"): 1,
        (3, "buy", "(left)"): 1,
    }
    back = m.paths(engine, filters=JAN, event="open", direction="backward", steps=2)
    rows = {(r["step"], r["from"], r["to"]): r["users"] for r in back.to_json()["transitions"]}
    assert rows == {(1, "(start)", "open"): 1, (1, "like", "open"): 1, (2, "(start)", "like"): 1}
