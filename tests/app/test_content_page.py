"""The Content page on the small demo store and on an empty store, in both languages."""

import pytest

from tests.app.conftest import open_page


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_content_page_renders_every_section(demo_app, language):
    app = open_page(demo_app, "content", lang=language, preset="30d")
    _assert_clean(app)
    titles = {"zh": "内容", "en": "Content"}
    assert app.title[0].value == titles[language]
    assert len(app.metric) >= 8  # views ... engagement rate
    subheaders = [s.value for s in app.subheader]
    expected = {"zh": "内容排行", "en": "Top content"}[language]
    assert expected in subheaders
    assert len(app.dataframe) >= 2  # top content, breakdown table


def test_search_and_drilldown(demo_app):
    app = open_page(demo_app, "content", lang="en", preset="30d")
    app.text_input(key="content_search").input("video").run()
    _assert_clean(app)
    top = app.dataframe[0].value
    assert len(top) > 0
    assert all(
        "video" in str(title).lower() or "video" in str(fmt)
        for title, fmt in zip(top["Title"], top["Format"], strict=True)
    )
    app.text_input(key="content_search").input("no such thing 123").run()
    _assert_clean(app)
    assert any("No matching content" in i.value for i in app.info)


def test_breakdown_and_period_switch(demo_app):
    app = open_page(demo_app, "content", lang="en", preset="30d")
    app.selectbox(key="content_trend_metric").select("engagement_rate").run()
    _assert_clean(app)
    app.run()
    _assert_clean(app)


def test_empty_store(empty_app):
    app = open_page(empty_app, "content", lang="en")
    _assert_clean(app)
    assert any("No data yet" in i.value for i in app.info)
