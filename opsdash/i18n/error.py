"""Messages of refused imports and actions (:class:`opsdash.errors.UserError` with a
``code``): ``error.<code>``, said in the user's language by
:func:`opsdash.ingest.messages.error_text`."""

MESSAGES: dict[str, dict[str, str]] = {
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
}
