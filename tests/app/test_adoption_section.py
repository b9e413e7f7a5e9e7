"""The Users page's feature-adoption section, in both languages: the same numbers as
``opsdash report adoption``; a launch after the range's end is a message, not a crash."""

from __future__ import annotations

import datetime as dt

import pytest

from opsdash.db import make_engine
from opsdash.filters import Filters
from opsdash.formatting import format_compact, format_percent
from opsdash.metrics.adoption import build_report
from tests.app.conftest import open_page

RANGE = {"preset": "custom", "start": "2024-05-01", "end": "2024-06-30"}


def _section(app, key: str):
    return next(w for w in app.selectbox if w.key == key)


@pytest.mark.parametrize(
    ("language", "title"), [("zh", "新功能冷启动"), ("en", "Feature adoption")]
)
def test_adoption_section(demo_app, demo_store_url, language, title):
    app = open_page(demo_app, "users", lang=language, **RANGE)
    assert not app.exception, [e.value for e in app.exception]
    assert title in [h.value for h in app.header]
    event = _section(app, "users_adoption_event")
    assert event.value is None  # nothing computed until an event is chosen
    name = event.options[-1]
    event.set_value(name).run()
    assert not app.exception, [e.value for e in app.exception]
    engine = make_engine(demo_store_url)
    filters = Filters(start=dt.date(2024, 5, 1), end=dt.date(2024, 6, 30))
    report = build_report(engine, filters=filters, event=name)
    engine.dispose()
    metrics = {m.label: m.value for m in app.metric}
    adopters = "采用用户" if language == "zh" else "Adopters"
    rate = "累计采用率" if language == "zh" else "Cumulative adoption"
    assert report["adopters"] > 0
    assert metrics[rate] == format_percent(report["adoption_rate"])
    assert metrics[adopters] == format_compact(report["adopters"], language=language)
    assert len(app.dataframe) >= 2  # retention and by channel/platform tables


def test_launch_after_end_is_a_message(demo_app):
    app = open_page(demo_app, "users", lang="en", **RANGE)
    _section(app, "users_adoption_event").set_value(
        _section(app, "users_adoption_event").options[0]
    )
    _section(app, "users_adoption_launch_mode").set_value("date").run()
    launch = next(w for w in app.date_input if w.key == "users_adoption_launch")
    launch.set_value(dt.date(2024, 7, 5)).run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("after the range's end" in w.value for w in app.warning)
