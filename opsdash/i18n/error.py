"""Messages of refused input and actions (:class:`opsdash.errors.UserError` codes): the key
``error.<code>`` is formatted with the error's values."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.unclosed_quote": {
        "zh": '第 {line} 行有一个引号（"）没有闭合，其后的 {swallowed} 行会被读成同一个单元格。'
        "请闭合或删除这个引号后重新导出。",
        "en": 'Line {line} opens a quote (") that never closes, so the {swallowed} lines after '
        "it would be read as one cell. Close or remove that quote and export again.",
    },
}
