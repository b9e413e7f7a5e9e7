"""Missing is not zero: a measure the file does not have (or leaves empty) is NULL, its sums
are None, ratios using it are None, and the report JSON says null, on SQLite and PostgreSQL.

Ads file (KAG-like, no revenue, participants or new_users; one empty conversions cell):
K 03-01 a 100 imp, 5 clicks, cost 2.5, 1 conv; K 03-01 b 50 imp, 0 clicks, cost 0, conv empty;
L 03-02 a 200 imp, 10 clicks, cost 4, 2 conv. Period 03-01..03-02:
totals 350 imp, 15 clicks, 3 conv, cost 6.5 -> CTR 15/350, CPA 6.5/3; revenue, ROAS, ROI,
participants, new_users, cost per new user: None.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa

from opsdash.cli import main
from opsdash.filters import Filters
from opsdash.metrics import activities, content
from opsdash.models import CampaignStat
from tests.unit.ingest.conftest import rows, run_import

ADS = b"""campaign_id,ad_id,date,impressions,clicks,cost,conversions
K,a,2024-03-01,100,5,2.5,1
K,b,2024-03-01,50,0,0,
L,a,2024-03-02,200,10,4,2
"""
STATS = b"""content_id,date,views,likes
A,2024-03-01,100,4
A,2024-03-02,60,2
"""
PERIOD = Filters(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 2))


def test_absent_and_empty_measures_are_stored_null(engine):
    assert not run_import(engine, "ads.csv", "campaign_stats", data=ADS).rejected
    stored = {(r["campaign_id"], r["ad_id"]): r for r in rows(engine, "campaign_stats", "id")}
    assert stored["K", "a"]["revenue"] is None and stored["K", "a"]["participants"] is None
    assert stored["K", "a"]["new_users"] is None
    assert stored["K", "b"]["conversions"] is None  # present but empty: not said, not 0
    assert stored["K", "b"]["cost"] == 0  # a real 0 stays 0


def test_campaign_sums_and_ratios(engine):
    run_import(engine, "ads.csv", "campaign_stats", data=ADS)
    table = activities.campaign_table(engine, filters=PERIOD).set_index("campaign_id")
    k = table.loc["K"]
    assert (k["impressions"], k["clicks"], k["conversions"], k["cost"]) == (150, 5, 1, 2.5)
    assert k["participants"] is None and k["new_users"] is None
    assert k["revenue"] != k["revenue"]  # NaN: not in the data
    assert k["roas"] is None and k["roi"] is None and k["cost_per_new_user"] is None
    totals = activities.campaign_totals(table.reset_index())
    assert totals["impressions"] == 350 and totals["conversions"] == 3
    assert totals["ctr"] == pytest.approx(15 / 350) and totals["cpa"] == pytest.approx(6.5 / 3)
    for name in ("revenue", "participants", "new_users", "roas", "roi", "cost_per_new_user"):
        assert totals[name] is None, name
    ads = activities.ad_table(engine, filters=PERIOD, campaign_id="K").set_index("ad_id")
    assert ads.loc["b", "conversions"] is None and ads.loc["b", "cpa"] is None
    # a day without rows still counts 0 for a measure the campaign has
    later = Filters(start=dt.date(2024, 3, 2), end=dt.date(2024, 3, 2))
    k_later = activities.campaign_table(engine, filters=later).set_index("campaign_id").loc["K"]
    assert k_later["impressions"] == 0 and k_later["participants"] is None


def test_content_counters_not_in_the_data(engine):
    run_import(engine, "stats.csv", "content_stats", data=STATS, cumulative="no")
    totals = content.content_totals(engine, filters=PERIOD)
    assert (totals.views, totals.likes) == (160, 6)
    assert totals.readers is None and totals.comments is None and totals.followers_gained is None
    assert totals.engagement_rate == pytest.approx(6 / 160)  # the interactions the data has
    quiet = content.content_totals(
        engine, filters=Filters(start=dt.date(2024, 4, 1), end=dt.date(2024, 4, 2))
    )
    assert quiet.views == 0 and quiet.readers is None
    top = content.top_content(engine, filters=PERIOD)
    assert top.loc[0, "readers"] is None and top.loc[0, "views"] == 160
    assert content.content_series(engine, filters=PERIOD)["readers"].tolist() == [None, None]


def test_report_json_says_null(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    for kind, data in (("campaign_stats", ADS), ("content_stats", STATS)):
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(data)
        assert main(["import", kind, str(path), "--db", db, "--cumulative", "no"]) == 0
    capsys.readouterr()
    window = ["--start", "2024-03-01", "--end", "2024-03-02", "--json"]
    assert main(["report", "activities", "--db", db, *window]) == 0
    report = json.loads(capsys.readouterr().out)
    for name in ("revenue", "roas", "roi", "participants", "new_users"):
        assert report["totals"][name] is None, name
    assert report["totals"]["impressions"] == 350
    k = next(c for c in report["campaigns"] if c["campaign_id"] == "K")
    assert k["revenue"] is None and k["roi"] is None
    assert k["whole_campaign"]["revenue"] is None and k["whole_campaign"]["roas"] is None
    assert main(["report", "content", "--db", db, *window]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"]["readers"] is None and report["totals"]["views"] == 160


def test_demo_has_every_measure(engine):
    from opsdash.demo import load_demo

    end = dt.date(2024, 3, 31)
    load_demo(engine, users=300, days=30, end=end, timezone="UTC")
    window = Filters(start=dt.date(2024, 3, 1), end=end)
    totals = activities.campaign_totals(activities.campaign_table(engine, filters=window))
    assert all(totals[name] is not None for name in activities.STAT_COLUMNS)
    content_totals = content.content_totals(engine, filters=window)
    assert all(getattr(content_totals, name) is not None for name in content.COUNTERS)
    with engine.connect() as conn:
        stats = CampaignStat.__table__
        assert (
            conn.execute(sa.select(sa.func.count()).where(stats.c.revenue.is_(None))).scalar() == 0
        )


@pytest.mark.shared
def test_kag_through_the_cli(shared_datasets, capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'kag.db'}"
    path = shared_datasets / "KAG_conversion_data.csv"
    assert main(["import", "campaign_stats", str(path), "--date", "2017-08-31", "--db", db]) == 0
    capsys.readouterr()
    window = ["--start", "2017-08-01", "--end", "2017-08-31", "--json"]
    assert main(["report", "activities", "--db", db, *window]) == 0
    totals = json.loads(capsys.readouterr().out)["totals"]
    assert totals["revenue"] is None and totals["roas"] is None and totals["roi"] is None
    assert totals["participants"] is None and totals["new_users"] is None
    assert totals["impressions"] > 0 and totals["cpa"] is not None
