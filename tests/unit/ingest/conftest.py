"""Helpers for the import tests: fixture files and a dump of the whole store."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.ingest import ColumnMap, import_file
from opsdash.ingest.write import ImportResult
from opsdash.models import SQLModel

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"
TZ = "UTC"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def dump_store(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: equal dumps = nothing changed."""
    dump = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if not sa.inspect(conn).has_table(table.name):
                continue
            rows = conn.execute(sa.select(table)).all()
            dump[table.name] = sorted(tuple(map(repr, row)) for row in rows)
    return dump


def run_import(
    engine: Engine,
    name: str,
    kind: str,
    *,
    data: bytes | None = None,
    column_map: ColumnMap | None = None,
    timezone: str = TZ,
    **options,
) -> ImportResult:
    return import_file(
        engine,
        fixture_bytes(name) if data is None else data,
        kind=kind,
        file_name=name,
        timezone=timezone,
        column_map=column_map,
        created_by="test",
        **options,
    )


def rows(engine: Engine, table: str, order_by: str) -> list[dict]:
    with engine.connect() as conn:
        model = SQLModel.metadata.tables[table]
        query = sa.select(model).order_by(*(model.c[c] for c in order_by.split(",")))
        return [dict(r) for r in conn.execute(query).mappings()]


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
