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
        "占比 = 它的变化 ÷ 总变化。付费率和关键漏斗转化率区分结构变化"
        "（该取值在活跃用户或进入漏斗的用户中的占比变了）和转化变化（该取值自身的比率变了）。",
        "en": "Drivers: the change (value − expected) split over every dimension (channel, "
        "platform, region, level and the user properties) by value; a value's expected part "
        "= the expected total × its share of the baseline days; share = its change / the "
        "total change. For the paying rate and the key funnel conversion, mix (the value's "
        "weight among active users or funnel entrants moved) is told apart from rate (the "
        "value's own rate moved).",
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
    # ---- alert rules and notification channels in the UI (h13)
    "brief.alerts.title": {"zh": "告警与推送", "en": "Alerts and push"},
    "brief.alerts.rules": {"zh": "告警规则", "en": "Alert rules"},
    "brief.alerts.rules.help": {
        "zh": "每天推送晨报时检查规则（opsdash brief --send）：触发的告警随晨报发到规则指定的"
        "渠道（未指定：所有渠道）。",
        "en": "Rules are checked when the brief is pushed (opsdash brief --send): the alerts "
        "that fire go out with it, to the rule's channel (none: every channel).",
    },
    "brief.alerts.rules.none": {"zh": "还没有告警规则。", "en": "No alert rules yet."},
    "brief.alerts.col.metric": {"zh": "指标", "en": "Metric"},
    "brief.alerts.col.condition": {"zh": "条件", "en": "Condition"},
    "brief.alerts.col.segment": {"zh": "细分", "en": "Segment"},
    "brief.alerts.col.channel": {"zh": "发送到", "en": "Send to"},
    "brief.alerts.col.name": {"zh": "渠道名称", "en": "Channel"},
    "brief.alerts.col.kind": {"zh": "类型", "en": "Kind"},
    "brief.alerts.col.target": {"zh": "Webhook 地址或收件人", "en": "Webhook URL or recipients"},
    "brief.alerts.col.secret": {
        "zh": "签名密钥或 SMTP 密码",
        "en": "Signing secret or SMTP password",
    },
    "brief.alerts.every_channel": {"zh": "所有渠道", "en": "every channel"},
    "brief.alerts.condition.anomaly": {
        "zh": "超出预期区间（异常）",
        "en": "outside its band (anomaly)",
    },
    "brief.alerts.condition.above": {"zh": "高于阈值", "en": "above a threshold"},
    "brief.alerts.condition.below": {"zh": "低于阈值", "en": "below a threshold"},
    "brief.alerts.condition.change": {
        "zh": "较前一天变化超过比例",
        "en": "changes vs the day before beyond a share",
    },
    "brief.alerts.condition.above_value": {"zh": "高于 {threshold}", "en": "above {threshold}"},
    "brief.alerts.condition.below_value": {"zh": "低于 {threshold}", "en": "below {threshold}"},
    "brief.alerts.condition.change_value": {
        "zh": "较前一天变化超过 ±{threshold}",
        "en": "changes beyond ±{threshold} vs the day before",
    },
    "brief.alerts.threshold": {"zh": "阈值", "en": "Threshold"},
    "brief.alerts.threshold.help": {
        "zh": "高于/低于：指标的数值（比率用 0–1，如 0.05 = 5%）；变化：比例（0.2 = 20%）。"
        "异常条件不需要阈值。",
        "en": "Above/below: the metric's value (rates as 0-1, 0.05 = 5%); change: a share "
        "(0.2 = 20%). The anomaly condition needs none.",
    },
    "brief.alerts.segment.help": {
        "zh": "可选：只看一个用户细分，字段=取值（channel、platform、region、level 或用户属性）。",
        "en": "Optional: one user segment, NAME=VALUE (channel, platform, region, level or a "
        "user property).",
    },
    "brief.alerts.add_rule": {"zh": "添加规则", "en": "Add rule"},
    "brief.alerts.remove_rule": {"zh": "删除规则", "en": "Remove a rule"},
    "brief.alerts.remove": {"zh": "删除", "en": "Remove"},
    "brief.alerts.rule_added": {"zh": "已添加告警规则 #{id}。", "en": "Alert rule #{id} added."},
    "brief.alerts.rule_removed": {
        "zh": "已删除告警规则 #{id}。",
        "en": "Alert rule #{id} removed.",
    },
    "brief.alerts.not_saved": {"zh": "未保存：{detail}", "en": "Not saved: {detail}"},
    "brief.alerts.channels": {"zh": "推送渠道", "en": "Channels"},
    "brief.alerts.channels.help": {
        "zh": "晨报和告警推送到这些渠道：企业微信群机器人、钉钉自定义机器人、飞书自定义机器人、"
        "通用 webhook（兼容 Slack）、邮件（SMTP，见 docs/brief.md）。Webhook 地址和密钥加密保存，"
        "只显示主机名。",
        "en": "The brief and the alerts are pushed to these channels: WeCom group robot, "
        "DingTalk custom robot, Feishu custom bot, a generic webhook (Slack-compatible), e-mail "
        "(SMTP, see docs/brief.md). Webhook URLs and secrets are stored encrypted and shown "
        "by host only.",
    },
    "brief.alerts.channels.none": {"zh": "还没有推送渠道。", "en": "No channels yet."},
    "brief.alerts.channels.admins": {
        "zh": "只有管理员可以添加、测试和删除渠道。",
        "en": "Only admins can add, test and remove channels.",
    },
    "brief.alerts.unreadable": {
        "zh": "无法解密（密钥已更改）：请删除后重新添加",
        "en": "cannot be decrypted (the key changed): remove and add it again",
    },
    "brief.alerts.name.help": {
        "zh": "可选，默认为类型名。字母、数字、“.”、“_”、“-”。",
        "en": "Optional; default: the kind. Letters, digits, '.', '_', '-'.",
    },
    "brief.alerts.target.help": {
        "zh": "机器人的 webhook 地址；邮件渠道填收件人，英文逗号分隔。保存后不再显示。",
        "en": "The robot's webhook URL; for e-mail the recipients, comma-separated. Never "
        "shown again once saved.",
    },
    "brief.alerts.secret.help": {
        "zh": "可选：钉钉/飞书机器人的签名密钥，或邮件渠道的 SMTP 密码。保存后不再显示。",
        "en": "Optional: the DingTalk/Feishu signing secret, or the e-mail channel's SMTP "
        "password. Never shown again once saved.",
    },
    "brief.alerts.add_channel": {"zh": "添加渠道", "en": "Add channel"},
    "brief.alerts.channel_added": {"zh": "已添加渠道 {name}。", "en": "Channel {name} added."},
    "brief.alerts.channel_removed": {"zh": "已删除渠道 {name}。", "en": "Channel {name} removed."},
    "brief.alerts.test": {"zh": "发送测试消息", "en": "Send a test"},
    "brief.alerts.test_sent": {
        "zh": "测试消息已发送到 {name}。",
        "en": "Test message sent to {name}.",
    },
    "brief.alerts.test_failed": {
        "zh": "测试消息未能发送到 {name}：{detail}",
        "en": "The test message to {name} failed: {detail}",
    },
    "brief.kind.wecom": {"zh": "企业微信", "en": "WeCom"},
    "brief.kind.dingtalk": {"zh": "钉钉", "en": "DingTalk"},
    "brief.kind.feishu": {"zh": "飞书", "en": "Feishu"},
    "brief.kind.webhook": {"zh": "通用 webhook", "en": "Webhook"},
    "brief.kind.email": {"zh": "邮件", "en": "E-mail"},
    # ---- the key funnel's conversion (h13)
    "brief.metric.funnel_conversion": {
        "zh": "关键漏斗当日转化率",
        "en": "Key funnel conversion (same day)",
    },
    "brief.funnel.help": {
        "zh": "关键漏斗当日转化率：当天第一次做第 1 步的用户中，当天（报表时区的同一天内）按顺序"
        "完成全部步骤的比例。漏斗在用户页设置（“用于晨报”），或用 OPSDASH_KEY_FUNNEL 设置默认值。"
        "归因区分结构变化（某取值在进入漏斗的用户中的占比变了）和转化变化（该取值自身的转化率变了）。"
        "盲区：跨过午夜才完成的转化不计入。",
        "en": "Key funnel conversion (same day): of the users whose first step-1 event of a "
        "day is on that day, the share who complete every step in order on the same day "
        "(reporting timezone). The funnel is saved from the Users page ('Use in the morning "
        "brief') or defaults to OPSDASH_KEY_FUNNEL. Drivers tell mix (a value's share of the "
        "entrants moved) from rate (the value's own conversion moved). Blind spot: "
        "conversions completed after midnight are not counted.",
    },
    "brief.funnel.current": {
        "zh": "晨报的关键漏斗：{steps}",
        "en": "The morning brief's key funnel: {steps}",
    },
    "brief.funnel.none": {
        "zh": "晨报还没有关键漏斗：选好步骤后点击“用于晨报”。",
        "en": "The morning brief has no key funnel yet: pick the steps, then 'Use in the "
        "morning brief'.",
    },
    "brief.funnel.use": {"zh": "用于晨报", "en": "Use in the morning brief"},
    "brief.funnel.saved": {
        "zh": "已设为晨报的关键漏斗。",
        "en": "Saved as the morning brief's key funnel.",
    },
}
