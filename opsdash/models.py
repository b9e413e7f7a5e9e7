"""The store's tables, in one place.

Conventions (also in docs/data-model.md, which is generated from this module):
- IDs are strings, as exports write them (leading zeros kept).
- Timestamps (``*_at``) are naive UTC. Each has a companion ``*_date`` column: the calendar
  day in the reporting timezone (setting ``OPSDASH_TIMEZONE``), kept in step by
  :func:`opsdash.store.localdates.refresh_local_dates` when that setting changes. Day, week and
  month boundaries everywhere come from these columns.
- Every data row records the import batch that wrote it (``batch_id``), so a batch can be
  undone exactly. Demo data is a batch too.
- Natural keys (unique constraints) make re-importing the same rows an upsert, not a duplicate.
- Measures of content_stats and campaign_stats (views, clicks, cost, revenue ...) that a file
  does not have, or leaves empty, are NULL ("not in the data"), never 0: sums over them are
  NULL and ratios using them are missing.
"""

# No ``from __future__ import annotations``: SQLModel reads the annotations at class creation.
import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, Text, UniqueConstraint, false
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

COUNTER = BigInteger  # view counts of popular content exceed 32 bits
# Naive UTC timestamps: bulk paths (executemany, COPY) bypass type processors, and a naive
# column means no dependence on a PostgreSQL session's TimeZone.
UTC_TIMESTAMP = DateTime(timezone=False)


# Per-row properties: every column of an export that is not mapped to a field, keyed by its
# header as the file writes it (trimmed). JSON1 text on SQLite, JSONB on PostgreSQL.
class PropertiesJSON(TypeDecorator):
    """JSON, as JSONB on PostgreSQL. The PostgreSQL dialect is imported only when a
    PostgreSQL connection needs it (it costs every SQLite start-up a tenth of a second)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


PROPERTIES_TYPE = PropertiesJSON()


def _counter(description: str) -> object:
    # a measure the file does not have is NULL ("not in the data"), never 0
    return Field(default=None, ge=0, sa_type=COUNTER, nullable=True, description=description)


def _properties_field() -> Any:
    return Field(
        default=None,
        sa_type=PROPERTIES_TYPE,
        nullable=True,
        description="Columns of the file not mapped to a field, as a JSON object "
        "{header: value} (numbers as numbers, dates as ISO text); see property_keys.",
    )


def _batch_field(*, index: bool = True) -> object:
    return Field(
        default=None,
        foreign_key="import_batches.id",
        index=index,
        description="Import batch that wrote the row (opsdash-managed).",
    )


class ImportBatch(SQLModel, table=True):
    """One import (a file, or the demo data): the unit of history and undo."""

    __tablename__ = "import_batches"

    id: int | None = Field(default=None, primary_key=True, description="Batch number.")
    kind: str = Field(description="Dataset kind: users, events, contents, ... or demo.")
    file_name: str = Field(description="Name of the imported file as uploaded.")
    sha256: str = Field(default="", description="SHA-256 of the file's bytes.")
    mode: str = Field(default="append", description="append or replace.")
    rows_read: int = Field(default=0, description="Data rows read from the file.")
    rows_imported: int = Field(default=0, description="Rows written (inserted or updated).")
    rows_rejected: int = Field(default=0, description="Rows that failed validation.")
    rows_duplicate: int = Field(default=0, description="Rows already in the store, skipped.")
    created_by: str | None = Field(default=None, description="User who ran the import.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When the import ran (UTC).")
    undone_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="When it was undone (UTC)."
    )


class User(SQLModel, table=True):
    """One row per user (customer, member, player): the acquisition record."""

    __tablename__ = "users"
    # covering for "users who signed up in a range, by channel": cohorts, new users, channel
    # quality read the index alone (3-4x faster on SQLite than fetching each row)
    __table_args__ = (Index("ix_users_signup_channel", "signup_date", "channel", "user_id"),)

    user_id: str = Field(primary_key=True, description="User ID as the source system writes it.")
    signup_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="Registration time (UTC).")
    signup_date: dt.date = Field(description="Registration day, reporting timezone.")
    channel: str | None = Field(default=None, index=True, description="Acquisition channel.")
    platform: str | None = Field(default=None, description="ios, android, web, miniprogram ...")
    region: str | None = Field(default=None, description="Region or country.")
    level: str | None = Field(default=None, description="Membership tier / user level.")
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field()


class Event(SQLModel, table=True):
    """One row per behaviour event (open, view, like, add_to_cart, purchase ...)."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_user_time", "user_id", "event_at"),
        Index("ix_events_date_user", "event_date", "user_id"),
        Index("ix_events_event_date", "event", "event_date"),
    )

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    user_id: str = Field(description="Who did it.")
    event_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When (UTC).")
    event_date: dt.date = Field(description="Day of the event, reporting timezone.")
    event: str = Field(description="Event name, e.g. app_open, view_content, purchase.")
    content_id: str | None = Field(default=None, description="Content the event concerns.")
    campaign_id: str | None = Field(default=None, description="Campaign the event belongs to.")
    value: float | None = Field(default=None, description="Numeric value (amount, duration).")
    row_key: int = Field(
        sa_type=BigInteger,
        unique=True,
        description="Deduplication key: signed 64-bit hash of the row's content and its "
        "occurrence number among identical rows of the same file (opsdash-managed).",
    )
    # no index: each index costs ~1.5 s per million imported rows; undo can scan
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field(index=False)


class UserActivityDay(SQLModel, table=True):
    """Rollup (opsdash-managed, never imported): one row per user and day (``event_date``)
    with at least one event, and that day's event count. Kept in step with ``events`` by
    :mod:`opsdash.store.rollups` inside every write that changes events; "any event" activity
    metrics read it instead of the events table."""

    __tablename__ = "user_activity_days"
    __table_args__ = (Index("ix_user_activity_days_date_user", "activity_date", "user_id"),)

    user_id: str = Field(primary_key=True, description="Who was active.")
    activity_date: dt.date = Field(
        primary_key=True, description="Day with at least one event (events.event_date)."
    )
    events: int = Field(default=0, description="Number of events that day.")


class EventDay(SQLModel, table=True):
    """Rollup (opsdash-managed, never imported): one row per day (``event_date``) and event
    name, with that day's number of such events. Kept in step with ``events`` by
    :mod:`opsdash.store.rollups` inside every write that changes events; event pickers and
    per-event counts read it instead of scanning every event."""

    __tablename__ = "event_days"

    event_date: dt.date = Field(primary_key=True, description="Day (events.event_date).")
    event: str = Field(primary_key=True, description="Event name.")
    events: int = Field(default=0, description="Number of such events that day.")


class Content(SQLModel, table=True):
    """One row per content item (article, video, poster, podcast, live session)."""

    __tablename__ = "contents"

    content_id: str = Field(primary_key=True, description="Content ID.")
    title: str | None = Field(default=None, description="Title as published.")
    category: str | None = Field(default=None, index=True, description="Category or column (专栏).")
    format: str | None = Field(default=None, description="article, video, poster, podcast, live.")
    author: str | None = Field(default=None, description="Author or creator.")
    channel: str | None = Field(default=None, description="Distribution channel / platform.")
    published_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="Publishing time (UTC)."
    )
    published_date: dt.date | None = Field(
        default=None, index=True, description="Publishing day, reporting timezone."
    )
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field()


class ContentStat(SQLModel, table=True):
    """Per-day statistics of a content item (WeChat-style daily export), or a snapshot of its
    lifetime totals on a day (Medium/bilibili-style export) when ``cumulative`` is true."""

    __tablename__ = "content_stats"
    __table_args__ = (UniqueConstraint("content_id", "date", name="uq_content_stats_content_date"),)

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    date: dt.date = Field(index=True, description="Day the numbers are for (reporting timezone).")
    content_id: str = Field(description="Content ID (see contents).")
    views: int | None = _counter("Views / plays (阅读量, 播放量).")
    readers: int | None = _counter("Distinct readers / viewers (阅读人数).")
    likes: int | None = _counter("Likes (点赞).")
    comments: int | None = _counter("Comments (评论).")
    shares: int | None = _counter("Shares (分享, 转发).")
    favorites: int | None = _counter("Favorites / saves (收藏).")
    coins: int | None = Field(
        default=None,
        ge=0,
        sa_type=COUNTER,
        nullable=True,
        description="Coins given (投币, bilibili).",
    )
    danmaku: int | None = Field(
        default=None,
        ge=0,
        sa_type=COUNTER,
        nullable=True,
        description="Bullet comments (弹幕, bilibili).",
    )
    followers_gained: int | None = Field(
        default=None,
        sa_type=COUNTER,
        nullable=True,
        description="Followers gained through the item (may be < 0).",
    )
    cumulative: bool = Field(
        default=False,
        description="True: the row holds lifetime totals as of `date` (snapshot export); "
        "false: the numbers of that day only.",
    )
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field()


class Campaign(SQLModel, table=True):
    """One row per campaign (活动)."""

    __tablename__ = "campaigns"

    campaign_id: str = Field(primary_key=True, description="Campaign ID.")
    name: str | None = Field(default=None, description="Campaign name.")
    goal: str | None = Field(
        default=None,
        description="acquisition (拉新), activation (促活), retention (留存), "
        "conversion (转化), brand.",
    )
    channel: str | None = Field(default=None, description="Main channel.")
    start_date: dt.date | None = Field(default=None, description="First day (inclusive).")
    end_date: dt.date | None = Field(default=None, description="Last day (inclusive).")
    budget: float | None = Field(default=None, ge=0, description="Planned spend.")
    batch_id: int | None = _batch_field()


class CampaignStat(SQLModel, table=True):
    """Per-day (and optionally per-ad) results of a campaign."""

    __tablename__ = "campaign_stats"
    __table_args__ = (
        UniqueConstraint("campaign_id", "date", "ad_id", name="uq_campaign_stats_key"),
        Index("ix_campaign_stats_campaign_date", "campaign_id", "date"),
    )

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    date: dt.date = Field(index=True, description="Day the numbers are for.")
    campaign_id: str = Field(description="Campaign ID (see campaigns).")
    ad_id: str = Field(
        default="", description="Ad, ad group or creative; empty for per-campaign exports."
    )
    impressions: int | None = _counter("Impressions (曝光).")
    clicks: int | None = _counter("Clicks (点击).")
    participants: int | None = _counter("Participants (参与人数).")
    new_users: int | None = _counter("New users acquired (新增).")
    conversions: int | None = _counter("Conversions (转化).")
    cost: float | None = Field(
        default=None, ge=0, nullable=True, description="Spend (NULL: not in the data)."
    )
    revenue: float | None = Field(
        default=None, nullable=True, description="Revenue attributed (NULL: not in the data)."
    )
    cumulative: bool = Field(
        default=False,
        sa_column_kwargs={"server_default": false()},
        description="True: the row holds running totals as of `date` (snapshot export); "
        "false: the numbers of that day only.",
    )
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field()


class ChannelStat(SQLModel, table=True):
    """Per-day (or per-report) traffic of a shop or site by acquisition channel, as traffic and
    channel reports export it (生意参谋 流量来源: 访客数, 支付转化率, 客单价). A measure the
    report does not have is NULL ("not in the data"), never 0."""

    __tablename__ = "channel_stats"
    __table_args__ = (
        UniqueConstraint("date", "channel", "sub_channel", name="uq_channel_stats_key"),
    )

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    date: dt.date = Field(index=True, description="Day (or report date) the numbers are for.")
    channel: str = Field(description="Traffic source / channel (流量来源).")
    sub_channel: str = Field(
        default="", description="Source detail within the channel (来源明细); empty if none."
    )
    visitors: int | None = Field(
        default=None, ge=0, sa_type=COUNTER, description="Unique visitors (访客数)."
    )
    pageviews: int | None = Field(
        default=None, ge=0, sa_type=COUNTER, description="Page views (浏览量)."
    )
    buyers: int | None = Field(
        default=None, ge=0, sa_type=COUNTER, description="Paying buyers (支付买家数)."
    )
    conversion_rate: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Paying conversion rate (支付转化率) = buyers / visitors, as a fraction "
        "(9.98% -> 0.0998).",
    )
    average_order_value: float | None = Field(
        default=None, ge=0, description="Average order value (客单价) = revenue / orders."
    )
    orders: int | None = Field(
        default=None, ge=0, sa_type=COUNTER, description="Paid orders (支付订单数)."
    )
    revenue: float | None = Field(default=None, description="Paid revenue (支付金额).")
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field()


class OrderLine(SQLModel, table=True):
    """One order line, the way shop exports come: an order may span several lines; a line
    with no known user is still revenue."""

    __tablename__ = "orders"
    __table_args__ = (
        UniqueConstraint("order_id", "line", name="uq_orders_order_line"),
        Index("ix_orders_user_paid", "user_id", "paid_at"),
    )

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    order_id: str = Field(description="Order / invoice number.")
    line: int = Field(default=1, ge=1, description="Line number within the order (1, 2, ...).")
    user_id: str | None = Field(default=None, description="Buyer; empty for guest orders.")
    paid_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="Payment time (UTC)."
    )
    paid_date: dt.date | None = Field(
        default=None, index=True, description="Payment day, reporting timezone."
    )
    created_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="Order creation time (UTC)."
    )
    product: str | None = Field(default=None, description="Product / SKU.")
    category: str | None = Field(default=None, description="Product category.")
    quantity: float = Field(default=1.0, description="Units.")
    unit_price: float | None = Field(default=None, description="Price per unit.")
    amount: float = Field(description="Line amount paid (quantity × unit price if not given).")
    currency: str | None = Field(default=None, description="ISO currency code.")
    status: str = Field(
        default="paid",
        description="paid, refunded (fully or partly, see refund_amount), returned (a return "
        "or cancellation line: negative amount and quantity), adjustment (not a sale: left "
        "out), cancelled, unpaid.",
    )
    refund_amount: float = Field(default=0.0, ge=0, description="Amount refunded on the line.")
    channel: str | None = Field(default=None, description="Sales channel.")
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field()


class ExperimentAssignment(SQLModel, table=True):
    """One user's assignment to an A/B test variant, with the outcome."""

    __tablename__ = "experiment_assignments"
    __table_args__ = (
        UniqueConstraint("experiment", "user_id", name="uq_experiment_assignments_key"),
    )

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    experiment: str = Field(index=True, description="Experiment name / key.")
    user_id: str = Field(description="User ID.")
    variant: str = Field(description="Variant name; the control is named in the analysis.")
    assigned_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="First exposure (UTC)."
    )
    converted: bool | None = Field(default=None, description="Whether the user converted.")
    value: float | None = Field(default=None, description="Continuous outcome (revenue, time).")
    covariate: float | None = Field(
        default=None, description="Pre-experiment value of the metric, for CUPED."
    )
    batch_id: int | None = _batch_field()


class Feedback(SQLModel, table=True):
    """One piece of user feedback (用户反馈): an app-store review, a support ticket, a survey
    answer, a comment. The text is stored exactly as given and never rendered as HTML."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_date_source", "submitted_date", "source"),)

    feedback_id: str = Field(
        primary_key=True,
        description="Feedback ID; derived when absent (fb- + hash of the row's content and "
        "its occurrence in the file).",
    )
    submitted_at: dt.datetime = Field(
        sa_type=UTC_TIMESTAMP,
        description="When it was submitted (UTC); a file without dates takes the import day "
        "(or --date).",
    )
    submitted_date: dt.date = Field(description="Day submitted, reporting timezone.")
    user_id: str | None = Field(default=None, description="Who gave it, when known.")
    source: str | None = Field(
        default=None, description="Where it came from: app store, 客服工单, 问卷, 评论, 社群 ..."
    )
    rating: float | None = Field(default=None, description="Star rating, 1 to 5.")
    nps_score: int | None = Field(default=None, description="Likelihood to recommend, 0 to 10.")
    text: str | None = Field(
        default=None,
        sa_type=Text,
        description="The feedback text, as given (empty for a rating or score without a comment).",
    )
    sentiment: str | None = Field(
        default=None,
        description="positive, negative or neutral: the file's label column (1/0, 正面/负面, "
        "positive/negative) when it has one, else from the rating, the NPS score or the "
        "text (see sentiment_basis); empty when none applies.",
    )
    sentiment_basis: str | None = Field(
        default=None,
        description="What the sentiment comes from (opsdash-managed): label (the file's), "
        "rating (4-5 stars positive, 3 neutral, 1-2 negative), nps (9-10 / 7-8 / 0-6) or "
        "classifier (the text; see opsdash/feedback/sentiment.py).",
    )
    version: str | None = Field(default=None, description="App or product version.")
    platform: str | None = Field(default=None, description="ios, android, web ...")
    category: str | None = Field(default=None, description="Category or product.")
    tags: str | None = Field(default=None, description="Tags as given (comma separated).")
    properties: dict | None = _properties_field()
    batch_id: int | None = _batch_field()


class FeedbackTheme(SQLModel, table=True):
    """A theme the team defines on the Feedback page (opsdash-managed, not imported): a name
    and the keywords that tag an item with it (e.g. 稳定性: 卡顿, 闪退, 加载慢)."""

    __tablename__ = "feedback_themes"

    name: str = Field(primary_key=True, description="Theme name.")
    keywords: str = Field(
        sa_column=Column(Text, nullable=False),
        description="Keywords, one per line; an item containing any of them has the theme.",
    )
    updated_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="When last saved (UTC)."
    )


class Target(SQLModel, table=True):
    """A monthly target for a key metric (分解指标、规划目标)."""

    __tablename__ = "targets"

    metric: str = Field(primary_key=True, description="Metric key, e.g. new_users, revenue.")
    month: str = Field(primary_key=True, description="Month, YYYY-MM.")
    value: float = Field(description="Target value for the month.")
    set_by: str | None = Field(default=None, description="Who set it.")
    set_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="When (UTC)."
    )


class PropertyKey(SQLModel, table=True):
    """The properties present in a dataset kind's rows (opsdash-managed): one row per kind and
    property name, with the value type detected at import. Property names given as filters or
    breakdowns are validated against it, never interpolated into SQL."""

    __tablename__ = "property_keys"

    kind: str = Field(primary_key=True, description="Dataset kind: users, events, orders ...")
    name: str = Field(primary_key=True, description="Property name (the file's header, trimmed).")
    value_type: str = Field(default="text", description="text, number or date.")


class ColumnMapping(SQLModel, table=True):
    """A saved column mapping, reused for the next export of the same tool."""

    __tablename__ = "column_mappings"

    name: str = Field(primary_key=True, description="Mapping name.")
    kind: str = Field(description="Dataset kind it maps to.")
    mapping: str = Field(sa_column=Column(Text, nullable=False), description="JSON options.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When saved (UTC).")


class StoreMeta(SQLModel, table=True):
    """Key/value facts about the store: data_version (bumped by every write),
    timezone (the one the *_date columns were computed in)."""

    __tablename__ = "store_meta"

    key: str = Field(primary_key=True, description="Name.")
    value: str = Field(description="Value.")


# Dataset kinds a user can import, mapped to their table. Order = dependency order.
DATASETS: dict[str, type[SQLModel]] = {
    "users": User,
    "events": Event,
    "contents": Content,
    "content_stats": ContentStat,
    "campaigns": Campaign,
    "campaign_stats": CampaignStat,
    "orders": OrderLine,
    "experiment_assignments": ExperimentAssignment,
    "channel_stats": ChannelStat,
    "feedback": Feedback,
}


class AppUser(SQLModel, table=True):
    """A person who may sign in to the dashboard (not a product user: see ``users``).

    Passwords are stored only as bcrypt hashes. ``failed_attempts`` counts consecutive failed
    sign-ins; reaching the lockout threshold sets ``locked_until`` (naive UTC), after which the
    counter starts again. ``password_changed_at`` invalidates sign-in cookies issued before it."""

    __tablename__ = "app_users"

    username: str = Field(primary_key=True, description="Sign-in name, lower case.")
    display_name: str = Field(default="", description="Name shown in the app.")
    role: str = Field(description="admin, editor or viewer.")
    password_hash: str = Field(description="bcrypt hash of the password.")
    failed_attempts: int = Field(default=0, description="Consecutive failed sign-ins.")
    locked_until: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="Sign-in refused until then (UTC)."
    )
    password_changed_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="When the password was last set (UTC)."
    )
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When added (UTC).")


# --- cohorts (用户分群) ----------------------------------------------------------------------


class Cohort(SQLModel, table=True):
    """A named set of users (opsdash-managed). ``static``: the users saved in
    ``cohort_members`` when it was created; ``dynamic``: ``rule`` re-evaluated over the users
    table on every read."""

    __tablename__ = "cohorts"

    id: int | None = Field(default=None, primary_key=True, description="Cohort number.")
    name: str = Field(unique=True, description="Cohort name, as picked in the sidebar.")
    kind: str = Field(description="static or dynamic.")
    rule: str | None = Field(
        default=None,
        sa_column=Column(Text, nullable=True),
        description='JSON rule: {"where": [[NAME, [VALUE, ...]], ...], "signup_from": '
        '"YYYY-MM-DD" | null, "signup_to": ... } (where: users fields or user properties, '
        "values of one name OR, names AND); how a static cohort was chosen, or a dynamic "
        "cohort's definition.",
    )
    created_by: str | None = Field(default=None, description="Who saved it.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When (UTC).")


class CohortMember(SQLModel, table=True):
    """The users of a static cohort (opsdash-managed)."""

    __tablename__ = "cohort_members"

    cohort_id: int = Field(
        primary_key=True, foreign_key="cohorts.id", ondelete="CASCADE", description="Cohort."
    )
    user_id: str = Field(primary_key=True, description="User ID (need not be in users).")


# --------------------------------------------------------------------------- the brief's push


class NotificationChannel(SQLModel, table=True):
    """Where ``opsdash brief --send`` pushes the morning brief (opsdash-managed). ``target``
    (a webhook URL, or the e-mail recipients) and ``secret`` (a robot's signing secret, or the
    SMTP password) are secrets: never shown to viewers, never printed or logged."""

    __tablename__ = "notification_channels"

    name: str = Field(primary_key=True, description="Channel name, unique (e.g. ops-wecom).")
    kind: str = Field(description="wecom, dingtalk, feishu, webhook or email.")
    target: str = Field(description="Webhook URL, or comma-separated e-mail recipients.")
    secret: str | None = Field(default=None, description="Signing secret or SMTP password.")
    created_by: str | None = Field(default=None, description="Who added it.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When added (UTC).")


class NotificationLog(SQLModel, table=True):
    """One send of a day's brief to one channel: a re-run skips what was sent unless forced."""

    __tablename__ = "notification_log"

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    day: dt.date = Field(index=True, description="The brief's day.")
    channel: str = Field(description="Channel name.")
    status: str = Field(description="sent or failed.")
    attempts: int = Field(default=1, description="Attempts made.")
    detail: str | None = Field(default=None, description="Why it failed (no secrets).")
    sent_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When (UTC).")


class Annotation(SQLModel, table=True):
    """A dated note shown on every trend chart (时间标注): a release, an outage, a holiday."""

    __tablename__ = "annotations"

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    day: dt.date = Field(index=True, description="The day it concerns.")
    text: str = Field(description="The note.")
    created_by: str | None = Field(default=None, description="Who added it.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When added (UTC).")


class AlertRule(SQLModel, table=True):
    """An alert on a brief metric, sent with the brief (``opsdash brief --send``)."""

    __tablename__ = "alert_rules"

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    metric: str = Field(description="A brief metric: new_users, dau, revenue ...")
    condition: str = Field(description="anomaly, above, below or change.")
    threshold: float | None = Field(
        default=None, description="The value (above/below) or the share (change, 0.2 = 20%)."
    )
    segment: str | None = Field(default=None, description="NAME=VALUE of a users field.")
    channel: str | None = Field(default=None, description="Channel name; empty: every channel.")
    created_by: str | None = Field(default=None, description="Who added it.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When added (UTC).")


# --- sign-in sessions (server side) -------------------------------------------------------


class AppSession(SQLModel, table=True):
    """One sign-in: the sign-in cookie names it by ``id`` (a random token; only its SHA-256 is
    stored), and it is checked on every run. Sign-out sets ``revoked_at``; a password reset or a
    removal revokes every session of the account; ``expires_at`` is the most a sign-in lasts
    (setting ``cookie_expiry_days``), whatever the cookie says."""

    __tablename__ = "app_sessions"

    id_hash: str = Field(primary_key=True, description="SHA-256 (hex) of the session token.")
    username: str = Field(index=True, description="The account signed in.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="Signed in at (UTC).")
    expires_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="Ends at the latest (UTC).")
    revoked_at: dt.datetime | None = Field(
        sa_type=UTC_TIMESTAMP, default=None, description="Signed out / revoked at (UTC)."
    )


class BatchClaim(SQLModel, table=True):
    """A row a batch found already stored, identical (one of its duplicates): the row keeps
    its batch (``owner_batch_id`` then), but this batch counts on it. Undoing the owner hands
    the row to the newest active claiming batch instead of deleting it."""

    __tablename__ = "batch_claims"
    __table_args__ = (Index("ix_batch_claims_row", "kind", "row_pk"),)

    id: int | None = Field(default=None, primary_key=True, description="Row number (opsdash).")
    batch_id: int = Field(index=True, description="The batch that found the row present.")
    kind: str = Field(description="Dataset kind of the row.")
    row_pk: str = Field(description="The row's primary key, as text.")
    owner_batch_id: int = Field(description="The batch the row belonged to then.")


class SavedView(SQLModel, table=True):
    """A named view (视图): a page with its filters and settings, as a URL query string,
    saved by a user for themselves (``personal``) or for everyone (``team``) and optionally
    pinned to the Overview."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("scope", "owner", "name", name="uq_saved_views_name"),)

    id: int | None = Field(default=None, primary_key=True, description="View number.")
    name: str = Field(description="The name its owner gave it.")
    scope: str = Field(description="personal or team.")
    owner: str = Field(index=True, description="Whose it is (username); empty: the team's.")
    page: str = Field(description="The page's url_path: users, paths, revenue ...")
    query: str = Field(
        sa_column=Column(Text, nullable=False),
        description='JSON {"PARAM": ["VALUE", ...]}: the filters and page settings, as in the '
        "page's URL (validated again when opened).",
    )
    pinned: bool = Field(default=False, description="Shown on the Overview.")
    created_at: dt.datetime = Field(sa_type=UTC_TIMESTAMP, description="When saved (UTC).")
