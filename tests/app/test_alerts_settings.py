"""Alert rules and channels from the UI (Overview → Alerts and push): an admin adds a
channel (its URL and secret typed into password fields, shown back masked only), sends a
test message to a real HTTP server on 127.0.0.1 and removes it; an editor manages rules and
sees channels masked but cannot add them; viewers see none of it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.brief.alerts import list_rules
from opsdash.db import init_store, make_engine
from opsdash.notify.channels import add_channel, list_channels
from opsdash.settings import get_settings
from tests.app.conftest import APP, _store, open_page, signed_in, unescaped
from tests.unit.brief.generated import fill
from tests.unit.notify.test_push import SECRET, Receiver

KEY = "overview_alerts"


@pytest.fixture
def store_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'alerts.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    with engine.begin() as conn:
        fill(conn, drop_channel="douyin")
    engine.dispose()
    return url


@pytest.fixture
def app_for(store_url, monkeypatch):
    _store(store_url, monkeypatch)
    monkeypatch.setenv("OPSDASH_SECRETS_KEY", "app-test-secrets-key-0123456789abcdef")
    get_settings.cache_clear()
    yield lambda role: signed_in(AppTest.from_file(APP, default_timeout=120), store_url, role)
    get_settings.cache_clear()


@pytest.fixture
def hook():
    receiver = Receiver()
    yield receiver
    receiver.close()


def _shown(page) -> str:
    """Everything a person sees as text on the page, tables included."""
    parts = [e.value for e in page.markdown] + [e.value for e in page.caption]
    parts += [e.value for e in page.success] + [e.value for e in page.error]
    parts += [str(e.value) for e in page.text_input]
    parts += [frame.value.to_string() for frame in page.dataframe]
    return unescaped("\n".join(parts))  # user text is Markdown-escaped where it renders


def test_an_admin_adds_tests_and_removes_a_channel(app_for, store_url, hook):
    page = open_page(app_for("admin"), "overview", lang="en")
    assert not page.exception
    assert "Alerts and push" in [e.label for e in page.expander]
    target = page.text_input(key=f"{KEY}_channel_target")
    assert target.proto.type == target.proto.PASSWORD
    page.selectbox(key=f"{KEY}_channel_kind").set_value("dingtalk")
    page.text_input(key=f"{KEY}_channel_name").input("ops-ding")
    target.input(hook.url)
    page.text_input(key=f"{KEY}_channel_secret").input(SECRET)
    next(b for b in page.get("form_submit_button") if b.label == "Add channel").click()
    page.run()
    assert not page.exception
    shown = _shown(page)
    assert "Channel ops-ding added." in shown
    assert "http://127.0.0.1/***" in shown and "****" in shown
    assert "KEY-abc" not in shown and SECRET not in shown
    engine = make_engine(store_url)
    [channel] = list_channels(engine)
    assert (channel.kind, channel.target, channel.secret) == ("dingtalk", hook.url, SECRET)

    page.selectbox(key=f"{KEY}_channel_choice").set_value("ops-ding")
    page.run()
    page.button(key=f"{KEY}_channel_test").click()
    page.run()
    assert not page.exception
    assert "Test message sent to ops-ding." in _shown(page)
    path, body = hook.requests[-1]
    assert path.startswith("/hook/KEY-abc?timestamp=") and "&sign=" in path
    assert body["msgtype"] == "markdown" and "opsdash" in body["markdown"]["text"]

    page.selectbox(key=f"{KEY}_channel_choice").set_value("ops-ding")
    page.run()
    page.button(key=f"{KEY}_channel_remove").click()
    page.run()
    assert not page.exception and list_channels(engine) == []
    engine.dispose()


def test_a_failed_test_send_names_the_status_not_the_url(app_for, store_url):
    broken = Receiver(fail_first=99)
    try:
        engine = make_engine(store_url)
        add_channel(engine, kind="wecom", target=broken.url, name="down")
        engine.dispose()
        page = open_page(app_for("admin"), "overview", lang="zh")
        page.selectbox(key=f"{KEY}_channel_choice").set_value("down")
        page.run()
        page.button(key=f"{KEY}_channel_test").click()
        page.run()
    finally:
        broken.close()
    shown = _shown(page)
    assert "测试消息未能发送到 down：HTTP 500" in shown
    assert "KEY-abc" not in shown
    assert len(broken.requests) == 1  # one attempt: a person is waiting


def test_an_editor_manages_rules_and_sees_channels_masked(app_for, store_url):
    engine = make_engine(store_url)
    add_channel(engine, kind="webhook", target="https://hooks.example.com/T0/B1/XYZ", name="ops")
    engine.dispose()
    page = open_page(app_for("editor"), "overview", lang="en")
    assert not page.exception
    shown = _shown(page)
    assert "https://hooks.example.com/***" in shown and "XYZ" not in shown
    assert "Only admins can add, test and remove channels." in shown
    assert "Add channel" not in [b.label for b in page.get("form_submit_button")]
    page.selectbox(key=f"{KEY}_rule_metric").set_value("dau")
    page.selectbox(key=f"{KEY}_rule_condition").set_value("below")
    page.number_input(key=f"{KEY}_rule_threshold").set_value(100.0)
    page.text_input(key=f"{KEY}_rule_segment").input("channel=douyin")
    page.selectbox(key=f"{KEY}_rule_channel").set_value("ops")
    next(b for b in page.get("form_submit_button") if b.label == "Add rule").click()
    page.run()
    assert not page.exception
    engine = make_engine(store_url)
    [rule] = list_rules(engine)
    assert (rule.metric, rule.condition, rule.threshold, rule.segment, rule.channel) == (
        "dau",
        "below",
        100.0,
        "channel=douyin",
        "ops",
    )
    assert "below 100" in _shown(page)
    # a threshold is needed for "above": refused in the user's words
    page.selectbox(key=f"{KEY}_rule_condition").set_value("above")
    next(b for b in page.get("form_submit_button") if b.label == "Add rule").click()
    page.run()
    assert "Not saved: This condition needs a threshold." in _shown(page)
    page.selectbox(key=f"{KEY}_rule_choice").set_value(rule.id)
    page.run()
    page.button(key=f"{KEY}_rule_remove").click()
    page.run()
    assert list_rules(engine) == []
    engine.dispose()


def test_viewers_see_no_alerts_or_channels(app_for, store_url):
    engine = make_engine(store_url)
    add_channel(engine, kind="webhook", target="https://hooks.example.com/T0/B1/XYZ", name="ops")
    engine.dispose()
    page = open_page(app_for("viewer"), "overview", lang="en")
    assert not page.exception
    assert "Alerts and push" not in [e.label for e in page.expander]
    assert "hooks.example.com" not in _shown(page)
