import math

import pytest

from opsdash.formatting import (
    DASH,
    format_change,
    format_compact,
    format_money,
    format_number,
    format_percent,
    relative_change,
)


def test_missing_values_are_a_dash():
    for value in (None, math.nan, math.inf):
        assert format_number(value) == DASH
        assert format_percent(value) == DASH
        assert format_money(value) == DASH
        assert format_compact(value) == DASH


def test_formats():
    assert format_number(1234567) == "1,234,567"
    assert format_percent(0.1234) == "12.3%"
    assert format_money(-1234.5, symbol="$") == "-$1,234.50"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (999_999, "en", "999,999"),
        (2_007_506_123, "en", "2.01B"),
        (2_007_506_123, "zh", "20.08亿"),
        (12_345_678, "zh", "1,234.57万"),
        (-3_500_000, "en", "-3.50M"),
    ],
)
def test_compact(value, language, expected):
    assert format_compact(value, language=language) == expected


def test_changes():
    assert relative_change(110, 100) == pytest.approx(0.1)
    assert relative_change(5, 0) is None
    assert format_change(110, 100) == "+10.0%"
    assert format_change(0.12, 0.10, kind="points") == "+2.0 pp"
    assert format_change(1, None) is None
