"""UI text of the brief area (the morning brief 晨报 on the Overview, its push messages and
the notification channels). Help texts state the method, as :mod:`opsdash.brief` computes it."""

MESSAGES: dict[str, dict[str, str]] = {
    "brief.title": {"zh": "晨报 · {date}", "en": "Morning brief · {date}"},
    "brief.help": {
        "zh": "预期值 = 前 8 周同一星期几的中位数（至少 4 周才判断）；波动 = 前 8 周每天相对其"
        "星期几中位数（不含当天）的偏差的 MAD × 1.4826，至少为预期的 3%（计数指标至少 √预期）；"
        "区间 = 预期 ± 3.5 × 波动，超出即为异常，得分 = (实际 − 预期) ÷ 波动。"
        "盲区：缓慢下滑不会报警；持续 4 周以上的变化会成为新常态；节假日、大促、调休会被当作异常；"
        "数据尚未导入完的当天看起来像下跌。",
        "en": "Expected = the median of the same weekday over the previous 8 weeks (judged "
        "from 4 weeks on); spread = 1.4826 × the MAD of each day's deviation over those 8 weeks "
        "from the median of its weekday (the day itself left out), at least 3% of the expected "
        "value (for counts at least √expected); band = expected ± 3.5 × spread: outside it is "
        "an anomaly, score = (value − expected) / spread. Blind spots: a slow drift is never "
        "flagged; a change lasting over 4 weeks becomes the new normal; holidays, sales and "
        "moved working days look like anomalies; a day whose data is still arriving looks "
        "like a drop.",
    },
    "brief.drivers.help": {
        "zh": "归因：把变化（实际 − 预期）按每个维度（渠道、平台、地区、等级和用户属性）"
        "拆到各个取值，每个取值的预期 = 总预期 × 它在基线日的占比；"
        "占比 = 它的变化 ÷ 总变化。付费率区分结构变化"
        "（该取值在活跃用户中的占比变了）和转化变化（该取值自身的付费率变了）。",
        "en": "Drivers: the change (value − expected) split over every dimension (channel, "
        "platform, region, level and the user properties) by value; a value's expected part "
        "= the expected total × its share of the baseline days; share = its change / the "
        "total change. For the paying rate, mix (the value's weight among active users moved) "
        "is told apart from rate (the value's own rate moved).",
    },
    "brief.none": {
        "zh": "今天没有异常：所有指标都在预期区间内。",
        "en": "Nothing unusual today: every metric is inside its expected band.",
    },
    "brief.empty": {"zh": "还没有可生成晨报的数据。", "en": "No data to brief on yet."},
    "brief.anomalies": {"zh": "异常", "en": "Anomalies"},
    "brief.others": {"zh": "其他指标", "en": "Other metrics"},
    "brief.direction.down": {"zh": "低于预期", "en": "below expected"},
    "brief.direction.up": {"zh": "高于预期", "en": "above expected"},
    "brief.line": {
        "zh": "{metric}：{value}（预期 {expected}，{change}）",
        "en": "{metric}: {value} (expected {expected}, {change})",
    },
    "brief.line.band": {
        "zh": "预期区间 {low} – {high}，得分 {score}",
        "en": "expected band {low} – {high}, score {score}",
    },
    "brief.line.nohistory": {
        "zh": "{metric}：{value}（历史不足 4 周，不判断）",
        "en": "{metric}: {value} (under 4 weeks of history: not judged)",
    },
    "brief.driver": {
        "zh": "{dimension} {value} 贡献了 {share} 的{direction}",
        "en": "{dimension} {value} accounts for {share} of the {direction}",
    },
    "brief.driver.mix": {
        "zh": "{dimension} {value}（结构变化）贡献了 {share}",
        "en": "{dimension} {value} (mix shift) accounts for {share}",
    },
    "brief.driver.rate": {
        "zh": "{dimension} {value}（自身转化变化）贡献了 {share}",
        "en": "{dimension} {value} (its own rate) accounts for {share}",
    },
    "brief.effects": {
        "zh": "结构变化占 {mix}，转化变化占 {rate}",
        "en": "mix shift {mix}, rate change {rate}",
    },
    "brief.change.down": {"zh": "下降", "en": "drop"},
    "brief.change.up": {"zh": "上升", "en": "rise"},
    "brief.unknown": {"zh": "（未填写）", "en": "(not set)"},
    "brief.metric.new_users": {"zh": "新增用户", "en": "New users"},
    "brief.metric.dau": {"zh": "日活 DAU", "en": "DAU"},
    "brief.metric.paying_users": {"zh": "付费用户", "en": "Paying users"},
    "brief.metric.orders": {"zh": "订单数", "en": "Orders"},
    "brief.metric.revenue": {"zh": "收入（净）", "en": "Revenue (net)"},
    "brief.metric.content_views": {"zh": "内容浏览量", "en": "Content views"},
    "brief.metric.paying_rate": {
        "zh": "付费率（付费用户 ÷ 日活）",
        "en": "Paying rate (payers / DAU)",
    },
    "brief.dimension.channel": {"zh": "渠道", "en": "channel"},
    "brief.dimension.platform": {"zh": "平台", "en": "platform"},
    "brief.dimension.region": {"zh": "地区", "en": "region"},
    "brief.dimension.level": {"zh": "等级", "en": "level"},
    "brief.dimension.category": {"zh": "栏目", "en": "category"},
    "brief.dimension.format": {"zh": "形式", "en": "format"},
    "brief.dimension.author": {"zh": "作者", "en": "author"},
    "brief.targets": {
        "zh": "目标 {metric}：完成 {progress}（时间进度 {pace}）",
        "en": "Target {metric}: {progress} done (month elapsed {pace})",
    },
    "brief.targets.needed": {
        "zh": "，余下每天需 {needed}",
        "en": ", {needed} a day needed for the rest of the month",
    },
    "brief.chart.value": {"zh": "实际", "en": "Actual"},
    "brief.chart.expected": {"zh": "预期", "en": "Expected"},
    "brief.chart.low": {"zh": "区间下限", "en": "Band low"},
    "brief.chart.high": {"zh": "区间上限", "en": "Band high"},
    "brief.message.title": {"zh": "opsdash 晨报 {date}", "en": "opsdash brief {date}"},
    "brief.message.summary": {
        "zh": "{count} 个指标异常",
        "en": "{count} metric(s) out of their expected band",
    },
    "brief.message.test": {
        "zh": "opsdash 测试消息：这个渠道可以收到晨报。",
        "en": "opsdash test message: this channel receives the brief.",
    },
    "brief.annotations.edit": {"zh": "时间标注", "en": "Annotations"},
    "brief.annotations.help": {
        "zh": "标注会以竖线显示在趋势图上（灰色：手动添加的标注；橙色：活动开始）。",
        "en": "Annotations are drawn as vertical rules on the trend charts (grey: notes "
        "added here; amber: campaign starts).",
    },
    "brief.annotations.day": {"zh": "日期", "en": "Day"},
    "brief.annotations.text": {
        "zh": "内容（如：版本发布、故障、节假日）",
        "en": "Note (a release, an outage, a holiday)",
    },
    "brief.annotations.add": {"zh": "添加标注", "en": "Add annotation"},
    "brief.annotations.added": {"zh": "已添加标注。", "en": "Annotation added."},
    "brief.annotations.remove": {"zh": "删除标注", "en": "Remove annotation"},
    "brief.annotations.removed": {"zh": "已删除标注。", "en": "Annotation removed."},
    "brief.annotations.viewer": {
        "zh": "只有编辑和管理员可以添加标注。",
        "en": "Only editors and admins can add annotations.",
    },
    "brief.annotations.error": {"zh": "无法保存：{detail}", "en": "Not saved: {detail}"},
    "brief.annotations.source.note": {"zh": "标注", "en": "Note"},
    "brief.annotations.source.campaign_start": {"zh": "活动开始", "en": "Campaign starts"},
    "brief.alert.anomaly": {
        "zh": "{metric}{segment} 异常：{value}",
        "en": "{metric}{segment} is out of its expected band: {value}",
    },
    "brief.alert.above": {
        "zh": "{metric}{segment} 为 {value}，高于 {threshold}",
        "en": "{metric}{segment} is {value}, above {threshold}",
    },
    "brief.alert.below": {
        "zh": "{metric}{segment} 为 {value}，低于 {threshold}",
        "en": "{metric}{segment} is {value}, below {threshold}",
    },
    "brief.alert.change": {
        "zh": "{metric}{segment} 较前一天变化 {change}（{previous} → {value}），超过 ±{threshold}",
        "en": "{metric}{segment} changed {change} from the day before ({previous} → {value}), "
        "beyond ±{threshold}",
    },
    "brief.message.alerts": {"zh": "告警", "en": "Alerts"},
    # ---- annotations on every trend chart (h13)
    "brief.annotations.kind": {"zh": "类型", "en": "Kind"},
    "brief.annotations.text_short": {"zh": "内容", "en": "Note"},
    "brief.annotations.by": {"zh": "添加人", "en": "Added by"},
}
