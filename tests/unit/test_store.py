"""The store: migrations, bulk writes, data version, local dates, on SQLite and PostgreSQL."""

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from opsdash.db import init_store, make_engine
from opsdash.models import Event, OrderLine, User
from opsdash.store.bulk import bulk_insert
from opsdash.store.data import clear_data, has_data, table_counts
from opsdash.store.localdates import refresh_local_dates
from opsdash.store.meta import bump_data_version, data_version


def test_migrations_match_models(engine):
    """The newest migration creates exactly what the models declare."""
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_sqlite_pragmas(sqlite_engine):
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_migrate_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for _ in range(2):
        store = make_engine(url)
        init_store(store, timezone="UTC")
        store.dispose()


def test_bulk_insert_round_trip(engine):
    frame = pd.DataFrame(
        {
            "order_id": ["A1", "A1", "B2"],
            "line": [1, 2, 1],
            "user_id": ["007", None, "42"],
            "paid_at": [dt.datetime(2024, 1, 31, 23, 30), dt.datetime(2024, 1, 31, 23, 30), None],
            "paid_date": [dt.date(2024, 1, 31), dt.date(2024, 1, 31), None],
            "product": ['=cmd|" /C calc"!A0', "<b>bold</b>", '逗号, "引号"\n换行'],
            "quantity": [2.0, 1.0, 1.0],
            "unit_price": [9.5, float("nan"), 3.0],
            "amount": [19.0, 0.0, 3.0],
            "status": ["paid", "paid", "unpaid"],
            "refund_amount": [0.0, 0.0, 0.0],
        }
    )
    with engine.begin() as conn:
        assert bulk_insert(conn, OrderLine.__table__, frame) == 3
    with engine.connect() as conn:
        rows = (
            conn.execute(sa.select(OrderLine.__table__).order_by("order_id", "line"))
            .mappings()
            .all()
        )
    assert [r["user_id"] for r in rows] == ["007", None, "42"]
    assert rows[0]["paid_at"] == dt.datetime(2024, 1, 31, 23, 30)
    assert rows[2]["paid_at"] is None and rows[1]["unit_price"] is None
    # text is stored exactly as given
    assert [r["product"] for r in rows] == list(frame["product"])


def test_bulk_insert_empty_frame(engine):
    with engine.begin() as conn:
        assert bulk_insert(conn, User.__table__, pd.DataFrame()) == 0


def test_data_version_bumps(engine):
    before = data_version(engine)
    with engine.begin() as conn:
        bump_data_version(conn)
    assert data_version(engine) == before + 1


def _user_frame():
    return pd.DataFrame(
        {
            "user_id": ["u1", "u2"],
            # 2024-03-01 17:30 UTC is 2024-03-02 01:30 in Shanghai
            "signup_at": [dt.datetime(2024, 3, 1, 17, 30), dt.datetime(2024, 3, 1, 10, 0)],
            "signup_date": [dt.date(2024, 3, 1), dt.date(2024, 3, 1)],
        }
    )


def test_timezone_change_recomputes_local_dates(engine):
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, _user_frame())
        bulk_insert(
            conn,
            Event.__table__,
            pd.DataFrame(
                {
                    "user_id": ["u1"],
                    "event_at": [dt.datetime(2024, 3, 1, 16, 0)],
                    "event_date": [dt.date(2024, 3, 1)],
                    "event": ["app_open"],
                    "row_key": [1],
                }
            ),
        )
    version = data_version(engine)
    assert refresh_local_dates(engine, timezone="Asia/Shanghai") is True
    assert refresh_local_dates(engine, timezone="Asia/Shanghai") is False
    with engine.connect() as conn:
        days = dict(conn.execute(sa.select(User.user_id, User.signup_date)).all())
        event_day = conn.execute(sa.select(Event.event_date)).scalar_one()
    assert days == {"u1": dt.date(2024, 3, 2), "u2": dt.date(2024, 3, 1)}
    assert event_day == dt.date(2024, 3, 2)  # 16:00 UTC = 00:00 next day in Shanghai
    assert data_version(engine) > version


def test_clear_data(engine):
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, _user_frame())
        assert has_data(conn)
        clear_data(conn)
        assert not has_data(conn)
        assert set(table_counts(conn).values()) == {0}


@pytest.mark.parametrize("url", ["postgresql://postgres@127.0.0.1:5432/x"])
def test_plain_postgres_url_uses_psycopg(url):
    assert make_engine(url).dialect.driver == "psycopg"


def test_bulk_insert_nullable_boolean(engine):
    from opsdash.models import ExperimentAssignment

    frame = pd.DataFrame(
        {
            "experiment": ["e"] * 3,
            "user_id": ["a", "b", "c"],
            "variant": ["control", "treatment", "treatment"],
            "converted": [True, None, False],
        }
    )
    with engine.begin() as conn:
        bulk_insert(conn, ExperimentAssignment.__table__, frame)
    with engine.connect() as conn:
        table = ExperimentAssignment.__table__
        rows = conn.execute(sa.select(table.c.user_id, table.c.converted).order_by("user_id")).all()
    assert [tuple(r) for r in rows] == [("a", True), ("b", None), ("c", False)]


def test_segment_values(engine):
    from opsdash.store.summary import segment_values

    frame = _user_frame().assign(channel=["wechat", None], region=["east", "east"])
    with engine.begin() as conn:
        bulk_insert(conn, User.__table__, frame)
    assert segment_values(engine, field="channel") == ["wechat"]  # empty values left out
    assert segment_values(engine, field="region") == ["east"]
    assert segment_values(engine, field="platform") == []
