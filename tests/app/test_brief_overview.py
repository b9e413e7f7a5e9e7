"""The Overview opens with the brief: on a store with a planted channel drop it shows what
the brief report says (anomaly, drivers, band chart), in both languages."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.brief.report import brief_for
from opsdash.brief.text import driver_text, metric_line
from opsdash.db import init_store, make_engine
from opsdash.settings import get_settings
from tests.app.conftest import APP, _store, open_page, signed_in, unescaped
from tests.unit.brief.generated import END, fill


@pytest.fixture(scope="module")
def dropped_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('brief') / 'brief.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    with engine.begin() as conn:
        fill(conn, drop_channel="douyin")
    engine.dispose()
    return url


@pytest.fixture
def app(dropped_url, monkeypatch):
    _store(dropped_url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=90), dropped_url)
    get_settings.cache_clear()


def _markdown(app) -> str:
    return unescaped("\n".join(m.value for m in app.markdown))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_overview_opens_with_the_brief(app, dropped_url, language):
    page = open_page(app, "overview", lang=language)
    assert not page.exception
    engine = make_engine(dropped_url)
    brief = brief_for(engine, END)
    engine.dispose()
    headers = [h.value for h in page.header]
    title = "Morning brief" if language == "en" else "晨报"
    assert headers[0] == f"{title} · {END.isoformat()}"
    text = _markdown(page)
    dau = brief.metrics[0]
    assert dau.metric == "dau" and dau.judgement.anomaly
    assert metric_line(dau, language) in text
    assert driver_text(dau.drivers[0], "down", language) in text
    assert ("douyin" in text) and ("▼" in text)
    # a band sparkline per anomaly, before the key numbers
    assert len(page.get("vega_lite_chart")) >= len(brief.anomalies) + 4
    assert headers.index({"en": "Key numbers", "zh": "核心指标"}[language]) == 1


def test_trend_charts_show_annotations_and_the_form(app, dropped_url):
    from opsdash.brief.annotations import add_annotation

    engine = make_engine(dropped_url)
    add_annotation(engine, day=END, text="release v9")
    engine.dispose()
    page = open_page(app, "overview", lang="en")
    assert not page.exception
    charts = [element.proto for element in page.get("vega_lite_chart")]
    with_notes = [
        chart
        for chart in charts
        if '"rule"' in chart.spec and any(b"release v9" in d.data.data for d in chart.datasets)
    ]
    assert len(with_notes) >= 4  # the four trend charts and the brief's band sparklines
    assert "Annotations" in [e.label for e in page.expander]
    assert page.get("date_input") and any(
        b.label == "Add annotation" for b in page.get("button") + page.get("form_submit_button")
    )
