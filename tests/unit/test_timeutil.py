import datetime as dt
import math

import pandas as pd

from opsdash.timeutil import as_date, local_dates, to_utc_naive


def test_as_date_reads_what_either_database_returns():
    assert as_date(dt.date(2024, 2, 29)) == dt.date(2024, 2, 29)
    assert as_date(dt.datetime(2024, 2, 29, 23, 59)) == dt.date(2024, 2, 29)
    assert as_date("2024-02-29") == dt.date(2024, 2, 29)
    assert as_date("2024-02-29 12:00:00.000000") == dt.date(2024, 2, 29)
    for missing in (None, math.nan, pd.NaT):
        assert as_date(missing) is None


def test_naive_times_are_read_in_the_reporting_timezone():
    local = pd.Series([dt.datetime(2024, 3, 2, 1, 30)])  # Shanghai is UTC+8
    utc = to_utc_naive(local, "Asia/Shanghai")
    assert utc[0] == dt.datetime(2024, 3, 1, 17, 30)
    assert local_dates(utc, "Asia/Shanghai")[0] == dt.date(2024, 3, 2)
    assert local_dates(utc, "UTC")[0] == dt.date(2024, 3, 1)


def test_aware_times_are_converted():
    aware = pd.Series(pd.to_datetime(["2024-01-31T10:00:00+08:00"]))
    assert to_utc_naive(aware, "UTC")[0] == dt.datetime(2024, 1, 31, 2, 0)
