"""What the store holds, for the Data page and the CLI."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.engine import Engine

from opsdash.store.data import table_counts


def dataset_counts(engine: Engine) -> pd.DataFrame:
    """One row per dataset kind with its row count."""
    with engine.connect() as conn:
        counts = table_counts(conn)
    return pd.DataFrame({"dataset": list(counts), "rows": list(counts.values())})
