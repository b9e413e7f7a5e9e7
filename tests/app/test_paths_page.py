"""The Paths page on the demo store: its numbers are the report's, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from opsdash.db import make_engine
from opsdash.filters import Filters
from opsdash.metrics import paths as metrics
from tests.app.conftest import open_page

RANGE = {"preset": "custom", "start": "2024-05-01", "end": "2024-06-30"}
FILTERS = Filters(start=dt.date(2024, 5, 1), end=dt.date(2024, 6, 30))


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


def _rows(app) -> list[tuple]:
    frame = app.dataframe[0].value
    return [tuple(r) for r in frame.iloc[:, :4].itertuples(index=False)]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_paths_page_equals_report(demo_app, demo_store_url, language):
    app = open_page(demo_app, "paths", lang=language, **RANGE)
    _assert_clean(app)
    event = app.selectbox(key="paths_event").value
    engine = make_engine(demo_store_url)
    report = metrics.build_report(engine, filters=FILTERS, start_event=event)
    markers = {"zh": {"(left)": "(离开)", "(other)": "(其他)"}, "en": {}}[language]
    expected = [
        (r["step"], markers.get(r["from"], r["from"]), markers.get(r["to"], r["to"]), r["users"])
        for r in report["transitions"]
    ]
    assert report["users"] > 0 and expected
    assert _rows(app) == expected
    assert app.metric[0].value == f"{report['users']:,}"
    assert "paths_csv" in [b.key for b in app.get("download_button")]

    # backward, 3 steps, no collapse, top 3: still the report's numbers
    app.segmented_control(key="paths_direction").set_value("backward")
    app.selectbox(key="paths_event").set_value("purchase")
    app.number_input(key="paths_steps").set_value(3)
    app.number_input(key="paths_top").set_value(3)
    app.toggle(key="paths_collapse").set_value(False).run()
    _assert_clean(app)
    report = metrics.build_report(
        engine, filters=FILTERS, end_event="purchase", steps=3, top=3, collapse=False
    )
    markers = {
        "zh": {"(start)": "(会话开始)", "(other)": "(其他)"},
        "en": {"(start)": "(session start)"},
    }[language]
    expected = [
        (r["step"], markers.get(r["from"], r["from"]), markers.get(r["to"], r["to"]), r["users"])
        for r in report["transitions"]
    ]
    assert _rows(app) == expected
    engine.dispose()


def test_paths_page_on_empty_store(empty_app):
    app = open_page(empty_app, "paths", lang="en")
    _assert_clean(app)
    assert not app.metric
