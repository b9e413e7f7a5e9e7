"""The store's engine: SQLite by default (WAL, busy timeout, foreign keys), any SQLAlchemy URL
otherwise (PostgreSQL tested). Schema creation and upgrades go through Alembic migrations,
run by :func:`init_store` at start-up so an existing store survives an upgrade of opsdash."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str) -> Engine:
    """Return an engine for ``url``; for SQLite, create the file's folder and set the pragmas
    every connection needs (WAL so readers don't block the importer, a busy timeout, FKs on)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            create_private_file(Path(parsed.database))
        engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        # psycopg (v3) is the driver we ship; accept plain postgresql:// URLs.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return sa.create_engine(parsed, pool_pre_ping=True)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with mode 0600 (owner only) unless it exists; SQLite then keeps
    that mode for its -wal and -shm files. The store holds password hashes and all the data."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError:  # an unwritable folder: SQLite reports it with its own message
        return
    os.close(descriptor)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (creates it on an empty store). A store
    already at the newest one is recognised with one plain query, without importing Alembic
    (a third of a second of every CLI start)."""
    if stored_revision(engine) == head_revision():
        return
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([^'\"\s]+)['\"]?", re.MULTILINE)


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest migration's revision id, read from the version files' ``revision`` and
    ``down_revision`` lines (the one no other file names as its parent); None when the
    chain has several heads or none, so :func:`migrate` leaves the decision to Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        values = dict(
            (name, value) for name, value in _REVISION.findall(path.read_text(encoding="utf-8"))
        )
        if "revision" in values:
            revisions.add(values["revision"])
            if values.get("down_revision") not in (None, "None"):
                parents.add(values["down_revision"])
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def stored_revision(engine: Engine) -> str | None:
    """The revision the store's ``alembic_version`` table records (None: no table yet)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).all()
    except sa.exc.DBAPIError:
        return None
    return rows[0][0] if len(rows) == 1 else None


def init_store(engine: Engine, *, timezone: str) -> None:
    """Everything a process does once before using a store: migrate, then make sure the
    ``*_date`` columns were computed in the reporting timezone in force."""
    from opsdash.store.localdates import refresh_local_dates

    migrate(engine)
    refresh_local_dates(engine, timezone=timezone)


def dialect_name(engine: Engine | sa.Connection) -> str:
    return engine.dialect.name
