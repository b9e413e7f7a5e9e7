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
