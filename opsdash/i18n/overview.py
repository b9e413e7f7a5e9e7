"""UI text of the overview area (the Overview page). Help texts state each key number's
definition, as :mod:`opsdash.metrics.overview` computes it."""

MESSAGES: dict[str, dict[str, str]] = {
    "overview.title": {"zh": "概览", "en": "Overview"},
    "overview.compared": {
        "zh": "对比上一周期：{start} 至 {end}",
        "en": "Compared with the previous period: {start} to {end}",
    },
    "overview.section.key_numbers": {"zh": "核心指标", "en": "Key numbers"},
    "overview.section.trends": {"zh": "趋势", "en": "Trends"},
    "overview.section.targets": {"zh": "目标进度", "en": "Targets"},
    "overview.metric.new_users": {"zh": "新增用户", "en": "New users"},
    "overview.metric.new_users.help": {
        "zh": "注册日期在所选时间段内的用户数。",
        "en": "Users whose signup day is in the selected range.",
    },
    "overview.metric.dau_average": {"zh": "日活 DAU（日均）", "en": "DAU (daily average)"},
    "overview.metric.dau_average.help": {
        "zh": "时间段内每天有任意事件的用户数（去重）的平均值；只计数据开始之后的天，"
        "数据开始之前的天不算作 0 人。",
        "en": "Mean over the range's days of the distinct users with any event that day; only "
        "days from the first day with data count (days before the data begin are not zeros).",
    },
    "overview.metric.mau": {"zh": "月活 MAU", "en": "MAU"},
    "overview.metric.mau.help": {
        "zh": "截至结束日的 30 天内有任意事件的用户数（去重）。",
        "en": "Distinct users with any event in the 30 days ending on the end day.",
    },
    "overview.metric.d1_retention": {"zh": "次日留存率", "en": "D1 retention"},
    "overview.metric.d1_retention.help": {
        "zh": "时间段内注册、且注册后第 1 天有任意事件的用户 ÷ "
        "时间段内注册且第 1 天不晚于最后数据日的用户。",
        "en": "Users who signed up in the range and had any event on the day after signup / "
        "those signups whose day 1 is on or before the last data day.",
    },
    "overview.metric.d7_retention": {"zh": "7日留存率", "en": "D7 retention"},
    "overview.metric.d7_retention.help": {
        "zh": "时间段内注册、且注册后第 7 天有任意事件的用户 ÷ "
        "时间段内注册且第 7 天不晚于最后数据日的用户。",
        "en": "Users who signed up in the range and had any event exactly 7 days after signup "
        "/ those signups whose day 7 is on or before the last data day.",
    },
    "overview.metric.paying_rate": {"zh": "付费率", "en": "Paying rate"},
    "overview.metric.paying_rate.help": {
        "zh": "时间段内有已支付/已退款订单行的用户 ÷ 时间段内活跃用户（有任意事件）。",
        "en": "Users with a paid or refunded order line paid in the range / users active (any "
        "event) in the range.",
    },
    "overview.metric.revenue": {"zh": "收入（净）", "en": "Revenue (net)"},
    "overview.metric.revenue.help": {
        "zh": "时间段内支付的已支付/已退款订单行金额之和 − 其退款金额之和（按支付日）。",
        "en": "Sum of the amounts of paid or refunded order lines paid in the range minus "
        "their refunds (by payment day).",
    },
    "overview.metric.arpu": {"zh": "ARPU", "en": "ARPU"},
    "overview.metric.arpu.help": {
        "zh": "有用户的订单行的净收入 ÷ 时间段内活跃用户。",
        "en": "Net revenue of order lines with a user / users active in the range.",
    },
    "overview.metric.content_views": {"zh": "内容阅读量", "en": "Content views"},
    "overview.metric.content_views.help": {
        "zh": "时间段内各内容每日阅读/播放量之和。",
        "en": "Sum of the content items' daily views/plays in the range.",
    },
    "overview.metric.engagement_rate": {"zh": "互动率", "en": "Engagement rate"},
    "overview.metric.engagement_rate.help": {
        "zh": "（点赞 + 评论 + 分享 + 收藏）÷ 阅读量，时间段内合计。",
        "en": "(likes + comments + shares + favorites) / views, summed over the range.",
    },
    "overview.metric.running_campaigns": {"zh": "进行中活动", "en": "Running campaigns"},
    "overview.metric.running_campaigns.help": {
        "zh": "结束日当天处于进行中的活动数：开始日不晚于结束日（无开始日视为已开始），"
        "且未在结束日之前结束（无结束日视为未结束）。",
        "en": "Campaigns running on the end day: started on or before it (no start date counts "
        "as started) and not ended before it (no end date counts as not ended).",
    },
    "overview.trend.new_users": {"zh": "每日新增", "en": "New users per day"},
    "overview.trend.dau": {"zh": "日活 DAU", "en": "DAU"},
    "overview.trend.revenue": {"zh": "每日收入", "en": "Revenue per day"},
    "overview.trend.content_views": {"zh": "每日阅读量", "en": "Views per day"},
    "overview.targets.help": {
        "zh": "{month} 的月度目标。累计型指标（新增、收入、阅读量）= "
        "本月截至 {through} 的累计 ÷ 目标，"
        "灰色刻度为本月已过时间占比；其余指标 = 本月截至 {through} 的值 ÷ 目标。",
        "en": "Monthly targets of {month}. Sums (new users, revenue, views): month-to-date total "
        "through {through} / target, the grey tick is the share of the month elapsed; other "
        "metrics: month-to-date value through {through} / target.",
    },
    "overview.targets.none": {
        "zh": "{month} 还没有设定目标。",
        "en": "No targets set for {month}.",
    },
    "overview.targets.col.metric": {"zh": "指标", "en": "Metric"},
    "overview.targets.col.target": {"zh": "目标", "en": "Target"},
    "overview.targets.col.actual": {"zh": "本月实际", "en": "Month to date"},
    "overview.targets.col.progress": {"zh": "完成度", "en": "Progress"},
    "overview.targets.col.pace": {"zh": "时间进度", "en": "Time elapsed"},
    "overview.targets.chart": {"zh": "目标完成度", "en": "Progress against target"},
    "overview.targets.edit": {"zh": "设定目标", "en": "Set a target"},
    "overview.targets.metric": {"zh": "指标", "en": "Metric"},
    "overview.targets.month": {"zh": "月份（YYYY-MM）", "en": "Month (YYYY-MM)"},
    "overview.targets.value": {"zh": "目标值", "en": "Target value"},
    "overview.targets.value.help": {
        "zh": "比率类指标填 0 到 1 之间的小数（35% 填 0.35）。",
        "en": "Rates are shares between 0 and 1 (0.35 for 35%).",
    },
    "overview.targets.save": {"zh": "保存目标", "en": "Save target"},
    "overview.targets.delete": {"zh": "删除该目标", "en": "Delete this target"},
    "overview.targets.saved": {"zh": "目标已保存。", "en": "Target saved."},
    "overview.targets.deleted": {"zh": "目标已删除。", "en": "Target deleted."},
    "overview.targets.not_found": {"zh": "没有这个目标。", "en": "There is no such target."},
    "overview.targets.error": {"zh": "未保存：{detail}", "en": "Not saved: {detail}"},
    "overview.targets.viewer": {
        "zh": "只有编辑者可以设定目标。",
        "en": "Only editors can set targets.",
    },
}
