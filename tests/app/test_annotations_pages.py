"""Annotations on every trend chart of every page: a note added to the store shows as a rule
on each page's charts over dates (Overview, Users, Revenue, Content, Activities, Feedback),
and editors get the add form on each of those pages, viewers only the list."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from opsdash.brief.annotations import add_annotation
from opsdash.db import init_store, make_engine
from opsdash.demo import load_demo
from opsdash.ingest import import_file
from opsdash.settings import get_settings
from tests.app.conftest import APP, DEMO_END, _store, open_page, signed_in
from tests.unit.ingest.conftest import FIXTURES

NOTE = "release <b>v9</b> [x](http://evil)"
FEEDBACK_NOTE = "outage *app*"
NOTE_DAYS = {NOTE: DEMO_END - dt.timedelta(days=6), FEEDBACK_NOTE: dt.date(2024, 3, 11)}


@pytest.fixture(scope="module")
def noted_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('noted') / 'noted.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    load_demo(engine, users=400, days=60, seed=7, end=DEMO_END, timezone="UTC")
    data = (FIXTURES / "feedback_period.csv").read_bytes()
    import_file(engine, data, kind="feedback", file_name="f.csv", timezone="UTC", created_by="t")
    for text, day in NOTE_DAYS.items():
        add_annotation(engine, day=day, text=text, created_by="ed")
    engine.dispose()
    return url


@pytest.fixture
def app_for(noted_url, monkeypatch) -> Iterator:
    _store(noted_url, monkeypatch)

    def make(role: str = "admin") -> AppTest:
        return signed_in(AppTest.from_file(APP, default_timeout=90), noted_url, role)

    yield make
    get_settings.cache_clear()


ISO_DAY = r"^\d{4}-\d{2}-\d{2}(T|$)"


def _charts(page) -> list[tuple[dict, bytes, tuple | None]]:
    """(spec, the datasets' bytes, (first, last) day of the chart's date columns)."""
    found = []
    for element in page.get("vega_lite_chart"):
        days = []
        for dataset in element.proto.datasets:
            frame = pa.ipc.open_stream(dataset.data.data).read_pandas()
            for column in frame.columns:
                values = frame[column].dropna()
                if pd.api.types.is_datetime64_any_dtype(frame[column]) or any(
                    isinstance(v, dt.date) for v in values.head(3)
                ):
                    days += [pd.Timestamp(v).date() for v in values]
                elif len(values) and values.astype(str).str.match(ISO_DAY).all():
                    # a spec passed as a dict (theme.localise) carries its days as ISO text
                    days += [pd.Timestamp(v[:10]).date() for v in values.astype(str)]
        span = (min(days), max(days)) if days else None
        data = b"".join(d.data.data for d in element.proto.datasets)
        found.append((json.loads(element.proto.spec), data, span))
    return found


def _dated(spec: dict) -> bool:
    return '"temporal"' in json.dumps(spec)


# the demo's last 30 days: the imported feedback (March 2024) would move the presets to its
# own last day (issue 16: presets end on the data the user imported)
DEMO_RANGE = {
    "preset": "custom",
    "start": (DEMO_END - dt.timedelta(days=29)).isoformat(),
    "end": DEMO_END.isoformat(),
}
PAGES = {
    "overview": DEMO_RANGE,
    "users": DEMO_RANGE,
    "revenue": DEMO_RANGE,
    "content": DEMO_RANGE,
    "activities": DEMO_RANGE,
    "feedback": {"preset": "custom", "start": "2024-03-08", "end": "2024-03-14"},
}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_trend_chart_of_the_page_shows_the_notes(app_for, name):
    page = open_page(app_for(), name, lang="en", **PAGES[name])
    assert not page.exception, [e.value for e in page.exception]
    note = FEEDBACK_NOTE if name == "feedback" else NOTE
    charts = _charts(page)
    day = NOTE_DAYS[note]
    dated = [(spec, data, span) for spec, data, span in charts if _dated(spec)]
    assert dated, name
    # every chart over dates whose days include the note's carries it (one over other days,
    # such as one campaign's or one keyword's, shows only what falls within them)
    covering = [data for _, data, span in dated if span and span[0] <= day <= span[1]]
    assert covering, name
    assert all(note.encode() in data for data in covering), name
    # charts without a date axis (donuts, funnels, bars by channel) carry no rule
    undated = [data for spec, data, _ in charts if not _dated(spec)]
    assert not any(note.encode() in data for data in undated)
    # the note is listed as plain text in the page's annotation table, never as Markdown
    assert "Annotations" in [e.label for e in page.expander]
    assert not any(note in m.value for m in page.markdown)
    assert any(note in frame.value.to_string() for frame in page.dataframe)
    buttons = [b.label for b in page.get("form_submit_button")]
    assert "Add annotation" in buttons


def test_viewers_see_the_notes_but_no_form(app_for):
    page = open_page(app_for("viewer"), "users", lang="zh", **DEMO_RANGE)
    assert not page.exception
    assert any(NOTE.encode() in data for _, data, _ in _charts(page))
    assert "添加标注" not in [b.label for b in page.get("form_submit_button")]
    assert "只有编辑和管理员可以添加标注。" in [c.value for c in page.caption]


def test_an_editor_adds_and_removes_a_note_from_a_page(app_for, noted_url):
    from opsdash.brief.annotations import list_annotations

    page = open_page(app_for("editor"), "revenue", lang="en", **DEMO_RANGE)
    page.text_input(key="revenue_annotation_text").input("price change")
    page.date_input(key="revenue_annotation_day").set_value(DEMO_END)
    next(b for b in page.get("form_submit_button") if b.label == "Add annotation").click()
    page.run()
    assert not page.exception
    engine = make_engine(noted_url)
    added = [row for row in list_annotations(engine) if row["text"] == "price change"]
    assert added and added[0]["created_by"] == "test-editor" and added[0]["day"] == DEMO_END
    page.selectbox(key="revenue_annotation_choice").set_value(added[0]["id"])
    page.run()
    page.button(key="revenue_annotation_remove").click()
    page.run()
    assert not page.exception
    assert not [row for row in list_annotations(engine) if row["text"] == "price change"]
    engine.dispose()
