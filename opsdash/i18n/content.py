"""UI text of the content area."""

MESSAGES: dict[str, dict[str, str]] = {
    "content.title": {"zh": "内容", "en": "Content"},
}
