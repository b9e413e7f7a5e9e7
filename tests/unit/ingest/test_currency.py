"""Currency is data: detection, the store's one currency, refusal with nothing written, the
user's override, and the CLI contract (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest

from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.ingest import ColumnMap, prepare_import
from opsdash.store.currency import currency_symbol, normalise_currency, store_currency
from tests.unit.ingest.conftest import FIXTURES, TZ, dump_store, fixture_bytes, rows, run_import

YUAN = "order_id,paid_at,金额(元)\nY1,2024-02-01 10:00,30\nY2,2024-02-02 10:00,12.5\n".encode()
YUAN_MAP = ColumnMap(kind="orders", columns={"金额(元)": "amount"})
YEN_CELLS = b"order_id,amount\nZ1,\xc2\xa530\nZ2,\xc2\xa512\n"  # ¥30, ¥12


def guess(data: bytes, kind: str = "orders", name: str = "file.csv"):
    column_map = YUAN_MAP if data == YUAN else None
    prepared = prepare_import(data, kind=kind, file_name=name, timezone=TZ, column_map=column_map)
    return prepared.currency, prepared.has_money


@pytest.mark.parametrize(
    ("data", "code", "source", "sure"),
    [
        (fixture_bytes("orders_retail.csv"), "GBP", "known_export", True),  # UCI: a UK shop
        (YUAN, "CNY", "header", True),  # mapped by hand below
        (YEN_CELLS, "CNY", "cells", True),
        (b"order_id,amount\nA1,$12.00\nA2,$5.50\n", "USD", "cells", True),
        (b"customer_id,date,dollar_value\n1,19970101,12.5\n", "USD", "header", True),
        (b"order_id,amount,currency\nA1,12,eur\n", "EUR", "column", True),
        ("订单编号,总金额\n1,30\n".encode(), "CNY", "chinese_header", False),
        (b"order_id,amount\nA1,12\n", None, None, False),
    ],
)
def test_detection(data, code, source, sure):
    found, money = guess(data)
    assert (found.code, found.source, found.sure, money) == (code, source, sure, True)


def test_only_money_files_count():
    _, money = guess(b"campaign_id,date,impressions\nc1,2024-01-01,10\n", "campaign_stats")
    assert money is False
    found, money = guess(b"campaign_id,date,cost\nc1,2024-01-01,\xc2\xa310\n", "campaign_stats")
    assert money is True and found.code == "GBP"
    _, money = guess(b"user_id,signup_at\nu1,2024-01-01\n", "users")
    assert money is False


def test_first_money_import_sets_the_store_currency(engine):
    assert store_currency(engine) is None
    run_import(engine, "users_en.csv", "users")
    assert store_currency(engine) is None  # no money in a users file
    result = run_import(engine, "orders_retail.csv", "orders")
    assert result.currency == "GBP" and result.to_json()["currency"] == "GBP"
    assert store_currency(engine) == "GBP"
    assert {o["currency"] for o in rows(engine, "orders", "order_id")} == {"GBP"}
    assert currency_symbol(store_currency(engine), "¥") == "£"
    assert currency_symbol(None, "¥") == "¥"  # OPSDASH_CURRENCY_SYMBOL for an empty store


def test_another_currency_is_refused_and_nothing_written(engine):
    run_import(engine, "orders_retail.csv", "orders")
    before = dump_store(engine)
    with pytest.raises(UserError) as refused:
        run_import(engine, "yuan.csv", "orders", data=YUAN, column_map=YUAN_MAP)
    assert refused.value.code == "currency_mismatch"
    assert refused.value.values == {"file": "yuan.csv", "file_currency": "CNY", "store": "GBP"}
    assert "yuan.csv" in str(refused.value) and "--currency GBP" in str(refused.value)
    assert dump_store(engine) == before


def test_the_user_says_it_is_the_same(engine):
    run_import(engine, "orders_retail.csv", "orders")
    result = run_import(
        engine, "yuan.csv", "orders", data=YUAN, column_map=YUAN_MAP, currency="gbp"
    )
    assert result.rows_imported == 2 and result.currency == "GBP"
    assert {o["currency"] for o in rows(engine, "orders", "order_id")} == {"GBP"}
    with pytest.raises(UserError) as refused:  # the user's word must be the store's
        run_import(engine, "yen.csv", "orders", data=YEN_CELLS, currency="USD")
    assert refused.value.code == "currency_mismatch"


def test_unknown_currency_leaves_the_store_unset_then_the_next_file_sets_it(engine):
    run_import(engine, "plain.csv", "orders", data=b"order_id,amount\nA1,12\n")
    assert store_currency(engine) is None
    run_import(engine, "yuan.csv", "orders", data=YUAN, column_map=YUAN_MAP)
    assert store_currency(engine) == "CNY"


def test_currency_words():
    assert normalise_currency("£") == "GBP" and normalise_currency("元") == "CNY"
    assert normalise_currency(" usd ") == "USD"
    with pytest.raises(UserError) as bad:
        normalise_currency("pounds!")
    assert bad.value.code == "currency_invalid"


def _cli(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_currency(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    period = ["--start", "2010-12-01", "--end", "2010-12-31"]
    status, out, _ = _cli(capsys, "report", "revenue", *period, "--db", db, "--json")
    assert status == 0 and json.loads(out)["currency"] is None  # empty store
    retail = str(FIXTURES / "orders_retail.csv")
    status, out, _ = _cli(capsys, "import", "orders", retail, "--db", db, "--json")
    assert status == 0 and json.loads(out)["currency"] == "GBP"
    status, out, _ = _cli(capsys, "report", "revenue", *period, "--db", db, "--json")
    assert json.loads(out)["currency"] == "GBP"
    yuan = tmp_path / "yuan.csv"
    yuan.write_bytes(YUAN)
    yuan_map = ["--map", "金额(元)=amount"]
    status, out, err = _cli(capsys, "import", "orders", str(yuan), *yuan_map, "--db", db, "--json")
    assert status == 2
    refused = json.loads(out)
    assert refused["status"] == "error" and refused["code"] == "currency_mismatch"
    assert "yuan.csv" in refused["message"] and "GBP" in refused["message"]
    status, out, _ = _cli(
        capsys, "import", "orders", str(yuan), *yuan_map, "--currency", "GBP", "--db", db, "--json"
    )
    assert status == 0 and json.loads(out)["rows_imported"] == 2
    status, _, err = _cli(
        capsys, "import", "orders", str(yuan), *yuan_map, "--currency", "xx1", "--db", db
    )
    assert status == 2 and "not a currency" in err
