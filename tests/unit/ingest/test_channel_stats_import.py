"""Traffic / channel reports import as channel_stats (both DBs): Chinese headers recognised,
rates as fractions, absent measures NULL, natural key (date, channel, sub_channel), undo;
a refused file is explained in Chinese and English."""

from __future__ import annotations

import datetime as dt

import pytest

from opsdash.errors import UserError
from opsdash.ingest import ColumnMap, prepare_import, undo_batch
from opsdash.ingest.mapping import guess_kind, suggest_columns
from opsdash.ingest.messages import error_text
from opsdash.ingest.read import read_table
from tests.unit.ingest.conftest import fixture_bytes, rows, run_import

NAME = "channel_stats_zh.csv"


def test_channel_report_headers_guess_channel_stats():
    columns = read_table(fixture_bytes(NAME), file_name=NAME).columns
    assert guess_kind(columns) == "channel_stats"
    assert suggest_columns(columns, "channel_stats") == {
        "日期": "date",
        "流量来源": "channel",
        "来源明细": "sub_channel",
        "访客数": "visitors",
        "浏览量": "pageviews",
        "支付买家数": "buyers",
        "支付转化率": "conversion_rate",
        "客单价": "average_order_value",
        "支付订单数": "orders",
        "支付金额": "revenue",
    }
    # the shop's traffic report without a date column still reads as a channel report
    assert guess_kind(["流量来源", "来源明细", "访客数", "支付转化率", "客单价"]) == "channel_stats"


def test_import_values_nulls_dedup_and_undo(engine):
    result = run_import(engine, NAME, "channel_stats")
    assert (result.rows_read, result.rows_imported, result.rows_rejected) == (5, 5, 0)
    stored = rows(engine, "channel_stats", "date,channel,sub_channel")
    first = stored[0]
    assert (first["date"], first["channel"], first["sub_channel"]) == (
        dt.date(2024, 6, 1),
        "搜索",
        "手淘搜索",
    )
    assert (first["visitors"], first["pageviews"], first["buyers"], first["orders"]) == (
        1000,
        3000,
        50,
        55,
    )
    assert first["conversion_rate"] == pytest.approx(0.05)
    assert (first["average_order_value"], first["revenue"]) == (80, 4400)
    through_train = next(r for r in stored if r["sub_channel"] == "直通车")
    assert through_train["buyers"] is None and through_train["revenue"] is None
    live = [r for r in stored if r["channel"] == "直播"]
    assert {r["sub_channel"] for r in live} == {""}
    empty_day = next(r for r in live if r["date"] == dt.date(2024, 6, 2))
    assert empty_day["visitors"] == 300
    assert all(
        empty_day[name] is None
        for name in ("pageviews", "buyers", "conversion_rate", "average_order_value", "revenue")
    )
    again = run_import(engine, NAME, "channel_stats")
    assert (again.rows_imported, again.rows_duplicate) == (0, 5)
    undone = undo_batch(engine, result.batch_id)
    assert undone.rows_removed == {"channel_stats": 5}
    assert rows(engine, "channel_stats", "id") == []


def test_rate_above_one_is_a_row_problem():
    data = "日期,流量来源,访客数,支付转化率\n2024-06-01,搜索,100,9.98\n2024-06-01,直播,100,9.98%\n"
    prepared = prepare_import(
        data.encode(), kind="channel_stats", file_name="t.csv", timezone="UTC"
    )
    assert prepared.problems[["row", "column", "code"]].to_dict("records") == [
        {"row": 2, "column": "支付转化率", "code": "rate_above_one"}
    ]


def test_missing_date_is_said_in_both_languages():
    data = "流量来源,访客数,支付转化率,客单价\n一级,10,1%,5\n".encode("gb18030")
    with pytest.raises(UserError) as caught:
        prepare_import(data, kind="channel_stats", file_name="t.csv", timezone="UTC")
    error = caught.value
    assert "date" in str(error)
    assert error_text(error, "zh") == (
        "此文件没有以下字段的列：date · 日期。请为每个字段映射一列，"
        "或填写这些数字所属的日期（--date / 「数据日期」）。"
    )
    assert error_text(error, "en").startswith("This file has no column for: date · Date.")


def test_wrong_kind_names_the_guessed_kind_in_chinese():
    data = "流量来源,来源明细,访客数,支付转化率,客单价\n一级,-A,10,1%,5\n".encode("gb18030")
    with pytest.raises(UserError) as caught:
        prepare_import(
            data,
            kind="campaign_stats",
            file_name="t.csv",
            timezone="UTC",
            column_map=ColumnMap(kind="campaign_stats", constants={"date": "2024-06-30"}),
        )
    text = error_text(caught.value, "zh")
    assert "campaign_id · 活动 ID" in text
    assert "流量渠道数据" in text and "数据类型选对了吗" in text
