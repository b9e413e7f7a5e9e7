"""Rollups kept in step incrementally, and concurrent imports into one store (both DBs).

The expected numbers are computed with plain pandas from the files themselves, and the
incremental rollups are compared with a full rebuild from ``events``."""

from __future__ import annotations

import random
import threading

import pandas as pd
import sqlalchemy as sa

from opsdash.db import make_engine
from opsdash.ingest import import_file, undo_batch
from opsdash.store import locks
from opsdash.store.rollups import rebuild_event_rollups

TZ = "UTC"


def events_csv(seed: int, rows: int, *, users: int = 40, days: int = 6) -> bytes:
    """A small events file: users, days and event names overlap between seeds."""
    rng = random.Random(seed)
    lines = ["user_id,event,event_at"]
    for _ in range(rows):
        user = f"u{rng.randrange(users):03d}"
        event = rng.choice(["app_open", "view_content", "purchase"])
        stamp = f"2024-03-{1 + rng.randrange(days):02d} {rng.randrange(24):02d}:"
        stamp += f"{rng.randrange(60):02d}:{rng.randrange(60):02d}"
        lines.append(f"{user},{event},{stamp}")
    return ("\n".join(lines) + "\n").encode()


def expected_rollups(files: list[bytes]) -> tuple[set, set]:
    """(user, day, count) and (day, event, count) from the files, with pandas; identical rows
    of one file are distinct events (see opsdash.ingest.derive.event_row_keys)."""
    import io

    frames = [pd.read_csv(io.BytesIO(data)) for data in files]
    events = pd.concat(frames, ignore_index=True)
    events["day"] = pd.to_datetime(events["event_at"]).dt.date.astype(str)
    by_user = events.groupby(["user_id", "day"]).size()
    by_event = events.groupby(["day", "event"]).size()
    return (
        {(u, d, int(n)) for (u, d), n in by_user.items()},
        {(d, e, int(n)) for (d, e), n in by_event.items()},
    )


def stored_rollups(engine) -> tuple[set, set]:
    with engine.connect() as conn:
        users = conn.exec_driver_sql(
            "SELECT user_id, activity_date, events FROM user_activity_days"
        ).all()
        events = conn.exec_driver_sql("SELECT event_date, event, events FROM event_days").all()
    return (
        {(u, str(d), int(n)) for u, d, n in users},
        {(str(d), e, int(n)) for d, e, n in events},
    )


def rebuilt_rollups(engine) -> tuple[set, set]:
    """What a full rebuild from ``events`` gives (computed, then rolled back)."""
    with engine.connect() as conn:
        transaction = conn.begin()
        rebuild_event_rollups(conn)
        users = conn.exec_driver_sql(
            "SELECT user_id, activity_date, events FROM user_activity_days"
        ).all()
        events = conn.exec_driver_sql("SELECT event_date, event, events FROM event_days").all()
        transaction.rollback()
    return (
        {(u, str(d), int(n)) for u, d, n in users},
        {(str(d), e, int(n)) for d, e, n in events},
    )


def event_count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()


def test_appends_and_undos_keep_rollups_equal_to_a_rebuild(engine):
    """Property-style: a random sequence of appends (some repeating a file: all duplicates)
    and undos; after every step the rollups equal a full rebuild and the pandas numbers of
    the files still in the store."""
    rng = random.Random(17)
    files = {seed: events_csv(seed, rng.randrange(10, 60)) for seed in range(5)}
    live: dict[int, int] = {}  # batch id -> seed
    for step in range(10):
        if live and rng.random() < 0.35:
            batch = rng.choice(sorted(live))
            undo_batch(engine, batch)
            del live[batch]
        else:
            seed = rng.choice(sorted(files))
            result = import_file(
                engine, files[seed], kind="events", file_name=f"e{seed}.csv", timezone=TZ
            )
            if result.rows_imported:  # a file already in the store adds nothing
                live[result.batch_id] = seed
        stored = stored_rollups(engine)
        assert stored == rebuilt_rollups(engine), f"step {step}"
        expected = expected_rollups([files[s] for s in live.values()]) if live else (set(), set())
        assert stored == expected, f"step {step}"


def _import_at_once(url: str, files: list[bytes], barrier_at_lock: bool, monkeypatch) -> list:
    """Import each file from its own thread and engine, started together."""
    start = threading.Barrier(len(files))
    results: list = [None] * len(files)
    if barrier_at_lock:
        # both transactions have copied their rows before either refreshes the rollups:
        # the case that failed with UniqueViolation on user_activity_days_pkey
        at_lock = threading.Barrier(len(files), timeout=30)
        real = locks.lock_writes
        seen: set[int] = set()

        def lock_after_the_other_copied(conn):
            if id(conn.connection.dbapi_connection) not in seen:
                seen.add(id(conn.connection.dbapi_connection))
                at_lock.wait()
            real(conn)

        monkeypatch.setattr("opsdash.ingest.write.lock_writes", lock_after_the_other_copied)

    def run(position: int) -> None:
        engine = make_engine(url)
        try:
            start.wait()
            results[position] = import_file(
                engine, files[position], kind="events", file_name=f"f{position}.csv", timezone=TZ
            )
        except Exception as error:  # reported by the assertion below
            results[position] = error
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(files))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_concurrent_imports_of_different_files_both_succeed(engine, monkeypatch):
    files = [events_csv(101, 3000, users=300, days=10), events_csv(202, 3000, users=300, days=10)]
    url = engine.url.render_as_string(hide_password=False)
    postgres = engine.dialect.name == "postgresql"
    results = _import_at_once(url, files, postgres, monkeypatch)
    assert all(not isinstance(r, Exception) for r in results), results
    assert [r.rows_imported for r in results] == [3000, 3000]
    assert event_count(engine) == 6000
    stored = stored_rollups(engine)
    assert stored == expected_rollups(files)
    assert stored == rebuilt_rollups(engine)
    with engine.connect() as conn:
        versions = conn.exec_driver_sql(
            "SELECT value FROM store_meta WHERE key = 'data_version'"
        ).scalar_one()
    assert int(versions) == 2  # each writer bumped the version once, none lost


def test_sqlite_writer_waits_for_the_other(sqlite_engine):
    """SQLite: a second writer waits for the first (BEGIN IMMEDIATE) instead of failing."""
    wait = 0.2
    url = sqlite_engine.url.render_as_string(hide_password=False)
    other = make_engine(url)
    done = threading.Event()

    def second() -> None:
        with locks.write_transaction(other) as conn:
            conn.exec_driver_sql("INSERT INTO store_meta (key, value) VALUES ('b', '2')")
        done.set()

    with locks.write_transaction(sqlite_engine) as conn:
        conn.exec_driver_sql("INSERT INTO store_meta (key, value) VALUES ('a', '1')")
        thread = threading.Thread(target=second)
        thread.start()
        assert not done.wait(wait)  # blocked while the first holds the write lock
    thread.join(timeout=30)
    assert done.is_set()
    other.dispose()
