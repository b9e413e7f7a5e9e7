"""UI text of the data area (import, history, demo data)."""

MESSAGES: dict[str, dict[str, str]] = {
    "data.title": {"zh": "数据", "en": "Data"},
    "data.import.title": {"zh": "导入文件", "en": "Import a file"},
    "data.import.help": {
        "zh": "上传 CSV、TSV、TXT 或 Excel（.xlsx）导出文件。编码（UTF-8、GBK、UTF-16）、分隔符、"
        "换行符和表头会自动识别。上限 {limit} MB。",
        "en": "Upload a CSV, TSV, TXT or Excel (.xlsx) export. Encoding (UTF-8, GBK, UTF-16), "
        "delimiter, line endings and the header row are detected. Limit {limit} MB.",
    },
    "data.import.file": {"zh": "选择文件", "en": "Choose a file"},
    "data.import.kind": {"zh": "这是什么数据", "en": "What is in this file"},
    "data.import.kind_help": {
        "zh": "根据列名猜测，请确认。",
        "en": "Guessed from the column names; please check.",
    },
    "data.kind.users": {"zh": "用户（注册）", "en": "Users (sign-ups)"},
    "data.kind.events": {"zh": "行为事件", "en": "Events"},
    "data.kind.contents": {"zh": "内容", "en": "Contents"},
    "data.kind.content_stats": {"zh": "内容数据（每日）", "en": "Content stats (per day)"},
    "data.kind.campaigns": {"zh": "活动", "en": "Campaigns"},
    "data.kind.campaign_stats": {"zh": "活动数据（每日）", "en": "Campaign stats (per day)"},
    "data.kind.orders": {"zh": "订单（订单行）", "en": "Orders (order lines)"},
    "data.kind.experiment_assignments": {"zh": "A/B 实验分组", "en": "A/B test assignments"},
    "data.kind.channel_stats": {
        "zh": "流量渠道数据（访客、转化、客单价）",
        "en": "Channel stats (traffic: visitors, conversion, AOV)",
    },
    "data.kind.demo": {"zh": "演示数据", "en": "Demo data"},
    "data.detected": {
        "zh": "识别结果：编码 {encoding}，分隔符 {delimiter}，{header}，{rows} 行数据。",
        "en": "Detected: encoding {encoding}, delimiter {delimiter}, {header}, {rows} data rows.",
    },
    "data.header_yes": {"zh": "有表头", "en": "header row"},
    "data.header_no": {"zh": "无表头（按列位置映射）", "en": "no header row (map by position)"},
    "data.replaced": {
        "zh": "有 {count} 个字符无法解码，已替换为 \ufffd。",
        "en": "{count} character(s) could not be decoded and were replaced by \ufffd.",
    },
    "data.preview": {"zh": "预览（前 {rows} 行）", "en": "Preview (first {rows} rows)"},
    "data.options": {"zh": "读取选项", "en": "Reading options"},
    "data.has_header": {"zh": "第一行是表头", "en": "The first row is a header"},
    "data.day_first": {
        "zh": "日期先写日（31/01/2024）",
        "en": "Dates are written day first (31/01/2024)",
    },
    "data.mapping.title": {"zh": "列映射", "en": "Column mapping"},
    "data.mapping.help": {
        "zh": "已按列名自动匹配（中英文别名，忽略大小写和空格）。必填字段标有 *。",
        "en": "Pre-filled from the column names (English and Chinese aliases, case and spaces "
        "ignored). Required fields are marked *.",
    },
    "data.mapping.ignore": {"zh": "— 不导入 —", "en": "— do not import —"},
    "data.mapping.keep_property": {
        "zh": "— 不作字段，保留为属性 —",
        "en": "— no field: kept as a property —",
    },
    "data.properties.title": {"zh": "保留为属性的列", "en": "Columns kept as properties"},
    "data.properties.help": {
        "zh": "没有映射到字段的列不会丢弃：每行的这些值作为「属性」保存，可在各页面的筛选和"
        "拆分中使用（如国家、省份、年龄、性别）。可改名，或取消勾选不导入。",
        "en": "Columns mapped to no field are not dropped: each row keeps their values as "
        "properties, usable as filters and breakdowns on every page (country, province, age, "
        "gender ...). Rename them, or untick to leave a column out.",
    },
    "data.properties.keep": {"zh": "保留", "en": "Keep"},
    "data.properties.column": {"zh": "文件列", "en": "File column"},
    "data.properties.name": {"zh": "属性名", "en": "Property name"},
    "data.properties.type": {"zh": "识别类型", "en": "Detected type"},
    "data.property_type.text": {"zh": "文本", "en": "text"},
    "data.property_type.number": {"zh": "数值", "en": "number"},
    "data.property_type.date": {"zh": "日期", "en": "date"},
    "data.mapping.saved": {"zh": "使用已保存的映射", "en": "Use a saved mapping"},
    "data.mapping.none": {"zh": "（自动）", "en": "(automatic)"},
    "data.mapping.save_name": {"zh": "保存映射为", "en": "Save this mapping as"},
    "data.mapping.save": {"zh": "保存映射", "en": "Save mapping"},
    "data.mapping.saved_ok": {"zh": "已保存映射「{name}」。", "en": "Mapping “{name}” saved."},
    "data.as_of_date": {
        "zh": "数据日期（文件中没有日期列时）",
        "en": "As-of date (the file has no date column)",
    },
    "data.experiment_name": {"zh": "实验名称", "en": "Experiment name"},
    "data.check": {"zh": "检查文件", "en": "Check the file"},
    "data.summary": {
        "zh": "读取 {read} 行：{good} 行有效，{bad} 行有问题。",
        "en": "{read} rows read: {good} valid, {bad} with problems.",
    },
    "data.summary.orders": {
        "zh": "其中 {refunds} 行是退款（退货、取消单或有退款金额），按退款计；{left_out} 行不是销售"
        "也不是退款（调整、零金额、运费/手续费等），不计入收入，在收入页“未计入”中列出。",
        "en": "Of these, {refunds} lines are refunds (returns, cancellation invoices or a refund "
        "amount) and count as refunds; {left_out} lines are neither sales nor refunds "
        "(adjustments, zero amounts, postage and fees) and are left out of revenue, listed "
        'under "Left out" on the Revenue page.',
    },
    "data.currency.label": {"zh": "金额的货币", "en": "Currency of the amounts"},
    "data.currency.help": {
        "zh": "一个库只有一种货币：第一个含金额的文件决定它，页面上的金额都用它的符号显示。",
        "en": "A store holds one currency: the first file with money sets it, and every page "
        "shows amounts with its symbol.",
    },
    "data.currency.unknown": {"zh": "（未识别，请选择）", "en": "(not detected: choose)"},
    "data.currency.detected": {
        "zh": "金额货币：{code}（{how}）。",
        "en": "Currency of the amounts: {code} ({how}).",
    },
    "data.currency.unsure": {
        "zh": "无法确定这个文件金额的货币，请选择：",
        "en": "The currency of this file's amounts is not certain; choose it:",
    },
    "data.currency.mismatch": {
        "zh": "这个文件看起来是 {file_currency}，但库里的金额是 {store}。"
        "如果它其实也是 {store}，请勾选下面的选项；否则导入会被拒绝。",
        "en": "This file looks like {file_currency}, but the store's amounts are in {store}. "
        "If it is in {store} after all, tick the box below; otherwise the import is refused.",
    },
    "data.currency.same": {
        "zh": "这个文件的金额也是 {store}",
        "en": "This file's amounts are in {store} too",
    },
    "data.currency.source.column": {"zh": "来自货币列", "en": "from the currency column"},
    "data.currency.source.cells": {
        "zh": "来自金额里的货币符号",
        "en": "from symbols in the amounts",
    },
    "data.currency.source.header": {"zh": "来自列名", "en": "from a column header"},
    "data.currency.source.known_export": {
        "zh": "已知的导出格式（如 UCI Online Retail 为英镑）",
        "en": "a known export (e.g. UCI Online Retail is in pounds)",
    },
    "data.currency.source.chinese_header": {
        "zh": "中文列名，推测为人民币",
        "en": "Chinese headers, probably yuan",
    },
    "data.currency.source.store": {"zh": "库的货币", "en": "the store's currency"},
    "data.problems": {
        "zh": "前 {shown} 个问题（共 {total} 个）",
        "en": "First {shown} problems (of {total})",
    },
    "data.problems_download": {"zh": "下载全部问题（CSV）", "en": "Download all problems (CSV)"},
    "data.col.row": {"zh": "行号", "en": "Line"},
    "data.col.column": {"zh": "列", "en": "Column"},
    "data.col.message": {"zh": "问题", "en": "Problem"},
    "data.bad_rows": {"zh": "有问题的行", "en": "Rows with problems"},
    "data.bad_rows.reject": {
        "zh": "拒绝整个文件（推荐：修正后重新上传）",
        "en": "Reject the whole file (recommended: fix it and upload again)",
    },
    "data.bad_rows.skip": {"zh": "只导入有效行", "en": "Import the valid rows only"},
    "data.mode": {"zh": "导入方式", "en": "Mode"},
    "data.mode.append": {
        "zh": "追加（相同记录不会重复导入）",
        "en": "Append (rows already stored are not added twice)",
    },
    "data.mode.replace": {
        "zh": "替换（先删除该类数据的全部现有记录）",
        "en": "Replace (first delete every stored row of this kind)",
    },
    "data.import.button": {"zh": "导入", "en": "Import"},
    "data.import.rejected": {
        "zh": "文件未导入：{bad} 行有问题，没有写入任何数据。请修正文件，或选择「只导入有效行」。",
        "en": "The file was not imported: {bad} rows have problems; nothing was written. Fix "
        "the file, or choose “Import the valid rows only”.",
    },
    "data.import.done": {
        "zh": "已导入批次 {batch}：读取 {read} 行，导入 {imported} 行，已存在 {duplicate} 行，"
        "跳过 {rejected} 行。",
        "en": "Imported as batch {batch}: {read} rows read, {imported} imported, {duplicate} "
        "already stored, {rejected} skipped.",
    },
    "data.history.title": {"zh": "导入历史", "en": "Import history"},
    "data.history.empty": {"zh": "还没有导入记录。", "en": "No imports yet."},
    "data.history.col.id": {"zh": "批次", "en": "Batch"},
    "data.history.col.kind": {"zh": "数据", "en": "Data"},
    "data.history.col.file": {"zh": "文件", "en": "File"},
    "data.history.col.read": {"zh": "读取", "en": "Read"},
    "data.history.col.imported": {"zh": "导入", "en": "Imported"},
    "data.history.col.duplicate": {"zh": "已存在", "en": "Already stored"},
    "data.history.col.rejected": {"zh": "有问题", "en": "Rejected"},
    "data.history.col.by": {"zh": "操作人", "en": "By"},
    "data.history.col.at": {"zh": "时间（UTC）", "en": "When (UTC)"},
    "data.history.col.status": {"zh": "状态", "en": "Status"},
    "data.history.undone": {"zh": "已撤销", "en": "Undone"},
    "data.history.active": {"zh": "有效", "en": "Active"},
    "data.undo.choose": {"zh": "撤销批次", "en": "Batch to undo"},
    "data.undo.help": {
        "zh": "删除该批次写入的所有行。之后被其他批次更新过的行属于那个批次，不会被删除；"
        "「替换」导入删除的旧数据不会恢复。",
        "en": "Removes every row the batch wrote. Rows a later batch updated belong to that "
        "batch and stay; rows a “replace” import deleted do not come back.",
    },
    "data.undo.button": {"zh": "撤销", "en": "Undo"},
    "data.undo.done": {
        "zh": "已撤销批次 {batch}，删除 {rows} 行。",
        "en": "Batch {batch} undone: {rows} rows removed.",
    },
    "data.demo.title": {"zh": "演示数据", "en": "Demo data"},
    "data.demo.help": {
        "zh": "一个虚构产品的 {users} 个用户、{days} 天的数据，用于试用各页面。",
        "en": "A fictional product with {users} users over {days} days, to try every page.",
    },
    "data.demo.load": {"zh": "加载演示数据", "en": "Load demo data"},
    "data.demo.reset": {
        "zh": "清空全部数据并重新加载演示数据",
        "en": "Delete all data and reload the demo",
    },
    "data.demo.confirm": {
        "zh": "我明白这会删除全部已导入的数据",
        "en": "I understand this deletes all imported data",
    },
    "data.demo.done": {"zh": "演示数据已加载。", "en": "Demo data loaded."},
    "data.problem.not_number": {"zh": "“{value}” 不是数字", "en": "“{value}” is not a number"},
    "data.problem.not_integer": {
        "zh": "“{value}” 不是整数",
        "en": "“{value}” is not a whole number",
    },
    "data.problem.not_time": {
        "zh": "“{value}” 不是可识别的日期时间",
        "en": "“{value}” is not a date and time opsdash can read",
    },
    "data.problem.not_date": {
        "zh": "“{value}” 不是可识别的日期",
        "en": "“{value}” is not a date opsdash can read",
    },
    "data.problem.not_boolean": {
        "zh": "“{value}” 不是是/否（TRUE/FALSE、1/0、是/否）",
        "en": "“{value}” is not yes/no (TRUE/FALSE, 1/0, 是/否)",
    },
    "data.problem.missing": {"zh": "必填值为空", "en": "this required value is empty"},
    "data.problem.negative": {
        "zh": "“{value}” 是负数，该字段不能小于 0",
        "en": "“{value}” is negative; this number cannot be below zero",
    },
    "data.problem.below_one": {
        "zh": "“{value}”：行号从 1 开始",
        "en": "“{value}”: line numbers start at 1",
    },
    "data.problem.formula": {
        "zh": "“{value}” 是电子表格公式而不是值；请导出数值",
        "en": "“{value}” is a spreadsheet formula, not a value; export values instead",
    },
    "data.problem.end_before_start": {
        "zh": "结束日期早于开始日期",
        "en": "the end date is before the start date",
    },
    "data.problem.line_too_long": {
        "zh": "这一行长 {value} KB，超过上限：可能缺了一个引号，或文件不是表格导出",
        "en": "This line is {value} KB long, over the limit: a quote may be missing, or the "
        "file is not a table export",
    },
    "data.problem.line_cut_off": {
        "zh": "最后一行只有 {value} 个值：文件似乎不完整，请重新导出",
        "en": "The last line has only {value} values: the file seems to be cut off; export it "
        "again",
    },
    "data.problem.line_width": {
        "zh": "这一行有 {value} 个值，与表头的列数不一致",
        "en": "This line has {value} values, not as many as the header has columns",
    },
    "data.problem.rate_above_one": {
        "zh": "“{value}” 超过 100%；比率请写成 9.98% 或 0.0998",
        "en": "“{value}” is above 100%; write rates as 9.98% or 0.0998",
    },
    "data.problem.duplicate_key": {
        "zh": "{value} 在文件中重复出现",
        "en": "{value} appears again in this file",
    },
    "data.snapshots.detected": {
        "zh": "这些数字看起来是累计总数（快照）：{items} 个条目有多个日期，{steps} 个相邻日期间"
        "的变化中每个计数都没有下降。",
        "en": "These look like lifetime totals (snapshots): {items} items have several dates, "
        "and across {steps} steps between consecutive dates no counter goes down.",
    },
    "data.snapshots.question": {
        "zh": "文件中的数字是累计总数（快照）吗？",
        "en": "Are the numbers in this file lifetime totals (snapshots)?",
    },
    "data.snapshots.yes": {
        "zh": "是：累计总数，按相邻日期的增长计算",
        "en": "Yes: lifetime totals, count the growth between dates",
    },
    "data.snapshots.no": {
        "zh": "否：每天的数字，直接相加",
        "en": "No: the numbers of each day, add them up",
    },
    "data.snapshots.help": {
        "zh": "累计总数：每个条目的第一个快照只作基数（不算增长），之后每个快照计入与上一个快照"
        "的差。一段时间的阅读量 = 期末（含）最后一个快照 − 期初前最后一个快照（没有时取期内第一个"
        "快照）。判断依据：每个条目各计数随日期不下降（允许最多 1% 的下降）。",
        "en": "Lifetime totals: an item's first snapshot is only its baseline (not growth); each "
        "later snapshot counts as its difference to the previous one. Views in a period = the "
        "last snapshot on or before its end − the last snapshot before its start (or, when "
        "there is none, the item's first snapshot in the period). Detected when every counter "
        "of every item does not go down across dates (at most 1% of steps may).",
    },
    # issue 18: an undo that later batches depend on
    "data.undo.plan": {
        "zh": "撤销批次 {batch} 将删除 {removed}。{kept}会保留：之后的批次 {later} "
        "把它们算作已存在的重复行，撤销后它们归属于批次 {newest}。",
        "en": "Undoing batch {batch} removes {removed}. {kept} stay: later batches {later} "
        "counted them as already present; they will belong to batch {newest}.",
    },
    "data.undo.rows": {"zh": "{rows} 行{kind}", "en": "{rows} {kind} rows"},
    "data.undo.no_rows": {"zh": "0 行", "en": "no rows"},
    # h16state: re-import, undo confirmation, progress, demo data
    "data.import.nothing_new": {
        "zh": "没有新数据：文件中 {duplicate} 行有效数据已全部原样存在，未创建导入批次。",
        "en": "Nothing new: all {duplicate} valid rows of the file are already stored as they "
        "are; no import batch was made.",
    },
    "data.undo.preview": {
        "zh": "撤销批次 {batch}（文件「{file}」）将删除：{rows}。确定撤销吗？",
        "en": "Undoing batch {batch} (file {file}) removes {rows}. Undo it?",
    },
    "data.undo.preview.part": {"zh": "{rows} 行{kind}", "en": "{rows} rows of {kind}"},
    "data.undo.preview.nothing": {
        "zh": "批次 {batch}（文件「{file}」）已没有自己的数据行（都已被后来的导入更新）；"
        "撤销只会把它标记为已撤销。",
        "en": "Batch {batch} (file {file}) owns no rows any more (later imports updated them "
        "all); undoing it only marks it undone.",
    },
    "data.undo.confirm": {"zh": "确认撤销", "en": "Yes, undo"},
    "data.undo.cancel": {"zh": "取消", "en": "Cancel"},
    "data.progress.checking": {"zh": "正在读取并检查文件…", "en": "Reading and checking the file…"},
    "data.progress.importing": {"zh": "正在导入…", "en": "Importing…"},
    "data.progress.read": {"zh": "已读取 {rows} 行", "en": "{rows} rows read"},
    "data.progress.validated": {"zh": "已检查 {rows} 行", "en": "{rows} rows validated"},
    "data.progress.writing": {"zh": "正在写入 {rows} 行…", "en": "Writing {rows} rows…"},
    "data.progress.written": {"zh": "已写入 {rows} 行", "en": "{rows} rows written"},
    "data.demo.marker": {
        "zh": "当前显示的是演示数据（虚构）。",
        "en": "These are demo data (fictional).",
    },
    "data.demo.marker_mixed": {
        "zh": "存储中混有演示数据（虚构）：可在「数据」页删除。",
        "en": "The store mixes in demo data (fictional): remove it on the Data page.",
    },
    "data.demo.mixed": {
        "zh": "存储中有演示数据。导入后它会与你的数据混在一起。",
        "en": "The store holds demo data. Imported data would mix with it.",
    },
    "data.demo.remove_first": {
        "zh": "导入前删除演示数据",
        "en": "Remove the demo data before importing",
    },
    "data.demo.removed": {
        "zh": "已删除演示数据（{rows} 行）。",
        "en": "Removed the demo data ({rows} rows).",
    },
}

# Hostile files (issue 18): bounds of stored values, formats decided per column.
MESSAGES.update(
    {
        "data.problem.date_out_of_bounds": {
            "zh": "“{value}” 超出可保存的日期范围（1900-01-01 至 2100-12-31）",
            "en": "“{value}” is outside the dates opsdash stores (1900-01-01 to 2100-12-31)",
        },
        "data.problem.number_out_of_bounds": {
            "zh": "“{value}” 超出可保存的最大数值（计数 ±9,007,199,254,740,991，金额 ±10^15）",
            "en": "“{value}” is beyond the largest number opsdash stores "
            "(±9,007,199,254,740,991 for counts, ±10^15 for amounts)",
        },
        "data.problem.too_long": {
            "zh": "值超过 255 个字符，ID 或名称最多 255 个字符",
            "en": "the value is longer than 255 characters, the most an ID or name may have",
        },
        "data.problem.nul_byte": {
            "zh": "单元格含有 NUL 字符（\\x00），这不是文本；请重新导出文件",
            "en": "the cell holds a NUL character (\\x00), which is not text; export the file "
            "again",
        },
        "data.formats": {
            "zh": "各列识别的格式：{formats}",
            "en": "Formats read per column: {formats}",
        },
        "data.ambiguous_columns": {
            "zh": "{columns} 都可能是 {field}：请确认下方映射选的是正确的一列。",
            "en": "{columns} could all be {field}: check that the mapping below uses the right "
            "one.",
        },
    }
)
