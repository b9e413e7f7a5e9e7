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


def _day_columns() -> list[sa.Column]:
    """The day column of every kind of data (signups, events, payments, content, campaign and
    channel stats, feedback): what the store's date range is made of."""
    from opsdash.models import (
        CampaignStat,
        ChannelStat,
        ContentStat,
        Event,
        Feedback,
        OrderLine,
        User,
    )

    return [
        User.__table__.c.signup_date,
        Event.__table__.c.event_date,
        OrderLine.__table__.c.paid_date,
        ContentStat.__table__.c.date,
        CampaignStat.__table__.c.date,
        ChannelStat.__table__.c.date,
        Feedback.__table__.c.submitted_date,
    ]


def data_date_range(conn: sa.Connection) -> tuple[dt.date | None, dt.date | None]:
    """First and last day with any data (signups, events, payments, content, campaign or
    channel stats, feedback); (None, None) for an empty store. Date presets end on the last day."""
    columns = _day_columns()
    firsts, lasts = [], []
    for column in columns:
        low, high = conn.execute(sa.select(sa.func.min(column), sa.func.max(column))).one()
        if low is not None:
            firsts.append(as_date(low))
            lasts.append(as_date(high))
    return (min(firsts), max(lasts)) if firsts else (None, None)


DEMO_KIND = "demo"  # the batch kind opsdash.demo.load_demo writes


def demo_batch_ids(conn: sa.Connection) -> list[int]:
    """The active (not undone) batches of demo data."""
    batches = ImportBatch.__table__
    return [
        int(batch_id)
        for batch_id in conn.execute(
            sa.select(batches.c.id).where(
                batches.c.kind == DEMO_KIND, batches.c.undone_at.is_(None)
            )
        ).scalars()
    ]


def demo_state(engine: sa.Engine) -> tuple[bool, dt.date | None]:
    """(whether the store holds demo data, the last day with data the user imported: any
    row not written by a demo batch; None when there is none). Date presets end on that day
    when the demo and imported data are mixed, so the imported data shows by default."""
    columns = _day_columns()
    with engine.connect() as conn:
        demo = demo_batch_ids(conn)
        lasts = []
        for column in columns:
            batch = column.table.c.batch_id
            query = sa.select(sa.func.max(column))
            if demo:
                query = query.where(sa.or_(batch.is_(None), batch.not_in(demo)))
            high = conn.execute(query).scalar()
            if high is not None:
                lasts.append(as_date(high))
    return bool(demo), max(lasts) if lasts else None


def remove_demo(engine: sa.Engine) -> int:
    """Remove the demo data (every active demo batch, with opsdash.ingest.write.undo_batch);
    when nothing but the demo was stored, clear the store, its currency included (the demo's
    yuan must not refuse a file in another currency). Returns the rows removed."""
    from opsdash.ingest.write import undo_batch

    with engine.begin() as conn:
        demo = demo_batch_ids(conn)
        batches = ImportBatch.__table__
        others = conn.execute(
            sa.select(sa.func.count())
            .select_from(batches)
            .where(batches.c.kind != DEMO_KIND, batches.c.undone_at.is_(None))
        ).scalar_one()
        if demo and not others:
            removed = sum(table_counts(conn).values())
            clear_data(conn)
            return removed
    return sum(sum(undo_batch(engine, batch_id).rows_removed.values()) for batch_id in demo)
