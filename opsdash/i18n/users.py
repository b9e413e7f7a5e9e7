"""UI text of the users area."""

MESSAGES: dict[str, dict[str, str]] = {
    "users.title": {"zh": "用户", "en": "Users"},
}
