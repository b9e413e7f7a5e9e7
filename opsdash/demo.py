"""A realistic, deterministic fictional product for trying opsdash: ``opsdash demo``.

What it contains, and why (so every page has something to say):
- users whose daily signups have growth, weekly seasonality and campaign lifts, from six
  channels of different quality (retention and spend differ by channel);
- events following a power-law retention curve per user (signup, app_open, view_content,
  like, share, add_to_cart, purchase), so cohorts, lifecycle and funnels are realistic;
- content with long-tail popularity and decaying daily views;
- campaigns (ended, running, upcoming) that visibly lift new users, activity or purchases;
- order lines with refunds, cancellations and guest orders;
- one A/B experiment with a small real effect (10% vs 11.5% conversion).

Same ``seed``, ``users``, ``days`` and ``end`` give the same data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.ingest.properties import encode_properties
from opsdash.models import (
    Campaign,
    CampaignStat,
    Content,
    ContentStat,
    Event,
    ExperimentAssignment,
    ImportBatch,
    OrderLine,
    User,
)
from opsdash.store.bulk import bulk_insert
from opsdash.store.currency import write_currency
from opsdash.store.data import clear_data, has_data
from opsdash.store.hooks import after_data_write
from opsdash.store.properties import record_property_keys
from opsdash.timeutil import local_dates, to_utc_naive, utc_now

CHANNELS = pd.DataFrame(
    {
        "channel": ["organic", "app_store", "wechat", "douyin", "referral", "sem"],
        "share": [0.30, 0.20, 0.18, 0.17, 0.08, 0.07],
        "engagement": [1.15, 1.0, 1.05, 0.7, 1.3, 0.8],
        "spend": [1.2, 1.0, 1.0, 0.7, 1.3, 0.9],
    }
)
PLATFORMS = (["ios", "android", "web", "miniprogram"], [0.35, 0.45, 0.10, 0.10])
REGIONS = (["east", "north", "south", "west", "overseas"], [0.35, 0.22, 0.25, 0.10, 0.08])
LEVELS = ["L1", "L2", "L3", "L4", "L5"]
AGE_BAND = "年龄段"
AGE_BANDS = (["18-24", "25-30", "31-40", "41+"], [0.3, 0.35, 0.25, 0.1])
# local hour-of-day weights: quiet at night, peaks at lunch and in the evening
HOUR_WEIGHTS = np.array(
    [2, 1, 1, 1, 1, 2, 4, 6, 7, 7, 7, 8, 9, 8, 7, 7, 7, 8, 9, 11, 12, 12, 9, 5], dtype=float
)
WEEKDAY_FACTOR = np.array([0.95, 0.93, 0.95, 0.97, 1.05, 1.2, 1.18])  # Mon..Sun
FORMATS = (["article", "video", "poster", "podcast", "live"], [0.45, 0.32, 0.1, 0.07, 0.06])
CATEGORIES = ["tutorial", "news", "story", "promotion", "tips"]
AUTHORS = ["Li Na", "Wang Fang", "Zhang Wei", "Chen Jing", "Liu Yang", "Zhao Min"]
PRODUCTS = pd.DataFrame(
    {
        "product": [
            "Monthly membership",
            "Annual membership",
            "Course: data basics",
            "Course: growth",
            "E-book bundle",
            "Sticker pack",
            "Gift card 50",
            "Gift card 100",
            "Mug",
            "Tote bag",
            "Notebook",
            "Hoodie",
        ],
        "category": [
            "membership",
            "membership",
            "course",
            "course",
            "ebook",
            "virtual",
            "gift_card",
            "gift_card",
            "merch",
            "merch",
            "merch",
            "merch",
        ],
        "unit_price": [30.0, 298.0, 199.0, 249.0, 59.0, 6.0, 50.0, 100.0, 39.0, 49.0, 25.0, 169.0],
        "weight": [20, 6, 5, 4, 8, 15, 4, 3, 6, 5, 8, 3],
    }
)


@dataclass(frozen=True)
class DemoCampaign:
    campaign_id: str
    name: str
    goal: str
    channel: str
    start: float  # fraction of the window (may exceed 1 for upcoming campaigns)
    end: float
    budget: float
    lift: float


CAMPAIGNS = (
    DemoCampaign("C001", "New-user gift pack", "acquisition", "douyin", 0.10, 0.18, 80_000, 2.2),
    DemoCampaign("C002", "Weekend check-in", "activation", "wechat", 0.28, 0.36, 30_000, 1.35),
    DemoCampaign("C003", "Spring sale", "conversion", "wechat", 0.47, 0.53, 50_000, 1.8),
    DemoCampaign("C004", "Invite a friend", "acquisition", "referral", 0.61, 0.72, 40_000, 2.0),
    DemoCampaign("C005", "Brand film", "brand", "douyin", 0.78, 0.83, 60_000, 1.0),
    DemoCampaign("C006", "Streak rewards", "retention", "organic", 0.93, 1.04, 25_000, 1.2),
    DemoCampaign("C007", "Summer festival", "conversion", "wechat", 1.05, 1.12, 70_000, 1.0),
)
EXPERIMENT = "new_checkout_button"
EXPERIMENT_RATES = {"control": 0.10, "treatment": 0.115}


@dataclass(frozen=True)
class DemoSummary:
    """Row counts written by :func:`load_demo`."""

    batch_id: int
    start: dt.date
    end: dt.date
    counts: dict[str, int]


def load_demo(
    engine: Engine,
    *,
    users: int = 20_000,
    days: int = 180,
    seed: int = 42,
    end: dt.date,
    timezone: str,
    reset: bool = False,
) -> DemoSummary:
    """Fill the store with demo data ending on ``end`` (inclusive); return what was written.

    Refuses (UserError) to write into a store that already holds data unless ``reset``,
    which first deletes every data row and the import history."""
    if users < 10 or days < 14:
        raise UserError("the demo needs at least 10 users and 14 days")
    frames = generate_demo(users=users, days=days, seed=seed, end=end, timezone=timezone)
    with engine.begin() as conn:
        if reset:
            clear_data(conn)
        elif has_data(conn):
            raise UserError("the store already holds data; use --reset to replace it")
        batch_id = conn.execute(
            sa.insert(ImportBatch.__table__).values(
                kind="demo",
                file_name=f"demo seed={seed} users={users} days={days} end={end}",
                mode="append",
                rows_read=sum(len(f) for f in frames.values()),
                rows_imported=sum(len(f) for f in frames.values()),
                created_by="opsdash demo",
                created_at=utc_now(),
            )
        ).inserted_primary_key[0]
        counts = {}
        for name, frame in frames.items():
            model = _MODELS[name]
            counts[name] = bulk_insert(conn, model.__table__, frame.assign(batch_id=batch_id))
        record_property_keys(conn, "users", [(AGE_BAND, "text")])
        write_currency(conn, DEMO_CURRENCY)  # the demo's amounts are yuan
        after_data_write(conn, frames.keys())
    return DemoSummary(batch_id, end - dt.timedelta(days=days - 1), end, counts)


DEMO_CURRENCY = "CNY"
_MODELS = {
    "users": User,
    "events": Event,
    "contents": Content,
    "content_stats": ContentStat,
    "campaigns": Campaign,
    "campaign_stats": CampaignStat,
    "orders": OrderLine,
    "experiment_assignments": ExperimentAssignment,
}


def generate_demo(
    *, users: int, days: int, seed: int, end: dt.date, timezone: str
) -> dict[str, pd.DataFrame]:
    """Return the demo tables as DataFrames (columns named as the store's)."""
    rng = np.random.default_rng(seed)
    start = end - dt.timedelta(days=days - 1)
    calendar = pd.date_range(start, end, freq="D")
    weekday = calendar.day_of_week.to_numpy()
    campaigns = _campaign_days(days)

    user_frame = _users(rng, users, calendar, weekday, campaigns, timezone)
    events, purchases = _events(rng, user_frame, calendar, weekday, campaigns, timezone)
    contents, content_stats = _content(rng, calendar, weekday, timezone)
    # view_content events point at content published by then
    events = _attach_content(rng, events, contents)
    orders = _orders(rng, purchases, user_frame, timezone)
    campaign_frame, campaign_stats = _campaigns(rng, calendar, campaigns, user_frame)
    experiment = _experiment(rng, user_frame, events, calendar, timezone)
    return {
        "users": user_frame.drop(columns=["engagement", "spend", "day_index"]),
        "events": events,
        "contents": contents,
        "content_stats": content_stats,
        "campaigns": campaign_frame,
        "campaign_stats": campaign_stats,
        "orders": orders,
        "experiment_assignments": experiment,
    }


def _campaign_days(days: int) -> list[tuple[DemoCampaign, int, int]]:
    """Each campaign with its first and last day index in the window (may lie outside it)."""
    return [
        (c, round(c.start * days), max(round(c.end * days), round(c.start * days) + 4))
        for c in CAMPAIGNS
    ]


def _local_times(rng, day_values: np.ndarray, timezone: str) -> tuple[pd.Series, pd.Series]:
    """Random local times on the given days (diurnal pattern) as (naive UTC, local date)."""
    hours = rng.choice(24, size=len(day_values), p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
    seconds = hours * 3600 + rng.integers(0, 3600, size=len(day_values))
    local = pd.Series(pd.to_datetime(day_values) + pd.to_timedelta(seconds, unit="s"))
    utc = to_utc_naive(local, timezone)
    return utc, local_dates(utc, timezone)


def _users(rng, count, calendar, weekday, campaigns, timezone) -> pd.DataFrame:
    days = len(calendar)
    # expected signups per day and channel: growth trend x weekday x channel share
    trend = 1 + 0.5 * np.arange(days) / days
    channel_weights = (trend * WEEKDAY_FACTOR[weekday])[:, None] * CHANNELS["share"].to_numpy()[
        None, :
    ]
    for campaign, first, last in campaigns:
        if campaign.goal == "acquisition":
            column = CHANNELS.index[CHANNELS["channel"] == campaign.channel][0]
            channel_weights[max(first, 0) : min(last + 1, days), column] *= campaign.lift
    day_weight = channel_weights.sum(axis=1)
    day_index = np.sort(rng.choice(days, size=count, p=day_weight / day_weight.sum()))
    probabilities = channel_weights[day_index] / channel_weights[day_index].sum(
        axis=1, keepdims=True
    )
    cumulative = probabilities.cumsum(axis=1)
    channel_index = (rng.random(count)[:, None] > cumulative).sum(axis=1)
    signup_at, signup_date = _local_times(rng, calendar[day_index].to_numpy(), timezone)
    frame = pd.DataFrame(
        {
            "user_id": [f"U{n:06d}" for n in range(1, count + 1)],
            "signup_at": signup_at,
            "signup_date": signup_date,
            "channel": CHANNELS["channel"].to_numpy()[channel_index],
            "platform": rng.choice(PLATFORMS[0], size=count, p=PLATFORMS[1]),
            "region": rng.choice(REGIONS[0], size=count, p=REGIONS[1]),
            "engagement": rng.beta(2.2, 2.0, size=count)
            * CHANNELS["engagement"].to_numpy()[channel_index],
            "spend": rng.lognormal(0, 0.5, size=count)
            * CHANNELS["spend"].to_numpy()[channel_index],
            "day_index": day_index,
        }
    )
    # a kept column of the users export (a user property, e.g. from a survey); drawn from its
    # own generator so the rest of the demo stays what it was
    bands = np.random.default_rng(count).choice(AGE_BANDS[0], size=count, p=AGE_BANDS[1])
    frame["properties"] = encode_properties({AGE_BAND: pd.Series(bands)}, count)
    return frame


def _events(rng, users, calendar, weekday, campaigns, timezone):
    days = len(calendar)
    activity_lift = np.ones(days)
    purchase_lift = np.ones(days)
    for campaign, first, last in campaigns:
        window = slice(max(first, 0), min(last + 1, days))
        if campaign.goal in ("activation", "retention"):
            activity_lift[window] *= campaign.lift
        elif campaign.goal == "conversion":
            purchase_lift[window] *= campaign.lift
    # candidate (user, day) pairs: every day from signup to the end of the window
    remaining = days - users["day_index"].to_numpy()
    user_rows = np.repeat(np.arange(len(users)), remaining)
    offsets = np.arange(remaining.sum()) - np.repeat(np.cumsum(remaining) - remaining, remaining)
    day = users["day_index"].to_numpy()[user_rows] + offsets
    engagement = users["engagement"].to_numpy()[user_rows]
    # churn: a user stays reachable for an exponential lifetime; a quarter are loyal
    lifetime = np.where(
        rng.random(len(users)) < 0.25,
        np.inf,
        rng.exponential(25.0, len(users)) * 2 * users["engagement"].to_numpy(),
    )
    p_active = np.minimum(0.97, 0.62 * engagement * (offsets + 1.0) ** -0.42)
    p_active = np.where(offsets <= lifetime[user_rows], p_active, 0.0)
    p_active = np.minimum(0.97, p_active * WEEKDAY_FACTOR[weekday[day]] * activity_lift[day])
    active = (offsets == 0) | (rng.random(len(day)) < p_active)
    user_rows, day, offsets = user_rows[active], day[active], offsets[active]

    n_active = len(day)
    opens = 1 + rng.poisson(0.8, n_active)
    views = rng.poisson(1.4 + 1.6 * users["engagement"].to_numpy()[user_rows])
    likes = rng.binomial(views, 0.12)
    shares = rng.binomial(views, 0.03)
    spend = users["spend"].to_numpy()[user_rows]
    carts = (
        rng.random(n_active) < np.minimum(0.6, 0.07 * spend * (1 + 0.5 * (offsets == 0)))
    ).astype(int)
    buys = carts * (rng.random(n_active) < np.minimum(0.9, 0.38 * purchase_lift[day])).astype(int)

    names = np.array(
        ["signup", "app_open", "view_content", "like", "share", "add_to_cart", "purchase"]
    )
    per_kind = np.stack(
        [(offsets == 0).astype(int), opens, views, likes, shares, carts, buys], axis=1
    )
    repeat_rows = np.repeat(np.arange(n_active), per_kind.sum(axis=1))
    # kind codes in row-major order of per_kind
    kind = np.repeat(np.tile(np.arange(7), n_active), per_kind.ravel())
    # within an active day, events happen in funnel order: signup first, purchase last
    base_day = calendar[day[repeat_rows]].to_numpy()
    hours = rng.choice(24, size=n_active, p=HOUR_WEIGHTS / HOUR_WEIGHTS.sum())
    session_start = hours[repeat_rows] * 3600 + rng.integers(0, 1800, size=len(repeat_rows))
    step_gap = kind * rng.integers(20, 240, size=len(repeat_rows))
    seconds = np.minimum(session_start + step_gap, 86_399)
    local = pd.Series(base_day + pd.to_timedelta(seconds, unit="s").to_numpy())
    signup_local = _to_local(users["signup_at"], timezone).to_numpy()[user_rows[repeat_rows]]
    local = pd.Series(np.maximum(local.to_numpy(), signup_local))  # nothing before signup
    event_at = to_utc_naive(local, timezone)
    frame = pd.DataFrame(
        {
            "user_id": users["user_id"].to_numpy()[user_rows[repeat_rows]],
            "event_at": event_at,
            "event_date": local_dates(event_at, timezone),
            "event": names[kind],
            "content_id": None,
            "campaign_id": None,
            "value": np.nan,
        }
    )
    frame = frame.sort_values(["event_at", "user_id"], kind="stable").reset_index(drop=True)
    frame["row_key"] = np.arange(1, len(frame) + 1, dtype=np.int64)  # demo rows: plain numbers
    purchases = frame.loc[frame["event"] == "purchase", ["user_id", "event_at"]].copy()
    return frame, purchases


def _to_local(utc: pd.Series, timezone: str) -> pd.Series:
    return pd.to_datetime(utc).dt.tz_localize("UTC").dt.tz_convert(timezone).dt.tz_localize(None)


def _content(rng, calendar, weekday, timezone):
    days = len(calendar)
    count = max(12, int(days * 1.6))
    publish_day = np.sort(rng.integers(0, days, size=count))
    formats = rng.choice(FORMATS[0], size=count, p=FORMATS[1])
    categories = rng.choice(CATEGORIES, size=count)
    published_at, published_date = _local_times(rng, calendar[publish_day].to_numpy(), timezone)
    contents = pd.DataFrame(
        {
            "content_id": [f"A{n:05d}" for n in range(1, count + 1)],
            "title": [
                f"{c.title()} #{n}: {f} for growth teams"
                for n, (c, f) in enumerate(zip(categories, formats, strict=True), 1)
            ],
            "category": categories,
            "format": formats,
            "author": rng.choice(AUTHORS, size=count),
            "channel": rng.choice(
                ["wechat", "douyin", "app", "bilibili"], size=count, p=[0.4, 0.25, 0.2, 0.15]
            ),
            "published_at": published_at,
            "published_date": published_date,
        }
    )
    popularity = rng.lognormal(6.0, 1.1, size=count) * np.where(formats == "video", 1.6, 1.0)
    age_count = days - publish_day
    rows = np.repeat(np.arange(count), age_count)
    age = np.arange(age_count.sum()) - np.repeat(np.cumsum(age_count) - age_count, age_count)
    day = publish_day[rows] + age
    expected = (
        popularity[rows]
        * (np.exp(-age / 2.5) + 0.025 / (1 + age / 30))
        * WEEKDAY_FACTOR[weekday[day]]
    )
    views = rng.poisson(expected)
    engagement_boost = np.where(formats[rows] == "video", 1.4, 1.0)
    stats = pd.DataFrame(
        {
            "date": calendar[day].date,
            "content_id": contents["content_id"].to_numpy()[rows],
            "views": views,
            "readers": rng.binomial(views, 0.82),
            "likes": rng.binomial(views, np.minimum(0.5, 0.045 * engagement_boost)),
            "comments": rng.binomial(views, 0.006),
            "shares": rng.binomial(views, 0.012 * engagement_boost),
            "favorites": rng.binomial(views, 0.018),
            "followers_gained": rng.binomial(views, 0.004),
            "cumulative": False,
        }
    )
    return contents, stats


def _attach_content(rng, events: pd.DataFrame, contents: pd.DataFrame) -> pd.DataFrame:
    views = events["event"].isin(["view_content", "like", "share"]).to_numpy()
    published = contents["published_at"].to_numpy()
    weights = rng.lognormal(0, 1.2, size=len(contents))
    cumulative_weight = np.cumsum(weights)
    # pick among items published before the event, weighted by popularity
    available = np.searchsorted(published, events.loc[views, "event_at"].to_numpy(), side="right")
    available = np.maximum(available, 1)
    draws = rng.random(views.sum()) * cumulative_weight[available - 1]
    chosen = np.minimum(np.searchsorted(cumulative_weight, draws, side="right"), available - 1)
    content_ids = np.full(len(events), None, dtype=object)
    content_ids[views] = contents["content_id"].to_numpy()[chosen]
    events["content_id"] = content_ids
    return events


def _orders(rng, purchases: pd.DataFrame, users: pd.DataFrame, timezone: str) -> pd.DataFrame:
    n = len(purchases)
    guests = max(1, n // 30)
    guest_times = (
        purchases["event_at"].sample(n=guests, random_state=int(rng.integers(1 << 31))).to_numpy()
    )
    order_user = np.concatenate(
        [purchases["user_id"].to_numpy(), np.full(guests, None, dtype=object)]
    )
    order_time = np.concatenate([purchases["event_at"].to_numpy(), guest_times])
    order_count = len(order_user)
    lines_per_order = rng.choice([1, 2, 3], size=order_count, p=[0.7, 0.22, 0.08])
    order_index = np.repeat(np.arange(order_count), lines_per_order)
    line = (
        np.arange(len(order_index))
        - np.repeat(np.cumsum(lines_per_order) - lines_per_order, lines_per_order)
        + 1
    )
    weights = PRODUCTS["weight"].to_numpy() / PRODUCTS["weight"].sum()
    product = rng.choice(len(PRODUCTS), size=len(order_index), p=weights)
    quantity = np.where(
        PRODUCTS["category"].to_numpy()[product] == "merch",
        rng.choice([1, 1, 1, 2, 3], size=len(product)),
        1,
    )
    unit_price = PRODUCTS["unit_price"].to_numpy()[product]
    amount = np.round(quantity * unit_price, 2)
    outcome = rng.choice(
        ["paid", "refunded", "partial", "cancelled"], size=order_count, p=[0.93, 0.04, 0.01, 0.02]
    )[order_index]
    refund = np.where(
        outcome == "refunded",
        amount,
        np.where(outcome == "partial", np.round(amount * 0.5, 2), 0.0),
    )
    status = np.where(outcome == "partial", "refunded", outcome)
    channel_map = dict(zip(users["user_id"], users["platform"], strict=True))
    channel = np.array(
        [channel_map.get(u, "web") if u is not None else "web" for u in order_user], dtype=object
    )
    paid_at = pd.Series(order_time[order_index])
    order_ids = np.array([f"O{n:07d}" for n in range(1, order_count + 1)], dtype=object)
    frame = pd.DataFrame(
        {
            "order_id": order_ids[order_index],
            "line": line,
            "user_id": order_user[order_index],
            "paid_at": paid_at.where(status != "cancelled", None),
            "created_at": paid_at
            - pd.to_timedelta(rng.integers(5, 900, size=len(order_index)), unit="s"),
            "product": PRODUCTS["product"].to_numpy()[product],
            "category": PRODUCTS["category"].to_numpy()[product],
            "quantity": quantity.astype(float),
            "unit_price": unit_price,
            "amount": amount,
            "currency": DEMO_CURRENCY,
            "status": status,
            "refund_amount": refund,
            "channel": channel[order_index],
        }
    )
    frame["paid_date"] = local_dates(frame["paid_at"], timezone)
    frame.loc[frame["paid_at"].isna(), "paid_date"] = None
    return frame


def _campaigns(rng, calendar, campaigns, users):
    days = len(calendar)
    start = calendar[0]
    rows, stats = [], []
    signups_by_day_channel = users.groupby(["day_index", "channel"]).size()
    for campaign, first, last in campaigns:
        rows.append(
            {
                "campaign_id": campaign.campaign_id,
                "name": campaign.name,
                "goal": campaign.goal,
                "channel": campaign.channel,
                "start_date": (start + pd.Timedelta(days=first)).date(),
                "end_date": (start + pd.Timedelta(days=last)).date(),
                "budget": float(campaign.budget),
            }
        )
        length = last - first + 1
        for day in range(max(first, 0), min(last, days - 1) + 1):
            impressions = int(rng.poisson(campaign.budget / length * 40))
            clicks = int(rng.binomial(impressions, 0.018 if campaign.goal != "brand" else 0.006))
            participants = int(rng.binomial(clicks, 0.45))
            channel_signups = int(signups_by_day_channel.get((day, campaign.channel), 0))
            new_users = (
                int(channel_signups * (1 - 1 / campaign.lift))
                if campaign.goal == "acquisition"
                else int(rng.binomial(participants, 0.05))
            )
            conversions = int(
                rng.binomial(participants, 0.12 if campaign.goal == "conversion" else 0.04)
            )
            cost = round(campaign.budget / length * rng.uniform(0.85, 1.1), 2)
            stats.append(
                {
                    "date": calendar[day].date(),
                    "campaign_id": campaign.campaign_id,
                    "ad_id": "",
                    "impressions": impressions,
                    "clicks": clicks,
                    "participants": participants,
                    "new_users": new_users,
                    "conversions": conversions,
                    "cost": cost,
                    "revenue": round(conversions * rng.uniform(60, 140), 2),
                }
            )
    return pd.DataFrame(rows), pd.DataFrame(stats)


def _experiment(rng, users, events, calendar, timezone) -> pd.DataFrame:
    days = len(calendar)
    window_start = calendar[max(0, days - 42)]
    first_seen = (
        events.loc[events["event_date"] >= window_start.date()]
        .groupby("user_id", sort=True)["event_at"]
        .min()
    )
    count = len(first_seen)
    variant = np.where(rng.random(count) < 0.5, "control", "treatment")
    rate = np.where(
        variant == "control", EXPERIMENT_RATES["control"], EXPERIMENT_RATES["treatment"]
    )
    spend = users.set_index("user_id").loc[first_seen.index, "spend"].to_numpy()
    converted = rng.random(count) < rate * np.clip(spend, 0.5, 1.6) / 1.05
    value = np.where(converted, np.round(rng.gamma(2.0, 45.0, size=count) * spend, 2), 0.0)
    return pd.DataFrame(
        {
            "experiment": EXPERIMENT,
            "user_id": first_seen.index.to_numpy(),
            "variant": variant,
            "assigned_at": first_seen.to_numpy(),
            "converted": converted,
            "value": value,
            "covariate": np.round(rng.gamma(2.0, 20.0, size=count) * spend, 2),
        }
    )
