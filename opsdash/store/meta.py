"""Store-level facts in ``store_meta``: the data version (cache key) and the timezone."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.models import StoreMeta

META = StoreMeta.__table__
DATA_VERSION = "data_version"


def get_meta(conn: sa.Connection, key: str) -> str | None:
    return conn.execute(sa.select(META.c.value).where(META.c.key == key)).scalar_one_or_none()


def set_meta(conn: sa.Connection, key: str, value: str) -> None:
    updated = conn.execute(sa.update(META).where(META.c.key == key).values(value=value))
    if updated.rowcount == 0:
        conn.execute(sa.insert(META).values(key=key, value=value))


def data_version(engine: Engine) -> int:
    """Return a number that changes whenever the store's data changes; caches key on it."""
    with engine.connect() as conn:
        value = get_meta(conn, DATA_VERSION)
    return int(value) if value else 0


def bump_data_version(conn: sa.Connection) -> int:
    """Increase the data version inside the caller's write transaction; return the new one."""
    new = int(get_meta(conn, DATA_VERSION) or 0) + 1
    set_meta(conn, DATA_VERSION, str(new))
    return new
