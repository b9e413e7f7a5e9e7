"""Speed of the Paths page's paths section on the ~1M-event bench store (SQLite), next to
DuckDB computing the same transitions in the same run, and a check that both agree.

    .venv/bin/python bench/paths.py [--db /tmp/opsdash_bench_users.db] [--rebuild]
        [--event app_open] [--days 30] [--repeat 3]

The store is the one of ``bench/users_metrics.py`` (built once if missing: 100k users,
921,872 events over 180 days). For each direction (paths after the event, and before it;
5 steps, 30-minute sessions, collapse on, top 10), in a fresh process per side:

- opsdash: :func:`opsdash.metrics.paths.paths` on a cold engine (nothing cached in Python),
  the last ``--days`` days of the data, timed ``--repeat`` times (the first run is the
  cold one);
- DuckDB: the same definition in DuckDB SQL (the same three window passes, then the top-N
  relabelling step by step and the per-step counts and medians, all in SQL) over the same
  rows, loaded from the SQLite file first (load time reported, not counted).

Prints seconds per side and direction, the ratio opsdash / DuckDB, and whether the two
transition tables are the same (from, to, users per step; medians within 0.01 s)."""

# ruff: noqa: S608 - SQL text is built from this script's constants; values are bound
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STEPS = 5
GAP_SECONDS = 30 * 60
TOP = 10
ENDS = ("(left)", "(start)")  # nothing follows them; "(other)" continues


def _range(end: dt.date, days: int) -> tuple[dt.date, dt.date]:
    return end - dt.timedelta(days=days - 1), end


def run_opsdash(db: Path, event: str, days: int, repeat: int) -> dict:
    from opsdash.db import make_engine
    from opsdash.filters import Filters
    from opsdash.metrics.paths import paths
    from opsdash.metrics.users import last_data_day

    engine = make_engine(f"sqlite:///{db}")
    start, end = _range(last_data_day(engine), days)
    filters = Filters(start=start, end=end)
    out = {}
    for direction in ("forward", "backward"):
        seconds = []
        for _ in range(repeat):
            began = time.perf_counter()
            result = paths(
                engine,
                filters=filters,
                event=event,
                direction=direction,
                steps=STEPS,
                session_minutes=GAP_SECONDS // 60,
                top=TOP,
            )
            seconds.append(time.perf_counter() - began)
        out[direction] = {
            "seconds": seconds,
            "users": result.users,
            "transitions": result.to_json()["transitions"],
        }
    return out


def _duckdb_nodes_sql(direction: str) -> str:
    """One row per anchored user and node, as opsdash.metrics.paths._nodes_statement."""
    offset = "pos - a_p" if direction == "forward" else "a_p - pos"
    return f"""
    WITH ev AS (
        SELECT user_id, id, event_at, event,
            lag(event_at) OVER w AS prev_at, lag(event) OVER w AS prev_event,
            min(CASE WHEN event = $event THEN event_at END) OVER (PARTITION BY user_id)
                AS anchor_at
        FROM events WHERE event_date BETWEEN $start AND $end
        WINDOW w AS (PARTITION BY user_id ORDER BY event_at, id)
    ), flagged AS (
        SELECT *, (prev_at IS NULL OR epoch(event_at - prev_at) > $gap) AS starts
        FROM ev WHERE anchor_at IS NOT NULL
    ), kept AS (
        SELECT user_id, event_at, event, anchor_at,
            sum(CASE WHEN starts THEN 1 ELSE 0 END) OVER w AS session,
            row_number() OVER w AS pos
        FROM flagged WHERE starts OR prev_event IS DISTINCT FROM event
        WINDOW w AS (PARTITION BY user_id ORDER BY event_at, id ROWS UNBOUNDED PRECEDING)
    ), marked AS (
        SELECT *,
            min(CASE WHEN event = $event AND event_at = anchor_at THEN session END)
                OVER (PARTITION BY user_id) AS a_s,
            min(CASE WHEN event = $event AND event_at = anchor_at THEN pos END)
                OVER (PARTITION BY user_id) AS a_p
        FROM kept
    )
    SELECT user_id, {offset} AS k, event, abs(epoch(event_at - anchor_at)) AS seconds
    FROM marked WHERE session = a_s AND {offset} BETWEEN 0 AND {STEPS}
    """


def _duckdb_transitions_sql(marker: str) -> str:
    """Per-user wide paths with end markers, the top-N relabelling step by step, and the
    per-step transitions (users, share of node k-1, median gap), as opsdash's pandas part."""
    names = ", ".join(
        f"max(event) FILTER (WHERE k = {k}) AS n{k}, max(seconds) FILTER (WHERE k = {k}) AS s{k}"
        for k in range(STEPS + 1)
    )
    parts = [f"wide AS (SELECT user_id, {names}, max(k) AS last FROM nodes GROUP BY user_id)"]
    # node k: the event, the end marker right after the last event, NULL after that
    node = [
        f"CASE WHEN {k} <= last THEN n{k} WHEN {k} = last + 1 THEN '{marker}' END AS n{k}, "
        f"CASE WHEN {k} <= last THEN round(s{k} - s{k - 1}, 3) END AS g{k}"
        for k in range(1, STEPS + 1)
    ]
    parts.append(f"w0 AS (SELECT user_id, n0, n0 AS l0, {', '.join(node)} FROM wide)")
    quoted = ", ".join(f"'{m}'" for m in ENDS)
    for k in range(1, STEPS + 1):
        prev, cur = f"l{k - 1}", f"n{k}"
        parts.append(
            f"t{k} AS (SELECT {prev} AS p, {cur} AS c FROM w{k - 1} "
            f"WHERE {prev} IS NOT NULL AND {prev} NOT IN ({quoted}) "
            f"AND {cur} IS NOT NULL AND {cur} NOT IN ({quoted}) "
            f"GROUP BY 1, 2 ORDER BY count(*) DESC, p, c LIMIT {TOP})"
        )
        parts.append(
            f"w{k} AS (SELECT w.*, CASE WHEN {prev} IS NULL OR {prev} IN ({quoted}) "
            f"OR {cur} IS NULL THEN NULL WHEN {cur} IN ({quoted}) THEN {cur} "
            f"WHEN t.p IS NOT NULL THEN {cur} ELSE '(other)' END AS l{k} "
            f"FROM w{k - 1} w LEFT JOIN t{k} t ON t.p = w.{prev} AND t.c = w.{cur})"
        )
    steps = " UNION ALL ".join(
        f"SELECT {k} AS step, l{k - 1} AS p, l{k} AS c, count(*) AS users, "
        f"round(median(g{k}), 3) AS median_seconds, "
        f"count(*) / (SELECT count(*) FROM w{STEPS} x WHERE x.l{k - 1} = w.l{k - 1}) AS share "
        f"FROM w{STEPS} w WHERE l{k} IS NOT NULL GROUP BY l{k - 1}, l{k}"
        for k in range(1, STEPS + 1)
    )
    return f"WITH {', '.join(parts)} {steps}"


def run_duckdb(db: Path, event: str, days: int, repeat: int) -> dict:
    import duckdb

    con = duckdb.connect()
    began = time.perf_counter()
    source = sqlite3.connect(db)
    frame = pd.read_sql_query("SELECT id, user_id, event_at, event_date, event FROM events", source)
    source.close()
    frame["event_at"] = pd.to_datetime(frame["event_at"])
    frame["event_date"] = pd.to_datetime(frame["event_date"]).dt.date
    con.register("frame", frame)
    con.execute("CREATE TABLE events AS SELECT * FROM frame")
    con.unregister("frame")
    load = time.perf_counter() - began
    start, end = _range(con.execute("SELECT max(event_date) FROM events").fetchone()[0], days)
    out = {"load_seconds": load}
    for direction in ("forward", "backward"):
        marker = "(left)" if direction == "forward" else "(start)"
        params = {"event": event, "start": start, "end": end, "gap": GAP_SECONDS}
        seconds = []
        for _ in range(repeat):
            began = time.perf_counter()
            con.execute("DROP TABLE IF EXISTS nodes")
            con.execute(f"CREATE TEMP TABLE nodes AS {_duckdb_nodes_sql(direction)}", params)
            rows = con.execute(_duckdb_transitions_sql(marker)).fetchall()
            users = con.execute("SELECT count(DISTINCT user_id) FROM nodes").fetchone()[0]
            seconds.append(time.perf_counter() - began)
        transitions = [
            {
                "step": int(step),
                "from": p if direction == "forward" else c,
                "to": c if direction == "forward" else p,
                "users": int(n),
                "share": float(share),
                "median_seconds": None if median is None else float(median),
            }
            for step, p, c, n, median, share in rows
        ]
        out[direction] = {"seconds": seconds, "users": int(users), "transitions": transitions}
    return out


def _key(rows: list[dict]) -> list[tuple]:
    return sorted((r["step"], r["from"], r["to"], r["users"]) for r in rows)


def agree(ours: dict, theirs: dict) -> bool:
    """Same users, the same (step, from, to, users) rows, medians within 0.01 s."""
    if ours["users"] != theirs["users"] or _key(ours["transitions"]) != _key(theirs["transitions"]):
        return False
    medians = {(r["step"], r["from"], r["to"]): r["median_seconds"] for r in theirs["transitions"]}
    for row in ours["transitions"]:
        other = medians[(row["step"], row["from"], row["to"])]
        mine = row["median_seconds"]
        if (mine is None) != (other is None) or (mine is not None and abs(mine - other) > 0.01):
            return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/opsdash_bench_users.db"))
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--event", default="app_open")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--side", choices=["opsdash", "duckdb"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        run = run_opsdash if args.side == "opsdash" else run_duckdb
        print(json.dumps(run(args.db, args.event, args.days, args.repeat)))
        return
    if args.rebuild or not args.db.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from users_metrics import build

        build(args.db)
    results = {}
    for side in ("opsdash", "duckdb"):
        command = [sys.executable, __file__, "--side", side, "--db", str(args.db)]
        command += ["--event", args.event, "--days", str(args.days), "--repeat", str(args.repeat)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        results[side] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"paths of {args.event!r}, last {args.days} days, {STEPS} steps, top {TOP}")
    print(
        f"{'direction':10} {'users':>7} {'opsdash s (cold, then warm)':>30} "
        f"{'duckdb s':>20} ratio agree"
    )
    for direction in ("forward", "backward"):
        ours, theirs = results["opsdash"][direction], results["duckdb"][direction]
        mine, other = min(ours["seconds"]), min(theirs["seconds"])
        shown = " ".join(f"{s:.3f}" for s in ours["seconds"])
        others = " ".join(f"{s:.3f}" for s in theirs["seconds"])
        print(
            f"{direction:10} {ours['users']:>7,} {shown:>30} {others:>20} "
            f"{mine / other:5.1f} {agree(ours, theirs)}"
        )
    print(f"duckdb load from SQLite (not counted): {results['duckdb']['load_seconds']:.2f} s")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
