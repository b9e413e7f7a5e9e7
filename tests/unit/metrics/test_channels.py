"""Channel traffic (metrics.channels) on SQLite and PostgreSQL: hand-computed values on a small
report, the same numbers from an independent pandas computation, missing measures None, and
the Users report's ``channel_stats`` JSON."""

from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest

from opsdash.ingest import import_file
from opsdash.metrics.channels import channel_stats
from opsdash.metrics.users import build_report

REPORT = """日期,流量来源,来源明细,访客数,支付买家数,支付转化率,客单价,支付订单数,支付金额
2024-05-31,A,a1,900,45,5%,80,45,3600
2024-06-01,A,a1,1000,50,5%,80,55,4400
2024-06-01,A,a2,500,,4%,90,,
2024-06-01,B,,200,,10%,,,
2024-06-02,A,a1,800,40,5%,75,42,3150
2024-06-02,B,,300,,,,,
2024-06-03,C,,100,,,,,
"""
RANGE = {"start": dt.date(2024, 6, 1), "end": dt.date(2024, 6, 2)}


def load(engine, text: str = REPORT) -> None:
    import_file(
        engine, text.encode(), kind="channel_stats", file_name="traffic.csv", timezone="UTC"
    )


def filters(**overrides):
    from opsdash.filters import Filters

    return Filters(**{**RANGE, **overrides})


def test_hand_computed(engine):
    load(engine)
    result = channel_stats(engine, filters=filters())
    rows = {(r["channel"], r["sub_channel"]): r for r in result.rows.to_dict("records")}
    assert set(rows) == {("A", "a1"), ("A", "a2"), ("B", "")}
    a1 = rows["A", "a1"]
    assert (a1["visitors"], a1["buyers"], a1["orders"], a1["revenue"]) == (1800, 90, 97, 7550)
    assert a1["conversion_rate"] == pytest.approx(0.05)
    assert a1["average_order_value"] == pytest.approx(7550 / 97)  # revenue / orders
    assert (a1["visitors_previous"], a1["visitors_change"]) == (900, 1.0)
    assert not a1["buyers_estimated"]
    a2 = rows["A", "a2"]
    # buyers from the rate: round(500 × 4%) = 20; AOV given, orders = buyers
    assert (a2["buyers"], a2["buyers_estimated"]) == (20, True)
    assert a2["conversion_rate"] == pytest.approx(0.04)
    assert a2["average_order_value"] == pytest.approx(90)
    assert pd.isna(a2["orders"]) and pd.isna(a2["revenue"])
    b = rows["B", ""]
    # the 06-02 row has visitors only: counted in visitors, left out of the rate
    assert (b["visitors"], b["buyers"]) == (500, 20)
    assert b["conversion_rate"] == pytest.approx(20 / 200)
    assert pd.isna(b["average_order_value"]) and pd.isna(b["visitors_previous"])
    channel_a = result.channels.set_index("channel").loc["A"]
    assert channel_a["visitors"] == 2300 and channel_a["buyers"] == 110
    assert channel_a["conversion_rate"] == pytest.approx(110 / 2300)
    assert channel_a["average_order_value"] == pytest.approx((7550 + 1800) / (97 + 20))
    total = result.total
    assert (total["visitors"], total["buyers"], total["orders"], total["revenue"]) == (
        2800,
        130,
        97,
        7550,
    )
    # re-weighted by visitors: 130 / (1800 + 500 + 200), not the mean of the daily rates
    assert total["conversion_rate"] == pytest.approx(130 / 2500)
    assert total["average_order_value"] == pytest.approx(9350 / 117)
    assert total["pageviews"] is None
    assert total["visitors_previous"] == 900 and total["visitors_change"] == pytest.approx(
        2800 / 900 - 1
    )
    assert total["average_order_value_previous"] == pytest.approx(80)
    assert total["conversion_rate_change"] == pytest.approx((130 / 2500) / 0.05 - 1)


def pandas_channel_stats(text: str, start: dt.date, end: dt.date) -> dict:
    """The same definitions, computed independently with pandas from the file."""
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    frame.columns = [
        "date",
        "channel",
        "sub",
        "visitors",
        "buyers",
        "rate",
        "aov",
        "orders",
        "revenue",
    ]
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    for name in ("visitors", "buyers", "aov", "orders", "revenue"):
        frame[name] = pd.to_numeric(frame[name].replace("", None))
    frame["rate"] = pd.to_numeric(frame["rate"].str.rstrip("%").replace("", None)) / 100
    frame = frame[(frame["date"] >= start) & (frame["date"] <= end)].copy()
    frame["b"] = frame["buyers"].fillna((frame["visitors"] * frame["rate"]).round())
    frame["o"] = frame["orders"].fillna(frame["b"])
    frame["r"] = frame["revenue"].fillna(frame["aov"] * frame["o"])
    both = frame["b"].notna() & frame["visitors"].notna()
    priced = frame["r"].notna() & frame["o"].notna()
    return {
        "visitors": frame["visitors"].sum(),
        "buyers": frame["b"].sum(),
        "conversion_rate": frame.loc[both, "b"].sum() / frame.loc[both, "visitors"].sum(),
        "average_order_value": frame.loc[priced, "r"].sum() / frame.loc[priced, "o"].sum(),
        "orders": frame["orders"].sum(),
        "revenue": frame["revenue"].sum(),
    }


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2024, 6, 1), dt.date(2024, 6, 2)), (dt.date(2024, 5, 31), dt.date(2024, 6, 3))],
)
def test_matches_pandas(engine, start, end):
    load(engine)
    total = channel_stats(engine, filters=filters(start=start, end=end)).total
    expected = pandas_channel_stats(REPORT, start, end)
    for name, value in expected.items():
        assert total[name] == pytest.approx(value), name


def test_missing_measures_are_none_and_visitor_weighted_aov(engine):
    load(engine, "日期,流量来源,访客数,客单价\n2024-06-01,A,100,50\n2024-06-02,A,300,70\n")
    total = channel_stats(engine, filters=filters()).total
    assert total["visitors"] == 400
    assert total["buyers"] is None and total["conversion_rate"] is None
    assert total["orders"] is None and total["revenue"] is None
    # no orders or buyers anywhere: the given AOV weighted by visitors
    assert total["average_order_value"] == pytest.approx((100 * 50 + 300 * 70) / 400)


def test_channel_filter_and_empty_range(engine):
    load(engine)
    only_b = channel_stats(engine, filters=filters(channels=("B",)))
    assert only_b.rows["channel"].tolist() == ["B"]
    empty = channel_stats(
        engine, filters=filters(start=dt.date(2025, 1, 1), end=dt.date(2025, 1, 2))
    )
    assert empty.rows.empty and empty.has_data
    assert empty.total["visitors"] is None
    payload = empty.to_json()
    assert payload["rows"] == []
    assert all(v in (None, False) for v in payload["total"].values())


def test_users_report_json(engine):
    assert build_report(engine, filters=filters())["channel_stats"] is None
    load(engine)
    payload = build_report(engine, filters=filters())["channel_stats"]
    json.dumps(payload)  # JSON-ready
    assert [(r["channel"], r["sub_channel"]) for r in payload["rows"]] == [
        ("A", "a1"),
        ("A", "a2"),
        ("B", ""),
    ]
    first = payload["rows"][0]
    assert {
        "channel",
        "sub_channel",
        "visitors",
        "buyers",
        "conversion_rate",
        "average_order_value",
        "orders",
        "revenue",
    } <= set(first)
    assert payload["rows"][1]["orders"] is None
    assert payload["total"]["visitors"] == 2800 and payload["total"]["buyers"] == 130


@pytest.mark.shared
def test_real_traffic_report_through_the_cli(shared_datasets, tmp_path, capsys):
    """../shared's traffic report (GB18030, rates only): `opsdash report users --json` gives
    the channel_stats an independent pandas computation gives."""
    from opsdash.cli import main

    path = shared_datasets / "traffic_sources_gb18030.csv"
    url = f"sqlite:///{tmp_path / 'traffic.db'}"
    assert main(["import", "channel_stats", str(path), "--date", "2024-06-30", "--db", url]) == 0
    capsys.readouterr()
    assert main(["report", "users", "--json", "--db", url]) == 0
    payload = json.loads(capsys.readouterr().out)["channel_stats"]
    frame = pd.read_csv(path, dtype=str, encoding="gb18030")
    visitors = frame["访客数"].str.strip().astype(int)
    rate = frame["支付转化率"].str.rstrip("%").astype(float) / 100
    aov = pd.to_numeric(frame["客单价"])
    buyers = (visitors * rate).round()
    priced = aov.notna()
    total = payload["total"]
    assert total["visitors"] == visitors.sum()
    assert total["buyers"] == buyers.sum()
    assert total["conversion_rate"] == pytest.approx(buyers.sum() / visitors.sum())
    expected_aov = (aov[priced] * buyers[priced]).sum() / buyers[priced].sum()
    assert total["average_order_value"] == pytest.approx(expected_aov)
    assert total["orders"] is None and total["revenue"] is None
    assert len(payload["rows"]) == 22
    first = payload["rows"][0]
    assert (first["channel"], first["sub_channel"], first["visitors"]) == ("一级", "-A", 35188)
    assert first["buyers"] == round(35188 * 0.0998)


def test_display_rows_dash_for_missing_and_absent_measures_left_out(engine):
    from opsdash.metrics.channels import display_rows

    load(engine)
    rows = channel_stats(engine, filters=filters()).rows
    shown = display_rows(rows, whole_channel="（整体）", symbol="¥")
    assert "pageviews" not in shown.columns  # no row has page views
    assert shown["sub_channel"].tolist() == ["a1", "a2", "（整体）"]
    assert shown["visitors"].tolist() == ["1,800", "500", "500"]
    assert shown["revenue"].tolist() == ["¥7,550.00", "–", "–"]
    assert shown["average_order_value"].tolist()[2] == "–"
    assert shown["visitors_change"].tolist() == ["+100.0%", "–", "–"]
    assert not shown.isna().any().any()
