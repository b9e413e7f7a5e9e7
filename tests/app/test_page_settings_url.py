"""Page settings in the URL: a link with a page's settings reproduces the view, the settings
are written back when they change, and they survive page changes and the sign-in."""

from __future__ import annotations

import pytest

from tests.app.conftest import open_page


def _clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


def _param(app, name):
    value = app.query_params[name]
    return value[0] if isinstance(value, list) else value


def _widget(app, key):
    for kind in ("multiselect", "selectbox", "number_input", "toggle", "text_input"):
        for widget in getattr(app, kind):
            if widget.key == key:
                return widget
    for widget in app.get("button_group"):
        if widget.key == key:
            return widget
    raise AssertionError(f"no widget {key}")


CASES = {
    "users": (
        {
            "u_period": "week",
            "u_funnel": ["signup", "purchase"],
            "u_funnel_days": "14",
            "u_retention": "on_or_after",
            "u_funnel_by": "channel",
        },
        {
            "users_period": "week",
            "users_funnel_steps": ["signup", "purchase"],
            "users_funnel_window": 14,
            "users_retention_mode": "on_or_after",
            "users_funnel_breakdown": "channel",
        },
    ),
    "paths": (
        {"p_direction": "backward", "p_event": "purchase", "p_steps": "3", "p_collapse": "0"},
        {"paths_direction": "backward", "paths_event": "purchase", "paths_steps": 3},
    ),
    "revenue": (
        {"r_period": "month", "r_cohorts": "count", "r_history": "0"},
        {"revenue_period": "month", "revenue_cohorts_view": "count"},
    ),
    "content": (
        {"c_period": "week", "c_by": "author"},
        {"content_trend_period": "week", "content_breakdown_by": "author"},
    ),
    "activities": (
        {"a_scope": "campaign"},
        {"activities_scope": "campaign"},
    ),
    "abtest": ({"ab_alpha": "0.01"}, {"abtest_alpha": 0.01}),
}


@pytest.mark.parametrize("page", list(CASES))
def test_a_link_with_settings_reproduces_the_view(demo_app, page):
    query, expected = CASES[page]
    app = open_page(demo_app, page, lang="en", **query)
    _clean(app)
    for key, value in expected.items():
        assert app.session_state[key] == value, key
    # and they are written back into the URL
    for name, value in query.items():
        got = app.query_params[name]
        assert (got if isinstance(value, list) else _param(app, name)) == value, name


def test_malformed_settings_fall_back_to_defaults(demo_app):
    app = open_page(
        demo_app, "users", lang="en", u_period="<script>", u_funnel_days="9999", u_funnel="nope"
    )
    _clean(app)
    assert app.session_state["users_period"] in (None, "day")
    assert app.session_state["users_funnel_window"] == 7
    assert "nope" not in app.session_state["users_funnel_steps"]


def test_a_change_is_written_and_survives_page_changes(demo_app):
    app = open_page(demo_app, "users", lang="en")
    _widget(app, "users_funnel_window").set_value(21).run()
    _clean(app)
    assert _param(app, "u_funnel_days") == "21"
    app.switch_page("pages/revenue.py").run()
    _clean(app)
    assert "u_funnel_days" not in app.query_params  # another page's setting leaves the URL
    app.switch_page("pages/users.py").run()
    _clean(app)
    assert app.session_state["users_funnel_window"] == 21
    assert _param(app, "u_funnel_days") == "21"


def test_settings_survive_the_sign_in(demo_store_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from opsdash.auth import add_account, get_account
    from opsdash.db import make_engine
    from opsdash.settings import get_settings
    from tests.app.conftest import APP

    monkeypatch.setenv("OPSDASH_DATABASE_URL", demo_store_url)
    monkeypatch.setenv("OPSDASH_SECRETS_FILE", "/nonexistent")
    get_settings.cache_clear()
    engine = make_engine(demo_store_url)
    if get_account(engine, "state-viewer") is None:
        add_account(engine, username="state-viewer", password="state-password", role="viewer")
    engine.dispose()
    app = AppTest.from_file(APP, default_timeout=60)
    app.query_params["lang"] = "en"
    app.query_params["r_period"] = "week"
    app.run()
    app.text_input(key="auth_username_input").input("state-viewer")
    app.text_input(key="auth_password_input").input("state-password")
    app.button[0].click().run()
    _clean(app)
    app.switch_page("pages/revenue.py").run()
    _clean(app)
    assert app.session_state["revenue_period"] == "week"
    assert _param(app, "r_period") == "week"
    get_settings.cache_clear()
