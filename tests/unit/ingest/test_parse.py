import datetime as dt

import pandas as pd
import pytest

from opsdash.ingest.parse import (
    MixedFormats,
    clean_text,
    out_of_bounds_days,
    parse_booleans,
    parse_dates,
    parse_numbers,
    parse_timestamps,
    to_integers,
)


def test_numbers_as_exports_write_them():
    cells = pd.Series(
        [
            "1,234.5",
            "755.4万",
            "3亿",
            "9.98%",
            "¥12",
            "$1,200",
            "(12.00)",
            "35188 ",
            "7",
        ]
    )
    parsed = parse_numbers(cells)
    assert parsed.values.tolist() == pytest.approx(
        [1234.5, 7_554_000, 3e8, 0.0998, 12, 1200, -12, 35188, 7]
    )
    assert not parsed.bad.any()
    assert parsed.currencies.tolist()[4:6] == ["CNY", "USD"]
    comma = parse_numbers(pd.Series(["1.234,56", "12,5", "1.234", "7"]))
    assert comma.values.tolist() == pytest.approx([1234.56, 12.5, 1234, 7])


def test_one_decimal_convention_per_column():
    formats = {}
    parse_numbers(pd.Series(["1.234,50", "3"]), column="amount", formats=formats)
    assert formats == {"amount": "1.234,56"}
    parsed = parse_numbers(pd.Series(["1.234", "2,000"]), column="amount", formats=formats)
    assert parsed.values.tolist() == [1.234, 2000] and formats == {"amount": "1,234.56"}
    with pytest.raises(MixedFormats) as caught:
        parse_numbers(pd.Series(["7", "1.234,50", "1,234.50"]), column="amount")
    assert (caught.value.first, caught.value.other) == (1, 2)
    # a look at cells (property types): each cell on its own, never an exception
    looked = parse_numbers(pd.Series(["1.234,50", "1,234.50", "a, b. c,d 12,5"]))
    assert looked.values.tolist()[:2] == [1234.5, 1234.5]


def test_one_date_order_per_column():
    formats = {}
    values, bad = parse_dates(
        pd.Series(["01/02/2024", "13/02/2024", "2024-02-20"]),
        timezone="UTC",
        column="day",
        formats=formats,
    )
    assert [v.day for v in values] == [1, 13, 20] and not bad.any()
    assert formats == {"day": "DD/MM/YYYY"}
    with pytest.raises(MixedFormats):
        parse_dates(pd.Series(["13/02/2024", "02/13/2024"]), timezone="UTC", column="day")


def test_years_out_of_bounds_are_not_an_overflow():
    values, _ = parse_dates(pd.Series(["9999-12-31", "0001-01-01", "2024-01-01"]), timezone="UTC")
    assert values.isna().tolist() == [True, True, False]
    outside = out_of_bounds_days(
        pd.Series(["9999-12-31", "31/12/2300", "1899-12-31", "2100-12-31"])
    )
    assert outside.tolist() == [True, True, True, False]
    # Unix times past what datetime64[ns] holds (2262) are bad cells, not an overflow
    values, bad = parse_timestamps(pd.Series(["9999999999999", "1700000000000"]), timezone="UTC")
    assert bad.tolist() == [True, False] and values.notna().tolist() == [False, True]


def test_placeholders_are_missing_and_words_are_bad():
    # "Not Found" is a scraper's word for "no value that day" (bilibili top 100): missing
    parsed = parse_numbers(pd.Series(["", "-", "N/A", "Not Found", "暂无", "abc", None]))
    assert parsed.values.isna().all()
    assert parsed.bad.tolist() == [False, False, False, False, False, True, False]


def test_integers_round_units_and_flag_fractions():
    values, not_whole = to_integers(pd.Series([7554000.000000001, 2.5, None]))
    assert values.tolist()[0] == 7554000
    assert not_whole.tolist() == [False, True, False]


def test_booleans_in_english_chinese_and_digits():
    values, bad = parse_booleans(pd.Series(["TRUE", "false", "是", "否", "1", "0", "maybe", ""]))
    assert values.tolist() == [True, False, True, False, True, False, None, None]
    assert bad.tolist() == [False] * 6 + [True, False]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-01-31", dt.datetime(2024, 1, 30, 16)),
        ("2024/1/31", dt.datetime(2024, 1, 30, 16)),
        ("2024年1月31日", dt.datetime(2024, 1, 30, 16)),
        ("2024年1月31日 10:30", dt.datetime(2024, 1, 31, 2, 30)),
        ("2024-01-31T10:00:00+08:00", dt.datetime(2024, 1, 31, 2)),
        ("2024-01-31T02:00:00Z", dt.datetime(2024, 1, 31, 2)),
        ("1706666400", dt.datetime(2024, 1, 31, 2)),  # Unix seconds are UTC
        ("1706666400000", dt.datetime(2024, 1, 31, 2)),  # milliseconds
    ],
)
def test_timestamps_naive_in_reporting_timezone_aware_converted(cell, expected):
    values, bad = parse_timestamps(pd.Series([cell]), timezone="Asia/Shanghai")
    assert not bad.any()
    assert values.iloc[0].to_pydatetime() == expected


def test_day_first_detected_or_chosen():
    detected, _ = parse_dates(pd.Series(["31/01/2024", "01/02/2024"]), timezone="UTC")
    assert detected.dt.date.tolist() == [dt.date(2024, 1, 31), dt.date(2024, 2, 1)]
    month_first, _ = parse_dates(pd.Series(["01/02/2024"]), timezone="UTC")
    assert month_first.dt.date.tolist() == [dt.date(2024, 1, 2)]
    chosen, _ = parse_dates(pd.Series(["01/02/2024"]), timezone="UTC", day_first=True)
    assert chosen.dt.date.tolist() == [dt.date(2024, 2, 1)]


def test_yyyymmdd_integers_are_dates_not_unix_seconds():
    values, bad = parse_dates(pd.Series(["19970101", "19970112"]), timezone="UTC")
    assert values.dt.date.tolist() == [dt.date(1997, 1, 1), dt.date(1997, 1, 12)]
    assert not bad.any()


def test_bad_dates_flagged_empty_ones_missing():
    values, bad = parse_timestamps(pd.Series(["soon", "", "2024-02-30"]), timezone="UTC")
    assert bad.tolist() == [True, False, True]
    assert values.isna().all()


def test_clean_text_strips_and_drops_placeholders():
    assert clean_text(pd.Series([" a ", "-", "", "b"])).tolist()[::3] == ["a", "b"]
    assert clean_text(pd.Series(["-"])).isna().all()
