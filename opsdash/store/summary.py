"""What the store holds, for the Data page and the CLI."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.models import User
from opsdash.store.data import table_counts


def dataset_counts(engine: Engine) -> pd.DataFrame:
    """One row per dataset kind with its row count."""
    with engine.connect() as conn:
        counts = table_counts(conn)
    return pd.DataFrame({"dataset": list(counts), "rows": list(counts.values())})


def segment_values(engine: Engine, *, field: str) -> list[str]:
    """Distinct non-empty values of a user segment field (channel, platform, region), sorted,
    at most 500: the options of the sidebar's segment pickers."""
    column = User.__table__.c[field]
    with engine.connect() as conn:
        values = conn.execute(
            sa.select(column).where(column.is_not(None)).distinct().order_by(column).limit(500)
        ).scalars()
        return [value for value in values if value]
