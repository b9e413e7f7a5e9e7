"""SQLite while an import writes: every connection (the auth store's included) is in WAL mode
with a busy timeout, so reads and sign-ins keep working during an open import transaction,
and a sign-in that must write waits for the import instead of failing "database is locked"."""

from __future__ import annotations

import datetime as dt
import threading
import time

import sqlalchemy as sa

from opsdash.auth import add_account, authenticate
from opsdash.db import SQLITE_BUSY_TIMEOUT_MS, init_store, make_engine
from opsdash.models import User

HOLD_SECONDS = 8.0  # longer than a bcrypt check on a busy machine


def _engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_store(engine, timezone="UTC")
    add_account(engine, username="ada", password="a-long-password", role="admin")
    return engine


def _hold_import_transaction(engine, started: threading.Event) -> None:
    """An import's write transaction, open for HOLD_SECONDS (it holds SQLite's write lock)."""
    with engine.begin() as conn:
        conn.execute(
            User.__table__.insert().values(
                user_id="u-import",
                signup_at=dt.datetime(2024, 1, 1),
                signup_date=dt.date(2024, 1, 1),
            )
        )
        started.set()
        time.sleep(HOLD_SECONDS)


def test_every_connection_has_wal_and_a_busy_timeout(tmp_path):
    engine = _engine(tmp_path)
    with engine.connect() as first, engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS


def test_sign_in_and_reads_work_while_an_import_transaction_is_open(tmp_path):
    # Reads never wait for the import. A sign-in writes (the attempt is counted before the
    # password is checked, so lockout cannot be raced, and the session is stored): on SQLite
    # it waits for the import's commit within the busy timeout instead of failing.
    engine = _engine(tmp_path)
    started = threading.Event()
    writer = threading.Thread(target=_hold_import_transaction, args=(engine, started))
    writer.start()
    try:
        assert started.wait(10)
        began = time.monotonic()
        with engine.connect() as conn:
            users = conn.execute(sa.select(sa.func.count()).select_from(User.__table__)).scalar()
        read_elapsed = time.monotonic() - began
        assert writer.is_alive(), "the import transaction was still open"
        result = authenticate(
            engine, "ada", "a-long-password", lockout_attempts=5, lockout_minutes=15
        )
    finally:
        writer.join()
    assert users == 0  # the import's rows are not visible before it commits
    assert read_elapsed < HOLD_SECONDS  # the read did not wait for the import
    assert result.status == "ok"  # the sign-in waited, it did not fail


def test_a_failed_sign_in_waits_for_the_import_instead_of_failing(tmp_path):
    engine = _engine(tmp_path)
    started = threading.Event()
    writer = threading.Thread(target=_hold_import_transaction, args=(engine, started))
    writer.start()
    try:
        assert started.wait(10)
        result = authenticate(
            engine, "ada", "wrong-password", lockout_attempts=5, lockout_minutes=15
        )
    finally:
        writer.join()
    assert result.status == "invalid"  # counted (a write), after the import committed
    with engine.connect() as conn:
        failures = conn.exec_driver_sql(
            "SELECT failed_attempts FROM app_users WHERE username = 'ada'"
        ).scalar()
    assert failures == 1
