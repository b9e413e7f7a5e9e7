"""Breakdowns by any dimension a team's exports carry: a field of the rows, a property of
the rows (a column the importer kept, e.g. Online Retail's ``Country``, Tmall's ``收货地址``,
KAG's ``age``), or a field or property of the rows' user.

How a name is resolved, first match wins (so a row's own value beats its user's):

1. a breakdown column of the rows' table (orders: product, category, channel; campaign stats:
   ad_id; events: event, content_id, campaign_id);
2. a property of the rows' table (``property_keys`` of that kind);
3. for campaign stats, a column of the campaign (channel, goal, name);
4. for rows with a user (orders, events, users), a users column (channel, platform, region,
   level) or a user property, through the rows' ``user_id``.

Anything else is refused with the names that exist. The name never reaches the SQL text:
properties are read with a bound parameter (:func:`opsdash.store.properties.property_text`).

Every breakdown partitions the rows its total counts: rows without a value (a missing
property, a guest order, a user with no users row) form one row with ``value`` None (shown
as "(unknown)"), so the values' sums add up to the page's total. Counts of distinct things
(orders, paying users, active users) are distinct within each value; an order whose lines
carry two values counts once under each, so those need not add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.sql.expression import ColumnElement

from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.jsonready import json_records
from opsdash.metrics.sql import USER_FILTER_COLUMNS, segment_condition, user_dimension
from opsdash.models import (
    Campaign,
    CampaignStat,
    Content,
    Event,
    OrderLine,
    User,
    UserActivityDay,
)
from opsdash.store.properties import property_keys, property_text

Source = Literal[
    "field",
    "property",
    "campaign_field",
    "content_field",
    "content_property",
    "user_field",
    "user_property",
]
OWN_COLUMNS = {
    "orders": ("product", "category", "channel"),
    "campaign_stats": ("ad_id",),
    "events": ("event", "content_id", "campaign_id"),
    "users": (),
    "content_stats": (),
}
CAMPAIGN_COLUMNS = ("channel", "goal", "name")
CONTENT_COLUMNS = ("category", "format", "author", "channel")
HAS_USER = ("orders", "events", "users")

ORDERS = OrderLine.__table__
USERS = User.__table__
STATS = CampaignStat.__table__
CAMPAIGNS = Campaign.__table__
CONTENTS = Content.__table__
EVENTS = Event.__table__
ACTIVITY_DAYS = UserActivityDay.__table__


@dataclass(frozen=True)
class Dimension:
    """A resolved breakdown: the name as given and where its values come from."""

    kind: str
    name: str
    source: Source


def dimension_names(engine: Engine, kind: str) -> list[tuple[str, Source]]:
    """Every name a breakdown of ``kind`` rows accepts, in resolution order, each once."""
    names: dict[str, Source] = {}
    for name in OWN_COLUMNS.get(kind, ()):
        names.setdefault(name, "field")
    if kind != "users":
        for name in property_keys(engine, kind):
            names.setdefault(name, "property")
    if kind == "campaign_stats":
        for name in CAMPAIGN_COLUMNS:
            names.setdefault(name, "campaign_field")
    if kind == "content_stats":
        for name in CONTENT_COLUMNS:
            names.setdefault(name, "content_field")
        for name in property_keys(engine, "contents"):
            names.setdefault(name, "content_property")
    if kind in HAS_USER:
        for name in USER_FILTER_COLUMNS:
            names.setdefault(name, "user_field")
        for name in property_keys(engine, "users"):
            names.setdefault(name, "user_property")
    return list(names.items())


def resolve_dimension(engine: Engine, kind: str, name: str) -> Dimension:
    """The dimension ``name`` for rows of ``kind``; UserError naming the ones that exist."""
    name = (name or "").strip()
    for candidate, source in dimension_names(engine, kind):
        if candidate == name:
            return Dimension(kind=kind, name=name, source=source)
    known = ", ".join(n for n, _ in dimension_names(engine, kind)) or "none"
    raise UserError(
        f"{name!r} is neither a field nor a property of {kind} (or of their users); "
        f"choose one of: {known}.",
        code="unknown_dimension",
        values={"name": name, "known": known},
    )


def validate_user_filters(engine: Engine, filters: Filters) -> None:
    """UserError when a ``where`` filter names neither a users column nor a user property."""
    known = property_keys(engine, "users")
    for name, _values in filters.where:
        if name not in USER_FILTER_COLUMNS and name not in known:
            listed = ", ".join([*USER_FILTER_COLUMNS, *known])
            raise UserError(
                f"{name!r} is neither a users field nor a user property; choose one of: {listed}.",
                code="unknown_user_filter",
                values={"name": name, "known": listed},
            )


def _value(dimension: Dimension, table: sa.FromClause) -> tuple[ColumnElement, sa.FromClause]:
    """(value expression as text, FROM clause) for rows of ``table``."""
    source = dimension.source
    if source == "field":
        column = sa.cast(table.c[dimension.name], sa.Text)
        return sa.func.nullif(column, ""), table
    if source == "property":
        return property_text(table.c.properties, dimension.name), table
    if source == "campaign_field":
        joined = table.outerjoin(CAMPAIGNS, CAMPAIGNS.c.campaign_id == table.c.campaign_id)
        return sa.func.nullif(CAMPAIGNS.c[dimension.name], ""), joined
    if source in ("content_field", "content_property"):
        joined = table.outerjoin(CONTENTS, CONTENTS.c.content_id == table.c.content_id)
        if source == "content_field":
            return sa.func.nullif(CONTENTS.c[dimension.name], ""), joined
        return property_text(CONTENTS.c.properties, dimension.name), joined
    if table is USERS:
        return _user_value(dimension), table
    joined = table.outerjoin(USERS, USERS.c.user_id == table.c.user_id)
    return _user_value(dimension), joined


def _user_value(dimension: Dimension) -> ColumnElement:
    return sa.func.nullif(user_dimension(dimension.name), "")


def _frame(engine: Engine, query: sa.Select) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(query)
        return pd.DataFrame(result.all(), columns=list(result.keys()))


def _ordered(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Largest first; ties by value; the unknown row last among equals."""
    frame = frame.assign(_unknown=frame["value"].isna())
    frame = frame.sort_values([by, "_unknown", "value"], ascending=[False, True, True])
    frame = frame.drop(columns="_unknown").reset_index(drop=True)
    return frame.assign(value=_none_for_missing(frame["value"]))


def _none_for_missing(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), None)


# ---------------------------------------------------------------- revenue


def revenue_by_dimension(engine: Engine, *, filters: Filters, name: str) -> pd.DataFrame:
    """Net revenue of the period by ``name`` (see the module docstring for how it resolves):
    one row per value with ``value`` (None: not in the data), ``revenue`` (net = gross −
    refunds, the Revenue page's definition), ``gross_revenue``, ``refunds``, ``orders``
    (distinct order ids), ``paying_users`` (distinct identified buyers), ordered by revenue,
    largest first. The rows' revenues add up to the period's net revenue."""
    from opsdash.metrics import revenue

    dimension = resolve_dimension(engine, "orders", name)
    value, source = _value(dimension, ORDERS)
    value = value.label("value")
    query = (
        sa.select(
            value,
            sa.func.coalesce(sa.func.sum(revenue._GROSS), 0).label("gross_revenue"),
            sa.func.coalesce(sa.func.sum(revenue._REFUND), 0).label("refunds"),
            sa.func.count(sa.distinct(revenue._SALE_ORDER)).label("orders"),
            sa.func.count(sa.distinct(revenue._SALE_USER)).label("paying_users"),
        )
        .select_from(source)
        .where(*revenue._in_period(filters))
        .group_by(value)
    )
    frame = _frame(engine, query)
    frame["gross_revenue"] = frame["gross_revenue"].astype(float)
    frame["refunds"] = frame["refunds"].astype(float)
    frame["revenue"] = frame["gross_revenue"] - frame["refunds"]
    frame = frame[["value", "revenue", "gross_revenue", "refunds", "orders", "paying_users"]]
    return _ordered(frame, "revenue")


# ---------------------------------------------------------------- users


def users_by_dimension(engine: Engine, *, filters: Filters, name: str) -> pd.DataFrame:
    """New and active users of the period by a users column or user property ``name``:
    ``new_users`` (signed up in the period, the Users page's definition), ``active_users``
    (distinct users with at least one event in the period; a user with events but no users
    row counts under value None), ordered by active users, largest first. Segment filters
    apply; the rows' new users add up to the period's new users."""
    dimension = resolve_dimension(engine, "users", name)
    value = _user_value(dimension).label("value")
    segment = segment_condition(USERS.c.user_id, filters)
    new_query = (
        sa.select(value, sa.func.count().label("new_users"))
        .where(USERS.c.signup_date.between(filters.start, filters.end))
        .group_by(value)
    )
    if segment is not None:
        new_query = new_query.where(segment)
    active_users = (
        sa.select(ACTIVITY_DAYS.c.user_id)
        .where(ACTIVITY_DAYS.c.activity_date.between(filters.start, filters.end))
        .distinct()
    )
    activity_segment = segment_condition(ACTIVITY_DAYS.c.user_id, filters)
    if activity_segment is not None:
        active_users = active_users.where(activity_segment)
    active = active_users.subquery("active")
    active_value = _user_value(dimension)
    active_query = (
        sa.select(active_value.label("value"), sa.func.count().label("active_users"))
        .select_from(active.outerjoin(USERS, USERS.c.user_id == active.c.user_id))
        .group_by(active_value)
    )
    new = _frame(engine, new_query)
    active_frame = _frame(engine, active_query)
    key = "_key"
    new[key] = new["value"].fillna("\0")
    active_frame[key] = active_frame["value"].fillna("\0")
    frame = pd.merge(new, active_frame.drop(columns="value"), on=key, how="outer")
    frame["value"] = frame[key].where(frame[key] != "\0", None)
    frame = frame.drop(columns=key)
    for column in ("new_users", "active_users"):
        frame[column] = frame[column].fillna(0).astype("int64")
    return _ordered(frame[["value", "new_users", "active_users"]], "active_users")


# ---------------------------------------------------------------- activities


def activities_by_dimension(engine: Engine, *, filters: Filters, name: str) -> pd.DataFrame:
    """Campaign results of the period by ``name`` (a campaign-stats field or property such as
    KAG's ``age``/``gender``, or a campaign column): ``impressions``, ``clicks``,
    ``conversions`` and ``cost`` summed over the stats *increments* dated in the period (the
    Activities page's rule, :func:`opsdash.metrics.activities.stat_increments`: snapshot rows
    count as growth over the previous snapshot of the same campaign and ad, a first snapshot
    as 0; None where no row of the value has the measure), ordered by cost, then
    impressions, largest first. Campaign stats are not per user: user segment filters do not
    apply. A snapshot item is grouped by the value of each of its rows."""
    from opsdash.metrics.activities import stat_increments

    dimension = resolve_dimension(engine, "campaign_stats", name)
    inc = stat_increments(
        since=filters.start,
        until=filters.end,
        columns=(*OWN_COLUMNS["campaign_stats"], "properties"),
    )
    value, source = _value(dimension, inc)
    value = value.label("value")
    measures = ("impressions", "clicks", "conversions", "cost")
    query = (
        sa.select(value, *(sa.func.sum(inc.c[m]).label(m) for m in measures))
        .select_from(source)
        .where(inc.c.date.between(filters.start, filters.end))
        .group_by(value)
    )
    frame = _frame(engine, query)
    for measure in measures:
        numbers = pd.to_numeric(frame[measure])
        frame[measure] = numbers.astype(object).where(numbers.notna(), None)
    order = frame.assign(
        _cost=pd.to_numeric(frame["cost"]).fillna(-1),
        _impressions=pd.to_numeric(frame["impressions"]).fillna(-1),
    )
    order = order.assign(_unknown=order["value"].isna()).sort_values(
        ["_cost", "_impressions", "_unknown", "value"], ascending=[False, False, True, True]
    )
    order = order[["value", *measures]].reset_index(drop=True)
    return order.assign(value=_none_for_missing(order["value"]))


# ---------------------------------------------------------------- content

CONTENT_MEASURES = ("views", "likes", "comments", "shares", "favorites")


def content_by_dimension(engine: Engine, *, filters: Filters, name: str) -> pd.DataFrame:
    """Content results of the period by ``name``: a property of the stats rows (bilibili's
    ``分区`` or ``Up主``), a contents column (category, format, author, channel) or a
    property of the contents file. ``items`` (distinct content items with a stats row in the
    period), then ``views``, ``likes``, ``comments``, ``shares`` and ``favorites`` summed over
    the stats *increments* dated in the period (the Content page's rule,
    :mod:`opsdash.metrics.snapshots`: a snapshot counts as growth over the item's previous
    known value, a first snapshot as 0; None where no row of the value has the measure),
    ordered by views, largest first. The rows' views add up to the page's views. Content
    stats are not per user: user segment filters do not apply."""
    from opsdash.metrics.content import _stats
    from opsdash.metrics.snapshots import increments

    dimension = resolve_dimension(engine, "content_stats", name)
    inc = increments(
        _stats,
        item=("content_id",),
        counters=CONTENT_MEASURES,
        since=filters.start,
        until=filters.end,
        columns=("properties",),
        name="content_by",
    )
    value, source = _value(dimension, inc)
    value = value.label("value")
    query = (
        sa.select(
            value,
            sa.func.count(sa.distinct(inc.c.content_id)).label("items"),
            *(sa.func.sum(inc.c[m]).label(m) for m in CONTENT_MEASURES),
        )
        .select_from(source)
        .where(inc.c.date.between(filters.start, filters.end))
        .group_by(value)
    )
    frame = _frame(engine, query)
    for measure in CONTENT_MEASURES:  # counts: integers, None where the data lack them
        frame[measure] = pd.Series(
            [None if pd.isna(v) else int(v) for v in pd.to_numeric(frame[measure])],
            index=frame.index,
            dtype=object,
        )
    frame["items"] = frame["items"].astype("int64")
    order = frame.assign(_views=pd.to_numeric(frame["views"]).fillna(-1))
    order = order.assign(_unknown=order["value"].isna()).sort_values(
        ["_views", "_unknown", "value"], ascending=[False, True, True]
    )
    order = order[["value", "items", *CONTENT_MEASURES]].reset_index(drop=True)
    return order.assign(value=_none_for_missing(order["value"]))


BY_DIMENSION = {
    "revenue": revenue_by_dimension,
    "users": users_by_dimension,
    "activities": activities_by_dimension,
    "content": content_by_dimension,
}


PAGE_KINDS = {
    "revenue": "orders",
    "users": "users",
    "activities": "campaign_stats",
    "content": "content_stats",
}
"""The rows each page's breakdown by property counts."""


def breakdown_choices(
    engine: Engine, *, page: str, exclude: tuple[str, ...] = ()
) -> list[tuple[str, Source]]:
    """The names the page's "by property" picker offers, in resolution order (the rows' own
    fields and properties first, then their users'), without ``exclude`` (names the page
    already breaks down by)."""
    return [
        (name, source)
        for name, source in dimension_names(engine, PAGE_KINDS[page])
        if name not in exclude
    ]


def by_property(engine: Engine, *, page: str, filters: Filters, name: str) -> dict:
    """The ``by_property`` block of ``opsdash report PAGE --by NAME``:
    ``{"name": NAME, "source": ..., "rows": [...]}`` (rows as the page's breakdown table)."""
    if page not in BY_DIMENSION:
        raise UserError(
            f"--by is available for: {', '.join(BY_DIMENSION)} (not {page})",
            code="by_not_available",
            values={"page": page, "pages": ", ".join(BY_DIMENSION)},
        )
    kind = PAGE_KINDS[page]
    dimension = resolve_dimension(engine, kind, name)
    frame = BY_DIMENSION[page](engine, filters=filters, name=name)
    return {"name": dimension.name, "source": dimension.source, "rows": json_records(frame)}
