"""Every kind of bad file: a message a non-engineer understands, and the store unchanged.

Each case first fills the store with a batch, then tries the bad file and compares a dump of
every table (data, history, mappings, meta) before and after."""

import re

import pytest

from opsdash.errors import UserError
from opsdash.i18n import error_text
from opsdash.ingest import ColumnMap
from opsdash.ingest.read import read_table
from tests.unit.ingest.conftest import dump_store, fixture_bytes, run_import


@pytest.fixture
def filled(engine):
    run_import(engine, "users_en.csv", "users")
    return engine


REFUSED = [
    ("bad_empty.csv", "users", None, "The file is empty"),
    ("bad_binary_renamed.csv", "users", None, "PNG image, not a table export"),
    ("bad_header_only.csv", "users", None, "header row but no data rows"),
    ("bad_unknown_encoding.csv", "users", None, "encoding could not be recognised"),
    ("bad_html_page.csv", "users", None, "web page (HTML)"),
    ("bad_wrong_kind.csv", "users", None, "look like orders data"),
    ("campaign_stats_kag.csv", "campaign_stats", None, "give the date the numbers are for"),
]


@pytest.mark.parametrize(("name", "kind", "column_map", "message"), REFUSED)
def test_unusable_files_refused_with_a_clear_message(filled, name, kind, column_map, message):
    before = dump_store(filled)
    with pytest.raises(UserError, match=re.escape(message)):
        run_import(filled, name, kind, column_map=column_map)
    assert dump_store(filled) == before


def test_over_the_size_limit(filled):
    before = dump_store(filled)
    with pytest.raises(UserError, match="the limit is"):
        run_import(filled, "users_en.csv", "users", max_bytes=100)
    assert dump_store(filled) == before


def test_binary_data_inside_a_csv(filled):
    before = dump_store(filled)
    with pytest.raises(UserError, match="binary data"):
        run_import(filled, "x.csv", "users", data=b"user_id,signup_at\n" + bytes(range(0, 32)) * 50)
    assert dump_store(filled) == before


ROW_PROBLEMS = [
    ("bad_truncated.csv", "users", 3, "cut off"),
    ("bad_formula.csv", "users", 2, "spreadsheet formula"),
    ("bad_types.csv", "users", 2, "'not a date' is not a date and time"),
    ("bad_types.csv", "users", 3, "required value is empty"),
    ("bad_campaign_dates.csv", "campaigns", 2, "end date is before the start date"),
    ("bad_campaign_dates.csv", "campaigns", 3, "cannot be below zero"),
]


@pytest.mark.parametrize(("name", "kind", "line", "message"), ROW_PROBLEMS)
def test_row_problems_reject_the_file_by_default(filled, name, kind, line, message):
    before = dump_store(filled)
    result = run_import(filled, name, kind)
    assert result.rejected and result.batch_id is None and result.rows_imported == 0
    problems = result.errors[result.errors["row"] == line]
    assert problems["message"].str.contains(message, regex=False).any(), result.errors
    assert dump_store(filled) == before
    payload = result.to_json()
    assert {"row", "column", "message"} == set(payload["errors"][0])


def test_formula_cells_are_row_problems_even_in_text_fields(filled):
    result = run_import(filled, "bad_formula.csv", "users")
    formulas = result.errors[result.errors["code"] == "formula"]
    assert formulas["row"].tolist() == [2, 3]
    assert set(formulas["column"]) == {"channel", "user_id"}


def test_one_megabyte_line(filled):
    before = dump_store(filled)
    data = (
        b"user_id,signup_at,channel\nu9,2024-01-01,ads\nu10,2024-01-02," + b"x" * 1_048_576 + b"\n"
    )
    result = run_import(filled, "long.csv", "users", data=data)
    assert result.rejected
    assert result.errors.iloc[0]["row"] == 3
    assert "KB long" in result.errors.iloc[0]["message"]
    assert len(result.errors.iloc[0]["message"]) < 200  # never echoes the megabyte back
    assert dump_store(filled) == before


def test_unclosed_quote_swallowing_the_file(filled):
    before = dump_store(filled)
    rows = b"".join(b"u%d,2024-01-01,ads\n" % i for i in range(20_000))
    data = b'user_id,signup_at,channel\nu1,2024-01-01,"broken\n' + rows
    with pytest.raises(UserError, match="Line 2 opens a quote") as refused:
        run_import(filled, "quote.csv", "users", data=data)
    assert refused.value.code == "unclosed_quote"
    assert refused.value.values == {"line": 2, "swallowed": 20_000}
    assert dump_store(filled) == before


def test_unclosed_quote_in_a_text_column_is_refused_not_imported_as_one_row(filled):
    # the open quote is in the last column: every later line would fit in that one cell
    before = dump_store(filled)
    data = (
        b'user_id,signup_at,channel\nu7,2024-01-01,ads\nu8,2024-01-02,"wechat\n'
        b'u9,2024-01-03,ads\nu10,2024-01-04,"douyin"\n'
    )
    with pytest.raises(UserError, match="Line 3 opens a quote") as refused:
        run_import(filled, "quote.csv", "users", data=data)
    assert refused.value.values == {"line": 3, "swallowed": 2}
    assert "第 3 行" in error_text(refused.value, "zh")
    assert dump_store(filled) == before


def test_quoted_cells_spanning_lines_and_escaped_quotes_still_read():
    table = read_table(b'id,text\n1,"two\nlines"\n2,"say ""hi"""\n3,plain\n')
    assert table.frame["text"].tolist() == ["two\nlines", 'say "hi"', "plain"]
    assert not table.problems


def test_mapping_naming_missing_columns(filled):
    before = dump_store(filled)
    column_map = ColumnMap(kind="users", columns={"Kunden-Nr": "user_id"})
    with pytest.raises(UserError, match="does not have: Kunden-Nr"):
        run_import(filled, "users_en.csv", "users", column_map=column_map)
    assert dump_store(filled) == before


def test_explicit_wrong_encoding(filled):
    with pytest.raises(UserError, match="not valid utf-8"):
        run_import(
            filled,
            "users_zh_gbk.csv",
            "users",
            column_map=ColumnMap(kind="users", encoding="utf-8"),
        )


def test_skip_bad_rows_imports_only_valid_ones(filled):
    result = run_import(filled, "bad_types.csv", "users", skip_bad_rows=True)
    assert (result.rows_read, result.rows_imported, result.rows_rejected) == (3, 1, 2)


def test_fixture_corpus_is_small():
    assert len(fixture_bytes("bad_unknown_encoding.csv")) < 10_000
