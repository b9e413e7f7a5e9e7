"""UI text of the abtest area."""

MESSAGES: dict[str, dict[str, str]] = {
    "abtest.title": {"zh": "A/B 测试", "en": "A/B test"},
    "abtest.control": {"zh": "对照组", "en": "control"},
    "abtest.control_label": {"zh": "对照组名称", "en": "Control name"},
    # verdicts
    "abtest.verdict.better": {
        "zh": "{b} 优于 {a}：{effect}，{level}% 置信区间 {low} 至 {high}；显著（p = {p}）",
        "en": "{b} is better than {a}: {effect}, {level}% CI {low} to {high}; significant "
        "(p = {p})",
    },
    "abtest.verdict.worse": {
        "zh": "{b} 差于 {a}：{effect}，{level}% 置信区间 {low} 至 {high}；显著（p = {p}）",
        "en": "{b} is worse than {a}: {effect}, {level}% CI {low} to {high}; significant (p = {p})",
    },
    "abtest.verdict.no_difference": {
        "zh": "{b} 与 {a} 无显著差异：{effect}，{level}% 置信区间 {low} 至 {high}；不显著"
        "（p = {p}）",
        "en": "No significant difference between {b} and {a}: {effect}, {level}% CI {low} to "
        "{high}; not significant (p = {p})",
    },
    "abtest.verdict.pp": {"zh": "{value} 个百分点", "en": "{value} pp"},
    # error codes
    "abtest.error.None": {"zh": "无法计算", "en": "Cannot compute"},
    "abtest.error.negative_count": {"zh": "人数不能为负数", "en": "Counts cannot be negative"},
    "abtest.error.zero_visitors": {"zh": "某个组的访客数为 0", "en": "A variant has 0 visitors"},
    "abtest.error.conversions_exceed_visitors": {
        "zh": "转化数大于访客数",
        "en": "Conversions exceed visitors",
    },
    "abtest.error.too_few_observations": {
        "zh": "每组至少需要 2 个观测值",
        "en": "Each variant needs at least 2 observations",
    },
    "abtest.error.negative_sd": {"zh": "标准差不能为负数", "en": "Standard deviation < 0"},
    "abtest.error.zero_variance": {
        "zh": "两组的标准差都为 0，无法检验",
        "en": "Both standard deviations are 0: nothing to test",
    },
    "abtest.error.not_finite": {"zh": "输入不是有效数字", "en": "An input is not a number"},
    "abtest.error.bad_alpha": {
        "zh": "显著性水平须在 0 和 1 之间",
        "en": "Alpha must be between 0 and 1",
    },
    "abtest.error.bad_power": {"zh": "检验功效须在 0 和 1 之间", "en": "Power must be in (0, 1)"},
    "abtest.error.bad_alternative": {"zh": "检验方向无效", "en": "Unknown alternative"},
    "abtest.error.bad_baseline": {
        "zh": "基线转化率须在 0 和 1 之间",
        "en": "The baseline rate must be between 0 and 1",
    },
    "abtest.error.bad_effect": {
        "zh": "最小可检测效应须非 0，且目标转化率在 0 和 1 之间",
        "en": "The MDE must be non-zero and keep the target rate between 0 and 1",
    },
    "abtest.error.bad_weights": {
        "zh": "计划分流比例须为正数，且与组数一致",
        "en": "Planned weights must be positive, one per variant",
    },
    "abtest.error.too_few_variants": {"zh": "至少需要 2 个组", "en": "At least 2 variants needed"},
    "abtest.error.zero_control_mean": {
        "zh": "对照组均值为 0，无法计算相对提升",
        "en": "The control mean is 0: no relative lift",
    },
    "abtest.error.unreachable": {
        "zh": "以此流量无法达到要求的功效",
        "en": "This traffic cannot reach the requested power",
    },
    # table columns
    "abtest.col.variant": {"zh": "组", "en": "Variant"},
    "abtest.col.users": {"zh": "用户数", "en": "Users"},
    "abtest.col.conversions": {"zh": "转化数", "en": "Conversions"},
    "abtest.col.rate": {"zh": "转化率", "en": "Conversion rate"},
    "abtest.col.abs_diff": {"zh": "与对照组差值", "en": "Δ vs control"},
    "abtest.col.ci_abs": {"zh": "差值置信区间", "en": "CI of Δ"},
    "abtest.col.rel_lift": {"zh": "相对提升", "en": "Relative lift"},
    "abtest.col.ci_rel": {"zh": "相对提升置信区间", "en": "CI of lift"},
    "abtest.col.p_value": {"zh": "p 值（校正后）", "en": "p-value (adjusted)"},
    "abtest.col.prob_beats": {"zh": "优于对照组的概率", "en": "P(beats control)"},
    "abtest.col.loss": {"zh": "预期损失", "en": "Expected loss"},
    "abtest.col.mean": {"zh": "均值", "en": "Mean"},
    "abtest.col.sd": {"zh": "标准差", "en": "SD"},
    "abtest.col.diff": {"zh": "差值", "en": "Difference"},
    "abtest.col.ci": {"zh": "差值置信区间", "en": "CI of difference"},
    "abtest.col.t": {"zh": "t 值", "en": "t"},
    "abtest.col.df": {"zh": "自由度", "en": "df"},
    "abtest.col.z": {"zh": "z 值", "en": "z"},
    "abtest.col.sequential_p": {"zh": "序贯 p 值（mSPRT）", "en": "Always-valid p (mSPRT)"},
    # checks and summary
    "abtest.srm.ok": {
        "zh": "样本比例检验（SRM）：未发现分流异常（χ² = {chi2}，p = {p}；"
        "p < {threshold} 才判为异常）",
        "en": "Sample ratio check (SRM): no mismatch (χ² = {chi2}, p = {p}; a mismatch is "
        "p < {threshold})",
    },
    "abtest.srm.mismatch": {
        "zh": "样本比例异常（SRM）：实际分流与计划不符（χ² = {chi2}，p = {p} < 0.001），"
        "结果不可信，请先排查分流与埋点",
        "en": "Sample ratio mismatch (SRM): the split differs from the plan (χ² = {chi2}, "
        "p = {p} < 0.001); do not trust the result before fixing assignment or tracking",
    },
    "abtest.warning.few_users": {
        "zh": "有组的用户数少于 100，结果很不稳定",
        "en": "A variant has fewer than 100 users: results are very unstable",
    },
    "abtest.warning.few_conversions": {
        "zh": "有组的转化数（或未转化数）少于 10，正态近似不可靠",
        "en": "A variant has fewer than 10 conversions (or non-conversions): the normal "
        "approximation is unreliable",
    },
    "abtest.summary.title": {"zh": "A/B 测试结果", "en": "A/B test result"},
    "abtest.summary.methods": {
        "zh": "方法：{test}（{alternative}，α = {alpha}，多重比较校正：{correction}）；"
        "差值置信区间：{ci}；贝叶斯：Beta(1,1) 先验，精确计算",
        "en": "Method: {test} ({alternative}, α = {alpha}, multiple comparisons: "
        "{correction}); CI of the difference: {ci}; Bayesian: Beta(1,1) priors, exact",
    },
    "abtest.alternative.two-sided": {"zh": "双侧检验", "en": "two-sided"},
    "abtest.alternative.greater": {
        "zh": "单侧检验：实验组 > 对照组",
        "en": "one-sided: variant > control",
    },
    "abtest.alternative.less": {
        "zh": "单侧检验：实验组 < 对照组",
        "en": "one-sided: variant < control",
    },
    "abtest.correction.holm": {"zh": "Holm", "en": "Holm"},
    "abtest.correction.bh": {"zh": "Benjamini-Hochberg", "en": "Benjamini-Hochberg"},
    "abtest.correction.none": {"zh": "无", "en": "none"},
    # page
    "abtest.caption": {
        "zh": "对照组 vs 实验组：转化率与均值指标的显著性检验、贝叶斯胜率、分流检查、样本量规划。"
        "第一个组是对照组。",
        "en": "Control vs variants: significance tests for conversion and continuous metrics, "
        "Bayesian chance to win, allocation checks and sample-size planning. The first variant "
        "is the control.",
    },
    "abtest.alpha": {"zh": "显著性水平 α", "en": "Significance level α"},
    "abtest.help.alpha": {
        "zh": "p 值低于 α 即判为显著；α = 0.05 对应 95% 置信区间（单侧检验时为 90% 双侧区间）。",
        "en": "A p-value below α is called significant; α = 0.05 gives 95% confidence "
        "intervals (90% two-sided intervals for a one-sided test).",
    },
    "abtest.alternative": {"zh": "检验方向", "en": "Test direction"},
    "abtest.help.alternative": {
        "zh": "双侧：检验实验组与对照组是否不同；单侧：只检验一个方向（须在实验前决定）。",
        "en": "Two-sided: is the variant different from the control? One-sided: only one "
        "direction (decide before the experiment starts).",
    },
    "abtest.correction": {"zh": "多重比较校正", "en": "Multiple-comparison correction"},
    "abtest.help.correction": {
        "zh": "多个实验组各自与对照组比较时校正 p 值：Holm 控制族错误率（默认），"
        "Benjamini-Hochberg 控制错误发现率。置信区间不做校正。",
        "en": "Adjusts p-values when several variants are each compared with the control: "
        "Holm controls the family-wise error (default), Benjamini-Hochberg the false discovery "
        "rate. Intervals are not adjusted.",
    },
    "abtest.weights": {"zh": "计划分流比例", "en": "Planned split"},
    "abtest.help.weights": {
        "zh": "各组计划流量占比，用逗号分隔，如 50,50 或 1,2,2；"
        "留空表示均分。用于样本比例（SRM）检验。",
        "en": "Planned share of traffic per variant, comma-separated, e.g. 50,50 or 1,2,2; "
        "empty means an even split. Used by the sample ratio (SRM) check.",
    },
    "abtest.bad_weights": {
        "zh": "分流比例须为逗号分隔的正数，已按均分处理",
        "en": "The planned split must be positive numbers separated by commas; an even split "
        "is used",
    },
    "abtest.tab.conversion": {"zh": "转化率指标", "en": "Conversion metric"},
    "abtest.tab.continuous": {"zh": "均值指标", "en": "Continuous metric"},
    "abtest.tab.planning": {"zh": "样本量规划", "en": "Planning"},
    "abtest.source": {"zh": "数据来源", "en": "Data source"},
    "abtest.source.manual": {"zh": "手动输入", "en": "Enter numbers"},
    "abtest.source.store": {"zh": "数据库中的实验", "en": "Experiment in the store"},
    "abtest.source.upload": {"zh": "上传用户明细文件", "en": "Upload a per-user file"},
    "abtest.variants": {"zh": "组数（含对照组）", "en": "Variants (incl. control)"},
    "abtest.variant_n": {"zh": "实验组 {n} 名称", "en": "Variant {n} name"},
    "abtest.visitors": {"zh": "访客数", "en": "Visitors"},
    "abtest.conversions": {"zh": "转化数", "en": "Conversions"},
    "abtest.experiment": {"zh": "实验", "en": "Experiment"},
    "abtest.no_experiments": {
        "zh": "数据库中还没有实验分组数据（experiment_assignments）"
        "。可在“数据”页导入，或手动输入。",
        "en": "The store has no experiment assignments yet. Import them on the Data page, or "
        "enter the numbers by hand.",
    },
    "abtest.upload": {"zh": "用户明细文件（CSV / Excel）", "en": "Per-user file (CSV / Excel)"},
    "abtest.help.upload": {
        "zh": "每行一个用户：用户 ID、分组，"
        "以及是否转化和/或数值指标（可选实验前指标用于 CUPED）。",
        "en": "One row per user: user ID, variant, and whether they converted and/or a value "
        "(optionally a pre-experiment value for CUPED).",
    },
    "abtest.col_user": {"zh": "用户 ID 列", "en": "User ID column"},
    "abtest.col_variant": {"zh": "分组列", "en": "Variant column"},
    "abtest.col_converted": {"zh": "转化列（是/否）", "en": "Converted column (yes/no)"},
    "abtest.col_value": {"zh": "数值指标列", "en": "Value column"},
    "abtest.col_covariate": {"zh": "实验前指标列（CUPED）", "en": "Pre-experiment column (CUPED)"},
    "abtest.col_consistency": {
        "zh": "须与分组一致的列（如落地页）",
        "en": "Column that must agree with the variant (e.g. landing page)",
    },
    "abtest.pick_columns": {
        "zh": "请选择用户 ID 列、分组列，以及转化列或数值列。",
        "en": "Pick the user ID and variant columns, and a converted or value column.",
    },
    "abtest.cleaning": {"zh": "正在清洗数据…", "en": "Cleaning the data…"},
    "abtest.cleaning_report": {
        "zh": "清洗：读入 {rows_in} 行；缺用户 ID 或分组 {missing} 行；"
        "与分组不一致 {inconsistent} 行已删除"
        "（指定一致性列时）；同时出现在多个组的用户 {mixed} 人已删除；"
        "重复记录 {duplicates} 行已去重；"
        "转化值无法识别 {bad} 行；剩余 {rows_out} 个用户。",
        "en": "Cleaning: {rows_in} rows read; {missing} without user ID or variant; "
        "{inconsistent} rows disagreeing with their variant removed; {mixed} users seen in "
        "several variants removed; {duplicates} repeated rows removed; {bad} unreadable "
        "conversion values; {rows_out} users left.",
    },
    "abtest.no_converted_column": {
        "zh": "未选择转化列：请在“均值指标”页查看数值指标的结果。",
        "en": "No converted column chosen: see the value's result on the Continuous metric tab.",
    },
    "abtest.control_is": {"zh": "对照组：{name}", "en": "Control: {name}"},
    "abtest.section.result": {"zh": "结果", "en": "Result"},
    "abtest.help.result": {
        "zh": "频率学派：合并方差两比例 z 检验；"
        "差值置信区间用 Newcombe（Wilson）法，相对提升区间用 "
        "Katz 对数法。贝叶斯：Beta(1,1) 先验，精确计算实验组优于对照组的概率。",
        "en": "Frequentist: pooled two-proportion z-test; CI of the difference by Newcombe "
        "(Wilson score), of the relative lift by the Katz log method. Bayesian: Beta(1,1) "
        "priors, exact probability that the variant beats the control.",
    },
    "abtest.section.checks": {"zh": "决策前检查", "en": "Checks before deciding"},
    "abtest.help.checks": {
        "zh": "样本比例（SRM）卡方检验、样本量是否过小、检验方向、多重比较与中途偷看结果的问题。",
        "en": "Sample ratio (SRM) chi-square test, too-small samples, test direction, multiple "
        "comparisons and peeking.",
    },
    "abtest.section.summary": {"zh": "复制到评审文档的摘要", "en": "Summary to copy"},
    "abtest.help.summary": {
        "zh": "Markdown 格式，点右上角按钮复制。",
        "en": "Markdown; copy it with the button at the top right.",
    },
    "abtest.bayes_note": {
        "zh": "后验分布：Beta(1 + 转化数, 1 + 未转化数)。"
        "预期损失 = 若实验组实际更差，上线它平均损失的转化率。",
        "en": "Posteriors: Beta(1 + conversions, 1 + non-conversions). Expected loss = the "
        "conversion rate lost on average by shipping the variant if it is in fact worse.",
    },
    "abtest.sidedness": {
        "zh": "检验方向：{alternative}；置信区间为 {level}% 双侧区间。",
        "en": "Test direction: {alternative}; intervals are {level}% two-sided intervals.",
    },
    "abtest.multiple": {
        "zh": "多个实验组：p 值已用 {correction} 校正。",
        "en": "Several variants: p-values adjusted with {correction}.",
    },
    "abtest.peeking": {
        "zh": "每天查看结果、一显著就停止，会大大增加误判。"
        "若要每天看，请以“序贯 p 值（mSPRT）”为准："
        "它在任意时刻查看都有效（混合序贯概率比检验，调优到对照组转化率 10% 的相对效应）。",
        "en": "Checking daily and stopping at the first significant result inflates false "
        "positives. If you look every day, use the always-valid p-value (mSPRT, mixture "
        "sequential probability ratio test, tuned to a 10% relative effect): it stays valid "
        "whenever you look.",
    },
    "abtest.chart.intervals": {
        "zh": "与对照组的差值及置信区间",
        "en": "Difference to control with confidence interval",
    },
    "abtest.chart.diff_axis": {"zh": "转化率差值", "en": "Difference in conversion rate"},
    "abtest.chart.posteriors": {"zh": "转化率后验分布", "en": "Posterior of the conversion rate"},
    "abtest.chart.sequential": {
        "zh": "每日累计数据的序贯 p 值（mSPRT）",
        "en": "Always-valid p-value on cumulative daily data (mSPRT)",
    },
    "abtest.chart.mean_intervals": {
        "zh": "均值差及置信区间",
        "en": "Difference in means with confidence interval",
    },
    "abtest.continuous_caption": {
        "zh": "人均收入、使用时长等：Welch t 检验（不假设方差相等）"
        "，输入均值、标准差、人数或原始数值。",
        "en": "Revenue per user, time spent …: Welch's t-test (unequal variances), from mean, "
        "standard deviation and n, or from raw values.",
    },
    "abtest.values_from_data": {
        "zh": "数值来自所选实验数据（缺失值按 0 计）。",
        "en": "Values from the selected experiment data (missing values count as 0).",
    },
    "abtest.cuped": {"zh": "使用 CUPED 降低方差", "en": "Reduce variance with CUPED"},
    "abtest.help.cuped": {
        "zh": "用实验前同一指标 x 调整：y − θ(x − x̄)，θ = cov(x, y)/var(x)，所有组合并估计。"
        "均值差的期望不变，方差约降低 corr(x, y)²。",
        "en": "Adjusts with the same metric before the experiment, x: y − θ(x − x̄), θ = "
        "cov(x, y)/var(x) over all variants. The expected difference is unchanged; the "
        "variance drops by about corr(x, y)².",
    },
    "abtest.cuped_result": {
        "zh": "CUPED：θ = {theta}，组内方差降低 {reduction}。",
        "en": "CUPED: θ = {theta}, within-variant variance reduced by {reduction}.",
    },
    "abtest.mean_input": {"zh": "输入方式", "en": "Input"},
    "abtest.mean_input.summary": {"zh": "均值、标准差、人数", "en": "Mean, SD, n"},
    "abtest.mean_input.raw": {"zh": "原始数值", "en": "Raw values"},
    "abtest.raw_values": {"zh": "数值（逗号或换行分隔）", "en": "Values (comma or line separated)"},
    "abtest.raw_bad": {
        "zh": "{count} 个值不是数字，已忽略",
        "en": "{count} values are not numbers and were ignored",
    },
    "abtest.summary.continuous": {"zh": "均值指标：", "en": "Continuous metric: "},
    # planning
    "abtest.plan_caption": {
        "zh": "实验前估算每组所需用户数和实验天数，或反过来：现有流量能检测到多小的效应。",
        "en": "Before the experiment: users per variant and days needed, or the other way "
        "round: the smallest effect your traffic can detect.",
    },
    "abtest.plan.baseline": {"zh": "基线转化率（%）", "en": "Baseline conversion rate (%)"},
    "abtest.help.baseline": {
        "zh": "对照组当前的转化率，如 10 表示 10%。",
        "en": "The control's current conversion rate, e.g. 10 for 10%.",
    },
    "abtest.plan.mde_kind": {"zh": "最小可检测效应（MDE）类型", "en": "Minimum detectable effect"},
    "abtest.plan.mde_kind.absolute": {
        "zh": "绝对值（百分点）",
        "en": "Absolute (percentage points)",
    },
    "abtest.plan.mde_kind.relative": {
        "zh": "相对值（% 的基线）",
        "en": "Relative (% of baseline)",
    },
    "abtest.help.mde": {
        "zh": "绝对：10% → 11% 是 +1 个百分点；相对：10% → 11% 是 +10%。两者都会显示。",
        "en": "Absolute: 10% → 11% is +1 percentage point; relative: 10% → 11% is +10%. Both "
        "are shown.",
    },
    "abtest.plan.mde.absolute": {"zh": "MDE（百分点）", "en": "MDE (percentage points)"},
    "abtest.plan.mde.relative": {"zh": "MDE（相对 %）", "en": "MDE (relative %)"},
    "abtest.plan.power": {"zh": "检验功效", "en": "Power"},
    "abtest.plan.traffic": {"zh": "每日进入实验的用户数", "en": "Users entering per day"},
    "abtest.help.traffic": {
        "zh": "所有组合计每天新进入实验的用户数，用于估算实验天数；0 表示不估算。",
        "en": "Users entering the experiment per day, all variants together, for the duration; "
        "0 skips it.",
    },
    "abtest.plan.sides": {"zh": "检验方向", "en": "Test direction"},
    "abtest.plan.sides.two-sided": {"zh": "双侧", "en": "Two-sided"},
    "abtest.plan.sides.one-sided": {"zh": "单侧", "en": "One-sided"},
    "abtest.plan.per_variant": {"zh": "每组用户数", "en": "Users per variant"},
    "abtest.plan.total": {"zh": "总用户数", "en": "Total users"},
    "abtest.plan.days": {"zh": "实验天数", "en": "Days"},
    "abtest.plan.target": {"zh": "目标转化率", "en": "Target rate"},
    "abtest.help.target": {
        "zh": "基线加上 MDE 后实验组的转化率。",
        "en": "The variant's rate: baseline plus the MDE.",
    },
    "abtest.plan.both_mdes": {
        "zh": "MDE：绝对 {absolute} 个百分点 = 相对 {relative}%（{baseline} → {target}）",
        "en": "MDE: absolute {absolute} pp = relative {relative}% ({baseline} → {target})",
    },
    "abtest.plan.formula": {"zh": "公式：{formula}", "en": "Formula: {formula}"},
    "abtest.plan.bonferroni": {
        "zh": "多个实验组：每次比较的 α 按 Bonferroni 取 {alpha}（对 Holm 校正是保守的）。",
        "en": "Several variants: each comparison uses α = {alpha} (Bonferroni, conservative "
        "for Holm).",
    },
    "abtest.plan.inverse": {
        "zh": "现有流量能检测的最小效应",
        "en": "Effect reachable with my traffic",
    },
    "abtest.help.inverse": {
        "zh": "同一公式反解：给定每组用户数，求功效达标时的最小提升（R power.prop.test 求 p2）。",
        "en": "The same formula solved the other way: the smallest rise detectable with the "
        "given users per variant (R power.prop.test solving for p2).",
    },
    "abtest.plan.means": {"zh": "均值指标的样本量", "en": "Sample size for a continuous metric"},
    "abtest.help.plan_means": {
        "zh": "如人均收入：两样本 z 检验，效应量 d = MDE ÷ 每用户标准差。",
        "en": "E.g. revenue per user: two-sample z-test on d = MDE ÷ standard deviation per user.",
    },
    "abtest.plan.mean_baseline": {"zh": "对照组均值", "en": "Control mean"},
    "abtest.plan.mean_mde": {
        "zh": "MDE（指标单位，绝对值）",
        "en": "MDE (in the metric's unit, absolute)",
    },
    "abtest.plan.mean_mdes": {
        "zh": "MDE：绝对 {absolute} = 相对 {relative}%",
        "en": "MDE: absolute {absolute} = relative {relative}%",
    },
    "abtest.plan.users_available": {"zh": "每组用户数", "en": "Users per variant"},
    "abtest.plan.inverse_result": {
        "zh": "最小可检测效应：绝对 +{absolute} 个百分点 = 相对 +{relative}%（目标转化率 {target}）"
        "",
        "en": "Minimum detectable effect: absolute +{absolute} pp = relative +{relative}% "
        "(target rate {target})",
    },
    # result tables
    "abtest.table.variant": {"zh": "组", "en": "Variant"},
    "abtest.table.users": {"zh": "用户数", "en": "Users"},
    "abtest.table.conversions": {"zh": "转化数", "en": "Conversions"},
    "abtest.table.rate": {"zh": "转化率", "en": "Conversion rate"},
    "abtest.table.abs_diff": {"zh": "差值", "en": "Δ vs control"},
    "abtest.table.ci_low": {"zh": "差值下限", "en": "Δ low"},
    "abtest.table.ci_high": {"zh": "差值上限", "en": "Δ high"},
    "abtest.table.rel_lift": {"zh": "相对提升", "en": "Relative lift"},
    "abtest.table.rel_low": {"zh": "提升下限", "en": "Lift low"},
    "abtest.table.rel_high": {"zh": "提升上限", "en": "Lift high"},
    "abtest.table.z": {"zh": "z 值", "en": "z"},
    "abtest.table.p_value": {"zh": "p 值", "en": "p-value"},
    "abtest.table.p_value_adjusted": {"zh": "校正后 p 值", "en": "Adjusted p"},
    "abtest.table.prob_beats": {"zh": "优于对照组的概率", "en": "P(beats control)"},
    "abtest.table.expected_loss": {"zh": "预期损失", "en": "Expected loss"},
    "abtest.table.sequential_p": {"zh": "序贯 p 值", "en": "Always-valid p"},
    "abtest.table.mean": {"zh": "均值", "en": "Mean"},
    "abtest.table.sd": {"zh": "标准差", "en": "SD"},
    "abtest.table.diff": {"zh": "均值差", "en": "Difference"},
    "abtest.table.t": {"zh": "t 值", "en": "t"},
    "abtest.table.df": {"zh": "自由度", "en": "df"},
    "abtest.table_help.variant": {"zh": "第一行是对照组", "en": "The first row is the control"},
    "abtest.table_help.users": {
        "zh": "分到该组的去重用户数（访客数）",
        "en": "Distinct users assigned to the variant (visitors)",
    },
    "abtest.table_help.conversions": {
        "zh": "转化的用户数（转化状态未知按未转化计）",
        "en": "Users who converted (unknown counts as not converted)",
    },
    "abtest.table_help.rate": {"zh": "转化率 = 转化数 ÷ 用户数", "en": "Conversions ÷ users"},
    "abtest.table_help.abs_diff": {
        "zh": "实验组转化率 − 对照组转化率（百分点）",
        "en": "Variant rate − control rate (percentage points)",
    },
    "abtest.table_help.ci_low": {
        "zh": "差值置信区间下限（Newcombe / Wilson 法）",
        "en": "Lower bound of the CI of the difference (Newcombe / Wilson score)",
    },
    "abtest.table_help.ci_high": {
        "zh": "差值置信区间上限（Newcombe / Wilson 法）",
        "en": "Upper bound of the CI of the difference (Newcombe / Wilson score)",
    },
    "abtest.table_help.rel_lift": {
        "zh": "相对提升 = 实验组 ÷ 对照组 − 1",
        "en": "Relative lift = variant ÷ control − 1",
    },
    "abtest.table_help.rel_low": {
        "zh": "相对提升置信区间下限（比值 Katz 对数法；均值指标用 delta 法）",
        "en": "Lower bound of the lift CI (Katz log ratio; delta method for means)",
    },
    "abtest.table_help.rel_high": {
        "zh": "相对提升置信区间上限（比值 Katz 对数法；均值指标用 delta 法）",
        "en": "Upper bound of the lift CI (Katz log ratio; delta method for means)",
    },
    "abtest.table_help.z": {
        "zh": "合并方差 z 统计量 = 差值 ÷ √(p̂(1−p̂)(1/n₁+1/n₂))",
        "en": "Pooled z = difference ÷ √(p̂(1−p̂)(1/n₁+1/n₂))",
    },
    "abtest.table_help.p_value": {
        "zh": "未校正的 p 值（转化率：合并两比例 z 检验；均值：Welch t 检验）",
        "en": "Unadjusted p-value (rates: pooled two-proportion z-test; means: Welch t-test)",
    },
    "abtest.table_help.p_value_adjusted": {
        "zh": "多重比较校正后的 p 值，用于判断显著",
        "en": "p-value after the multiple-comparison correction; decides significance",
    },
    "abtest.table_help.prob_beats": {
        "zh": "贝叶斯：实验组转化率高于对照组的后验概率（Beta(1,1) 先验，精确计算）",
        "en": "Bayesian: posterior probability that the variant's rate beats the control's "
        "(Beta(1,1) priors, exact)",
    },
    "abtest.table_help.expected_loss": {
        "zh": "上线该实验组的预期损失 E[max(对照 − 实验, 0)]，单位为转化率",
        "en": "Expected loss of shipping the variant, E[max(control − variant, 0)], in rate units",
    },
    "abtest.table_help.sequential_p": {
        "zh": "mSPRT 序贯 p 值：任意时刻查看都有效",
        "en": "mSPRT always-valid p-value: valid whenever you look",
    },
    "abtest.table_help.mean": {"zh": "人均值", "en": "Mean per user"},
    "abtest.table_help.sd": {
        "zh": "样本标准差（分母 n − 1）",
        "en": "Sample standard deviation (denominator n − 1)",
    },
    "abtest.table_help.diff": {
        "zh": "实验组均值 − 对照组均值",
        "en": "Variant mean − control mean",
    },
    "abtest.table_help.t": {
        "zh": "Welch t = 均值差 ÷ √(s₁²/n₁ + s₂²/n₂)",
        "en": "Welch t = difference ÷ √(s₁²/n₁ + s₂²/n₂)",
    },
    "abtest.table_help.df": {
        "zh": "Welch-Satterthwaite 自由度",
        "en": "Welch-Satterthwaite degrees of freedom",
    },
    # Issue 16: inputs start empty
    "abtest.enter_numbers": {
        "zh": "填入每组的数字后才会显示结果（输入框一开始是空的，不用示例数字下结论）。",
        "en": "Enter every group's numbers to see a result (the inputs start empty: nothing "
        "is concluded from example numbers).",
    },
    "abtest.placeholder.visitors": {"zh": "如 10,000", "en": "e.g. 10,000"},
    "abtest.placeholder.conversions": {"zh": "如 1,000", "en": "e.g. 1,000"},
    "abtest.placeholder.mean": {"zh": "如 50.0", "en": "e.g. 50.0"},
    "abtest.placeholder.sd": {"zh": "如 20.0", "en": "e.g. 20.0"},
}
