"""The compose scheduler's next run is the configured wall-clock time in the timezone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from opsdash.notify.scheduler import next_run, parse_time

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_next_run_today_or_tomorrow_in_the_timezone():
    at = parse_time("08:30")
    # 2024-07-01 00:00 UTC = 08:00 in Shanghai: today 08:30
    now = dt.datetime(2024, 7, 1, 0, 0, tzinfo=dt.UTC)
    assert next_run(now, at, SHANGHAI) == dt.datetime(2024, 7, 1, 8, 30, tzinfo=SHANGHAI)
    # 01:00 UTC = 09:00 in Shanghai: tomorrow
    now = dt.datetime(2024, 7, 1, 1, 0, tzinfo=dt.UTC)
    assert next_run(now, at, SHANGHAI) == dt.datetime(2024, 7, 2, 8, 30, tzinfo=SHANGHAI)


def test_bad_time():
    with pytest.raises(ValueError):
        parse_time("8h30")
