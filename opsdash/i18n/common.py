"""UI text shared by every page: navigation, sidebar, states, units."""

MESSAGES: dict[str, dict[str, str]] = {
    "common.app_title": {"zh": "opsdash 运营看板", "en": "opsdash"},
    "common.date_range": {"zh": "日期范围", "en": "Date range"},
    "common.date_range_help": {
        "zh": "预设范围以数据的最后一天为终点（通常是昨天）。所有日期按报表时区划分自然日。",
        "en": "Presets end on the last day with data (usually yesterday). Days follow the "
        "reporting timezone.",
    },
    "common.preset.7d": {"zh": "最近 7 天", "en": "Last 7 days"},
    "common.preset.30d": {"zh": "最近 30 天", "en": "Last 30 days"},
    "common.preset.90d": {"zh": "最近 90 天", "en": "Last 90 days"},
    "common.preset.this_month": {"zh": "本月", "en": "This month"},
    "common.preset.last_month": {"zh": "上月", "en": "Last month"},
    "common.preset.custom": {"zh": "自定义", "en": "Custom"},
    "common.custom_range": {"zh": "起止日期", "en": "From – to"},
    "common.range_caption": {
        "zh": "{start} 至 {end}，共 {days} 天",
        "en": "{start} to {end}, {days} days",
    },
    "common.compare": {"zh": "对比上一周期", "en": "Compare with previous period"},
    "common.compare_help": {
        "zh": "上一周期：紧邻所选范围之前、天数相同的一段；若选的是整月，则为上一个整月。",
        "en": "Previous period: the same number of days right before the range; for a whole "
        "calendar month, the month before.",
    },
    "common.segments": {"zh": "用户分群", "en": "Segments"},
    "common.segments_help": {
        "zh": "分群按用户的获客渠道、平台、地区和用户属性筛选；无用户的记录（如游客订单）"
        "在分群时不计入。",
        "en": "Segments filter by the user's acquisition channel, platform, region and user "
        "properties; rows without a known user (e.g. guest orders) are left out while a "
        "segment is chosen.",
    },
    "common.where": {"zh": "按用户属性筛选", "en": "Filter by user property"},
    "common.where_placeholder": {"zh": "选择属性（等级、导入的列…）", "en": "Choose properties"},
    "common.where_help": {
        "zh": "用户表的等级以及导入用户文件时保留的其他列（属性），如省份、年龄段。"
        "同一属性选多个值表示“或”，不同属性之间表示“且”。",
        "en": "The users' level and any other column kept as a property when users were "
        "imported (e.g. province, age band). Several values of one property mean OR; "
        "different properties combine with AND.",
    },
    "common.where_values": {"zh": "{name} 的取值", "en": "Values of {name}"},
    "common.segment.channel": {"zh": "渠道", "en": "Channel"},
    "common.segment.platform": {"zh": "平台", "en": "Platform"},
    "common.segment.region": {"zh": "地区", "en": "Region"},
    "common.all": {"zh": "全部", "en": "All"},
    "common.no_rows": {"zh": "所选时间段内没有数据。", "en": "No data in the selected range."},
    # breakdown by any field or property (opsdash.ui.breakdown)
    "common.section.by_property": {"zh": "按属性拆分", "en": "By property"},
    "common.by.pick": {"zh": "拆分维度", "en": "Break down by"},
    "common.by.help": {
        "zh": "可选数据行自己的字段和导入时保留的列（属性，如国家、省份、年龄），以及其用户的字段和"
        "属性。没有该值的行归入“(未知)”，各行合计等于页面总数；订单数、用户数按每个取值去重。",
        "en": "Any field of the rows, any column kept as a property when they were imported "
        "(e.g. country, province, age), and their users' fields and properties. Rows without a "
        "value form the “(unknown)” row, so the rows add up to the page's total; orders and "
        "users are counted distinct within each value.",
    },
    "common.by.none": {
        "zh": "这些数据还没有可拆分的属性：导入时未映射的列会作为属性保留。",
        "en": "These rows have no properties to break down by yet: columns left unmapped on "
        "import are kept as properties.",
    },
    "common.by.unknown": {"zh": "(未知)", "en": "(unknown)"},
    "common.by.source.field": {"zh": "字段", "en": "field"},
    "common.by.source.property": {"zh": "属性", "en": "property"},
    "common.by.source.campaign_field": {"zh": "活动字段", "en": "campaign field"},
    "common.by.source.content_field": {"zh": "内容字段", "en": "content field"},
    "common.by.source.content_property": {"zh": "内容属性", "en": "content property"},
    "common.by.source.user_field": {"zh": "用户字段", "en": "user field"},
    "common.by.source.user_property": {"zh": "用户属性", "en": "user property"},
    "common.by.col.revenue": {"zh": "净收入", "en": "Net revenue"},
    "common.by.col.gross_revenue": {"zh": "总收入", "en": "Gross revenue"},
    "common.by.col.refunds": {"zh": "退款", "en": "Refunds"},
    "common.by.col.orders": {"zh": "订单数", "en": "Orders"},
    "common.by.col.paying_users": {"zh": "付费用户", "en": "Paying users"},
    "common.by.col.new_users": {"zh": "新增用户", "en": "New users"},
    "common.by.col.active_users": {"zh": "活跃用户", "en": "Active users"},
    "common.by.col.impressions": {"zh": "曝光", "en": "Impressions"},
    "common.by.col.clicks": {"zh": "点击", "en": "Clicks"},
    "common.by.col.conversions": {"zh": "转化", "en": "Conversions"},
    "common.by.col.cost": {"zh": "花费", "en": "Cost"},
    "common.by.col.items": {"zh": "内容数", "en": "Items"},
    "common.by.col.views": {"zh": "阅读/播放", "en": "Views"},
    "common.by.col.likes": {"zh": "点赞", "en": "Likes"},
    "common.by.col.comments": {"zh": "评论", "en": "Comments"},
    "common.by.col.shares": {"zh": "分享", "en": "Shares"},
    "common.by.col.favorites": {"zh": "收藏", "en": "Favorites"},
    "common.field.format": {"zh": "内容形式", "en": "Format"},
    "common.field.author": {"zh": "作者", "en": "Author"},
    "common.field.product": {"zh": "商品", "en": "Product"},
    "common.field.category": {"zh": "品类", "en": "Category"},
    "common.field.level": {"zh": "用户等级", "en": "Level"},
    "common.field.ad_id": {"zh": "广告", "en": "Ad"},
    "common.field.event": {"zh": "事件", "en": "Event"},
    "common.field.content_id": {"zh": "内容", "en": "Content"},
    "common.field.campaign_id": {"zh": "活动", "en": "Campaign"},
    "common.field.goal": {"zh": "活动目标", "en": "Campaign goal"},
    "common.field.campaign_name": {"zh": "活动名称", "en": "Campaign name"},
    "common.no_data": {
        "zh": "还没有数据。请在「数据」页导入 CSV/Excel 导出文件，或加载演示数据。",
        "en": "No data yet. Import a CSV/Excel export on the Data page, or load the demo data.",
    },
    "common.go_to_data": {"zh": "前往数据页", "en": "Go to the Data page"},
    "common.download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "common.data_through": {"zh": "数据截至 {day}", "en": "Data through {day}"},
    "common.store_error": {
        "zh": "无法打开数据存储：{detail}。请检查 OPSDASH_DATABASE_URL 设置。",
        "en": "Cannot open the data store: {detail}. Check the OPSDASH_DATABASE_URL setting.",
    },
    "common.page_error": {
        "zh": "页面出错了（错误编号 {ref}）。数据没有改变。"
        "请刷新重试；若仍出错，请把错误编号告诉管理员。",
        "en": "Something went wrong on this page (reference {ref}). No data was changed. "
        "Reload to try again; if it persists, give the reference to your admin.",
    },
    "common.section.summary": {"zh": "概况", "en": "Summary"},
    "common.rows": {"zh": "行数", "en": "Rows"},
    "common.dataset": {"zh": "数据集", "en": "Dataset"},
    "common.not_in_data": {"zh": "数据中没有", "en": "not in the data"},
    "common.not_in_data_list": {
        "zh": "数据中没有：{names}。这些指标显示为 –（不是 0），用到它们的比率也不计算。",
        "en": "Not in the data: {names}. They show as – (not 0), and ratios that need them "
        "are not computed.",
    },
    "common.not_in_data_help": {
        "zh": "数据中没有这一项：导入的文件没有这一列，显示为 –（不是 0）。",
        "en": "Not in the data: the imported files have no such column, so it shows as – (not 0).",
    },
    "common.not_in_data_chart": {
        "zh": "数据中没有{metric}，无法画图。",
        "en": "{metric}: not in the data, nothing to chart.",
    },
    "common.list_sep": {"zh": "、", "en": ", "},
    # Chinese first (issue 16): widget placeholders, chart number words
    "common.choose": {"zh": "请选择", "en": "Choose"},
    "common.select_placeholder": {"zh": "请选择…", "en": "Choose…"},
}
