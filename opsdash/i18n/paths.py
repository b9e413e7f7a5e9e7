"""UI text of the paths area (the Paths page). The help text states the definition that
:mod:`opsdash.metrics.paths` computes."""

MESSAGES: dict[str, dict[str, str]] = {
    "paths.title": {"zh": "用户路径", "en": "Paths"},
    "paths.help": {
        "zh": "所选时间段内（事件日期）、符合分群筛选的用户的事件按时间排序；同一用户相邻两个事件"
        "间隔超过 {minutes} 分钟即切分为新会话。每个用户取其在时间段内首次出现所选事件的那次"
        "会话（即第一个包含该事件的会话）：「之后」看该事件首次出现起的事件，「之前」看到它为止"
        "的事件（倒序）；开启合并时，同一会话内连续重复的同一事件算作一个节点（以第一次为准）。"
        "最多 {steps} 步；会话在第 {steps} 步之前结束则以「(离开)」（之后）或「(会话开始)」"
        "（之前）结尾。每一步只显示用户数最多的 {top} 条流转，其余归入「(其他)」。"
        "占比 = 该流转用户数 ÷ 上一节点用户数；时间中位数 = 两个节点事件之间的间隔中位数。",
        "en": "Events dated in the range of users matching the segment filters, in time order; "
        "a gap of more than {minutes} minutes between two of a user's events starts a new "
        "session. Each user's path is taken from their first session in the range that "
        "contains the chosen event: after it, the events from its first occurrence on; "
        "before it, the events up to it (read backwards). With collapse on, consecutive "
        "repeats of one event in a session count as one node (timed at the first). At most "
        "{steps} steps; a session that ends sooner ends in (left) (after) or (session start) "
        "(before). Per step only the {top} transitions with most users are shown, the rest "
        "are grouped as (other). Share = the transition's users / users at the previous "
        "node; median time = median time between the two nodes' events.",
    },
    "paths.direction": {"zh": "方向", "en": "Direction"},
    "paths.direction.forward": {"zh": "之后（从该事件出发）", "en": "After the event"},
    "paths.direction.backward": {"zh": "之前（到达该事件）", "en": "Before the event"},
    "paths.event": {"zh": "事件", "en": "Event"},
    "paths.steps": {"zh": "步数", "en": "Steps"},
    "paths.session_minutes": {"zh": "会话间隔（分钟）", "en": "Session gap (minutes)"},
    "paths.collapse": {"zh": "合并连续重复事件", "en": "Collapse repeats"},
    "paths.top": {"zh": "每步显示的流转数", "en": "Transitions per step"},
    "paths.users": {"zh": "有该事件的用户", "en": "Users with the event"},
    "paths.users.help": {
        "zh": "时间段内至少有一次所选事件、符合分群筛选的用户数（第 0 个节点）。",
        "en": "Users matching the segment filters with the chosen event in the range (node 0).",
    },
    "paths.chart": {"zh": "路径流向", "en": "Path flow"},
    "paths.nobody": {
        "zh": "所选时间段内没有用户有该事件。",
        "en": "Nobody has this event in the selected range.",
    },
    "paths.no_events": {
        "zh": "暂无行为事件数据：用户路径需要导入事件表。",
        "en": "No events yet: paths need an events import.",
    },
    "paths.left": {"zh": "(离开)", "en": "(left)"},
    "paths.start": {"zh": "(会话开始)", "en": "(session start)"},
    "paths.other": {"zh": "(其他)", "en": "(other)"},
    "paths.col.step": {"zh": "步", "en": "Step"},
    "paths.col.from": {"zh": "从", "en": "From"},
    "paths.col.to": {"zh": "到", "en": "To"},
    "paths.col.users": {"zh": "用户数", "en": "Users"},
    "paths.col.share": {"zh": "占上一节点", "en": "Share of previous node"},
    "paths.col.median": {"zh": "时间中位数", "en": "Median time"},
    # interval analysis (opsdash.metrics.intervals)
    "paths.interval": {"zh": "间隔分析", "en": "Interval analysis"},
    "paths.interval.help": {
        "zh": "符合分群筛选、时间段内有事件 A 的用户：取其第一次 A，到其后下一次事件 B"
        "（严格晚于 A；A 与 B 相同时为下一次发生；B 的日期不晚于结束日）的时间。"
        "没有后续 B 的用户只计入人数。"
        "P10–P90 为这些间隔的分位数（线性插值），直方图按固定区间统计用户数。",
        "en": "Users matching the segment filters with an A event in the range: from their "
        "first A to their next B after it (strictly later; for A = B its next occurrence; B "
        "dated up to the end day). Users without a later B are only counted. P10–P90 are "
        "percentiles of those intervals (linear interpolation); the histogram counts users "
        "per fixed bucket.",
    },
    "paths.interval.from": {"zh": "事件 A（起点）", "en": "Event A (from)"},
    "paths.interval.to": {"zh": "下一次事件 B", "en": "Next event B"},
    "paths.interval.users": {"zh": "有事件 A 的用户", "en": "Users with A"},
    "paths.interval.with_next": {"zh": "其后有 B 的用户", "en": "Users with a later B"},
    "paths.interval.chart": {"zh": "间隔分布", "en": "Intervals"},
    "paths.col.share_interval": {"zh": "占比", "en": "Share"},
    "paths.bucket.lt_1m": {"zh": "< 1 分钟", "en": "< 1 min"},
    "paths.bucket.1m_5m": {"zh": "1–5 分钟", "en": "1–5 min"},
    "paths.bucket.5m_30m": {"zh": "5–30 分钟", "en": "5–30 min"},
    "paths.bucket.30m_1h": {"zh": "30 分钟–1 小时", "en": "30 min–1 h"},
    "paths.bucket.1h_6h": {"zh": "1–6 小时", "en": "1–6 h"},
    "paths.bucket.6h_1d": {"zh": "6 小时–1 天", "en": "6 h–1 day"},
    "paths.bucket.1d_3d": {"zh": "1–3 天", "en": "1–3 days"},
    "paths.bucket.3d_7d": {"zh": "3–7 天", "en": "3–7 days"},
    "paths.bucket.7d_30d": {"zh": "7–30 天", "en": "7–30 days"},
    "paths.bucket.gt_30d": {"zh": "> 30 天", "en": "> 30 days"},
}
