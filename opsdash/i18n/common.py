"""UI text shared by every page: navigation, sidebar, states, units."""

MESSAGES: dict[str, dict[str, str]] = {
    "common.app_title": {"zh": "opsdash 运营看板", "en": "opsdash"},
}
