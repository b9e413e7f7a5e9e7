"""Alert rules on a generated store with a planted douyin drop on the last day (SQLite):
which rules fire, segment rules, routing to one channel, and bad rules refused."""

from __future__ import annotations

import json

import pytest

from opsdash.brief.alerts import add_rule, list_rules
from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.notify.channels import add_channel
from tests.unit.brief.generated import fill
from tests.unit.notify.test_push import Receiver


@pytest.fixture
def store(sqlite_engine):
    with sqlite_engine.begin() as conn:
        fill(conn, drop_channel="douyin")
    return sqlite_engine


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_rules_fire_on_the_day(store, capsys):
    add_rule(store, metric="dau", condition="anomaly")  # 1 fires
    add_rule(store, metric="revenue", condition="above", threshold=1e9)  # 2 no
    add_rule(store, metric="dau", condition="change", threshold=0.2)  # 3 fires (~ -29%)
    add_rule(store, metric="new_users", condition="below", threshold=1)  # 4 no
    add_rule(store, metric="dau", condition="anomaly", segment="channel=douyin")  # 5 fires
    add_rule(store, metric="dau", condition="anomaly", segment="channel=wechat")  # 6 no
    assert main(["brief", "--db", _url(store), "--json", "--lang", "en"]) == 0
    alerts = json.loads(capsys.readouterr().out)["alerts"]
    assert [a["id"] for a in alerts] == [1, 3, 5]
    assert alerts[0]["text"].startswith("DAU is out of its expected band")
    assert "from the day before" in alerts[1]["text"] and "beyond ±20%" in alerts[1]["text"]
    assert alerts[2]["segment"] == "channel=douyin" and "(channel=douyin)" in alerts[2]["text"]
    assert main(["alert", "list", "--db", _url(store), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 6
    assert main(["alert", "remove", "6", "--db", _url(store)]) == 0
    assert [r.id for r in list_rules(store)] == [1, 2, 3, 4, 5]


def test_alerts_routed_to_their_channel(store, monkeypatch):
    monkeypatch.setattr("opsdash.notify.send.time.sleep", lambda seconds: None)
    ops, lead = Receiver(), Receiver()
    try:
        add_channel(store, kind="webhook", target=ops.url, name="ops")
        add_channel(store, kind="webhook", target=lead.url, name="lead")
        add_rule(store, metric="dau", condition="anomaly")
        add_rule(store, metric="dau", condition="change", threshold=0.2, channel="lead")
        assert main(["alert", "add", "dau", "below", "100000", "--channel", "ops",
                     "--db", _url(store)]) == 0  # fmt: skip
        assert main(["brief", "--db", _url(store), "--send", "--lang", "en"]) == 0
        ops_text = ops.requests[0][1]["text"]
        lead_text = lead.requests[0][1]["text"]
    finally:
        ops.close()
        lead.close()
    assert "Alerts" in ops_text and "out of its expected band" in ops_text
    assert "below 100,000" in ops_text and "from the day before" not in ops_text
    assert "from the day before" in lead_text and "below 100,000" not in lead_text


def test_bad_rules_are_refused(store):
    with pytest.raises(UserError, match="unknown metric"):
        add_rule(store, metric="mau", condition="anomaly")
    with pytest.raises(UserError, match="needs a threshold"):
        add_rule(store, metric="dau", condition="above")
    with pytest.raises(UserError, match="NAME=VALUE"):
        add_rule(store, metric="dau", condition="anomaly", segment="douyin")
    with pytest.raises(UserError, match="neither a users field"):
        add_rule(store, metric="dau", condition="anomaly", segment="nope=1")
    with pytest.raises(UserError, match="no channel named"):
        add_rule(store, metric="dau", condition="anomaly", channel="ghost")
    assert list_rules(store) == []
