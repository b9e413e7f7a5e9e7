"""Issue 18, text that becomes markup: a store whose names and texts hold Markdown and HTML
payloads (event names, channels, campaign names, content titles, property values, products,
experiment names, feedback text, a cohort name, an annotation, a display name) is walked
page by page; no element that renders Markdown (markdown, caption, alerts, labels, help
text, radio options, expander and tab labels) may carry the payload's link, image or HTML
unescaped."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pandas as pd
import pytest
import sqlalchemy as sa
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from opsdash import demo
from opsdash.db import init_store, make_engine
from opsdash.demo import load_demo
from opsdash.ingest import import_file
from opsdash.settings import get_settings
from tests.app.conftest import APP, DEMO_END, PAGES, _store, open_page, signed_in

PAYLOAD = (
    "**x** ![](http://127.0.0.1:9/px.png) [click](http://127.0.0.1:9/) <img src=x onerror=alert(1)>"
)
COHORT = "**x** [c](http://127.0.0.1:9/) <img src=x>"  # cohort names have 100 characters at most

# Unescaped: a link or image target right after "]" that is not "\]", raw HTML, bold.
UNSAFE = [
    re.compile(r"(?<!\\)\]\(http://127\.0\.0\.1:9"),
    re.compile(r"(?<!\\)<img"),
    re.compile(r"(?<!\\)\*\*x"),
]
# Elements whose text is shown as plain text (tables, charts, select options, inputs' values):
# only their label and help are Markdown.
PLAIN = {
    "arrow_data_frame",
    "arrow_table",
    "arrow_vega_lite_chart",
    "vega_lite_chart",
    "dataframe",
    "table",
    "selectbox",
    "multiselect",
    "text_input",
    "text_area",
    "code",
    "json",
    "text",
    "download_button",
    "plotly_chart",
}
MARKDOWN_FIELDS = {"label", "help", "body", "caption", "title", "text", "placeholder"}


def _payloaded(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    frames = {kind: frame.copy() for kind, frame in frames.items()}

    def mark(kind: str, column: str, *, first_value_only: bool = True) -> None:
        frame = frames[kind]
        values = frame[column].dropna()
        if values.empty:
            return
        if first_value_only:
            target = values.value_counts().index[-1]  # the rarest value: pages keep working
            frame.loc[frame[column] == target, column] = f"{PAYLOAD} {target}"
        else:
            frame[column] = frame[column].map(lambda v: v if pd.isna(v) else f"{PAYLOAD} {v}")

    mark("users", "channel", first_value_only=False)  # campaigns' channels match users'
    mark("users", "region")
    frames["users"]["properties"] = frames["users"]["properties"].str.replace(
        '":"', f'":"{PAYLOAD.replace(chr(34), "")} ', regex=False
    )
    mark("events", "event")
    for column in ("title", "category", "author", "channel"):
        mark("contents", column, first_value_only=column != "title")
    for column in ("name", "channel"):
        mark("campaigns", column, first_value_only=False)
    for column in ("product", "category", "channel"):
        mark("orders", column)
    mark("experiment_assignments", "experiment", first_value_only=False)
    return frames


@pytest.fixture(scope="module")
def payload_store_url(tmp_path_factory) -> str:
    from opsdash.brief.annotations import add_annotation
    from opsdash.cohorts import create_cohort

    path = tmp_path_factory.mktemp("payload") / "payload.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    original = demo.generate_demo
    demo.generate_demo = lambda **kw: _payloaded(original(**kw))
    try:
        load_demo(engine, users=300, days=45, seed=7, end=DEMO_END, timezone="UTC")
    finally:
        demo.generate_demo = original
    lines = ["feedback_id,submitted_at,source,rating,nps_score,text,platform,category"]
    for n in range(30):
        day = DEMO_END - dt.timedelta(days=n % 20)
        text = PAYLOAD.replace(",", " ") + (" 闪退 卡顿" if n % 2 else " 好用 漂亮")
        lines.append(f"f{n},{day} 10:00,{PAYLOAD},{1 + n % 5},{n % 11},{text},ios,{PAYLOAD}")
    import_file(
        engine,
        "\n".join(lines).encode(),
        kind="feedback",
        file_name=f"{PAYLOAD}.csv",
        timezone="UTC",
        created_by="t",
    )
    create_cohort(engine, COHORT, users=["U000001", "U000002", "U000003"])
    add_annotation(engine, day=DEMO_END - dt.timedelta(days=3), text=PAYLOAD)
    engine.dispose()
    return url


@pytest.fixture
def payload_app(payload_store_url, monkeypatch) -> Iterator[AppTest]:
    _store(payload_store_url, monkeypatch)
    app = signed_in(AppTest.from_file(APP, default_timeout=90), payload_store_url)
    engine = make_engine(payload_store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE app_users SET display_name = :n"), {"n": PAYLOAD})
    engine.dispose()
    yield app
    get_settings.cache_clear()


def _nodes(node) -> Iterator:
    yield node
    children = getattr(node, "children", None) or {}
    for child in children.values():
        yield from _nodes(child)


def _strings(value, field: str | None = None) -> Iterator[tuple[str | None, str]]:
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, field)


def unsafe_elements(app: AppTest) -> list[tuple[str, str]]:
    """(element type, text) of every Markdown-rendered text carrying the payload unescaped."""
    found = []
    for node in _nodes(app._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        kind = getattr(node, "type", "") or ""
        for field, text in _strings(MessageToDict(proto, preserving_proto_field_name=True)):
            if kind in PLAIN and field not in ("label", "help"):
                continue
            if field is not None and field not in MARKDOWN_FIELDS and field != "options":
                continue
            stripped = re.sub(r"`[^`\n]*`", "", text)  # code spans show text literally
            if any(pattern.search(stripped) for pattern in UNSAFE):
                found.append((f"{kind}.{field}", text[:300]))
    return found


@pytest.mark.parametrize("page", [*PAGES, "admin"])
def test_no_page_renders_the_payload_as_markup(payload_app, page):
    start = str(DEMO_END - dt.timedelta(days=40))
    app = open_page(payload_app, page, lang="en", preset="custom", start=start, end=str(DEMO_END))
    assert not app.exception, [e.value for e in app.exception]
    found = unsafe_elements(app)
    assert not found, found


@pytest.mark.parametrize("page", ["overview", "users", "revenue"])
def test_a_payload_cohort_as_filter(payload_app, page):
    start = str(DEMO_END - dt.timedelta(days=40))
    app = open_page(
        payload_app, page, lang="zh", preset="custom", start=start, end=str(DEMO_END), cohort=COHORT
    )
    assert not app.exception, [e.value for e in app.exception]
    found = unsafe_elements(app)
    assert not found, found


def test_users_funnel_warning_with_a_payload_event(payload_app):
    # the first finding: the funnel's biggest-drop warning names the event
    start = str(DEMO_END - dt.timedelta(days=40))
    app = open_page(
        payload_app, "users", lang="en", preset="custom", start=start, end=str(DEMO_END)
    )
    steps = app.multiselect(key="users_funnel_steps")
    payload_event = next(o for o in steps.options if o.startswith(PAYLOAD))
    others = [o for o in steps.options if o != payload_event][:2]
    app = steps.set_value([*others, payload_event]).run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("127" in w.value for w in app.warning)  # the warning names the payload step
    found = unsafe_elements(app)
    assert not found, found


def test_activities_review_of_every_campaign(payload_app):
    # the second finding: the review's captions name the campaign's channel
    start = str(DEMO_END - dt.timedelta(days=40))
    app = open_page(
        payload_app, "activities", lang="en", preset="custom", start=start, end=str(DEMO_END)
    )
    review = app.selectbox(key="activities_review_campaign")
    for option in list(review.options):
        app = review.select(option).run()
        assert not app.exception, [e.value for e in app.exception]
        found = unsafe_elements(app)
        assert not found, (option, found)
        review = app.selectbox(key="activities_review_campaign")
