"""What every write to the store does before its transaction commits.

Callers (demo, import, undo) call :func:`after_data_write` inside their write transaction
with the dataset kinds they changed. It bumps the data version (caches key on it) and runs
the refreshers registered for those kinds (e.g. rollup tables), so derived data can never be
out of step with what was written."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlalchemy as sa

from opsdash.store.meta import bump_data_version

Refresher = Callable[[sa.Connection], None]
_REFRESHERS: dict[str, list[Refresher]] = {}


def register_refresher(kind: str, refresher: Refresher) -> None:
    """Run ``refresher(conn)`` after every write that changes dataset ``kind``."""
    if refresher not in _REFRESHERS.setdefault(kind, []):
        _REFRESHERS[kind].append(refresher)


def after_data_write(conn: sa.Connection, kinds: Iterable[str]) -> int:
    """Refresh derived data for ``kinds`` and bump the data version; return the new version."""
    done: set[Refresher] = set()
    for kind in kinds:
        for refresher in _REFRESHERS.get(kind, []):
            if refresher not in done:
                refresher(conn)
                done.add(refresher)
    return bump_data_version(conn)
