"""Feature adoption (新功能冷启动): the Users page's adoption section."""

MESSAGES: dict[str, dict[str, str]] = {
    "adoption.section": {"zh": "新功能冷启动", "en": "Feature adoption"},
    "adoption.help": {
        "zh": "选一个代表新功能的事件。上线日：填写的日期，否则为该事件在整个数据中首次出现的日期；"
        "统计从上线日到所选区间的结束日（不看区间开始日），只计符合分群筛选的用户。"
        "首次使用：用户在上线日到结束日之间第一次触发该事件的日期（上线日前的使用，如内测，不计）。"
        "累计采用率 = 截至当天的累计采用用户 / 上线以来当天及之前活跃过的用户（任一事件）。"
        "首次使用后留存：第 N 天（1、7、14、30，当天恰好有任一事件，同 Amplitude 的 N 日"
        "留存、PostHog「首次」留存）；只计第 N 天不晚于最后数据日的用户。未采用用户按同一天匹配："
        "每天取当天活跃且当天及之前尚未使用过该功能的用户，算其第 N 天留存，再按当天首次使用的"
        "采用人数加权平均——两组在同样的日期上比较（Amplitude、PostHog 直接比较两个分群，不做这种"
        "匹配）。匹配去掉了日期的影响，去不掉自选择：越活跃的用户越先采用。",
        "en": "Pick an event that stands for the feature. Launch day: the date given, else the "
        "event's first occurrence in the whole store; the analysis runs from launch to the "
        "range's end (the range's start is not used) and counts only users matching the segment "
        "filters. First use: the day of a user's first feature event between launch and the end "
        "(uses before launch, e.g. a beta, are not looked at). Cumulative adoption = adopters so "
        "far / users active (any event) on any day from launch to that day. Retention after "
        "first use: day N (1, 7, 14, 30) = any event exactly N days later (Amplitude's N-day "
        "retention, PostHog's 'first time' retention), over adopters whose day N is on or "
        "before the last data day. Non-adopters are matched on the same days: on each day, the "
        "users active that day who had not used the feature on or before it; their day-N "
        "retention, averaged with the number of adopters whose first use is that day as "
        "weights, so both groups are compared on the same calendar days (Amplitude and PostHog "
        "compare the two cohorts without this matching). The matching removes the calendar "
        "effect, not self-selection: heavier users adopt first.",
    },
    "adoption.event": {"zh": "功能事件", "en": "Feature event"},
    "adoption.launch_mode": {"zh": "上线日", "en": "Launch day"},
    "adoption.launch_mode.first": {"zh": "事件首次出现", "en": "First occurrence"},
    "adoption.launch_mode.date": {"zh": "指定日期", "en": "A date"},
    "adoption.launch": {"zh": "上线日期", "en": "Launch date"},
    "adoption.launched": {
        "zh": "上线日 {launch}（{how}），统计到 {end}。",
        "en": "Launched on {launch} ({how}), counted to {end}.",
    },
    "adoption.launched.given": {"zh": "指定", "en": "given"},
    "adoption.launched.first": {"zh": "首次出现", "en": "first occurrence"},
    "adoption.adopters": {"zh": "采用用户", "en": "Adopters"},
    "adoption.active_users": {"zh": "上线以来活跃用户", "en": "Active since launch"},
    "adoption.rate": {"zh": "累计采用率", "en": "Cumulative adoption"},
    "adoption.daily_chart": {"zh": "每日新采用与累计采用率", "en": "Daily adopters and adoption"},
    "adoption.retention": {"zh": "首次使用后留存", "en": "Retention after first use"},
    "adoption.retention_chart": {
        "zh": "采用 vs 未采用（同日匹配）",
        "en": "Adopters vs non-adopters (same days)",
    },
    "adoption.group.adopters": {"zh": "采用用户", "en": "Adopters"},
    "adoption.group.non_adopters": {"zh": "未采用用户", "en": "Non-adopters"},
    "adoption.by_segment": {"zh": "按渠道与平台", "en": "By channel and platform"},
    "adoption.dimension.channel": {"zh": "渠道", "en": "Channel"},
    "adoption.dimension.platform": {"zh": "平台", "en": "Platform"},
    "adoption.none": {
        "zh": "上线以来还没有人使用该功能。",
        "en": "Nobody has used it since launch.",
    },
    "adoption.col.day": {"zh": "日期", "en": "Day"},
    "adoption.col.active_users": {"zh": "日活", "en": "DAU"},
    "adoption.col.feature_users": {"zh": "功能使用人数", "en": "Feature users"},
    "adoption.col.new_adopters": {"zh": "新采用", "en": "New adopters"},
    "adoption.col.cumulative_adopters": {"zh": "累计采用", "en": "Cumulative adopters"},
    "adoption.col.cumulative_active": {"zh": "累计活跃", "en": "Cumulative active"},
    "adoption.col.adoption_rate": {"zh": "累计采用率", "en": "Adoption rate"},
    "adoption.col.day_n": {"zh": "第 N 天", "en": "Day N"},
    "adoption.col.adopters": {"zh": "采用用户", "en": "Adopters"},
    "adoption.col.adopters_retained": {"zh": "留存采用用户", "en": "Adopters retained"},
    "adoption.col.adopter_rate": {"zh": "采用用户留存率", "en": "Adopter retention"},
    "adoption.col.non_adopter_days": {"zh": "未采用用户·天", "en": "Non-adopter user-days"},
    "adoption.col.non_adopter_rate": {"zh": "未采用用户留存率", "en": "Non-adopter retention"},
    "adoption.col.difference": {"zh": "差值", "en": "Difference"},
    "adoption.col.dimension": {"zh": "维度", "en": "Dimension"},
    "adoption.col.value": {"zh": "取值", "en": "Value"},
    "adoption.col.share": {"zh": "占采用用户", "en": "Share of adopters"},
    "adoption.col.rate": {"zh": "留存率", "en": "Retention"},
    "adoption.col.group": {"zh": "分组", "en": "Group"},
    "error.adoption_no_event": {
        "zh": "数据中没有名为 {event} 的事件。",
        "en": "There is no event named {event} in the store.",
    },
    "error.adoption_launch": {
        "zh": "上线日 {launch} 晚于所选区间的结束日 {end}。",
        "en": "The launch day {launch} is after the range's end {end}.",
    },
    "error.adoption_no_event_given": {
        "zh": "请用 --event 指定功能事件。",
        "en": "Give the feature's event with --event.",
    },
}
