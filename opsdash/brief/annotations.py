"""Annotations (时间标注) for trend charts: notes users add (a release, an outage, a holiday)
and the campaigns of the campaigns table (their start days: ends would double the rules on a
small chart). Writes bump the data version, so cached charts refresh."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.models import Annotation, Campaign
from opsdash.store.hooks import after_data_write
from opsdash.timeutil import as_date, utc_now

ANNOTATIONS = Annotation.__table__
CAMPAIGNS = Campaign.__table__
MAX_TEXT = 200
NOTE_SOURCES = ("note", "campaign_start")
"""The ``source`` values of :func:`annotations_between`."""


def add_annotation(
    engine: Engine, *, day: dt.date, text: str, created_by: str | None = None
) -> int:
    """Add a note on ``day``; its id. UserError for an empty or over-long text."""
    text = (text or "").strip()
    if not text:
        raise UserError("an annotation needs a text", code="annotation_empty")
    if len(text) > MAX_TEXT:
        raise UserError(
            f"an annotation is at most {MAX_TEXT} characters",
            code="annotation_long",
            values={"limit": MAX_TEXT},
        )
    with engine.begin() as conn:
        result = conn.execute(
            sa.insert(ANNOTATIONS).values(
                day=day, text=text, created_by=created_by, created_at=utc_now()
            )
        )
        after_data_write(conn, ())
        return int(result.inserted_primary_key[0])


def remove_annotation(engine: Engine, annotation_id: int) -> None:
    with engine.begin() as conn:
        deleted = conn.execute(sa.delete(ANNOTATIONS).where(ANNOTATIONS.c.id == annotation_id))
        if not deleted.rowcount:
            raise UserError(f"no annotation {annotation_id} (see: opsdash annotate list)")
        after_data_write(conn, ())


def list_annotations(engine: Engine) -> list[dict]:
    """The notes users added, by day: id, day, text, created_by."""
    query = sa.select(
        ANNOTATIONS.c.id, ANNOTATIONS.c.day, ANNOTATIONS.c.text, ANNOTATIONS.c.created_by
    ).order_by(ANNOTATIONS.c.day, ANNOTATIONS.c.id)
    with engine.connect() as conn:
        return [
            {"id": row.id, "day": as_date(row.day), "text": row.text, "created_by": row.created_by}
            for row in conn.execute(query)
        ]


def annotations_between(engine: Engine, *, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Every annotation from ``start`` to ``end`` for a chart: columns ``day``, ``text``,
    ``source`` ("note" for users' notes, "campaign_start" for campaigns, whose text is the
    campaign's name or id). Sorted by day."""
    with engine.connect() as conn:
        notes = conn.execute(
            sa.select(ANNOTATIONS.c.day, ANNOTATIONS.c.text).where(
                ANNOTATIONS.c.day.between(start, end)
            )
        ).all()
        label = sa.func.coalesce(sa.func.nullif(CAMPAIGNS.c.name, ""), CAMPAIGNS.c.campaign_id)
        starts = conn.execute(
            sa.select(CAMPAIGNS.c.start_date, label).where(
                CAMPAIGNS.c.start_date.between(start, end)
            )
        ).all()
    rows = [(as_date(day), text, "note") for day, text in notes]
    rows += [(as_date(day), text, "campaign_start") for day, text in starts]
    frame = pd.DataFrame(rows, columns=["day", "text", "source"])
    return frame.sort_values(["day", "source", "text"], ignore_index=True)
