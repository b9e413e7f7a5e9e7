"""``opsdash brief`` on a generated store with a planted drop (SQLite)."""

from __future__ import annotations

import json

import pytest

from opsdash.cli import main
from tests.unit.brief.generated import END, fill

METRIC_KEYS = ["metric", "value", "expected", "low", "high", "anomaly", "direction", "drivers"]


@pytest.fixture
def store_url(sqlite_engine):
    with sqlite_engine.begin() as conn:
        fill(conn, drop_channel="douyin")
    return sqlite_engine.url.render_as_string(hide_password=False)


def test_brief_json_contract(store_url, capsys):
    assert main(["brief", "--db", store_url, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["date"] == END.isoformat()
    metrics = payload["metrics"]
    assert {m["metric"] for m in metrics} == {
        "new_users",
        "dau",
        "paying_users",
        "orders",
        "revenue",
        "paying_rate",
    }
    for row in metrics:
        assert list(row)[: len(METRIC_KEYS)] == METRIC_KEYS
        assert row["direction"] in ("up", "down", None)
        assert isinstance(row["anomaly"], bool)
    dau = metrics[0]
    assert dau["metric"] == "dau" and dau["anomaly"] and dau["direction"] == "down"
    assert isinstance(dau["value"], int)
    assert dau["drivers"][0]["dimension"] == "channel"
    assert dau["drivers"][0]["value"] == "douyin"
    assert 0.8 < dau["drivers"][0]["share"] <= 1.2
    assert list(dau["drivers"][0])[:3] == ["dimension", "value", "share"]


def test_brief_text_and_date(store_url, capsys):
    assert main(["brief", "--db", store_url, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"opsdash brief {END.isoformat()}" in out
    assert "channel douyin accounts for" in out and "of the drop" in out
    assert main(["brief", "--db", store_url, "--lang", "zh", "--date", "2024-06-29"]) == 0
    out = capsys.readouterr().out
    assert "opsdash 晨报 2024-06-29" in out and "今天没有异常" in out


def test_targets_with_the_pace_needed(store_url, capsys):
    from opsdash.db import make_engine
    from opsdash.metrics.overview import set_target

    engine = make_engine(store_url)
    set_target(engine, metric="new_users", month="2024-06", value=1000)
    set_target(engine, metric="dau_average", month="2024-06", value=500)
    engine.dispose()
    assert main(["brief", "--db", store_url, "--json", "--date", "2024-06-20"]) == 0
    rows = {row["metric"]: row for row in json.loads(capsys.readouterr().out)["targets"]}
    new = rows["new_users"]
    assert new["needed_per_day"] == pytest.approx((1000 - new["actual"]) / 10)  # 21..30 June
    assert rows["dau_average"]["needed_per_day"] is None  # a level metric has no pace
    assert main(["brief", "--db", store_url, "--lang", "en", "--date", "2024-06-20"]) == 0
    assert "a day needed for the rest of the month" in capsys.readouterr().out


def test_brief_of_an_empty_store(sqlite_engine, capsys):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    assert main(["brief", "--db", url, "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["metrics"] == [] and payload["alerts"] == []
    assert main(["brief", "--db", url, "--lang", "en"]) == 0
    assert "No data to brief on yet." in capsys.readouterr().out
