"""Whole-store operations on the data tables."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from opsdash.models import DATASETS, ImportBatch
from opsdash.store.hooks import after_data_write
from opsdash.timeutil import as_date


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
    """Delete every data row, the import history and the store's currency (targets and saved
    mappings stay)."""
    from opsdash.store.currency import clear_currency

    for model in reversed(list(DATASETS.values())):
        conn.execute(sa.delete(model.__table__))
    conn.execute(sa.delete(ImportBatch.__table__))
    clear_currency(conn)
    after_data_write(conn, DATASETS)


def data_date_range(conn: sa.Connection) -> tuple[dt.date | None, dt.date | None]:
    """First and last day with any data (signups, events, payments, content, campaign or
    channel stats, feedback); (None, None) for an empty store. Date presets end on the last day."""
    from opsdash.models import (
        CampaignStat,
        ChannelStat,
        ContentStat,
        Event,
        Feedback,
        OrderLine,
        User,
    )

    columns = [
        User.__table__.c.signup_date,
        Event.__table__.c.event_date,
        OrderLine.__table__.c.paid_date,
        ContentStat.__table__.c.date,
        CampaignStat.__table__.c.date,
        ChannelStat.__table__.c.date,
        Feedback.__table__.c.submitted_date,
    ]
    firsts, lasts = [], []
    for column in columns:
        low, high = conn.execute(sa.select(sa.func.min(column), sa.func.max(column))).one()
        if low is not None:
            firsts.append(as_date(low))
            lasts.append(as_date(high))
    return (min(firsts), max(lasts)) if firsts else (None, None)
