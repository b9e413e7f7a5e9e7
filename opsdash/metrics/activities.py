"""Campaigns (活动运营): results, status, timeline and the campaign review (复盘).

Definitions (also in the UI help text):
- **Status** relative to the reference day ``as_of`` = the filter's end day (the last day of
  the view; by default the last day with data): *upcoming* when start_date > as_of, *ended*
  when end_date < as_of, otherwise *running*. A missing start counts as already started, a
  missing end as not ended.
- **Per-campaign results** are sums of ``campaign_stats`` *increments* (all ads) dated in the
  scope: ``period`` = the filter's days; ``campaign`` = every row dated on or before as_of.
  Increments follow the one rule of :mod:`opsdash.metrics.snapshots` (item = campaign_id and
  ad_id): a daily row as it is; a snapshot row (``cumulative``: running totals as of its
  date) minus the item's previous snapshot, the item's first snapshot being its baseline (0).
  So for snapshot exports a period's cost is the last snapshot on or before the end minus the
  last one before the start (or the item's first one in the period), not a sum of totals.
- CTR = clicks / impressions; conversion rate = conversions / clicks; CPA = cost / conversions;
  cost per new user = cost / new_users; ROAS = revenue / cost; ROI = (revenue - cost) / cost;
  budget used = cost of every row dated on or before as_of / budget. A zero or missing
  denominator, or a missing numerator, gives None (shown as "–").
- **Missing is not zero**: a measure the imported stats do not have (KAG's export has no
  revenue, participants or new users) is NULL in the store. A campaign's sum of it is None
  ("not in the data") when none of the campaign's rows on or before as_of has it; 0 when the
  campaign has it on other days (or has no rows at all and the store has the measure), so
  ROAS and ROI without revenue are None, not 0 and -100 %.
- **Goal metric** of a campaign, by goal: acquisition (拉新) -> new users (users by
  signup_date); activation (促活), retention (留存), brand and unknown goals -> DAU (distinct users
  with any event that day); conversion (转化) -> orders (distinct order_id with a counted line
  paid that day). These are the Users and Revenue pages' own definitions (the functions are
  reused). User segment filters apply to them; campaign stats are not per user and ignore them.
- **Review lift**: see :func:`daily_lift` (Welch t on daily values) and
  :func:`campaign_review`.
- **Day-N retention** (:func:`day_n_retention`): the definition of
  :func:`opsdash.metrics.users.day_n_retention` (of the users who signed up in a window, the
  share with any event exactly N days after their signup day, among those whose day N is on or
  before the last event day of the store), with the counts and an optional channel.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import asdict, dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records, json_tree, json_value
from opsdash.metrics import revenue as revenue_metrics
from opsdash.metrics import users as users_metrics
from opsdash.metrics.snapshots import increments
from opsdash.metrics.sql import days_between, segment_condition
from opsdash.models import Campaign, CampaignStat, Event, User
from opsdash.store.data import data_date_range
from opsdash.timeutil import as_date

STATUSES = ("upcoming", "running", "ended")
GOALS = ("acquisition", "activation", "retention", "conversion", "brand")
GOAL_ALIASES = {
    "拉新": "acquisition",
    "促活": "activation",
    "活跃": "activation",
    "留存": "retention",
    "转化": "conversion",
    "品牌": "brand",
}
GOAL_METRICS = {
    "acquisition": "new_users",
    "activation": "dau",
    "retention": "dau",
    "conversion": "orders",
    "brand": "dau",
}
GoalMetric = Literal["new_users", "dau", "orders"]
GOAL_METRIC_NAMES: tuple[GoalMetric, ...] = ("new_users", "dau", "orders")
Scope = Literal["period", "campaign"]
Baseline = Literal["previous", "same_weekdays"]
BASELINES: tuple[Baseline, ...] = ("previous", "same_weekdays")
STAT_COLUMNS = (
    "impressions",
    "clicks",
    "participants",
    "new_users",
    "conversions",
    "cost",
    "revenue",
)
COUNT_COLUMNS = STAT_COLUMNS[:5]
CAMPAIGN_COLUMNS = ("campaign_id", "name", "goal", "channel", "start_date", "end_date", "budget")
CONFIDENCE = 0.95

_campaigns = Campaign.__table__
_stats = CampaignStat.__table__
ITEM = ("campaign_id", "ad_id")
"""A campaign_stats item: one series of (snapshot or daily) rows."""


def stat_increments(
    *, since: dt.date | None = None, until: dt.date | None = None, columns: tuple[str, ...] = ()
) -> sa.Subquery:
    """campaign_stats rows as increments (:func:`opsdash.metrics.snapshots.increments`, item =
    campaign_id + ad_id, counters = :data:`STAT_COLUMNS`)."""
    return increments(
        _stats, item=ITEM, counters=STAT_COLUMNS, since=since, until=until, columns=columns
    )


_users = User.__table__
_events = Event.__table__


# ---------------------------------------------------------------- small definitions


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator; None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or _nan(numerator) or _nan(denominator):
        return None
    if denominator == 0:
        return None
    return float(numerator) / float(denominator)


def _nan(value: object) -> bool:
    return isinstance(value, float) and (math.isnan(value) or math.isinf(value))


def normalise_goal(goal: str | None) -> str | None:
    """The goal key (acquisition, activation, retention, conversion, brand) of a stored goal,
    accepting the Chinese names (拉新, 促活, 留存, 转化, 品牌); other text is kept lower-cased."""
    if goal is None or (isinstance(goal, float) and math.isnan(goal)):
        return None
    text = str(goal).strip()
    return GOAL_ALIASES.get(text, text.lower()) or None


def goal_metric(goal: str | None) -> GoalMetric:
    """The main metric a campaign with ``goal`` moves (see the module docstring)."""
    return GOAL_METRICS.get(normalise_goal(goal) or "", "dau")  # type: ignore[return-value]


def campaign_status(start: dt.date | None, end: dt.date | None, *, as_of: dt.date) -> str:
    """upcoming (start after as_of), ended (end before as_of) or running (otherwise)."""
    if start is not None and start > as_of:
        return "upcoming"
    if end is not None and end < as_of:
        return "ended"
    return "running"


def with_ratios(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with the STAT_COLUMNS) plus ctr, conversion_rate, cpa, cost_per_new_user,
    roas and roi, each None where its denominator is 0."""
    frame = frame.copy()

    def column(numerators, denominators):
        return pd.Series(
            [ratio(n, d) for n, d in zip(numerators, denominators, strict=True)],
            index=frame.index,
            dtype=object,
        )

    frame["ctr"] = column(frame["clicks"], frame["impressions"])
    frame["conversion_rate"] = column(frame["conversions"], frame["clicks"])
    frame["cpa"] = column(frame["cost"], frame["conversions"])
    frame["cost_per_new_user"] = column(frame["cost"], frame["new_users"])
    frame["roas"] = column(frame["revenue"], frame["cost"])
    frame["roi"] = column(frame["revenue"] - frame["cost"], frame["cost"])
    return frame


def _count(value: object) -> int | None:
    if value is None or value is pd.NA or _nan(value):
        return None
    return int(value)


def _number_columns(frame: pd.DataFrame, zero: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts as Python ints (None: not in the data), money as floats (NaN: not in the data).
    ``zero``: a boolean frame (same index, one column per measure) of where a missing value
    means 0 (the measure is in the data, there is just no row)."""
    for name in STAT_COLUMNS:
        values = pd.to_numeric(frame[name]).astype(float)
        if zero is not None:
            values = values.where(values.notna() | ~zero[name], 0.0)
        if name in COUNT_COLUMNS:
            frame[name] = pd.Series([_count(v) for v in values], index=frame.index, dtype=object)
        else:
            frame[name] = values
    return frame


def present_measures(engine: Engine) -> frozenset[str]:
    """The measures at least one campaign_stats row has (not NULL)."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(*(sa.func.count(_stats.c[name]).label(name) for name in STAT_COLUMNS))
        ).one()
    return frozenset(name for name in STAT_COLUMNS if row._mapping[name])


# ---------------------------------------------------------------- campaign list


def _stat_sums(*, since: dt.date | None, until: dt.date, name: str) -> sa.Subquery:
    inc = stat_increments(since=since, until=until)
    conditions = [inc.c.date <= until]
    if since is not None:
        conditions.append(inc.c.date >= since)
    sums = []
    for column in STAT_COLUMNS:
        total = sa.func.sum(inc.c[column])  # NULL when no row has the measure
        kind = sa.Float if column in ("cost", "revenue") else sa.BigInteger
        sums.append(sa.cast(total, kind).label(column))
        sums.append(sa.func.count(inc.c[column]).label(f"has_{column}"))
    return (
        sa.select(inc.c.campaign_id, *sums, sa.func.count().label("stat_rows"))
        .where(*conditions)
        .group_by(inc.c.campaign_id)
        .subquery(name)
    )


def campaign_table(engine: Engine, *, filters: Filters, scope: Scope = "period") -> pd.DataFrame:
    """Every campaign (and every campaign_id that has stats but no campaign row), with status
    relative to ``filters.end``, its results summed over the scope (``period``: stats dated in
    the filter's days; ``campaign``: stats dated on or before filters.end), the ratios of
    :func:`with_ratios`, ``cost_to_date`` (cost of stats dated on or before filters.end) and
    ``budget_used`` = cost_to_date / budget. Ordered by start date (unknown last), then id.
    A measure none of the campaign's rows has is None/NaN (see the module docstring)."""
    present = present_measures(engine)
    as_of = filters.end
    sums = _stat_sums(since=filters.start if scope == "period" else None, until=as_of, name="sums")
    to_date = _stat_sums(since=None, until=as_of, name="to_date")
    has = [to_date.c[f"has_{name}"] for name in STAT_COLUMNS]
    listed = sa.select(
        *(_campaigns.c[name] for name in CAMPAIGN_COLUMNS),
        *(sums.c[name] for name in STAT_COLUMNS),
        to_date.c.cost.label("cost_to_date"),
        *has,
        to_date.c.stat_rows,
    ).select_from(
        _campaigns.outerjoin(sums, sums.c.campaign_id == _campaigns.c.campaign_id).outerjoin(
            to_date, to_date.c.campaign_id == _campaigns.c.campaign_id
        )
    )
    orphans = (
        sa.select(
            to_date.c.campaign_id,
            *(sa.null().label(name) for name in CAMPAIGN_COLUMNS[1:]),
            *(sums.c[name] for name in STAT_COLUMNS),
            to_date.c.cost.label("cost_to_date"),
            *has,
            to_date.c.stat_rows,
        )
        .select_from(to_date.outerjoin(sums, sums.c.campaign_id == to_date.c.campaign_id))
        .where(to_date.c.campaign_id.not_in(sa.select(_campaigns.c.campaign_id)))
    )
    has_columns = [f"has_{name}" for name in STAT_COLUMNS]
    columns = [*CAMPAIGN_COLUMNS, *STAT_COLUMNS, "cost_to_date", *has_columns, "stat_rows"]
    with engine.connect() as conn:
        frame = pd.DataFrame(
            [*conn.execute(listed).all(), *conn.execute(orphans).all()], columns=columns
        )
    no_rows = pd.to_numeric(frame["stat_rows"]).fillna(0) == 0
    zero = pd.DataFrame(
        {
            name: (pd.to_numeric(frame[f"has_{name}"]).fillna(0) > 0)
            | (no_rows & (name in present))
            for name in STAT_COLUMNS
        },
        index=frame.index,
    )
    frame = _number_columns(frame.drop(columns=[*has_columns, "stat_rows"]), zero)
    for name in ("start_date", "end_date"):
        frame[name] = pd.Series([as_date(v) for v in frame[name]], index=frame.index, dtype=object)
    cost_to_date = pd.to_numeric(frame["cost_to_date"]).astype(float)
    frame["cost_to_date"] = cost_to_date.where(cost_to_date.notna() | ~zero["cost"], 0.0)
    frame["budget"] = pd.Series(
        [None if v is None or _nan(v) else float(v) for v in frame["budget"]],
        index=frame.index,
        dtype=object,
    )
    for name in ("campaign_id", "name", "channel"):
        frame[name] = pd.Series(
            [None if v is None or _nan(v) else str(v) for v in frame[name]],
            index=frame.index,
            dtype=object,
        )
    frame["goal"] = pd.Series(
        [normalise_goal(v) for v in frame["goal"]], index=frame.index, dtype=object
    )
    frame.insert(
        7,
        "status",
        pd.Series(
            [
                campaign_status(s, e, as_of=as_of)
                for s, e in zip(frame["start_date"], frame["end_date"], strict=True)
            ],
            index=frame.index,
            dtype=object,
        ),
    )
    frame = with_ratios(frame)
    frame["budget_used"] = pd.Series(
        [ratio(c, b) for c, b in zip(frame["cost_to_date"], frame["budget"], strict=True)],
        index=frame.index,
        dtype=object,
    )
    order = frame["start_date"].map(lambda d: (d is None, d or dt.date.min))
    frame = frame.assign(_order=order).sort_values(["_order", "campaign_id"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


def ad_table(engine: Engine, *, filters: Filters, campaign_id: str) -> pd.DataFrame:
    """One campaign's results per ad (``ad_id``; empty for per-campaign rows) over the filter's
    days, with the ratios of :func:`with_ratios` (None where a denominator is 0, e.g. CPA of an
    ad without conversions, conversion rate of an ad without clicks). Most costly first."""
    inc = stat_increments(since=filters.start, until=filters.end)
    sums = [sa.func.sum(inc.c[name]).label(name) for name in STAT_COLUMNS]
    query = (
        sa.select(inc.c.ad_id, *sums)
        .where(inc.c.campaign_id == campaign_id, inc.c.date.between(filters.start, filters.end))
        .group_by(inc.c.ad_id)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).all(), columns=["ad_id", *STAT_COLUMNS])
    frame = with_ratios(_number_columns(frame))
    return frame.sort_values(["cost", "ad_id"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def campaign_totals(frame: pd.DataFrame) -> dict:
    """Sums of a campaign table's results and the ratios of those sums; a measure no campaign
    has is None (not in the data)."""
    totals = {}
    for name in STAT_COLUMNS:
        total = pd.to_numeric(frame[name]).astype(float).sum(min_count=1) if len(frame) else 0
        if pd.isna(total):
            totals[name] = None
        else:
            totals[name] = int(total) if name in COUNT_COLUMNS else float(total)
    with_totals = with_ratios(pd.DataFrame([totals]))
    return {key: json_value(value) for key, value in with_totals.iloc[0].to_dict().items()}


def compare_campaigns(
    engine: Engine, *, filters: Filters, campaign_ids: tuple[str, ...]
) -> pd.DataFrame:
    """Whole-campaign results (scope ``campaign``) of the chosen campaigns, in the given order."""
    table = campaign_table(engine, filters=filters, scope="campaign")
    chosen = table[table["campaign_id"].isin(campaign_ids)]
    position = {campaign_id: n for n, campaign_id in enumerate(campaign_ids)}
    return chosen.sort_values(
        "campaign_id", key=lambda ids: ids.map(position), kind="stable"
    ).reset_index(drop=True)


def campaign_daily(
    engine: Engine, *, campaign_ids: tuple[str, ...], until: dt.date
) -> pd.DataFrame:
    """Per campaign and day (stats dated on or before ``until``): the STAT_COLUMNS summed over
    ads, and ``day`` = days since the campaign's start_date (None when unknown)."""
    inc = stat_increments(until=until)
    query = (
        sa.select(
            inc.c.campaign_id,
            inc.c.date,
            *(sa.func.sum(inc.c[name]).label(name) for name in STAT_COLUMNS),
            sa.func.min(_campaigns.c.start_date).label("start_date"),
        )
        .select_from(inc.outerjoin(_campaigns, _campaigns.c.campaign_id == inc.c.campaign_id))
        .where(inc.c.campaign_id.in_(campaign_ids), inc.c.date <= until)
        .group_by(inc.c.campaign_id, inc.c.date)
        .order_by(inc.c.campaign_id, inc.c.date)
    )
    with engine.connect() as conn:
        frame = pd.DataFrame(
            conn.execute(query).all(), columns=["campaign_id", "date", *STAT_COLUMNS, "start_date"]
        )
    frame = _number_columns(frame)
    frame["date"] = pd.Series([as_date(v) for v in frame["date"]], index=frame.index, dtype=object)
    frame["day"] = pd.Series(
        [
            None if as_date(s) is None else (d - as_date(s)).days
            for d, s in zip(frame["date"], frame["start_date"], strict=True)
        ],
        index=frame.index,
        dtype=object,
    )
    return frame.drop(columns="start_date")


# ---------------------------------------------------------------- goal metrics and timeline


def goal_metric_series(
    engine: Engine, *, metric: GoalMetric, start: dt.date, end: dt.date, filters: Filters
) -> pd.DataFrame:
    """Daily values of ``metric`` for every day from ``start`` to ``end`` (0 on days without
    data), with ``filters``' user segments, using the Users and Revenue pages' definitions:
    new_users = :func:`opsdash.metrics.users.new_users_by_period` summed over channels,
    dau = :func:`opsdash.metrics.users.daily_active_users`, orders = the ``orders`` of
    :func:`opsdash.metrics.revenue.revenue_over_time`. Columns: date, value."""
    window = replace(filters, start=start, end=end)
    days = _days(start, end)
    if metric == "new_users":
        frame = users_metrics.new_users_by_period(engine, filters=window, period="day")
        counts = frame.groupby("period")["new_users"].sum().to_dict() if len(frame) else {}
    elif metric == "dau":
        frame = users_metrics.daily_active_users(engine, filters=window)
        counts = dict(zip(frame["day"], frame["dau"], strict=True))
    elif metric == "orders":
        frame = revenue_metrics.revenue_over_time(engine, filters=window, period="day")
        counts = dict(zip(frame["period_start"], frame["orders"], strict=True))
    else:
        raise ValueError(f"unknown goal metric {metric!r}")
    counts = {as_date(day): int(value) for day, value in counts.items()}
    return pd.DataFrame(
        {"date": days, "value": [counts.get(day, 0) for day in days]}, columns=["date", "value"]
    )


def campaign_timeline(engine: Engine, *, filters: Filters) -> pd.DataFrame:
    """Campaigns whose dates overlap the period, as bars: campaign_id, name, goal, metric (the
    goal metric), status, and bar_start/bar_end = their dates clipped to the period (a missing
    date is the period's edge)."""
    table = campaign_table(engine, filters=filters, scope="period")
    rows = []
    for row in table.itertuples(index=False):
        if row.start_date is None and row.end_date is None:
            continue  # no dates (or stats without a campaign row): nothing to draw
        start = row.start_date or filters.start
        end = row.end_date or filters.end
        if start > filters.end or end < filters.start:
            continue
        rows.append(
            {
                "campaign_id": row.campaign_id,
                "name": row.name or row.campaign_id,
                "goal": row.goal,
                "metric": goal_metric(row.goal),
                "status": row.status,
                "bar_start": max(start, filters.start),
                "bar_end": min(end, filters.end),
            }
        )
    return pd.DataFrame(
        rows, columns=["campaign_id", "name", "goal", "metric", "status", "bar_start", "bar_end"]
    )


# ---------------------------------------------------------------- review statistics


@dataclass(frozen=True)
class LiftResult:
    """Campaign days vs baseline days of a daily metric (Welch's unequal-variance t).

    difference = mean_during - mean_baseline with a Welch t confidence interval
    (Welch–Satterthwaite degrees of freedom) and two-sided p-value; lift = mean_during /
    mean_baseline - 1 with a delta-method interval: variance s1²/(n1·m0²) + m1²·s0²/(n0·m0⁴), t
    quantile with Welch–Satterthwaite degrees of freedom of those two terms. ``error`` names why
    a part is missing: too_few_days (fewer than 2 days on a side), no_variance (every day equal
    on both sides), zero_baseline (baseline mean 0: no lift)."""

    days_during: int
    days_baseline: int
    mean_during: float | None
    mean_baseline: float | None
    difference: float | None
    difference_low: float | None
    difference_high: float | None
    lift: float | None
    lift_low: float | None
    lift_high: float | None
    p_value: float | None
    confidence: float = CONFIDENCE
    error: str | None = None

    @property
    def significant(self) -> bool:
        """True when the difference's confidence interval excludes 0 (a lift whose interval
        includes 0 is "not significant" and is never shown as a win)."""
        low, high = self.difference_low, self.difference_high
        if low is None or high is None:
            return False
        return low > 0 or high < 0

    def to_dict(self) -> dict:
        return asdict(self)


def daily_lift(
    during: list[float] | np.ndarray,
    baseline: list[float] | np.ndarray,
    *,
    confidence: float = CONFIDENCE,
) -> LiftResult:
    """The :class:`LiftResult` of daily values ``during`` vs ``baseline``."""
    x1 = np.asarray(during, dtype=float)
    x0 = np.asarray(baseline, dtype=float)
    n1, n0 = len(x1), len(x0)
    m1 = float(x1.mean()) if n1 else None
    m0 = float(x0.mean()) if n0 else None
    empty = dict.fromkeys(
        ("difference", "difference_low", "difference_high", "lift", "lift_low", "lift_high")
    )
    if n1 == 0 or n0 == 0:
        return LiftResult(
            n1, n0, m1, m0, **empty, p_value=None, confidence=confidence, error="too_few_days"
        )
    difference = m1 - m0
    lift = m1 / m0 - 1 if m0 != 0 else None
    base = {**empty, "difference": difference, "lift": lift}
    if n1 < 2 or n0 < 2:
        return LiftResult(
            n1, n0, m1, m0, **base, p_value=None, confidence=confidence, error="too_few_days"
        )
    v1, v0 = float(x1.var(ddof=1)) / n1, float(x0.var(ddof=1)) / n0
    if v1 + v0 == 0:
        return LiftResult(
            n1, n0, m1, m0, **base, p_value=None, confidence=confidence, error="no_variance"
        )
    se = math.sqrt(v1 + v0)
    df = (v1 + v0) ** 2 / (v1**2 / (n1 - 1) + v0**2 / (n0 - 1))
    from scipy import stats as scipy_stats  # here: a second of start-up for every report

    quantile = float(scipy_stats.t.ppf(0.5 + confidence / 2, df))
    p_value = float(2 * scipy_stats.t.sf(abs(difference) / se, df))
    result = {
        **base,
        "difference_low": difference - quantile * se,
        "difference_high": difference + quantile * se,
    }
    error = None
    if m0 == 0:
        error = "zero_baseline"
    else:
        a = v1 / m0**2
        b = m1**2 * v0 / m0**4
        if a + b > 0:
            df_lift = (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n0 - 1))
            half = float(scipy_stats.t.ppf(0.5 + confidence / 2, df_lift)) * math.sqrt(a + b)
            result["lift_low"], result["lift_high"] = lift - half, lift + half
    return LiftResult(n1, n0, m1, m0, **result, p_value=p_value, confidence=confidence, error=error)


@dataclass(frozen=True)
class RetentionRate:
    """Day-N retention of a signup window: ``users`` eligible (day N observed), ``retained``
    among them, ``rate`` = retained / users (None when no user is eligible)."""

    day: int
    start: dt.date
    end: dt.date
    users: int
    retained: int
    rate: float | None

    def to_dict(self) -> dict:
        return json_tree(asdict(self))


def day_n_retention(
    engine: Engine,
    *,
    start: dt.date,
    end: dt.date,
    day: int,
    filters: Filters,
    channel: str | None = None,
) -> RetentionRate:
    """Day-``day`` retention of users whose signup_date is in start..end (and whose channel is
    ``channel`` when given, and who match ``filters``' segments): retained = any event dated
    exactly signup_date + day; only users whose signup_date + day is on or before the last
    event day of the store count."""
    with engine.connect() as conn:
        last_event_day = as_date(
            conn.execute(sa.select(sa.func.max(_events.c.event_date))).scalar()
        )
        if last_event_day is None:
            return RetentionRate(day, start, end, 0, 0, None)
        last_signup = min(end, last_event_day - dt.timedelta(days=day))
        conditions = [_users.c.signup_date.between(start, last_signup)]
        segment = segment_condition(_users.c.user_id, filters)
        if segment is not None:
            conditions.append(segment)
        if channel is not None:
            conditions.append(_users.c.channel == channel)
        returned = (
            sa.select(sa.literal(1))
            .where(
                _events.c.user_id == _users.c.user_id,
                days_between(_users.c.signup_date, _events.c.event_date) == day,
            )
            .exists()
        )
        users, retained = conn.execute(
            sa.select(
                sa.func.count(),
                sa.func.coalesce(sa.func.sum(sa.case((returned, 1), else_=0)), 0),
            ).where(*conditions)
        ).one()
    return RetentionRate(day, start, end, int(users), int(retained), ratio(retained, users))


# ---------------------------------------------------------------- campaign review


@dataclass(frozen=True)
class BaselineComparison:
    """The goal metric on the campaign's days vs one baseline window."""

    kind: str  # previous | same_weekdays
    start: dt.date | None
    end: dt.date | None
    result: LiftResult

    def to_dict(self) -> dict:
        return json_tree(
            {"kind": self.kind, "start": self.start, "end": self.end, **self.result.to_dict()}
        )


@dataclass(frozen=True)
class CampaignReview:
    """Everything the review (复盘) of one campaign shows. ``window_end`` is the campaign's end
    clipped to as_of (a running campaign is reviewed so far). ``series`` holds the goal metric
    daily from the earliest baseline day to window_end (columns date, value, part = campaign,
    previous, same_weekdays or other; a day in both baselines is previous). ``error``:
    no_dates when the campaign has no start, not_started when it starts after as_of."""

    campaign_id: str
    name: str | None
    goal: str | None
    channel: str | None
    status: str
    start: dt.date | None
    end: dt.date | None
    window_end: dt.date | None
    metric: GoalMetric
    results: dict
    baselines: tuple[BaselineComparison, ...]
    retention: tuple[tuple[RetentionRate, RetentionRate], ...]
    retention_channel: str | None
    series: pd.DataFrame = field(repr=False, compare=False)
    error: str | None = None

    def to_dict(self) -> dict:
        return json_tree(
            {
                "campaign_id": self.campaign_id,
                "name": self.name,
                "goal": self.goal,
                "channel": self.channel,
                "status": self.status,
                "start": self.start,
                "end": self.end,
                "window_end": self.window_end,
                "metric": self.metric,
                "results": self.results,
                "baselines": [b.to_dict() for b in self.baselines],
                "retention": [
                    {"day": d.day, "during": d.to_dict(), "outside": o.to_dict()}
                    for d, o in self.retention
                ],
                "retention_channel": self.retention_channel,
                "error": self.error,
            }
        )


def baseline_window(start: dt.date, end: dt.date, kind: Baseline) -> tuple[dt.date, dt.date]:
    """The baseline of a campaign window start..end (N days): ``previous`` = the N days right
    before start; ``same_weekdays`` = the window moved back by the fewest whole weeks that put
    it entirely before start (same length, same weekdays)."""
    days = (end - start).days + 1
    if kind == "previous":
        return start - dt.timedelta(days=days), start - dt.timedelta(days=1)
    if kind == "same_weekdays":
        shift = dt.timedelta(weeks=math.ceil(days / 7))
        return start - shift, end - shift
    raise ValueError(f"unknown baseline {kind!r}")


def campaign_review(
    engine: Engine, *, campaign_id: str, filters: Filters, retention_days: tuple[int, ...] = (1, 7)
) -> CampaignReview | None:
    """The review of ``campaign_id`` as of ``filters.end`` (None when there is no such
    campaign).

    - Campaign window: start_date .. min(end_date, filters.end).
    - Goal metric (:func:`goal_metric`) daily on the window vs each baseline of
      :func:`baseline_window`; baseline days before the store's first data day are dropped
      (they would count as 0). Lift and interval: :func:`daily_lift`.
    - Retention: :func:`day_n_retention` for each N in ``retention_days`` of users who signed
      up in the window ("during") vs in the ``previous`` baseline window ("outside"), both
      restricted to the campaign's channel when some user has that channel (else all users).
    - results: the campaign's row of :func:`campaign_table` with scope ``campaign``."""
    table = campaign_table(engine, filters=filters, scope="campaign")
    rows = table[table["campaign_id"] == campaign_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    start, end = row["start_date"], row["end_date"]
    metric = goal_metric(row["goal"])
    results = {key: json_value(value) for key, value in row.to_dict().items()}
    common = {
        "campaign_id": campaign_id,
        "name": row["name"],
        "goal": row["goal"],
        "channel": row["channel"],
        "status": row["status"],
        "start": start,
        "end": end,
        "metric": metric,
        "results": results,
    }
    if start is None or start > filters.end:
        return CampaignReview(
            **common,
            window_end=None,
            baselines=(),
            retention=(),
            retention_channel=None,
            series=pd.DataFrame(columns=["date", "value", "part"]),
            error="no_dates" if start is None else "not_started",
        )
    window_end = min(end or filters.end, filters.end)
    with engine.connect() as conn:
        first_day = data_date_range(conn)[0] or start
    windows = {kind: baseline_window(start, window_end, kind) for kind in BASELINES}
    earliest = max(min(w[0] for w in windows.values()), first_day)
    earliest = min(earliest, start)
    series = goal_metric_series(
        engine, metric=metric, start=earliest, end=window_end, filters=filters
    )
    values = dict(zip(series["date"], series["value"], strict=True))
    during = [values[d] for d in _days(start, window_end)]
    baselines = []
    for kind, (low, high) in windows.items():
        days = [d for d in _days(max(low, first_day), high)]
        baselines.append(
            BaselineComparison(
                kind=kind,
                start=days[0] if days else None,
                end=days[-1] if days else None,
                result=daily_lift(during, [values[d] for d in days]),
            )
        )
    parts = []
    previous_low, previous_high = windows["previous"]
    weekday_low, weekday_high = windows["same_weekdays"]
    for day in series["date"]:
        if start <= day <= window_end:
            parts.append("campaign")
        elif previous_low <= day <= previous_high:
            parts.append("previous")
        elif weekday_low <= day <= weekday_high:
            parts.append("same_weekdays")
        else:
            parts.append("other")
    series = series.assign(part=parts)
    channel = row["channel"] if _channel_known(engine, row["channel"]) else None
    retention = tuple(
        (
            day_n_retention(
                engine, start=start, end=window_end, day=n, filters=filters, channel=channel
            ),
            day_n_retention(
                engine,
                start=previous_low,
                end=previous_high,
                day=n,
                filters=filters,
                channel=channel,
            ),
        )
        for n in retention_days
    )
    return CampaignReview(
        **common,
        window_end=window_end,
        baselines=tuple(baselines),
        retention=retention,
        retention_channel=channel,
        series=series,
    )


def _channel_known(engine: Engine, channel: object) -> bool:
    if channel is None or not isinstance(channel, str):
        return False
    with engine.connect() as conn:
        return (
            conn.execute(
                sa.select(sa.literal(1)).where(_users.c.channel == channel).limit(1)
            ).first()
            is not None
        )


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


# ---------------------------------------------------------------- report


WHOLE_CAMPAIGN_KEYS = (*STAT_COLUMNS, "ctr", "conversion_rate", "cpa", "roas", "roi")


def _with_whole_campaign(table: pd.DataFrame, whole: pd.DataFrame) -> list[dict]:
    """Each campaign's period record plus ``whole_campaign``: its results over every stats row
    dated on or before as_of (scope ``campaign``)."""
    by_id = {row["campaign_id"]: row for row in json_records(whole)}
    rows = []
    for row in json_records(table):
        lifetime = by_id.get(row["campaign_id"], {})
        rows.append(
            {**row, "whole_campaign": {key: lifetime.get(key) for key in WHOLE_CAMPAIGN_KEYS}}
        )
    return rows


def build_report(engine: Engine, *, filters: Filters, period: str = "day") -> dict:
    """What the Activities page shows, JSON-ready (``opsdash report activities --json``):
    every campaign with its results in the period, the totals, the timeline, and the review of
    each campaign that ended within the period."""
    table = campaign_table(engine, filters=filters, scope="period")
    whole = campaign_table(engine, filters=filters, scope="campaign")
    ended = table[
        (table["status"] == "ended")
        & table["end_date"].map(lambda d: d is not None and filters.start <= d <= filters.end)
    ]
    reviews = []
    for campaign_id in ended["campaign_id"]:
        review = campaign_review(engine, campaign_id=campaign_id, filters=filters)
        if review is not None:
            reviews.append(review.to_dict())
    return {
        "page": "activities",
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "as_of": filters.end.isoformat(),
        "period": period,
        "definitions": {
            "status": "upcoming: start > as_of; ended: end < as_of; otherwise running",
            "results": "sums of campaign_stats increments dated in start..end (all ads); "
            "whole_campaign: every row dated on or before as_of",
            "snapshot_rows": "a cumulative (snapshot) row counts as its increment over the "
            "previous snapshot of the same campaign and ad; the first snapshot is its baseline "
            "(0, not growth)",
            "ctr": "clicks / impressions",
            "conversion_rate": "conversions / clicks",
            "cpa": "cost / conversions",
            "roas": "revenue / cost",
            "roi": "(revenue - cost) / cost",
            "budget_used": "cost of stats dated on or before as_of / budget",
            "lift": "Welch t on daily goal-metric values, campaign days vs baseline days",
        },
        "totals": campaign_totals(table),
        "campaigns": _with_whole_campaign(table, whole),
        "timeline": json_records(campaign_timeline(engine, filters=filters)),
        "reviews": reviews,
    }
