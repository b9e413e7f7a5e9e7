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

import itertools

from sqlalchemy.engine import Engine

from opsdash.ingest.mapping import ColumnMap
from opsdash.ingest.pipeline import (
    STREAM_CHUNK_BYTES,
    NotStreamable,
    PreparedImport,
    can_stream,
    file_sha256,
    prepare_chunks,
    prepare_import,
)
from opsdash.ingest.write import (
    ImportResult,
    Progress,
    UndoPlan,
    list_batches,
    undo_batch,
    undo_plan,
    write_import,
    write_import_chunks,
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
    progress: Progress | None = None,
    chunk_bytes: int = STREAM_CHUNK_BYTES,
) -> ImportResult:
    """Read, check and write one file as a batch (see :func:`prepare_import` and
    :func:`write_import`). ``timezone`` is the reporting timezone naive times are read in;
    ``cumulative`` (stats kinds): yes, no or auto (see :func:`prepare_import`); ``currency``
    the user's word on the file's currency (see :func:`write_import`).

    ``data``: bytes or a memory map of the file. An events export larger than
    ``chunk_bytes`` is read, checked and written chunk by chunk in one transaction
    (:func:`prepare_chunks`, :func:`write_import_chunks`): memory stays at about one
    chunk's, the result is the same as reading it at once. ``progress(rows_read,
    bytes_read, bytes_total)`` is called after each chunk (once at the end for a file read
    at once): the CLI prints a progress line, a UI can drive a progress bar with it."""
    if can_stream(data, kind=kind, chunk_bytes=chunk_bytes):
        try:
            chunks = prepare_chunks(
                data,
                kind=kind,
                file_name=file_name,
                timezone=timezone,
                column_map=column_map,
                max_bytes=max_bytes,
                chunk_bytes=chunk_bytes,
            )
            first = next(chunks)
        except NotStreamable:
            pass
        else:
            return write_import_chunks(
                engine,
                itertools.chain([first], chunks),
                sha256=file_sha256(data),
                bytes_total=len(data),
                mode=mode,
                skip_bad_rows=skip_bad_rows,
                created_by=created_by,
                progress=progress,
            )
    if not isinstance(data, bytes):  # a memory map of a file read at once
        data = bytes(data)
    prepared = prepare_import(
        data,
        kind=kind,
        file_name=file_name,
        timezone=timezone,
        column_map=column_map,
        max_bytes=max_bytes,
        cumulative=cumulative,
    )
    result = write_import(
        engine,
        prepared,
        mode=mode,
        skip_bad_rows=skip_bad_rows,
        created_by=created_by,
        currency=currency,
    )
    if progress is not None:
        progress(result.rows_read, len(data), len(data))
    return result
