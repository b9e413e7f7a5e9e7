"""How long `opsdash demo` takes at its default size (the foundation's bar: under 15 s).

Usage: .venv/bin/python bench/demo_load.py [--users 20000] [--days 180] [--repeat 3]
Prints generation and total load times into a fresh SQLite store (and PostgreSQL when
OPSDASH_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import sqlalchemy as sa

from opsdash.db import init_store, make_engine
from opsdash.demo import generate_demo, load_demo

END = dt.date(2024, 6, 30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", help="server URL; a scratch database is created and dropped")
    args = parser.parse_args()

    generate = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        frames = generate_demo(users=args.users, days=args.days, seed=42, end=END, timezone="UTC")
        generate.append(time.perf_counter() - started)
    rows = sum(len(f) for f in frames.values())
    print(f"rows: {rows:,} ({len(frames['events']):,} events)")
    print(f"generate: median {statistics.median(generate):.2f} s of {args.repeat}")

    sqlite_runs = []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            init_store(engine, timezone="UTC")
            started = time.perf_counter()
            load_demo(engine, users=args.users, days=args.days, end=END, timezone="UTC")
            sqlite_runs.append(time.perf_counter() - started)
            engine.dispose()
    print(f"load into SQLite (generate + write): median {statistics.median(sqlite_runs):.2f} s")

    if args.postgres:
        admin = make_engine(args.postgres).execution_options(isolation_level="AUTOCOMMIT")
        name = f"opsdash_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            engine = make_engine(
                sa.make_url(args.postgres).set(database=name).render_as_string(False)
            )
            init_store(engine, timezone="UTC")
            started = time.perf_counter()
            load_demo(engine, users=args.users, days=args.days, end=END, timezone="UTC")
            print(f"load into PostgreSQL: {time.perf_counter() - started:.2f} s")
            engine.dispose()
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
