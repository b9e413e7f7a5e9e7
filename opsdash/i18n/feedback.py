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
    # Feedback page
    "feedback.title": {"zh": "用户反馈", "en": "Feedback"},
    "feedback.caption": {
        "zh": "评论、工单、问卷等用户反馈：数量、评分、NPS、情感、关键词与主题，对比上一周期。",
        "en": "Reviews, tickets, surveys and other feedback: volume, ratings, NPS, sentiment, "
        "keywords and themes, against the previous period.",
    },
    "feedback.no_items": {
        "zh": "这个时间段没有用户反馈。请在“数据”页导入反馈（类型：用户反馈），或换一个时间段。",
        "en": "No feedback in this period. Import feedback on the Data page (kind: User "
        "feedback), or choose another period.",
    },
    "feedback.none": {"zh": "（未填写）", "en": "(not given)"},
    "feedback.kpi.items": {"zh": "反馈数", "en": "Items"},
    "feedback.kpi.nps": {"zh": "NPS", "en": "NPS"},
    "feedback.kpi.csat": {"zh": "CSAT 满意度", "en": "CSAT"},
    "feedback.kpi.rating": {"zh": "平均评分", "en": "Average rating"},
    "feedback.kpi.positive": {"zh": "正面占比", "en": "Positive share"},
    "feedback.kpi.negative": {"zh": "负面占比", "en": "Negative share"},
    "feedback.help.nps": {
        "zh": "NPS = 推荐者（9–10 分）占比 − 贬损者（0–6 分）占比，范围 −100 到 100，只计有 NPS "
        "分数的反馈。95% 置信区间：多项分布两比例之差的 Wald 区间，方差 = (p推荐 + p贬损 − "
        "(p推荐 − p贬损)²) / n。",
        "en": "NPS = % promoters (score 9–10) − % detractors (0–6), −100 to 100, over the items "
        "with an NPS score. 95% interval: Wald interval of a difference of two multinomial "
        "shares, variance = (p_promoters + p_detractors − (p_promoters − p_detractors)²) / n.",
    },
    "feedback.help.csat": {
        "zh": "CSAT = 4–5 星的反馈 / 有评分的反馈。",
        "en": "CSAT = items rated 4–5 stars / rated items.",
    },
    "feedback.help.rating": {
        "zh": "有评分（1–5 星）的反馈的平均星级与分布。",
        "en": "Mean and distribution of the star ratings (1–5) of rated items.",
    },
    "feedback.help.sentiment": {
        "zh": "占本期全部反馈的比例。每条反馈的情感：文件给出的标签优先，其次评分（4–5 正面、3 "
        "中性、1–2 负面）、NPS 分数（9–10 / 7–8 / 0–6），否则由文本判断（中文：SnowNLP "
        "情感模型；英文：词表）。",
        "en": "Share of all items in the period. Each item's sentiment: the file's label first, "
        "then the rating (4–5 positive, 3 neutral, 1–2 negative), the NPS score (9–10 / 7–8 / "
        "0–6), else the text (Chinese: SnowNLP's sentiment model; English: a word list).",
    },
    "feedback.help.volume": {
        "zh": "本期每个来源、分类、版本、平台的反馈数，与上一周期（同样天数）对比；变化 = (本期 − "
        "上期) / 上期。",
        "en": "Items per source, category, version and platform, against the previous period of "
        "the same length; change = (now − before) / before.",
    },
    "feedback.help.keywords": {
        "zh": "jieba 分词（含团队词典与主题关键词），去除停用词与单字。"
        "“数量”= 本期包含该词的反馈数；"
        "“上升”= 占比显著上升（对数似然比 G² ≥ 10.83，即 p < 0.001，且至少 5 条）。",
        "en": "jieba segmentation (with the team dictionary and theme keywords), stopwords and "
        "single characters removed. Count = items in the period containing the term; rising = "
        "its share grew significantly (log-likelihood G² ≥ 10.83, p < 0.001, and ≥ 5 items).",
    },
    "feedback.help.themes": {
        "zh": "主题是团队定义的关键词组：文本包含任一关键词的反馈属于该主题。负面占比 = 负面反馈 / "
        "主题反馈数。代表性原话：匹配关键词最多、长度适中、最新的三条。",
        "en": "Themes are keyword groups the team defines: an item whose text contains any of the "
        "keywords has the theme. Negative share = negative items / the theme's items. Quotes: "
        "the three matching the most keywords, of a readable length, newest first.",
    },
    "feedback.help.digest": {
        "zh": "给产品团队的摘要：主题按数量与变化排序，含数量、负面占比和三条原话；"
        "CSV 可安全用表格打开。",
        "en": "For the product team: themes ranked by volume and change, with counts, negative "
        "share and three quotes each; the CSV is safe to open in a spreadsheet.",
    },
    "feedback.nps_interval": {
        "zh": "NPS 95% 置信区间 {low} 到 {high}（{responses} 份回答：推荐者 {promoters}、中立者 "
        "{passives}、贬损者 {detractors}）",
        "en": "NPS 95% interval {low} to {high} ({responses} responses: {promoters} promoters, "
        "{passives} passives, {detractors} detractors)",
    },
    "feedback.basis_caption": {
        "zh": "情感依据：{basis}",
        "en": "Sentiment from: {basis}",
    },
    "feedback.basis.label": {"zh": "文件标签", "en": "file label"},
    "feedback.basis.rating": {"zh": "评分", "en": "rating"},
    "feedback.basis.nps": {"zh": "NPS 分数", "en": "NPS score"},
    "feedback.basis.classifier": {"zh": "文本分类器", "en": "text classifier"},
    "feedback.basis.none": {"zh": "无法判断", "en": "none"},
    "feedback.volume.title": {"zh": "反馈量", "en": "Volume"},
    "feedback.volume.trend": {"zh": "每日反馈数", "en": "Items per day"},
    "feedback.dimension.source": {"zh": "来源", "en": "Source"},
    "feedback.dimension.category": {"zh": "分类/产品", "en": "Category / product"},
    "feedback.dimension.version": {"zh": "版本", "en": "Version"},
    "feedback.dimension.platform": {"zh": "平台", "en": "Platform"},
    "feedback.column.previous": {"zh": "上期", "en": "Previous"},
    "feedback.column.change": {"zh": "变化", "en": "Change"},
    "feedback.column.term": {"zh": "关键词", "en": "Keyword"},
    "feedback.column.count": {"zh": "数量", "en": "Count"},
    "feedback.column.g2": {"zh": "G²", "en": "G²"},
    "feedback.column.rising": {"zh": "上升", "en": "Rising"},
    "feedback.column.theme": {"zh": "主题", "en": "Theme"},
    "feedback.column.keywords": {"zh": "关键词", "en": "Keywords"},
    "feedback.column.negative_share": {"zh": "负面占比", "en": "Negative share"},
    "feedback.column.term_pair": {"zh": "常一起出现的关键词", "en": "Keywords found together"},
    "feedback.rising_yes": {"zh": "↑ 上升", "en": "↑ rising"},
    "feedback.ratings.title": {"zh": "评分", "en": "Ratings"},
    "feedback.ratings.distribution": {"zh": "评分分布", "en": "Rating distribution"},
    "feedback.keywords.title": {"zh": "关键词", "en": "Keywords"},
    "feedback.keywords.none": {"zh": "本期反馈没有文本。", "en": "No feedback text this period."},
    "feedback.keywords.pick": {"zh": "查看关键词", "en": "Look at a keyword"},
    "feedback.keywords.trend": {"zh": "“{term}” 每日反馈数", "en": "Items with “{term}” per day"},
    "feedback.keywords.rising_title": {"zh": "上升的关键词", "en": "Rising keywords"},
    "feedback.keywords.none_rising": {
        "zh": "没有显著上升的关键词。",
        "en": "No keyword rose significantly.",
    },
    "feedback.themes.title": {"zh": "主题", "en": "Themes"},
    "feedback.themes.quotes": {
        "zh": "{theme}（{count} 条）：代表性原话",
        "en": "{theme} ({count} items): representative quotes",
    },
    "feedback.themes.trend": {"zh": "各主题每日反馈数", "en": "Items per theme and day"},
    "feedback.themes.by_version": {"zh": "各版本的主题", "en": "Themes per version"},
    "feedback.themes.suggestions": {
        "zh": "候选主题：经常一起出现的关键词",
        "en": "Candidate themes: keywords that often occur together",
    },
    "feedback.themes.edit": {"zh": "编辑主题与词典", "en": "Edit themes and dictionary"},
    "feedback.themes.keywords_help": {
        "zh": "用逗号或顿号分隔，如：卡顿、闪退、加载慢",
        "en": "Separated by commas, e.g. crash, freeze, slow loading",
    },
    "feedback.themes.save": {"zh": "保存主题与词典", "en": "Save themes and dictionary"},
    "feedback.dictionary": {"zh": "团队词典（产品术语）", "en": "Team dictionary (product terms)"},
    "feedback.dictionary_help": {
        "zh": "每行一个词，分词时保持完整（如 会员卡、小程序）。主题关键词会自动加入。",
        "en": "One term per line, kept whole by the segmenter (e.g. 会员卡, mini program). Theme "
        "keywords are added automatically.",
    },
    "feedback.digest.title": {"zh": "反馈摘要", "en": "Feedback digest"},
    "feedback.digest.download_md": {
        "zh": "下载摘要（Markdown）",
        "en": "Download digest (Markdown)",
    },
    "feedback.digest.download_csv": {"zh": "下载摘要（CSV）", "en": "Download digest (CSV)"},
    "feedback.digest.period": {"zh": "时间段：{start} 至 {end}", "en": "Period: {start} to {end}"},
    "feedback.digest.rank": {"zh": "排名", "en": "Rank"},
    "feedback.digest.theme": {"zh": "主题", "en": "Theme"},
    "feedback.digest.items": {"zh": "反馈数", "en": "Items"},
    "feedback.digest.previous": {"zh": "上期", "en": "Previous"},
    "feedback.digest.change": {"zh": "变化", "en": "Change"},
    "feedback.digest.negative_share": {"zh": "负面占比", "en": "Negative share"},
    "feedback.digest.quote": {"zh": "原话 {number}", "en": "Quote {number}"},
    "feedback.digest.no_quotes": {"zh": "（没有原话）", "en": "(no quotes)"},
    "feedback.behaviour.title": {"zh": "反馈与用户行为", "en": "Feedback and behaviour"},
    "feedback.help.behaviour": {
        "zh": "本期留下反馈且有用户 ID 的用户，分为有负面反馈的与其他的。留存 = 本期首条反馈后 30 "
        "天内有任何行为事件的用户占比；人均收入 = 首条反馈当天起 30 天内的净收入（口径同收入页）/ "
        "用户数。",
        "en": "Users with a user id who gave feedback in the period, split into those with any "
        "negative item and the others. Retained = share with any event in the 30 days after "
        "their first feedback of the period; revenue per user = net revenue (as on the Revenue "
        "page) in the 30 days from that day / users.",
    },
    "feedback.behaviour.group": {"zh": "用户组", "en": "Group"},
    "feedback.behaviour.negative": {"zh": "有负面反馈", "en": "With negative feedback"},
    "feedback.behaviour.other": {"zh": "其他反馈用户", "en": "Other feedback users"},
    "feedback.behaviour.users": {"zh": "用户数", "en": "Users"},
    "feedback.behaviour.retained": {"zh": "30 天留存", "en": "Retained (30 days)"},
    "feedback.behaviour.revenue": {"zh": "30 天人均收入", "en": "Revenue per user (30 days)"},
    # errors of the theme editor
    "error.feedback_theme_name": {"zh": "主题需要名称。", "en": "A theme needs a name."},
    "error.feedback_theme_twice": {
        "zh": "主题“{name}”定义了两次。",
        "en": "The theme “{name}” is defined twice.",
    },
    "error.feedback_theme_empty": {
        "zh": "主题“{name}”没有关键词。",
        "en": "The theme “{name}” has no keywords.",
    },
    "error.feedback_theme_long": {
        "zh": "主题“{name}”的关键词超过 {limit} 个。",
        "en": "The theme “{name}” has more than {limit} keywords.",
    },
}
