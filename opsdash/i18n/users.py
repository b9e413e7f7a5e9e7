"""UI text of the users area (the Users page). Help texts state each metric's definition;
they say what :mod:`opsdash.metrics.users` computes."""

MESSAGES: dict[str, dict[str, str]] = {
    "users.title": {"zh": "用户", "en": "Users"},
    "users.period": {"zh": "时间粒度", "en": "Period"},
    "users.period.day": {"zh": "日", "en": "Day"},
    "users.period.week": {"zh": "周", "en": "Week"},
    "users.period.month": {"zh": "月", "en": "Month"},
    "users.any_event": {"zh": "任意事件", "en": "Any event"},
    "users.unknown": {"zh": "(未知)", "en": "(unknown)"},
    "users.no_events": {
        "zh": "暂无行为事件数据：活跃、留存、生命周期和漏斗需要导入事件表。",
        "en": "No events yet: activity, retention, lifecycle and funnels need an events import.",
    },
    "users.empty_section": {
        "zh": "所选时间段内没有数据。",
        "en": "No data in the selected period.",
    },
    # acquisition
    "users.section.acquisition": {"zh": "拉新", "en": "Acquisition"},
    "users.new_users": {"zh": "新增用户", "en": "New users"},
    "users.new_users.help": {
        "zh": "注册日期（signup_date，报表时区）在所选时间段内的用户数。",
        "en": "Users whose signup day (signup_date, reporting timezone) is in the selected range.",
    },
    "users.new_by_channel": {"zh": "各渠道新增用户", "en": "New users by channel"},
    "users.new_by_channel.help": {
        "zh": "按注册日所在的日/周/月和获客渠道统计的新增用户；首尾周期只计入所选时间段内的天。",
        "en": "New users per day/week/month of their signup day, by acquisition channel; the "
        "first and last periods only count days inside the range.",
    },
    "users.channel_share": {"zh": "渠道占比", "en": "Channel share"},
    "users.channel_quality": {"zh": "渠道质量", "en": "Channel quality"},
    "users.channel_quality.help": {
        "zh": "时间段内注册用户按渠道：次日/7日/30日留存 = 注册后第 N 天有任意事件的用户数 ÷ "
        "第 N 天已不晚于最后数据日的用户数（尚未到达则为空）；首购转化率 = 有过已支付/已退款"
        "订单行（金额 > 0，任意日期）的用户 ÷ 新增用户。",
        "en": "Users who signed up in the range, by channel. Dn retention = users with any event "
        "exactly N days after their signup day / users whose day N is on or before the last "
        "data day (blank if none yet). First-purchase conversion = users with any paid or "
        "refunded order line (amount > 0, any date) / new users.",
    },
    "users.col.channel": {"zh": "渠道", "en": "Channel"},
    "users.col.new_users": {"zh": "新增用户", "en": "New users"},
    "users.col.d1": {"zh": "次日留存", "en": "D1 retention"},
    "users.col.d7": {"zh": "7日留存", "en": "D7 retention"},
    "users.col.d30": {"zh": "30日留存", "en": "D30 retention"},
    "users.col.paying_users": {"zh": "首购用户", "en": "Buyers"},
    "users.col.paying_rate": {"zh": "首购转化率", "en": "First-purchase conversion"},
    # traffic by channel (imported traffic / channel reports: metrics.channels)
    "users.traffic": {"zh": "渠道流量", "en": "Traffic by channel"},
    "users.traffic.help": {
        "zh": "来自导入的流量报表（channel_stats），按日期在所选时间段内的行汇总；流量报表不含"
        "用户，平台、地区等用户筛选不适用，渠道筛选按流量来源过滤。访客数 = 各行访客数之和"
        "（按天的报表无法去重，两天都来的访客计两次）。支付买家数 = 各行买家数之和，没有买家数"
        "的行按 访客数 × 支付转化率（四舍五入）估算。支付转化率 = 买家数 ÷ 访客数（只计两者都有"
        "的行），即按访客数重新加权，而不是各天转化率的平均。客单价 = 支付金额 ÷ 订单数（只计两"
        "者都有的行；没有订单数的行以买家数为订单数，没有支付金额的行以 客单价 × 订单数 为金额），"
        "即按订单（或买家）加权的客单价；只有完全没有订单数和买家数时才按访客数加权。文件没有的"
        "指标显示为“–”，不是 0。变化与上一周期相比。",
        "en": "From imported traffic reports (channel_stats): the rows dated in the selected "
        "range. Traffic reports carry no users, so the platform, region and other user filters "
        "do not apply; the channel filter keeps matching traffic sources. Visitors = sum of the "
        "rows' visitors (daily reports cannot be de-duplicated: a visitor on two days counts "
        "twice). Buyers = sum of the rows' buyers; a row without buyers counts round(visitors × "
        "paying conversion rate). Paying conversion rate = buyers / visitors over the rows that "
        "have both: re-weighted by visitors, never an average of daily rates. Average order "
        "value = revenue / orders over the rows that have both (a row without orders counts its "
        "buyers as orders, a row without revenue counts AOV × orders): the AOV weighted by "
        "orders (or buyers); only when no row has orders or buyers is it weighted by visitors. "
        "A measure the file does not have shows “–”, never 0. Changes are versus the previous "
        "period.",
    },
    "users.traffic.visitors": {"zh": "访客数", "en": "Visitors"},
    "users.traffic.buyers": {"zh": "支付买家数", "en": "Buyers"},
    "users.traffic.conversion_rate": {"zh": "支付转化率", "en": "Paying conversion rate"},
    "users.traffic.average_order_value": {"zh": "客单价", "en": "Average order value"},
    "users.traffic.chart": {"zh": "各渠道访客数", "en": "Visitors by channel"},
    "users.traffic.estimated": {
        "zh": "部分买家数由 访客数 × 支付转化率 估算（报表只给了转化率）。",
        "en": "Some buyers are estimated as visitors × paying conversion rate (the report "
        "gives only the rate).",
    },
    "users.traffic.empty": {
        "zh": "所选时间段内没有流量报表数据（流量报表按其数据日期计入）。",
        "en": "No traffic report rows in the selected range (a report counts on its date).",
    },
    "users.traffic.whole_channel": {"zh": "（整体）", "en": "(whole channel)"},
    "users.traffic.col.channel": {"zh": "流量来源", "en": "Channel"},
    "users.traffic.col.sub_channel": {"zh": "来源明细", "en": "Sub-channel"},
    "users.traffic.col.visitors": {"zh": "访客数", "en": "Visitors"},
    "users.traffic.col.visitors_change": {"zh": "访客数变化", "en": "Visitors change"},
    "users.traffic.col.pageviews": {"zh": "浏览量", "en": "Page views"},
    "users.traffic.col.buyers": {"zh": "支付买家数", "en": "Buyers"},
    "users.traffic.col.conversion_rate": {"zh": "支付转化率", "en": "Conversion rate"},
    "users.traffic.col.average_order_value": {"zh": "客单价", "en": "AOV"},
    "users.traffic.col.orders": {"zh": "支付订单数", "en": "Orders"},
    "users.traffic.col.revenue": {"zh": "支付金额", "en": "Revenue"},
    # activity
    "users.section.activity": {"zh": "促活", "en": "Activity"},
    "users.active_events": {"zh": "“活跃”指这些事件", "en": "“Active” means these events"},
    "users.active_events.help": {
        "zh": "留空 = 任意事件。用户在某天有所选事件之一（按 event_date）即为当天活跃；"
        "注册前的事件也计为活跃。",
        "en": "Empty = any event. A user is active on a day with at least one of these events "
        "(by event_date); events before signup count as activity.",
    },
    "users.dau_average": {"zh": "日活 DAU（日均）", "en": "DAU (daily average)"},
    "users.dau_average.help": {
        "zh": "所选时间段内每天活跃用户数（去重）的平均值，无活跃的天计为 0；"
        "从数据的第一天开始计，数据开始之前的天不计入。",
        "en": "Mean over every day of the range of that day's distinct active users (days "
        "without activity count as 0), from the first day with data on (days before the data "
        "begin are left out).",
    },
    "users.wau": {"zh": "周活 WAU", "en": "WAU"},
    "users.wau.help": {
        "zh": "截至结束日的 7 天内至少活跃一天的用户数（去重）。",
        "en": "Distinct users active on at least one of the 7 days ending on the end day.",
    },
    "users.mau": {"zh": "月活 MAU", "en": "MAU"},
    "users.mau.help": {
        "zh": "截至结束日的 30 天内至少活跃一天的用户数（去重），与开始日无关。",
        "en": "Distinct users active on at least one of the 30 days ending on the end day "
        "(whatever the start day).",
    },
    "users.stickiness": {"zh": "粘性 DAU/MAU", "en": "Stickiness DAU/MAU"},
    "users.stickiness.help": {
        "zh": "截至结束日的 30 天日均 DAU ÷ MAU：月活用户平均每天有多大比例在活跃。"
        "日均只计数据开始之后的天。",
        "en": "Mean daily DAU over the 30 days ending on the end day (days from the first day "
        "with data on) / MAU: the share of monthly actives active on an average day.",
    },
    "users.dau_chart": {"zh": "日活 DAU", "en": "Daily active users"},
    "users.dau_chart.help": {
        "zh": "每天有活跃事件的用户数（去重，按 event_date）。",
        "en": "Distinct users with an active event each day (by event_date).",
    },
    "users.active_by_period": {"zh": "各周期活跃用户", "en": "Active users per period"},
    "users.active_by_period.help": {
        "zh": "每个自然日/周/月内至少活跃一天的用户数（去重）；首尾周期只计入时间段内的天。",
        "en": "Distinct users active at least once in each calendar day/week/month; the first "
        "and last periods only count days inside the range.",
    },
    "users.col.day": {"zh": "日期", "en": "Day"},
    "users.col.period": {"zh": "周期", "en": "Period"},
    "users.col.active_users": {"zh": "活跃用户", "en": "Active users"},
    "users.col.dau": {"zh": "日活", "en": "DAU"},
    # retention
    "users.section.retention": {"zh": "留存", "en": "Retention"},
    "users.retention.help": {
        "zh": "同期群：注册日（或首次做某事件的日期）落在所选时间段内的用户，按其所在日/周/月分组。"
        "第 N 期 = 从同期群所在周期起的第 N 个周期。"
        "回访 = 同期群日及之后的事件（注册前的事件不计）。"
        "“当期”：第 N 期内有回访；“当期及以后”：第 N 期或之后任一期有回访。"
        "第 N 期的第一天晚于最后数据日（{as_of}）的格子为空，不是 0。"
        "平均曲线按同期群人数加权，只计入已到达该期的同期群。",
        "en": "Cohorts: users whose signup day (or first day doing an event) is in the range, "
        "grouped by its day/week/month. Period N = the Nth period after the cohort's. A return "
        "= an event on or after the cohort day (events before signup never count). “On period "
        "N”: returned within period N; “on or after”: in period N or any later one. Cells whose "
        "period starts after the last data day ({as_of}) are blank, never 0. The average curve "
        "is weighted by cohort size over the cohorts that reached each period.",
    },
    "users.cohort_by": {"zh": "同期群依据", "en": "Cohort by"},
    "users.cohort_by.signup": {"zh": "注册", "en": "Signup"},
    "users.cohort_by.event": {"zh": "首次做某事件", "en": "First time doing an event"},
    "users.cohort_event": {"zh": "起始事件", "en": "Cohort event"},
    "users.return_event": {"zh": "回访事件", "en": "Return event"},
    "users.retention_mode": {"zh": "统计方式", "en": "Count"},
    "users.retention_mode.on": {"zh": "当期留存", "en": "On period N"},
    "users.retention_mode.on_or_after": {"zh": "当期及以后", "en": "On or after period N"},
    "users.retention_show": {"zh": "显示", "en": "Show"},
    "users.retention_show.percent": {"zh": "百分比", "en": "Percentages"},
    "users.retention_show.count": {"zh": "人数", "en": "Counts"},
    "users.retention_heatmap": {"zh": "留存热力图", "en": "Retention heatmap"},
    "users.retention_curve": {"zh": "留存曲线", "en": "Retention curve"},
    "users.retention_average": {"zh": "加权平均", "en": "Weighted average"},
    "users.col.cohort": {"zh": "同期群", "en": "Cohort"},
    "users.col.size": {"zh": "人数", "en": "Users"},
    "users.col.period_n": {"zh": "第 N 期", "en": "Period N"},
    # lifecycle
    "users.section.lifecycle": {"zh": "生命周期", "en": "Lifecycle"},
    "users.lifecycle.help": {
        "zh": "按 PostHog 的定义，每个周期的活跃用户分为："
        "新用户（该期是其在观察窗口内首次活跃的周期，且注册在该期；没有用户资料或注册时间的用户，"
        "以其第一次事件所在的周期为准）、"
        "持续活跃（上一期也活跃）、回流（其他活跃用户，如上一期不活跃）；"
        "流失（沉睡）用户 = 上一期活跃但本期不活跃，画在 0 以下。观察窗口从开始日前一期开始。",
        "en": "As PostHog defines it, each period's active users are new (first active period in "
        "the window and the period of their signup, or of their first event for users with no "
        "users row or signup time), returning (also active in the previous "
        "period) or resurrecting (any other active user); dormant = active in the previous "
        "period but not in this one, drawn below zero. The window starts one period before "
        "the start day's period.",
    },
    "users.lifecycle.new": {"zh": "新用户", "en": "New"},
    "users.lifecycle.returning": {"zh": "持续活跃", "en": "Returning"},
    "users.lifecycle.resurrecting": {"zh": "回流", "en": "Resurrecting"},
    "users.lifecycle.dormant": {"zh": "流失", "en": "Dormant"},
    # funnel
    "users.section.funnel": {"zh": "转化漏斗", "en": "Funnel"},
    "users.funnel.help": {
        "zh": "用户以时间段内第一次做第 1 步事件进入漏斗；"
        "第 k 步 = 在上一步之后（同名事件须严格之后）、"
        "第 1 步后 {days} 天（× 24 小时）内最早的该事件；结束日之后的数据也计入。"
        "中位耗时 = 到达该步的用户从上一步到该步的时间中位数。",
        "en": "A user enters with their first step-1 event in the range; step k = their "
        "earliest such event at or after the previous step (strictly after for the same event "
        "name) and within {days} days (× 24 h) of step 1; data after the end day counts. "
        "Median time = median time from the previous step among users who reached the step.",
    },
    "users.funnel.steps": {
        "zh": "步骤（按顺序选 2–6 个事件）",
        "en": "Steps (2–6 events, in order)",
    },
    "users.funnel.window": {"zh": "转化窗口（天）", "en": "Conversion window (days)"},
    "users.funnel.breakdown": {"zh": "拆分", "en": "Breakdown"},
    "users.funnel.breakdown.none": {"zh": "不拆分", "en": "None"},
    "users.funnel.breakdown.channel": {"zh": "渠道", "en": "Channel"},
    "users.funnel.breakdown.platform": {"zh": "平台", "en": "Platform"},
    "users.funnel.pick_steps": {
        "zh": "请选择 2 到 6 个步骤。",
        "en": "Pick 2 to 6 steps.",
    },
    "users.funnel.chart": {"zh": "漏斗", "en": "Funnel"},
    "users.funnel.by_group": {"zh": "各分组的整体转化率", "en": "Conversion from step 1 by group"},
    "users.funnel.biggest_drop": {
        "zh": "流失最大的一步：第 {step} 步（{event}），上一步转化率 {rate}。",
        "en": "Biggest drop-off: step {step} ({event}), {rate} from the previous step.",
    },
    "users.funnel.nobody": {
        "zh": "时间段内没有用户做第 1 步事件。",
        "en": "No user did the first step in the range.",
    },
    "users.col.step": {"zh": "步骤", "en": "Step"},
    "users.col.event": {"zh": "事件", "en": "Event"},
    "users.col.users": {"zh": "用户数", "en": "Users"},
    "users.col.from_start": {"zh": "整体转化率", "en": "From step 1"},
    "users.col.from_previous": {"zh": "上一步转化率", "en": "From previous step"},
    "users.col.median_time": {"zh": "中位耗时", "en": "Median time"},
    "users.col.group": {"zh": "分组", "en": "Group"},
    # tiers
    "users.section.tiers": {"zh": "用户体系", "en": "User tiers"},
    "users.tiers.help": {
        "zh": "按用户等级（users.level）统计所有符合分群条件的用户："
        "活跃率 = 时间段内活跃过的用户 ÷ 该等级用户；人均活跃天数 = 活跃天数 ÷ 活跃用户；"
        "付费用户与收入按时间段内支付的已支付/已退款"
        "订单行（净收入 = 金额 − 退款）；ARPU = 收入 ÷ 活跃用户。",
        "en": "All users matching the segments, by level (users.level): active rate = users "
        "active in the range / users of the level; active days per active user; paying users "
        "and revenue from paid/refunded order lines paid in the range (net = amount − "
        "refund); ARPU = revenue / active users.",
    },
    "users.tiers.distribution": {"zh": "等级分布", "en": "Users by level"},
    "users.tiers.active_rate": {"zh": "活跃率", "en": "Active rate"},
    "users.tiers.arpu": {"zh": "ARPU", "en": "ARPU"},
    "users.tiers.no_levels": {
        "zh": "用户表没有等级数据。",
        "en": "The users table has no levels.",
    },
    "users.col.level": {"zh": "等级", "en": "Level"},
    "users.col.share": {"zh": "占比", "en": "Share"},
    "users.col.active_rate": {"zh": "活跃率", "en": "Active rate"},
    "users.col.active_days": {"zh": "人均活跃天数", "en": "Active days per active user"},
    "users.col.revenue": {"zh": "收入", "en": "Revenue"},
    "users.col.arpu": {"zh": "ARPU", "en": "ARPU"},
    "users.col.paying": {"zh": "付费用户", "en": "Paying users"},
    # stickiness distribution (opsdash.metrics.stickiness)
    "users.stickiness_dist": {"zh": "粘性分布", "en": "Stickiness distribution"},
    "users.stickiness_dist.help": {
        "zh": "截至所选结束日的最近 7 天和最近 30 天（即 WAU、MAU 的统计窗口）内，按活跃天数"
        "（恰好 N 天有任意事件，或有所选事件）统计的用户数；各柱相加即 WAU / MAU。占比 = "
        "该天数的用户 ÷ 窗口内活跃用户；“至少 N 天” = 活跃 N 天及以上的用户。",
        "en": "Users by the exact number of days they were active (any event, or the chosen "
        "events) in the 7 and the 30 days ending on the end date (the WAU and MAU windows); "
        "the bars add up to WAU / MAU. Share = those users / the window's active users; at "
        "least N = users active on N days or more.",
    },
    "users.stickiness_dist.window": {
        "zh": "最近 {days} 天（{start} 起）",
        "en": "Last {days} days (from {start})",
    },
    "users.col.active_days_exact": {"zh": "活跃天数", "en": "Active days"},
    "users.col.at_least": {"zh": "至少 N 天", "en": "At least N days"},
}
