"""Content performance (内容运营): views, interactions and followers of content items.

How stats rows enter the numbers
--------------------------------
``content_stats`` holds daily rows (``cumulative`` false, WeChat-style exports) and snapshot
rows (``cumulative`` true, lifetime totals as of ``date``, Medium/bilibili-style exports). Both
enter as *increments*, by the one rule of :mod:`opsdash.metrics.snapshots`: a daily row as it
is; a snapshot minus the item's previous snapshot; an item's first snapshot is its baseline
(0, never growth). So an item's views in a period are
``last snapshot on or before the end - last snapshot before the start`` (or, when none
precedes the period, minus the item's first snapshot in the period), and 0 without a snapshot
in the period. Summing snapshot rows instead would count lifetime totals again every day.

Every period sum below is a sum of these per-row values ("increments") whose ``date`` lies in the
period. User segment filters (channel/platform/region of *users*) do not apply to content stats,
which are not per user; the content's own distribution channel is a breakdown instead.

Engagement rate (互动率) is defined once, by :func:`engagement_rate`:
``(likes + comments + shares + favorites) / views``, None when views are 0.

Missing is not zero: a counter the imported files do not have (bilibili has no readers,
Medium no views) is NULL in the store, its sums are None (shown "–", "not in the data") and
ratios using it are None. A counter the store has somewhere counts 0 in a period, item or
week without rows. The engagement rate sums the interactions the data has (None when it has
none of them).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records
from opsdash.metrics.snapshots import increments
from opsdash.metrics.sql import Period, days_between, period_start
from opsdash.models import Content, ContentStat
from opsdash.timeutil import as_date

COUNTERS = ("views", "readers", "likes", "comments", "shares", "favorites", "followers_gained")
ENGAGEMENT_FIELDS = ("likes", "comments", "shares", "favorites")
"""The interactions counted by the engagement rate."""
BREAKDOWNS = ("category", "format", "author", "channel")
Breakdown = Literal["category", "format", "author", "channel"]
DECAY_DAYS = 30
TOP_LIMIT = 50

_stats = ContentStat.__table__
_contents = Content.__table__


# ---------------------------------------------------------------- definitions


def engagement_rate(values: Mapping[str, float | None]) -> float | None:
    """Engagement rate (互动率) = (likes + comments + shares + favorites) / views; None when
    views are 0 or missing, or when none of the interactions is in the data (an interaction
    the data does not have is left out of the sum). ``values`` maps those names to numbers
    (a dict or a row)."""
    views = values.get("views")
    if views is None or _missing(views) or views == 0:
        return None
    present = [values.get(name) for name in ENGAGEMENT_FIELDS]
    present = [float(v) for v in present if v is not None and not _missing(v)]
    if not present:
        return None
    return sum(present) / float(views)


def with_engagement_rate(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with an ``engagement_rate`` column computed row by row by
    :func:`engagement_rate` (None where views are 0)."""
    frame = frame.copy()
    frame["engagement_rate"] = pd.Series(
        [engagement_rate(row) for row in frame[["views", *ENGAGEMENT_FIELDS]].to_dict("records")],
        index=frame.index,
        dtype=object,
    )
    return frame


def _missing(value: object) -> bool:
    return isinstance(value, float) and (math.isnan(value) or math.isinf(value))


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or _missing(denominator) or denominator == 0:
        return None
    return float(numerator) / float(denominator)


def _increments(*, since: dt.date | None = None, until: dt.date | None = None) -> sa.Subquery:
    """Per stats row: content_id, date, each counter's increment and ``one_day``
    (:func:`opsdash.metrics.snapshots.increments` with item = content_id)."""
    return increments(_stats, item=("content_id",), counters=COUNTERS, since=since, until=until)


def _sum(column: sa.ColumnElement, name: str) -> sa.ColumnElement:
    # PostgreSQL sums BIGINT as NUMERIC; cast back so pandas sees integers on both stores.
    # No coalesce: the sum of rows that all lack the measure is NULL ("not in the data").
    return sa.cast(sa.func.sum(column), sa.BigInteger).label(name)


def present_counters(engine: Engine) -> frozenset[str]:
    """The counters at least one content_stats row has (not NULL): the measures in the data."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(*(sa.func.count(_stats.c[name]).label(name) for name in COUNTERS))
        ).one()
    return frozenset(name for name in COUNTERS if row._mapping[name])


def _counts(value: object) -> int | None:
    if value is None or value is pd.NA or _missing(value):
        return None
    return int(value)


def _text(values: pd.Series) -> pd.Series:
    """Text values as Python strings with None (not NaN) for missing ones."""
    return pd.Series(
        [None if v is None or v is pd.NA or _missing(v) else str(v) for v in values],
        index=values.index,
        dtype=object,
    )


def _int_columns(
    frame: pd.DataFrame,
    names: tuple[str, ...] = COUNTERS,
    *,
    zero: frozenset[str] | tuple[str, ...] = (),
) -> pd.DataFrame:
    """``names`` as Python ints, None where missing, except that the names in ``zero`` (the
    measures the data has) count a missing value as 0 (no row there)."""
    for name in names:
        values = pd.to_numeric(frame[name])
        if name in zero:
            frame[name] = values.fillna(0).astype("int64")
        else:
            frame[name] = pd.Series([_counts(v) for v in values], index=frame.index, dtype=object)
    return frame


def _order_key(values: pd.Series) -> pd.Series:
    """Numbers for sorting, a missing value below every number."""
    return pd.to_numeric(values).astype(float).fillna(-math.inf)


# ---------------------------------------------------------------- totals and series


@dataclass(frozen=True)
class ContentTotals:
    """Period sums of the increments, the engagement rate of those sums, and the number of items
    published in the period (``published_date`` in it)."""

    views: int | None
    readers: int | None
    likes: int | None
    comments: int | None
    shares: int | None
    favorites: int | None
    followers_gained: int | None
    engagement_rate: float | None
    items_published: int
    items_with_views: int

    def to_dict(self) -> dict:
        return asdict(self)


def content_totals(engine: Engine, *, filters: Filters) -> ContentTotals:
    """Totals of the period ``filters.start``..``filters.end`` (inclusive). ``readers`` is a
    sum of per-day (or per-snapshot) reader counts, not a count of distinct people over the
    period. ``items_with_views`` counts items whose views in the period are above 0. A
    counter no stats row has is None (not in the data); one the data has is 0 in a period
    without rows."""
    present = present_counters(engine)
    inc = _increments(since=filters.start, until=filters.end)
    in_period = inc.c.date.between(filters.start, filters.end)
    per_item = (
        sa.select(inc.c.content_id, sa.func.sum(inc.c.views).label("views"))
        .where(in_period)
        .group_by(inc.c.content_id)
        .subquery()
    )
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(*(_sum(inc.c[name], name) for name in COUNTERS)).where(in_period)
        ).one()
        published = conn.execute(
            sa.select(sa.func.count()).where(
                _contents.c.published_date.between(filters.start, filters.end)
            )
        ).scalar_one()
        with_views = conn.execute(
            sa.select(sa.func.count()).select_from(per_item).where(per_item.c.views > 0)
        ).scalar_one()
    values = {name: _counts(row._mapping[name]) for name in COUNTERS}
    values = {n: 0 if v is None and n in present else v for n, v in values.items()}
    return ContentTotals(
        **values,
        engagement_rate=engagement_rate(values),
        items_published=int(published),
        items_with_views=int(with_views),
    )


def content_series(engine: Engine, *, filters: Filters, period: Period = "day") -> pd.DataFrame:
    """One row per day/week/month of the period that has stats: ``period_start`` (date), each
    counter summed over the increments dated in it (weeks start Monday; a week or month cut by
    the period counts only its days inside the period), and ``engagement_rate``."""
    inc = _increments(since=filters.start, until=filters.end)
    bucket = period_start(inc.c.date, period).label("period_start")
    query = (
        sa.select(bucket, *(_sum(inc.c[name], name) for name in COUNTERS))
        .where(inc.c.date.between(filters.start, filters.end))
        .group_by(bucket)
        .order_by(bucket)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(
            conn.execute(query).mappings().all(), columns=["period_start", *COUNTERS]
        )
    frame["period_start"] = frame["period_start"].map(as_date)
    return with_engagement_rate(_int_columns(frame))


# ---------------------------------------------------------------- top content


def _per_item_sums(filters: Filters) -> sa.Select:
    inc = _increments(since=filters.start, until=filters.end)
    return (
        sa.select(inc.c.content_id, *(_sum(inc.c[name], name) for name in COUNTERS))
        .where(inc.c.date.between(filters.start, filters.end))
        .group_by(inc.c.content_id)
    )


META_COLUMNS = ("title", "category", "format", "author", "channel", "published_date")


def top_content(
    engine: Engine,
    *,
    filters: Filters,
    search: str | None = None,
    limit: int | None = TOP_LIMIT,
) -> pd.DataFrame:
    """The items of the period, most viewed first (ties: more interactions first, then
    content_id): every item with a stats row dated in the period or published in it.
    Columns: content_id, title, category, format, author, channel, published_date, the
    counters (period sums; None for a counter no stats row has), engagement_rate,
    views_previous (views in ``filters.previous()``) and views_change
    = (views - views_previous) / views_previous, None when views_previous is 0 or missing.

    ``search`` keeps items whose title, content_id, author or category contains it
    (case-insensitive); ``limit`` None keeps all."""
    current = _per_item_sums(filters).subquery("current")
    condition = None
    if search and search.strip():
        text = search.strip()
        condition = sa.or_(
            *(
                sa.func.lower(column, type_=sa.String).contains(text.lower(), autoescape=True)
                for column in (
                    _contents.c.title,
                    _contents.c.author,
                    _contents.c.category,
                )
            ),
            sa.func.lower(current.c.content_id, type_=sa.String).contains(
                text.lower(), autoescape=True
            ),
        )
    with_stats = sa.select(
        current.c.content_id,
        *(_contents.c[name] for name in META_COLUMNS),
        *(current.c[name] for name in COUNTERS),
    ).select_from(current.outerjoin(_contents, _contents.c.content_id == current.c.content_id))
    if condition is not None:
        with_stats = with_stats.where(condition)
    present = present_counters(engine)
    # items published in the period with no stats row dated in it (views 0, if in the data)
    unseen = sa.select(
        _contents.c.content_id,
        *(_contents.c[name] for name in META_COLUMNS),
        *(
            (sa.literal(0, sa.BigInteger) if name in present else sa.null()).label(name)
            for name in COUNTERS
        ),
    ).where(
        _contents.c.published_date.between(filters.start, filters.end),
        _contents.c.content_id.not_in(sa.select(current.c.content_id)),
    )
    if condition is not None:
        unseen = unseen.where(
            sa.or_(
                *(
                    sa.func.lower(column, type_=sa.String).contains(
                        search.strip().lower(), autoescape=True
                    )
                    for column in (
                        _contents.c.title,
                        _contents.c.author,
                        _contents.c.category,
                        _contents.c.content_id,
                    )
                )
            )
        )
    columns = ["content_id", *META_COLUMNS, *COUNTERS]
    with engine.connect() as conn:
        frame = pd.DataFrame(
            [*conn.execute(with_stats).all(), *conn.execute(unseen).all()], columns=columns
        )
        previous_filters = filters.previous()
        previous_query = _per_item_sums(previous_filters).subquery("previous")
        previous = pd.DataFrame(
            conn.execute(sa.select(previous_query.c.content_id, previous_query.c.views)).all(),
            columns=["content_id", "views_previous"],
        )
    frame = _int_columns(frame)
    frame["published_date"] = frame["published_date"].map(as_date).astype(object)
    for name in ("content_id", *META_COLUMNS[:-1]):
        frame[name] = _text(frame[name])
    # ties (e.g. exports without views, like Medium's) by interactions, then id
    interactions = sum(_order_key(frame[n]).clip(lower=0) for n in ENGAGEMENT_FIELDS)
    frame = (
        frame.assign(_views=_order_key(frame["views"]), _interactions=interactions)
        .sort_values(
            ["_views", "_interactions", "content_id"],
            ascending=[False, False, True],
            kind="stable",
        )
        .drop(columns=["_views", "_interactions"])
    )
    if limit is not None:
        frame = frame.head(limit)
    frame = frame.merge(previous, on="content_id", how="left")
    frame = _int_columns(
        frame, ("views_previous",), zero=("views_previous",) if "views" in present else ()
    )
    frame = with_engagement_rate(frame)
    frame["views_change"] = pd.Series(
        [
            None if prev is None or prev == 0 or cur is None else (cur - prev) / prev
            for cur, prev in zip(frame["views"], frame["views_previous"], strict=True)
        ],
        index=frame.index,
        dtype=object,
    )
    return frame.reset_index(drop=True)


def content_curve(engine: Engine, *, content_id: str) -> pd.DataFrame:
    """One item's life: one row per stats row (date ascending) with days_since_publishing
    (date - published_date; None when the publishing day is unknown), each counter's increment,
    the running totals ``cumulative_views`` and ``cumulative_likes`` (None where the row lacks
    the counter, or throughout when the data has none), and engagement_rate of the row. Empty
    when the item has no stats."""
    inc = _increments()
    query = (
        sa.select(inc.c.date, *(inc.c[name] for name in COUNTERS))
        .where(inc.c.content_id == content_id)
        .order_by(inc.c.date)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=["date", *COUNTERS])
        published = conn.execute(
            sa.select(_contents.c.published_date).where(_contents.c.content_id == content_id)
        ).scalar()
    frame = _int_columns(frame)
    frame["date"] = frame["date"].map(as_date).astype(object)
    published = as_date(published)
    frame.insert(
        1,
        "days_since_publishing",
        pd.Series(
            [None if published is None else (day - published).days for day in frame["date"]],
            index=frame.index,
            dtype=object,
        ),
    )
    for name in ("views", "likes"):
        running = pd.to_numeric(frame[name]).astype(float).cumsum()  # NaN stays NaN
        frame[f"cumulative_{name}"] = _int_columns(pd.DataFrame({name: running}), (name,))[name]
    return with_engagement_rate(frame)


# ---------------------------------------------------------------- breakdowns


def content_breakdown(engine: Engine, *, filters: Filters, by: Breakdown) -> pd.DataFrame:
    """Period sums by the item's ``by`` (category/column 专栏, format, author or channel):
    one row per value (None = not set or the item is missing from the contents table), with
    ``items`` (items with a stats row dated in the period), the counters (None: not in the
    data), engagement_rate and views_per_item = views / items. Most viewed first."""
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}")
    current = _per_item_sums(filters).subquery("current")
    group = _contents.c[by].label("group")
    query = (
        sa.select(
            group,
            sa.func.count(current.c.content_id).label("items"),
            *(_sum(current.c[name], name) for name in COUNTERS),
        )
        .select_from(current.outerjoin(_contents, _contents.c.content_id == current.c.content_id))
        .group_by(group)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=[by, "items", *COUNTERS])
    frame = _int_columns(_int_columns(frame), ("items",), zero=("items",))
    frame[by] = _text(frame[by])
    frame = with_engagement_rate(frame)
    frame["views_per_item"] = pd.Series(
        [_ratio(v, n) for v, n in zip(frame["views"], frame["items"], strict=True)],
        index=frame.index,
        dtype=object,
    )
    frame = (
        frame.assign(_views=_order_key(frame["views"]))
        .sort_values(["_views", "items"], ascending=False, kind="stable")
        .drop(columns="_views")
    )
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------- decay and cadence


def content_decay(engine: Engine, *, filters: Filters, max_days: int = DECAY_DAYS) -> pd.DataFrame:
    """Average views by days since publishing, per format.

    Cohort: items published in the period (``published_date`` in it) that have at least one
    one-day stats row (a daily row, or a snapshot one day after the previous one; multi-day
    snapshot increments cannot be placed on a single day and are left out). For day k
    (0 = publishing day) up to ``max_days`` the average is
    ``sum of the cohort's one-day views dated published_date + k / items observed on day k``,
    where an item is observed on day k when published_date + k is on or before the last day of
    the content stats (a missing row counts as 0 views). Rows: format (None = unknown), day,
    items (observed), average_views (None throughout when views are not in the data). Days
    with no observed item are left out."""
    has_views = "views" in present_counters(engine)
    inc = _increments()
    age = days_between(_contents.c.published_date, inc.c.date).label("day")
    published_in_period = _contents.c.published_date.between(filters.start, filters.end)
    one_day = inc.c.one_day == 1
    views_query = (
        sa.select(_contents.c.format, age, _sum(inc.c.views, "views"))
        .select_from(inc.join(_contents, _contents.c.content_id == inc.c.content_id))
        .where(published_in_period, one_day, age >= 0, age <= max_days)
        .group_by(_contents.c.format, age)
    )
    cohort_query = (
        sa.select(_contents.c.content_id, _contents.c.format, _contents.c.published_date)
        .where(
            published_in_period,
            _contents.c.content_id.in_(sa.select(inc.c.content_id).where(one_day)),
        )
        .distinct()
    )
    with engine.connect() as conn:
        views = pd.DataFrame(conn.execute(views_query).all(), columns=["format", "day", "views"])
        cohort = pd.DataFrame(
            conn.execute(cohort_query).all(), columns=["content_id", "format", "published_date"]
        )
        last_day = as_date(conn.execute(sa.select(sa.func.max(_stats.c.date))).scalar())
    columns = ["format", "day", "items", "average_views"]
    if cohort.empty or last_day is None:
        return pd.DataFrame(columns=columns)
    cohort["format"] = cohort["format"].astype(object).where(cohort["format"].notna(), "\0")
    cohort["observed_days"] = [(last_day - as_date(day)).days for day in cohort["published_date"]]
    views["format"] = views["format"].astype(object).where(views["format"].notna(), "\0")
    views["day"] = views["day"].astype("int64")
    totals = {
        (f, int(d)): int(v)
        for f, d, v in views[["format", "day", "views"]].itertuples(index=False)
        if _counts(v) is not None
    }
    rows = []
    for format_name, members in cohort.groupby("format", sort=True):
        for day in range(max_days + 1):
            observed = int((members["observed_days"] >= day).sum())
            if observed == 0:
                continue
            rows.append(
                {
                    "format": None if format_name == "\0" else format_name,
                    "day": day,
                    "items": observed,
                    "average_views": (
                        totals.get((format_name, day), 0) / observed if has_views else None
                    ),
                }
            )
    return pd.DataFrame(rows, columns=columns)


def publishing_cadence(engine: Engine, *, filters: Filters) -> pd.DataFrame:
    """Per week (Monday start) overlapping the period: ``items_published`` (items whose
    published_date is in the period and that week) and ``views`` (views of all items dated in
    the period and that week; 0 in a week without rows, None when views are not in the data).
    Weeks cut by the period count only their days inside it."""
    has_views = "views" in present_counters(engine)
    inc = _increments(since=filters.start, until=filters.end)
    week = period_start(inc.c.date, "week").label("week_start")
    views_query = (
        sa.select(week, _sum(inc.c.views, "views"))
        .where(inc.c.date.between(filters.start, filters.end))
        .group_by(week)
    )
    published_week = period_start(_contents.c.published_date, "week").label("week_start")
    items_query = (
        sa.select(published_week, sa.func.count().label("items_published"))
        .where(_contents.c.published_date.between(filters.start, filters.end))
        .group_by(published_week)
    )
    with engine.connect() as conn:
        views = pd.DataFrame(conn.execute(views_query).all(), columns=["week_start", "views"])
        items = pd.DataFrame(
            conn.execute(items_query).all(), columns=["week_start", "items_published"]
        )
    first_week = filters.start - dt.timedelta(days=filters.start.weekday())
    weeks = pd.DataFrame(
        {
            "week_start": [
                first_week + dt.timedelta(weeks=n)
                for n in range((filters.end - first_week).days // 7 + 1)
            ]
        }
    )
    for frame in (views, items):
        frame["week_start"] = frame["week_start"].map(as_date)
    frame = weeks.merge(items, on="week_start", how="left").merge(
        views, on="week_start", how="left"
    )
    frame = _int_columns(frame, ("items_published",), zero=("items_published",))
    return _int_columns(frame, ("views",), zero=("views",) if has_views else ())


# ---------------------------------------------------------------- report


DEFINITIONS = {
    "engagement_rate": "(likes + comments + shares + favorites) / views; null when "
    "views = 0 or missing; interactions not in the data are left out of the sum",
    "missing": "a counter the data does not have is null (not in the data), never 0; "
    "a counter the data has is 0 in a period without rows",
    "snapshot_rows": "a cumulative (snapshot) row counts as its increment over the "
    "item's previous snapshot; an item's first snapshot is its baseline (0, not growth): "
    "views in a period = last snapshot on or before end - last snapshot before start "
    "(or the item's first snapshot in the period when none precedes it)",
    "segments": "user segment filters do not apply to content stats",
}


def build_report(engine: Engine, *, filters: Filters, period: str = "day") -> dict:
    """What the Content page shows, JSON-ready (``opsdash report content --json``): see
    :func:`opsdash.reports.content.build_report` (the one report behind page and CLI)."""
    from opsdash.reports.content import ContentSettings
    from opsdash.reports.content import build_report as content_report

    return content_report(engine, filters=filters, settings=ContentSettings(period=period))


def report_payload(
    *,
    filters: Filters,
    period: str,
    totals,
    previous_totals,
    series: pd.DataFrame,
    top: pd.DataFrame,
    breakdowns: dict[str, pd.DataFrame],
    decay: pd.DataFrame,
    cadence: pd.DataFrame,
) -> dict:
    """The content report's JSON from the page's results (definitions included)."""
    previous = filters.previous()
    return {
        "page": "content",
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "period": period,
        "previous_start": previous.start.isoformat(),
        "previous_end": previous.end.isoformat(),
        "definitions": DEFINITIONS,
        "totals": totals.to_dict(),
        "previous_totals": previous_totals.to_dict(),
        "series": json_records(series),
        "top_content": json_records(top),
        **{f"by_{by}": json_records(breakdowns[by]) for by in BREAKDOWNS},
        "decay": json_records(decay),
        "cadence": json_records(cadence),
    }
