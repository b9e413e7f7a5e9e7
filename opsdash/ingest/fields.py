"""What each dataset kind's file may contain: fields derived from :mod:`opsdash.models`, plus
the column names real exports use for them (English and Chinese aliases).

Field types: ``id`` (text kept exactly, ``17850.0`` -> ``17850``), ``text``, ``timestamp``
(a point in time, stored naive UTC with its reporting-timezone day), ``date`` (a calendar
day), ``integer``, ``number``, ``boolean``. Columns the importer computes itself (``*_date``,
``row_key``, ``batch_id``, ``id``) are not fields."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from opsdash.models import DATASETS

# Columns opsdash fills, never read from a file.
MANAGED_COLUMNS = frozenset(
    {
        "id",
        "batch_id",
        "row_key",
        "signup_date",
        "event_date",
        "paid_date",
        "published_date",
        "submitted_date",
        "sentiment_basis",
        "properties",
    }
)
# Fields that are required by the model but that the importer can derive or default.
DERIVABLE = {
    "orders": {"order_id", "amount", "line", "status", "quantity", "refund_amount"},
    "campaign_stats": {"ad_id"},
    "experiment_assignments": {"experiment"},
    "feedback": {"feedback_id", "submitted_at"},
}
# Natural key of each kind (upsert target); events use row_key instead.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "users": ("user_id",),
    "events": ("row_key",),
    "contents": ("content_id",),
    "content_stats": ("content_id", "date"),
    "campaigns": ("campaign_id",),
    "campaign_stats": ("campaign_id", "date", "ad_id"),
    "orders": ("order_id", "line"),
    "experiment_assignments": ("experiment", "user_id"),
    "feedback": ("feedback_id",),
}
# Numeric fields that may not be negative.
NON_NEGATIVE = frozenset(
    {
        "views",
        "readers",
        "likes",
        "comments",
        "shares",
        "favorites",
        "impressions",
        "clicks",
        "participants",
        "new_users",
        "conversions",
        "cost",
        "budget",
        "refund_amount",
    }
)
ID_FIELDS = frozenset(
    {
        "user_id",
        "content_id",
        "campaign_id",
        "order_id",
        "ad_id",
        "experiment",
        "variant",
        "feedback_id",
    }
)

# Column names exports use, per field (compared after normalisation: case, spaces, punctuation).
ALIASES: dict[str, tuple[str, ...]] = {
    "user_id": (
        "uid",
        "user",
        "userid",
        "user id",
        "customer id",
        "customerid",
        "customer_id",
        "member id",
        "buyer id",
        "openid",
        "用户id",
        "用户",
        "用户编号",
        "会员id",
        "客户id",
        "买家id",
        "买家昵称",
    ),
    "signup_at": (
        "signup time",
        "signup date",
        "register time",
        "registered at",
        "registration date",
        "created at",
        "join date",
        "注册时间",
        "注册日期",
    ),
    "channel": ("source", "utm source", "publication", "渠道", "来源渠道", "渠道来源", "流量来源"),
    "platform": ("os", "device", "平台", "设备", "终端"),
    "region": ("country", "city", "province", "area", "地区", "国家", "省份", "城市", "收货地址"),
    "level": ("tier", "vip level", "member level", "等级", "会员等级", "用户等级"),
    "event_at": (
        "timestamp",
        "time",
        "event time",
        "datetime",
        "occurred at",
        "时间",
        "时间戳",
        "事件时间",
        "行为时间",
    ),
    "event": (
        "event name",
        "action",
        "behavior",
        "behaviour",
        "事件",
        "事件名",
        "行为",
        "行为类型",
    ),
    "content_id": (
        "item id",
        "itemid",
        "article id",
        "video id",
        "post id",
        "内容id",
        "文章id",
        "视频id",
        "商品id",
        "id",
        "url",
        "url链接",
        "链接",
    ),
    "campaign_id": (
        "xyz campaign id",
        "campaign",
        "campaignid",
        "activity id",
        "活动id",
        "活动编号",
        "活动",
    ),
    "value": ("amount", "duration", "值", "数值", "金额"),
    "title": ("name", "headline", "标题", "名称", "文章标题", "视频标题"),
    "category": ("section", "topic", "分类", "类别", "分区", "栏目", "专栏", "品类"),
    "format": ("type", "content type", "形式", "类型", "内容类型"),
    "author": ("creator", "writer", "up主", "作者", "创作者", "店名"),
    "published_at": (
        "publish time",
        "published",
        "publish date",
        "post date",
        "upload date",
        "发布时间",
        "发布日期",
        "上传日期",
        "发表时间",
        "date",
    ),
    "date": ("day", "stat date", "report date", "日期", "统计日期", "抓取日期", "update time"),
    "views": ("pv", "reads", "plays", "阅读量", "阅读数", "播放量", "浏览量", "观看次数"),
    "readers": ("uv", "readers", "viewers", "unique views", "阅读人数", "观看人数", "访客数"),
    "likes": ("like", "claps", "点赞", "点赞数", "点赞量", "赞"),
    "comments": ("responses", "replies", "comment count", "评论", "评论数", "评论量", "留言"),
    "shares": ("share", "reposts", "分享", "分享数", "分享量", "转发", "转发数"),
    "favorites": ("favorite", "saves", "bookmarks", "收藏", "收藏数", "收藏量"),
    "followers_gained": ("new followers", "follows", "涨粉", "新增关注", "关注数"),
    "cumulative": ("lifetime", "累计"),
    "name": ("campaign name", "活动名称", "名称"),
    "goal": ("objective", "目标", "活动目标"),
    "start_date": ("start", "begin", "开始日期", "开始时间"),
    "end_date": ("end", "finish", "结束日期", "结束时间"),
    "budget": ("预算",),
    "ad_id": ("ad", "adid", "ad group", "creative", "广告id", "创意id", "来源明细"),
    "impressions": ("impression", "曝光", "曝光量", "展现量", "展示量"),
    "clicks": ("click", "点击", "点击量", "点击数"),
    "participants": ("visitors", "参与人数", "参与数", "访客数"),
    "new_users": ("new users", "signups", "新增", "新增用户", "拉新"),
    "conversions": ("total conversion", "conversion", "转化", "转化数", "转化量"),
    "cost": ("spent", "spend", "cost", "花费", "消耗", "成本"),
    "revenue": ("sales", "gmv", "收入", "销售额", "营收"),
    "order_id": (
        "invoiceno",
        "invoice no",
        "invoice",
        "order",
        "order no",
        "order number",
        "订单号",
        "订单编号",
        "订单id",
    ),
    "line": ("line no", "line number", "item no", "行号"),
    "paid_at": (
        "invoicedate",
        "invoice date",
        "payment time",
        "paid time",
        "pay time",
        "order date",
        "date",
        "付款时间",
        "订单付款时间",
        "支付时间",
    ),
    "created_at": ("order created", "created", "下单时间", "订单创建时间", "创建时间"),
    "product": (
        "product name",
        "description",
        "sku",
        "stockcode",
        "stock code",
        "商品名称",
        "商品",
    ),
    "quantity": ("qty", "quantity", "units", "number of items", "数量", "购买数量", "件数"),
    "unit_price": ("unitprice", "price", "单价", "价格"),
    "amount": (
        "total",
        "line total",
        "sales amount",
        "paid amount",
        "dollar value",
        "金额",
        "实付金额",
        "支付金额",
        "总金额",
        "订单金额",
    ),
    "currency": ("货币", "币种"),
    "status": ("order status", "state", "订单状态", "状态"),
    "refund_amount": ("refund", "refunded", "退款金额", "退款"),
    "experiment": ("experiment name", "test", "test name", "实验", "实验名称"),
    "variant": ("group", "version", "arm", "bucket", "分组", "实验组", "版本"),
    "assigned_at": ("timestamp", "assigned", "exposure time", "分组时间", "曝光时间"),
    "converted": ("conversion", "converted", "retention_7", "是否转化", "转化"),
    "covariate": ("pre value", "pre period value", "协变量"),
}

# Aliases of one kind only (a field name shared by kinds, e.g. category, takes these only in
# that kind's files); tried after the shared ALIASES.
KIND_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "feedback": {
        "feedback_id": (
            "id",
            "review id",
            "ticket id",
            "comment id",
            "response id",
            "反馈id",
            "评论id",
            "评价id",
            "工单号",
            "工单id",
        ),
        "submitted_at": (
            "date",
            "time",
            "created at",
            "created",
            "timestamp",
            "review date",
            "submitted",
            "submit time",
            "时间",
            "日期",
            "提交时间",
            "评论时间",
            "评价时间",
            "反馈时间",
            "创建时间",
        ),
        "source": ("channel", "来源", "渠道", "反馈来源", "反馈渠道"),
        "rating": ("stars", "star", "score", "review score", "评分", "星级", "打分", "评星"),
        "nps_score": ("nps", "recommend", "likelihood to recommend", "推荐意愿", "推荐度"),
        "text": (
            "review",
            "review text",
            "content",
            "comment",
            "feedback",
            "message",
            "body",
            "评论",
            "评论内容",
            "评价",
            "评价内容",
            "内容",
            "反馈",
            "反馈内容",
            "问题描述",
            "留言",
        ),
        "sentiment": ("label", "polarity", "情感", "情感倾向", "情感标签", "极性"),
        "version": ("app version", "app_version", "版本", "版本号", "应用版本"),
        "category": ("cat", "product", "产品", "商品", "品类", "类目"),
        "tags": ("tag", "labels", "标签", "标签列表", "话题"),
    }
}


@dataclass(frozen=True)
class FieldSpec:
    """One field a file of a kind may provide."""

    name: str
    type: str
    required: bool
    description: str
    aliases: tuple[str, ...] = ()


def _field_type(name: str, column: sa.Column) -> str:
    if name in ID_FIELDS:
        return "id"
    column_type = column.type
    if isinstance(column_type, sa.DateTime):
        return "timestamp"
    if isinstance(column_type, sa.Date):
        return "date"
    if isinstance(column_type, sa.Boolean):
        return "boolean"
    if isinstance(column_type, sa.Integer):
        return "integer"
    if isinstance(column_type, sa.Float | sa.Numeric):
        return "number"
    return "text"


def _build_specs() -> dict[str, tuple[FieldSpec, ...]]:
    specs: dict[str, tuple[FieldSpec, ...]] = {}
    for kind, model in DATASETS.items():
        fields = []
        for column in model.__table__.columns:
            if column.name in MANAGED_COLUMNS:
                continue
            required = (
                not column.nullable
                and column.default is None
                and column.server_default is None
                and column.name not in DERIVABLE.get(kind, set())
            ) or column.name in {"date"} | set(NATURAL_KEYS[kind]) - DERIVABLE.get(kind, set())
            fields.append(
                FieldSpec(
                    name=column.name,
                    type=_field_type(column.name, column),
                    required=required and column.name != "row_key",
                    description=str(column.doc or column.comment or _description(model, column)),
                    aliases=ALIASES.get(column.name, ())
                    + KIND_ALIASES.get(kind, {}).get(column.name, ()),
                )
            )
        specs[kind] = tuple(fields)
    return specs


def _description(model, column: sa.Column) -> str:
    field = model.model_fields.get(column.name)
    return (field.description if field else None) or ""


FIELD_SPECS: dict[str, tuple[FieldSpec, ...]] = _build_specs()
KINDS: tuple[str, ...] = tuple(DATASETS)


def field_specs(kind: str) -> tuple[FieldSpec, ...]:
    """The fields a file of ``kind`` may map columns to, in the model's order."""
    from opsdash.errors import UserError

    if kind not in FIELD_SPECS:
        raise UserError(f"unknown data kind {kind!r}; choose one of: {', '.join(KINDS)}")
    return FIELD_SPECS[kind]


def field_by_name(kind: str) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in field_specs(kind)}
