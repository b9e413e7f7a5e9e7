"""Revenue (商业化): gross and net revenue, refunds, orders, paying users, AOV, ARPU/ARPPU,
breakdowns, new vs returning customers, cohorts (retention and LTV) and RFM segments.

Definitions (the UI help text in :mod:`opsdash.i18n.revenue` says the same):

- **Sale line**: an order line with ``status`` ``paid`` or ``refunded``, a payment day
  (``paid_date``) and ``amount > 0``.
- **Return line** (a refund): a line with ``status`` ``paid``, ``refunded`` or ``returned``, a
  day and ``amount < 0``. The importer stores a line with a negative quantity or amount, or
  (files without a status column) an order id marked as a cancellation (Online Retail's
  ``C`` prefix), as ``returned`` with negative amount and quantity
  (:func:`opsdash.ingest.derive.derive_orders`). **A return is dated by its own day**: a
  return invoice has its own date, so it lowers the net revenue of the period it happens in,
  not of the period of the sale it undoes.
- **Left out** (not sales, not refunds; :func:`exclusions` reasons ``adjustment`` and
  ``zero_amount``, totals in :func:`left_out`): lines whose amount is 0 (zero or missing
  price, e.g. Online Retail's stock write-offs) and ``adjustment`` lines: bad-debt
  adjustments (``A`` invoices), negative unit prices and products that are charges or fees,
  not goods (postage, carriage, discounts, manual entries, samples, bank charges, Amazon
  fees, charity commission: :data:`opsdash.ingest.derive.NON_GOODS_CODES`). They are
  accounting entries, not what customers bought or returned, so they stay out of revenue,
  refunds and product rankings and are shown with their count and total instead.
  ``cancelled`` and ``unpaid`` lines (never paid), any other status and lines with no day
  are excluded as well.
- Periods are payment days (``paid_date``, reporting timezone), ``filters.start`` to
  ``filters.end`` inclusive. Segment filters (users' channel/platform/region) keep only lines of
  matching users, so guest lines drop out when a segment is chosen.
- **Gross revenue** (销售额): sum of ``amount`` of sale lines paid in the period.
- **Refunds** (退款金额): sum of ``refund_amount`` of the period's sale lines, each capped at
  the line's amount, plus the absolute amount of the period's return lines. A
  ``refund_amount`` on a sold line has no date of its own, so it is dated by the payment day
  of the line it refunds ("refunds of what was sold in the period"; a past period's net
  revenue can fall when later refunds are imported); return lines carry their own day.
- **Net revenue** (净收入, the ``revenue`` key): gross revenue - refunds.
- **Orders** (订单数): distinct ``order_id`` with at least one sale line in the period (a
  return invoice is not an order).
- **Refunded orders** (退款订单数, ``refunded_orders``): distinct ``order_id`` in the period
  with a refund: a sale line with ``refund_amount > 0`` or a return line (a return invoice
  counts as one refunded order).
- **Paying users** (付费用户数): distinct non-empty ``user_id`` with a sale line in the
  period. Guest lines (no user) are revenue but not users.
- **User revenue** / **guest revenue**: net revenue of the period's lines with / without a
  user (reported so the guest share behind the per-user ratios is visible).
- **AOV** (客单价, average order value): **net** revenue / orders. Net, as ARPU and ARPPU:
  Amplitude and PostHog sum revenue events with refunds sent as negative revenue, and 神策
  analysts compute 客单价 on 实付 (paid minus refunded) amounts, so a net figure is what they
  compare against; one numerator for all three ratios also keeps ARPU = paying rate x ARPPU.
  Returns dated in the period lower it even when the order they undo was earlier.
- **Refund rate** (退款率): refunds / gross revenue.
- **Active users** (活跃用户数): distinct users with any event (events table) in the period.
  When the store holds no events at all (a pure orders import), active users and the three
  ratios below are None: buyers are not a substitute for the active base (that would make
  the paying rate 100% by construction).
- **Paying rate** (付费率): paying users / active users. Buyers absent from the event log still
  count as payers, so it can exceed 100% when events and orders come from different systems.
- **ARPU**: net revenue / active users. **ARPPU**: net revenue / paying users (net, for the
  reason given under AOV). The numerator is the whole net revenue, guest lines included
  (they have no user to count in a denominator); when guest orders are a large share (see
  guest_revenue) ARPPU overstates what an identified payer spends: user_revenue /
  paying_users is that figure. Both ratios share the numerator, so ARPU = paying rate x
  ARPPU.
- Customers (new vs returning, first purchase, cohorts, RFM) are made of sale lines; their
  revenue is net of the returns dated in each period or month. A user whose only lines are
  returns is not a customer of the period but their returns count in returning revenue.
- Every ratio is None when its denominator is zero.

How the shared real exports land in these definitions (checked through ``opsdash import``):

- UCI Online Retail: "C" invoices (cancellations and returns, negative quantities) are
  return lines, refunds dated by the return invoice's day; the fully cancelled 80,995-unit
  order 581483 nets to 0 units and 0 revenue. Rows without CustomerID are guest lines
  (revenue, not customers). Left out: zero-price lines (stock write-offs with negative
  quantities, price 0), the "A" bad-debt adjustments and charge/fee products (POSTAGE,
  DOTCOM POSTAGE, CARRIAGE, Manual, Discount, SAMPLES, Bank Charges, AMAZON FEE, CRUK
  Commission), each shown with its count and total.
- Tmall order report: amount = 总金额, refund_amount = 退款金额, empty payment time = unpaid;
  net revenue then equals the sum of 买家实际支付金额 (1,902,487.15 over 24,087 paid orders).
- CDNOW: the 80 zero-value lines are ``zero_amount`` (left out), so 23,502 of the 23,570
  customers are paying customers.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.sql.expression import ColumnElement

from opsdash.filters import Filters
from opsdash.metrics.sql import Period, days_between, period_start, segment_condition
from opsdash.models import Event, OrderLine, User
from opsdash.timeutil import as_date

ORDERS = OrderLine.__table__
EVENTS = Event.__table__
USERS = User.__table__

COUNTED_STATUSES = ("paid", "refunded")  # statuses of sold lines
RETURN_STATUSES = ("paid", "refunded", "returned")  # a negative line of these is a return
LEFT_OUT_REASONS = ("adjustment", "zero_amount")
BREAKDOWN_DIMENSIONS = ("product", "category", "channel")
Dimension = Literal["product", "category", "channel"]
CohortBasis = Literal["first_purchase", "signup"]
UNKNOWN = "(unknown)"

# --- building blocks ---------------------------------------------------------------------------

_USER = sa.func.nullif(ORDERS.c.user_id, "")  # an empty user id is a guest, like NULL
# Grouping and joining on the bare column (with this condition) is faster than on _USER.
_HAS_USER = sa.and_(ORDERS.c.user_id.is_not(None), ORDERS.c.user_id != "")
# Among money lines (sales and returns, see _money_line) a positive amount is a sale and a
# negative one a return, so these expressions need no status test.
_IS_SALE = ORDERS.c.amount > 0
_IS_RETURN = ORDERS.c.amount < 0
_GROSS = sa.case((_IS_SALE, ORDERS.c.amount), else_=0)
_REFUND = sa.case(  # a return refunds its whole (absolute) amount; a sold line its refund_amount
    (_IS_RETURN, -ORDERS.c.amount),
    (sa.func.coalesce(ORDERS.c.refund_amount, 0) > ORDERS.c.amount, ORDERS.c.amount),
    else_=sa.func.coalesce(ORDERS.c.refund_amount, 0),
)
_NET = _GROSS - _REFUND
_SALE_ORDER = sa.case((_IS_SALE, ORDERS.c.order_id))  # orders count sold lines only
_SALE_USER = sa.case((_IS_SALE, _USER))
_SALE_DAY = sa.case((_IS_SALE, ORDERS.c.paid_date))
_REFUNDED_ORDER = sa.case(
    (sa.or_(_IS_RETURN, sa.func.coalesce(ORDERS.c.refund_amount, 0) > 0), ORDERS.c.order_id)
)


def _counted_line() -> ColumnElement:
    """Condition: the line is a sale (a purchase; see the module docstring)."""
    return sa.and_(
        ORDERS.c.status.in_(COUNTED_STATUSES),
        ORDERS.c.paid_date.is_not(None),
        ORDERS.c.amount > 0,
    )


def _return_line() -> ColumnElement:
    """Condition: the line is a return (negative paid/refunded/returned line with a day)."""
    return sa.and_(
        ORDERS.c.status.in_(RETURN_STATUSES),
        ORDERS.c.paid_date.is_not(None),
        ORDERS.c.amount < 0,
    )


def _money_line() -> ColumnElement:
    """Condition: the line is a sale or a return (what revenue and refunds are made of)."""
    return sa.and_(
        ORDERS.c.status.in_(RETURN_STATUSES),
        ORDERS.c.paid_date.is_not(None),
        ORDERS.c.amount != 0,
        sa.or_(ORDERS.c.amount < 0, ORDERS.c.status != "returned"),
    )


def _line_conditions(
    filters: Filters,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    sales_only: bool = False,
) -> list[ColumnElement]:
    """Money lines (sales and returns; only sales with ``sales_only``) dated from ``start``
    to ``end`` (default: the filters' range), of users matching the segment filters."""
    conditions = [_counted_line() if sales_only else _money_line()]
    if start is not None:
        conditions.append(ORDERS.c.paid_date >= start)
    if end is not None:
        conditions.append(ORDERS.c.paid_date <= end)
    segment = segment_condition(ORDERS.c.user_id, filters)
    if segment is not None:
        conditions.append(segment)
    return conditions


def _in_period(filters: Filters) -> list[ColumnElement]:
    return _line_conditions(filters, start=filters.start, end=filters.end)


def _ratio(numerator: float | int | None, denominator: float | int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return float(numerator) / float(denominator)


def _change(current: float | None, previous: float | None) -> float | None:
    """Relative change current / previous - 1; None without a non-zero previous value."""
    if current is None or previous is None or previous == 0:
        return None
    return float(current) / float(previous) - 1.0


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def _month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# --- headline numbers --------------------------------------------------------------------------


@dataclass(frozen=True)
class RevenueSummary:
    """The period's headline numbers (definitions in the module docstring)."""

    start: dt.date
    end: dt.date
    gross_revenue: float
    refunds: float
    revenue: float
    orders: int
    paying_users: int
    user_revenue: float
    guest_revenue: float
    active_users: int | None
    aov: float | None
    refund_rate: float | None
    paying_rate: float | None
    arpu: float | None
    arppu: float | None
    active_users_note: str | None = None  # "no_events" when the store has no events at all
    refunded_orders: int = 0


def has_events(engine: Engine) -> bool:
    """Whether the store holds any event (the base of active users)."""
    with engine.connect() as conn:
        return (
            conn.execute(sa.select(sa.literal(1)).select_from(EVENTS).limit(1)).first() is not None
        )


def active_users(engine: Engine, *, filters: Filters) -> int | None:
    """Distinct users with any event from ``filters.start`` to ``filters.end`` (segment filters
    applied); None when the store holds no events at all."""
    if not has_events(engine):
        return None
    conditions = [EVENTS.c.event_date >= filters.start, EVENTS.c.event_date <= filters.end]
    segment = segment_condition(EVENTS.c.user_id, filters)
    if segment is not None:
        conditions.append(segment)
    query = sa.select(sa.func.count(sa.distinct(EVENTS.c.user_id))).where(*conditions)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one() or 0)


def revenue_summary(engine: Engine, *, filters: Filters) -> RevenueSummary:
    """Gross and net revenue, refunds, orders, paying users, AOV, refund rate, active users,
    paying rate, ARPU and ARPPU of the filters' period (definitions in the module docstring)."""
    query = sa.select(
        sa.func.coalesce(sa.func.sum(_GROSS), 0),
        sa.func.coalesce(sa.func.sum(_REFUND), 0),
        sa.func.count(sa.distinct(_SALE_ORDER)),
        sa.func.count(sa.distinct(_SALE_USER)),
        sa.func.coalesce(sa.func.sum(sa.case((_USER.is_not(None), _NET), else_=0)), 0),
        sa.func.count(sa.distinct(_REFUNDED_ORDER)),
    ).where(*_in_period(filters))
    with engine.connect() as conn:
        gross, refunds, orders, payers, user_revenue, refunded = conn.execute(query).one()
    gross, refunds, user_revenue = float(gross), float(refunds), float(user_revenue)
    revenue = gross - refunds
    active = active_users(engine, filters=filters)
    return RevenueSummary(
        start=filters.start,
        end=filters.end,
        gross_revenue=gross,
        refunds=refunds,
        revenue=revenue,
        orders=int(orders),
        paying_users=int(payers),
        user_revenue=user_revenue,
        guest_revenue=revenue - user_revenue,
        active_users=active,
        aov=_ratio(revenue, orders),
        refund_rate=_ratio(refunds, gross),
        paying_rate=_ratio(payers, active) if active is not None else None,
        arpu=_ratio(revenue, active) if active is not None else None,
        arppu=_ratio(revenue, payers),
        active_users_note=None if active is not None else "no_events",
        refunded_orders=int(refunded),
    )


SUMMARY_METRICS = (
    "revenue",
    "gross_revenue",
    "refunds",
    "orders",
    "paying_users",
    "aov",
    "refund_rate",
    "refunded_orders",
    "active_users",
    "paying_rate",
    "arpu",
    "arppu",
)


def summary_changes(current: RevenueSummary, previous: RevenueSummary) -> dict[str, float | None]:
    """Relative change (current / previous - 1) of each headline metric; None where the
    previous value is missing or zero. Rates change relatively too (0.10 -> 0.12 is +20%)."""
    return {
        name: _change(getattr(current, name), getattr(previous, name)) for name in SUMMARY_METRICS
    }


# --- over time and breakdowns ------------------------------------------------------------------


def revenue_over_time(engine: Engine, *, filters: Filters, period: Period) -> pd.DataFrame:
    """One row per day/week/month of the range (periods without sales included as zeros):
    period_start, gross_revenue, refunds, revenue (net), orders, paying_users, aov. Each
    period's numbers use the summary definitions restricted to the period's days (a week or
    month cut by the range's ends covers only its days inside the range)."""
    bucket = period_start(ORDERS.c.paid_date, period).label("period_start")
    query = (
        sa.select(
            bucket,
            sa.func.sum(_GROSS).label("gross_revenue"),
            sa.func.sum(_REFUND).label("refunds"),
            sa.func.count(sa.distinct(_SALE_ORDER)).label("orders"),
            sa.func.count(sa.distinct(_SALE_USER)).label("paying_users"),
        )
        .where(*_in_period(filters))
        .group_by(bucket)
        .order_by(bucket)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))
    frame["period_start"] = frame["period_start"].map(as_date)
    all_periods = _period_starts(filters.start, filters.end, period)
    frame = (
        frame.set_index("period_start")
        .reindex(all_periods)
        .rename_axis("period_start")
        .reset_index()
    )
    frame[["gross_revenue", "refunds"]] = frame[["gross_revenue", "refunds"]].fillna(0.0)
    frame[["orders", "paying_users"]] = frame[["orders", "paying_users"]].fillna(0).astype(int)
    frame["gross_revenue"] = frame["gross_revenue"].astype(float)
    frame["refunds"] = frame["refunds"].astype(float)
    frame["revenue"] = frame["gross_revenue"] - frame["refunds"]
    frame["aov"] = [_ratio(r, o) for r, o in zip(frame["revenue"], frame["orders"], strict=True)]
    return frame[
        ["period_start", "gross_revenue", "refunds", "revenue", "orders", "paying_users", "aov"]
    ]


def _period_starts(start: dt.date, end: dt.date, period: Period) -> list[dt.date]:
    if period == "day":
        first = start
        step = None
    elif period == "week":
        first = start - dt.timedelta(days=start.weekday())
        step = None
    else:
        first = start.replace(day=1)
        step = "month"
    starts: list[dt.date] = []
    current = first
    while current <= end:
        starts.append(current)
        if step == "month":
            current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        else:
            current += dt.timedelta(days=1 if period == "day" else 7)
    return starts


def revenue_by(engine: Engine, *, filters: Filters, dimension: Dimension) -> pd.DataFrame:
    """Revenue of the period by product, category or sales channel (the order line's own
    ``channel`` column), sorted by net revenue, largest first. Columns: the dimension (empty
    values shown as "(unknown)"), gross_revenue, refunds, revenue, share (of net revenue),
    orders, paying_users, quantity, refund_rate."""
    if dimension not in BREAKDOWN_DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")
    key = sa.func.coalesce(sa.func.nullif(ORDERS.c[dimension], ""), UNKNOWN).label(dimension)
    query = (
        sa.select(
            key,
            sa.func.sum(_GROSS).label("gross_revenue"),
            sa.func.sum(_REFUND).label("refunds"),
            sa.func.count(sa.distinct(_SALE_ORDER)).label("orders"),
            sa.func.count(sa.distinct(_SALE_USER)).label("paying_users"),
            sa.func.sum(ORDERS.c.quantity).label("quantity"),
        )
        .where(*_in_period(filters))
        .group_by(key)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=list(query.selected_columns.keys()))
    for column in ("gross_revenue", "refunds", "quantity"):
        frame[column] = frame[column].astype(float)
    frame["revenue"] = frame["gross_revenue"] - frame["refunds"]
    total = frame["revenue"].sum()
    frame["share"] = [_ratio(r, total) for r in frame["revenue"]]
    frame["refund_rate"] = [
        _ratio(r, g) for r, g in zip(frame["refunds"], frame["gross_revenue"], strict=True)
    ]
    frame = frame.sort_values(["revenue", dimension], ascending=[False, True], kind="stable")
    return frame[
        [
            dimension,
            "gross_revenue",
            "refunds",
            "revenue",
            "share",
            "orders",
            "paying_users",
            "quantity",
            "refund_rate",
        ]
    ].reset_index(drop=True)


# --- customers: first purchase, new vs returning, repeat, days to first purchase ---------------


def _first_purchases(filters: Filters, *, end: dt.date | None = None) -> sa.Subquery:
    """Per user: the day of the first counted purchase ever (up to ``end``), segment applied."""
    return (
        sa.select(ORDERS.c.user_id, sa.func.min(ORDERS.c.paid_date).label("first_day"))
        .where(*_line_conditions(filters, end=end, sales_only=True), _HAS_USER)
        .group_by(ORDERS.c.user_id)
        .subquery("first_purchases")
    )


@dataclass(frozen=True)
class CustomerMix:
    """New vs returning customers of the period.

    new = users whose first counted purchase ever falls in the period; returning = buyers of
    the period who had bought before it; guest = lines without a user."""

    new_customers: int
    returning_customers: int
    new_revenue: float
    returning_revenue: float
    guest_revenue: float
    repeat_customers: int  # paying users with 2+ distinct orders in the period
    repeat_purchase_rate: float | None  # repeat_customers / paying users


def customer_mix(engine: Engine, *, filters: Filters) -> CustomerMix:
    """New vs returning customers' net revenue and counts, and the repeat purchase rate
    (share of the period's paying users with two or more distinct orders in the period)."""
    # One pass over the users' counted lines up to the period's end: first purchase ever, and
    # the period's orders and net revenue per user.
    in_period = ORDERS.c.paid_date >= filters.start
    per_user = (
        sa.select(
            ORDERS.c.user_id,
            sa.func.min(_SALE_DAY).label("first_day"),
            sa.func.count(
                sa.distinct(sa.case((sa.and_(in_period, _IS_SALE), ORDERS.c.order_id)))
            ).label("orders"),
            sa.func.sum(sa.case((in_period, _NET), else_=0)).label("revenue"),
        )
        .where(*_line_conditions(filters, end=filters.end), _HAS_USER)
        .group_by(ORDERS.c.user_id)
        .subquery("per_user")
    )
    # a user with only returns so far (of purchases before the data) is not new
    is_new = sa.and_(per_user.c.first_day.is_not(None), per_user.c.first_day >= filters.start)
    buyer = per_user.c.orders > 0
    query = sa.select(
        sa.func.sum(sa.case((is_new, 1), else_=0)),
        sa.func.sum(sa.case((sa.and_(buyer, sa.not_(is_new)), 1), else_=0)),
        sa.func.sum(sa.case((is_new, per_user.c.revenue), else_=0)),
        sa.func.sum(sa.case((sa.not_(is_new), per_user.c.revenue), else_=0)),
        sa.func.sum(sa.case((per_user.c.orders >= 2, 1), else_=0)),
        sa.func.sum(sa.case((buyer, 1), else_=0)),
    ).select_from(per_user)
    guests = sa.select(sa.func.sum(_NET)).where(*_in_period(filters), sa.not_(_HAS_USER))
    with engine.connect() as conn:
        new, returning, new_revenue, returning_revenue, repeaters, payers = (
            value or 0 for value in conn.execute(query).one()
        )
        guest_revenue = conn.execute(guests).scalar_one() or 0
    return CustomerMix(
        new_customers=int(new),
        returning_customers=int(returning),
        new_revenue=float(new_revenue),
        returning_revenue=float(returning_revenue),
        guest_revenue=float(guest_revenue),
        repeat_customers=int(repeaters),
        repeat_purchase_rate=_ratio(repeaters, payers),
    )


def new_vs_returning_over_time(engine: Engine, *, filters: Filters, period: Period) -> pd.DataFrame:
    """Net revenue per day/week/month by customer kind, as in :func:`customer_mix` (new =
    first counted purchase ever within the selected range, not within the bucket). Long form:
    period_start, kind (new / returning / guest), revenue."""
    per_day = (
        sa.select(
            ORDERS.c.user_id,
            ORDERS.c.paid_date,
            sa.func.sum(_NET).label("revenue"),
            sa.func.min(_SALE_DAY).label("sale_day"),
        )
        .where(*_line_conditions(filters, end=filters.end))
        .group_by(ORDERS.c.user_id, ORDERS.c.paid_date)
        .subquery("per_day")
    )
    first_day = sa.func.min(per_day.c.sale_day).over(partition_by=per_day.c.user_id)
    days = sa.select(
        per_day.c.user_id, per_day.c.paid_date, per_day.c.revenue, first_day.label("first_day")
    ).subquery("days")
    kind = sa.case(
        (sa.or_(days.c.user_id.is_(None), days.c.user_id == ""), "guest"),
        (sa.and_(days.c.first_day.is_not(None), days.c.first_day >= filters.start), "new"),
        else_="returning",
    ).label("kind")
    bucket = period_start(days.c.paid_date, period).label("period_start")
    query = (
        sa.select(bucket, kind, sa.func.sum(days.c.revenue).label("revenue"))
        .where(days.c.paid_date >= filters.start)
        .group_by(bucket, kind)
        .order_by(bucket, kind)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=["period_start", "kind", "revenue"])
    frame["period_start"] = frame["period_start"].map(as_date)
    frame["revenue"] = frame["revenue"].astype(float)
    return frame


@dataclass(frozen=True)
class DaysToFirstPurchase:
    """Days from signup to first counted purchase, for users whose first purchase ever falls in
    the period and who are in the users table (signup_date known)."""

    users: int
    median_days: float | None
    mean_days: float | None
    buckets: dict[str, int] = field(default_factory=dict)  # "0", "1-7", "8-30", "31-90", "91+"
    before_signup: int = 0  # first purchase dated before signup (data issue), not in the stats


DAY_BUCKETS = (("0", 0, 0), ("1-7", 1, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("91+", 91, None))


def days_to_first_purchase(engine: Engine, *, filters: Filters) -> DaysToFirstPurchase:
    """Distribution of whole days from signup day to first counted purchase day (0 = same
    day), over users whose first purchase ever is in the period. Purchases dated before the
    signup day are counted apart (``before_signup``) and left out of the statistics."""
    first = _first_purchases(filters, end=filters.end)
    days = days_between(USERS.c.signup_date, first.c.first_day).label("days")
    query = (
        sa.select(days, sa.func.count().label("users"))
        .select_from(first.join(USERS, USERS.c.user_id == first.c.user_id))
        .where(first.c.first_day >= filters.start, first.c.first_day <= filters.end)
        .group_by(days)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=["days", "users"])
    frame["days"] = frame["days"].astype(int)
    before = int(frame.loc[frame["days"] < 0, "users"].sum())
    frame = frame[frame["days"] >= 0]
    total = int(frame["users"].sum())
    if total == 0:
        return DaysToFirstPurchase(0, None, None, {b[0]: 0 for b in DAY_BUCKETS}, before)
    expanded = frame["days"].repeat(frame["users"])
    buckets = {
        name: int(
            frame.loc[
                (frame["days"] >= low) & (frame["days"] <= (high if high is not None else 10**9)),
                "users",
            ].sum()
        )
        for name, low, high in DAY_BUCKETS
    }
    return DaysToFirstPurchase(
        users=total,
        median_days=float(expanded.median()),
        mean_days=float(expanded.mean()),
        buckets=buckets,
        before_signup=before,
    )


# --- cohorts -----------------------------------------------------------------------------------


def last_sale_day(engine: Engine) -> dt.date | None:
    """The last payment day of any counted line in the store (the cohorts' "last data day")."""
    with engine.connect() as conn:
        value = conn.execute(
            sa.select(sa.func.max(ORDERS.c.paid_date)).where(_counted_line())
        ).scalar_one()
    return as_date(value)


def _as_of(engine: Engine, filters: Filters) -> dt.date | None:
    last = last_sale_day(engine)
    return None if last is None else min(last, filters.end)


def _customer_months(filters: Filters, *, end: dt.date) -> sa.Subquery:
    """One row per customer and calendar month with a counted purchase (up to ``end``,
    segment applied): user_id, month (first day), revenue (net in the month), first_day (the
    customer's first counted purchase day) and cohort (its month). Window functions instead of
    a join to a per-user subquery: one scan, and no nested-loop plan when statistics are stale
    (PostgreSQL right after a bulk load)."""
    month = period_start(ORDERS.c.paid_date, "month")
    per_month = (
        sa.select(
            ORDERS.c.user_id,
            month.label("month"),
            sa.func.min(_SALE_DAY).label("first_in_month"),
            sa.func.sum(_NET).label("revenue"),
            sa.func.count(_SALE_DAY).label("purchases"),
        )
        .where(*_line_conditions(filters, end=end), _HAS_USER)
        .group_by(ORDERS.c.user_id, month)
        .subquery("per_month")
    )
    by_user = {"partition_by": per_month.c.user_id}
    return sa.select(
        per_month.c.user_id,
        per_month.c.month,
        per_month.c.revenue,
        per_month.c.purchases,
        sa.func.min(per_month.c.first_in_month).over(**by_user).label("first_day"),
        sa.func.min(sa.case((per_month.c.purchases > 0, per_month.c.month)))
        .over(**by_user)
        .label("cohort"),
    ).subquery("customer_months")


def retention_cohorts(engine: Engine, *, filters: Filters) -> list[dict]:
    """Customer retention by first-purchase month (the classic ecommerce cohort table).

    A customer (non-empty user_id, segment filters applied) belongs to the calendar month of
    their first counted purchase ever; cohorts are the months of first purchases falling from
    ``filters.start`` to ``filters.end``. ``retained[k]`` = customers of the cohort with a
    counted purchase in calendar month cohort + k, so ``retained[0] == size``. Purchases are
    counted up to the as-of day = min(filters.end, last counted payment day in the store);
    the list runs from month 0 to the as-of day's month (that last month may be partial).
    Returns [{"cohort": "YYYY-MM", "size": n, "retained": [n0, n1, ...]}] oldest first."""
    as_of = _as_of(engine, filters)
    if as_of is None:
        return []
    months = _customer_months(filters, end=as_of)
    query = (
        sa.select(months.c.cohort, months.c.month, sa.func.count().label("customers"))
        .where(
            months.c.first_day >= filters.start,
            months.c.first_day <= filters.end,
            months.c.purchases > 0,
        )
        .group_by(months.c.cohort, months.c.month)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    last_month = _month_index(as_of)
    table: dict[int, list[int]] = {}
    for cohort_day, month_day, customers in rows:
        start_index = _month_index(as_date(cohort_day))
        offset = _month_index(as_date(month_day)) - start_index
        counts = table.setdefault(start_index, [0] * (last_month - start_index + 1))
        counts[offset] = int(customers)
    return [
        {"cohort": _month_label(index), "size": counts[0], "retained": counts}
        for index, counts in sorted(table.items())
    ]


def retention_percentages(cohorts: list[dict]) -> pd.DataFrame:
    """The cohort table as shares of each cohort's size: index cohort, columns month 0, 1, ...
    (NaN where the cohort has not reached the month)."""
    width = max((len(c["retained"]) for c in cohorts), default=0)
    data = {
        c["cohort"]: [n / c["size"] for n in c["retained"]]
        + [math.nan] * (width - len(c["retained"]))
        for c in cohorts
        if c["size"]
    }
    return pd.DataFrame.from_dict(data, orient="index", columns=list(range(width)))


def retention_counts(cohorts: list[dict]) -> pd.DataFrame:
    """The cohort table as counts: index cohort, columns size, 0, 1, ... (NaN = not reached)."""
    width = max((len(c["retained"]) for c in cohorts), default=0)
    data = {
        c["cohort"]: [c["size"], *c["retained"]] + [math.nan] * (width - len(c["retained"]))
        for c in cohorts
    }
    return pd.DataFrame.from_dict(data, orient="index", columns=["size", *range(width)])


def cohort_ltv(engine: Engine, *, filters: Filters, basis: CohortBasis) -> pd.DataFrame:
    """Cohort LTV: cumulative net revenue per cohort member by months since the cohort month.

    ``basis="first_purchase"``: cohorts of customers by the month of their first counted
    purchase ever (in the range); ``basis="signup"``: users of the users table by signup month
    (in the range; non-buyers count in the size, so it includes conversion). Revenue = net
    revenue of the members' counted lines up to the as-of day (min of the range's end and the
    last counted payment day); a purchase dated before the cohort month counts in month 0.
    A cohort counts toward month N only once it has reached month N: cohort month + N <= the
    as-of day's month. Long form: cohort ("YYYY-MM"), size, month (N), revenue (in month N),
    cumulative_revenue, ltv (cumulative_revenue / size); plus one row per month with cohort
    "all": the size-weighted average over the cohorts that reached that month."""
    columns = ["cohort", "size", "month", "revenue", "cumulative_revenue", "ltv"]
    as_of = _as_of(engine, filters)
    if as_of is None:
        return pd.DataFrame(columns=columns)
    months = _customer_months(filters, end=as_of)
    if basis == "first_purchase":
        # one query: every customer has a row in month 0, so its count there is the size
        query = (
            sa.select(
                months.c.cohort, months.c.month, sa.func.sum(months.c.revenue), sa.func.count()
            )
            .where(months.c.first_day >= filters.start, months.c.first_day <= filters.end)
            .group_by(months.c.cohort, months.c.month)
        )
        with engine.connect() as conn:
            rows = conn.execute(query).all()
        revenue_rows = [(cohort, month, amount) for cohort, month, amount, _ in rows]
        sizes = {
            _month_index(as_date(cohort)): int(n)
            for cohort, month, _, n in rows
            if as_date(cohort) == as_date(month)
        }
    elif basis == "signup":
        conditions = [USERS.c.signup_date >= filters.start, USERS.c.signup_date <= filters.end]
        segment = segment_condition(USERS.c.user_id, filters)
        if segment is not None:
            conditions.append(segment)
        cohort = period_start(USERS.c.signup_date, "month").label("cohort")
        sizes_query = sa.select(cohort, sa.func.count()).where(*conditions).group_by(cohort)
        revenue_query = (
            sa.select(cohort, months.c.month, sa.func.sum(months.c.revenue))
            .select_from(USERS.join(months, months.c.user_id == USERS.c.user_id))
            .where(*conditions)
            .group_by(cohort, months.c.month)
        )
        with engine.connect() as conn:
            sizes = {_month_index(as_date(c)): int(n) for c, n in conn.execute(sizes_query)}
            revenue_rows = conn.execute(revenue_query).all()
    else:
        raise ValueError(f"unknown cohort basis {basis!r}")
    if not sizes:
        return pd.DataFrame(columns=columns)
    last_month = _month_index(as_of)
    revenue: dict[tuple[int, int], float] = {}
    for cohort_day, month_day, amount in revenue_rows:
        start_index = _month_index(as_date(cohort_day))
        offset = max(0, _month_index(as_date(month_day)) - start_index)
        revenue[(start_index, offset)] = revenue.get((start_index, offset), 0.0) + float(amount)
    rows = []
    for start_index, size in sorted(sizes.items()):
        cumulative = 0.0
        for offset in range(last_month - start_index + 1):
            amount = revenue.get((start_index, offset), 0.0)
            cumulative += amount
            rows.append(
                (_month_label(start_index), size, offset, amount, cumulative, cumulative / size)
            )
    frame = pd.DataFrame(rows, columns=columns)
    overall = (
        frame.groupby("month", as_index=False)
        .agg(
            size=("size", "sum"),
            revenue=("revenue", "sum"),
            cumulative_revenue=("cumulative_revenue", "sum"),
        )
        .assign(cohort="all")
    )
    overall["ltv"] = overall["cumulative_revenue"] / overall["size"]
    return pd.concat([frame, overall[columns]], ignore_index=True)


# --- RFM ---------------------------------------------------------------------------------------

RFM_SEGMENTS = (
    "champions",
    "loyal",
    "potential_loyalists",
    "new_customers",
    "promising",
    "need_attention",
    "about_to_sleep",
    "cant_lose",
    "at_risk",
    "hibernating",
)


def rfm_segment(recency_score: int, frequency_score: int) -> str:
    """The named segment of an (R, F) score pair (the widely used RFM segment map)."""
    r, f = recency_score, frequency_score
    if r >= 5 and f >= 4:
        return "champions"
    if r >= 3 and f >= 4:
        return "loyal"
    if r >= 4 and f in (2, 3):
        return "potential_loyalists"
    if r == 5 and f == 1:
        return "new_customers"
    if r == 4 and f == 1:
        return "promising"
    if r == 3 and f == 3:
        return "need_attention"
    if r == 3 and f <= 2:
        return "about_to_sleep"
    if r <= 2 and f == 5:
        return "cant_lose"
    if r <= 2 and f >= 3:
        return "at_risk"
    return "hibernating"


def _scores(values: pd.Series) -> pd.Series:
    """Quintile scores 1-5, higher value = higher score; equal values share a score (the score
    of the lowest position they occupy): 1 + floor(5 * (rank_min - 1) / n)."""
    ranks = values.rank(method="min")
    return (1 + ((ranks - 1) * 5 // len(values))).astype(int)


def rfm_customers(engine: Engine, *, filters: Filters) -> pd.DataFrame:
    """One row per customer with a counted purchase in the period (segment filters applied):
    user_id, last_purchase, recency_days (as-of day - last purchase day; as-of = the range's
    end or the last counted payment day if earlier), frequency (distinct orders in the period),
    monetary (net revenue in the period), r_score, f_score, m_score (quintiles 1-5, 5 = most
    recent / most frequent / highest; ties share a score), rfm ("RFM" digits) and segment (see
    :func:`rfm_segment`). Sorted by monetary, highest first."""
    columns = [
        "user_id",
        "last_purchase",
        "recency_days",
        "frequency",
        "monetary",
        "r_score",
        "f_score",
        "m_score",
        "rfm",
        "segment",
    ]
    as_of = _as_of(engine, filters)
    if as_of is None:
        return pd.DataFrame(columns=columns)
    user = ORDERS.c.user_id
    query = (
        sa.select(
            user,
            sa.func.max(_SALE_DAY).label("last_purchase"),
            sa.func.count(sa.distinct(_SALE_ORDER)).label("frequency"),
            sa.func.sum(_NET).label("monetary"),
        )
        .where(*_in_period(filters), _HAS_USER)
        .group_by(user)
        .having(sa.func.count(_SALE_DAY) > 0)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(
            conn.execute(query).all(), columns=["user_id", "last_purchase", "frequency", "monetary"]
        )
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame["last_purchase"] = frame["last_purchase"].map(as_date)
    frame["recency_days"] = [(as_of - day).days for day in frame["last_purchase"]]
    frame["frequency"] = frame["frequency"].astype(int)
    frame["monetary"] = frame["monetary"].astype(float)
    frame["r_score"] = _scores(-frame["recency_days"])
    frame["f_score"] = _scores(frame["frequency"])
    frame["m_score"] = _scores(frame["monetary"])
    frame["rfm"] = (
        frame["r_score"].astype(str) + frame["f_score"].astype(str) + frame["m_score"].astype(str)
    )
    frame["segment"] = [
        rfm_segment(r, f) for r, f in zip(frame["r_score"], frame["f_score"], strict=True)
    ]
    frame = frame.sort_values(["monetary", "user_id"], ascending=[False, True], kind="stable")
    return frame[columns].reset_index(drop=True)


def rfm_segments(customers: pd.DataFrame) -> pd.DataFrame:
    """Per named segment (every segment listed, empty ones as zero): customers, share of
    customers, revenue (net), share of revenue, mean recency_days, mean frequency, mean
    monetary."""
    grouped = customers.groupby("segment").agg(
        customers=("user_id", "count"),
        revenue=("monetary", "sum"),
        recency_days=("recency_days", "mean"),
        frequency=("frequency", "mean"),
        monetary=("monetary", "mean"),
    )
    grouped = grouped.reindex(list(RFM_SEGMENTS))
    grouped[["customers", "revenue"]] = grouped[["customers", "revenue"]].fillna(0)
    grouped["customers"] = grouped["customers"].astype(int)
    total_customers = grouped["customers"].sum()
    total_revenue = grouped["revenue"].sum()
    grouped["customer_share"] = [_ratio(n, total_customers) for n in grouped["customers"]]
    grouped["revenue_share"] = [_ratio(r, total_revenue) for r in grouped["revenue"]]
    grouped = grouped.rename_axis("segment").reset_index()
    return grouped[
        [
            "segment",
            "customers",
            "customer_share",
            "revenue",
            "revenue_share",
            "recency_days",
            "frequency",
            "monetary",
        ]
    ]


# --- what was excluded, currency ---------------------------------------------------------------


@dataclass(frozen=True)
class Exclusion:
    """Lines left out of (or only partly in) the numbers, with the reason."""

    reason: str  # cancelled, unpaid, other_status, adjustment, zero_amount, no_paid_date,
    # guest, refund_capped
    lines: int
    amount: float
    status: str | None = None  # no_paid_date: the lines' status (one row per status)


def exclusions(engine: Engine, *, filters: Filters) -> list[Exclusion]:
    """What the period's numbers leave out, by reason (lines dated in the period, segment
    filters applied): ``cancelled`` / ``unpaid`` / ``other_status`` lines; the "left out"
    lines (:data:`LEFT_OUT_REASONS`, not sales and not refunds): ``adjustment`` (status
    adjustment: bad-debt adjustments, negative prices, charge/fee products, see
    :data:`opsdash.ingest.derive.NON_GOODS_CODES`) and ``zero_amount`` (paid, refunded or
    returned lines with amount 0: zero or missing prices); returns are not excluded (they are
    the refunds);
    ``guest`` (counted lines without a user: in revenue, orders and the ARPU/ARPPU numerators,
    not counted as users; amount = net);
    ``refund_capped`` (refund_amount above the line amount, capped; amount = the excess).
    Lines with no payment day cannot be placed in a period: ``no_paid_date`` counts them in the
    whole store (segment filters applied), one row per status (``status``)."""
    status = ORDERS.c.status
    reason = sa.case(
        (status == "cancelled", "cancelled"),
        (status == "unpaid", "unpaid"),
        (status == "adjustment", "adjustment"),
        (status.not_in(RETURN_STATUSES), "other_status"),
        (ORDERS.c.amount == 0, "zero_amount"),
        (sa.and_(status == "returned", ORDERS.c.amount > 0), "other_status"),
        else_="counted",
    ).label("reason")
    conditions = [ORDERS.c.paid_date >= filters.start, ORDERS.c.paid_date <= filters.end]
    segment = segment_condition(ORDERS.c.user_id, filters)
    if segment is not None:
        conditions.append(segment)
    query = (
        sa.select(reason, sa.func.count(), sa.func.coalesce(sa.func.sum(ORDERS.c.amount), 0))
        .where(*conditions)
        .group_by(reason)
    )
    undated = (
        sa.select(ORDERS.c.status, sa.func.count(), sa.func.sum(ORDERS.c.amount))
        .where(ORDERS.c.paid_date.is_(None), *([segment] if segment is not None else []))
        .group_by(ORDERS.c.status)
        .order_by(ORDERS.c.status)
    )
    guests = sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(_NET), 0)).where(
        *_in_period(filters), _USER.is_(None)
    )
    capped = sa.select(
        sa.func.count(), sa.func.coalesce(sa.func.sum(ORDERS.c.refund_amount - ORDERS.c.amount), 0)
    ).where(*_in_period(filters), _IS_SALE, ORDERS.c.refund_amount > ORDERS.c.amount)
    with engine.connect() as conn:
        by_reason = {r: (int(n), float(a)) for r, n, a in conn.execute(query)}
        undated_rows = conn.execute(undated).all()
        extra = {
            "guest": conn.execute(guests).one(),
            "refund_capped": conn.execute(capped).one(),
        }
    result = [
        Exclusion(name, *by_reason[name])
        for name in ("cancelled", "unpaid", "other_status", *LEFT_OUT_REASONS)
        if name in by_reason
    ]
    result += [
        Exclusion("no_paid_date", int(n), float(a or 0), status) for status, n, a in undated_rows
    ]
    result += [Exclusion(name, int(n), float(a)) for name, (n, a) in extra.items() if n]
    return result


@dataclass(frozen=True)
class LeftOut:
    """Lines that are neither sales nor refunds (adjustments, zero amounts) in the period."""

    lines: int
    amount: float
    reasons: dict[str, int] = field(default_factory=dict)  # reason -> lines


def left_out(excluded: list[Exclusion]) -> LeftOut:
    """The "left out" total (count and amount) of :func:`exclusions`' adjustment and
    zero-amount rows."""
    rows = [e for e in excluded if e.reason in LEFT_OUT_REASONS]
    return LeftOut(
        lines=sum(e.lines for e in rows),
        amount=sum(e.amount for e in rows),
        reasons={e.reason: e.lines for e in rows},
    )


def currencies(engine: Engine) -> list[str]:
    """The distinct currency codes on order lines (empty values ignored). More than one means
    the amounts are not comparable: the page warns, the importer rejects such files."""
    query = (
        sa.select(ORDERS.c.currency)
        .distinct()
        .where(ORDERS.c.currency.is_not(None), ORDERS.c.currency != "")
        .order_by(ORDERS.c.currency)
    )
    with engine.connect() as conn:
        return [row[0] for row in conn.execute(query)]


# --- the report --------------------------------------------------------------------------------


def build_report(engine: Engine, *, filters: Filters, period: str) -> dict:
    """The revenue page's numbers as JSON-ready data, grouped by ``period``, with cohorts over
    the range only (as this report always had them): see
    :func:`opsdash.reports.revenue.build_report`, the one report behind page and CLI."""
    from opsdash.reports.revenue import RevenueSettings
    from opsdash.reports.revenue import build_report as revenue_report

    settings = RevenueSettings(period=period, cohorts_all_history=False)
    return revenue_report(engine, filters=filters, settings=settings)
