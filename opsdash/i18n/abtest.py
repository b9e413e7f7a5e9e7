"""UI text of the abtest area."""

MESSAGES: dict[str, dict[str, str]] = {
    "abtest.title": {"zh": "A/B 测试", "en": "A/B test"},
}
