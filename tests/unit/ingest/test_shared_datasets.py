"""The real exports in ../shared/datasets import through the CLI with at most a mapping
choice, with the row counts an independent read (pandas) gives. Skipped when absent.

The two largest files (online_retail: 541,909 lines; ab_data: 294,478) take minutes on a
busy machine, so they run only with ``OPSDASH_TEST_LARGE_DATASETS=1``."""

from __future__ import annotations

import json
import os

import pandas as pd
import pytest
import sqlalchemy as sa

from opsdash.cli import main
from opsdash.db import make_engine
from opsdash.ingest.derive import NON_GOODS_CODES as NON_GOODS

pytestmark = pytest.mark.shared
large = pytest.mark.skipif(
    os.environ.get("OPSDASH_TEST_LARGE_DATASETS") != "1",
    reason="large dataset: set OPSDASH_TEST_LARGE_DATASETS=1",
)


@pytest.fixture
def store_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'shared.db'}"


def cli_import(capsys, store_url: str, *args: str) -> tuple[int, dict]:
    status = main(["import", *args, "--db", store_url, "--json"])
    return status, json.loads(capsys.readouterr().out)


def scalar(store_url: str, sql: str) -> object:
    engine = make_engine(store_url)
    with engine.connect() as conn:
        value = conn.execute(sa.text(sql)).scalar_one()
    engine.dispose()
    return value


@large
def test_online_retail_orders(shared_datasets, capsys, store_url):
    path = shared_datasets / "online_retail.csv"
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    status, result = cli_import(capsys, store_url, "orders", str(path))
    assert status == 0
    assert result["rows_read"] == result["rows_imported"] == len(expected) == 541_909
    # returns and cancellations are refunds (rules: opsdash.metrics.revenue), in pandas:
    lines = pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str})
    lines["amount"] = lines["Quantity"] * lines["UnitPrice"]
    product = lines["Description"].fillna("").str.strip().str.casefold()
    adjustment = (
        lines["InvoiceNo"].str.match(r"^A\d") | (lines["UnitPrice"] < 0) | product.isin(NON_GOODS)
    )
    zero = ~adjustment & (lines["amount"] == 0)
    returned = ~adjustment & ~zero & (lines["InvoiceNo"].str.startswith("C") | (lines.Quantity < 0))
    sales = ~adjustment & ~zero & ~returned
    gross = lines.loc[sales, "amount"].sum()
    refunds = lines.loc[returned, "amount"].abs().sum()
    assert result["refund_lines"] == int(returned.sum())
    assert result["left_out_lines"] == int((adjustment | zero).sum())
    assert scalar(store_url, "SELECT count(*) FROM orders WHERE status = 'cancelled'") == 0
    period = ["--start", "2010-12-01", "--end", "2011-12-31"]
    status = main(["report", "revenue", *period, "--db", store_url, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 0
    assert report["gross_revenue"] == pytest.approx(gross)
    assert report["refunds"] == pytest.approx(refunds)
    assert report["revenue"] == pytest.approx(gross - refunds)
    assert report["refunded_orders"] == lines.loc[returned, "InvoiceNo"].nunique()
    assert report["left_out"]["lines"] == int((adjustment | zero).sum())
    left_out = lines.loc[adjustment | zero, "amount"].sum()
    assert report["left_out"]["amount"] == pytest.approx(left_out)
    birdie = [r for r in report["by_product"] if r["product"] == "PAPER CRAFT , LITTLE BIRDIE"]
    assert birdie and birdie[0]["quantity"] == 0 and birdie[0]["revenue"] == pytest.approx(0)
    guests = (expected["CustomerID"] == "").sum()
    assert scalar(store_url, "SELECT count(*) FROM orders WHERE user_id IS NULL") == guests
    assert (
        scalar(store_url, "SELECT user_id FROM orders WHERE order_id = '536365' AND line = 1")
        == "17850"
    )


def test_tmall_orders_unpaid_and_refunded(shared_datasets, capsys, store_url):
    path = shared_datasets / "tmall_order_report.csv"
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    status, result = cli_import(capsys, store_url, "orders", str(path))
    assert status == 0 and result["rows_imported"] == len(expected) == 28_010
    unpaid = (expected["订单付款时间 "].str.strip() == "").sum()
    assert scalar(store_url, "SELECT count(*) FROM orders WHERE status = 'unpaid'") == unpaid
    refunded = (
        (expected["订单付款时间 "].str.strip() != "") & (expected["退款金额"].astype(float) > 0)
    ).sum()
    assert scalar(store_url, "SELECT count(*) FROM orders WHERE status = 'refunded'") == refunded
    again_status, again = cli_import(capsys, store_url, "orders", str(path))
    assert again_status == 0 and (again["rows_imported"], again["rows_duplicate"]) == (0, 28_010)


@pytest.mark.parametrize(
    "name", ["taobao_double11_cosmetics_gb18030.csv", "taobao_double11_cosmetics_utf8bom.csv"]
)
def test_cosmetics_snapshots_in_gbk_and_bom(shared_datasets, capsys, store_url, name):
    path = shared_datasets / name
    encoding = "gb18030" if "gb18030" in name else "utf-8-sig"
    expected = pd.read_csv(path, dtype=str, encoding=encoding)
    duplicates = expected.duplicated(["id", "update_time"]).sum()
    status, result = cli_import(capsys, store_url, "content_stats", str(path), "--skip-bad-rows")
    assert status == 0
    assert result["rows_read"] == len(expected) == 27_598
    assert result["rows_rejected"] == duplicates == 86
    assert result["rows_imported"] == len(expected) - duplicates


def test_traffic_sources_gbk_with_as_of_date(shared_datasets, capsys, store_url):
    path = shared_datasets / "traffic_sources_gb18030.csv"
    expected = pd.read_csv(path, dtype=str, encoding="gb18030")
    status, result = cli_import(
        capsys,
        store_url,
        "campaign_stats",
        str(path),
        "--map",
        "流量来源=campaign_id",
        "--date",
        "2024-06-30",
    )
    assert status == 0 and result["rows_imported"] == len(expected) == 22
    assert (
        scalar(store_url, "SELECT sum(participants) FROM campaign_stats")
        == expected["访客数"].str.strip().astype(int).sum()
    )


def test_kag_ads_cr_line_endings(shared_datasets, capsys, store_url):
    path = shared_datasets / "KAG_conversion_data.csv"
    expected = pd.read_csv(path)
    status, result = cli_import(
        capsys, store_url, "campaign_stats", str(path), "--date", "2017-08-31"
    )
    assert status == 0 and result["rows_imported"] == len(expected) == 1_143
    assert scalar(store_url, "SELECT sum(clicks) FROM campaign_stats") == expected["Clicks"].sum()
    assert scalar(store_url, "SELECT count(DISTINCT campaign_id) FROM campaign_stats") == 3


def test_bilibili_units_and_not_found(shared_datasets, capsys, store_url):
    path = shared_datasets / "bilibili_top100_daily_2024.csv"
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    not_found = (expected["播放量"] == "Not Found").sum()
    # "Not Found" cells are missing values: every row imports, those numbers stay NULL
    status, result = cli_import(capsys, store_url, "content_stats", str(path))
    assert status == 0 and result["rows_imported"] == len(expected) == 2_300
    assert not_found == 27
    assert scalar(store_url, "SELECT COUNT(*) FROM content_stats WHERE views IS NULL") == not_found
    first = expected.iloc[0]
    url, day = first["URL链接"], first["抓取日期"]
    views = scalar(
        store_url, f"SELECT views FROM content_stats WHERE content_id = '{url}' AND date = '{day}'"
    )
    assert views == 7_554_000  # 755.4万


def test_medium_invalid_utf8_reported(shared_datasets, capsys, store_url):
    path = shared_datasets / "medium_articles_2020.csv"
    expected = pd.read_csv(path, encoding_errors="replace")
    status, result = cli_import(capsys, store_url, "contents", str(path))
    assert status == 0 and result["rows_imported"] == len(expected) == 5_964
    assert any("could not be decoded" in w for w in result["warnings"])


def test_taobao_user_behavior_without_header(shared_datasets, capsys, store_url):
    path = shared_datasets / "taobao_UserBehavior_2h_slice.csv"
    expected = pd.read_csv(path, header=None)
    status, result = cli_import(
        capsys,
        store_url,
        "events",
        str(path),
        "--map",
        "column_1=user_id",
        "--map",
        "column_2=content_id",
        "--map",
        "column_4=event",
        "--map",
        "column_5=event_at",
    )
    assert status == 0 and result["rows_imported"] == len(expected) == 110_300
    buys = (expected[3] == "buy").sum()
    assert scalar(store_url, "SELECT count(*) FROM events WHERE event = 'buy'") == buys


@large
def test_ab_data_duplicate_users(shared_datasets, capsys, store_url):
    path = shared_datasets / "ab_data.csv"
    expected = pd.read_csv(path, dtype=str)
    status, refused = cli_import(capsys, store_url, "experiment_assignments", str(path))
    assert status == 1 and refused["rows_rejected"] == expected.duplicated("user_id").sum()
    status, result = cli_import(
        capsys, store_url, "experiment_assignments", str(path), "--skip-bad-rows"
    )
    assert status == 0 and result["rows_imported"] == expected["user_id"].nunique() == 290_584


def test_cdnow_integer_dates_and_leading_zeros(shared_datasets, capsys, store_url):
    path = shared_datasets / "cdnow_master.csv"
    expected = pd.read_csv(path, dtype=str)
    status, result = cli_import(
        capsys, store_url, "orders", str(path), "--map", "number_of_cds=quantity"
    )
    assert status == 0 and result["rows_imported"] == len(expected) == 69_659
    assert scalar(store_url, "SELECT min(user_id) FROM orders") == "00001"
    assert str(scalar(store_url, "SELECT min(paid_date) FROM orders")) == "1997-01-01"
    total = expected["dollar_value"].astype(float).sum()
    assert scalar(store_url, "SELECT sum(amount) FROM orders") == pytest.approx(total)
