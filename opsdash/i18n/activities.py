"""UI text of the activities area."""

MESSAGES: dict[str, dict[str, str]] = {
    "activities.title": {"zh": "活动", "en": "Activities"},
}
