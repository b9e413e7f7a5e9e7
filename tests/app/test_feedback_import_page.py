"""The Data page imports feedback exports with no mapping: the kind is guessed, the date of a
file without dates is asked for, label/review columns map themselves."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.db import make_engine
from opsdash.ingest import list_batches
from tests.app.conftest import APP, _store, open_page, signed_in
from tests.unit.ingest.conftest import FIXTURES


def _upload(monkeypatch, name: str, data: bytes) -> None:
    import streamlit as st

    class Uploaded:
        def getvalue(self):
            return data

    Uploaded.name = name
    original = st.file_uploader

    def fake_uploader(*args, **kwargs):
        original(*args, **kwargs)
        return Uploaded()

    monkeypatch.setattr(st, "file_uploader", fake_uploader)


def _import(tmp_path, monkeypatch, name: str, data: bytes) -> tuple[AppTest, list[int], list]:
    url = f"sqlite:///{tmp_path / 'data.db'}"
    _store(url, monkeypatch)
    _upload(monkeypatch, name, data)
    app = open_page(signed_in(AppTest.from_file(APP, default_timeout=180), url), "data", lang="zh")
    assert not app.exception, [e.value for e in app.exception]
    assert app.selectbox(key=app.selectbox[0].key).value == "feedback"
    app.date_input(key=next(d.key for d in app.date_input if "fbdate" in d.key)).set_value(
        "2024-03-01"
    ).run()
    app.button(key="data_import").click().run()
    assert not app.exception, [e.value for e in app.exception]
    engine = make_engine(url)
    history = list_batches(engine)
    with engine.connect() as conn:
        days = conn.exec_driver_sql("SELECT DISTINCT submitted_date FROM feedback").scalars().all()
    engine.dispose()
    return app, history["rows_imported"].tolist(), days


def test_label_review_file(tmp_path, monkeypatch):
    data = (FIXTURES / "feedback_labels.csv").read_bytes()
    _, imported, days = _import(tmp_path, monkeypatch, "labels.csv", data)
    assert imported == [5]
    assert [str(d)[:10] for d in days] == ["2024-03-01"]


@pytest.mark.shared
def test_real_waimai_export(tmp_path, monkeypatch, shared_datasets):
    data = (shared_datasets / "waimai_10k.csv").read_bytes()
    _, imported, _ = _import(tmp_path, monkeypatch, "waimai_10k.csv", data)
    assert imported == [11987]
