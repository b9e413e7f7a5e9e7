"""Importing real CSV/Excel exports: read -> map -> validate -> derive -> write.

- :mod:`~opsdash.ingest.read`: bytes -> text cells (encoding, delimiter, header detection, xlsx)
- :mod:`~opsdash.ingest.fields`: what each kind's file may contain, with English/Chinese aliases
- :mod:`~opsdash.ingest.mapping`: automatic and saved column mappings
- :mod:`~opsdash.ingest.parse`: numbers, dates, booleans as exports write them
- :mod:`~opsdash.ingest.validate`: typed columns and row-level problems
- :mod:`~opsdash.ingest.derive`: amount, status, order lines, event row keys, local days
- :mod:`~opsdash.ingest.pipeline`: :func:`prepare_import` (nothing written)
- :mod:`~opsdash.ingest.write`: :func:`write_import` (one transaction), undo, history
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from opsdash.ingest.mapping import ColumnMap
from opsdash.ingest.pipeline import PreparedImport, prepare_import
from opsdash.ingest.write import (
    ImportResult,
    UndoPlan,
    list_batches,
    undo_batch,
    undo_plan,
    write_import,
)

__all__ = [
    "ColumnMap",
    "ImportResult",
    "PreparedImport",
    "UndoPlan",
    "import_file",
    "list_batches",
    "prepare_import",
    "undo_batch",
    "undo_plan",
    "write_import",
]


def import_file(
    engine: Engine,
    data: bytes,
    *,
    kind: str,
    file_name: str,
    timezone: str,
    column_map: ColumnMap | None = None,
    mode: str = "append",
    skip_bad_rows: bool = False,
    created_by: str | None = None,
    max_bytes: int | None = None,
    cumulative: str | bool | None = "auto",
    currency: str | None = None,
) -> ImportResult:
    """Read, check and write one file as a batch (see :func:`prepare_import` and
    :func:`write_import`). ``timezone`` is the reporting timezone naive times are read in;
    ``cumulative`` (stats kinds): yes, no or auto (see :func:`prepare_import`); ``currency``
    the user's word on the file's currency (see :func:`write_import`)."""
    prepared = prepare_import(
        data,
        kind=kind,
        file_name=file_name,
        timezone=timezone,
        column_map=column_map,
        max_bytes=max_bytes,
        cumulative=cumulative,
    )
    return write_import(
        engine,
        prepared,
        mode=mode,
        skip_bad_rows=skip_bad_rows,
        created_by=created_by,
        currency=currency,
    )
