"""How writers to one store take turns.

Several processes may write to one store at once (two ``opsdash import`` runs, the Data page
and a cron job). Rows of different files can be written side by side, but the derived data
(rollups, property registry, data version) is read-modify-write and must be updated by one
writer at a time:

- PostgreSQL: :func:`lock_writes` takes a transaction-scoped advisory lock
  (``pg_advisory_xact_lock``); a second writer waits there until the first commits, then
  sees the first one's rows (READ COMMITTED: every statement reads the newest commit).
- SQLite allows one writer at a time anyway: :func:`write_transaction` starts with
  ``BEGIN IMMEDIATE`` (the write lock up front, so a later read-then-write can never fail
  with a stale snapshot) and waits up to ``wait_seconds`` for another writer to finish
  instead of the connection's usual busy timeout (an import can take minutes).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from sqlalchemy.engine import Engine

# one constant key for "the store's derived data"; any 64-bit number no other tool uses
STORE_WRITE_LOCK = 0x6F707364_61736801  # "opsdash" + 1
WRITE_WAIT_SECONDS = 900.0


def lock_writes(conn: sa.Connection) -> None:
    """Wait until no other transaction writes the store's derived data, and keep that right
    until this transaction ends (PostgreSQL; a no-op on SQLite, whose write transaction
    already excludes every other writer). Taking it twice in one transaction is harmless."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(STORE_WRITE_LOCK)))


@contextmanager
def write_transaction(
    engine: Engine, *, lock: bool = True, wait_seconds: float = WRITE_WAIT_SECONDS
) -> Iterator[sa.Connection]:
    """A write transaction (committed at the end, rolled back on error).

    SQLite: ``BEGIN IMMEDIATE``, waiting up to ``wait_seconds`` for the write lock.
    PostgreSQL: :func:`lock_writes` at the start when ``lock`` (a writer that first copies
    many rows may pass ``lock=False`` and call :func:`lock_writes` itself just before it
    touches shared state, so two such writers copy their rows side by side)."""
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            raw = conn.connection.driver_connection
            usual = raw.execute("PRAGMA busy_timeout").fetchone()[0]
            raw.execute(f"PRAGMA busy_timeout={int(wait_seconds * 1000)}")
        try:
            with conn.begin():
                if sqlite:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                elif lock:
                    lock_writes(conn)
                yield conn
        finally:
            if sqlite:
                raw.execute(f"PRAGMA busy_timeout={int(usual)}")
