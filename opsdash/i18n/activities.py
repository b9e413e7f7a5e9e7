"""UI text of the activities area."""

MESSAGES: dict[str, dict[str, str]] = {
    "activities.title": {"zh": "活动", "en": "Activities"},
    "activities.caption": {
        "zh": "活动运营：活动列表与状态、投放效果、活动期间的目标指标，以及活动复盘。",
        "en": "Campaigns: list and status, results, the goal metric around each campaign, and "
        "the campaign review.",
    },
    "activities.no_campaigns": {
        "zh": "还没有活动数据。导入活动表和活动每日数据后即可查看。",
        "en": "No campaigns yet. Import campaigns and their daily stats to see this page.",
    },
    "activities.segments_note": {
        "zh": "活动投放数据不是按用户记录的，用户分群筛选只作用于目标指标（新增、日活、订单）"
        "和留存。",
        "en": "Campaign stats are not per user: user segment filters apply only to the goal "
        "metrics (new users, DAU, orders) and retention.",
    },
    # statuses and goals
    "activities.status.upcoming": {"zh": "未开始", "en": "Upcoming"},
    "activities.status.running": {"zh": "进行中", "en": "Running"},
    "activities.status.ended": {"zh": "已结束", "en": "Ended"},
    "activities.goal.acquisition": {"zh": "拉新", "en": "Acquisition"},
    "activities.goal.activation": {"zh": "促活", "en": "Activation"},
    "activities.goal.retention": {"zh": "留存", "en": "Retention"},
    "activities.goal.conversion": {"zh": "转化", "en": "Conversion"},
    "activities.goal.brand": {"zh": "品牌", "en": "Brand"},
    "activities.metric.new_users": {"zh": "新增用户", "en": "New users"},
    "activities.metric.dau": {"zh": "日活 DAU", "en": "DAU"},
    "activities.metric.orders": {"zh": "订单数", "en": "Orders"},
    # columns
    "activities.col.campaign_id": {"zh": "活动 ID", "en": "Campaign ID"},
    "activities.col.name": {"zh": "活动名称", "en": "Name"},
    "activities.col.goal": {"zh": "目标", "en": "Goal"},
    "activities.col.channel": {"zh": "渠道", "en": "Channel"},
    "activities.col.start_date": {"zh": "开始", "en": "Start"},
    "activities.col.end_date": {"zh": "结束", "en": "End"},
    "activities.col.budget": {"zh": "预算", "en": "Budget"},
    "activities.col.status": {"zh": "状态", "en": "Status"},
    "activities.col.impressions": {"zh": "曝光", "en": "Impressions"},
    "activities.col.clicks": {"zh": "点击", "en": "Clicks"},
    "activities.col.ctr": {"zh": "点击率 CTR", "en": "CTR"},
    "activities.col.participants": {"zh": "参与人数", "en": "Participants"},
    "activities.col.new_users": {"zh": "新增用户", "en": "New users"},
    "activities.col.conversions": {"zh": "转化数", "en": "Conversions"},
    "activities.col.conversion_rate": {"zh": "转化率", "en": "Conversion rate"},
    "activities.col.cost": {"zh": "花费", "en": "Cost"},
    "activities.col.cpa": {"zh": "CPA", "en": "CPA"},
    "activities.col.cost_per_new_user": {"zh": "拉新成本", "en": "Cost per new user"},
    "activities.col.revenue": {"zh": "收入", "en": "Revenue"},
    "activities.col.roas": {"zh": "ROAS", "en": "ROAS"},
    "activities.col.roi": {"zh": "ROI", "en": "ROI"},
    "activities.col.budget_used": {"zh": "预算消耗", "en": "Budget used"},
    "activities.col.cost_to_date": {"zh": "累计花费", "en": "Cost to date"},
    # definitions
    "activities.help.status": {
        "zh": "以所选时间段的最后一天为准：开始日期晚于它为未开始，结束日期早于它为已结束，"
        "其余为进行中。",
        "en": "Relative to the last day of the selected range: upcoming when the start is "
        "after it, ended when the end is before it, otherwise running.",
    },
    "activities.help.ctr": {"zh": "点击率 = 点击 ÷ 曝光。", "en": "CTR = clicks ÷ impressions."},
    "activities.help.conversion_rate": {
        "zh": "转化率 = 转化数 ÷ 点击。",
        "en": "Conversion rate = conversions ÷ clicks.",
    },
    "activities.help.cpa": {
        "zh": "CPA（单次转化成本）= 花费 ÷ 转化数。",
        "en": "CPA (cost per acquisition) = cost ÷ conversions.",
    },
    "activities.help.roas": {"zh": "ROAS = 收入 ÷ 花费。", "en": "ROAS = revenue ÷ cost."},
    "activities.help.roi": {
        "zh": "ROI =（收入 − 花费）÷ 花费。",
        "en": "ROI = (revenue − cost) ÷ cost.",
    },
    "activities.help.budget_used": {
        "zh": "预算消耗 = 截至所选最后一天的累计花费 ÷ 预算。",
        "en": "Budget used = cost up to the last selected day ÷ budget.",
    },
    "activities.help.zero": {
        "zh": "分母为 0，或所需指标数据中没有（如没有收入列时的 ROAS、ROI）时显示 –。",
        "en": "Shows – when the denominator is 0 or a measure it needs is not in the data "
        "(e.g. ROAS and ROI without a revenue column).",
    },
    "activities.help.sums": {
        "zh": "活动每日数据（所有广告）之和；累计值（快照）导出按相邻快照的增长计入，每个广告的首个"
        "快照只作基数。数据中没有的指标显示为 –（不是 0）。",
        "en": "Sum of the campaign's daily stats (all ads); snapshot exports (running totals) "
        "count the growth between consecutive snapshots, each ad's first snapshot being only "
        "its baseline. A measure not in the data shows as – (not 0).",
    },
    # list
    "activities.section.list": {"zh": "活动列表", "en": "Campaigns"},
    "activities.scope": {"zh": "统计范围", "en": "Numbers for"},
    "activities.scope.period": {"zh": "所选时间段内", "en": "The selected period"},
    "activities.scope.campaign": {
        "zh": "整个活动（截至所选最后一天）",
        "en": "The whole campaign (to the last selected day)",
    },
    "activities.status_filter": {"zh": "状态", "en": "Status"},
    "activities.ads.title": {"zh": "按广告查看", "en": "By ad"},
    "activities.ads.caption": {
        "zh": "所选时间段内该活动各广告（或广告组、创意）的数据，共 {ads} 个；分母为 0 时显示 –。",
        "en": "The campaign's ads (or ad groups, creatives) in the selected period: {ads}; a zero "
        "denominator shows as –.",
    },
    "activities.col.ad_id": {"zh": "广告 ID", "en": "Ad ID"},
    "activities.kpi.caption": {
        "zh": "以下为全部活动合计（所选范围）。",
        "en": "Totals of all campaigns (chosen scope).",
    },
    # timeline
    "activities.section.timeline": {"zh": "活动时间线", "en": "Timeline"},
    "activities.timeline.metric": {"zh": "叠加指标", "en": "Metric underneath"},
    "activities.timeline.help": {
        "zh": "色块为活动日期，折线为每日目标指标：拉新看新增用户，促活/留存/品牌看日活，"
        "转化看订单数（与用户、收入页口径一致）。",
        "en": "Bands are campaign dates, the line is the daily goal metric: acquisition → new "
        "users, activation/retention/brand → DAU, conversion → orders (the Users and Revenue "
        "pages' definitions).",
    },
    "activities.timeline.title": {"zh": "活动与{metric}", "en": "Campaigns and {metric}"},
    "activities.timeline.none": {
        "zh": "所选时间段内没有活动。",
        "en": "No campaign overlaps the selected period.",
    },
    # review
    "activities.section.review": {"zh": "活动复盘", "en": "Campaign review"},
    "activities.review.pick": {"zh": "选择活动", "en": "Campaign"},
    "activities.review.none": {
        "zh": "没有可复盘的活动（需要有开始日期且已开始）。",
        "en": "No campaign to review (it needs a start date on or before the last selected day).",
    },
    "activities.review.running_note": {
        "zh": "该活动仍在进行，复盘为截至 {day} 的数据。",
        "en": "This campaign is still running: the review covers it up to {day}.",
    },
    "activities.review.summary": {
        "zh": "{goal}活动，目标指标：{metric}；活动期 {start} 至 {end}（{days} 天）。",
        "en": "{goal} campaign, goal metric: {metric}; campaign days {start} to {end} "
        "({days} days).",
    },
    "activities.review.baseline": {"zh": "对照期", "en": "Baseline"},
    "activities.review.baseline.previous": {
        "zh": "活动前同长度时期",
        "en": "Same-length period before",
    },
    "activities.review.baseline.same_weekdays": {
        "zh": "前几周同星期几",
        "en": "Same weekdays, weeks before",
    },
    "activities.review.window": {"zh": "日期", "en": "Days"},
    "activities.review.mean_during": {"zh": "活动期日均", "en": "Daily mean, campaign"},
    "activities.review.mean_baseline": {"zh": "对照期日均", "en": "Daily mean, baseline"},
    "activities.review.lift": {"zh": "提升", "en": "Lift"},
    "activities.review.ci": {"zh": "95% 置信区间", "en": "95% confidence interval"},
    "activities.review.p_value": {"zh": "p 值", "en": "p-value"},
    "activities.review.method": {
        "zh": "方法：把活动期与对照期的每日指标值视为两组样本，用 Welch t 检验（不假设方差相等）"
        "得到日均差值的置信区间和 p 值；提升 = 活动期日均 ÷ 对照期日均 − 1，其区间用 delta 方法。"
        "对照期一：活动开始前同样天数；对照期二：把活动日期整体前移若干整周（星期构成相同）。"
        "早于最早数据日的对照日不计入。",
        "en": "Method: the daily values of the campaign days and of the baseline days are two "
        "samples; Welch's t-test (unequal variances) gives the interval and p-value of the "
        "difference of daily means; lift = campaign mean ÷ baseline mean − 1, its interval by "
        "the delta method. Baseline 1: the same number of days right before the start; "
        "baseline 2: the campaign days moved back whole weeks (same weekdays). Baseline days "
        "before the first data day are left out.",
    },
    "activities.review.error.too_few_days": {
        "zh": "天数太少（每组至少 2 天），无法给出区间。",
        "en": "Too few days (at least 2 per side) for an interval.",
    },
    "activities.review.error.no_variance": {
        "zh": "每日数值都相同，无法给出区间。",
        "en": "Every day has the same value: no interval.",
    },
    "activities.review.error.zero_baseline": {
        "zh": "对照期日均为 0，无法计算提升比例。",
        "en": "The baseline mean is 0: no relative lift.",
    },
    "activities.review.error.no_dates": {
        "zh": "该活动没有开始日期，无法复盘。",
        "en": "This campaign has no start date: nothing to review.",
    },
    "activities.review.error.not_started": {
        "zh": "该活动尚未开始。",
        "en": "This campaign has not started yet.",
    },
    "activities.review.no_metric_data": {
        "zh": "活动期间及对照期没有{metric}数据（需要导入用户、行为或订单数据），无法复盘。",
        "en": "No {metric} data around this campaign (import users, events or orders to "
        "review it).",
    },
    "activities.review.chart_title": {"zh": "每日{metric}", "en": "Daily {metric}"},
    "activities.review.part.campaign": {"zh": "活动期", "en": "Campaign"},
    "activities.review.part.previous": {"zh": "对照期（之前）", "en": "Baseline (before)"},
    "activities.review.part.same_weekdays": {
        "zh": "对照期（同星期）",
        "en": "Baseline (same weekdays)",
    },
    "activities.review.part.other": {"zh": "其他", "en": "Other days"},
    "activities.review.retention.title": {"zh": "新用户留存", "en": "New-user retention"},
    "activities.review.retention.help": {
        "zh": "次日/7日留存：注册后第 1/7 天有任意行为的用户占比（与用户页口径一致），"
        "只统计已满 N 天的用户。活动期 = 活动期间注册的用户；活动外 = 活动前同长度时期注册的用户。",
        "en": "D1/D7 retention: share of new users with any event exactly 1/7 days after signing "
        "up (the Users page's definition), among users who have reached that day. During = "
        "signed up during the campaign; outside = signed up in the same-length period before.",
    },
    "activities.review.retention.channel": {
        "zh": "只统计渠道为 {channel} 的用户。",
        "en": "Only users whose channel is {channel}.",
    },
    "activities.review.retention.during": {"zh": "活动期注册", "en": "Acquired during"},
    "activities.review.retention.outside": {"zh": "活动外注册", "en": "Acquired outside"},
    "activities.review.retention.day": {"zh": "D{day} 留存", "en": "D{day} retention"},
    "activities.review.retention.users": {"zh": "用户数", "en": "Users"},
    "activities.review.retention.retained": {"zh": "留存用户", "en": "Retained"},
    "activities.review.retention.rate": {"zh": "留存率", "en": "Retention rate"},
    "activities.review.prepare": {"zh": "生成复盘报告", "en": "Prepare the review report"},
    "activities.review.download_md": {
        "zh": "下载复盘报告（Markdown）",
        "en": "Download review (Markdown)",
    },
    "activities.review.download_html": {
        "zh": "下载复盘报告（HTML）",
        "en": "Download review (HTML)",
    },
    "activities.review.report_title": {"zh": "活动复盘：{name}", "en": "Campaign review: {name}"},
    "activities.review.report_generated": {
        "zh": "由 opsdash 生成于 {when}（UTC），数据截至 {as_of}。",
        "en": "Generated by opsdash on {when} (UTC); data up to {as_of}.",
    },
    "activities.review.report_results": {"zh": "活动效果", "en": "Results"},
    "activities.review.report_goal": {"zh": "目标指标：{metric}", "en": "Goal metric: {metric}"},
    "activities.review.report_definitions": {"zh": "口径说明", "en": "Definitions"},
    "activities.review.metric": {"zh": "指标", "en": "Metric"},
    "activities.review.value": {"zh": "数值", "en": "Value"},
    # compare
    "activities.section.compare": {"zh": "活动对比", "en": "Compare campaigns"},
    "activities.compare.pick": {"zh": "选择两个或以上活动", "en": "Choose two or more campaigns"},
    "activities.compare.need_two": {
        "zh": "至少选择两个活动进行对比。",
        "en": "Choose at least two campaigns to compare.",
    },
    "activities.compare.metric": {"zh": "对比指标", "en": "Metric"},
    "activities.compare.help": {
        "zh": "对比整个活动（截至所选最后一天）的数据。",
        "en": "Whole campaigns (up to the last selected day) side by side.",
    },
    "activities.compare.by_day": {
        "zh": "活动开始后每日{metric}",
        "en": "Daily {metric} by day of campaign",
    },
    "activities.compare.day": {"zh": "活动第几天（0 = 首日）", "en": "Day of campaign (0 = first)"},
    # Issue 16: a lift whose interval includes 0 is not a win
    "activities.review.significant": {
        "zh": "显著（区间不含 0）",
        "en": "significant (CI excludes 0)",
    },
    "activities.review.not_significant": {
        "zh": "不显著（区间包含 0）",
        "en": "not significant (CI includes 0)",
    },
}
