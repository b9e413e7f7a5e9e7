"""UI text of the data area."""

MESSAGES: dict[str, dict[str, str]] = {
    "data.title": {"zh": "数据", "en": "Data"},
}
