"""Whole-store operations on the data tables."""

from __future__ import annotations

import sqlalchemy as sa

from opsdash.models import DATASETS, ImportBatch
from opsdash.store.meta import bump_data_version


def has_data(conn: sa.Connection) -> bool:
    """Whether any data table holds a row."""
    return any(
        conn.execute(sa.select(sa.literal(1)).select_from(model.__table__).limit(1)).first()
        for model in DATASETS.values()
    )


def table_counts(conn: sa.Connection) -> dict[str, int]:
    """Row count of each data table, by dataset kind."""
    return {
        kind: conn.execute(sa.select(sa.func.count()).select_from(model.__table__)).scalar_one()
        for kind, model in DATASETS.items()
    }


def clear_data(conn: sa.Connection) -> None:
    """Delete every data row and the import history (targets and saved mappings stay)."""
    for model in reversed(list(DATASETS.values())):
        conn.execute(sa.delete(model.__table__))
    conn.execute(sa.delete(ImportBatch.__table__))
    bump_data_version(conn)
