"""Unmapped columns are kept as per-row properties (issue: nothing is dropped)."""

import json

import pandas as pd
import pytest
import sqlalchemy as sa

from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.ingest import ColumnMap
from opsdash.ingest.properties import detect_type, encode_properties
from opsdash.ingest.write import undo_batch
from opsdash.models import OrderLine
from opsdash.store.properties import property_keys, property_text, validate_property
from tests.unit.ingest.conftest import run_import

ORDERS = (
    b"InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID, Country ,age,code,since\n"
    b"536365,85123A,6,2010-12-01 08:26,2.55,17850,United Kingdom,30,007,2024-01-02\n"
    b"536366,71053,2,2010-12-01 08:28,3.39,17850,France,41,010,2024/1/3\n"
    b'536367,84406B,8,2010-12-01 08:34,2.75,13047,"a ""quoted"" land",,011,\n'
    b"536368,84029G,1,2010-12-01 08:35,3.39,,,25.5,,\n"
)


def _stored_properties(engine) -> list[dict | None]:
    table = OrderLine.__table__
    with engine.connect() as conn:
        return list(
            conn.execute(sa.select(table.c.properties).order_by(table.c.order_id)).scalars()
        )


def test_unmapped_columns_become_typed_properties(engine):
    result = run_import(engine, "orders.csv", "orders", data=ORDERS)
    assert not result.rejected and result.rows_imported == 4
    assert {(c, n, t) for c, n, t in result.properties} == {
        (" Country ", "Country", "text"),
        ("age", "age", "number"),
        ("code", "code", "text"),  # leading zeros: an identifier, not a number
        ("since", "since", "date"),
    }
    assert _stored_properties(engine) == [
        {"Country": "United Kingdom", "age": 30, "code": "007", "since": "2024-01-02"},
        {"Country": "France", "age": 41, "code": "010", "since": "2024-01-03"},
        {"Country": 'a "quoted" land', "code": "011"},
        {"age": 25.5},
    ]
    assert property_keys(engine, "orders") == {
        "Country": "text",
        "age": "number",
        "code": "text",
        "since": "date",
    }
    # the same file again changes nothing
    again = run_import(engine, "orders.csv", "orders", data=ORDERS)
    assert (again.rows_imported, again.rows_duplicate) == (0, 4)


def test_property_text_reads_any_name_as_a_bound_parameter(engine):
    run_import(engine, "orders.csv", "orders", data=ORDERS)
    table = OrderLine.__table__
    country = property_text(table.c.properties, "Country")
    with engine.connect() as conn:
        counts = dict(conn.execute(sa.select(country, sa.func.count()).group_by(country)).all())
        ages = sorted(
            conn.execute(sa.select(property_text(table.c.properties, "age"))).scalars(),
            key=str,
        )
        hostile = conn.execute(
            sa.select(sa.func.count()).where(
                property_text(table.c.properties, "x' OR '1'='1").is_not(None)
            )
        ).scalar_one()
    assert counts == {"United Kingdom": 1, "France": 1, 'a "quoted" land': 1, None: 1}
    assert ages == ["25.5", "30", "41", None] or ages == [None, "25.5", "30", "41"]
    assert hostile == 0


def test_rename_and_skip(engine):
    column_map = ColumnMap(kind="orders", properties={" Country ": "国家", "age": ""})
    result = run_import(engine, "orders.csv", "orders", data=ORDERS, column_map=column_map)
    assert {name for _, name, _ in result.properties} == {"国家", "code", "since"}
    first = _stored_properties(engine)[0]
    assert first == {"国家": "United Kingdom", "code": "007", "since": "2024-01-02"}
    assert validate_property(engine, "orders", "国家") == "国家"
    with pytest.raises(UserError, match="not a property of orders"):
        validate_property(engine, "orders", "age")


def test_two_columns_with_one_property_name_are_refused(engine):
    data = b"user_id,signup_at,Note ,Note\n1,2024-01-01,a,b\n"
    with pytest.raises(UserError, match="both be kept as the property 'Note'"):
        run_import(engine, "u.csv", "users", data=data)


def test_undo_forgets_property_names_no_row_has(engine):
    first = run_import(engine, "orders.csv", "orders", data=ORDERS)
    other = b"InvoiceNo,Quantity,InvoiceDate,UnitPrice,Channel note\n9001,1,2011-01-01,1,x\n"
    second = run_import(engine, "more.csv", "orders", data=other)
    assert "Channel note" in property_keys(engine, "orders")
    undo_batch(engine, second.batch_id)
    assert set(property_keys(engine, "orders")) == {"Country", "age", "code", "since"}
    undo_batch(engine, first.batch_id)
    assert property_keys(engine, "orders") == {}


def test_detect_type_and_encoding_match_pandas():
    cells = pd.Series(["1,234", "755.4万", "9.98%", None, ""], dtype="str")
    assert detect_type(cells) == "number"
    assert detect_type(pd.Series(["a", "1"], dtype="str")) == "text"
    assert detect_type(pd.Series([None, ""], dtype="object")) == "text"
    encoded = encode_properties(
        {"n": pd.Series([1.0, None, 2.5]), "s": pd.Series(["x", None, None])}, 3
    )
    assert [None if v is None else json.loads(v) for v in encoded] == [
        {"n": 1, "s": "x"},
        None,
        {"n": 2.5},
    ]


def test_cli_property_and_skip(capsys, tmp_path):
    path = tmp_path / "orders.csv"
    path.write_bytes(ORDERS)
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status = main(
        [
            *("import", "orders", str(path), "--db", db, "--json", "--property", "age=年龄"),
            *("--skip", "code", "--skip", "since"),
        ]
    )
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["properties"] == [
        {"column": " Country ", "name": "Country", "type": "text"},
        {"column": "age", "name": "年龄", "type": "number"},
    ]
