"""The weekday-median/MAD detector on generated series (pure functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from opsdash.brief.detector import DetectorParams, baseline_days, judge, spread
from tests.unit.brief.generated import clean_series

START = dt.date(2024, 1, 1)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("level", "noise"), [(2000, 0.03), (800, 0.02), (300, 0.0)])
def test_clean_weekly_series_at_most_one_false_alarm_in_90_days(seed, level, noise):
    series = clean_series(days=56 + 90, level=level, noise=noise, seed=seed)
    days = sorted(series)[56:]
    alarms = [day for day in days if judge(series, day, first_day=START).anomaly]
    assert len(alarms) <= 1, alarms


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("level", "noise"), [(2000, 0.03), (800, 0.02)])
def test_planted_25_percent_drop_is_found(seed, level, noise):
    series = clean_series(days=56 + 90, level=level, noise=noise, seed=seed)
    day = sorted(series)[56 + 40 + seed]
    series[day] *= 0.75
    result = judge(series, day, first_day=START)
    assert result.anomaly and result.direction == "down"
    assert result.score < -DetectorParams().threshold
    assert result.value < result.low < result.expected < result.high


def test_a_spike_is_up():
    series = clean_series(days=70, level=1000, noise=0.02, seed=1)
    day = max(series)
    series[day] *= 1.4
    assert judge(series, day, first_day=START).direction == "up"


def test_expected_is_the_median_of_the_same_weekday():
    day = dt.date(2024, 3, 4)  # a Monday
    series = {d: 100.0 for d in (day - dt.timedelta(days=n) for n in range(1, 57))}
    for k, value in enumerate([90, 110, 100, 95, 105, 120, 80, 100], start=1):
        series[day - dt.timedelta(days=7 * k)] = float(value)
    series[day] = 100.0
    result = judge(series, day, first_day=START)
    assert result.expected == pytest.approx(100.0)  # median of 80..120 above
    assert result.baseline_days == 8
    assert baseline_days(day, weeks=2) == [dt.date(2024, 2, 26), dt.date(2024, 2, 19)]


def test_not_enough_history_is_no_judgement():
    series = clean_series(days=30, level=1000, noise=0.0, seed=2)
    day = max(series)
    series[day] = 0.0
    result = judge(series, day, first_day=START + dt.timedelta(days=10))
    assert result.baseline_days == 2
    assert result.expected is None and result.score is None
    assert not result.anomaly and result.direction is None


def test_spread_is_the_scaled_mad_of_leave_one_out_residuals():
    monday = dt.date(2024, 1, 1)
    window = {monday + dt.timedelta(days=7 * k): v for k, v in enumerate([100.0, 110.0, 90.0])}
    # residuals: 100/median(110,90)-1 = 0, 110/median(100,90)-1 = 0.158, 90/median(100,110)-1
    # = -0.143 -> median of |.| = 0.143
    assert spread(window) == pytest.approx(1.4826 * (1 - 90 / 105))
    assert spread({monday: 1.0}) is None


def test_days_before_the_first_data_day_are_unknown_not_zero():
    series = clean_series(days=80, level=1000, noise=0.0, seed=4)
    first = START + dt.timedelta(days=40)
    series = {d: v for d, v in series.items() if d >= first}
    result = judge(series, max(series), first_day=first)
    assert result.baseline_days < 8 and not result.anomaly


def test_a_history_of_zeros_has_no_spread():
    day = dt.date(2024, 3, 4)
    series = {day - dt.timedelta(days=n): 0.0 for n in range(1, 57)}
    series[day] = 0.0
    quiet = judge(series, day, first_day=START, count=False)
    assert not quiet.anomaly and quiet.score is None and quiet.expected == 0.0
    series[day] = 5.0
    loud = judge(series, day, first_day=START, count=False)
    assert loud.anomaly and loud.direction == "up" and loud.score is None
