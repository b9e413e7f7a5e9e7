"""The one fast write path: plain INSERTs of a DataFrame's rows, no ORM objects.

SQLite: a single ``executemany`` of tuples. PostgreSQL: ``COPY ... FROM STDIN`` in CSV form.
Both run on the caller's connection, so they join the caller's transaction."""

from __future__ import annotations

import csv
import io

import pandas as pd
import sqlalchemy as sa

SQLITE_TIMESTAMP = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite DateTime storage format
COPY_CHUNK_ROWS = 200_000
PG_NULL = r"\N"


def bulk_insert(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> int:
    """Insert every row of ``frame`` (columns named as the table's) into ``table``; return the
    row count. Missing nullable columns are written as NULL; NaN/NaT/None become NULL."""
    if frame.empty:
        return 0
    columns = [c for c in frame.columns if c in table.c]
    frame = frame[columns]
    if conn.dialect.name == "postgresql":
        _copy_postgres(conn, table, frame)
    else:
        _executemany(conn, table, frame)
    return len(frame)


def prepare_columns(table: sa.Table, frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Columns converted to what the drivers take: timestamps and days as text, booleans as
    Python bools (None for NULL); used by bulk_insert and the importer's upsert."""
    prepared: dict[str, pd.Series] = {}
    for name in frame.columns:
        column = frame[name]
        kind = table.c[name].type
        if isinstance(kind, sa.DateTime):
            stamps = pd.to_datetime(column)
            text = stamps.dt.strftime(SQLITE_TIMESTAMP)
            prepared[name] = text.where(stamps.notna(), None)
        elif isinstance(kind, sa.Date) and not isinstance(kind, sa.DateTime):
            days = pd.to_datetime(column)
            prepared[name] = days.dt.strftime("%Y-%m-%d").where(days.notna(), None)
        elif isinstance(kind, sa.Boolean):
            # Python bools in an object column: NULLs stay None (a float column would turn
            # True into "1.0", which PostgreSQL's COPY rejects)
            prepared[name] = pd.Series(
                [None if pd.isna(v) else bool(v) for v in column], index=column.index, dtype=object
            )
        else:
            prepared[name] = column
    return prepared


def python_values(series: pd.Series) -> list:
    """The column as a list of Python scalars with None for missing values (what sqlite3 takes)."""
    if pd.api.types.is_float_dtype(series.dtype):
        return [None if v != v else v for v in series.astype(float).tolist()]  # NaN != NaN
    if pd.api.types.is_integer_dtype(series.dtype) and not series.isna().any():
        return series.astype("int64").tolist()
    return series.astype(object).where(series.notna(), None).tolist()


def _executemany(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    prepared = prepare_columns(table, frame)
    columns = list(prepared)
    rows = list(zip(*(python_values(prepared[name]) for name in columns), strict=True))
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in columns)
    placeholders = ", ".join("?" for _ in columns)
    # identifiers come from the model, values are bound parameters
    statement = f"INSERT INTO {table.name} ({quoted}) VALUES ({placeholders})"  # noqa: S608
    conn.exec_driver_sql(statement, rows)


def _copy_postgres(conn: sa.Connection, table: sa.Table, frame: pd.DataFrame) -> None:
    prepared = pd.DataFrame(prepare_columns(table, frame))
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(c) for c in prepared.columns)
    statement = f"COPY {table.name} ({quoted}) FROM STDIN WITH (FORMAT csv, NULL '{PG_NULL}')"
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(statement) as copy:
            for start in range(0, len(prepared), COPY_CHUNK_ROWS):
                buffer = io.StringIO()
                prepared.iloc[start : start + COPY_CHUNK_ROWS].to_csv(
                    buffer, header=False, index=False, na_rep=PG_NULL, quoting=csv.QUOTE_MINIMAL
                )
                copy.write(buffer.getvalue())
    finally:
        cursor.close()
