"""Saved views in the app: save the view on screen, pin it, open it from the Overview and
land on its page with its filters and settings; viewers save personal views only."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, open_page, signed_in


def _clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


def _button(app, key):
    return next(b for b in app.button if b.key == key)


def _views(url):
    from opsdash import savedviews
    from opsdash.db import make_engine

    engine = make_engine(url)
    try:
        return {
            v.name: v
            for user in ("test-admin", "test-viewer")
            for v in savedviews.list_views(engine, username=user)
        }
    finally:
        engine.dispose()


def test_save_pin_and_open_a_view_from_the_overview(demo_store_url, demo_app):
    app = open_page(
        demo_app,
        "users",
        lang="en",
        preset="custom",
        start="2024-06-01",
        end="2024-06-20",
        platform="ios",
        u_period="week",
        u_funnel_days="14",
    )
    _clean(app)
    app.text_input(key="views_name").input("iOS weekly")
    app.radio(key="views_scope").set_value("team")
    next(b for b in app.button if "Save view" in b.label).click().run()
    _clean(app)
    view = _views(demo_store_url)["iOS weekly"]
    assert (view.page, view.scope) == ("users", "team")
    assert view.query["platform"] == ["ios"] and view.query["u_funnel_days"] == ["14"]
    _button(app, f"views_pin_{view.id}").click().run()
    _clean(app)

    # elsewhere, with other filters and settings
    app.switch_page("pages/overview.py").run()
    app.selectbox(key="sb_preset").set_value("7d").run()
    app.multiselect(key="sb_platform").set_value([]).run()
    _clean(app)
    assert any("Pinned views" in h.value for h in app.subheader)
    _button(app, f"views_pinned_{view.id}").click().run()
    _clean(app)
    assert app.title[0].value == "Users"
    assert app.session_state["sb_view"]["sb_platform"] == ["ios"]
    assert tuple(app.session_state["sb_view"]["sb_range"]) == (
        dt.date(2024, 6, 1),
        dt.date(2024, 6, 20),
    )
    assert app.session_state["users_period"] == "week"
    assert app.session_state["users_funnel_window"] == 14
    assert app.query_params["platform"] in ("ios", ["ios"])


def test_a_viewer_saves_personal_views_only(demo_store_url, monkeypatch):
    from opsdash.settings import get_settings

    monkeypatch.setenv("OPSDASH_DATABASE_URL", demo_store_url)
    monkeypatch.setenv("OPSDASH_SECRETS_FILE", "/nonexistent")
    get_settings.cache_clear()
    app = signed_in(AppTest.from_file(APP, default_timeout=60), demo_store_url, role="viewer")
    app = open_page(app, "revenue", lang="zh", r_period="month")
    _clean(app)
    assert app.radio(key="views_scope").options == ["仅自己"]
    app.text_input(key="views_name").input("我的月度收入")
    next(b for b in app.button if "保存视图" in b.label).click().run()
    _clean(app)
    view = _views(demo_store_url)["我的月度收入"]
    assert (view.scope, view.owner, view.page) == ("personal", "test-viewer", "revenue")
    assert view.query["r_period"] == ["month"]
    assert "start" not in view.query  # a relative preset reopens on the latest days
    _button(app, f"views_delete_{view.id}").click().run()
    _clean(app)
    assert "我的月度收入" not in _views(demo_store_url)
    get_settings.cache_clear()
