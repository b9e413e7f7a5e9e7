"""The Data page: upload a file, see the preview and mapping, import it, see the batch.

AppTest cannot drive a file_uploader, so the tests hand the page an uploaded file by wrapping
``st.file_uploader`` (the widget still renders; it returns the fixture's bytes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.db import make_engine
from opsdash.ingest import list_batches
from tests.app.conftest import APP, _store, open_page, signed_in, unescaped

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]


@pytest.fixture
def data_app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'data.db'}"
    _store(url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), url), url


@pytest.mark.parametrize("language", ["zh", "en"])
def test_data_page_renders_empty_store(data_app, language):
    app, _ = data_app
    app = open_page(app, "data", lang=language)
    _assert_clean(app)
    assert app.title[0].value == ("数据" if language == "zh" else "Data")
    assert any(b.label in ("加载演示数据", "Load demo data") for b in app.button)


def test_upload_preview_map_import_and_see_the_batch(data_app, monkeypatch):
    app, url = data_app
    data = (FIXTURES / "users_en.csv").read_bytes()

    class Uploaded:
        name = "users_en.csv"

        def getvalue(self):
            return data

    import streamlit as st

    original = st.file_uploader

    def fake_uploader(*args, **kwargs):
        original(*args, **kwargs)  # keep the widget on the page
        return Uploaded()

    monkeypatch.setattr(st, "file_uploader", fake_uploader)
    app = open_page(app, "data", lang="en")
    _assert_clean(app)
    assert any("Detected: encoding utf-8" in c.value for c in app.caption)
    assert app.selectbox(key=app.selectbox[0].key).value == "users"
    assert any("4 rows read: 4 valid, 0 with problems" in i.value for i in app.info)
    app.button(key="data_import").click().run()
    _assert_clean(app)
    assert any("Imported as batch 1" in s.value for s in app.success)
    engine = make_engine(url)
    history = list_batches(engine)
    engine.dispose()
    assert history["rows_imported"].tolist() == [4]
    assert history["file_name"].tolist() == ["users_en.csv"]


def test_bad_file_shows_a_message_not_a_traceback(data_app, monkeypatch):
    app, _ = data_app

    class Uploaded:
        name = "bad.csv"

        def getvalue(self):
            return (FIXTURES / "bad_binary_renamed.csv").read_bytes()

    import streamlit as st

    original = st.file_uploader
    monkeypatch.setattr(st, "file_uploader", lambda *a, **k: (original(*a, **k), Uploaded())[1])
    app = open_page(app, "data", lang="en")
    _assert_clean(app)
    assert any("not a table export" in e.value for e in app.error)


SNAPSHOT_CSV = b"""content_id,date,views,likes
A,2024-01-01,100,1
A,2024-01-02,150,3
B,2024-01-02,10,0
B,2024-01-03,40,2
"""


@pytest.mark.parametrize("language", ["zh", "en"])
def test_snapshot_file_is_detected_and_the_user_answers(data_app, monkeypatch, language):
    import sqlalchemy as sa
    import streamlit as st

    app, url = data_app

    class Uploaded:
        name = "bilibili.csv"

        def getvalue(self):
            return SNAPSHOT_CSV

    original = st.file_uploader
    monkeypatch.setattr(st, "file_uploader", lambda *a, **k: (original(*a, **k), Uploaded())[1])
    app = open_page(app, "data", lang=language)
    _assert_clean(app)
    app.selectbox(key=app.selectbox[0].key).set_value("content_stats").run()
    _assert_clean(app)
    detected = "累计总数（快照）" if language == "zh" else "look like lifetime totals"
    assert any(detected in i.value for i in app.info)
    radio = next(r for r in app.radio if r.key.startswith("cumulative_"))
    assert radio.value is True
    radio.set_value(False).run()
    _assert_clean(app)
    app.button(key="data_import").click().run()
    _assert_clean(app)
    engine = make_engine(url)
    with engine.connect() as conn:
        flags = conn.execute(sa.text("SELECT cumulative FROM content_stats")).scalars().all()
    engine.dispose()
    assert len(flags) == 4 and not any(flags)


def _upload(monkeypatch, name: str, data: bytes) -> None:
    import streamlit as st

    class Uploaded:
        def getvalue(self):
            return data

    Uploaded.name = name
    original = st.file_uploader
    monkeypatch.setattr(st, "file_uploader", lambda *a, **k: (original(*a, **k), Uploaded())[1])


def test_currency_chosen_in_the_preview_when_not_detected(data_app, monkeypatch):
    from opsdash.store.currency import store_currency

    app, url = data_app
    _upload(monkeypatch, "plain.csv", b"order_id,paid_at,amount\nA1,2024-02-01 10:00,12\n")
    app = open_page(app, "data", lang="en")
    _assert_clean(app)
    assert any("not certain" in c.value for c in app.caption)
    choice = next(s for s in app.selectbox if s.label == "Currency of the amounts")
    choice.set_value("GBP").run()
    app.button(key="data_import").click().run()
    _assert_clean(app)
    engine = make_engine(url)
    assert store_currency(engine) == "GBP"
    engine.dispose()


def test_file_in_another_currency_is_refused_unless_the_user_says_same(data_app, monkeypatch):
    from opsdash.ingest import import_file

    app, url = data_app
    engine = make_engine(url)
    retail = (FIXTURES / "orders_retail.csv").read_bytes()
    import_file(engine, retail, kind="orders", file_name="retail.csv", timezone="UTC")
    _upload(monkeypatch, "yen.csv", b"order_id,amount\nZ1,\xc2\xa530\n")
    app = open_page(app, "data", lang="zh")
    _assert_clean(app)
    assert any("库里的金额是 GBP" in unescaped(w.value) for w in app.warning)
    app.button(key="data_import").click().run()
    _assert_clean(app)
    assert any("yen.csv" in unescaped(e.value) and "什么都没有写入" in e.value for e in app.error)
    assert list_batches(engine)["rows_imported"].tolist() == [5]
    app.checkbox(key=next(c.key for c in app.checkbox if "GBP" in c.label)).check().run()
    app.button(key="data_import").click().run()
    _assert_clean(app)
    assert list_batches(engine)["rows_imported"].tolist() == [1, 5]
    engine.dispose()


def test_undo_of_a_batch_others_depend_on_says_so_and_waits_for_a_yes(data_app):
    # issue 18: batch 2 counted u2 as already present; undoing batch 1 must keep u2
    from opsdash.db import init_store
    from opsdash.ingest import import_file

    app, url = data_app
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    for name, body in [
        ("x.csv", b"user_id,signup_at\nu1,2024-03-01 10:00\nu2,2024-03-01 11:00\n"),
        ("y.csv", b"user_id,signup_at\nu2,2024-03-01 11:00\nu3,2024-03-02 09:00\n"),
    ]:
        import_file(engine, body, kind="users", file_name=name, timezone="UTC", created_by="t")
    app = open_page(app, "data", lang="en")
    _assert_clean(app)
    app = app.selectbox(key="data_undo_batch").select(1).run()
    assert not [w for w in app.warning if "Undoing batch 1" in w.value]  # asked on click
    app = app.button(key="data_undo").click().run()
    plan = [w.value for w in app.warning if "Undoing batch 1" in w.value]
    assert plan and "1 stay" not in plan[0] and "later batches 2" in plan[0], plan
    with engine.connect() as conn:  # nothing removed before the yes
        assert conn.exec_driver_sql("SELECT count(*) FROM users").scalar() == 3
    app = app.button(key="data_undo_confirm").click().run()
    _assert_clean(app)
    with engine.connect() as conn:
        users = sorted(r[0] for r in conn.exec_driver_sql("SELECT user_id FROM users"))
    engine.dispose()
    assert users == ["u2", "u3"]
