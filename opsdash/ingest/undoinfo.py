"""What undoing an import batch would remove, as the text the confirmation shows.

The UI asks before it calls :func:`opsdash.ingest.write.undo_batch` and shows
:func:`undo_preview`'s text as is, so what an undo removes is said in one place, next to the
undo itself (a change of what undo removes changes this text, not the page)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.formatting import escape_markdown, format_number
from opsdash.i18n import translate
from opsdash.models import DATASETS, ImportBatch

BATCHES = ImportBatch.__table__


@dataclass(frozen=True)
class UndoPreview:
    """Batch ``batch_id`` (its kind and file) and the rows an undo would remove, by kind."""

    batch_id: int
    kind: str
    file_name: str
    rows: dict[str, int]

    def text(self, language: str) -> str:
        """The confirmation's question, naming the batch, its file (escaped: the text is shown
        as Markdown) and every count."""
        parts = [
            translate(
                "data.undo.preview.part",
                language,
                rows=format_number(count),
                kind=translate(f"data.kind.{kind}", language),
            )
            for kind, count in self.rows.items()
        ]
        if not parts:
            return translate(
                "data.undo.preview.nothing",
                language,
                batch=self.batch_id,
                file=escape_markdown(self.file_name),
            )
        return translate(
            "data.undo.preview",
            language,
            batch=self.batch_id,
            file=escape_markdown(self.file_name),
            rows="、".join(parts) if language == "zh" else ", ".join(parts),
        )


def undo_preview(engine: Engine, batch_id: int) -> UndoPreview:
    """What :func:`~opsdash.ingest.write.undo_batch` would remove now (the rows still owned by
    the batch: a row a later batch updated belongs to that batch). UserError if none such."""
    with engine.connect() as conn:
        batch = conn.execute(sa.select(BATCHES).where(BATCHES.c.id == batch_id)).mappings().first()
        if batch is None or batch["undone_at"] is not None:
            raise UserError(f"There is no active import batch {batch_id}.")
        rows = {}
        for kind, model in DATASETS.items():
            table = model.__table__
            count = conn.execute(
                sa.select(sa.func.count()).select_from(table).where(table.c.batch_id == batch_id)
            ).scalar_one()
            if count:
                rows[kind] = int(count)
    return UndoPreview(int(batch_id), str(batch["kind"]), str(batch["file_name"]), rows)
