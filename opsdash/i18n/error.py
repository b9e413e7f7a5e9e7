"""Messages of refused input and actions (:class:`opsdash.errors.UserError` codes): the key
``error.<code>`` is formatted with the error's values (opsdash.i18n.error_text; an import's
refusals through opsdash.ingest.messages.error_text, which names fields and kinds)."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.unclosed_quote": {
        "zh": '第 {line} 行有一个引号（"）没有闭合，其后的 {swallowed} 行会被读成同一个单元格。'
        "请闭合或删除这个引号后重新导出。",
        "en": 'Line {line} opens a quote (") that never closes, so the {swallowed} lines after '
        "it would be read as one cell. Close or remove that quote and export again.",
    },
    "error.file_too_large": {
        "zh": "文件大小 {size} MB，超过上限 {limit} MB。请拆分成更小的文件（例如每月一个）。",
        "en": "The file is {size} MB; the limit is {limit} MB. Split it into smaller files "
        "(for example one per month).",
    },
    "error.file_empty": {"zh": "文件是空的。", "en": "The file is empty."},
    "error.not_a_table": {
        "zh": "这是{what_zh}，不是表格导出文件（CSV 或 .xlsx）。",
        "en": "This is {what}, not a table export (CSV or .xlsx).",
    },
    "error.binary_data": {
        "zh": "这个文件不像表格导出：其中含有二进制数据。请上传 CSV、TSV、TXT 或 .xlsx 文件。",
        "en": "This file does not look like a table export: it contains binary data. Upload a "
        "CSV, TSV, TXT or .xlsx file.",
    },
    "error.web_page": {
        "zh": "这个文件是网页（HTML），不是表格导出。导出可能失败了或返回了登录页："
        "请重新下载 CSV 或 .xlsx。",
        "en": "This file is a web page (HTML), not a table export. The export may have failed or "
        "returned a login page: download it again as CSV or .xlsx.",
    },
    "error.unknown_encoding": {
        "zh": "未知的编码 {encoding}。",
        "en": "Unknown encoding {encoding}.",
    },
    "error.wrong_encoding": {
        "zh": "文件不是有效的 {encoding} 文本（第 {byte} 字节）。编码留空即可自动识别。",
        "en": "The file is not valid {encoding} text (byte {byte}). Leave the encoding empty to "
        "detect it.",
    },
    "error.encoding_not_recognised": {
        "zh": "无法识别文件的文字编码（不是 UTF-8、GBK/GB18030 或 UTF-16）。请在 Excel 中另存为"
        "“CSV UTF-8”，或指定编码（例如 --encoding latin-1）。",
        "en": "The file's text encoding could not be recognised (it is not UTF-8, GBK/GB18030 or "
        'UTF-16). Save it from Excel as "CSV UTF-8", or name the encoding (for example '
        "--encoding latin-1).",
    },
    "error.damaged_text": {
        "zh": "文件看起来是 {label} 文本，但在第 {byte} 字节处损坏，可能不完整。请重新导出。",
        "en": "The file looks like {label} text but is damaged at byte {byte}; it may be "
        "truncated. Export it again.",
    },
    "error.header_only": {
        "zh": "文件只有表头，没有数据行。",
        "en": "The file has a header row but no data rows.",
    },
    "error.no_rows": {"zh": "文件没有数据行。", "en": "The file has no data rows."},
    "error.bad_workbook": {
        "zh": "这不是可读取的 Excel 工作簿（.xlsx），可能已损坏或不完整。"
        "请在 Excel 中重新保存，或导出 CSV。",
        "en": "This file is not a readable Excel workbook (.xlsx); it may be damaged or "
        "truncated. Save it again from Excel, or export CSV.",
    },
    "error.empty_sheet": {
        "zh": "工作簿的第一个工作表是空的。",
        "en": "The workbook's first sheet is empty.",
    },
    "error.unknown_dimension": {
        "zh": "“{name}” 既不是这些数据的字段或属性，也不是其用户的字段或属性；可选：{known}。",
        "en": "{name} is neither a field nor a property of these rows (or of their users); "
        "choose one of: {known}.",
    },
    "error.unknown_user_filter": {
        "zh": "“{name}” 既不是用户字段也不是用户属性；可选：{known}。",
        "en": "{name} is neither a users field nor a user property; choose one of: {known}.",
    },
    "error.unknown_property": {
        "zh": "“{name}” 不是 {kind} 的属性；现有属性：{known}。",
        "en": "{name} is not a property of {kind}; its properties are: {known}.",
    },
    "error.by_not_available": {
        "zh": "按属性拆分（--by）只适用于：{pages}（不含 {page}）。",
        "en": "--by is available for: {pages} (not {page}).",
    },
    "error.bad_cumulative_choice": {
        "zh": "“是否为累计值”只能选 yes、no 或 auto。",
        "en": "The cumulative choice must be yes, no or auto.",
    },
    "error.currency_mismatch": {
        "zh": "{file} 的金额是 {file_currency}，但库里的金额是 {store}：一个库只有一种货币。"
        "如果这个文件其实也是 {store}，请在预览里选择 {store}（命令行：--currency {store}）；"
        "否则请先换算，或导入到另一个库。什么都没有写入。",
        "en": "{file} is in {file_currency}, but the store's amounts are in {store}; one store "
        "holds one currency. If the file is in {store} after all, choose {store} in the preview "
        "(CLI: --currency {store}); otherwise convert it first or use another store. Nothing "
        "was written.",
    },
    "error.currency_several": {
        "zh": "{file} 的金额有多种货币（{codes}）：一个库只有一种货币。"
        "请按货币拆分文件，或先换算。",
        "en": "{file} has amounts in several currencies ({codes}); one store holds one currency: "
        "split the file by currency or convert it first.",
    },
    "error.currency_invalid": {
        "zh": "{value} 不是货币：请填写 ISO 代码，如 CNY、USD、EUR、GBP。",
        "en": "{value} is not a currency: give an ISO code such as CNY, USD, EUR or GBP.",
    },
    "error.missing_fields": {
        "zh": "此文件没有以下字段的列：{fields}。请为每个字段映射一列",
        "en": "This file has no column for: {fields}. Map a column to each of them",
    },
    "error.missing_fields.date": {
        "zh": "，或填写这些数字所属的日期（--date / 「数据日期」）",
        "en": ", or give the date the numbers are for (--date / 'as of date')",
    },
    "error.missing_fields.kind": {
        "zh": "它的列看起来像「{kind}」数据：数据类型选对了吗？",
        "en": "Its columns look like {kind} data: was the right kind chosen?",
    },
    "error.missing_fields.no_header": {
        "zh": "文件没有表头：列名为 column_1、column_2 ……",
        "en": "The file has no header row: columns are named column_1, column_2, ...",
    },
    "error.currencies_in_cells": {
        "zh": "文件中的金额有多种货币（{codes}）。请映射一个货币列，让每行写明货币，"
        "或按货币拆分文件。",
        "en": "This file has amounts in several currencies ({codes}). Map a currency column so "
        "each row says its currency, or split the file by currency.",
    },
    # report settings (opsdash.reports: the page's choices as CLI flags)
    "error.report_setting": {
        "zh": "报表设置 {name} 不能为 {value}；可选：{allowed}。",
        "en": "Report setting {name} cannot be {value}; choose one of: {allowed}.",
    },
    # issue 18: undoing a batch that later batches depend on
    "error.undo_needs_confirmation": {
        "zh": "撤销批次 {batch} 将删除 {removed}；{kept} 会保留，因为之后的批次 {later} "
        "把它们算作已存在的重复行（它们将归属于批次 {newest}）。确认后请加上 --yes 重新运行。",
        "en": "Undoing batch {batch} removes {removed}; {kept} stay because later batches "
        "{later} counted them as already present (they pass to batch {newest}). "
        "Run again with --yes to undo.",
    },
    # ---- annotations, alert rules and channels (h13)
    "error.annotation_empty": {"zh": "标注需要填写内容。", "en": "An annotation needs a text."},
    "error.annotation_long": {
        "zh": "标注最多 {limit} 个字符。",
        "en": "An annotation is at most {limit} characters.",
    },
    "error.alert_threshold": {
        "zh": "这个条件需要一个阈值。",
        "en": "This condition needs a threshold.",
    },
    "error.alert_change_threshold": {
        "zh": "变化阈值是大于 0 的比例（0.2 = 20%）。",
        "en": "A change threshold is a share above 0 (0.2 = 20%).",
    },
    "error.alert_segment_form": {
        "zh": "细分条件的格式是 字段=取值，例如 channel=douyin。",
        "en": "A segment is NAME=VALUE, e.g. channel=douyin.",
    },
    "error.alert_content_segment": {
        "zh": "内容浏览量不按用户统计，不能设置细分条件。",
        "en": "Content views are not per user: they take no segment.",
    },
    "error.channel_url": {
        "zh": "这个渠道需要一个 http(s) 的 webhook 地址。",
        "en": "This channel needs an http(s) webhook URL.",
    },
    "error.channel_email": {
        "zh": "邮件渠道需要一个或多个邮箱地址，用英文逗号分隔。",
        "en": "An e-mail channel needs one or more e-mail addresses, comma-separated.",
    },
    "error.channel_name": {
        "zh": "渠道名称为 1–64 个字母、数字、“.”、“_” 或 “-”。",
        "en": "A channel name is 1-64 letters, digits, '.', '_' or '-'.",
    },
    "error.channel_exists": {
        "zh": "已有名为 {name} 的渠道。",
        "en": "A channel named {name} exists already.",
    },
    "error.channel_key": {
        "zh": "无法解密这个渠道保存的密钥：添加之后 OPSDASH_SECRETS_KEY（或 OPSDASH_COOKIE_KEY）"
        "已更改。请删除后重新添加。",
        "en": "This channel's stored secrets cannot be decrypted: OPSDASH_SECRETS_KEY (or "
        "OPSDASH_COOKIE_KEY) changed since it was added. Remove it and add it again.",
    },
    "error.key_funnel_steps": {
        "zh": "关键漏斗需要 2 到 {most} 个步骤。",
        "en": "A key funnel has 2 to {most} steps.",
    },
    # saved views (opsdash.savedviews)
    "error.view_name": {
        "zh": "视图名称需要 1 到 {limit} 个字符。",
        "en": "A view's name needs 1 to {limit} characters.",
    },
    "error.view_team_forbidden": {
        "zh": "只有编辑和管理员可以保存、固定或删除团队视图。",
        "en": "Only editors and admins save, pin or delete team views.",
    },
    "error.view_too_large": {
        "zh": "这个视图太大，无法保存（筛选条件过多）。",
        "en": "This view is too large to save (too many filters).",
    },
    "error.view_limit": {
        "zh": "已保存 {limit} 个视图，达到上限。请先删除一些。",
        "en": "{limit} views saved, the limit. Delete some first.",
    },
    "error.view_missing": {
        "zh": "这个视图已不存在。",
        "en": "This view no longer exists.",
    },
}

# Hostile files (issue 18): limits of reading one upload, workbook checks, one format per column.
MESSAGES.update(
    {
        "error.parse_timeout": {
            "zh": "读取 {file} 超过 {seconds} 秒，已停止。工作簿声明的行列可能远多于实际内容："
            "请另存为 CSV，或拆分文件。",
            "en": "Reading {file} took longer than {seconds} s and was stopped. A workbook may "
            "declare far more rows or columns than it holds: save it as CSV, or split it.",
        },
        "error.parse_memory": {
            "zh": "读取 {file} 需要超过 {limit} MB 内存，已停止。"
            "请拆分成更小的文件（例如每月一个），或另存为 CSV。",
            "en": "Reading {file} needed more than {limit} MB of memory and was stopped. Split the "
            "file into smaller ones (for example one per month), or save it as CSV.",
        },
        "error.parse_failed": {
            "zh": "无法读取 {file}（{what}），文件可能已损坏。请重新导出为 CSV 或 .xlsx。",
            "en": "{file} could not be read ({what}). It may be damaged; export it again as CSV "
            "or .xlsx.",
        },
        "error.workbook_members": {
            "zh": "这个工作簿有 {count} 个部件（上限 {limit}），不是普通的 Excel 文件。"
            "请在 Excel 中重新保存，或导出 CSV。",
            "en": "This workbook has {count} parts (limit {limit}); it is not an ordinary Excel "
            "file. Save it again from Excel, or export CSV.",
        },
        "error.workbook_too_large": {
            "zh": "这个工作簿打开后展开为 {size} MB（上限 {limit} MB）。请拆分文件，或导出 CSV。",
            "en": "This workbook expands to {size} MB when opened (limit {limit} MB). Split it, "
            "or export CSV.",
        },
        "error.workbook_ratio": {
            "zh": "工作簿部件 {part} 打开后会膨胀 {ratio} 倍（上限 {limit} 倍）：这是耗尽内存的"
            "构造文件，不是普通导出。",
            "en": "The workbook part {part} expands {ratio} times when opened (limit {limit}): it "
            "is built to exhaust memory, not an ordinary export.",
        },
        "error.too_many_columns": {
            "zh": "单元格 {cell} 超出了 opsdash 读取的最大列数（{limit} 列）。请删除不需要的列。",
            "en": "Cell {cell} is beyond the {limit} columns opsdash reads. Delete the columns "
            "you do not need.",
        },
        "error.too_many_cells": {
            "zh": "工作表超过 {limit} 个单元格（第 {row} 行时已有 {columns} 列）。请删除不需要的"
            "行或列，或拆分文件。",
            "en": "The sheet holds more than {limit} cells (row {row} at {columns} columns). "
            "Delete the columns or rows you do not need, or split the file.",
        },
        "error.too_many_rows": {
            "zh": "工作表的行数超过 {limit}（Excel 自身的上限）。",
            "en": "The sheet has rows beyond row {limit}, Excel's own limit.",
        },
        "error.mixed_encoding": {
            "zh": "文件混用了多种文字编码：第 {line} 行是 {encoding}，第 {other_line} 行却是 "
            "{other}。照此导入会有一部分变成乱码：请把整个文件保存为同一种编码（Excel 中选"
            "“CSV UTF-8”）后重新导入。",
            "en": "The file mixes text encodings: line {line} is {encoding} but line {other_line} "
            "is {other}. Part of it would be stored as unreadable characters: save the whole "
            'file in one encoding (from Excel: "CSV UTF-8") and import again.',
        },
        "error.mixed_date_formats": {
            "zh": "列“{column}”的日期既有日在前（第 {line} 行：{value}），也有月在前（第 "
            "{other_line} 行：{other_value}）。同一列只能用一种顺序：请修正不一致的行后重新导入。",
            "en": "Column “{column}” writes dates both day first (line {line}: {value}) and "
            "month first (line {other_line}: {other_value}). One column must use one order: "
            "fix the rows that differ and import again.",
        },
        "error.mixed_decimal_formats": {
            "zh": "列“{column}”的数字既用逗号作小数点（第 {line} 行：{value}），又用句点作小数点"
            "（第 {other_line} 行：{other_value}）。同一列只能用一种写法：请修正不一致的行后"
            "重新导入。",
            "en": "Column “{column}” writes numbers both with a decimal comma (line {line}: "
            "{value}) and with a decimal point (line {other_line}: {other_value}). One column "
            "must use one convention: fix the rows that differ and import again.",
        },
        "error.ambiguous_columns": {
            "zh": "{file} 有多列都可能是 {field}：{columns}。请把其中一列映射到 {field}，其余映射"
            "到其他字段或不导入，或者重命名这些列。",
            "en": "{file} has several columns that could be {field}: {columns}. Map one of them "
            "to {field} and the others to another field or to nothing, or rename them.",
        },
        "error.file_unreadable": {
            "zh": "无法读取 {file}：{what}",
            "en": "cannot read {file}: {what}",
        },
        "error.store_refused": {
            "zh": "数据库拒绝写入 {file}（{what}），没有写入任何内容。",
            "en": "the store refused {file}: {what}. Nothing was written.",
        },
        "error.header_too_long": {
            "zh": "{file} 第 {position} 列的表头超过 {limit} 个字符。请缩短后重新导入。",
            "en": "Column {position} of {file} has a header longer than {limit} characters. "
            "Shorten it and import again.",
        },
    }
)
