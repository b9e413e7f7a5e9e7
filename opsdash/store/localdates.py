"""Keep the ``*_date`` columns in the reporting timezone in force.

They are computed at write time; when the timezone setting changes, the next start-up
recomputes them all in one transaction (and bumps the data version)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.models import Content, Event, OrderLine, User
from opsdash.store.hooks import after_data_write
from opsdash.store.meta import get_meta, set_meta

TIMEZONE_KEY = "timezone"
# table -> (timestamp column, local date column)
LOCAL_DATE_COLUMNS = {
    User.__table__: ("signup_at", "signup_date"),
    Event.__table__: ("event_at", "event_date"),
    OrderLine.__table__: ("paid_at", "paid_date"),
    Content.__table__: ("published_at", "published_date"),
}


def refresh_local_dates(engine: Engine, *, timezone: str) -> bool:
    """Recompute every ``*_date`` column if the store's dates were computed in another
    timezone; return whether anything was recomputed."""
    with engine.begin() as conn:
        stored = get_meta(conn, TIMEZONE_KEY)
        if stored == timezone:
            return False
        if stored is not None:
            for table, (stamp, day) in LOCAL_DATE_COLUMNS.items():
                _recompute(conn, table, stamp, day, timezone)
            after_data_write(conn, ["users", "events", "orders", "contents"])  # rollups too
        set_meta(conn, TIMEZONE_KEY, timezone)
    return stored is not None


def _recompute(conn: sa.Connection, table: sa.Table, stamp: str, day: str, timezone: str) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(
            table.update().values(
                {
                    day: sa.cast(
                        sa.func.timezone(timezone, sa.func.timezone("UTC", table.c[stamp])), sa.Date
                    )
                }
            )
        )
        return
    # SQLite has no timezone database: one UPDATE calling a Python function on each row.
    zone = ZoneInfo(timezone)

    def local_day(text: str | None) -> str | None:
        if text is None:
            return None
        stamp = dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)
        return stamp.astimezone(zone).date().isoformat()

    conn.connection.dbapi_connection.create_function(
        "opsdash_local_day", 1, local_day, deterministic=True
    )
    conn.execute(table.update().values({day: sa.func.opsdash_local_day(table.c[stamp])}))
