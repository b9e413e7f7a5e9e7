"""UI text of the auth area."""

MESSAGES: dict[str, dict[str, str]] = {
    "auth.title": {"zh": "登录", "en": "Sign in"},
}
