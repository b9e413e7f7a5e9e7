"""Every real export in ../shared/datasets gets the right kind and column mapping from its
headers alone, where their meaning is unambiguous, and no kind where it is not (reviews,
RFM summaries, files without a header row). Skipped when ../shared is absent."""

from __future__ import annotations

import pytest

from opsdash.ingest.mapping import guess_kind, suggest_columns
from opsdash.ingest.read import read_table

pytestmark = pytest.mark.shared
HEAD_BYTES = 64 * 1024

# file -> (guessed kind, {file column: field}); columns not listed stay properties
EXPECTED: dict[str, tuple[str | None, dict[str, str]]] = {
    "KAG_conversion_data.csv": (
        "campaign_stats",
        {
            "ad_id": "ad_id",
            "xyz_campaign_id": "campaign_id",
            "Impressions": "impressions",
            "Clicks": "clicks",
            "Spent": "cost",
            "Total_Conversion": "conversions",
        },
    ),
    "ab_countries.csv": ("users", {"user_id": "user_id", "country": "region"}),
    "ab_data.csv": (
        "experiment_assignments",
        {
            "user_id": "user_id",
            "timestamp": "assigned_at",
            "group": "variant",
            "converted": "converted",
        },
    ),
    "bilibili_bangumi_stats.csv": (
        "content_stats",
        {
            "season_id": "content_id",
            "views": "views",
            "likes": "likes",
            "coins": "coins",
            "danmakus": "danmaku",
            "favorites": "favorites",
            "reply": "comments",
            "share": "shares",
        },
    ),
    "bilibili_top100_daily_2024.csv": (
        "content_stats",
        {
            "抓取日期": "date",
            "URL链接": "content_id",
            "播放量": "views",
            "弹幕量": "danmaku",
            "点赞量": "likes",
            "投币量": "coins",
            "收藏量": "favorites",
            "分享量": "shares",
        },
    ),
    "cdnow_customers_summary.csv": (None, {}),
    "cdnow_customers_summary_with_transactions.csv": (None, {}),
    "cdnow_master.csv": (
        "orders",
        {
            "customer_id": "user_id",
            "date": "paid_at",
            "number_of_cds": "quantity",
            "dollar_value": "amount",
        },
    ),
    "cdnow_master.txt": (
        "orders",
        {
            "customer_id": "user_id",
            "date": "paid_at",
            "number_of_cds": "quantity",
            "dollar_value": "amount",
        },
    ),
    "cdnow_sample.txt": (None, {}),
    "cookie_cats.csv": (
        "experiment_assignments",
        {"userid": "user_id", "version": "variant", "retention_7": "converted"},
    ),
    "medium_articles_2020.csv": (
        "contents",
        {"id": "content_id", "title": "title", "publication": "channel", "date": "published_at"},
    ),
    "olist_closed_deals.csv": (None, {}),
    "olist_marketing_qualified_leads.csv": (
        "users",
        {"mql_id": "user_id", "first_contact_date": "signup_at", "origin": "channel"},
    ),
    "online_retail.csv": (
        "orders",
        {
            "InvoiceNo": "order_id",
            "Description": "product",
            "Quantity": "quantity",
            "InvoiceDate": "paid_at",
            "UnitPrice": "unit_price",
            "CustomerID": "user_id",
        },
    ),
    "online_shopping_9_cats.csv": (
        "feedback",
        {"review": "text", "label": "sentiment", "cat": "category"},
    ),
    "taobao_UserBehavior_2h_slice.csv": (None, {}),
    "taobao_double11_cosmetics_gb18030.csv": (
        "content_stats",
        {"update_time": "date", "id": "content_id", "comment_count": "comments"},
    ),
    "taobao_double11_cosmetics_utf8bom.csv": (
        "content_stats",
        {"update_time": "date", "id": "content_id", "comment_count": "comments"},
    ),
    "tmall_order_report.csv": (
        "orders",
        {
            "订单编号": "order_id",
            "总金额": "amount",
            "订单创建时间": "created_at",
            "订单付款时间 ": "paid_at",
            "退款金额": "refund_amount",
        },
    ),
    "traffic_sources_gb18030.csv": (
        "channel_stats",
        {
            "流量来源": "channel",
            "来源明细": "sub_channel",
            "访客数": "visitors",
            "支付转化率": "conversion_rate",
            "客单价": "average_order_value",
        },
    ),
    "waimai_10k.csv": ("feedback", {"review": "text", "label": "sentiment"}),
}


def head_columns(path) -> list[str]:
    """The columns read_table finds in the file's first lines (whole lines only)."""
    with open(path, "rb") as handle:
        data = handle.read(HEAD_BYTES)
    end = max(data.rfind(b"\n"), data.rfind(b"\r"))
    return read_table(data[: end + 1] if end > 0 else data, file_name=path.name).columns


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_shared_file_kind_and_mapping(shared_datasets, name):
    path = shared_datasets / name
    if not path.exists():
        pytest.skip(f"{name} is absent")
    kind, mapping = EXPECTED[name]
    columns = head_columns(path)
    assert guess_kind(columns) == kind
    if kind is not None:
        assert suggest_columns(columns, kind) == mapping


def test_every_shared_file_has_an_expectation(shared_datasets):
    """A file added to ../shared/datasets gets a test here too."""
    files = {p.name for p in shared_datasets.iterdir() if p.suffix in (".csv", ".txt")}
    assert files <= set(EXPECTED)


def test_traffic_report_imports_as_channel_stats(shared_datasets, tmp_path, capsys):
    """The shop's traffic report (GB18030, 9.98%, trailing spaces) through the CLI with only
    an as-of date: values as an independent pandas read gives them."""

    import pandas as pd
    import sqlalchemy as sa

    from opsdash.cli import main
    from opsdash.db import make_engine

    path = shared_datasets / "traffic_sources_gb18030.csv"
    url = f"sqlite:///{tmp_path / 'traffic.db'}"
    status = main(["import", "channel_stats", str(path), "--date", "2024-06-30", "--db", url])
    status = main(["import", "channel_stats", str(path), "--date", "2024-06-30", "--db", url])
    capsys.readouterr()
    assert status == 0
    expected = pd.read_csv(path, dtype=str, encoding="gb18030")
    engine = make_engine(url)
    with engine.connect() as conn:
        stored = pd.read_sql(sa.text("SELECT * FROM channel_stats ORDER BY id"), conn)
    engine.dispose()
    assert len(stored) == len(expected) == 22
    assert stored["channel"].tolist() == expected["流量来源"].tolist()
    assert stored["sub_channel"].tolist() == expected["来源明细"].tolist()
    assert stored["visitors"].tolist() == expected["访客数"].str.strip().astype(int).tolist()
    rates = expected["支付转化率"].str.rstrip("%").astype(float) / 100
    assert stored["conversion_rate"].tolist() == pytest.approx(rates.tolist())
    aov = pd.to_numeric(expected["客单价"])
    assert stored["average_order_value"].isna().tolist() == aov.isna().tolist()
    assert stored["average_order_value"].dropna().tolist() == pytest.approx(aov.dropna().tolist())
    assert stored["revenue"].isna().all() and stored["buyers"].isna().all()


def test_cdnow_quantity_without_a_mapping(shared_datasets, tmp_path, capsys):
    """number_of_cds is the quantity: no --map needed, Σ quantity as pandas sums it."""
    import pandas as pd
    import sqlalchemy as sa

    from opsdash.cli import main
    from opsdash.db import make_engine

    path = shared_datasets / "cdnow_master.csv"
    url = f"sqlite:///{tmp_path / 'cdnow.db'}"
    assert main(["import", "orders", str(path), "--db", url, "--json"]) == 0
    capsys.readouterr()
    engine = make_engine(url)
    with engine.connect() as conn:
        quantity = conn.execute(sa.text("SELECT sum(quantity) FROM orders")).scalar_one()
    engine.dispose()
    assert quantity == pd.read_csv(path)["number_of_cds"].sum()
