"""The Data page's mapping dropdowns name each field in the user's language next to its code."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, _store, open_page, signed_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.mark.parametrize(
    ("language", "expected"), [("zh", "user_id · 用户 ID *"), ("en", "user_id · User ID *")]
)
def test_mapping_dropdowns_show_field_labels(tmp_path, monkeypatch, language, expected):
    url = f"sqlite:///{tmp_path / 'data.db'}"
    _store(url, monkeypatch)
    app = signed_in(AppTest.from_file(APP, default_timeout=60), url)
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
    app = open_page(app, "data", lang=language)
    assert not app.exception, [e.value for e in app.exception]
    mapping = [box for box in app.selectbox if box.key and box.key.startswith("map_")]
    assert mapping
    assert expected in mapping[0].options
    assert mapping[0].value == "user_id"  # the widget's value stays the field code
