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
    "channel_stats": {"sub_channel"},
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
    "channel_stats": ("date", "channel", "sub_channel"),
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
        "coins",
        "danmaku",
        "impressions",
        "clicks",
        "participants",
        "new_users",
        "conversions",
        "cost",
        "budget",
        "refund_amount",
        "visitors",
        "pageviews",
        "buyers",
        "conversion_rate",
        "average_order_value",
        "orders",
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
# Only whole names match (``转化率`` never matches ``转化``); each list goes from the most to the
# least specific name, since the first-listed alias wins when a file has several candidates.
ALIASES: dict[str, tuple[str, ...]] = {
    "user_id": (
        "uid",
        "user",
        "customer id",
        "customer",
        "member id",
        "buyer id",
        "client id",
        "openid",
        "unionid",
        "mql id",
        "lead id",
        "用户id",
        "用户",
        "用户编号",
        "用户名",
        "会员id",
        "会员编号",
        "会员",
        "客户id",
        "客户编号",
        "顾客id",
        "买家id",
        "买家昵称",
        "买家",
    ),
    "signup_at": (
        "signup time",
        "signup date",
        "signed up at",
        "register time",
        "registered at",
        "registration date",
        "registration time",
        "created at",
        "join date",
        "joined at",
        "first contact date",
        "first seen",
        "注册时间",
        "注册日期",
        "注册",
        "首次访问时间",
        "首次访问日期",
        "加入时间",
    ),
    "channel": (
        "source",
        "utm source",
        "traffic source",
        "acquisition channel",
        "origin",
        "publication",
        "渠道",
        "来源渠道",
        "渠道来源",
        "渠道名称",
        "推广渠道",
        "流量来源",
        "来源",
        "获客渠道",
    ),
    "sub_channel": (
        "source detail",
        "utm medium",
        "medium",
        "来源明细",
        "子渠道",
        "渠道明细",
        "二级渠道",
        "二级来源",
        "来源详情",
    ),
    "platform": ("os", "device", "operating system", "平台", "设备", "终端", "操作系统", "客户端"),
    "region": (
        "country",
        "city",
        "province",
        "state",
        "area",
        "location",
        "地区",
        "国家",
        "国家地区",
        "省份",
        "省",
        "城市",
        "收货地址",
        "收货省份",
        "所在地",
    ),
    "level": ("tier", "vip level", "member level", "等级", "会员等级", "用户等级", "vip等级"),
    "event_at": (
        "timestamp",
        "time",
        "event time",
        "event timestamp",
        "datetime",
        "occurred at",
        "时间",
        "时间戳",
        "事件时间",
        "行为时间",
        "发生时间",
        "访问时间",
    ),
    "event": (
        "event name",
        "event type",
        "action",
        "behavior",
        "behaviour",
        "behavior type",
        "事件",
        "事件名",
        "事件名称",
        "事件类型",
        "行为",
        "行为类型",
        "行为名称",
    ),
    "content_id": (
        "item id",
        "article id",
        "video id",
        "post id",
        "season id",
        "media id",
        "bvid",
        "内容id",
        "文章id",
        "视频id",
        "作品id",
        "笔记id",
        "商品id",
        "id",
        "url",
        "url链接",
        "链接",
        "视频链接",
        "文章链接",
    ),
    "campaign_id": (
        "xyz campaign id",
        "campaign",
        "activity id",
        "活动id",
        "活动编号",
        "活动",
        "计划id",
        "推广计划id",
        "广告计划id",
    ),
    "value": ("amount", "duration", "值", "数值", "金额"),
    "title": (
        "name",
        "headline",
        "video title",
        "article title",
        "标题",
        "名称",
        "文章标题",
        "视频标题",
        "作品标题",
        "笔记标题",
        "商品标题",
    ),
    "category": ("section", "topic", "分类", "类别", "分区", "栏目", "专栏", "品类", "频道"),
    "format": ("type", "content type", "形式", "类型", "内容类型", "体裁"),
    "author": (
        "creator",
        "writer",
        "uploader",
        "up主",
        "作者",
        "创作者",
        "博主",
        "达人",
        "店名",
        "店铺",
        "店铺名称",
    ),
    "published_at": (
        "publish time",
        "published",
        "publish date",
        "post date",
        "upload date",
        "upload time",
        "发布时间",
        "发布日期",
        "上传日期",
        "上传时间",
        "发表时间",
        "投稿时间",
        "date",
    ),
    "date": (
        "day",
        "stat date",
        "report date",
        "snapshot date",
        "crawl date",
        "日期",
        "统计日期",
        "数据日期",
        "抓取日期",
        "采集日期",
        "update time",
    ),
    "views": (
        "pv",
        "reads",
        "plays",
        "view count",
        "play count",
        "阅读量",
        "阅读数",
        "阅读次数",
        "播放量",
        "播放数",
        "播放次数",
        "浏览量",
        "浏览次数",
        "观看次数",
        "观看量",
    ),
    "readers": ("uv", "viewers", "unique views", "阅读人数", "观看人数", "播放人数", "访客数"),
    "likes": ("like", "claps", "like count", "点赞", "点赞数", "点赞量", "点赞次数", "获赞", "赞"),
    "comments": (
        "responses",
        "replies",
        "reply",
        "comment",
        "comment count",
        "评论",
        "评论数",
        "评论量",
        "评论次数",
        "留言",
        "留言数",
        "回复",
        "回复数",
    ),
    "shares": (
        "share",
        "reposts",
        "share count",
        "分享",
        "分享数",
        "分享量",
        "分享次数",
        "转发",
        "转发数",
        "转发量",
    ),
    "favorites": (
        "favorite",
        "favourites",
        "favourite",
        "saves",
        "bookmarks",
        "收藏",
        "收藏数",
        "收藏量",
        "收藏次数",
    ),
    "coins": ("coin", "coin count", "投币", "投币量", "投币数", "硬币", "硬币数"),
    "danmaku": ("danmakus", "danmu", "bullet comments", "弹幕", "弹幕量", "弹幕数"),
    "followers_gained": (
        "new followers",
        "follows",
        "涨粉",
        "涨粉数",
        "新增关注",
        "新增粉丝",
        "关注数",
    ),
    "cumulative": ("lifetime", "累计"),
    "name": ("campaign name", "活动名称", "计划名称", "名称"),
    "goal": ("objective", "目标", "活动目标", "营销目标"),
    "start_date": ("start", "begin", "start time", "开始日期", "开始时间", "开始"),
    "end_date": ("end", "finish", "end time", "结束日期", "结束时间", "结束"),
    "budget": ("预算", "总预算", "日预算"),
    "ad_id": ("ad", "ad group", "creative", "广告id", "创意id", "单元id", "来源明细"),
    "impressions": (
        "impression",
        "impr",
        "曝光",
        "曝光量",
        "曝光数",
        "曝光次数",
        "展现",
        "展现量",
        "展示",
        "展示量",
        "展示数",
    ),
    "clicks": ("click", "link clicks", "点击", "点击量", "点击数", "点击次数"),
    "participants": ("visitors", "参与人数", "参与数", "参与", "访客数"),
    "new_users": (
        "signups",
        "registrations",
        "新增",
        "新增用户",
        "新增用户数",
        "新用户",
        "新用户数",
        "拉新",
        "注册数",
        "注册用户数",
    ),
    "conversions": (
        "total conversion",
        "total conversions",
        "conversion",
        "results",
        "转化",
        "转化数",
        "转化量",
        "转化次数",
    ),
    "cost": ("spent", "spend", "amount spent", "花费", "消耗", "消费", "成本", "费用", "广告花费"),
    "revenue": (
        "sales",
        "gmv",
        "income",
        "收入",
        "销售额",
        "营收",
        "成交金额",
        "支付金额",
        "销售金额",
    ),
    "order_id": (
        "invoiceno",
        "invoice",
        "invoice number",
        "order",
        "order no",
        "order number",
        "订单号",
        "订单编号",
        "订单id",
        "主订单编号",
    ),
    "line": ("line no", "line number", "item no", "行号"),
    "paid_at": (
        "invoicedate",
        "payment time",
        "paid time",
        "pay time",
        "purchase date",
        "transaction date",
        "order date",
        "date",
        "付款时间",
        "订单付款时间",
        "支付时间",
        "付款日期",
        "支付日期",
        "成交时间",
    ),
    "created_at": (
        "order created",
        "created",
        "order time",
        "下单时间",
        "订单创建时间",
        "创建时间",
        "下单日期",
    ),
    "product": (
        "product name",
        "description",
        "sku",
        "stockcode",
        "item name",
        "商品名称",
        "商品",
        "宝贝标题",
        "商品编码",
    ),
    "quantity": (
        "qty",
        "units",
        "number of items",
        "number of cds",
        "items",
        "数量",
        "购买数量",
        "件数",
        "商品数量",
        "购买件数",
    ),
    "unit_price": ("price", "单价", "单价元", "价格"),
    "amount": (
        "total",
        "line total",
        "sales amount",
        "paid amount",
        "dollar value",
        "金额",
        "金额元",
        "实付金额",
        "实付款",
        "支付金额",
        "总金额",
        "订单金额",
    ),
    "currency": ("currency code", "货币", "币种", "币别"),
    "status": ("order status", "state", "订单状态", "交易状态", "状态"),
    "refund_amount": ("refund", "refunded", "退款金额", "退款"),
    "experiment": ("experiment name", "test", "test name", "实验", "实验名称", "实验名"),
    "variant": ("group", "version", "arm", "bucket", "variation", "分组", "实验组", "版本", "变体"),
    "assigned_at": ("timestamp", "assigned", "exposure time", "分组时间", "曝光时间"),
    "converted": ("conversion", "retention_7", "是否转化", "转化", "已转化"),
    "covariate": ("pre value", "pre period value", "协变量"),
    # channel_stats (traffic and channel reports)
    "visitors": (
        "uv",
        "unique visitors",
        "visitors count",
        "访客数",
        "访客",
        "访问人数",
        "访客人数",
    ),
    "pageviews": ("pv", "pageview", "浏览量", "页面浏览量", "浏览次数"),
    "buyers": (
        "paying users",
        "paying buyers",
        "purchasers",
        "customers",
        "支付买家数",
        "买家数",
        "付款人数",
        "支付人数",
        "成交人数",
        "下单买家数",
    ),
    "conversion_rate": (
        "paying conversion rate",
        "cvr",
        "支付转化率",
        "转化率",
        "付款转化率",
        "成交转化率",
    ),
    "average_order_value": ("aov", "avg order value", "客单价", "平均客单价"),
    "orders": ("paid orders", "order count", "支付订单数", "订单数", "付款订单数", "成交订单数"),
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
    max_length: int | None = None  # characters, for text kept in a key or an index


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
                    max_length=_max_length(model, column.name),
                )
            )
        specs[kind] = tuple(fields)
    return specs


# Text in a primary key or an index: PostgreSQL refuses an index entry above ~2,700 bytes
# (a third of a page), so such text is limited to 255 characters (at most 1,020 bytes of
# UTF-8), in both databases. Free text (feedback, titles outside indexes) is not limited here.
MAX_KEY_TEXT = 255


def _max_length(model, name: str) -> int | None:
    table = model.__table__
    if name in ID_FIELDS or table.c[name].primary_key:
        return MAX_KEY_TEXT
    if any(name in index.columns for index in table.indexes):
        return MAX_KEY_TEXT
    return None


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


def field_label(name: str, language: str, *, required: bool = False) -> str:
    """A field as the mapping dropdowns show it: its code and its name in ``language``
    (``quantity · 数量``, ``quantity · Quantity``), ``*`` when required. The CLI and JSON keep
    the bare code."""
    from opsdash.i18n import translate

    label = f"{name} · {translate(f'fields.{name}', language)}"
    return label + " *" if required else label
