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


@pytest.mark.shared
def test_real_traffic_report_on_the_data_page_in_chinese(tmp_path, monkeypatch, shared_datasets):
    """The shop's traffic report (GB18030): guessed as channel stats, fields mapped, an as-of
    date asked for, checked without any English message; importing it writes 22 rows."""
    url = f"sqlite:///{tmp_path / 'data.db'}"
    _store(url, monkeypatch)
    app = signed_in(AppTest.from_file(APP, default_timeout=60), url)
    path = shared_datasets / "traffic_sources_gb18030.csv"
    data = path.read_bytes()

    class Uploaded:
        name = path.name

        def getvalue(self):
            return data

    import streamlit as st

    original = st.file_uploader

    def fake_uploader(*args, **kwargs):
        original(*args, **kwargs)
        return Uploaded()

    monkeypatch.setattr(st, "file_uploader", fake_uploader)
    app = open_page(app, "data", lang="zh")
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]
    kind = next(box for box in app.selectbox if box.key and box.key.startswith("kind_"))
    assert kind.value == "channel_stats"
    mapped = {
        box.label: box.value for box in app.selectbox if box.key and box.key.startswith("map_")
    }
    assert mapped == {
        "流量来源": "channel",
        "来源明细": "sub_channel",
        "访客数": "visitors",
        "支付转化率": "conversion_rate",
        "客单价": "average_order_value",
    }
    assert [d.label for d in app.date_input] == ["数据日期（文件中没有日期列时）"]
    assert any("读取 22 行：22 行有效，0 行有问题" in i.value for i in app.info)
    app.button(key="data_import").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("已导入批次 1" in s.value for s in app.success)
