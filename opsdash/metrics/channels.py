"""Traffic by acquisition channel (流量来源), from imported traffic / channel reports
(``channel_stats``): visitors, buyers, paying conversion rate and average order value per
channel and sub-channel, with totals and the change versus the previous period.

Definitions (the Users page's help text says the same):

- Rows are the ``channel_stats`` rows dated in ``[filters.start, filters.end]``. Traffic
  reports carry no users, so the sidebar's platform, region and other user filters do not
  apply; its channel filter keeps the matching channels.
- **Visitors** (访客数) = Σ visitors of the rows. Daily reports cannot be de-duplicated: a
  visitor counted on two days counts twice.
- **Buyers** (支付买家数) = Σ buyers, where a row without buyers but with visitors and a
  conversion rate counts round(visitors × conversion rate) buyers (``buyers_estimated`` says
  that happened). None when no row has either.
- **Paying conversion rate** (支付转化率) = buyers / visitors over the rows that have both: the
  rates are re-weighted by visitors across days and channels, never an average of the rates.
- **Average order value** (客单价) = revenue / orders over the rows that have both, where a row
  without orders counts its buyers as orders (one order per buyer) and a row without revenue
  counts AOV × orders as its revenue. So a report with only a given AOV gets the AOV weighted
  by orders (or buyers): Σ(AOV × buyers) / Σ buyers, which is total revenue / total buyers.
  Only when no row has orders or buyers is the given AOV weighted by visitors.
- **Orders**, **revenue** (支付金额), **page views**: Σ of the rows that have them.
- A measure no row has is None (shown "–"), never 0; ratios with a zero or missing
  denominator are None.
- **Previous period**: the same numbers for ``filters.previous()``; ``*_change`` =
  (current − previous) / previous (None when previous is None or 0).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.formatting import DASH, format_change, format_money, format_number, format_percent
from opsdash.jsonready import json_value
from opsdash.models import ChannelStat

TABLE = ChannelStat.__table__
MEASURES = (
    "visitors",
    "pageviews",
    "buyers",
    "conversion_rate",
    "average_order_value",
    "orders",
    "revenue",
)
# per-group sums the ratios are built from (so totals re-weight, never average)
_PARTS = (
    "visitors",
    "pageviews",
    "buyers",
    "estimated",
    "rate_buyers",
    "rate_visitors",
    "aov_revenue",
    "aov_orders",
    "aov_weighted",
    "aov_visitors",
    "orders",
    "revenue",
)
ROW_COLUMNS = (
    "channel",
    "sub_channel",
    *MEASURES,
    "buyers_estimated",
    "visitors_previous",
    "visitors_change",
)
CHANGED = ("visitors", "buyers", "conversion_rate", "average_order_value", "orders", "revenue")


@dataclass(frozen=True)
class ChannelStats:
    """The channel traffic of a range: ``rows`` per (channel, sub_channel), ``channels`` per
    channel (its sub-channels combined; ``sub_channel`` empty), ``total`` over all of them
    with ``<measure>_previous`` and ``<measure>_change`` for the previous period."""

    rows: pd.DataFrame
    channels: pd.DataFrame
    total: dict
    has_data: bool  # the store holds channel stats at all (any date)

    def to_json(self) -> dict | None:
        """``{"rows": [...], "total": {...}}`` for ``opsdash report users --json``; None when
        the store has no channel stats."""
        if not self.has_data:
            return None
        return {
            "rows": [_json_row(row) for row in self.rows.to_dict("records")],
            "total": {key: json_value(value) for key, value in self.total.items()},
        }


def _json_row(row: dict) -> dict:
    return {key: json_value(None if _missing(value) else value) for key, value in row.items()}


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA


def _sum_where(condition, value) -> sa.ColumnElement:
    return sa.func.sum(sa.case((condition, value), else_=None))


def _parts(filters: Filters) -> sa.Select:
    """Per (channel, sub_channel): the sums the measures are built from."""
    c = TABLE.c
    buyers = sa.func.coalesce(
        sa.cast(c.buyers, sa.Float), sa.func.round(c.visitors * c.conversion_rate)
    )
    orders = sa.func.coalesce(sa.cast(c.orders, sa.Float), buyers)
    revenue = sa.func.coalesce(c.revenue, c.average_order_value * orders)
    conditions = [c.date >= filters.start, c.date <= filters.end]
    if filters.channels:
        conditions.append(c.channel.in_(filters.channels))
    return (
        sa.select(
            c.channel,
            c.sub_channel,
            sa.func.sum(c.visitors).label("visitors"),
            sa.func.sum(c.pageviews).label("pageviews"),
            sa.func.sum(buyers).label("buyers"),
            sa.func.sum(
                sa.case((sa.and_(c.buyers.is_(None), buyers.is_not(None)), 1), else_=0)
            ).label("estimated"),
            _sum_where(sa.and_(buyers.is_not(None), c.visitors.is_not(None)), buyers).label(
                "rate_buyers"
            ),
            _sum_where(sa.and_(buyers.is_not(None), c.visitors.is_not(None)), c.visitors).label(
                "rate_visitors"
            ),
            _sum_where(sa.and_(revenue.is_not(None), orders.is_not(None)), revenue).label(
                "aov_revenue"
            ),
            _sum_where(sa.and_(revenue.is_not(None), orders.is_not(None)), orders).label(
                "aov_orders"
            ),
            _sum_where(
                sa.and_(c.average_order_value.is_not(None), c.visitors.is_not(None)),
                c.average_order_value * c.visitors,
            ).label("aov_weighted"),
            _sum_where(
                sa.and_(c.average_order_value.is_not(None), c.visitors.is_not(None)), c.visitors
            ).label("aov_visitors"),
            sa.func.sum(c.orders).label("orders"),
            sa.func.sum(c.revenue).label("revenue"),
        )
        .where(*conditions)
        .group_by(c.channel, c.sub_channel)
        .order_by(c.channel, c.sub_channel)
    )


def _read_parts(engine: Engine, filters: Filters) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(_parts(filters))
        frame = pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))
    for name in _PARTS:
        frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return frame


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if _missing(numerator) or _missing(denominator) or not denominator:
        return None
    return float(numerator) / float(denominator)


def _count(value: float | None) -> float | int | None:
    if _missing(value):
        return None
    value = float(value)
    return round(value) if abs(value - round(value)) < 1e-9 else value


def measures(parts: dict) -> dict:
    """The measures of one group (or of the total) from its summed parts."""
    aov = _ratio(parts["aov_revenue"], parts["aov_orders"])
    if aov is None and _missing(parts["aov_orders"]):
        aov = _ratio(parts["aov_weighted"], parts["aov_visitors"])
    return {
        "visitors": _count(parts["visitors"]),
        "pageviews": _count(parts["pageviews"]),
        "buyers": _count(parts["buyers"]),
        "conversion_rate": _ratio(parts["rate_buyers"], parts["rate_visitors"]),
        "average_order_value": aov,
        "orders": _count(parts["orders"]),
        "revenue": None if _missing(parts["revenue"]) else float(parts["revenue"]),
        "buyers_estimated": bool(parts["estimated"] and parts["estimated"] > 0),
    }


def _total_parts(frame: pd.DataFrame) -> dict:
    # a sum over no known values stays missing (None), never 0
    return {name: frame[name].sum(min_count=1) if len(frame) else None for name in _PARTS}


def _change(current: float | None, previous: float | None) -> float | None:
    if _missing(current) or _missing(previous) or not previous:
        return None
    return (float(current) - float(previous)) / float(previous)


def has_channel_stats(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(sa.select(TABLE.c.id).limit(1)).first() is not None


def channel_stats(engine: Engine, *, filters: Filters) -> ChannelStats:
    """Visitors, buyers, paying conversion rate and AOV per channel and sub-channel in the
    range, with totals and previous-period change (see the module's definitions)."""
    current = _read_parts(engine, filters)
    previous = _read_parts(engine, filters.previous())
    rows = []
    previous_visitors = {
        (r["channel"], r["sub_channel"]): r["visitors"] for r in previous.to_dict("records")
    }
    for part in current.to_dict("records"):
        row = {"channel": part["channel"], "sub_channel": part["sub_channel"], **measures(part)}
        before = _count(previous_visitors.get((part["channel"], part["sub_channel"])))
        row["visitors_previous"] = before
        row["visitors_change"] = _change(row["visitors"], before)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(ROW_COLUMNS))
    channels = []
    for channel, group in current.groupby("channel", sort=True):
        row = {"channel": channel, "sub_channel": "", **measures(_total_parts(group))}
        before = previous[previous["channel"] == channel]
        row["visitors_previous"] = _count(_total_parts(before)["visitors"]) if len(before) else None
        row["visitors_change"] = _change(row["visitors"], row["visitors_previous"])
        channels.append(row)
    by_channel = pd.DataFrame(channels, columns=list(ROW_COLUMNS))
    total = measures(_total_parts(current))
    total_before = measures(_total_parts(previous))
    for name in CHANGED:
        total[f"{name}_previous"] = total_before[name]
        total[f"{name}_change"] = _change(total[name], total_before[name])
    return ChannelStats(
        rows=frame, channels=by_channel, total=total, has_data=has_channel_stats(engine)
    )


def missing_none(value: object) -> object:
    """``value``, or None when it is missing (None, NaN, pd.NA): for display and JSON."""
    return None if _missing(value) else value


def display_rows(
    rows: pd.DataFrame, *, whole_channel: str, symbol: str, with_change: bool = True
) -> pd.DataFrame:
    """``rows`` (of :func:`channel_stats`) as the Users page's table shows them: text cells,
    "–" for a missing measure, an empty sub-channel shown as ``whole_channel``; a measure no
    row has is left out (not a column of "–"). Column names stay field codes."""
    shown = pd.DataFrame(
        {
            "channel": rows["channel"],
            "sub_channel": rows["sub_channel"].replace("", whole_channel),
        }
    )
    for name in ("visitors", "pageviews", "buyers", "orders"):
        shown[name] = [format_number(missing_none(v)) for v in rows[name]]
    if with_change:
        shown["visitors_change"] = [
            format_change(missing_none(v), missing_none(p)) or DASH
            for v, p in zip(rows["visitors"], rows["visitors_previous"], strict=True)
        ]
    shown["conversion_rate"] = [
        format_percent(missing_none(v), decimals=2) for v in rows["conversion_rate"]
    ]
    for name in ("average_order_value", "revenue"):
        shown[name] = [format_money(missing_none(v), symbol=symbol) for v in rows[name]]
    absent = [name for name in MEASURES if rows[name].isna().all()]
    return shown.drop(columns=absent)
