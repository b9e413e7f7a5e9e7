"""The Users and Overview pages on the demo store and on an empty store, in both languages."""

from __future__ import annotations

import pytest

from opsdash.db import make_engine
from opsdash.metrics import overview as overview_metrics
from tests.app.conftest import open_page, signed_in

RANGE = {"preset": "custom", "start": "2024-05-01", "end": "2024-06-30"}


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_users_page_on_demo_store(demo_app, language):
    app = open_page(demo_app, "users", lang=language, **RANGE)
    _assert_clean(app)
    labels = [m.label for m in app.metric]
    expected = {
        "zh": ["新增用户", "日活 DAU（日均）", "月活 MAU", "粘性 DAU/MAU"],
        "en": ["New users", "DAU (daily average)", "MAU", "Stickiness DAU/MAU"],
    }
    for label in expected[language]:
        assert label in labels
    headers = [h.value for h in app.header]
    assert ("Retention" if language == "en" else "留存") in headers
    assert ("Funnel" if language == "en" else "转化漏斗") in headers
    assert len(app.get("download_button")) >= 6


def test_users_page_controls(demo_app):
    app = open_page(demo_app, "users", lang="en", **RANGE)
    _assert_clean(app)
    app.selectbox(key="users_retention_mode").set_value("on_or_after").run()
    _assert_clean(app)
    app.selectbox(key="users_cohort_by").set_value("event").run()
    _assert_clean(app)
    app.selectbox(key="users_funnel_breakdown").set_value("channel").run()
    _assert_clean(app)
    app.multiselect(key="users_funnel_steps").set_value(["app_open"]).run()
    _assert_clean(app)
    assert any("Pick 2 to 6 steps" in i.value for i in app.info)


def test_users_page_on_empty_store(empty_app):
    app = open_page(empty_app, "users", lang="en")
    _assert_clean(app)
    assert not app.metric


@pytest.mark.parametrize("language", ["zh", "en"])
def test_overview_page_on_demo_store(demo_app, language):
    app = open_page(demo_app, "overview", lang=language, **RANGE)
    _assert_clean(app)
    labels = [m.label for m in app.metric]
    assert len(labels) == len(overview_metrics.KEY_METRICS)
    assert ("Revenue (net)" if language == "en" else "收入（净）") in labels


def test_overview_targets(demo_app, demo_store_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP

    app = open_page(demo_app, "overview", lang="en", **RANGE)
    _assert_clean(app)
    app.main.text_input[0].set_value("2024-06")
    app.main.number_input[0].set_value(100.0)
    # by its label: pinned views and other buttons may come first on the Overview
    next(b for b in app.get("form_submit_button") if b.label == "Save target").click()
    app.run()
    _assert_clean(app)
    engine = make_engine(demo_store_url)
    try:
        assert overview_metrics.targets_for_month(engine, month="2024-06") == {"new_users": 100.0}
        fresh = signed_in(AppTest.from_file(APP, default_timeout=60), demo_store_url)
        fresh = open_page(fresh, "overview", lang="en", **RANGE)
        _assert_clean(fresh)
        captions = [c.value for c in fresh.caption]
        assert any("Monthly targets of 2024-06" in c for c in captions), captions
    finally:
        overview_metrics.delete_target(engine, metric="new_users", month="2024-06")
        engine.dispose()


def test_overview_targets_hidden_for_viewers(demo_store_url, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.app.conftest import APP, _store

    _store(demo_store_url, monkeypatch)
    app = signed_in(AppTest.from_file(APP, default_timeout=60), demo_store_url, role="viewer")
    app = open_page(app, "overview", lang="en", **RANGE)
    _assert_clean(app)
    assert any("Only editors can set targets" in c.value for c in app.caption)
    assert not app.main.text_input  # (the sidebar's saved-views name is for everyone)


PREFETCH_CASES = {
    "users": (
        "opsdash.metrics.users",
        (
            lambda page: page.selectbox(key="users_retention_mode").set_value("on_or_after"),
            lambda page: page.multiselect(key="users_funnel_steps").set_value(
                ["app_open", "purchase"]
            ),
            lambda page: page.segmented_control(key="users_period").set_value("week"),
        ),
    ),
    "revenue": (
        "opsdash.metrics.revenue",
        (
            lambda page: page.segmented_control(key="revenue_period").set_value("month"),
            lambda page: page.toggle(key="revenue_cohorts_all_history").set_value(False),
            lambda page: page.segmented_control(key="revenue_ltv_basis").set_value("signup"),
        ),
    ),
    "overview": ("opsdash.metrics.overview", ()),
}


@pytest.mark.parametrize("page_name", list(PREFETCH_CASES))
def test_prefetch_computes_what_the_page_shows(demo_store_url, monkeypatch, page_name):
    """A page's parallel prefetch asks for exactly what its sections then ask for: run with
    and without prefetch threads from an empty cache, through the same widget changes, the
    page's metric calls are the same set at every step, each made once (a prefetch with other
    arguments than the section's own call shows up as an extra call, or as a call made
    twice)."""
    import collections
    import functools
    import importlib
    import inspect
    import threading
    import time

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from opsdash.settings import get_settings
    from opsdash.ui import context
    from tests.app.conftest import APP, _store

    module_name, changes = PREFETCH_CASES[page_name]
    module = importlib.import_module(module_name)
    _store(demo_store_url, monkeypatch)
    calls: collections.Counter = collections.Counter()
    nested = threading.local()  # count the page's calls, not metrics calling metrics
    for name, original in inspect.getmembers(module, inspect.isfunction):
        if original.__module__ != module_name or name.startswith("_"):
            continue

        def counted(*args, _original=original, **kwargs):
            if not getattr(nested, "depth", 0):
                calls[(_original.__name__, repr(sorted(kwargs.items())))] += 1
            nested.depth = getattr(nested, "depth", 0) + 1
            try:
                return _original(*args, **kwargs)
            finally:
                nested.depth -= 1

        monkeypatch.setattr(module, name, functools.wraps(original)(counted))

    seen = {}
    for threads in (0, 2):
        monkeypatch.setenv("OPSDASH_PREFETCH_THREADS", str(threads))
        get_settings.cache_clear()
        st.cache_data.clear()
        context._PREFETCHED.clear()  # what the process remembers having prefetched
        app = signed_in(AppTest.from_file(APP, default_timeout=60), demo_store_url)
        for key, value in {"lang": "en", **RANGE}.items():
            app.query_params[key] = value
        app.switch_page("pages/data.py").run()  # shares no numbers with the pages tested
        steps = []
        for change in (lambda page: page.switch_page(f"pages/{page_name}.py"), *changes):
            calls.clear()
            change(app)
            app.run()
            _assert_clean(app)
            time.sleep(0.2)  # let prefetch threads finish: wasted work must show up here
            assert max(calls.values()) == 1, [key for key, n in calls.items() if n > 1]
            steps.append(set(calls))
        seen[threads] = steps
    assert len(seen[0][0]) >= 3
    for without, with_threads in zip(seen[0], seen[2], strict=True):
        assert with_threads == without, with_threads ^ without
    get_settings.cache_clear()
