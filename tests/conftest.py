"""Shared fixtures: real stores on SQLite and PostgreSQL.

PostgreSQL: the server URL comes from ``OPSDASH_TEST_POSTGRES_URL`` (``make test`` and
``.ci/run`` set it). Each test session creates its own database on that server and drops it
at the end, so parallel runs never collide. With ``OPSDASH_REQUIRE_POSTGRES=1`` (CI) an
unreachable server fails the run instead of skipping the PostgreSQL tests.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url

from opsdash.db import init_store, make_engine
from opsdash.models import (
    DATASETS,
    AppUser,
    ColumnMapping,
    ImportBatch,
    StoreMeta,
    Target,
    UserActivityDay,
)

PG_ENV = "OPSDASH_TEST_POSTGRES_URL"
REQUIRE_PG_ENV = "OPSDASH_REQUIRE_POSTGRES"
SHARED_DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
TEST_TIMEZONE = "UTC"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a fresh, migrated PostgreSQL database for this test session."""
    server = os.environ.get(PG_ENV)
    required = os.environ.get(REQUIRE_PG_ENV) == "1"
    if not server:
        if required:
            pytest.fail(f"{REQUIRE_PG_ENV}=1 but {PG_ENV} is not set")
        pytest.skip(f"{PG_ENV} not set: PostgreSQL tests skipped")
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    name = f"opsdash_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError as error:
        if required:
            pytest.fail(f"PostgreSQL at {server} is unreachable: {error}")
        pytest.skip(f"PostgreSQL at {server} is unreachable")
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    init_store(engine, timezone=TEST_TIMEZONE)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


ALL_TABLES = [
    *DATASETS.values(),
    ColumnMapping,
    Target,
    StoreMeta,
    ImportBatch,
    UserActivityDay,
    AppUser,
]


def _empty_postgres(engine: Engine) -> None:
    # every table of the models, so tables added later are emptied too
    from sqlmodel import SQLModel

    names = ", ".join(table.name for table in SQLModel.metadata.sorted_tables)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        conn.exec_driver_sql(
            "INSERT INTO store_meta (key, value) VALUES ('timezone', %(tz)s)", {"tz": TEST_TIMEZONE}
        )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path) -> Iterator[Engine]:
    """An empty, migrated store; every test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        store = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
        init_store(store, timezone=TEST_TIMEZONE)
    else:
        store = make_engine(request.getfixturevalue("postgres_url"))
        _empty_postgres(store)
    yield store
    store.dispose()


@pytest.fixture
def sqlite_engine(tmp_path) -> Iterator[Engine]:
    """An empty, migrated SQLite store (for tests that are about SQLite only)."""
    store = make_engine(f"sqlite:///{tmp_path / 'store.db'}")
    init_store(store, timezone=TEST_TIMEZONE)
    yield store
    store.dispose()


@pytest.fixture
def shared_datasets() -> Path:
    """../shared/datasets, or skip when it is absent (a clone without the shared folder)."""
    if not SHARED_DATASETS.is_dir():
        pytest.skip("../shared/datasets is absent")
    return SHARED_DATASETS
