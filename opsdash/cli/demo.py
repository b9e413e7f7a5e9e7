"""``opsdash demo``: fill the store with the demo product."""

from __future__ import annotations

import argparse
import datetime as dt
import time

from opsdash.cli.common import open_store, print_json
from opsdash.demo import load_demo
from opsdash.settings import get_settings
from opsdash.store.data import has_data
from opsdash.timeutil import today


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "demo", parents=[parent], help="fill the store with realistic demo data"
    )
    parser.add_argument("--users", type=int, default=20_000, help="number of users (20000)")
    parser.add_argument("--days", type=int, default=180, help="days of history (180)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (42)")
    parser.add_argument(
        "--end", type=dt.date.fromisoformat, help="last day, YYYY-MM-DD (default: yesterday)"
    )
    parser.add_argument("--reset", action="store_true", help="delete all data first")
    parser.add_argument(
        "--if-empty", action="store_true", help="do nothing when the store already has data"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    settings = get_settings()
    engine = open_store(args)
    if args.if_empty and not args.reset:
        with engine.connect() as conn:
            if has_data(conn):
                print("opsdash demo: the store already has data; left as it is.")
                return 0
    end = args.end or today(settings.timezone) - dt.timedelta(days=1)
    started = time.perf_counter()
    summary = load_demo(
        engine,
        users=args.users,
        days=args.days,
        seed=args.seed,
        end=end,
        timezone=settings.timezone,
        reset=args.reset,
    )
    seconds = time.perf_counter() - started
    if args.json:
        print_json(
            {
                "batch_id": summary.batch_id,
                "start": summary.start,
                "end": summary.end,
                "counts": summary.counts,
                "seconds": round(seconds, 2),
            }
        )
    else:
        rows = ", ".join(f"{n:,} {k}" for k, n in summary.counts.items())
        print(f"opsdash demo: {summary.start} to {summary.end}: {rows} ({seconds:.1f} s)")
    return 0
