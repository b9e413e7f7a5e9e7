"""Content metrics on a hand-built store; every expected number is worked out by hand below.

Store (dates in 2024 unless said; 2024-01-01 is a Monday):
- A article "Hello World", cat news, author ann, wechat, published 01-01; daily rows
  01-01 views 100 likes 10 comments 2 shares 3 favorites 5; 01-02 views 50 likes 5;
  01-05 views 0.
- B video "1000 ways", cat tips, author bob, douyin, published 01-02; daily 01-02 views 200
  likes 20.
- C video "100% growth", cat tips, author bob, bilibili, published 2023-12-20; SNAPSHOTS
  2023-12-31 views 1000; 01-03 views 1300 likes 30; 01-04 views 1350 likes 31; 01-10 1500 likes 31.
- D video "=cmd()", no category, author ann, published 01-03; one snapshot 01-03 views 80
  (its baseline: 0, not growth).
- E article "Empty", cat news, published 01-02, no stats.

Period 01-01..01-04 (previous 2023-12-28..12-31):
- A 150 views (likes 15, comments 2, shares 3, favorites 5); B 200 (likes 20);
  C = 1350 - 1000 = 350 (likes 31 - 0 = 31); D = 0 (first snapshot = baseline); E 0.
- totals: views 700, likes 66, comments 2, shares 3, favorites 5 -> engagement 76 / 700.
- previous: C 0 (12-31 is its first snapshot, a baseline) -> C change None.
"""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from opsdash.filters import Filters
from opsdash.metrics import content as metrics
from opsdash.models import Content, ContentStat
from opsdash.store.hooks import after_data_write

D = dt.date
PERIOD = Filters(start=D(2024, 1, 1), end=D(2024, 1, 4))


def _content(content_id, title, category, fmt, author, channel, published):
    return {
        "content_id": content_id,
        "title": title,
        "category": category,
        "format": fmt,
        "author": author,
        "channel": channel,
        "published_date": published,
        "published_at": dt.datetime.combine(published, dt.time(9)) if published else None,
    }


def _stat(content_id, day, views, likes=0, comments=0, shares=0, favorites=0, cumulative=False):
    return {
        "content_id": content_id,
        "date": day,
        "views": views,
        "readers": views // 2,
        "likes": likes,
        "comments": comments,
        "shares": shares,
        "favorites": favorites,
        "followers_gained": 1 if views else 0,
        "cumulative": cumulative,
    }


@pytest.fixture
def store(engine):
    contents = [
        _content("A", "Hello World", "news", "article", "ann", "wechat", D(2024, 1, 1)),
        _content("B", "1000 ways", "tips", "video", "bob", "douyin", D(2024, 1, 2)),
        _content("C", "100% growth", "tips", "video", "bob", "bilibili", D(2023, 12, 20)),
        _content("D", "=cmd()", None, "video", "ann", None, D(2024, 1, 3)),
        _content("E", "Empty", "news", "article", "cid", "wechat", D(2024, 1, 2)),
    ]
    stats = [
        _stat("A", D(2024, 1, 1), 100, likes=10, comments=2, shares=3, favorites=5),
        _stat("A", D(2024, 1, 2), 50, likes=5),
        _stat("A", D(2024, 1, 5), 0),
        _stat("B", D(2024, 1, 2), 200, likes=20),
        _stat("C", D(2023, 12, 31), 1000, cumulative=True),
        _stat("C", D(2024, 1, 3), 1300, likes=30, cumulative=True),
        _stat("C", D(2024, 1, 4), 1350, likes=31, cumulative=True),
        _stat("C", D(2024, 1, 10), 1500, likes=31, cumulative=True),
        _stat("D", D(2024, 1, 3), 80, cumulative=True),
    ]
    with engine.begin() as conn:
        conn.execute(sa.insert(Content.__table__), contents)
        after_data_write(conn, {"contents", "content_stats"})  # the app's write path (rollups)
        conn.execute(sa.insert(ContentStat.__table__), stats)
    return engine


def test_engagement_rate_definition():
    assert metrics.engagement_rate(
        {"views": 200, "likes": 10, "comments": 5, "shares": 3, "favorites": 2}
    ) == pytest.approx(0.1)
    assert metrics.engagement_rate({"views": 0, "likes": 4}) is None
    assert metrics.engagement_rate({"views": None}) is None


def test_totals_mix_daily_rows_and_snapshots(store):
    totals = metrics.content_totals(store, filters=PERIOD)
    assert (totals.views, totals.likes, totals.comments, totals.shares, totals.favorites) == (
        700,
        66,
        2,
        3,
        5,
    )
    # readers = views // 2 per row: A 50+25, B 100, C 675-500, D 0 (baseline)
    assert totals.readers == 50 + 25 + 100 + (675 - 500)
    assert totals.engagement_rate == pytest.approx(76 / 700)
    assert totals.items_published == 4  # A, B, D, E
    assert totals.items_with_views == 3  # A, B, C

    previous = metrics.content_totals(store, filters=PERIOD.previous())
    assert previous.views == 0 and previous.engagement_rate is None


def test_snapshot_period_is_last_minus_last_before(store):
    later = Filters(start=D(2024, 1, 4), end=D(2024, 1, 10))
    # C: 1500 - 1300 (last snapshot before 01-04 is 01-03); A: 0 on 01-05
    assert metrics.content_totals(store, filters=later).views == 1500 - 1300
    # no snapshot inside the period -> 0
    quiet = Filters(start=D(2024, 1, 5), end=D(2024, 1, 9))
    assert metrics.content_totals(store, filters=quiet).views == 0


def test_series_by_day_and_week(store):
    daily = metrics.content_series(store, filters=PERIOD, period="day")
    assert daily["period_start"].tolist() == [D(2024, 1, d) for d in (1, 2, 3, 4)]
    assert daily["views"].tolist() == [100, 250, 300, 50]
    assert daily["likes"].tolist() == [10, 25, 30, 1]
    assert daily["engagement_rate"].tolist()[0] == pytest.approx(20 / 100)
    weekly = metrics.content_series(store, filters=PERIOD, period="week")
    assert weekly["period_start"].tolist() == [D(2024, 1, 1)]
    assert weekly["views"].tolist() == [700]


def test_top_content_order_change_and_unseen_items(store):
    top = metrics.top_content(store, filters=PERIOD)
    assert top["content_id"].tolist() == ["C", "B", "A", "D", "E"]
    assert top["views"].tolist() == [350, 200, 150, 0, 0]
    row = top.set_index("content_id")
    assert row.loc["C", "views_previous"] == 0  # 12-31 is C's baseline
    assert row.loc["C", "views_change"] is None
    assert row.loc["A", "views_change"] is None  # no views before
    assert row.loc["E", "engagement_rate"] is None  # 0 views
    assert row.loc["A", "engagement_rate"] == pytest.approx(25 / 150)
    assert row.loc["A", "published_date"] == D(2024, 1, 1)
    assert metrics.top_content(store, filters=PERIOD, limit=2)["content_id"].tolist() == [
        "C",
        "B",
    ]


def test_top_content_search_is_literal_and_case_insensitive(store):
    def found(text):
        return metrics.top_content(store, filters=PERIOD, search=text)["content_id"].tolist()

    assert found("hello") == ["A"]
    assert found("100%") == ["C"]  # % is literal: "1000 ways" does not match
    assert found("BOB") == ["C", "B"]
    assert found("empt") == ["E"]
    assert found("zzz") == []


def test_curve_since_publishing(store):
    curve = metrics.content_curve(store, content_id="C")
    assert curve["days_since_publishing"].tolist() == [11, 14, 15, 21]
    assert curve["views"].tolist() == [0, 300, 50, 150]  # the first snapshot is the baseline
    assert curve["cumulative_views"].tolist() == [0, 300, 350, 500]
    assert metrics.content_curve(store, content_id="nope").empty


def test_breakdowns(store):
    by_format = metrics.content_breakdown(store, filters=PERIOD, by="format").set_index("format")
    assert by_format.loc["video", "items"] == 3
    assert by_format.loc["video", "views"] == 200 + 350 + 0
    assert by_format.loc["video", "likes"] == 20 + 31
    assert by_format.loc["article", "views"] == 150
    assert by_format.loc["article", "views_per_item"] == 150
    by_category = metrics.content_breakdown(store, filters=PERIOD, by="category")
    assert by_category["category"].tolist() == ["tips", "news", None]
    assert by_category["views"].tolist() == [550, 150, 0]
    by_author = metrics.content_breakdown(store, filters=PERIOD, by="author").set_index("author")
    assert by_author.loc["ann", "views"] == 150
    with pytest.raises(ValueError):
        metrics.content_breakdown(store, filters=PERIOD, by="title")


def test_decay_averages_observed_items(store):
    decay = metrics.content_decay(store, filters=PERIOD, max_days=10)
    # cohort: A (article, 01-01) and B (video, 01-02); D has one multi-day snapshot only.
    # last stats day 01-10: A observed to day 9, B to day 8.
    article = decay[decay["format"] == "article"]
    assert article["day"].tolist() == list(range(10))
    assert article["average_views"].tolist()[:3] == [100, 50, 0]
    video = decay[decay["format"] == "video"]
    assert video["day"].tolist() == list(range(9))
    assert video["average_views"].tolist()[:2] == [200, 0]
    assert set(decay["items"]) == {1}


def test_cadence(store):
    cadence = metrics.publishing_cadence(store, filters=PERIOD)
    assert cadence.to_dict("records") == [
        {"week_start": D(2024, 1, 1), "items_published": 4, "views": 700}
    ]
    two_weeks = metrics.publishing_cadence(
        store, filters=Filters(start=D(2024, 1, 1), end=D(2024, 1, 8))
    )
    assert two_weeks["week_start"].tolist() == [D(2024, 1, 1), D(2024, 1, 8)]
    assert two_weeks["items_published"].tolist() == [4, 0]
    assert two_weeks["views"].tolist() == [700, 0]


def test_report_is_json_ready(store):
    import json

    report = metrics.build_report(store, filters=PERIOD, period="day")
    text = json.dumps(report)  # no dates or numpy values left
    assert report["totals"]["views"] == 700
    assert report["top_content"][0]["content_id"] == "C"
    assert report["top_content"][0]["published_date"] == "2023-12-20"
    assert "NaN" not in text
    assert report["by_format"][0]["format"] == "video"


def test_empty_store(engine):
    totals = metrics.content_totals(engine, filters=PERIOD)
    # nothing is in the data: not 0 but "not in the data" (None)
    assert totals.views is None and totals.engagement_rate is None
    assert metrics.content_series(engine, filters=PERIOD).empty
    assert metrics.top_content(engine, filters=PERIOD).empty
    assert metrics.content_decay(engine, filters=PERIOD).empty
    assert metrics.build_report(engine, filters=PERIOD)["totals"]["views"] is None


# ---------------------------------------------------------------- real export (snapshots)


def _wan(text):
    """'755.4万' -> 7554000; 'Not Found' -> None (bilibili writes counts in 万 = 10,000)."""
    text = str(text).strip()
    if text == "Not Found" or not text or text == "nan":
        return None
    if text.endswith("万"):
        return round(float(text[:-1]) * 10_000)
    return int(float(text))


def test_bilibili_daily_snapshots_against_pandas(sqlite_engine, shared_datasets):
    import pandas as pd

    from opsdash.store.bulk import bulk_insert

    raw = pd.read_csv(shared_datasets / "bilibili_top100_daily_2024.csv", dtype=str)
    raw["content_id"] = raw["URL链接"].str.extract(r"(BV\w+)", expand=False)
    raw["date"] = pd.to_datetime(raw["抓取日期"]).dt.date
    for source, target in (("播放量", "views"), ("点赞量", "likes"), ("分享量", "shares")):
        raw[target] = raw[source].map(_wan)
    raw = raw.dropna(subset=["views", "likes", "shares"]).drop_duplicates(["content_id", "date"])
    stats = raw[["content_id", "date", "views", "likes", "shares"]].astype(
        {"views": "int64", "likes": "int64", "shares": "int64"}
    )
    with sqlite_engine.begin() as conn:
        zeros = dict.fromkeys(("readers", "comments", "favorites", "followers_gained"), 0)
        bulk_insert(conn, ContentStat.__table__, stats.assign(cumulative=True, **zeros))

    days = sorted(stats["date"].unique())
    start, end = days[5], days[12]

    ordered = stats.sort_values("date")
    inside = ordered[(ordered["date"] >= start) & (ordered["date"] <= end)]
    before = ordered[ordered["date"] < start]

    def expected(column):
        # per video: last snapshot in the period minus the last snapshot before it, or, when
        # none precedes the period, minus the video's first snapshot in the period (baseline)
        last_inside = inside.groupby("content_id")[column].last()
        first_inside = inside.groupby("content_id")[column].first()
        last_before = before.groupby("content_id")[column].last()
        base = last_before.reindex(last_inside.index).fillna(first_inside)
        return int((last_inside - base).sum())

    totals = metrics.content_totals(sqlite_engine, filters=Filters(start=start, end=end))
    assert totals.views == expected("views")
    assert totals.likes == expected("likes")
    assert totals.engagement_rate == pytest.approx(
        (expected("likes") + expected("shares")) / expected("views")
    )
    # the whole range: each video's last snapshot minus its first (growth, not lifetime)
    whole = Filters(start=days[0], end=days[-1])
    per_video = ordered.groupby("content_id")["views"]
    growth = (per_video.last() - per_video.first()).sum()
    assert metrics.content_totals(sqlite_engine, filters=whole).views == growth
    assert growth < ordered["views"].sum() / 10  # far below summing the snapshots
    top = metrics.top_content(sqlite_engine, filters=whole, limit=None)
    assert top["views"].sum() == growth and top["title"].isna().all()


def test_ties_in_views_go_to_more_interactions(engine):
    # Medium-style export: no views, only claps (likes) and responses (comments); one date
    # per item, imported as the numbers of that day (a lone snapshot would be a baseline)
    rows = [
        _stat("m1", D(2024, 1, 2), 0, likes=5),
        _stat("m2", D(2024, 1, 2), 0, likes=50, comments=3),
        _stat("m3", D(2024, 1, 2), 0, likes=7),
    ]
    with engine.begin() as conn:
        conn.execute(sa.insert(ContentStat.__table__), rows)
    top = metrics.top_content(engine, filters=PERIOD)
    assert top["content_id"].tolist() == ["m2", "m3", "m1"]
    assert top["engagement_rate"].tolist() == [None, None, None]
    assert metrics.content_totals(engine, filters=PERIOD).engagement_rate is None
