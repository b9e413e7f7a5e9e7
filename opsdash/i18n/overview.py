"""UI text of the overview area."""

MESSAGES: dict[str, dict[str, str]] = {
    "overview.title": {"zh": "概览", "en": "Overview"},
}
