"""Feedback page (用户反馈) and ``opsdash report feedback``: volume, ratings, NPS, CSAT,
sentiment, keywords and themes of the feedback submitted in a period (``submitted_date``,
reporting timezone), against the previous period of the same length.

Definitions (also the page's help texts):

- **items**: feedback items submitted in the period;
- **volume by source / category / version / platform**: items per value, with the previous
  period's count and the relative change (None when the previous count is 0);
- **rating average**: mean star rating of the rated items; **distribution**: items per
  rating; **CSAT** = share of rated items with 4-5 stars;
- **NPS** = % promoters (9-10) − % detractors (0-6) of the items with an NPS score, on the
  −100…100 scale, with a 95% Wald interval (:func:`opsdash.feedback.stats.nps`);
- **sentiment**: shares of *all* items in the period that are positive / negative (/ neutral);
  each item's sentiment is the file's label, else its rating, else its NPS score, else the
  text classifier (:mod:`opsdash.feedback.sentiment`), decided at import;
- **keywords**: a keyword's ``count`` is the number of items in the period whose text contains
  it (:mod:`opsdash.feedback.text`), ``previous`` the same in the previous period; a keyword
  is ``rising`` when its share of items grew significantly (G² ≥ 10.83, p < 0.001, and at
  least 5 items; :func:`opsdash.feedback.stats.is_rising`);
- **behaviour**: users with a user id who gave feedback in the period, split into those with
  at least one negative item and the others; per group: users, the share *retained* (any
  event on one of the 30 days after their first feedback of the period) and net revenue per
  user in the 30 days from that day (order lines paid/refunded with an amount above 0, amount
  minus the refund capped at the amount, as on the Revenue page);
- **themes**: items whose text contains any of the theme's keywords; ``negative_share`` =
  negative items / the theme's items; three representative quotes: distinct texts matching
  the most of the theme's keywords, then of a readable length (closest to 40 characters),
  newest first.

Counting of stored fields is done in SQL; keywords and themes read the period's texts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.feedback import stats
from opsdash.feedback.themes import Theme, load_dictionary, load_themes
from opsdash.filters import Filters
from opsdash.metrics.sql import Period, days_between, period_start
from opsdash.models import Feedback, OrderLine, UserActivityDay
from opsdash.timeutil import as_date

FB = Feedback.__table__
DIMENSIONS = ("source", "category", "version", "platform")
TOP_KEYWORDS = 20
QUOTES = 3
QUOTE_LENGTH = 200
READABLE_LENGTH = 40
SUGGESTIONS = 10


@dataclass(frozen=True)
class ThemeSummary:
    name: str
    keywords: tuple[str, ...]
    count: int
    previous: int
    negative: int
    negative_share: float | None
    quotes: tuple[str, ...]

    @property
    def change(self) -> float | None:
        return (self.count - self.previous) / self.previous if self.previous else None


@dataclass(frozen=True)
class FeedbackReport:
    start: dt.date
    end: dt.date
    items: int
    previous_items: int
    nps: stats.Nps
    csat: float | None
    rated: int
    rating_average: float | None
    sentiment: dict[str, float | None]  # positive / negative / neutral shares of all items
    sentiment_counts: dict[str, int]
    basis_counts: dict[str, int]
    ratings: pd.DataFrame  # rating, items
    volume: pd.DataFrame  # period, items
    dimensions: dict[str, pd.DataFrame]  # value, items, previous, change
    keywords: pd.DataFrame  # term, count, previous, g2, rising
    themes: tuple[ThemeSummary, ...]
    theme_versions: pd.DataFrame  # theme, version, items, negative_share
    suggestions: pd.DataFrame  # term_a, term_b, items
    keyword_trend: pd.DataFrame = field(default_factory=pd.DataFrame)  # term, day, items
    keyword_quotes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    theme_trend: pd.DataFrame = field(default_factory=pd.DataFrame)  # theme, day, items, negative
    behaviour: pd.DataFrame = field(default_factory=pd.DataFrame)  # group, users, retained, ...

    def to_json(self) -> dict:
        """The ``opsdash report feedback --json`` contract (keys exactly as documented)."""
        return {
            "items": self.items,
            "nps": _round(self.nps.score),
            "csat": _round(self.csat, 4),
            "sentiment": {
                "positive": _round(self.sentiment["positive"], 4),
                "negative": _round(self.sentiment["negative"], 4),
            },
            "keywords": [
                {
                    "term": row.term,
                    "count": int(row.count),
                    "previous": int(row.previous),
                    "rising": bool(row.rising),
                }
                for row in self.keywords.itertuples(index=False)
            ],
            "themes": [
                {
                    "name": theme.name,
                    "count": theme.count,
                    "negative_share": _round(theme.negative_share, 4),
                    "quotes": list(theme.quotes),
                }
                for theme in self.themes
            ],
        }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _in_period(start: dt.date, end: dt.date):
    return FB.c.submitted_date.between(sa.bindparam("start", start), sa.bindparam("end", end))


def totals(engine: Engine, start: dt.date, end: dt.date) -> dict[str, float | int | None]:
    """Counts of one period, in one SQL query."""
    nps_score, rating, sentiment = FB.c.nps_score, FB.c.rating, FB.c.sentiment

    def count_if(condition) -> sa.ColumnElement:
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    query = sa.select(
        sa.func.count().label("items"),
        count_if(nps_score >= 9).label("promoters"),
        count_if(nps_score.between(7, 8)).label("passives"),
        count_if(nps_score <= 6).label("detractors"),
        sa.func.count(rating).label("rated"),
        sa.func.avg(rating).label("rating_average"),
        count_if(rating >= 4).label("satisfied"),
        count_if(sentiment == "positive").label("positive"),
        count_if(sentiment == "negative").label("negative"),
        count_if(sentiment == "neutral").label("neutral"),
    ).where(_in_period(start, end))
    with engine.connect() as conn:
        row = conn.execute(query).mappings().one()
    return {k: (float(v) if k == "rating_average" and v is not None else v) for k, v in row.items()}


def _grouped(engine: Engine, column, start: dt.date, end: dt.date) -> pd.DataFrame:
    query = (
        sa.select(column.label("value"), sa.func.count().label("items"))
        .where(_in_period(start, end))
        .group_by(column)
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["value", "items"])


def dimension_volume(
    engine: Engine, name: str, filters: Filters, previous: Filters
) -> pd.DataFrame:
    """Items per value of ``name`` in the period and the previous one; missing values are
    shown as None (the page labels them)."""
    current = _grouped(engine, FB.c[name], filters.start, filters.end)
    before = _grouped(engine, FB.c[name], previous.start, previous.end)
    merged = current.merge(before, on="value", how="outer", suffixes=("", "_previous"))
    merged = merged.fillna({"items": 0, "items_previous": 0})
    merged["items"] = merged["items"].astype(int)
    merged["previous"] = merged.pop("items_previous").astype(int)
    merged["change"] = [
        (now - then) / then if then else None
        for now, then in zip(merged["items"], merged["previous"], strict=True)
    ]
    merged = merged.astype({"value": object})
    merged["value"] = merged["value"].where(merged["value"].notna(), None)
    return merged.sort_values(["items", "previous"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def rating_distribution(engine: Engine, start: dt.date, end: dt.date) -> pd.DataFrame:
    query = (
        sa.select(FB.c.rating, sa.func.count().label("items"))
        .where(_in_period(start, end), FB.c.rating.is_not(None))
        .group_by(FB.c.rating)
        .order_by(FB.c.rating)
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["rating", "items"])


def volume_series(engine: Engine, start: dt.date, end: dt.date, period: Period) -> pd.DataFrame:
    bucket = period_start(FB.c.submitted_date, period).label("period")
    query = (
        sa.select(bucket, sa.func.count().label("items"))
        .where(_in_period(start, end))
        .group_by(bucket)
        .order_by(bucket)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=["period", "items"])
    frame["period"] = frame["period"].map(as_date)
    return frame


def basis_counts(engine: Engine, start: dt.date, end: dt.date) -> dict[str, int]:
    query = (
        sa.select(FB.c.sentiment_basis, sa.func.count())
        .where(_in_period(start, end))
        .group_by(FB.c.sentiment_basis)
    )
    with engine.connect() as conn:
        return {basis or "none": int(n) for basis, n in conn.execute(query)}


def texts(engine: Engine, start: dt.date, end: dt.date) -> pd.DataFrame:
    """The items with text submitted between ``start`` and ``end``."""
    query = (
        sa.select(FB.c.feedback_id, FB.c.submitted_date, FB.c.text, FB.c.sentiment, FB.c.version)
        .where(_in_period(start, end), FB.c.text.is_not(None))
        .order_by(FB.c.submitted_date.desc(), FB.c.feedback_id)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(
            conn.execute(query).all(),
            columns=["feedback_id", "submitted_date", "text", "sentiment", "version"],
        )
    frame["submitted_date"] = frame["submitted_date"].map(as_date)
    return frame


def keyword_table(
    current: list[set[str]], previous: list[set[str]], n1: int, n2: int, *, top: int
) -> pd.DataFrame:
    """Top ``top`` keywords by items containing them, plus every rising keyword outside the
    top; ``n1``/``n2``: items in the period / the previous period (all items, with or without
    text, the denominators of the shares compared)."""
    now = Counter(term for found in current for term in found)
    before = Counter(term for found in previous for term in found)
    rows = []
    for term, count in now.items():
        previous_count = before.get(term, 0)
        rows.append(
            {
                "term": term,
                "count": count,
                "previous": previous_count,
                "g2": stats.log_likelihood(count, n1, previous_count, n2),
                "rising": stats.is_rising(count, n1, previous_count, n2),
            }
        )
    frame = pd.DataFrame(rows, columns=["term", "count", "previous", "g2", "rising"])
    if frame.empty:
        return frame.astype({"count": int, "previous": int, "g2": float, "rising": bool})
    frame = frame.sort_values(["count", "term"], ascending=[False, True], kind="stable")
    chosen = pd.concat([frame.head(top), frame.iloc[top:][frame.iloc[top:]["rising"]]])
    return chosen.reset_index(drop=True)


def summarise_themes(
    themes: tuple[Theme, ...], current: pd.DataFrame, previous: pd.DataFrame
) -> tuple[tuple[ThemeSummary, ...], pd.DataFrame, pd.DataFrame]:
    """Theme counts, negative shares and quotes; the themes per version; per day (items and
    negative items). Ranked by count, then by change."""
    folded_now = current["text"].str.casefold().tolist()
    folded_before = previous["text"].str.casefold().tolist()
    summaries = []
    by_version = []
    by_day = []
    for theme in themes:
        matched = [len(theme.matches(text)) for text in folded_now]
        mask = pd.Series([m > 0 for m in matched], index=current.index, dtype=bool)
        before = sum(1 for text in folded_before if theme.matches(text))
        items = current[mask]
        negative = int((items["sentiment"] == "negative").sum())
        quotes = _quotes(items.assign(matched=pd.Series(matched, index=current.index)[mask]))
        summaries.append(
            ThemeSummary(
                name=theme.name,
                keywords=theme.keywords,
                count=len(items),
                previous=before,
                negative=negative,
                negative_share=negative / len(items) if len(items) else None,
                quotes=quotes,
            )
        )
        if len(items):
            daily = items.assign(negative=items["sentiment"] == "negative").groupby(
                "submitted_date", sort=True
            )["negative"]
            by_day.extend(
                {"theme": theme.name, "day": day, "items": int(n), "negative": int(neg)}
                for day, n, neg in zip(daily.size().index, daily.size(), daily.sum(), strict=True)
            )
            grouped = items.assign(negative=items["sentiment"] == "negative").groupby(
                items["version"].fillna(""), sort=True
            )
            for version, group in grouped:
                by_version.append(
                    {
                        "theme": theme.name,
                        "version": version or None,
                        "items": len(group),
                        "negative_share": float(group["negative"].mean()),
                    }
                )
    summaries.sort(key=lambda s: (-s.count, -(s.change or 0), s.name))
    versions = pd.DataFrame(by_version, columns=["theme", "version", "items", "negative_share"])
    trend = pd.DataFrame(by_day, columns=["theme", "day", "items", "negative"])
    return tuple(summaries), versions, trend


def _quotes(items: pd.DataFrame) -> tuple[str, ...]:
    if items.empty:
        return ()
    ranked = items.assign(
        distance=(items["text"].str.len() - READABLE_LENGTH).abs(),
        order=range(len(items)),  # texts come newest first
    ).sort_values(["matched", "distance", "order"], ascending=[False, True, True], kind="stable")
    quotes: list[str] = []
    for text in ranked["text"]:
        text = " ".join(str(text).split())
        if text and text not in quotes:
            quotes.append(text)
        if len(quotes) == QUOTES:
            break
    return tuple(q if len(q) <= QUOTE_LENGTH else q[: QUOTE_LENGTH - 1] + "…" for q in quotes)


def keyword_details(
    current: pd.DataFrame, term_sets: list[set[str]], keywords: list[str]
) -> tuple[pd.DataFrame, dict[str, tuple[str, ...]]]:
    """For each keyword: items containing it per day, and up to three example quotes (texts
    closest to 40 characters, newest first)."""
    rows = []
    quotes: dict[str, tuple[str, ...]] = {}
    days = current["submitted_date"].tolist()
    for term in keywords:
        positions = [i for i, found in enumerate(term_sets) if term in found]
        per_day = Counter(days[i] for i in positions)
        rows.extend({"term": term, "day": day, "items": n} for day, n in sorted(per_day.items()))
        matched = current.iloc[positions].assign(matched=1)
        quotes[term] = _quotes(matched)
    return pd.DataFrame(rows, columns=["term", "day", "items"]), quotes


def suggest_themes(term_sets: list[set[str]], keywords: list[str]) -> pd.DataFrame:
    """Candidate themes: pairs of top keywords that occur together in the most items."""
    top = set(keywords)
    pairs = Counter(pair for found in term_sets for pair in combinations(sorted(found & top), 2))
    rows = [
        {"term_a": a, "term_b": b, "items": n}
        for (a, b), n in pairs.most_common(SUGGESTIONS)
        if n >= 2
    ]
    return pd.DataFrame(rows, columns=["term_a", "term_b", "items"])


def feedback_report(
    engine: Engine,
    *,
    filters: Filters,
    period: Period = "day",
    themes: tuple[Theme, ...] | None = None,
    top_keywords: int = TOP_KEYWORDS,
) -> FeedbackReport:
    """Everything the Feedback page shows, for ``filters.start``..``filters.end`` (segment
    filters do not apply: feedback is not tied to the users table)."""
    from opsdash.feedback.text import terms_of

    previous = filters.previous()
    themes = load_themes(engine) if themes is None else themes
    dictionary = (
        *load_dictionary(engine),
        *(k for theme in themes for k in theme.keywords),
    )
    now = totals(engine, filters.start, filters.end)
    before = totals(engine, previous.start, previous.end)
    items = int(now["items"])
    current_texts = texts(engine, filters.start, filters.end)
    previous_texts = texts(engine, previous.start, previous.end)
    current_terms = terms_of(current_texts["text"], dictionary)
    previous_terms = terms_of(previous_texts["text"], dictionary)
    keywords = keyword_table(
        current_terms, previous_terms, items, int(before["items"]), top=top_keywords
    )
    theme_summaries, theme_versions, theme_trend = summarise_themes(
        themes, current_texts, previous_texts
    )
    counts = {k: int(now[k]) for k in ("positive", "negative", "neutral")}
    trend, keyword_quotes = keyword_details(current_texts, current_terms, keywords["term"].tolist())
    return FeedbackReport(
        start=filters.start,
        end=filters.end,
        items=items,
        previous_items=int(before["items"]),
        nps=stats.nps(int(now["promoters"]), int(now["passives"]), int(now["detractors"])),
        csat=stats.csat(int(now["satisfied"]), int(now["rated"])),
        rated=int(now["rated"]),
        rating_average=now["rating_average"],
        sentiment={k: (v / items if items else None) for k, v in counts.items()},
        sentiment_counts=counts,
        basis_counts=basis_counts(engine, filters.start, filters.end),
        ratings=rating_distribution(engine, filters.start, filters.end),
        volume=volume_series(engine, filters.start, filters.end, period),
        dimensions={name: dimension_volume(engine, name, filters, previous) for name in DIMENSIONS},
        keywords=keywords,
        themes=theme_summaries,
        theme_versions=theme_versions,
        suggestions=suggest_themes(current_terms, keywords["term"].head(top_keywords).tolist()),
        keyword_trend=trend,
        keyword_quotes=keyword_quotes,
        theme_trend=theme_trend,
        behaviour=behaviour(engine, filters.start, filters.end),
    )


BEHAVIOUR_DAYS = 30


def behaviour(engine: Engine, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Retention and revenue of users with negative feedback against the other users who gave
    feedback (module docstring); columns group (negative / other), users, retained (0..1),
    revenue_per_user. Empty when no feedback of the period has a user id."""
    first = (
        sa.select(
            FB.c.user_id.label("user_id"),
            sa.func.min(FB.c.submitted_date).label("first_day"),
            sa.func.max(sa.case((FB.c.sentiment == "negative", 1), else_=0)).label("negative"),
        )
        .where(_in_period(start, end), FB.c.user_id.is_not(None), FB.c.user_id != "")
        .group_by(FB.c.user_id)
        .subquery("first_feedback")
    )
    days = UserActivityDay.__table__
    orders = OrderLine.__table__
    window = sa.bindparam("window", BEHAVIOUR_DAYS)
    retained = (
        sa.select(sa.literal(1))
        .where(
            days.c.user_id == first.c.user_id,
            days.c.activity_date > first.c.first_day,
            days_between(first.c.first_day, days.c.activity_date) <= window,
        )
        .exists()
    )
    refund = sa.case(
        (sa.func.coalesce(orders.c.refund_amount, 0) > orders.c.amount, orders.c.amount),
        else_=sa.func.coalesce(orders.c.refund_amount, 0),
    )
    revenue = (
        sa.select(sa.func.coalesce(sa.func.sum(orders.c.amount - refund), 0))
        .where(
            orders.c.user_id == first.c.user_id,
            orders.c.status.in_(("paid", "refunded")),
            orders.c.amount > 0,
            orders.c.paid_date >= first.c.first_day,
            days_between(first.c.first_day, orders.c.paid_date) < window,
        )
        .scalar_subquery()
    )
    per_user = sa.select(
        first.c.negative,
        sa.case((retained, 1), else_=0).label("retained"),
        revenue.label("revenue"),
    ).subquery("per_user")
    query = (
        sa.select(
            per_user.c.negative,
            sa.func.count().label("users"),
            sa.func.sum(per_user.c.retained).label("retained"),
            sa.func.sum(per_user.c.revenue).label("revenue"),
        )
        .group_by(per_user.c.negative)
        .order_by(per_user.c.negative.desc())
    )
    with engine.connect() as conn:
        rows = conn.execute(query, {"start": start, "end": end}).all()
    return pd.DataFrame(
        [
            {
                "group": "negative" if negative else "other",
                "users": int(users),
                "retained": int(kept) / int(users),
                "revenue_per_user": float(money) / int(users),
            }
            for negative, users, kept, money in rows
        ],
        columns=["group", "users", "retained", "revenue_per_user"],
    )


def last_feedback_day(engine: Engine) -> dt.date | None:
    with engine.connect() as conn:
        return as_date(conn.execute(sa.select(sa.func.max(FB.c.submitted_date))).scalar())


def build_report(engine: Engine, *, filters: Filters, period: Period = "day") -> dict:
    """``opsdash report feedback``: :meth:`FeedbackReport.to_json`."""
    return feedback_report(engine, filters=filters, period=period).to_json()
