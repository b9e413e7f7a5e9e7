"""Derived tables kept in step with the data at write time (registered with
:mod:`opsdash.store.hooks`, so every write that changes a dataset refreshes them inside its
own transaction).

- ``user_activity_days`` (:class:`opsdash.models.UserActivityDay`): one row per (user, day with
  at least one event), with the day's event count. Rebuilt in full from ``events`` after any
  write that changes events (append, replace, undo, clear, timezone change): one
  ``INSERT ... SELECT ... GROUP BY`` in the database (timings in bench/README.md).
- ``event_days`` (:class:`opsdash.models.EventDay`): one row per (day, event name) with the
  number of such events; rebuilt the same way, from the (event, event_date) index.
"""

from __future__ import annotations

import sqlalchemy as sa

from opsdash.models import Event, EventDay, UserActivityDay
from opsdash.store.hooks import register_refresher

EVENTS = Event.__table__
ACTIVITY_DAYS = UserActivityDay.__table__
EVENT_DAYS = EventDay.__table__


def rebuild_user_activity_days(conn: sa.Connection) -> None:
    """Replace the contents of ``user_activity_days`` with the (user, event_date) pairs of
    ``events`` and their event counts, in one ``INSERT ... SELECT`` in the database.

    Grouped in the order of ``ix_events_date_user`` (SQLite streams that covering index) and
    inserted in the table's key order: ~3x faster on SQLite than unordered inserts."""
    conn.execute(sa.delete(ACTIVITY_DAYS))
    conn.execute(
        sa.insert(ACTIVITY_DAYS).from_select(
            ["user_id", "activity_date", "events"],
            sa.select(EVENTS.c.user_id, EVENTS.c.event_date, sa.func.count())
            .group_by(EVENTS.c.event_date, EVENTS.c.user_id)
            .order_by(EVENTS.c.user_id, EVENTS.c.event_date),
        )
    )


def rebuild_event_days(conn: sa.Connection) -> None:
    """Replace the contents of ``event_days`` with the (event_date, event) pairs of
    ``events`` and their counts (one ``INSERT ... SELECT``, read from the (event,
    event_date) index)."""
    conn.execute(sa.delete(EVENT_DAYS))
    conn.execute(
        sa.insert(EVENT_DAYS).from_select(
            ["event_date", "event", "events"],
            sa.select(EVENTS.c.event_date, EVENTS.c.event, sa.func.count()).group_by(
                EVENTS.c.event, EVENTS.c.event_date
            ),
        )
    )


register_refresher("events", rebuild_user_activity_days)
register_refresher("events", rebuild_event_days)
