"""The Feedback page against feedback_feedback_period.csv: its numbers are the report's, in
both languages; text is shown as plain text; the digest downloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.db import init_store, make_engine
from opsdash.filters import Filters
from opsdash.formatting import format_compact, format_number, format_percent
from opsdash.ingest import import_file
from opsdash.metrics.feedback import feedback_report
from opsdash.settings import get_settings
from tests.app.conftest import APP, _store, open_page, signed_in
from tests.unit.ingest.conftest import FIXTURES

START, END = dt.date(2024, 3, 8), dt.date(2024, 3, 14)


@pytest.fixture
def feedback_app(tmp_path, monkeypatch) -> Iterator[tuple[AppTest, object]]:
    url = f"sqlite:///{tmp_path / 'feedback.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    data = (FIXTURES / "feedback_period.csv").read_bytes()
    data += "f9,2024-03-13 09:00,评论,1,,<b>闪退</b> [link](http://x) **卡顿**,2.3,ios\n".encode()
    result = import_file(
        engine, data, kind="feedback", file_name="f.csv", timezone="UTC", created_by="t"
    )
    assert result.rows_imported == 9
    report = feedback_report(engine, filters=Filters(start=START, end=END))
    engine.dispose()
    _store(url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=90), url), report
    get_settings.cache_clear()


def _clean(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_page_shows_the_report(feedback_app, language):
    app, report = feedback_app
    app = open_page(app, "feedback", lang=language, preset="custom", start=str(START), end=str(END))
    _clean(app)
    assert app.title[0].value == {"zh": "用户反馈", "en": "Feedback"}[language]
    metrics = [m.value for m in app.metric]
    assert metrics == [
        format_compact(report.items, language=language),
        format_number(report.nps.score, decimals=1),
        format_percent(report.csat),
        format_number(report.rating_average, decimals=2),
        format_percent(report.sentiment["positive"]),
        format_percent(report.sentiment["negative"]),
    ]
    assert report.items == 7
    # themes table: counts equal the report's
    themes = next(d.value for d in app.dataframe if {"主题", "Theme"} & set(d.value.columns))
    items_column = {"zh": "反馈数", "en": "Items"}[language]
    assert themes[items_column].tolist() == [theme.count for theme in report.themes]
    # the quote with markup is plain text, exactly as given
    texts = [t.value for t in app.text]
    assert "<b>闪退</b> [link](http://x) **卡顿**" in texts
    assert not any("<b>" in m.value for m in app.markdown)


def test_digest_downloads(feedback_app):
    from opsdash.feedback.digest import digest_csv, digest_markdown
    from opsdash.i18n import translate

    _, report = feedback_app

    def t(key, **values):
        return translate(key, "en", **values)

    markdown = digest_markdown(report, t)
    assert "## Themes" in markdown and "\\<b\\>" in markdown and "<b>" not in markdown
    csv = digest_csv(report, t).decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("Rank,Theme,Items")
    assert "稳定性" in csv


@pytest.mark.parametrize("language", ["zh", "en"])
def test_store_without_feedback(demo_app, language):
    app = open_page(demo_app, "feedback", lang=language)
    _clean(app)
    assert any({"zh": "没有用户反馈", "en": "No feedback"}[language] in i.value for i in app.info)


def test_empty_store(empty_app):
    app = open_page(empty_app, "feedback", lang="en")
    _clean(app)
    assert any("No data yet" in i.value for i in app.info)


def test_themes_can_be_edited(feedback_app):
    app, _ = feedback_app
    app = open_page(app, "feedback", lang="en", preset="custom", start=str(START), end=str(END))
    app.text_area(key="feedback_dictionary").input("会员卡").run()
    app.button(key="feedback_theme_save").click().run()
    _clean(app)
    from opsdash.feedback.themes import load_dictionary

    engine = make_engine(get_settings().store_url)
    assert load_dictionary(engine) == ("会员卡",)
    engine.dispose()


def test_behaviour_section(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'b.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    body = "feedback_id,submitted_at,user_id,rating,text\nb1,2024-03-09,u1,1,太卡了\n"
    import_file(
        engine, body.encode(), kind="feedback", file_name="b.csv", timezone="UTC", created_by="t"
    )
    engine.dispose()
    _store(url, monkeypatch)
    app = signed_in(AppTest.from_file(APP, default_timeout=90), url)
    app = open_page(app, "feedback", lang="zh", preset="custom", start=str(START), end=str(END))
    _clean(app)
    behaviour = next(d.value for d in app.dataframe if "用户组" in d.value.columns)
    assert behaviour["用户组"].tolist() == ["有负面反馈"]
    assert behaviour["30 天留存"].tolist() == ["0.0%"]
    get_settings.cache_clear()
