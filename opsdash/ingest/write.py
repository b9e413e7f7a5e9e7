"""Writing a prepared import: one transaction, bulk path, upsert on natural keys; history
and undo.

How rows meet the store (also in docs/data-model.md, "Import rules"):

1. The rows go through the bulk path (:func:`opsdash.store.bulk.bulk_insert`: executemany on
   SQLite, COPY on PostgreSQL) into a temporary staging table inside the transaction.
2. Keyed kinds: staging rows identical to the stored row with the same natural key are
   counted as duplicates and left alone (the stored row keeps its batch); the rest are
   written with ``INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE``, so a changed row
   replaces the stored one and now belongs to this batch.
3. Events: ``ON CONFLICT (row_key) DO NOTHING``; see :func:`opsdash.ingest.derive.event_row_keys`.
4. The batch row, the counts and :func:`opsdash.store.hooks.after_data_write` are in the same
   transaction: a failure anywhere writes nothing.
5. Rollups: an append counts only the rows it inserted into them
   (:func:`opsdash.store.rollups.add_events`), undo subtracts the batch's rows before
   deleting them; replace rebuilds them in full.
6. Concurrent writers (:mod:`opsdash.store.locks`): on SQLite one import waits for the
   other (``BEGIN IMMEDIATE``); on PostgreSQL two event imports copy their rows side by
   side and take turns for the rollups, the property registry and the data version
   (an advisory lock); other kinds take the lock at the start.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.ingest.fields import NATURAL_KEYS
from opsdash.ingest.pipeline import PreparedImport
from opsdash.models import DATASETS, BatchClaim, ImportBatch
from opsdash.store.bulk import (
    SQLITE_TIMESTAMP,
    bulk_insert,
    prepare_columns,
    python_values,
)
from opsdash.store.currency import normalise_currency, read_currency, write_currency
from opsdash.store.hooks import after_data_write
from opsdash.store.locks import lock_writes, write_transaction
from opsdash.store.properties import record_property_keys, refresh_property_keys
from opsdash.store.rollups import add_events, added_rows, last_event_id, remove_events
from opsdash.timeutil import utc_now

BATCHES = ImportBatch.__table__
CLAIMS = BatchClaim.__table__
MODES = ("append", "replace")
ERROR_FIELDS = ("row", "column", "message")
SQLITE_CHUNK_ROWS = 200_000


@dataclass(frozen=True)
class ImportResult:
    """What an import did. ``rejected``: nothing was written because rows had problems and
    skipping bad rows was not chosen; ``errors`` lists every problem found."""

    kind: str
    file_name: str
    batch_id: int | None
    rows_read: int
    rows_imported: int
    rows_rejected: int
    rows_duplicate: int
    errors: pd.DataFrame
    rejected: bool = False
    mode: str = "append"
    encoding: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)
    properties: tuple[tuple[str, str, str], ...] = ()  # (file column, property, value type)
    cumulative: bool | None = None  # stats kinds: rows imported as snapshots (True) or daily
    cumulative_detected: bool | None = None  # what the detection said (None: other kinds)
    cumulative_source: str | None = None  # detected, option or file
    refund_lines: int | None = None  # orders: lines that are refunds (None: other kinds)
    left_out_lines: int | None = None  # orders: adjustments and zero amounts, not revenue
    currency: str | None = None  # the store's currency (ISO code) after the import
    # every valid row was already stored as is (append): nothing written, no batch made
    nothing_new: bool = False

    def to_json(self, *, max_errors: int | None = None) -> dict[str, Any]:
        errors = self.errors[list(ERROR_FIELDS)]
        if max_errors is not None:
            errors = errors.head(max_errors)
        return {
            "batch_id": self.batch_id,
            "kind": self.kind,
            "file_name": self.file_name,
            "mode": self.mode,
            "status": "rejected"
            if self.rejected
            else ("nothing_new" if self.nothing_new else "imported"),
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "rows_duplicate": self.rows_duplicate,
            "errors": [
                {"row": int(r.row), "column": str(r.column), "message": str(r.message)}
                for r in errors.itertuples(index=False)
            ],
            "errors_total": len(self.errors),
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "properties": [
                {"column": column, "name": name, "type": value_type}
                for column, name, value_type in self.properties
            ],
            "cumulative": self.cumulative,
            "cumulative_detected": self.cumulative_detected,
            "cumulative_source": self.cumulative_source,
            "refund_lines": self.refund_lines,
            "left_out_lines": self.left_out_lines,
            "currency": self.currency,
        }


def write_import(
    engine: Engine,
    prepared: PreparedImport,
    *,
    mode: str = "append",
    skip_bad_rows: bool = False,
    created_by: str | None = None,
    currency: str | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> ImportResult:
    """Write ``prepared`` as one batch, or nothing when it has problems and ``skip_bad_rows``
    is false (the default: the user fixes the file). ``mode="replace"`` first deletes every
    stored row of the kind (from any batch).

    ``currency`` (an ISO code or symbol) is the user's word on the file's currency; without
    it the detected one applies (:mod:`opsdash.ingest.currency`). A file with money sets the
    store's currency when it has none; a file in another currency than the store's is refused
    (UserError ``currency_mismatch``, nothing written) unless ``currency`` says it is the
    store's. ``progress(stage, rows)``, when given, hears ``("writing", valid rows)`` before
    the transaction and ``("written", rows imported)`` after it committed."""
    if mode not in MODES:
        raise UserError(f"mode must be append or replace, not {mode!r}")
    with engine.connect() as conn:
        stored_currency = read_currency(conn)
    file_currency = _file_currency(prepared, currency, stored_currency)
    problems = prepared.problems
    base = {
        "kind": prepared.kind,
        "file_name": prepared.file_name,
        "rows_read": prepared.rows_read,
        "rows_rejected": prepared.rows_bad,
        "errors": problems,
        "mode": mode,
        "encoding": prepared.table.encoding,
        "warnings": prepared.warnings,
        "properties": tuple((p.source, p.name, p.value_type) for p in prepared.properties),
        "cumulative": prepared.cumulative,
        "cumulative_detected": prepared.cumulative_detected,
        "cumulative_source": prepared.cumulative_source,
        "refund_lines": prepared.refund_lines(),
        "left_out_lines": prepared.left_out_lines(),
        "currency": stored_currency or file_currency,
    }
    if prepared.rows_bad and not skip_bad_rows:
        base["currency"] = stored_currency
        return ImportResult(batch_id=None, rows_imported=0, rows_duplicate=0, rejected=True, **base)
    rows = prepared.valid_rows()
    if rows.empty:
        raise UserError("No row of the file is valid: nothing to import.")
    table = DATASETS[prepared.kind].__table__
    if file_currency and "currency" in table.c:
        rows = rows.copy()  # the store's one currency on every line (the user's word wins)
        if currency or "currency" not in rows:
            rows["currency"] = file_currency
        else:
            rows["currency"] = rows["currency"].fillna(file_currency)
    if progress is not None:
        progress("writing", len(rows))
    events = prepared.kind == "events"
    # events: the rows are copied side by side with other writers; the lock is taken just
    # before the shared state (property registry, rollups, data version) is touched
    with write_transaction(engine, lock=not events) as conn:
        if not events and read_currency(conn) != stored_currency:  # another writer set it
            stored_currency = read_currency(conn)
            file_currency = _file_currency(prepared, currency, stored_currency)
        after_id = last_event_id(conn) if events else 0
        batch_id = conn.execute(
            BATCHES.insert().values(
                kind=prepared.kind,
                file_name=prepared.file_name,
                sha256=prepared.sha256,
                mode=mode,
                rows_read=prepared.rows_read,
                rows_rejected=prepared.rows_bad,
                created_by=created_by,
                created_at=utc_now(),
            )
        ).inserted_primary_key[0]
        if file_currency and not stored_currency:
            write_currency(conn, file_currency)
        if mode == "replace":
            conn.execute(table.delete())
        imported, duplicate = _upsert(conn, table, rows, prepared.kind, batch_id)
        if imported == 0 and mode == "append":
            # an identical file again: take the empty batch back (the transaction rolls back)
            conn.get_transaction().rollback()
            base["currency"] = stored_currency
            return ImportResult(
                batch_id=None,
                rows_imported=0,
                rows_duplicate=duplicate,
                nothing_new=True,
                **base,
            )
        if duplicate and mode != "replace":
            _record_claims(conn, table, rows, prepared.kind, batch_id)
        lock_writes(conn)
        incremental = events and mode == "append"
        if incremental:
            add_events(conn, added_rows(after_id=after_id, batch_id=batch_id))
        if "properties" in table.c:
            record_property_keys(
                conn,
                prepared.kind,
                [(p.name, p.value_type) for p in prepared.properties],
                replace=mode == "replace",
            )
        conn.execute(
            BATCHES.update()
            .where(BATCHES.c.id == batch_id)
            .values(rows_imported=imported, rows_duplicate=duplicate)
        )
        after_data_write(conn, [prepared.kind], refreshed=["events"] if incremental else ())
    if progress is not None:
        progress("written", imported)
    return ImportResult(
        batch_id=int(batch_id), rows_imported=imported, rows_duplicate=duplicate, **base
    )


Progress = Callable[[int, int, int], None]
"""``progress(rows_read, bytes_read, bytes_total)``, called after each chunk is written."""


class _Rejected(Exception):
    """Rows had problems and skipping them was not chosen: roll the transaction back."""


class _NothingNew(Exception):
    """Every row was already stored: roll the empty batch back."""


def write_import_chunks(
    engine: Engine,
    chunks: Iterable[tuple[PreparedImport, int]],
    *,
    sha256: str,
    bytes_total: int,
    mode: str = "append",
    skip_bad_rows: bool = False,
    created_by: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Write an events file read in chunks (:func:`opsdash.ingest.pipeline.prepare_chunks`)
    as one batch in one transaction: all or nothing, as :func:`write_import`.

    Each chunk is written as soon as it is checked, so memory stays at one chunk's. When a
    chunk has problems and ``skip_bad_rows`` is false, nothing more is written, the rest is
    still checked (every problem is listed, with the file's row numbers) and the transaction
    is rolled back: the result is ``rejected`` and the store unchanged. ``progress`` is
    called after each chunk (see :data:`Progress`)."""
    if mode not in MODES:
        raise UserError(f"mode must be append or replace, not {mode!r}")
    table = DATASETS["events"].__table__
    first: PreparedImport | None = None
    problems: list[pd.DataFrame] = []
    warnings: list[str] = []
    properties: dict[str, tuple[str, str, str]] = {}
    rows_read = rows_bad = imported = duplicate = 0
    batch_id = None
    nothing_new = False
    with engine.connect() as conn:
        stored_currency = read_currency(conn)
    try:
        with write_transaction(engine, lock=False) as conn:
            after_id = last_event_id(conn)
            for prepared, bytes_read in chunks:
                if first is None:
                    first = prepared
                    batch_id = conn.execute(
                        BATCHES.insert().values(
                            kind="events",
                            file_name=prepared.file_name,
                            sha256=sha256,
                            mode=mode,
                            rows_read=0,
                            rows_rejected=0,
                            created_by=created_by,
                            created_at=utc_now(),
                        )
                    ).inserted_primary_key[0]
                    if mode == "replace":
                        conn.execute(table.delete())
                rows_read += prepared.rows_read
                rows_bad += prepared.rows_bad
                if len(prepared.problems):
                    problems.append(prepared.problems)
                warnings.extend(w for w in prepared.warnings if w not in warnings)
                for p in prepared.properties:
                    properties.setdefault(p.name, (p.source, p.name, p.value_type))
                if not rows_bad or skip_bad_rows:
                    rows = prepared.valid_rows()
                    if not rows.empty:
                        written, same = _upsert(conn, table, rows, "events", batch_id)
                        imported += written
                        duplicate += same
                        if same and mode != "replace":  # rows an undo must leave to us
                            _record_claims(conn, table, rows, "events", batch_id)
                if progress is not None:
                    progress(rows_read, bytes_read, bytes_total)
            if first is None:
                raise UserError("The file is empty.", code="file_empty")
            if rows_bad and not skip_bad_rows:
                raise _Rejected
            if not imported and not duplicate:
                raise UserError("No row of the file is valid: nothing to import.")
            if not imported and mode == "append":  # an identical file again: no empty batch
                raise _NothingNew
            lock_writes(conn)
            incremental = mode == "append"
            if incremental:
                add_events(conn, added_rows(after_id=after_id, batch_id=batch_id))
            record_property_keys(
                conn,
                "events",
                [(name, value_type) for _, name, value_type in properties.values()],
                replace=mode == "replace",
            )
            conn.execute(
                BATCHES.update()
                .where(BATCHES.c.id == batch_id)
                .values(
                    rows_read=rows_read,
                    rows_rejected=rows_bad,
                    rows_imported=imported,
                    rows_duplicate=duplicate,
                )
            )
            after_data_write(conn, ["events"], refreshed=["events"] if incremental else ())
    except _Rejected:
        batch_id = None
        imported = duplicate = 0
    except _NothingNew:
        batch_id = None
        nothing_new = True
    errors = pd.concat(problems, ignore_index=True) if problems else first.problems
    return ImportResult(
        kind="events",
        file_name=first.file_name,
        batch_id=None if batch_id is None else int(batch_id),
        rows_read=rows_read,
        rows_imported=imported,
        rows_rejected=rows_bad,
        rows_duplicate=duplicate,
        errors=errors,
        rejected=batch_id is None and not nothing_new,
        nothing_new=nothing_new,
        mode=mode,
        encoding=first.table.encoding,
        warnings=tuple(warnings),
        properties=tuple(properties.values()),
        currency=stored_currency,
    )


def _file_currency(prepared: PreparedImport, chosen: str | None, stored: str | None) -> str | None:
    """The currency of the file's money (the user's choice, else the detected one; None when
    the file has no money or nothing says). UserError when it is not the store's currency."""
    if not prepared.has_money:
        return None
    if chosen:
        codes: tuple[str, ...] = (normalise_currency(chosen),)
    else:
        codes = prepared.currency.codes or (
            (prepared.currency.code,) if prepared.currency.code else ()
        )
    other = [code for code in codes if stored and code != stored]
    if other:
        raise UserError(
            f"{prepared.file_name} is in {', '.join(other)}, but the store's amounts are in "
            f"{stored}; one store holds one currency. If the file is in {stored} after all, "
            f"say so (--currency {stored}, or choose {stored} in the preview); otherwise "
            "convert it first or use another store.",
            code="currency_mismatch",
            values={"file": prepared.file_name, "file_currency": ", ".join(other), "store": stored},
        )
    if len(codes) > 1:
        raise UserError(
            f"{prepared.file_name} has amounts in several currencies ({', '.join(codes)}); "
            "one store holds one currency: split the file by currency or convert it first.",
            code="currency_several",
            values={"file": prepared.file_name, "codes": ", ".join(codes)},
        )
    return codes[0] if codes else None


def _upsert(
    conn: sa.Connection, table: sa.Table, rows: pd.DataFrame, kind: str, batch_id: int
) -> tuple[int, int]:
    """Write ``rows`` into ``table``; return (imported = inserted or changed, duplicates =
    identical to a stored row). SQLite: one executemany of an upsert. PostgreSQL: COPY into
    a staging table, then INSERT ... SELECT ... ON CONFLICT."""
    columns = [c for c in rows.columns if c in table.c and c not in ("id", "batch_id")]
    if conn.dialect.name == "sqlite":
        return _upsert_sqlite(conn, table, rows[columns], kind, batch_id)
    if kind == "events":
        return _insert_new_events(conn, table, rows[columns], batch_id)
    staging = _staging_table(conn, table, columns)
    staging.create(conn)
    try:
        bulk_insert(conn, staging, _as_staging_frame(rows[columns], table))
        keys = list(NATURAL_KEYS[kind])
        duplicate = 0
        if kind != "events":
            duplicate = _drop_identical(conn, table, staging, columns, keys)
        insert = _dialect_insert(conn)(table).from_select(
            [*columns, "batch_id"],
            sa.select(
                *[_from_staging(conn, staging.c[c], table.c[c]) for c in columns],
                sa.literal(batch_id, sa.Integer),
            ).where(sa.true()),
        )
        if kind == "events":
            statement = insert.on_conflict_do_nothing(index_elements=keys)
        else:
            updates = {c: insert.excluded[c] for c in [*columns, "batch_id"] if c not in keys}
            statement = insert.on_conflict_do_update(index_elements=keys, set_=updates)
        written = conn.execute(statement.execution_options(preserve_rowcount=True)).rowcount
        if kind == "events":
            duplicate = len(rows) - written
    finally:
        staging.drop(conn)
    return written, duplicate


def _upsert_sqlite(
    conn: sa.Connection, table: sa.Table, rows: pd.DataFrame, kind: str, batch_id: int
) -> tuple[int, int]:
    """One executemany: ``INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE <values differ>``
    (events: ``DO NOTHING``). SQLite counts only rows inserted or really changed."""
    frame = _as_staging_frame(rows, table).assign(batch_id=batch_id)
    keys = list(NATURAL_KEYS[kind])
    columns = list(frame.columns)
    quote = conn.dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    placeholders = ", ".join("?" for _ in columns)
    conflict = ", ".join(quote(k) for k in keys)
    if kind == "events":
        action = "DO NOTHING"
    else:
        values = [c for c in columns if c not in keys and c != "batch_id"]
        updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in [*values, "batch_id"])
        same = " AND ".join(f"{table.name}.{quote(c)} IS excluded.{quote(c)}" for c in values)
        action = f"DO UPDATE SET {updates}" + (f" WHERE NOT ({same})" if values else "")
    # identifiers come from the model; every value is a bound parameter
    statement = (
        f"INSERT INTO {table.name} ({names}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({conflict}) {action}"
    )
    before = conn.connection.dbapi_connection.total_changes
    for start in range(0, len(frame), SQLITE_CHUNK_ROWS):  # bounded memory for big files
        chunk = prepare_columns(table, frame.iloc[start : start + SQLITE_CHUNK_ROWS])
        records = list(zip(*(python_values(chunk[c]) for c in columns), strict=True))
        conn.exec_driver_sql(statement, records)
    written = conn.connection.dbapi_connection.total_changes - before
    return written, len(frame) - written


def _insert_new_events(
    conn: sa.Connection, table: sa.Table, rows: pd.DataFrame, batch_id: int
) -> tuple[int, int]:
    """PostgreSQL events: look up which row keys are already stored (one query), then COPY
    only the new rows straight into the table. A concurrent import of the same rows makes
    the unique row_key refuse the second transaction as a whole."""
    from sqlalchemy.dialects.postgresql import ARRAY

    stored = pd.Index([], dtype="int64")
    if conn.execute(sa.select(table.c.row_key).limit(1)).first() is not None:
        keys = sa.bindparam("keys", type_=ARRAY(sa.BigInteger))
        existing = conn.execute(
            sa.select(table.c.row_key).where(table.c.row_key == sa.any_(keys)),
            {"keys": rows["row_key"].astype("int64").tolist()},
        ).scalars()
        stored = pd.Index(list(existing), dtype="int64")
    new = rows[~rows["row_key"].isin(stored)] if len(stored) else rows
    written = bulk_insert(conn, table, new.assign(batch_id=batch_id))
    return written, len(rows) - written


def _staging_table(conn: sa.Connection, table: sa.Table, columns: list[str]) -> sa.Table:
    """A temporary table with the target's columns; dates and times as text (formatted once,
    cast on PostgreSQL), no keys or indexes (fast to fill)."""
    staged = []
    for name in columns:
        column_type = table.c[name].type
        if isinstance(column_type, sa.Date | sa.DateTime):
            column_type = sa.Text()
        staged.append(sa.Column(name, column_type))
    name = f"opsdash_staging_{uuid.uuid4().hex[:10]}"
    return sa.Table(name, sa.MetaData(), *staged, prefixes=["TEMPORARY"])


def _as_staging_frame(frame: pd.DataFrame, table: sa.Table) -> pd.DataFrame:
    out = {}
    for name in frame.columns:
        column_type = table.c[name].type
        values = frame[name]
        if isinstance(column_type, sa.DateTime):
            stamps = pd.to_datetime(values)
            out[name] = stamps.dt.strftime(SQLITE_TIMESTAMP).astype(object).where(stamps.notna())
        elif isinstance(column_type, sa.Date):
            days = pd.to_datetime(values)
            out[name] = days.dt.strftime("%Y-%m-%d").astype(object).where(days.notna())
        else:
            out[name] = values
    return pd.DataFrame(out)


def _from_staging(conn: sa.Connection, staged: sa.Column, target: sa.Column):
    if conn.dialect.name == "postgresql" and isinstance(target.type, sa.Date | sa.DateTime):
        return sa.cast(staged, target.type)
    return staged


def _dialect_insert(conn: sa.Connection):
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # pragma: no cover - opsdash supports SQLite and PostgreSQL
        raise UserError(f"imports into {conn.dialect.name} are not supported")
    return insert


def _drop_identical(
    conn: sa.Connection, table: sa.Table, staging: sa.Table, columns: list[str], keys: list[str]
) -> int:
    """Delete staging rows identical to a stored row (same key, same values); return how many."""
    conditions = [
        table.c[c] == _from_staging(conn, staging.c[c], table.c[c])
        if c in keys
        else table.c[c].is_not_distinct_from(_from_staging(conn, staging.c[c], table.c[c]))
        for c in columns
    ]
    stored = sa.select(sa.literal(1)).select_from(table).where(*conditions)
    return conn.execute(staging.delete().where(stored.exists())).rowcount


# --- undo: claims of later batches --------------------------------------------------------------
# A batch's duplicates (rows already stored, identical) keep their batch; the batch records a
# claim on each, so that undoing the row's batch hands the row to the newest active claiming
# batch instead of deleting what that batch counted as present.


def _primary_key(table: sa.Table) -> sa.Column:
    (column,) = table.primary_key.columns
    return column


def _record_claims(
    conn: sa.Connection, table: sa.Table, rows: pd.DataFrame, kind: str, batch_id: int
) -> None:
    """Claims of batch ``batch_id`` on the stored rows with its rows' natural keys that belong
    to another batch (its duplicates). Runs only when the import found duplicates."""
    keys = list(NATURAL_KEYS[kind])
    staging = _staging_table(conn, table, keys)
    staging.create(conn)
    try:
        bulk_insert(conn, staging, _as_staging_frame(rows[keys].drop_duplicates(), table))
        pk = _primary_key(table)
        matches = sa.and_(
            *[table.c[k] == _from_staging(conn, staging.c[k], table.c[k]) for k in keys]
        )
        conn.execute(
            CLAIMS.insert().from_select(
                ["batch_id", "kind", "row_pk", "owner_batch_id"],
                sa.select(
                    sa.literal(batch_id, sa.Integer),
                    sa.literal(kind, sa.String),
                    sa.cast(pk, sa.String),
                    table.c.batch_id,
                )
                .select_from(table.join(staging, matches))
                .where(table.c.batch_id != batch_id),
            )
        )
    finally:
        staging.drop(conn)


@dataclass(frozen=True)
class UndoPlan:
    """What undoing ``batch_id`` does: ``rows_removed`` per kind are deleted; ``rows_kept``
    per kind stay because active later batches (``kept_for``) counted them as already present
    (each goes to the newest of them)."""

    batch_id: int
    rows_removed: dict[str, int]
    rows_kept: dict[str, int]
    kept_for: tuple[int, ...]

    @property
    def has_dependents(self) -> bool:
        return bool(self.kept_for)


@dataclass(frozen=True)
class UndoResult:
    batch_id: int
    rows_removed: dict[str, int]
    rows_kept: dict[str, int] = field(default_factory=dict)
    kept_for: tuple[int, ...] = ()


def _active_claims(table: sa.Table, kind: str, batch_id: int):
    """Claims on ``table``'s rows (correlated) by active batches other than ``batch_id``."""
    return (
        sa.select(CLAIMS.c.batch_id)
        .join(BATCHES, BATCHES.c.id == CLAIMS.c.batch_id)
        .where(
            CLAIMS.c.kind == kind,
            CLAIMS.c.row_pk == sa.cast(_primary_key(table), sa.String),
            CLAIMS.c.batch_id != batch_id,
            BATCHES.c.undone_at.is_(None),
        )
    )


def _batch_to_undo(conn: sa.Connection, batch_id: int) -> dict:
    batch = conn.execute(sa.select(BATCHES).where(BATCHES.c.id == batch_id)).mappings().first()
    if batch is None:
        raise UserError(f"There is no import batch {batch_id}.")
    if batch["undone_at"] is not None:
        raise UserError(f"Batch {batch_id} was already undone on {batch['undone_at']:%Y-%m-%d}.")
    return dict(batch)


def _plan(conn: sa.Connection, batch_id: int) -> UndoPlan:
    removed, kept, kept_for = {}, {}, set()
    for kind, model in DATASETS.items():
        table = model.__table__
        claimed = _active_claims(table, kind, batch_id)
        own = table.c.batch_id == batch_id
        total = conn.execute(sa.select(sa.func.count()).select_from(table).where(own)).scalar()
        if not total:
            continue
        keep = conn.execute(
            sa.select(sa.func.count()).select_from(table).where(own, claimed.exists())
        ).scalar()
        if keep:
            kept[kind] = int(keep)
            pk = sa.cast(_primary_key(table), sa.String)
            batches = conn.execute(
                sa.select(CLAIMS.c.batch_id)
                .distinct()
                .join(BATCHES, BATCHES.c.id == CLAIMS.c.batch_id)
                .where(
                    CLAIMS.c.kind == kind,
                    CLAIMS.c.batch_id != batch_id,
                    BATCHES.c.undone_at.is_(None),
                    CLAIMS.c.row_pk.in_(sa.select(pk).where(own)),
                )
            ).scalars()
            kept_for.update(int(b) for b in batches)
        if total - (keep or 0):
            removed[kind] = int(total - (keep or 0))
    return UndoPlan(batch_id, removed, kept, tuple(sorted(kept_for)))


def undo_plan(engine: Engine, batch_id: int) -> UndoPlan:
    """What :func:`undo_batch` would do now (nothing is changed). UserError for an unknown or
    already undone batch."""
    with engine.connect() as conn:
        _batch_to_undo(conn, batch_id)
        return _plan(conn, batch_id)


def undo_batch(engine: Engine, batch_id: int) -> UndoResult:
    """Remove every row that batch ``batch_id`` wrote and that no later batch has updated since
    (a row updated later belongs to that later batch), in one transaction; mark it undone.
    A row that an active later batch counted as already present (one of its duplicates) is
    not removed: it passes to the newest such batch (see :func:`undo_plan` to show this first)."""
    with write_transaction(engine) as conn:
        batch = _batch_to_undo(conn, batch_id)
        plan = _plan(conn, batch_id)
        removed = {}
        for kind, model in DATASETS.items():
            model_table = model.__table__
            claimed = _active_claims(model_table, kind, batch_id)
            own = model_table.c.batch_id == batch_id
            if plan.rows_kept.get(kind):
                newest = claimed.with_only_columns(sa.func.max(CLAIMS.c.batch_id))
                conn.execute(
                    model_table.update()
                    .where(own, claimed.exists())
                    .values(batch_id=newest.scalar_subquery())
                )
            if kind == "events":  # the rollups lose the counts of the rows that go
                remove_events(conn, own)
            count = conn.execute(model_table.delete().where(own)).rowcount
            if count:
                removed[kind] = count
                # claims on rows that are gone (ids may be reused later)
                pk = sa.cast(_primary_key(model_table), sa.String)
                conn.execute(
                    CLAIMS.delete().where(
                        CLAIMS.c.kind == kind, CLAIMS.c.row_pk.not_in(sa.select(pk))
                    )
                )
        conn.execute(CLAIMS.delete().where(CLAIMS.c.batch_id == batch_id))
        for kind in removed:
            refresh_property_keys(conn, kind)
        conn.execute(BATCHES.update().where(BATCHES.c.id == batch_id).values(undone_at=utc_now()))
        after_data_write(
            conn,
            list(removed) or list(plan.rows_kept) or [batch["kind"]],
            refreshed=["events"],
        )
    return UndoResult(batch_id, removed, dict(plan.rows_kept), plan.kept_for)


def list_batches(engine: Engine, *, limit: int | None = None) -> pd.DataFrame:
    """The import history, newest first: one row per batch with its counts."""
    query = sa.select(BATCHES).order_by(BATCHES.c.id.desc())
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=list(BATCHES.c.keys()))
    return frame


def batch_json(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Batches as JSON-ready dicts (timestamps in ISO 8601, UTC; None when absent)."""
    records = []
    for record in frame.astype(object).to_dict("records"):
        clean = {}
        for key, value in record.items():
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                clean[key] = None
            elif isinstance(value, dt.datetime):
                clean[key] = value.isoformat()
            elif hasattr(value, "item"):
                clean[key] = value.item()
            else:
                clean[key] = value
        records.append(clean)
    return records
