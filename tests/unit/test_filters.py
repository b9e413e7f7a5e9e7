import datetime as dt

import pytest

from opsdash.filters import Filters, preset_range

D = dt.date


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        ("7d", (D(2024, 3, 4), D(2024, 3, 10))),
        ("30d", (D(2024, 2, 10), D(2024, 3, 10))),  # 2024 is a leap year
        ("90d", (D(2023, 12, 12), D(2024, 3, 10))),
        ("this_month", (D(2024, 3, 1), D(2024, 3, 10))),
        ("last_month", (D(2024, 2, 1), D(2024, 2, 29))),
    ],
)
def test_preset_range(preset, expected):
    assert preset_range(preset, D(2024, 3, 10)) == expected


def test_last_month_in_january():
    assert preset_range("last_month", D(2024, 1, 15)) == (D(2023, 12, 1), D(2023, 12, 31))


def test_previous_period_same_length():
    prev = Filters(start=D(2024, 3, 4), end=D(2024, 3, 10)).previous()
    assert (prev.start, prev.end) == (D(2024, 2, 26), D(2024, 3, 3))


def test_previous_of_a_whole_month_is_the_month_before():
    prev = Filters(start=D(2024, 3, 1), end=D(2024, 3, 31)).previous()
    assert (prev.start, prev.end) == (D(2024, 2, 1), D(2024, 2, 29))


def test_query_round_trip():
    filters = Filters(
        start=D(2024, 1, 1),
        end=D(2024, 1, 31),
        preset="custom",
        compare=False,
        channels=("wechat", "抖音"),
        regions=("east",),
    )
    query = {k: v if isinstance(v, list) else [v] for k, v in filters.to_query().items()}
    assert Filters.from_query(query, anchor=D(2030, 1, 1)) == filters


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"start": ["garbage"], "end": ["2024-01-01"]},
        {"start": ["2024-02-01"], "end": ["2024-01-01"]},  # reversed
        {"start": ["1900-01-01"], "end": ["2024-01-01"]},  # absurdly long
        {"preset": ["<script>"]},
    ],
)
def test_bad_query_falls_back_to_default(query):
    filters = Filters.from_query(query, anchor=D(2024, 3, 10))
    assert (filters.start, filters.end, filters.preset) == (D(2024, 2, 10), D(2024, 3, 10), "30d")


def test_preset_without_dates_resolves_on_anchor():
    filters = Filters.from_query({"preset": ["7d"]}, anchor=D(2024, 3, 10))
    assert (filters.start, filters.end) == (D(2024, 3, 4), D(2024, 3, 10))


def test_end_before_start_rejected():
    with pytest.raises(ValueError):
        Filters(start=D(2024, 1, 2), end=D(2024, 1, 1))
