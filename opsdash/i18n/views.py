"""UI text of saved views (保存的视图): the sidebar's save/list box and the Overview's pins."""

MESSAGES: dict[str, dict[str, str]] = {
    "views.title": {"zh": "保存的视图", "en": "Saved views"},
    "views.name": {"zh": "视图名称", "en": "View name"},
    "views.name.help": {
        "zh": "保存当前页面、侧边栏筛选和页面设置（如漏斗步骤、周期）。同名视图会被覆盖。",
        "en": "Saves this page, the sidebar's filters and the page's settings (funnel steps, "
        "period ...). A view of the same name is replaced.",
    },
    "views.scope": {"zh": "可见范围", "en": "Visible to"},
    "views.scope.personal": {"zh": "仅自己", "en": "Only me"},
    "views.scope.team": {"zh": "团队", "en": "The team"},
    "views.save": {"zh": "保存视图", "en": "Save view"},
    "views.saved": {"zh": "已保存视图「{name}」。", "en": "Saved view {name}."},
    "views.none": {"zh": "还没有保存的视图。", "en": "No saved views yet."},
    "views.mine": {"zh": "我的视图", "en": "My views"},
    "views.team": {"zh": "团队视图", "en": "Team views"},
    "views.open": {"zh": "打开", "en": "Open"},
    "views.open.help": {
        "zh": "打开「{name}」：{page}，带保存时的筛选和设置",
        "en": "Open {name}: {page}, with its saved filters and settings",
    },
    "views.pin": {"zh": "固定到概览", "en": "Pin to Overview"},
    "views.unpin": {"zh": "取消固定", "en": "Unpin"},
    "views.delete": {"zh": "删除", "en": "Delete"},
    "views.deleted": {"zh": "已删除视图「{name}」。", "en": "Deleted view {name}."},
    "views.pinned": {"zh": "固定的视图", "en": "Pinned views"},
    "views.pinned.help": {
        "zh": "在侧边栏「保存的视图」中保存视图并固定到这里（个人或团队）。",
        "en": "Save a view in the sidebar's Saved views and pin it here (personal or team).",
    },
    "views.pinned.none": {
        "zh": "还没有固定的视图：在侧边栏「保存的视图」中保存并固定。",
        "en": "No pinned views yet: save one in the sidebar's Saved views and pin it.",
    },
    "views.item": {"zh": "{name} · {page}", "en": "{name} · {page}"},
}
