"""The key funnel from the Users page: an editor saves the funnel's steps for the morning
brief, and the Overview's brief then lists the key funnel's same-day conversion."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.brief.funnel import key_funnel
from opsdash.db import init_store, make_engine
from opsdash.demo import load_demo
from opsdash.settings import get_settings
from tests.app.conftest import APP, DEMO_END, _store, open_page, signed_in, unescaped


@pytest.fixture
def store_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'funnel.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    load_demo(engine, users=400, days=60, seed=7, end=DEMO_END, timezone="UTC")
    engine.dispose()
    return url


def test_an_editor_saves_the_key_funnel_for_the_brief(store_url, monkeypatch):
    _store(store_url, monkeypatch)
    try:
        app = signed_in(AppTest.from_file(APP, default_timeout=120), store_url, "editor")
        page = open_page(app, "users", lang="en")
        assert not page.exception
        captions = [c.value for c in page.caption]
        assert any(c.startswith("The morning brief has no key funnel yet") for c in captions)
        steps = tuple(page.multiselect(key="users_funnel_steps").value)
        assert len(steps) >= 2
        page.button(key="users_key_funnel").click()
        page.run()
        assert not page.exception
        engine = make_engine(store_url)
        assert key_funnel(engine) == steps
        engine.dispose()
        shown = " → ".join(steps).replace("_", "\\_")
        assert f"The morning brief's key funnel: {shown}" in [c.value for c in page.caption]
        page.switch_page("pages/overview.py")
        page.run()
        assert not page.exception
        text = unescaped("\n".join(m.value for m in page.markdown))
        assert "Key funnel conversion (same day)" in text
    finally:
        get_settings.cache_clear()


def test_viewers_see_the_key_funnel_but_no_button(store_url, monkeypatch):
    _store(store_url, monkeypatch)
    try:
        app = signed_in(AppTest.from_file(APP, default_timeout=120), store_url, "viewer")
        page = open_page(app, "users", lang="zh")
        assert not page.exception
        assert "晨报还没有关键漏斗：选好步骤后点击“用于晨报”。" in [c.value for c in page.caption]
        assert "users_key_funnel" not in [b.key for b in page.button]
    finally:
        get_settings.cache_clear()
