"""UI text of the revenue area (商业化). Help texts state each metric's exact definition, the
same as the docstrings of :mod:`opsdash.metrics.revenue`."""

MESSAGES: dict[str, dict[str, str]] = {
    "revenue.title": {"zh": "商业化", "en": "Revenue"},
    "revenue.caption": {
        "zh": "按付款日统计（报表时区），金额单位 {symbol}。"
        "销售：状态为已支付或已退款、有付款日且金额大于 0 的订单行；"
        "退款：数量或金额为负的行、取消单（如 C 开头的发票号）以及退款金额，按各自日期计入。",
        "en": "By payment day (reporting timezone), amounts in {symbol}. Sales: order lines "
        "with status paid or refunded, a payment day and an amount above 0; refunds: lines "
        "with a negative quantity or amount, cancellation invoices (e.g. numbers starting "
        "with C) and refund amounts, each on its own day.",
    },
    "revenue.segment_note": {
        "zh": "已选用户分群：只统计这些用户的订单，游客订单（无用户 ID）不计入。",
        "en": "A segment is chosen: only its users' orders count; guest orders (no user ID) "
        "are left out.",
    },
    "revenue.no_orders": {
        "zh": "所选时间段内没有计入的订单。可以调整日期范围，或在「数据」页导入订单。",
        "en": "No counted orders in the selected period. Change the date range, or import "
        "orders on the Data page.",
    },
    "revenue.no_events": {
        "zh": "店铺数据里没有行为事件，无法得到活跃用户数，所以付费率和 ARPU 显示为「–」。"
        "只用买家代替活跃用户会让付费率恒为 100%，因此不这样做。导入事件数据后即可显示。",
        "en": "The store has no events, so there is no active-user base: paying rate and "
        "ARPU show \u201c–\u201d. Buyers are not used instead, as that would make the paying "
        "rate 100% by construction. Import events to see them.",
    },
    "revenue.multi_currency": {
        "zh": "订单里有多种货币（{codes}），金额相加没有意义。"
        "请按货币分别导入到不同的库，或先换算成一种货币。",
        "en": "Orders carry several currencies ({codes}); adding them up is meaningless. Keep one "
        "currency per store (convert first, or use one store per currency).",
    },
    # sections
    "revenue.section.kpis": {"zh": "核心指标", "en": "Key numbers"},
    "revenue.section.trend": {"zh": "收入趋势", "en": "Revenue over time"},
    "revenue.section.breakdown": {"zh": "收入构成", "en": "Revenue by product, category, channel"},
    "revenue.section.customers": {"zh": "新老客户", "en": "New and returning customers"},
    "revenue.section.cohorts": {"zh": "首购月留存", "en": "Retention by first-purchase month"},
    "revenue.section.ltv": {"zh": "用户生命周期价值（LTV）", "en": "Cohort LTV"},
    "revenue.section.rfm": {"zh": "RFM 用户分层", "en": "RFM segments"},
    "revenue.section.exclusions": {"zh": "未计入的数据", "en": "What was left out"},
    # KPI labels
    "revenue.kpi.revenue": {"zh": "净收入", "en": "Net revenue"},
    "revenue.kpi.gross_revenue": {"zh": "销售额（GMV，含退款）", "en": "Gross revenue"},
    "revenue.kpi.refunds": {"zh": "退款金额", "en": "Refunds"},
    "revenue.kpi.refund_rate": {"zh": "退款率", "en": "Refund rate"},
    "revenue.kpi.orders": {"zh": "订单数", "en": "Orders"},
    "revenue.kpi.refunded_orders": {"zh": "退款订单数", "en": "Refunded orders"},
    "revenue.kpi.paying_users": {"zh": "付费用户数", "en": "Paying users"},
    "revenue.kpi.aov": {"zh": "客单价（平均订单金额）", "en": "Average order value (AOV)"},
    "revenue.kpi.active_users": {"zh": "活跃用户数", "en": "Active users"},
    "revenue.kpi.paying_rate": {"zh": "付费率", "en": "Paying rate"},
    "revenue.kpi.arpu": {"zh": "ARPU", "en": "ARPU"},
    "revenue.kpi.arppu": {"zh": "ARPPU", "en": "ARPPU"},
    "revenue.kpi.repeat_rate": {"zh": "复购率", "en": "Repeat purchase rate"},
    # KPI help = definitions
    "revenue.help.revenue": {
        "zh": "净收入 = 销售额 − 退款金额。按付款日归入时间段。",
        "en": "Net revenue = gross revenue − refunds, by payment day.",
    },
    "revenue.help.gross_revenue": {
        "zh": "时间段内付款的销售行的金额之和（状态为已支付或已退款、金额 > 0），退款前。"
        "已取消、未支付、零金额和调整行（坏账调整、运费、手续费、手工调整等）不计入，"
        "见「未计入的数据」。",
        "en": "Sum of the amounts of sale lines paid in the period (status paid or refunded, "
        "amount > 0), before refunds. Cancelled, unpaid, zero-amount and adjustment lines "
        "(bad debt, postage, fees, manual entries) are left out: see “What was left out”.",
    },
    "revenue.help.refunds": {
        "zh": "退货行（数量或金额为负、取消单）金额的绝对值，按退货行自己的日期计入；"
        "加上销售行的退款金额（每行最多为该行金额）。销售行的退款没有单独日期，"
        "计入原订单的付款日：之后导入的退款会让过去时间段的净收入下降。",
        "en": "The absolute amounts of return lines (negative quantity or amount, "
        "cancellation invoices), on the return's own day; plus the refund amounts of sale "
        "lines (each at most the line's amount). A refund amount on a sold line has no date "
        "of its own, so it counts on that line's payment day: refunds imported later lower a "
        "past period's net revenue.",
    },
    "revenue.help.refund_rate": {
        "zh": "退款率 = 退款金额 ÷ 销售额。",
        "en": "Refund rate = refunds ÷ gross revenue.",
    },
    "revenue.help.orders": {
        "zh": "时间段内至少有一行销售的不同订单号数量（一单多行只算一单，退货单不算订单）。",
        "en": "Distinct order IDs with at least one sale line in the period (a multi-line "
        "order counts once; a return invoice is not an order).",
    },
    "revenue.help.refunded_orders": {
        "zh": "时间段内有退款的不同订单号数量：有退款金额的销售行，或退货行（一张退货单算一单）。",
        "en": "Distinct order IDs with a refund in the period: a sale line with a refund "
        "amount, or a return line (a return invoice counts as one).",
    },
    "revenue.help.paying_users": {
        "zh": "时间段内有销售行的不同用户 ID 数量。游客订单（无用户 ID）计入收入，但不计入用户。",
        "en": "Distinct user IDs with a sale line in the period. Guest lines (no user ID) "
        "are revenue but not users.",
    },
    "revenue.help.aov": {
        "zh": "客单价 = 净收入（扣除退款）÷ 订单数（按订单计算，含游客订单）。用净收入，"
        "与神策的实付口径、Amplitude/PostHog 把退款记为负收入的做法一致；"
        "时间段内的退货即使退的是更早的订单，也会拉低客单价。",
        "en": "AOV = net revenue (after refunds) ÷ orders (per order, guest orders included). "
        "Net, as in Amplitude and PostHog (refunds sent as negative revenue) and 神策's paid "
        "amounts; a return in the period lowers it even when the order it undoes was "
        "earlier.",
    },
    "revenue.help.active_users": {
        "zh": "时间段内有任意行为事件的不同用户数（来自事件数据）。",
        "en": "Distinct users with any event in the period (from the events data).",
    },
    "revenue.help.paying_rate": {
        "zh": "付费率 = 付费用户数 ÷ 活跃用户数。没有事件记录的买家也算付费用户，"
        "所以事件和订单来自不同系统时可能超过 100%。",
        "en": "Paying rate = paying users ÷ active users. Buyers missing from the event log "
        "still count as payers, so it can exceed 100% when events and orders come from "
        "different systems.",
    },
    "revenue.help.arpu": {
        "zh": "ARPU = 净收入 ÷ 活跃用户数。净收入含游客订单，因此 ARPU = 付费率 × ARPPU。",
        "en": "ARPU = net revenue ÷ active users. Net revenue includes guest orders, so "
        "ARPU = paying rate × ARPPU.",
    },
    "revenue.help.arppu": {
        "zh": "ARPPU = 净收入（扣除退款）÷ 付费用户数。分子含游客订单的收入（游客不计入付费用户），"
        "游客订单占比高时会偏高，占比见「未计入的数据」。",
        "en": "ARPPU = net revenue (after refunds) ÷ paying users. The numerator includes guest "
        "orders' revenue (guests are not paying users), so it reads high when guest orders are a "
        "large share; see “What was left out”.",
    },
    "revenue.help.repeat_rate": {
        "zh": "时间段内的付费用户中，下了 2 个及以上不同订单的用户占比。",
        "en": "Share of the period's paying users with two or more distinct orders in the period.",
    },
    "revenue.help.change": {
        "zh": "与上一个同等长度的时间段比较（整月比上月）。",
        "en": "Compared with the previous period of the same length (a whole month: the "
        "month before).",
    },
    # trend
    "revenue.period": {"zh": "粒度", "en": "Granularity"},
    "revenue.period.day": {"zh": "日", "en": "Day"},
    "revenue.period.week": {"zh": "周", "en": "Week"},
    "revenue.period.month": {"zh": "月", "en": "Month"},
    "revenue.series.gross_revenue": {"zh": "销售额", "en": "Gross revenue"},
    "revenue.series.revenue": {"zh": "净收入", "en": "Net revenue"},
    "revenue.series.refunds": {"zh": "退款", "en": "Refunds"},
    "revenue.col.period_start": {"zh": "时间段开始", "en": "Period start"},
    "revenue.col.amount": {"zh": "金额", "en": "Amount"},
    "revenue.col.series": {"zh": "指标", "en": "Series"},
    "revenue.trend.help": {
        "zh": "周从周一开始；首尾不完整的周或月只包含所选日期内的天。",
        "en": "Weeks start on Monday; a week or month cut by the range's ends covers only its "
        "days inside the range.",
    },
    "revenue.trend.table": {"zh": "明细数据", "en": "Data table"},
    # breakdown
    "revenue.dimension": {"zh": "维度", "en": "Dimension"},
    "revenue.dimension.product": {"zh": "商品", "en": "Product"},
    "revenue.dimension.category": {"zh": "品类", "en": "Category"},
    "revenue.dimension.channel": {"zh": "销售渠道", "en": "Sales channel"},
    "revenue.breakdown.help": {
        "zh": "销售渠道取订单行自己的渠道字段（不是用户的获客渠道）。"
        "表格列出全部，图表显示前 {n} 项。",
        "en": "Sales channel is the order line's own channel (not the user's acquisition "
        "channel). The table lists all; the chart shows the top {n}.",
    },
    "revenue.col.share": {"zh": "净收入占比", "en": "Share of net revenue"},
    "revenue.col.quantity": {"zh": "件数", "en": "Units"},
    "revenue.col.gross_revenue": {"zh": "销售额", "en": "Gross revenue"},
    "revenue.col.refunds": {"zh": "退款", "en": "Refunds"},
    "revenue.col.revenue": {"zh": "净收入", "en": "Net revenue"},
    "revenue.col.orders": {"zh": "订单数", "en": "Orders"},
    "revenue.col.paying_users": {"zh": "付费用户数", "en": "Paying users"},
    "revenue.col.refund_rate": {"zh": "退款率", "en": "Refund rate"},
    "revenue.col.aov": {"zh": "客单价", "en": "AOV"},
    # customers
    "revenue.kind.new": {"zh": "新客", "en": "New customers"},
    "revenue.kind.returning": {"zh": "老客", "en": "Returning customers"},
    "revenue.kind.guest": {"zh": "游客订单", "en": "Guest orders"},
    "revenue.col.kind": {"zh": "客户类型", "en": "Customer kind"},
    "revenue.col.customers": {"zh": "客户数", "en": "Customers"},
    "revenue.customers.help": {
        "zh": "新客：历史上第一笔计入订单发生在所选时间段内的用户；老客：在时间段之前就买过的用户；"
        "游客订单：没有用户 ID 的订单行。金额为净收入。",
        "en": "New: users whose first counted purchase ever falls in the period; returning: "
        "buyers of the period who bought before it; guest: lines without a user ID. Amounts "
        "are net revenue.",
    },
    "revenue.kpi.new_revenue": {"zh": "新客收入", "en": "New customers' revenue"},
    "revenue.kpi.returning_revenue": {"zh": "老客收入", "en": "Returning customers' revenue"},
    "revenue.kpi.new_customers": {"zh": "新客数", "en": "New customers"},
    "revenue.kpi.returning_customers": {"zh": "老客数", "en": "Returning customers"},
    "revenue.first_purchase.title": {
        "zh": "注册到首购的天数",
        "en": "Days from signup to first purchase",
    },
    "revenue.first_purchase.help": {
        "zh": "首购发生在所选时间段内、且在用户表中有注册日期的用户："
        "首购付款日 − 注册日（0 = 当天）。"
        "首购早于注册日的记录视为数据问题，单独计数，不参与统计。",
        "en": "Users whose first counted purchase ever is in the period and who have a signup "
        "day in the users table: first payment day − signup day (0 = same day). First "
        "purchases dated before signup are data issues, counted apart and left out.",
    },
    "revenue.first_purchase.median": {"zh": "中位数（天）", "en": "Median (days)"},
    "revenue.first_purchase.mean": {"zh": "平均（天）", "en": "Mean (days)"},
    "revenue.first_purchase.users": {"zh": "首购用户数", "en": "First-time buyers"},
    "revenue.first_purchase.before_signup": {
        "zh": "{n} 个用户的首购早于注册日（未计入）。",
        "en": "{n} users' first purchase is dated before their signup (left out).",
    },
    "revenue.first_purchase.none": {
        "zh": "没有可以计算的用户（需要用户表里的注册日期）。",
        "en": "No users to measure (needs signup days in the users table).",
    },
    "revenue.col.days": {"zh": "天数", "en": "Days"},
    "revenue.col.users": {"zh": "用户数", "en": "Users"},
    # cohorts
    "revenue.cohorts.help": {
        "zh": "按用户第一笔计入订单（历史上）的月份分组，只含首购在所选时间段内的用户。"
        "第 k 月 = 首购月之后第 k 个自然月内有计入订单的用户数，第 0 月 = 首购月（= 组人数）。"
        "统计到所选结束日与最后付款日中较早的一天，最后一个月可能不完整。游客订单不计入。",
        "en": "Customers grouped by the month of their first counted purchase ever (first "
        "purchases inside the selected range). Month k = customers with a counted purchase in "
        "calendar month cohort + k; month 0 is the first-purchase month (= the cohort size). "
        "Counted up to the earlier of the range's end and the last payment day, so the last "
        "month may be partial. Guest orders are not customers.",
    },
    "revenue.cohorts.all_history": {
        "zh": "从最早的数据开始（结束日仍按所选日期）",
        "en": "From the first data day (the end stays the selected one)",
    },
    "revenue.cohorts.view": {"zh": "显示", "en": "Show"},
    "revenue.cohorts.view.percent": {"zh": "百分比", "en": "Percentages"},
    "revenue.cohorts.view.count": {"zh": "人数", "en": "Counts"},
    "revenue.col.cohort": {"zh": "首购月", "en": "First-purchase month"},
    "revenue.col.size": {"zh": "人数", "en": "Size"},
    "revenue.col.month": {"zh": "第几个月", "en": "Months since"},
    "revenue.col.retention": {"zh": "留存率", "en": "Retention"},
    "revenue.month_n": {"zh": "第{n}月", "en": "M{n}"},
    "revenue.cohorts.none": {
        "zh": "所选时间段内没有首购用户。",
        "en": "No first purchases in the selected range.",
    },
    # LTV
    "revenue.ltv.basis": {"zh": "分组方式", "en": "Cohorts by"},
    "revenue.ltv.basis.first_purchase": {"zh": "首购月", "en": "First-purchase month"},
    "revenue.ltv.basis.signup": {"zh": "注册月", "en": "Signup month"},
    "revenue.ltv.help": {
        "zh": "LTV = 该组用户从组月份起累计的净收入 ÷ 组人数。按注册月分组时，未付费用户也计入人数"
        "（包含转化率）；按首购月分组时只含买家。"
        "一个组只有到达第 N 个月（组月份 + N ≤ 统计截止日所在月）"
        "才计入第 N 个月；「全部」为已到达该月的各组按人数加权的平均。",
        "en": "LTV = the cohort's cumulative net revenue since its month ÷ cohort size. By "
        "signup month non-buyers count in the size (conversion included); by first-purchase "
        "month only buyers do. A cohort counts toward month N only once it has reached it "
        "(cohort month + N ≤ the month of the as-of day); \u201call\u201d is the size-weighted "
        "average of the cohorts that reached each month.",
    },
    "revenue.ltv.all": {"zh": "全部", "en": "all"},
    "revenue.col.ltv": {
        "zh": "LTV（累计人均净收入）",
        "en": "LTV (cumulative net revenue per user)",
    },
    "revenue.col.cumulative_revenue": {"zh": "累计净收入", "en": "Cumulative net revenue"},
    "revenue.ltv.none": {
        "zh": "所选时间段内没有可分组的用户。",
        "en": "No cohort members in the selected range.",
    },
    # RFM
    "revenue.rfm.help": {
        "zh": "对所选时间段内有计入订单的用户：R = 截止日距最后一次购买的天数，F = 不同订单数，"
        "M = 净收入。每项按五分位打 1–5 分（5 = 最近/最频繁/最高），数值相同的用户同分。"
        "分层按 R 与 F 的得分组合命名。",
        "en": "Customers with a counted purchase in the period: R = days from the last "
        "purchase to the as-of day, F = distinct orders, M = net revenue. Each scored 1–5 by "
        "quintile (5 = most recent / most frequent / highest); equal values share a score. "
        "Segments are named from the R and F scores.",
    },
    "revenue.rfm.choose": {"zh": "下载用户名单的分层", "en": "Segment to download"},
    "revenue.rfm.list_caption": {
        "zh": "{segment}：{n} 位用户",
        "en": "{segment}: {n} customers",
    },
    "revenue.col.segment": {"zh": "分层", "en": "Segment"},
    "revenue.col.customer_share": {"zh": "用户占比", "en": "Share of customers"},
    "revenue.col.revenue_share": {"zh": "收入占比", "en": "Share of revenue"},
    "revenue.col.recency_days": {"zh": "最近购买距今（天）", "en": "Recency (days)"},
    "revenue.col.frequency": {"zh": "订单数（F）", "en": "Frequency (orders)"},
    "revenue.col.monetary": {"zh": "净收入（M）", "en": "Monetary (net revenue)"},
    "revenue.col.user_id": {"zh": "用户 ID", "en": "User ID"},
    "revenue.col.last_purchase": {"zh": "最后购买日", "en": "Last purchase"},
    "revenue.col.r_score": {"zh": "R 分", "en": "R score"},
    "revenue.col.f_score": {"zh": "F 分", "en": "F score"},
    "revenue.col.m_score": {"zh": "M 分", "en": "M score"},
    "revenue.col.rfm": {"zh": "RFM", "en": "RFM"},
    "revenue.rfm.none": {
        "zh": "所选时间段内没有有用户 ID 的购买。",
        "en": "No purchases by identified customers in the selected period.",
    },
    "revenue.segment.champions": {"zh": "重要价值客户（冠军）", "en": "Champions"},
    "revenue.segment.loyal": {"zh": "忠诚客户", "en": "Loyal customers"},
    "revenue.segment.potential_loyalists": {"zh": "潜力客户", "en": "Potential loyalists"},
    "revenue.segment.new_customers": {"zh": "新客户", "en": "New customers"},
    "revenue.segment.promising": {"zh": "有潜力的新客", "en": "Promising"},
    "revenue.segment.need_attention": {"zh": "需要关注", "en": "Need attention"},
    "revenue.segment.about_to_sleep": {"zh": "即将沉睡", "en": "About to sleep"},
    "revenue.segment.cant_lose": {"zh": "不能流失的高价值客户", "en": "Can't lose them"},
    "revenue.segment.at_risk": {"zh": "流失风险", "en": "At risk"},
    "revenue.segment.hibernating": {"zh": "沉睡客户", "en": "Hibernating"},
    # exclusions
    "revenue.exclusions.help": {
        "zh": "按付款日落在所选时间段内的订单行统计（没有付款日的行按全库统计）。",
        "en": "Lines paid in the selected period (lines without a payment day: the whole store).",
    },
    "revenue.exclusions.none": {
        "zh": "所选时间段内的订单行全部计入。",
        "en": "Every order line of the period is counted.",
    },
    "revenue.col.reason": {"zh": "原因", "en": "Reason"},
    "revenue.col.lines": {"zh": "行数", "en": "Lines"},
    "revenue.col.what_happens": {"zh": "处理方式", "en": "How it is treated"},
    "revenue.reason.cancelled": {"zh": "已取消的订单行", "en": "Cancelled lines"},
    "revenue.reason.unpaid": {"zh": "未支付的订单行", "en": "Unpaid lines"},
    "revenue.reason.other_status": {"zh": "其他状态的订单行", "en": "Lines with another status"},
    "revenue.reason.adjustment": {
        "zh": "调整行（坏账调整、负单价、运费、手续费、手工调整、折扣、样品等，不是商品销售）",
        "en": "Adjustments (bad debt, negative prices, postage, fees, manual entries, "
        "discounts, samples: not sales of goods)",
    },
    "revenue.reason.zero_amount": {
        "zh": "金额为 0 的行（单价为 0 或缺失）",
        "en": "Lines with amount 0 (zero or missing price)",
    },
    "revenue.left_out": {
        "zh": "未计入：{lines} 行既不是销售也不是退款（调整、零金额），合计 {amount}。",
        "en": "Left out: {lines} lines are neither sales nor refunds (adjustments, zero "
        "amounts), totalling {amount}.",
    },
    "revenue.reason.no_paid_date": {
        "zh": "没有付款日的行（无法归入时间段）",
        "en": "Lines with no payment day (cannot be placed in a period)",
    },
    "revenue.reason.guest": {"zh": "游客订单（无用户 ID）", "en": "Guest lines (no user ID)"},
    "revenue.reason.refund_capped": {
        "zh": "退款金额大于行金额",
        "en": "Refund larger than the line amount",
    },
    "revenue.status.paid": {"zh": "已支付", "en": "paid"},
    "revenue.status.refunded": {"zh": "已退款", "en": "refunded"},
    "revenue.status.cancelled": {"zh": "已取消", "en": "cancelled"},
    "revenue.status.unpaid": {"zh": "未支付", "en": "unpaid"},
    "revenue.status.returned": {"zh": "已退货", "en": "returned"},
    "revenue.status.adjustment": {"zh": "调整", "en": "adjustment"},
    "revenue.treatment.excluded": {"zh": "不计入任何指标", "en": "Left out of every number"},
    "revenue.treatment.guest": {
        "zh": "计入收入、订单以及 ARPU/ARPPU 的分子；"
        "不算作用户（付费用户、新老客、留存、LTV、RFM）",
        "en": "In revenue, orders and the ARPU/ARPPU numerators; not counted as users "
        "(paying users, new/returning, cohorts, LTV, RFM)",
    },
    "revenue.treatment.capped": {
        "zh": "退款按行金额封顶；金额列为超出部分",
        "en": "Refund capped at the line amount; the amount column is the excess",
    },
}
