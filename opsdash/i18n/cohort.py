"""UI text of cohorts (用户分群): the sidebar picker, save-as-cohort forms, the cohort list."""

MESSAGES: dict[str, dict[str, str]] = {
    "cohort.pick": {"zh": "用户分群", "en": "Cohort"},
    "cohort.pick.help": {
        "zh": "只统计所选分群中的用户（与其他分群筛选同时生效）。静态分群：保存时的用户名单；"
        "动态分群：每次读取时按规则重新计算。",
        "en": "Only the users of the chosen cohort count (together with the other segment "
        "filters). Static: the users at the time it was saved; dynamic: a rule re-evaluated "
        "on every read.",
    },
    "cohort.kind.static": {
        "zh": "静态分群（保存时的用户名单）",
        "en": "Static cohort (saved users)",
    },
    "cohort.kind.dynamic": {
        "zh": "动态分群（每次按规则重新计算）",
        "en": "Dynamic cohort (rule re-evaluated on every read)",
    },
    "cohort.missing": {
        "zh": "分群「{name}」已不存在：没有匹配的用户。",
        "en": "Cohort {name} no longer exists: no users match.",
    },
    "cohort.save": {"zh": "保存为用户分群", "en": "Save as cohort"},
    "cohort.name": {"zh": "分群名称", "en": "Cohort name"},
    "cohort.save_button": {"zh": "保存分群", "en": "Save cohort"},
    "cohort.saved": {
        "zh": "已保存分群「{name}」（{kind}，{users} 位用户）；可在侧边栏「用户分群」中选择。",
        "en": "Saved cohort {name} ({kind}, {users} users); pick it in the sidebar's Cohort.",
    },
    "cohort.kind_short.static": {"zh": "静态", "en": "static"},
    "cohort.kind_short.dynamic": {"zh": "动态", "en": "dynamic"},
    "cohort.link": {"zh": "路径流转", "en": "Transition"},
    "cohort.link_option": {
        "zh": "第 {step} 步：{source} → {target}（{users} 人）",
        "en": "Step {step}: {source} → {target} ({users} users)",
    },
    "cohort.funnel_step": {"zh": "漏斗步骤", "en": "Funnel step"},
    "cohort.funnel_outcome": {"zh": "用户", "en": "Users"},
    "cohort.funnel_outcome.converted": {"zh": "到达该步的用户", "en": "Reached this step"},
    "cohort.funnel_outcome.dropped": {
        "zh": "到达该步但未到下一步的用户",
        "en": "Reached it, dropped before the next",
    },
    "cohort.section": {"zh": "用户分群", "en": "Cohorts"},
    "cohort.section.help": {
        "zh": "已保存的用户分群及当前人数（动态分群按规则现算）。从漏斗步骤、路径流转或当前侧边栏"
        "筛选保存分群需要编辑或管理员权限；下载的 CSV 含用户字段和属性。",
        "en": "Saved cohorts with their current size (dynamic ones evaluated now). Saving from "
        "a funnel step, a path link or the sidebar's current filters needs the editor or "
        "admin role; the CSV download holds the users' fields and properties.",
    },
    "cohort.none": {"zh": "还没有保存的用户分群。", "en": "No cohorts saved yet."},
    "cohort.from_filters": {
        "zh": "把侧边栏当前的渠道/平台/地区和属性筛选保存为动态分群",
        "en": "Save the sidebar's channel/platform/region and property filters as a dynamic cohort",
    },
    "cohort.no_filters": {
        "zh": "先在侧边栏选择渠道、平台、地区或属性筛选。",
        "en": "Pick a channel, platform, region or property filter in the sidebar first.",
    },
    "cohort.from_file": {
        "zh": "上传用户 ID 名单（CSV）保存为静态分群",
        "en": "Save an uploaded list of user IDs (CSV) as a static cohort",
    },
    "cohort.file": {"zh": "用户 ID 文件", "en": "File of user IDs"},
    "cohort.file.help": {
        "zh": "读取第一列；表头可有可无（如 user_id、用户ID）；UTF-8 或 GB18030。",
        "en": "The first column is read; a header (user_id, uid ...) is optional; UTF-8 or "
        "GB18030.",
    },
    "cohort.choose": {"zh": "分群", "en": "Cohort"},
    "cohort.delete": {"zh": "删除分群", "en": "Delete cohort"},
    "cohort.deleted": {"zh": "已删除分群「{name}」。", "en": "Deleted cohort {name}."},
    "cohort.col.name": {"zh": "名称", "en": "Name"},
    "cohort.col.kind": {"zh": "类型", "en": "Kind"},
    "cohort.col.users": {"zh": "用户数", "en": "Users"},
    "cohort.col.created_by": {"zh": "创建人", "en": "Created by"},
    "cohort.col.created_at": {"zh": "创建时间（UTC）", "en": "Created (UTC)"},
    "cohort.nobody": {"zh": "没有用户可保存。", "en": "No users to save."},
    # error.<code> of the UserErrors of opsdash.cohorts and opsdash.metrics.paths (kept in this
    # module so error.py stays untouched; the catalog is one namespace)
    "error.cohort_rule": {
        "zh": "规则 {rule} 无法识别：请写成 字段=值，或 signup_date>=YYYY-MM-DD / <=。",
        "en": "Rule {rule} is not understood: write FIELD=VALUE or signup_date>=/<=YYYY-MM-DD.",
    },
    "error.cohort_file_encoding": {
        "zh": "{file} 不是 UTF-8 或 GB18030 编码的文本。",
        "en": "{file} is not UTF-8 or GB18030 text.",
    },
    "error.cohort_file_row": {
        "zh": "{file} 第 {row} 行第 1 列：用户 ID 为空。",
        "en": "{file}: row {row}, column 1: empty user ID.",
    },
    "error.cohort_file_empty": {
        "zh": "{file} 的第一列没有用户 ID。",
        "en": "{file}: no user IDs in the first column.",
    },
    "error.cohort_name": {
        "zh": "分群名称需要 1 到 100 个字符。",
        "en": "A cohort name has 1 to 100 characters.",
    },
    "error.cohort_source": {
        "zh": "请给出规则或用户名单（二选一）。",
        "en": "Give either a rule or a list of users.",
    },
    "error.cohort_exists": {
        "zh": "已有名为「{name}」的分群，请换一个名称。",
        "en": "A cohort named {name} exists already; choose another name.",
    },
    "error.cohort_size": {
        "zh": "一个分群最多 {max} 位用户。",
        "en": "A cohort has at most {max} users.",
    },
    "error.unknown_cohort": {
        "zh": "没有名为「{name}」的分群（现有：{known}）。",
        "en": "No cohort named {name} (cohorts: {known}).",
    },
    "error.paths_steps": {"zh": "步数需为 1 到 10。", "en": "Steps must be 1 to 10."},
    "error.paths_session": {
        "zh": "会话间隔至少 1 分钟。",
        "en": "The session gap is at least 1 minute.",
    },
    "error.paths_top": {"zh": "每步流转数至少为 1。", "en": "Top must be at least 1."},
    "error.paths_anchor": {
        "zh": "请只给出一个起始事件或结束事件。",
        "en": "Give exactly one of a start event and an end event.",
    },
    # save as cohort from a retention cell, a lifecycle bar (Users page)
    "cohort.retention_cohort": {"zh": "同期群", "en": "Cohort"},
    "cohort.retention_period": {"zh": "第 N 期", "en": "Period N"},
    "cohort.retention_outcome": {"zh": "用户", "en": "Users"},
    "cohort.retention_outcome.retained": {"zh": "该期留存的用户", "en": "Retained in it"},
    "cohort.retention_outcome.not_retained": {
        "zh": "该期未留存的用户",
        "en": "Not retained in it",
    },
    "cohort.retention_name.retained": {
        "zh": "{cohort} 同期群第 {n} 期（{period}）留存",
        "en": "{cohort} cohort, {period} {n} retained",
    },
    "cohort.retention_name.not_retained": {
        "zh": "{cohort} 同期群第 {n} 期（{period}）未留存",
        "en": "{cohort} cohort, {period} {n} not retained",
    },
    "cohort.lifecycle_period": {"zh": "周期", "en": "Period"},
    "cohort.lifecycle_bucket": {"zh": "生命周期分类", "en": "Lifecycle bucket"},
}
