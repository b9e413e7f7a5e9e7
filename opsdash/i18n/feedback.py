"""Messages of the Feedback page (用户反馈), and the Data page's words for the feedback kind."""

MESSAGES: dict[str, dict[str, str]] = {
    # Data page: the feedback kind
    "data.kind.feedback": {"zh": "用户反馈", "en": "User feedback"},
    "data.feedback_date": {
        "zh": "反馈日期（文件无日期列）",
        "en": "Feedback date (no date column)",
    },
    "data.feedback_date_help": {
        "zh": "文件没有提交时间列时，所有反馈记为这一天。",
        "en": "The file has no submission time: every item is recorded on this day.",
    },
    "data.problem.not_sentiment": {
        "zh": "“{value}” 不是情感标签（1/0、正面/负面、positive/negative）",
        "en": "“{value}” is not a sentiment label (1/0, 正面/负面, positive/negative)",
    },
    "data.problem.out_of_range": {
        "zh": "“{value}” 超出范围（评分 1–5，NPS 0–10）",
        "en": "“{value}” is out of range (rating 1–5, NPS score 0–10)",
    },
    "data.problem.no_feedback": {
        "zh": "这一行没有文本、评分、NPS 或情感",
        "en": "the row has no text, rating, NPS score or sentiment",
    },
}
