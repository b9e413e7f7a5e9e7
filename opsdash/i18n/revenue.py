"""UI text of the revenue area."""

MESSAGES: dict[str, dict[str, str]] = {
    "revenue.title": {"zh": "收入", "en": "Revenue"},
}
