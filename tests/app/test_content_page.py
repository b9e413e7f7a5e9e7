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


SNAPSHOTS_CSV = b"""content_id,date,views,likes,shares
BV1,2024-03-01,1000,10,1
BV1,2024-03-02,1500,20,3
BV1,2024-03-03,1700,22,3
BV2,2024-03-02,300,1,0
BV2,2024-03-03,400,5,1
"""


@pytest.fixture
def snapshots_app(tmp_path, monkeypatch):
    """A bilibili-like store: snapshots with views, likes and shares only (no readers,
    comments, favorites or followers)."""
    from streamlit.testing.v1 import AppTest

    from opsdash.db import init_store, make_engine
    from opsdash.settings import get_settings
    from tests.app.conftest import APP, _store, signed_in
    from tests.unit.ingest.conftest import run_import

    url = f"sqlite:///{tmp_path / 'bili.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    result = run_import(engine, "bili.csv", "content_stats", data=SNAPSHOTS_CSV)
    assert result.cumulative is True
    engine.dispose()
    _store(url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), url)
    get_settings.cache_clear()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_counters_not_in_the_data_show_a_dash(snapshots_app, language):
    app = open_page(snapshots_app, "content", lang=language, start="2024-03-01", end="2024-03-03")
    _assert_clean(app)
    cards = {m.label: m.value for m in app.metric}
    views, readers = {"zh": ("阅读/播放量", "阅读人数"), "en": ("Views", "Readers")}[language]
    # growth after each video's first snapshot (its baseline): 700 + 100
    assert cards[views] == "800"
    assert cards[readers] == "–"
    assert not [v for v in cards.values() if v in ("None", "nan")]
    not_in_data = {"zh": "数据中没有", "en": "Not in the data"}[language]
    assert any(not_in_data in c.value for c in app.caption)
    top = app.dataframe[0].value.astype(object)
    raw = [(c, v) for c in top.columns for v in top[c] if str(v) in ("None", "nan", "<NA>")]
    assert not raw, raw
    app.selectbox(key="content_trend_metric").select("readers").run()
    _assert_clean(app)
    chart_note = {"zh": "无法画图", "en": "nothing to chart"}[language]
    assert any(chart_note in i.value for i in app.info)
