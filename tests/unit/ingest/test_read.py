import io

import openpyxl
import pytest

from opsdash.errors import UserError
from opsdash.ingest.read import read_table
from tests.unit.ingest.conftest import fixture_bytes


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "columns"),
    [
        ("users_en.csv", "utf-8", ",", 6),
        ("users_zh_gbk.csv", "gb18030", ",", 5),
        ("users_utf16.txt", "utf-16", "\t", 3),
        ("users_semicolon_cr.csv", "utf-8", ";", 3),
        ("users_bom.csv", "utf-8-sig", ",", 2),
        ("campaign_stats_kag.csv", "utf-8", ",", 7),
    ],
)
def test_encoding_and_delimiter_detected(name, encoding, delimiter, columns):
    table = read_table(fixture_bytes(name), file_name=name)
    assert table.encoding == encoding
    assert table.delimiter == delimiter
    assert len(table.columns) == columns
    assert table.has_header


def test_chinese_headers_decoded_with_trailing_spaces_kept():
    table = read_table(fixture_bytes("users_zh_gbk.csv"))
    assert table.columns[:2] == ["用户ID", "注册时间 "]
    assert table.frame.iloc[0, 2] == "应用商店"


def test_bom_removed_and_leading_zeros_kept():
    table = read_table(fixture_bytes("users_bom.csv"))
    assert table.columns[0] == "uid"
    assert table.frame["uid"].tolist() == ["007", "008"]


def test_cr_only_line_endings_give_rows_and_line_numbers():
    table = read_table(fixture_bytes("users_semicolon_cr.csv"))
    assert len(table.frame) == 2
    assert table.line_numbers.tolist() == [2, 3]


def test_headerless_file_detected_columns_by_position():
    table = read_table(fixture_bytes("events_noheader.csv"))
    assert not table.has_header
    assert table.columns == [f"column_{i}" for i in range(1, 6)]
    assert table.line_numbers.tolist() == [1, 2, 3]


def test_line_numbers_follow_quoted_newlines_and_blank_lines():
    data = b'id,title\n1,"two\nlines"\n\n2,plain\n'
    table = read_table(data)
    assert table.frame["title"].tolist() == ["two\nlines", "plain"]
    assert table.line_numbers.tolist() == [2, 5]


def test_invalid_utf8_bytes_replaced_and_counted():
    data = "id,title\n1,caf\u00e9 ok\n".encode() + b"2,bad \xe2?? quote\n"
    table = read_table(data)
    assert table.encoding == "utf-8"
    assert table.replaced_characters == 1
    assert "\ufffd" in table.frame["title"].iloc[1]


def test_xlsx_first_sheet_read_with_excel_row_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["user_id", "signup_at", "converted"])
    sheet.append([17850.0, "2024-01-01", True])
    sheet.append([])
    sheet.append(["00042", "2024-01-02", False])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), file_name="x.xlsx")
    assert table.encoding == "xlsx"
    assert table.frame["user_id"].tolist() == ["17850", "00042"]
    assert table.frame["converted"].tolist() == ["TRUE", "FALSE"]
    assert table.line_numbers.tolist() == [2, 4]


def test_ragged_rows_become_row_problems():
    table = read_table(b"a,b,c\n1,2,3\n4,5\n6,7,8,9\n")
    assert [p.line for p in table.problems] == [3, 4]
    assert table.bad_rows.tolist() == [1, 2]


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"a,b\n", "no data rows"),
        (b"%PDF-1.4 ...", "PDF"),
        (b"<html><body>sign in</body></html>", "web page"),
    ],
)
def test_files_that_are_not_tables(data, fragment):
    with pytest.raises(UserError, match=fragment):
        read_table(data)


def test_size_limit():
    with pytest.raises(UserError, match="limit"):
        read_table(b"a,b\n1,2\n", max_bytes=4)
