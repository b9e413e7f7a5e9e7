"""A small scheduler for compose: runs ``opsdash brief --send`` every day at
``OPSDASH_BRIEF_TIME`` (HH:MM, default 08:30) in the reporting timezone
(``OPSDASH_TIMEZONE``). Run it as ``python -m opsdash.notify.scheduler``; cron or a systemd
timer do the same job outside containers (docs/brief.md)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from zoneinfo import ZoneInfo

DEFAULT_TIME = "08:30"


def parse_time(text: str) -> dt.time:
    """``HH:MM`` as a time; ValueError otherwise."""
    hours, _, minutes = text.strip().partition(":")
    return dt.time(int(hours), int(minutes))


def next_run(now: dt.datetime, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The next moment after ``now`` (timezone-aware) when the wall clock of ``zone`` shows
    ``at`` (today if still ahead, else tomorrow), in ``zone``."""
    local = now.astimezone(zone)
    candidate = dt.datetime.combine(local.date(), at, tzinfo=zone)
    if candidate <= local:
        candidate = dt.datetime.combine(local.date() + dt.timedelta(days=1), at, tzinfo=zone)
    return candidate


def main() -> int:  # pragma: no cover - a loop for the container
    from opsdash.cli import main as cli
    from opsdash.settings import get_settings

    zone = ZoneInfo(get_settings().timezone)
    at = parse_time(os.environ.get("OPSDASH_BRIEF_TIME", DEFAULT_TIME))
    while True:
        when = next_run(dt.datetime.now(dt.UTC), at, zone)
        print(f"opsdash scheduler: next brief at {when.isoformat()}", flush=True)
        time.sleep(max(0.0, (when - dt.datetime.now(dt.UTC)).total_seconds()))
        status = cli(["brief", "--send"])
        print(f"opsdash scheduler: brief --send exited {status}", flush=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
