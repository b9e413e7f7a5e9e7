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


def test_durations_in_chinese():
    from opsdash.formatting import format_duration

    assert format_duration(352, language="zh") == "5分52秒"
    assert format_duration(352) == "5m 52s"
    assert format_duration(3 * 3600 + 300, language="zh") == "3小时5分"
    assert format_duration(2 * 86400 + 3 * 3600, language="zh") == "2天3小时"
    assert format_duration(None, language="zh") == "–"


def test_table_numbers():
    import numpy as np
    import pandas as pd

    from opsdash.formatting import format_table_number

    assert format_table_number(np.int64(541909), language="zh") == "541,909"
    assert format_table_number(123456789, language="zh") == "1.23亿"
    assert format_table_number(1234567.0, language="en") == "1.23M"
    assert [format_table_number(v) for v in (None, np.nan, pd.NA, pd.NaT)] == ["–"] * 4
    assert format_table_number(0.0004) == "0.0004"  # a small value never reads as 0.00
    assert format_table_number(12.345) == "12.35"


def test_one_direction_table():
    from opsdash.formatting import delta_color, lower_is_better

    for metric in ("cpa", "cost", "refund_rate", "refunds", "churn_rate"):
        assert delta_color(metric) == "inverse", metric
    for metric in ("revenue", "dau", "mau", "conversion_rate", None):
        assert delta_color(metric) == "normal", metric
    assert lower_is_better("CPA")
