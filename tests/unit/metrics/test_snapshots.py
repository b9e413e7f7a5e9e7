"""The one snapshot rule (opsdash.metrics.snapshots) against an independent pandas computation.

Rule: a daily row counts as it is; a snapshot of lifetime totals counts as its growth over the
item's previous snapshot; an item's first snapshot is its baseline. So a period's value of an
item with snapshots = (last snapshot on or before end) - (last snapshot before start, or, when
none, the item's first snapshot in the period), 0 with no snapshot in the period.

Content fixture (2024-01): P snapshots 01 100, 02 130, 05 200 (gap), 06 210, 09 300; Q first
seen 04 500, 05 520, 08 600; S one snapshot 03 50 (a lone baseline); R daily 02 7, 05 9, 06 4.
Campaign fixture: K ad a snapshots, ad b snapshots starting mid-series, K's per-campaign daily
rows (ad ""), L ad a snapshots; each row carries a ``gender`` property.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest

from opsdash.filters import Filters
from opsdash.metrics import activities, breakdowns, content
from tests.unit.ingest.conftest import run_import

D = dt.date
CONTENT_CSV = b"""content_id,date,views,likes,cumulative
P,2024-01-01,100,10,yes
P,2024-01-02,130,12,yes
P,2024-01-05,200,15,yes
P,2024-01-06,210,15,yes
P,2024-01-09,300,21,yes
Q,2024-01-04,500,40,yes
Q,2024-01-05,520,41,yes
Q,2024-01-08,600,47,yes
S,2024-01-03,50,5,yes
R,2024-01-02,7,1,no
R,2024-01-05,9,0,no
R,2024-01-06,4,2,no
"""
CAMPAIGN_CSV = b"""campaign_id,ad_id,date,impressions,clicks,cost,cumulative,gender
K,a,2024-01-01,1000,10,5.5,yes,F
K,a,2024-01-03,1600,19,8.5,yes,F
K,a,2024-01-06,2500,30,12.0,yes,F
K,b,2024-01-04,300,3,1.0,yes,M
K,b,2024-01-05,450,4,2.25,yes,M
K,b,2024-01-09,800,9,4.0,yes,M
K,,2024-01-02,70,2,0.5,no,M
K,,2024-01-05,30,1,0.25,no,F
L,a,2024-01-02,900,9,3.0,yes,F
L,a,2024-01-07,1200,12,4.5,yes,F
"""
PERIODS = [
    (D(2024, 1, 1), D(2024, 1, 9)),  # everything: each item's last minus its first snapshot
    (D(2024, 1, 3), D(2024, 1, 6)),  # starts mid-series; Q has no snapshot before it
    (D(2024, 1, 6), D(2024, 1, 8)),
    (D(2024, 1, 7), D(2024, 1, 7)),  # no content snapshot inside
    (D(2024, 1, 10), D(2024, 1, 20)),  # after the data
]


def _frame(csv: bytes) -> pd.DataFrame:
    frame = pd.read_csv(io.BytesIO(csv), keep_default_na=False, dtype={"ad_id": str})
    frame["date"] = pd.to_datetime(frame["date"]).dt.date
    frame["cumulative"] = frame["cumulative"] == "yes"
    return frame


def expected(frame: pd.DataFrame, item: list[str], measure: str, start, end) -> pd.Series:
    """Per item, the period's value by the rule, computed from the rows directly."""
    values = {}
    by = item[0] if len(item) == 1 else item
    for key, rows in frame.sort_values("date").groupby(by, sort=True):
        inside = rows[(rows["date"] >= start) & (rows["date"] <= end)]
        if not rows["cumulative"].iloc[0]:
            values[key] = inside[measure].sum()
            continue
        if inside.empty:
            values[key] = 0
            continue
        before = rows[rows["date"] < start]
        base = before[measure].iloc[-1] if len(before) else inside[measure].iloc[0]
        values[key] = inside[measure].iloc[-1] - base
    return pd.Series(values, dtype=float)


@pytest.fixture
def store(engine):
    assert not run_import(engine, "stats.csv", "content_stats", data=CONTENT_CSV).rejected
    assert not run_import(engine, "ads.csv", "campaign_stats", data=CAMPAIGN_CSV).rejected
    return engine


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_content_period_values_follow_the_rule(store, start, end):
    frame = _frame(CONTENT_CSV)
    filters = Filters(start=start, end=end)
    views = expected(frame, ["content_id"], "views", start, end)
    likes = expected(frame, ["content_id"], "likes", start, end)
    totals = content.content_totals(store, filters=filters)
    assert totals.views == views.sum()
    assert totals.likes == likes.sum()
    top = content.top_content(store, filters=filters, limit=None).set_index("content_id")
    for item, value in views.items():
        assert (top.loc[item, "views"] if item in top.index else 0) == value, item
    series = content.content_series(store, filters=filters, period="day")
    assert series["views"].sum() == views.sum()


def test_content_hand_checked_values(store):
    # 01-03..01-06: P 210 - 130 (last before); Q 520 - 500 (its first inside); S 50 - 50; R 9 + 4
    totals = content.content_totals(store, filters=Filters(start=D(2024, 1, 3), end=D(2024, 1, 6)))
    assert totals.views == 80 + 20 + 0 + 13
    # summing the snapshots would have said 200 + 210 + 500 + 520 + 50 + 13
    curve = content.content_curve(store, content_id="P")
    assert curve["views"].tolist() == [0, 30, 70, 10, 90]


GAP_CSV = b"""content_id,date,views,likes
T,2024-02-01,100,10
T,2024-02-02,Not Found,Not Found
T,2024-02-03,160,13
T,2024-02-04,170,13
U,2024-02-02,40,1
U,2024-02-03,55,2
"""


@pytest.mark.parametrize(
    ("start", "end", "views"),
    [
        # T: 160 - 100 (its last known value before the period); U: 55 - 40 (its first)
        (D(2024, 2, 2), D(2024, 2, 3), 60 + 15),
        (D(2024, 2, 3), D(2024, 2, 4), 70 + 15),  # U's last before is 02-02
        (D(2024, 2, 2), D(2024, 2, 2), 0 + 0),  # T unknown that day; U's baseline
        (D(2024, 2, 1), D(2024, 2, 4), 70 + 15),
    ],
)
def test_a_day_the_export_could_not_read_does_not_swallow_growth(engine, start, end, views):
    result = run_import(engine, "gaps.csv", "content_stats", data=GAP_CSV)
    assert not result.rejected and result.cumulative  # "Not Found" is missing, not a problem
    assert content.content_totals(engine, filters=Filters(start=start, end=end)).views == views


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_campaign_period_values_follow_the_rule(store, start, end):
    frame = _frame(CAMPAIGN_CSV)
    filters = Filters(start=start, end=end)
    table = activities.campaign_table(store, filters=filters).set_index("campaign_id")
    for measure in ("impressions", "clicks", "cost"):
        per_item = expected(frame, ["campaign_id", "ad_id"], measure, start, end)
        per_campaign = per_item.groupby(level=0).sum()
        for campaign_id, value in per_campaign.items():
            assert table.loc[campaign_id, measure] == pytest.approx(value), (campaign_id, measure)
        ads = activities.ad_table(store, filters=filters, campaign_id="K").set_index("ad_id")
        for ad_id, value in per_item.loc["K"].items():
            assert ads[measure].get(ad_id, 0) == pytest.approx(value), (ad_id, measure)
        # breakdown: each row's increment under the row's own gender
        by_gender = breakdowns.activities_by_dimension(store, filters=filters, name="gender")
        got = by_gender.set_index("value")[measure]
        inside = frame["date"].between(start, end)
        want = _row_increments(frame, measure)[inside].groupby(frame["gender"][inside]).sum()
        for gender in ("F", "M"):
            assert float(got.get(gender) or 0) == pytest.approx(want.get(gender, 0)), gender


def _row_increments(frame: pd.DataFrame, measure: str) -> pd.Series:
    ordered = frame.sort_values("date")
    previous = ordered.groupby(["campaign_id", "ad_id"])[measure].shift()
    increment = (ordered[measure] - previous).fillna(0)
    increment[~ordered["cumulative"]] = ordered[measure][~ordered["cumulative"]]
    return increment.reindex(frame.index)


def test_whole_campaign_scope_is_growth_not_a_sum_of_totals(store):
    filters = Filters(start=D(2024, 1, 5), end=D(2024, 1, 9))
    whole = activities.campaign_table(store, filters=filters, scope="campaign").set_index(
        "campaign_id"
    )
    # K: ad a 2500 - 1000, ad b 800 - 300, daily 70 + 30; L: 1200 - 900
    assert whole.loc["K", "impressions"] == 1500 + 500 + 100
    assert whole.loc["L", "impressions"] == 300
    daily = activities.campaign_daily(store, campaign_ids=("K",), until=D(2024, 1, 9))
    assert daily["impressions"].sum() == 2100


CONTENTS_CSV = """content_id,title,category,专栏
P,p,tech,A
Q,q,life,B
""".encode()


def test_content_by_property_adds_up_to_the_page_views(store):
    # a contents column (category), a contents property (专栏) and, for the stats rows, None
    assert not run_import(store, "contents.csv", "contents", data=CONTENTS_CSV).rejected
    filters = Filters(start=D(2024, 1, 3), end=D(2024, 1, 6))
    total = content.content_totals(store, filters=filters).views
    for name in ("category", "专栏"):
        block = breakdowns.by_property(store, page="content", filters=filters, name=name)
        rows = {row["value"]: row for row in block["rows"]}
        # P 210 - 130, Q 520 - 500; S (baseline) and R (daily 9 + 4) have no contents row
        assert rows[{"category": "tech", "专栏": "A"}[name]]["views"] == 80
        assert rows[{"category": "life", "专栏": "B"}[name]]["views"] == 20
        assert rows[None]["views"] == 13 and rows[None]["items"] == 2
        assert sum(row["views"] for row in block["rows"]) == total
    assert block["source"] == "content_property"
