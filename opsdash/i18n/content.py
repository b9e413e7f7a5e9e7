"""UI text of the content area."""

MESSAGES: dict[str, dict[str, str]] = {
    "content.title": {"zh": "内容", "en": "Content"},
    "content.caption": {
        "zh": "内容运营：阅读、互动、涨粉，以及哪些内容、专栏、形式和作者表现最好。",
        "en": "Content performance: views, interactions, followers, and which items, "
        "categories, formats and authors do best.",
    },
    "content.no_stats": {
        "zh": "所选时间段内没有内容数据。导入内容及其每日数据或快照后即可查看。",
        "en": "No content stats in this period. Import contents with their daily stats or "
        "snapshots to see this page.",
    },
    "content.segments_note": {
        "zh": "内容数据不是按用户记录的，侧边栏的用户分群筛选（渠道、平台、地区）不作用于本页。",
        "en": "Content stats are not per user: the sidebar's user segment filters (channel, "
        "platform, region) do not apply to this page.",
    },
    "content.snapshot_help": {
        "zh": "数据口径：每日数据按当天计入；快照（累计值）按与该内容上一次快照的差值计入快照当天，"
        "每个内容的首个快照只作基数（计 0，不算增长）。因此某时间段的值 = 期末（含）最后一次快照 − "
        "期初前最后一次快照（没有时取段内第一次快照），而不是把各天的累计值相加。",
        "en": "How rows count: a daily row counts on its day; a snapshot (lifetime totals) "
        "counts on its day as the difference from the item's previous snapshot, and an item's "
        "first snapshot is only its baseline (0, not growth). So a period's value = last "
        "snapshot on or before its end − last snapshot before its start (or, when there is "
        "none, the item's first snapshot in the period), not a sum of the daily totals.",
    },
    # metrics (KPI labels, table columns) and their definitions
    "content.metric.views": {"zh": "阅读/播放量", "en": "Views"},
    "content.metric.readers": {"zh": "阅读人数", "en": "Readers"},
    "content.metric.likes": {"zh": "点赞", "en": "Likes"},
    "content.metric.comments": {"zh": "评论", "en": "Comments"},
    "content.metric.shares": {"zh": "分享", "en": "Shares"},
    "content.metric.favorites": {"zh": "收藏", "en": "Favorites"},
    "content.metric.followers_gained": {"zh": "涨粉", "en": "Followers gained"},
    "content.metric.engagement_rate": {"zh": "互动率", "en": "Engagement rate"},
    "content.metric.items_published": {"zh": "发布数", "en": "Items published"},
    "content.help.views": {
        "zh": "所选时间段内各内容阅读/播放量之和（每日数据按天计入，快照按增量计入）。",
        "en": "Sum of the items' views in the period (daily rows by day, snapshots as increments).",
    },
    "content.help.readers": {
        "zh": "每日（或每次快照）阅读人数之和，不是整段时间的去重人数。",
        "en": "Sum of per-day (or per-snapshot) reader counts, not distinct people over the "
        "period.",
    },
    "content.help.interactions": {
        "zh": "所选时间段内该互动数之和。",
        "en": "Sum of this interaction in the period.",
    },
    "content.help.followers_gained": {
        "zh": "所选时间段内通过内容新增的关注数之和（可能为负）。",
        "en": "Followers gained through the items in the period (may be negative).",
    },
    "content.help.engagement_rate": {
        "zh": "互动率 =（点赞 + 评论 + 分享 + 收藏）÷ 阅读量；阅读量为 0 时显示 –。",
        "en": "Engagement rate = (likes + comments + shares + favorites) ÷ views; shown as – "
        "when views are 0.",
    },
    "content.help.items_published": {
        "zh": "发布日期在所选时间段内的内容数。",
        "en": "Items whose publishing day is in the period.",
    },
    "content.help.views_change": {
        "zh": "较上期 =（本期阅读量 − 上期阅读量）÷ 上期阅读量；上期为 0 时显示 –。",
        "en": "Change = (views − previous period's views) ÷ previous period's views; – when "
        "the previous period had none.",
    },
    # trend
    "content.section.trend": {"zh": "趋势", "en": "Over time"},
    "content.trend.metric": {"zh": "指标", "en": "Metric"},
    "content.trend.period": {"zh": "粒度", "en": "Grouping"},
    "content.period.day": {"zh": "按日", "en": "Day"},
    "content.period.week": {"zh": "按周", "en": "Week"},
    "content.period.month": {"zh": "按月", "en": "Month"},
    # top content
    "content.section.top": {"zh": "内容排行", "en": "Top content"},
    "content.search": {
        "zh": "搜索标题、作者、专栏或 ID",
        "en": "Search title, author, category or ID",
    },
    "content.top.caption": {
        "zh": "本期阅读量最高的 {limit} 条内容，可按所选指标重新排序（从高到低，– 排最后）。",
        "en": "The {limit} most viewed items of the period, re-sorted by the chosen column "
        "(largest first, – last).",
    },
    "content.top.sort": {"zh": "排序依据", "en": "Sort by"},
    "content.top.none": {"zh": "没有匹配的内容。", "en": "No matching content."},
    "content.col.content_id": {"zh": "内容 ID", "en": "Content ID"},
    "content.col.title": {"zh": "标题", "en": "Title"},
    "content.col.category": {"zh": "专栏/分类", "en": "Category"},
    "content.col.format": {"zh": "形式", "en": "Format"},
    "content.col.author": {"zh": "作者", "en": "Author"},
    "content.col.channel": {"zh": "分发渠道", "en": "Channel"},
    "content.col.published_date": {"zh": "发布日期", "en": "Published"},
    "content.col.views_previous": {"zh": "上期阅读量", "en": "Previous views"},
    "content.col.views_change": {"zh": "阅读量较上期", "en": "Views vs previous"},
    "content.col.items": {"zh": "内容数", "en": "Items"},
    "content.col.views_per_item": {"zh": "篇均阅读", "en": "Views per item"},
    # drill-down
    "content.section.drilldown": {"zh": "单篇内容曲线", "en": "One item's curve"},
    "content.pick_item": {"zh": "选择内容", "en": "Choose an item"},
    "content.curve.title": {"zh": "发布以来每日阅读", "en": "Views since publishing"},
    "content.curve.x": {"zh": "发布后天数", "en": "Days since publishing"},
    "content.curve.total": {"zh": "累计阅读", "en": "Total views"},
    "content.curve.none": {"zh": "该内容没有数据。", "en": "This item has no stats."},
    # breakdowns
    "content.section.breakdown": {"zh": "分布", "en": "Breakdown"},
    "content.breakdown.by": {"zh": "维度", "en": "By"},
    "content.breakdown.category": {"zh": "专栏/分类", "en": "Category"},
    "content.breakdown.format": {"zh": "形式", "en": "Format"},
    "content.breakdown.author": {"zh": "作者", "en": "Author"},
    "content.breakdown.channel": {"zh": "分发渠道", "en": "Channel"},
    "content.breakdown.title": {"zh": "各{by}阅读量", "en": "Views by {by}"},
    "content.none_label": {"zh": "（未填写）", "en": "(not set)"},
    # decay and cadence
    "content.section.decay": {"zh": "内容衰减", "en": "Content decay"},
    "content.decay.help": {
        "zh": "本期发布、有按天数据的内容，发布后第 N 天的平均阅读量（按形式）。"
        "只统计已观察到第 N 天的内容（发布日 + N 不晚于最后一天数据），没有数据的天按 0 计。"
        "多天合并的快照增量无法落到单日，不计入。",
        "en": "Average views on day N after publishing, per format, of the items published in "
        "the period that have day-by-day stats. Only items observed on day N (publishing day "
        "+ N on or before the last stats day) count; a missing day counts as 0. Snapshot "
        "increments spanning several days cannot be placed on one day and are left out.",
    },
    "content.decay.title": {"zh": "发布后平均阅读量", "en": "Average views after publishing"},
    "content.decay.y": {"zh": "平均阅读量", "en": "Average views"},
    "content.decay.none": {
        "zh": "本期没有发布带按天数据的内容。",
        "en": "No item with day-by-day stats was published in this period.",
    },
    "content.section.cadence": {"zh": "发布节奏", "en": "Publishing cadence"},
    "content.cadence.help": {
        "zh": "每周（周一开始）发布的内容数，与当周全部内容的总阅读量。",
        "en": "Items published per week (weeks start Monday) against that week's total views "
        "of all items.",
    },
    "content.cadence.title": {"zh": "每周发布数与总阅读量", "en": "Items per week vs total views"},
}
