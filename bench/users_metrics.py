"""Speed of every Users-page number on 1,000,000 events / 100,000 users (SQLite), next to
the same numbers computed by DuckDB on the same data.

    .venv/bin/python bench/users_metrics.py [--db /tmp/opsdash_bench_users.db] [--rebuild]

Builds the store once (synthetic: 100k signups over 180 days, geometric-ish activity decay,
~1M events, 6 channels, 3 levels, some orders), then, in a fresh process per side:
- opsdash: each Users-page metric function on a cold engine (new process, nothing cached),
  last 30 days, daily period;
- DuckDB: the same definitions written in SQL over the same rows, read from the SQLite file
  into DuckDB tables first (load time reported separately, not counted).
Prints a table of seconds per metric, the totals, the ratio opsdash / DuckDB and peak RSS."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

USERS = 100_000
EVENTS_TARGET = 1_000_000
DAYS = 180
EVENTS_PER_DAY = 4.5
FIRST = dt.date(2024, 1, 1)
CHANNELS = ["organic", "wechat", "douyin", "sem", "app_store", "referral"]
EVENT_NAMES = ["app_open", "view_content", "like", "add_to_cart", "purchase", "share"]
EVENT_WEIGHTS = [0.40, 0.35, 0.10, 0.08, 0.03, 0.04]


def build(db: Path) -> None:
    from opsdash.db import init_store, make_engine
    from opsdash.models import Event, OrderLine, User
    from opsdash.store.bulk import bulk_insert
    from opsdash.store.hooks import after_data_write

    rng = np.random.default_rng(7)
    if db.exists():
        db.unlink()
    engine = make_engine(f"sqlite:///{db}")
    init_store(engine, timezone="UTC")
    signup_day = rng.integers(0, DAYS, USERS)
    users = pd.DataFrame(
        {
            "user_id": [f"u{i:06d}" for i in range(USERS)],
            "signup_date": [FIRST + dt.timedelta(days=int(d)) for d in signup_day],
            "channel": rng.choice(CHANNELS, USERS, p=[0.3, 0.2, 0.2, 0.1, 0.1, 0.1]),
            "platform": rng.choice(["ios", "android", "web"], USERS),
            "region": rng.choice(["north", "south", "east", "west"], USERS),
            "level": rng.choice(["basic", "silver", "gold"], USERS, p=[0.7, 0.2, 0.1]),
        }
    )
    users["signup_at"] = pd.to_datetime(users["signup_date"]) + pd.to_timedelta(
        rng.integers(0, 86400, USERS), unit="s"
    )
    # events: each user has a few active days (offsets from signup decay exponentially) and
    # several events on each active day, as sessions do in real products
    active_days = rng.geometric(1 / (EVENTS_TARGET / USERS / EVENTS_PER_DAY), USERS)
    owner = np.repeat(np.arange(USERS), active_days)
    offset = np.where(
        np.r_[True, owner[1:] != owner[:-1]], 0, rng.exponential(25, len(owner)).astype(int) + 1
    )
    day = signup_day[owner] + offset
    keep = day < DAYS
    owner, day = owner[keep], day[keep]
    per_day = rng.poisson(EVENTS_PER_DAY - 1, len(owner)) + 1
    owner, day = np.repeat(owner, per_day), np.repeat(day, per_day)
    n = len(owner)
    seconds = rng.integers(0, 86400, n)
    event_at = (
        pd.to_datetime(FIRST) + pd.to_timedelta(day, unit="D") + pd.to_timedelta(seconds, unit="s")
    )
    events = pd.DataFrame(
        {
            "user_id": users["user_id"].to_numpy()[owner],
            "event_at": event_at,
            "event_date": event_at.normalize().date,
            "event": rng.choice(EVENT_NAMES, n, p=EVENT_WEIGHTS),
            "row_key": np.arange(1, n + 1),
        }
    )
    buys = events[events["event"] == "purchase"].reset_index(drop=True)
    orders = pd.DataFrame(
        {
            "order_id": [f"o{i}" for i in range(len(buys))],
            "line": 1,
            "user_id": buys["user_id"],
            "paid_at": buys["event_at"],
            "paid_date": buys["event_date"],
            "amount": rng.integers(10, 300, len(buys)).astype(float),
            "quantity": 1.0,
            "status": "paid",
            "refund_amount": 0.0,
        }
    )
    started = time.perf_counter()
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, users)
        bulk_insert(conn, Event.__table__, events)
        bulk_insert(conn, OrderLine.__table__, orders)
        after_data_write(conn, ["users", "events", "orders"])
    print(
        f"built {db}: {len(users):,} users, {len(events):,} events, {len(orders):,} orders "
        f"in {time.perf_counter() - started:.1f} s (insert + refreshers)"
    )
    engine.dispose()


def _filters(engine):
    from opsdash.filters import Filters
    from opsdash.metrics.users import last_data_day

    end = last_data_day(engine)
    return Filters(start=end - dt.timedelta(days=29), end=end)


def opsdash_work(engine) -> dict:
    """Every library call the Users page makes on its first visit (default choices, last 30
    days, daily period), in page order; names as in the DuckDB version below."""
    from opsdash.metrics import users as m

    filters = _filters(engine)
    previous = filters.previous()
    steps = ("app_open", "view_content", "add_to_cart", "purchase")
    return {
        "event_names": lambda: m.event_names(engine),
        "new_users (+ previous period)": lambda: (
            m.new_users(engine, filters=filters),
            m.new_users(engine, filters=previous),
        ),
        "new_users_by_period": lambda: m.new_users_by_period(engine, filters=filters, period="day"),
        "channel_quality": lambda: m.channel_quality(engine, filters=filters),
        "activity_summary (+ previous)": lambda: (
            m.activity_summary(engine, filters=filters),
            m.activity_summary(engine, filters=previous),
        ),
        "daily_active_users": lambda: m.daily_active_users(engine, filters=filters),
        "retention_day": lambda: m.retention_table(engine, filters=filters, period="day"),
        "retention_week_unbounded": lambda: m.retention_table(
            engine, filters=filters, period="week", mode="on_or_after"
        ),
        "lifecycle_day": lambda: m.lifecycle(engine, filters=filters, period="day"),
        "funnel_4_steps": lambda: m.funnel(engine, filters=filters, steps=steps),
        "user_tiers": lambda: m.user_tiers(engine, filters=filters),
    }


def run_opsdash(db: Path) -> dict:
    from opsdash.db import make_engine

    return _time(opsdash_work(make_engine(f"sqlite:///{db}")))


def run_opsdash_parallel(db: Path) -> dict:
    """As the page computes them: event names first (the page needs them to know its
    sections), then everything else on OPSDASH_PREFETCH_THREADS (2) threads, in page order
    (opsdash.ui.context.prefetch). Wall time of the whole."""
    from concurrent.futures import ThreadPoolExecutor

    from opsdash.db import make_engine
    from opsdash.settings import get_settings

    work = opsdash_work(make_engine(f"sqlite:///{db}"))
    started = time.perf_counter()
    work.pop("event_names")()
    with ThreadPoolExecutor(max_workers=get_settings().prefetch_threads or 1) as pool:
        for future in [pool.submit(call) for call in work.values()]:
            future.result()
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": {"total": seconds}, "peak_mb": peak_mb}


def run_duckdb(db: Path) -> dict:
    import duckdb

    con = duckdb.connect()
    started = time.perf_counter()
    source = sqlite3.connect(db)
    for table, columns in {
        "users": "user_id, signup_date, channel, level",
        "events": "user_id, event_at, event_date, event",
        "orders": "user_id, paid_date, amount, refund_amount, status",
    }.items():
        frame = pd.read_sql_query(f"SELECT {columns} FROM {table}", source)  # noqa: S608
        for name in frame.columns:
            if name.endswith("_date") or name.endswith("_at"):
                frame[name] = pd.to_datetime(frame[name])
        for name in [c for c in frame.columns if c.endswith("_date")]:
            frame[name] = frame[name].dt.date
        con.register("frame", frame)
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM frame")  # noqa: S608
        con.unregister("frame")
    source.close()
    load = time.perf_counter() - started
    end = con.execute("SELECT max(event_date) FROM events").fetchone()[0]
    start = end - dt.timedelta(days=29)
    p = {"s": start, "e": end}
    previous = {"s": start - dt.timedelta(days=30), "e": start - dt.timedelta(days=1)}

    def q(*sqls: str, params: dict | None = None):
        values = params or p
        return lambda: [
            con.execute(sql, {k: v for k, v in values.items() if f"${k}" in sql}).fetchall()
            for sql in sqls
        ]

    summary = (
        "SELECT event_date, count(DISTINCT user_id) FROM events "
        "WHERE event_date BETWEEN $e - 29 AND $e GROUP BY 1",
        "SELECT count(DISTINCT user_id) FROM events WHERE event_date BETWEEN $e - 29 AND $e",
        "SELECT count(DISTINCT user_id) FROM events WHERE event_date BETWEEN $e - 6 AND $e",
    )
    new_users = "SELECT count(*) FROM users WHERE signup_date BETWEEN $s AND $e"
    work = {
        "event_names": q("SELECT event, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"),
        "new_users (+ previous period)": lambda: (q(new_users)(), q(new_users, params=previous)()),
        "new_users_by_period": q(
            "SELECT signup_date, channel, count(*) FROM users WHERE signup_date BETWEEN $s AND $e "
            "GROUP BY 1, 2"
        ),
        "channel_quality": q(
            "SELECT max(event_date) FROM events",
            "SELECT channel, signup_date, count(*) FROM users "
            "WHERE signup_date BETWEEN $s AND $e GROUP BY 1, 2",
            "SELECT u.channel, e.event_date - u.signup_date AS n, count(DISTINCT u.user_id) "
            "FROM users u JOIN events e USING (user_id) WHERE u.signup_date BETWEEN $s AND $e "
            "AND e.event_date - u.signup_date IN (1, 7, 30) GROUP BY 1, 2",
            "SELECT channel, count(*) FROM users u WHERE signup_date BETWEEN $s AND $e AND "
            "EXISTS (SELECT 1 FROM orders o WHERE o.user_id = u.user_id AND "
            "status IN ('paid', 'refunded') AND paid_date IS NOT NULL AND amount > 0) "
            "GROUP BY 1",
        ),
        "activity_summary (+ previous)": lambda: (q(*summary)(), q(*summary, params=previous)()),
        "daily_active_users": q(
            "SELECT event_date, count(DISTINCT user_id) FROM events "
            "WHERE event_date BETWEEN $s AND $e GROUP BY 1"
        ),
        "retention_day": q(
            "SELECT max(event_date) FROM events",
            "SELECT signup_date, count(*) FROM users WHERE signup_date BETWEEN $s AND $e "
            "GROUP BY 1",
            "SELECT u.signup_date, e.event_date, count(DISTINCT u.user_id) FROM users u "
            "JOIN events e ON e.user_id = u.user_id AND e.event_date >= u.signup_date "
            "WHERE u.signup_date BETWEEN $s AND $e GROUP BY 1, 2",
        ),
        "retention_week_unbounded": q(
            "SELECT max(event_date) FROM events",
            "SELECT date_trunc('week', signup_date), count(*) FROM users "
            "WHERE signup_date BETWEEN $s AND $e GROUP BY 1",
            "SELECT date_trunc('week', signup_date), date_trunc('week', last), count(*) FROM ("
            "SELECT u.user_id, u.signup_date, max(e.event_date) AS last FROM users u "
            "JOIN events e ON e.user_id = u.user_id AND e.event_date >= u.signup_date "
            "WHERE u.signup_date BETWEEN $s AND $e GROUP BY 1, 2) GROUP BY 1, 2",
        ),
        "lifecycle_day": q(
            "WITH pairs AS (SELECT DISTINCT user_id, event_date AS p FROM events "
            "WHERE event_date BETWEEN $s - 1 AND $e), "
            "lagged AS (SELECT user_id, p, lag(p) OVER (PARTITION BY user_id ORDER BY p) AS prev "
            "FROM pairs) "
            "SELECT p, count(*), sum(CASE WHEN prev IS NULL AND u.signup_date = p THEN 1 ELSE 0 "
            "END), sum(CASE WHEN prev = p - 1 THEN 1 ELSE 0 END) "
            "FROM lagged LEFT JOIN users u USING (user_id) GROUP BY p"
        ),
        "funnel_4_steps": q(
            "WITH s1 AS (SELECT user_id, min(event_at) t1 FROM events WHERE event='app_open' "
            "AND event_date BETWEEN $s AND $e GROUP BY 1), "
            "s2 AS (SELECT s1.user_id, t1, min(e.event_at) t2 FROM s1"
            " JOIN events e USING (user_id) WHERE e.event='view_content'"
            " AND e.event_at >= t1 AND e.event_at <= t1 + INTERVAL 7 DAY"
            " GROUP BY 1, 2), "
            "s3 AS (SELECT s2.user_id, t1, t2, min(e.event_at) t3 FROM s2"
            " JOIN events e USING (user_id) WHERE e.event='add_to_cart'"
            " AND e.event_at >= t2 AND e.event_at <= t1 + INTERVAL 7 DAY"
            " GROUP BY 1, 2, 3), "
            "s4 AS (SELECT s3.user_id, min(e.event_at) t4 FROM s3 JOIN events e USING (user_id)"
            " WHERE e.event='purchase' AND e.event_at >= t3 AND e.event_at <= t1 + INTERVAL 7 DAY"
            " GROUP BY 1) "
            "SELECT count(*), count(s2.t2), count(s3.t3), count(s4.t4),"
            " median(epoch(s2.t2) - epoch(s1.t1)), median(epoch(s3.t3) - epoch(s2.t2)),"
            " median(epoch(s4.t4) - epoch(s3.t3)) FROM s1"
            " LEFT JOIN s2 USING (user_id)"
            " LEFT JOIN s3 USING (user_id) LEFT JOIN s4 USING (user_id)"
        ),
        "user_tiers": q(
            "SELECT level, count(*) FROM users GROUP BY 1",
            "SELECT u.level, count(DISTINCT d.user_id), count(*) FROM users u JOIN ("
            "SELECT DISTINCT user_id, event_date FROM events WHERE event_date BETWEEN $s AND $e"
            ") d USING (user_id) GROUP BY 1",
            "SELECT u.level, count(DISTINCT o.user_id), sum(o.amount - least(o.refund_amount, "
            "o.amount)) FROM users u JOIN orders o USING (user_id) WHERE "
            "status IN ('paid', 'refunded') AND paid_date IS NOT NULL AND amount > 0 "
            "AND o.paid_date BETWEEN $s AND $e GROUP BY 1",
        ),
    }
    result = _time(work)
    result["load_seconds"] = load
    return result


def _time(work: dict) -> dict:
    seconds = {}
    for name, call in work.items():
        started = time.perf_counter()
        call()
        seconds[name] = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/opsdash_bench_users.db"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--side", choices=["opsdash", "opsdash-parallel", "duckdb"], help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.side:
        run = {
            "opsdash": run_opsdash,
            "opsdash-parallel": run_opsdash_parallel,
            "duckdb": run_duckdb,
        }[args.side]
        print(json.dumps(run(args.db)))
        return
    if args.rebuild or not args.db.exists():
        build(args.db)
    results = {}
    # a fresh process each: cold, and its own peak memory
    for side in ("opsdash", "opsdash-parallel", "duckdb"):
        output = subprocess.run(
            [sys.executable, __file__, "--db", str(args.db), "--side", side],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results[side] = json.loads(output.strip().splitlines()[-1])
    ours, theirs = results["opsdash"]["seconds"], results["duckdb"]["seconds"]
    print(f"{'metric':32} {'opsdash s':>10} {'duckdb s':>10} {'ratio':>7}")
    for name in ours:
        ratio = ours[name] / theirs[name] if theirs[name] else float("nan")
        print(f"{name:32} {ours[name]:10.3f} {theirs[name]:10.3f} {ratio:7.1f}")
    total_ours, total_theirs = sum(ours.values()), sum(theirs.values())
    print(
        f"{'TOTAL, one after another':32} {total_ours:10.3f} {total_theirs:10.3f} "
        f"{total_ours / total_theirs:7.1f}"
    )
    parallel = results["opsdash-parallel"]["seconds"]["total"]
    print(
        f"{'TOTAL, as the page runs them':32} {parallel:10.3f} {total_theirs:10.3f} "
        f"{parallel / total_theirs:7.1f}"
    )
    print(f"duckdb load from SQLite (not counted): {results['duckdb']['load_seconds']:.2f} s")
    print(
        "peak RSS: "
        + ", ".join(f"{side} {result['peak_mb']:.0f} MB" for side, result in results.items())
    )


if __name__ == "__main__":
    main()
