"""The Data page's import state: progress of an import, "nothing new" for an identical file
(no empty batch), undo only after a confirmation that names what it removes."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.db import make_engine
from opsdash.ingest import list_batches
from tests.app.conftest import APP, _store, open_page, signed_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _clean(app):
    assert not app.exception, [e.value for e in app.exception]


@pytest.fixture
def uploaded_app(tmp_path, monkeypatch):
    """The Data page of an empty store with users_en.csv in the file uploader."""
    url = f"sqlite:///{tmp_path / 'data.db'}"
    _store(url, monkeypatch)
    data = (FIXTURES / "users_en.csv").read_bytes()

    class Uploaded:
        name = "users_en.csv"

        def getvalue(self):
            return data

    import streamlit as st

    original = st.file_uploader

    def fake_uploader(*args, **kwargs):
        original(*args, **kwargs)
        return Uploaded()

    monkeypatch.setattr(st, "file_uploader", fake_uploader)
    app = signed_in(AppTest.from_file(APP, default_timeout=60), url)
    return open_page(app, "data", lang="en"), url


def _batches(url):
    engine = make_engine(url)
    try:
        return list_batches(engine)
    finally:
        engine.dispose()


def _labels(app):
    return [s.label for s in app.status]


def test_progress_then_nothing_new_for_the_same_file(uploaded_app):
    app, url = uploaded_app
    _clean(app)
    assert "4 rows validated" in _labels(app)  # the check's progress: read, then validated
    app.button(key="data_import").click().run()
    _clean(app)
    assert any("Imported as batch 1" in s.value for s in app.success)
    app.button(key="data_import").click().run()  # the identical file again
    _clean(app)
    assert any("Nothing new: all 4 valid rows" in i.value for i in app.info)
    assert _batches(url)["id"].tolist() == [1]  # no empty batch


def test_undo_asks_first_and_names_what_it_removes(uploaded_app):
    app, url = uploaded_app
    app.button(key="data_import").click().run()
    app.button(key="data_undo").click().run()
    _clean(app)
    question = [w.value for w in app.warning if "Undoing batch 1" in w.value]
    assert question and "4 rows of Users (sign-ups)" in question[0]
    assert "users\\_en\\.csv" in question[0]  # the file, escaped for Markdown
    assert _batches(url)["undone_at"].isna().all()  # nothing undone yet
    app.button(key="data_undo_cancel").click().run()
    _clean(app)
    assert not [w for w in app.warning if "Undoing batch" in w.value]
    assert _batches(url)["undone_at"].isna().all()
    app.button(key="data_undo").click().run()
    app.button(key="data_undo_confirm").click().run()
    _clean(app)
    assert _batches(url)["undone_at"].notna().all()


@pytest.fixture
def demo_upload_app(uploaded_app):
    """As uploaded_app, over a store that holds (small) demo data ending 2024-06-30."""
    import datetime as dt

    from opsdash.demo import load_demo

    app, url = uploaded_app
    engine = make_engine(url)
    load_demo(engine, users=60, days=20, seed=3, end=dt.date(2024, 6, 30), timezone="UTC")
    engine.dispose()
    return open_page(app, "data", lang="en"), url


def _sidebar_text(app):
    return [w.value for w in app.sidebar.warning] + [c.value for c in app.sidebar.caption]


def test_importing_over_the_demo_offers_to_remove_it(demo_upload_app):
    app, url = demo_upload_app
    _clean(app)
    assert any("These are demo data" in text for text in _sidebar_text(app))
    assert any("The store holds demo data" in w.value for w in app.warning)
    assert app.checkbox(key="data_remove_demo").value is True  # offered, and the default
    app.button(key="data_import").click().run()
    _clean(app)
    assert any("Removed the demo data" in s.value for s in app.success)
    batches = _batches(url)
    assert batches.loc[batches["undone_at"].isna(), "kind"].tolist() == ["users"]
    assert not any("demo data" in text for text in _sidebar_text(app))


def test_kept_demo_is_marked_and_presets_end_on_the_imported_data(demo_upload_app):
    app, _ = demo_upload_app
    app.checkbox(key="data_remove_demo").uncheck().run()
    app.button(key="data_import").click().run()
    _clean(app)
    assert any("mixes in demo data" in text for text in _sidebar_text(app))
    # the last 30 days end on the imported users' last signup day, not the demo's 2024-06-30
    assert any("2024-01-05 to 2024-02-03" in c.value for c in app.sidebar.caption)
    assert app.query_params["end"] in ("2024-02-03", ["2024-02-03"])
