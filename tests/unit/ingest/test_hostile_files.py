"""Hostile files (issue 18): each is refused with a UserError naming what was wrong (and the
row and column where one is to blame), or imported correctly, on SQLite and PostgreSQL; a
refusal leaves the store's dump unchanged; nothing prints a traceback; ``opsdash import
--json`` prints a JSON object for every outcome.

The corpus: small text files committed under tests/fixtures/ingest/hostile/ (written by
tests/unit/ingest/hostile.py), workbooks built by that module (bombs a few KB in size that
declare or expand to gigabytes)."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time

import pytest

from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.i18n import error_text
from opsdash.ingest.bounded import ParseLimits, can_isolate, run_bounded
from opsdash.ingest.read import read_table
from tests.unit.ingest import hostile
from tests.unit.ingest.conftest import dump_store, rows, run_import

# (file, kind, error code, values the error must carry)
REFUSED_FILES = [
    ("unclosed_quote.csv", "users", "unclosed_quote", {"line": 2}),
    ("dates_disagree.csv", "users", "mixed_date_formats", {"column": "signup_at", "line": 2}),
    ("decimal_disagree.csv", "orders", "mixed_decimal_formats", {"column": "amount"}),
    ("utf8_and_gbk.csv", "users", "mixed_encoding", {"line": 2, "other_line": 4}),
    ("header_twice.csv", "users", "ambiguous_columns", {"field": "user_id"}),
    ("header_alias.csv", "users", "ambiguous_columns", {"field": "user_id"}),
    ("header_zh_twice.csv", "users", "ambiguous_columns", {"field": "signup_at"}),
]
# (file, kind, line, column, problem code): the file is refused (nothing written) because of
# that row; with --skip-bad-rows the other rows are imported and that one is left out
ROW_PROBLEM_FILES = [
    ("dates_9999.csv", "users", 3, "signup_at", "date_out_of_bounds"),
    ("dates_0001.csv", "users", 3, "signup_at", "date_out_of_bounds"),
    ("campaign_2300.csv", "campaigns", 3, "end_date", "date_out_of_bounds"),
    ("counts_1e19.csv", "content_stats", 3, "views", "number_out_of_bounds"),
    ("counts_1e19.csv", "content_stats", 4, "views", "number_out_of_bounds"),
    ("nul_after_64k.csv", "users", 5002, "user_id", "nul_byte"),
    ("long_user_id.csv", "users", 3, "user_id", "too_long"),
]
# (builder, error code): workbooks
REFUSED_WORKBOOKS = [
    (hostile.dimension_bomb, "too_many_columns"),
    (hostile.shared_string_declared_huge, "workbook_too_large"),
    (hostile.shared_string_bomb, "workbook_ratio"),
    (hostile.many_members, "workbook_members"),
    (hostile.truncated_sheet_xml, "bad_workbook"),
    (hostile.truncated_zip, "bad_workbook"),
]


def committed(name: str) -> bytes:
    return (hostile.HOSTILE / name).read_bytes()


def test_committed_corpus_matches_its_builder():
    for name, data in hostile.TEXT_FILES.items():
        assert committed(name) == data, f"{name}: run python -m tests.unit.ingest.hostile"


@pytest.fixture
def filled(engine):
    run_import(engine, "users_en.csv", "users")
    return engine


def _assert_refusal(error: UserError, code: str, values: dict) -> None:
    assert error.code == code, str(error)
    for key, value in values.items():
        assert error.values[key] == value, (key, error.values)
    for language in ("zh", "en"):  # the catalog says it in both languages, fully formatted
        text = error_text(error, language)
        assert text and "{" not in text, text


@pytest.mark.parametrize(("name", "kind", "code", "values"), REFUSED_FILES)
def test_refused_files_name_what_is_wrong(filled, name, kind, code, values):
    before = dump_store(filled)
    with pytest.raises(UserError) as caught:
        run_import(filled, name, kind, data=committed(name))
    _assert_refusal(caught.value, code, values)
    assert dump_store(filled) == before


@pytest.mark.parametrize(("name", "kind", "line", "column", "code"), ROW_PROBLEM_FILES)
def test_values_out_of_bounds_are_row_problems(filled, name, kind, line, column, code):
    before = dump_store(filled)
    result = run_import(filled, name, kind, data=committed(name))
    assert result.rejected and result.batch_id is None
    problems = result.errors[result.errors["row"] == line]
    assert (problems["column"] == column).any() and (problems["code"] == code).any(), result.errors
    assert dump_store(filled) == before
    # the other rows are accepted by both databases (the bound keeps the store's limits)
    kept = run_import(filled, name, kind, data=committed(name), skip_bad_rows=True)
    assert kept.batch_id is not None and kept.rows_imported == kept.rows_read - kept.rows_rejected


@pytest.mark.parametrize(
    ("build", "code"), REFUSED_WORKBOOKS, ids=lambda v: getattr(v, "__name__", v)
)
def test_hostile_workbooks_refused_before_they_expand(filled, build, code):
    data = build()
    before = dump_store(filled)
    started = time.monotonic()
    with pytest.raises(UserError) as caught:
        run_import(filled, "hostile.xlsx", "users", data=data)
    assert time.monotonic() - started < 10  # seconds, on a loaded 2-core machine
    _assert_refusal(caught.value, code, {})
    assert dump_store(filled) == before


def test_rows_padded_to_a_huge_table_refused(monkeypatch):
    # a row per line with one value in column 1,024: the cell cap trips as the rows are read
    # (the cap is lowered here so the test reads 1,000 rows, not 50,000)
    from opsdash.ingest import read

    monkeypatch.setattr(read, "XLSX_MAX_CELLS", 1_000_000)
    with pytest.raises(UserError) as caught:
        read.read_table_here(hostile.wide_rows_bomb(1_500))
    _assert_refusal(caught.value, "too_many_cells", {"row": 977, "columns": 1024})


def test_declared_dimension_is_ignored(engine):
    result = run_import(engine, "users.xlsx", "users", data=hostile.declared_dimension_only())
    assert result.rows_imported == 2
    assert [r["user_id"] for r in rows(engine, "users", "user_id")] == ["u1", "u2"]


def test_one_date_order_per_column_day_first_when_a_day_proves_it(engine):
    prepared_result = run_import(engine, "d.csv", "users", data=committed("dates_day_first.csv"))
    assert prepared_result.rows_imported == 3
    signups = {r["user_id"]: r["signup_at"].date() for r in rows(engine, "users", "user_id")}
    assert signups == {
        "u1": dt.date(2024, 2, 1),  # 01/02/2024: day first, like 13/02/2024 in the column
        "u2": dt.date(2024, 2, 13),
        "u3": dt.date(2024, 2, 20),
    }


def test_one_decimal_convention_per_column(engine):
    result = run_import(engine, "d.csv", "orders", data=committed("decimal_comma.csv"))
    assert result.rows_imported == 2
    amounts = [r["amount"] for r in rows(engine, "orders", "order_id")]
    assert amounts == [1234.5, 1234.0]  # 1.234 in a decimal-comma column is 1234


def test_preview_shows_the_formats_decided():
    from opsdash.ingest import prepare_import

    prepared = prepare_import(
        committed("dates_day_first.csv"), kind="users", file_name="d.csv", timezone="UTC"
    )
    assert prepared.formats == {"signup_at": "DD/MM/YYYY"}
    prepared = prepare_import(
        committed("decimal_comma.csv"), kind="orders", file_name="d.csv", timezone="UTC"
    )
    assert prepared.formats["amount"] == "1.234,56"


def test_an_ambiguous_header_can_be_settled_by_mapping(engine):
    from opsdash.ingest import ColumnMap

    settled = ColumnMap(kind="users", columns={"uid": ""})
    result = run_import(
        engine, "h.csv", "users", data=committed("header_alias.csv"), column_map=settled
    )
    assert [r["user_id"] for r in rows(engine, "users", "user_id")] == ["u9"]
    assert result.rows_imported == 1


# ------------------------------------------------------------------ the bounded worker
def _spin(seconds: float) -> int:
    end = time.process_time() + seconds
    count = 0
    while time.process_time() < end:
        count += 1
    return count


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "done"


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


needs_worker = pytest.mark.skipif(not can_isolate(), reason="no forkserver/resource here")


@needs_worker
def test_worker_returns_the_result():
    assert run_bounded(_sleep, 0, file_name="f.csv", limits=ParseLimits()) == "done"


@needs_worker
def test_worker_stopped_at_the_wall_limit():
    started = time.monotonic()
    with pytest.raises(UserError) as caught:
        run_bounded(_sleep, 30, file_name="slow.xlsx", limits=ParseLimits(seconds=1))
    assert time.monotonic() - started < 8
    _assert_refusal(caught.value, "parse_timeout", {"file": "slow.xlsx"})


@needs_worker
def test_worker_stopped_at_the_cpu_limit():
    limits = ParseLimits(seconds=30, cpu_seconds=1)
    with pytest.raises(UserError) as caught:
        run_bounded(_spin, 60, file_name="spin.xlsx", limits=limits)
    _assert_refusal(caught.value, "parse_timeout", {"file": "spin.xlsx"})


@needs_worker
def test_worker_stopped_at_the_memory_limit():
    limits = ParseLimits(memory_mb=256)
    with pytest.raises(UserError) as caught:
        run_bounded(_allocate, 2048, file_name="big.xlsx", limits=limits)
    _assert_refusal(caught.value, "parse_memory", {"file": "big.xlsx"})
    assert run_bounded(_allocate, 16, file_name="small.csv", limits=limits) == 16 * 1024 * 1024


@needs_worker
def test_a_parsing_upload_does_not_hold_the_server():
    # the parse runs in another process: this process's threads keep running meanwhile
    ticks = []
    worker = threading.Thread(
        target=lambda: run_bounded(_spin, 0.5, file_name="f", limits=ParseLimits())
    )
    worker.start()
    while worker.is_alive():
        ticks.append(time.monotonic())
        time.sleep(0.01)
    worker.join()
    assert len(ticks) > 20  # the GIL was free for the whole parse
    assert os.getpid()  # still the same process


def test_read_table_uses_the_worker_by_default():
    table = read_table(hostile.declared_dimension_only(), file_name="x.xlsx")
    assert len(table.frame) == 2


# ------------------------------------------------------------------ the CLI's --json
CLI_CASES = [
    *((name, kind) for name, kind, _, _ in REFUSED_FILES),
    *((name, kind) for name, kind, *_ in ROW_PROBLEM_FILES),
    ("dates_day_first.csv", "users"),
]


@pytest.mark.parametrize(("name", "kind"), sorted(set(CLI_CASES)))
def test_cli_json_on_every_outcome(engine, tmp_path, capsys, name, kind):
    path = tmp_path / name
    path.write_bytes(committed(name))
    url = engine.url.render_as_string(hide_password=False)
    status = main(["import", kind, str(path), "--db", url, "--json"])
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert "Traceback" not in captured.err
    if status == 2:
        assert payload["status"] == "error" and payload["code"] and payload["file"] == name
    else:
        assert status in (0, 1) and "rows_read" in payload


@pytest.mark.parametrize(
    ("build", "code"), REFUSED_WORKBOOKS[:3], ids=lambda v: getattr(v, "__name__", v)
)
def test_cli_json_for_hostile_workbooks(sqlite_engine, tmp_path, capsys, build, code):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(build())
    url = sqlite_engine.url.render_as_string(hide_password=False)
    status = main(["import", "users", str(path), "--db", url, "--json"])
    captured = capsys.readouterr()
    assert status == 2 and "Traceback" not in captured.err
    assert json.loads(captured.out)["code"] == code


def test_cli_json_when_the_file_is_missing(sqlite_engine, tmp_path, capsys):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    status = main(["import", "users", str(tmp_path / "nope.csv"), "--db", url, "--json"])
    payload = json.loads(capsys.readouterr().out)
    assert status == 2 and payload["code"] == "file_unreadable"
