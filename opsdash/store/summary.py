"""What the store holds, for the Data page and the CLI."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.metrics.sql import USER_FILTER_COLUMNS, user_dimension
from opsdash.models import User
from opsdash.store.data import table_counts
from opsdash.store.properties import property_keys

FILTER_VALUES_LIMIT = 200


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


def user_filter_names(engine: Engine) -> list[str]:
    """What the sidebar's property filter can filter on besides channel, platform and region:
    the users fields that have values (``level``) and every user property, in that order."""
    users = User.__table__
    fields = [name for name in USER_FILTER_COLUMNS if name not in ("channel", "platform", "region")]
    with engine.connect() as conn:
        fields = [
            name
            for name in fields
            if conn.execute(
                sa.select(users.c[name]).where(users.c[name].is_not(None)).limit(1)
            ).first()
        ]
    return [*fields, *(name for name in property_keys(engine, "users") if name not in fields)]


def user_filter_values(engine: Engine, *, name: str) -> list[str]:
    """The most common non-empty values of a users field or user property (at most
    ``FILTER_VALUES_LIMIT``, most users first, ties by value): the options of its picker.
    Values are the text the filter compares (numbers as their JSON text)."""
    if name not in user_filter_names(engine):
        return []
    value = user_dimension(name)
    users = sa.func.count().label("users")
    query = (
        sa.select(value.label("value"), users)
        .where(value.is_not(None), value != "")
        .group_by(value)
        .order_by(users.desc(), value)
        .limit(FILTER_VALUES_LIMIT)
    )
    with engine.connect() as conn:
        return [str(row.value) for row in conn.execute(query)]
