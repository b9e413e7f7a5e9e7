"""Drivers against hand-computed decompositions (pure functions)."""

from __future__ import annotations

import pytest

from opsdash.brief.drivers import count_drivers, effect_shares, rate_drivers, top_drivers


def test_count_drivers_split_the_expectation_by_baseline_share():
    # baseline: a 60%, b 40% of 1000; expected 1000 -> a 600, b 400
    baseline = [{"a": 600.0, "b": 400.0}, {"a": 540.0, "b": 360.0}]
    drivers = count_drivers("channel", {"a": 300.0, "b": 380.0}, baseline, expected=1000.0)
    # changes: a -300, b -20 -> total -320; shares 300/320, 20/320
    assert [d.value for d in drivers] == ["a", "b"]
    assert drivers[0].expected == pytest.approx(600.0)
    assert drivers[0].change == pytest.approx(-300.0)
    assert drivers[0].share == pytest.approx(300 / 320)
    assert drivers[1].share == pytest.approx(20 / 320)
    assert sum(d.share for d in drivers) == pytest.approx(1.0)


def test_a_segment_moving_against_the_change_has_a_negative_share():
    baseline = [{"a": 500.0, "b": 500.0}]
    drivers = count_drivers("channel", {"a": 300.0, "b": 600.0}, baseline, expected=1000.0)
    shares = {d.value: d.share for d in drivers}
    assert shares == pytest.approx({"a": 2.0, "b": -1.0})  # change -100 = -200 + 100


def test_new_segment_and_no_change():
    drivers = count_drivers("channel", {"a": 10.0, None: 5.0}, [{"a": 10.0}], expected=10.0)
    assert drivers[0].value is None and drivers[0].share == pytest.approx(1.0)
    assert count_drivers("channel", {"a": 10.0}, [{"a": 10.0}], expected=10.0) == []


def test_rate_drivers_tell_mix_from_rate():
    # baseline: a (100 of 1000 pay = 10%), b (20 of 1000 = 2%) -> pooled 6%
    baseline = [{"a": (100.0, 1000.0), "b": (20.0, 1000.0)}]
    # today only the mix moved: a's weight halves (same rates)
    mix_day = {"a": (50.0, 500.0), "b": (30.0, 1500.0)}
    drivers = rate_drivers("channel", mix_day, baseline)
    shares = effect_shares(drivers)
    assert shares["mix"] == pytest.approx(1.0) and shares["rate"] == pytest.approx(0.0)
    # R = 80/2000 = 4%; change -2 points; a's mix effect (0.25-0.5)*(0.10-0.06) = -0.01
    a_mix = next(d for d in drivers if d.value == "a" and d.effect == "mix")
    assert a_mix.change == pytest.approx(-0.01) and a_mix.share == pytest.approx(0.5)
    # today only a's rate moved: 10% -> 5%, same weights
    rate_day = {"a": (50.0, 1000.0), "b": (20.0, 1000.0)}
    drivers = rate_drivers("channel", rate_day, baseline)
    assert effect_shares(drivers) == pytest.approx({"mix": 0.0, "rate": 1.0})
    assert (drivers[0].value, drivers[0].effect) == ("a", "rate")
    assert drivers[0].share == pytest.approx(1.0)


def test_top_drivers_pool_dimensions_by_share():
    first = count_drivers("channel", {"a": 0.0, "b": 50.0}, [{"a": 50.0, "b": 50.0}], expected=100)
    second = count_drivers("platform", {"x": 25.0, "y": 25.0}, [{"x": 50, "y": 50}], expected=100)
    top = top_drivers([first, second], limit=3)
    assert [(d.dimension, d.value) for d in top] == [
        ("channel", "a"),
        ("platform", "x"),
        ("platform", "y"),
    ]
