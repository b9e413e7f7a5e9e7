"""Derived tables kept in step with the data at write time, inside the writer's transaction.

- ``user_activity_days`` (:class:`opsdash.models.UserActivityDay`): one row per (user, day with
  at least one event), with the day's event count.
- ``event_days`` (:class:`opsdash.models.EventDay`): one row per (day, event name) with the
  number of such events.

Two ways to keep them in step, both exact (a test compares them after any sequence of
imports and undos):

- **Incremental** (imports that append events, undo of a batch): :func:`add_events` after
  inserting rows, :func:`remove_events` before deleting them. Each groups only the rows
  written or removed (selected by a condition on ``events``, e.g. this batch's ids) and adds
  or subtracts their counts with ``INSERT ... ON CONFLICT DO UPDATE SET events = events +
  excluded.events``; a (user, day) or (day, event) whose count reaches 0 is deleted. The cost
  follows the rows written, not the store's size. The caller then passes ``"events"`` in
  ``refreshed`` to :func:`opsdash.store.hooks.after_data_write`.
- **Full rebuild** (registered with :mod:`opsdash.store.hooks`: replace, clear, demo,
  timezone change, and any writer that does not say it refreshed incrementally): one
  ``INSERT ... SELECT ... GROUP BY`` over all events (timings in bench/README.md).

Concurrent writers: both paths first take :func:`opsdash.store.locks.lock_writes`, so on
PostgreSQL one transaction at a time updates the rollups (the additive upsert alone would
also be correct, the lock keeps two writers from deadlocking on each other's rows); SQLite
has one writer at a time anyway.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.sql.expression import ColumnElement

from opsdash.models import Event, EventDay, UserActivityDay
from opsdash.store.hooks import register_refresher
from opsdash.store.locks import lock_writes

EVENTS = Event.__table__
ACTIVITY_DAYS = UserActivityDay.__table__
EVENT_DAYS = EventDay.__table__


def rebuild_user_activity_days(conn: sa.Connection) -> None:
    """Replace the contents of ``user_activity_days`` with the (user, event_date) pairs of
    ``events`` and their event counts, in one ``INSERT ... SELECT`` in the database.

    Grouped in the order of ``ix_events_date_user`` (SQLite streams that covering index) and
    inserted in the table's key order: ~3x faster on SQLite than unordered inserts."""
    lock_writes(conn)
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
    lock_writes(conn)
    conn.execute(sa.delete(EVENT_DAYS))
    conn.execute(
        sa.insert(EVENT_DAYS).from_select(
            ["event_date", "event", "events"],
            sa.select(EVENTS.c.event_date, EVENTS.c.event, sa.func.count()).group_by(
                EVENTS.c.event, EVENTS.c.event_date
            ),
        )
    )


def rebuild_event_rollups(conn: sa.Connection) -> None:
    """Both rollups rebuilt in full from ``events``."""
    rebuild_user_activity_days(conn)
    rebuild_event_days(conn)


def last_event_id(conn: sa.Connection) -> int:
    """The highest ``events.id`` so far (0 for none): rows inserted later in this
    transaction have higher ids, so ``id > last_event_id`` plus the batch selects exactly them
    (one PK range; another writer's rows in that range carry another batch id)."""
    return int(conn.execute(sa.select(sa.func.max(EVENTS.c.id))).scalar() or 0)


def added_rows(*, after_id: int, batch_id: int) -> ColumnElement[bool]:
    """The events this batch inserted after ``after_id`` (see :func:`last_event_id`)."""
    return sa.and_(EVENTS.c.id > after_id, EVENTS.c.batch_id == batch_id)


def add_events(conn: sa.Connection, where: ColumnElement[bool]) -> None:
    """Count the events matching ``where`` (just inserted) into both rollups."""
    lock_writes(conn)
    if _is_empty(conn, ACTIVITY_DAYS):  # first events of the store: one pass is cheaper
        rebuild_event_rollups(conn)
        return
    for target, keys in _ROLLUPS:
        _upsert_counts(conn, target, keys, _grouped(keys, where))


def remove_events(conn: sa.Connection, where: ColumnElement[bool]) -> None:
    """Take the events matching ``where`` (about to be deleted) out of both rollups; keys
    left with no event are deleted. One pass over ``events``: the rows are grouped by
    (user, day, event) into a temporary table, which each rollup then groups again."""
    lock_writes(conn)
    delta = _delta_table()
    delta.create(conn)
    try:
        conn.execute(sa.insert(delta).from_select([*delta.c.keys()], _grouped(_ALL_KEYS, where)))
        for target, keys in _ROLLUPS:
            grouped = [delta.c[name] for name in keys]
            removed = (
                sa.select(*grouped, -sa.func.sum(delta.c.events))
                .where(sa.true())
                .group_by(*grouped)
            )
            _upsert_counts(conn, target, keys, removed)
            target_keys = [target.c[name] for name in keys.values()]
            conn.execute(
                sa.delete(target).where(
                    target.c.events <= 0,
                    sa.tuple_(*target_keys).in_(sa.select(*grouped)),
                )
            )
    finally:
        delta.drop(conn)


# rollup table -> {events column: rollup column} of its key
_ROLLUPS = (
    (ACTIVITY_DAYS, {"user_id": "user_id", "event_date": "activity_date"}),
    (EVENT_DAYS, {"event_date": "event_date", "event": "event"}),
)
_ALL_KEYS = {"user_id": "user_id", "event_date": "event_date", "event": "event"}


def _grouped(keys: dict[str, str], where: ColumnElement[bool]) -> sa.Select:
    columns = [EVENTS.c[name] for name in keys]
    return sa.select(*columns, sa.func.count()).where(where).group_by(*columns)


def _upsert_counts(
    conn: sa.Connection, target: sa.Table, keys: dict[str, str], rows: sa.Select
) -> None:
    """``rows`` are (key..., count); add the count (negative: subtract) to the target's row
    of that key, inserting it when absent."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(target).from_select([*keys.values(), "events"], rows)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys.values()),
        set_={"events": target.c.events + statement.excluded.events},
    )
    conn.execute(statement)


def _delta_table() -> sa.Table:
    """A temporary table of (user_id, event_date, event, events) for one write."""
    columns = [sa.Column(name, EVENTS.c[name].type) for name in _ALL_KEYS]
    name = f"opsdash_delta_{uuid.uuid4().hex[:10]}"
    return sa.Table(
        name, sa.MetaData(), *columns, sa.Column("events", sa.Integer), prefixes=["TEMPORARY"]
    )


def _is_empty(conn: sa.Connection, table: sa.Table) -> bool:
    return conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is None


register_refresher("events", rebuild_user_activity_days)
register_refresher("events", rebuild_event_days)
