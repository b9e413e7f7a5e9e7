"""Snapshot detection at import (opsdash.ingest.snapshots), the --cumulative option and the
import JSON keys cumulative / cumulative_detected / cumulative_source."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.ingest import prepare_import
from opsdash.ingest.pipeline import with_cumulative
from opsdash.ingest.snapshots import TOLERANCE, detect_snapshots
from opsdash.metrics import content
from tests.unit.ingest.conftest import rows, run_import

SNAPSHOTS = b"""content_id,date,views,likes
A,2024-01-01,100,1
A,2024-01-02,150,3
A,2024-01-04,150,4
B,2024-01-02,10,0
B,2024-01-03,40,2
"""
DAILY = b"""content_id,date,views,likes
A,2024-01-01,100,1
A,2024-01-02,50,3
A,2024-01-04,80,0
B,2024-01-02,10,0
B,2024-01-03,40,2
"""
ONE_DATE = b"""content_id,date,views
A,2024-01-01,100
B,2024-01-01,10
"""
ADS = b"""campaign_id,ad_id,date,impressions,clicks,cost
K,a,2024-01-01,100,1,1.5
K,a,2024-01-02,180,3,2.5
K,b,2024-01-01,50,0,0.5
K,b,2024-01-02,90,2,1.0
"""


def _prepare(data: bytes, kind: str = "content_stats", **options):
    return prepare_import(data, kind=kind, file_name="stats.csv", timezone="UTC", **options)


def _steps(frame_rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(frame_rows, columns=["content_id", "date", "views"])
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def test_detection_rule():
    check = detect_snapshots(_prepare(SNAPSHOTS).rows, "content_stats", ["views", "likes"])
    # A: 3 dates -> 2 steps per counter, B: 1 step; 2 counters -> 6 steps, none down
    assert (check.items, check.steps, check.down, check.detected) == (2, 6, 0, True)
    daily = detect_snapshots(_prepare(DAILY).rows, "content_stats", ["views", "likes"])
    assert daily.down == 2 and not daily.detected
    single = detect_snapshots(_prepare(ONE_DATE).rows, "content_stats", ["views"])
    assert (single.items, single.detected) == (0, False)  # one date per item: cannot tell


def test_detection_tolerates_rare_decreases():
    def series(downs: int, steps: int) -> pd.DataFrame:
        values, value = [], 1000
        for n in range(steps + 1):
            value += -1 if 0 < n <= downs else 5
            values.append(("A", (dt.date(2024, 1, 1) + dt.timedelta(days=n)).isoformat(), value))
        return _steps(values)

    assert TOLERANCE == 0.01
    assert detect_snapshots(series(1, 100), "content_stats", ["views"]).detected
    assert not detect_snapshots(series(2, 100), "content_stats", ["views"]).detected
    flat = _steps([("A", "2024-01-01", 5), ("A", "2024-01-02", 5)])
    assert not detect_snapshots(flat, "content_stats", ["views"]).detected  # nothing grows


def test_auto_option_and_file_column_decide(engine):
    auto = _prepare(SNAPSHOTS)
    assert (auto.cumulative, auto.cumulative_detected, auto.cumulative_source) == (
        True,
        True,
        "detected",
    )
    assert auto.rows["cumulative"].all()
    forced = _prepare(SNAPSHOTS, cumulative="no")
    assert (forced.cumulative, forced.cumulative_detected, forced.cumulative_source) == (
        False,
        True,
        "option",
    )
    assert _prepare(DAILY).cumulative is False
    assert _prepare(DAILY, cumulative="yes").rows["cumulative"].all()
    own_column = b"content_id,date,views,cumulative\nA,2024-01-01,1,no\nA,2024-01-02,2,no\n"
    from_file = _prepare(own_column)
    assert (from_file.cumulative, from_file.cumulative_source) == (False, "file")
    ads = _prepare(ADS, kind="campaign_stats")
    assert (ads.cumulative, ads.cumulative_detected) == (True, True)  # items = campaign + ad
    users = _prepare(b"user_id,signup_at\nu1,2024-01-01\n", kind="users")
    assert (users.cumulative, users.cumulative_detected, users.cumulative_source) == (
        None,
        None,
        None,
    )
    with pytest.raises(UserError):
        _prepare(SNAPSHOTS, cumulative="maybe")
    answered = with_cumulative(auto, False)
    assert not answered.rows["cumulative"].any() and answered.cumulative_source == "option"
    assert auto.rows["cumulative"].all()  # the original is unchanged

    result = run_import(engine, "stats.csv", "content_stats", data=SNAPSHOTS)
    stored = rows(engine, "content_stats", "content_id,date")
    assert all(row["cumulative"] for row in stored)
    assert result.to_json()["cumulative"] is True
    # A: 150 - 100, B: 40 - 10 (first snapshots are baselines)
    period = Filters(start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 4))
    assert content.content_totals(engine, filters=period).views == 50 + 30


def test_cli_cumulative_flag_and_json_keys(capsys, tmp_path):
    path = tmp_path / "stats.csv"
    path.write_bytes(SNAPSHOTS)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["import", "content_stats", str(path), "--db", db, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["cumulative"], result["cumulative_detected"], result["cumulative_source"]) == (
        True,
        True,
        "detected",
    )
    args = ["import", "content_stats", str(path), "--db", db, "--mode", "replace"]
    assert main([*args, "--cumulative", "no", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["cumulative"], result["cumulative_detected"], result["cumulative_source"]) == (
        False,
        True,
        "option",
    )
    assert main([*args]) == 0
    assert "look like lifetime totals" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*args, "--cumulative", "maybe"])


# ---------------------------------------------------------------- the real bilibili export


def _wan(text: str) -> float | None:
    text = str(text).strip()
    if text == "Not Found":
        return None
    return float(text[:-1]) * 10_000 if text.endswith("万") else float(text)


@pytest.mark.shared
def test_bilibili_through_the_cli_counts_growth(shared_datasets, capsys, tmp_path):
    path = shared_datasets / "bilibili_top100_daily_2024.csv"
    db = f"sqlite:///{tmp_path / 'bili.db'}"
    assert (
        main(["import", "content_stats", str(path), "--db", db, "--skip-bad-rows", "--json"]) == 0
    )
    result = json.loads(capsys.readouterr().out)
    assert (result["cumulative"], result["cumulative_detected"]) == (True, True)

    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    raw["views"] = raw["播放量"].map(_wan)
    raw = raw.dropna(subset=["views"]).assign(date=lambda f: pd.to_datetime(f["抓取日期"]).dt.date)
    summed = raw["views"].sum()
    assert summed > 3.8e9  # what summing the snapshots as daily numbers said
    days = sorted(raw["date"].unique())
    ordered = raw.sort_values("date")
    for start, end in ((days[0], days[-1]), (days[5], days[12])):
        inside = ordered[ordered["date"].between(start, end)].groupby("URL链接")["views"]
        before = ordered[ordered["date"] < start].groupby("URL链接")["views"].last()
        base = before.reindex(inside.last().index).fillna(inside.first())
        expected = round((inside.last() - base).sum())
        window = ["--start", start.isoformat(), "--end", end.isoformat()]
        assert main(["report", "content", "--db", db, *window, "--json"]) == 0
        views = json.loads(capsys.readouterr().out)["totals"]["views"]
        assert views == expected
        assert views < summed / 5
