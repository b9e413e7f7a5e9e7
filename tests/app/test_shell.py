"""The app shell: every page renders on an empty and a demo store, in both languages; the
sidebar's choices survive page changes and live in the URL."""

import datetime as dt

import pytest

from tests.app.conftest import PAGES, open_page


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_demo_store(demo_app, page, language):
    app = open_page(demo_app, page, lang=language)
    _assert_clean(app)
    assert app.title, "every page has a title"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_empty_store(empty_app, page):
    app = open_page(empty_app, page, lang="en")
    _assert_clean(app)
    if page not in ("data", "abtest"):
        assert any("No data yet" in i.value for i in app.info), "friendly empty state"


def test_navigation_lists_every_page(demo_app):
    demo_app.run()
    _assert_clean(demo_app)
    assert demo_app.title[0].value in ("概览", "Overview")


# AppTest re-enables Streamlit's pages/-folder mode before every run; the autouse
# `navigation_mode` fixture (tests/app/conftest.py) keeps every run going through app.py.


def _param(app, key):
    value = app.query_params[key]
    return value[0] if isinstance(value, list) else value


def test_url_filters_are_read_and_written(demo_app):
    app = open_page(
        demo_app,
        "users",
        lang="en",
        preset="custom",
        start="2024-06-01",
        end="2024-06-14",
        compare="0",
        channel="wechat",
    )
    _assert_clean(app)
    view = app.session_state["sb_view"]
    assert view["sb_preset"] == "custom"
    assert tuple(view["sb_range"]) == (dt.date(2024, 6, 1), dt.date(2024, 6, 14))
    assert view["sb_compare"] is False
    assert view["sb_channel"] == ["wechat"]
    assert (_param(app, "start"), _param(app, "end"), _param(app, "channel")) == (
        "2024-06-01",
        "2024-06-14",
        "wechat",
    )
    assert app.title[0].value == "Users"


def test_view_survives_page_switches(demo_app):
    app = open_page(demo_app, "overview", lang="en", preset="7d")
    assert _param(app, "start") == "2024-06-24"  # 7 days ending on the demo's last day
    for page in ("revenue", "content", "overview"):
        app.switch_page(f"pages/{page}.py").run()
        _assert_clean(app)
        assert app.session_state["sb_view"]["sb_preset"] == "7d"
        assert (_param(app, "start"), _param(app, "end")) == ("2024-06-24", "2024-06-30")


def test_sidebar_widgets_on_first_run(demo_app):
    demo_app.query_params["lang"] = "en"
    demo_app.run()
    keys = [w.key for w in demo_app.sidebar.selectbox]
    assert keys == ["sb_lang", "sb_preset"]
    assert [w.key for w in demo_app.sidebar.toggle] == ["sb_compare"]
    assert {w.key for w in demo_app.sidebar.multiselect} == {
        "sb_channel",
        "sb_platform",
        "sb_region",
        "sb_where_names",  # the demo's users carry the property 年龄段
    }
    channels = demo_app.sidebar.multiselect(key="sb_channel").options
    assert {"wechat", "organic", "douyin"} <= set(channels)


@pytest.mark.parametrize(("language", "title"), [("zh", "概览"), ("en", "Overview")])
def test_language_from_url(demo_app, language, title):
    app = open_page(demo_app, "overview", lang=language)
    assert app.title[0].value == title


def test_garbage_url_falls_back(demo_app):
    app = open_page(demo_app, "overview", lang="xx", start="yesterday", preset="<b>")
    _assert_clean(app)
    assert app.session_state["sb_view"]["sb_preset"] == "30d"
    assert app.session_state["sb_view"]["sb_lang"] == "zh"


def test_widget_choices_survive_page_switches(demo_app):
    app = open_page(demo_app, "overview", lang="en")
    app.sidebar.selectbox(key="sb_preset").set_value("7d").run()
    app.sidebar.multiselect(key="sb_channel").select("wechat").run()
    for page in ("users", "revenue"):
        app.switch_page(f"pages/{page}.py").run()
        _assert_clean(app)
        assert app.sidebar.selectbox(key="sb_preset").value == "7d"
        assert app.sidebar.multiselect(key="sb_channel").value == ["wechat"]
        assert (_param(app, "start"), _param(app, "channel")) == ("2024-06-24", "wechat")


def test_language_switch_by_widget(demo_app):
    app = open_page(demo_app, "overview", lang="zh")
    assert app.title[0].value == "概览"
    app.sidebar.selectbox(key="sb_lang").set_value("en").run()
    assert app.title[0].value == "Overview"
    assert _param(app, "lang") == "en"
