"""Export headers recognised for every field of every kind, in English and Chinese, and
headers whose meaning is not clear left unmapped."""

from __future__ import annotations

import pytest

from opsdash.ingest.fields import ALIASES, FIELD_SPECS, MANAGED_COLUMNS
from opsdash.ingest.mapping import guess_kind, normalise, suggest_columns


def test_every_field_of_every_kind_has_aliases():
    missing = {
        (kind, spec.name)
        for kind, specs in FIELD_SPECS.items()
        for spec in specs
        if not spec.aliases and spec.name not in MANAGED_COLUMNS
    }
    assert missing == set()


def test_no_alias_is_listed_twice_for_one_field():
    for name, aliases in ALIASES.items():
        keys = [normalise(alias) for alias in aliases]
        assert len(keys) == len(set(keys)), name


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [
        ("orders", "number_of_cds", "quantity"),
        ("orders", "Quantity", "quantity"),
        ("orders", "数量", "quantity"),
        ("orders", "件数", "quantity"),
        ("orders", "购买数量", "quantity"),
        ("orders", "交易状态", "status"),
        ("orders", "单价(元)", "unit_price"),
        ("content_stats", "投币", "coins"),
        ("content_stats", "投币量", "coins"),
        ("content_stats", "弹幕", "danmaku"),
        ("content_stats", "弹幕量", "danmaku"),
        ("content_stats", "播放量", "views"),
        ("content_stats", "点赞", "likes"),
        ("content_stats", "收藏", "favorites"),
        ("content_stats", "分享", "shares"),
        ("content_stats", "评论", "comments"),
        ("content_stats", "涨粉", "followers_gained"),
        ("contents", "投稿时间", "published_at"),
        ("contents", "分区", "category"),
        ("users", "注册时间", "signup_at"),
        ("users", "渠道", "channel"),
        ("users", "省份", "region"),
        ("users", "会员等级", "level"),
        ("users", "操作系统", "platform"),
        ("events", "行为类型", "event"),
        ("events", "发生时间", "event_at"),
        ("campaigns", "计划名称", "name"),
        ("campaigns", "预算", "budget"),
        ("campaigns", "开始日期", "start_date"),
        ("campaign_stats", "展现量", "impressions"),
        ("campaign_stats", "点击量", "clicks"),
        ("campaign_stats", "花费", "cost"),
        ("campaign_stats", "消耗", "cost"),
        ("campaign_stats", "转化数", "conversions"),
        ("campaign_stats", "新增用户数", "new_users"),
        ("campaign_stats", "成交金额", "revenue"),
        ("experiment_assignments", "实验组", "variant"),
    ],
)
def test_common_headers(kind, header, field):
    assert suggest_columns(["其他", header], kind) == {header: field}


@pytest.mark.parametrize(
    ("kind", "headers"),
    [
        # a rate is not a count, a revenue forecast is not revenue
        ("campaign_stats", ["转化率", "conversion rate", "declared_monthly_revenue", "CTR"]),
        ("content_stats", ["互动率", "完播率", "score", "rank", "排名", "sale_count"]),
        # names that mean too many things
        ("users", ["name", "value", "count", "type", "number", "数据"]),
        ("orders", ["count", "rate", "名称", "code", "ID2"]),
        ("events", ["count", "label", "review", "cat"]),
    ],
)
def test_ambiguous_headers_are_not_mapped(kind, headers):
    assert suggest_columns(headers, kind) == {}


def test_one_generic_header_is_no_kind():
    # an RFM summary (customer ID + frequency/recency) is neither contents nor anything else
    assert guess_kind(["ID", "frequency", "recency", "T"]) is None
    # label + review is a reviews export: user feedback with a given sentiment
    assert guess_kind(["label", "review"]) == "feedback"
    assert guess_kind(["mql_id", "seller_id", "won_date", "declared_monthly_revenue"]) is None


def test_a_bare_date_next_to_a_title_is_the_publication_date():
    assert guess_kind(["id", "title", "claps", "responses", "date"]) == "contents"
    # an explicit stats day next to an upload date: daily stats of videos
    assert (
        guess_kind(["抓取日期", "标题", "URL链接", "播放量", "点赞量", "上传日期"])
        == "content_stats"
    )


def test_every_field_has_a_label_in_both_languages():
    from opsdash.i18n import CATALOG
    from opsdash.ingest.fields import field_label

    for specs in FIELD_SPECS.values():
        for spec in specs:
            assert f"fields.{spec.name}" in CATALOG, spec.name
    assert field_label("quantity", "zh") == "quantity · 数量"
    assert field_label("quantity", "en") == "quantity · Quantity"
    assert field_label("date", "zh", required=True) == "date · 日期 *"
