"""Hostile files for the importer (issue 18), built in memory.

Small text files are also committed under tests/fixtures/ingest/hostile/ (``write_corpus``
writes them; the tests read the committed copies). Workbooks are built here: each bomb is a
few KB that *declares* (or would expand to) gigabytes, so a guard that trips late shows up as
a slow or memory-hungry test rather than passing by luck."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl

HOSTILE = Path(__file__).resolve().parents[2] / "fixtures" / "ingest" / "hostile"


def workbook(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_members(data: bytes, change: dict[str, bytes | None], extra=()) -> bytes:
    """``data`` (a zip) with members replaced (None: removed) and ``extra`` (name, bytes) added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    target.writestr(info.filename, change[info.filename])
            else:
                target.writestr(info, source.read(info.filename))
        for name, member in extra:
            target.writestr(name, member)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
USERS = [["user_id", "signup_at"], ["u1", "2024-01-01"], ["u2", "2024-01-02"]]


def dimension_bomb() -> bytes:
    """1-2 KB: ``<dimension ref="A1:XFD1048576"/>`` and one cell at XFD1048576 (openpyxl's
    read-only rows pad every row to the declared width: minutes of CPU)."""
    book = openpyxl.Workbook()
    book.active["XFD1048576"] = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def wide_rows_bomb(rows: int = 60_000) -> bytes:
    """~100 KB: ``rows`` rows, each with one value in column 1,024 (AMJ), within the column cap
    but a billion-cell table once padded (built as raw sheet XML: openpyxl would be slow)."""
    data = workbook(USERS)
    body = b"".join(b'<row r="%d"><c r="AMJ%d"><v>1</v></c></row>' % (i, i) for i in range(1, rows))
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + body + b"</sheetData></worksheet>"
    )
    return rewrite_members(data, {SHEET: sheet})


def declared_dimension_only() -> bytes:
    """An ordinary users sheet whose ``<dimension>`` claims A1:XFD1048576: read as 2 rows."""
    data = workbook(USERS)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    return rewrite_members(data, {SHEET: sheet})


STRINGS = "xl/sharedStrings.xml"


def with_shared_string(text: bytes) -> bytes:
    """A users workbook whose cell A2 is the shared string ``text`` (openpyxl writes inline
    strings: the part, its content type and the cell are added)."""
    data = workbook(USERS)
    source = zipfile.ZipFile(io.BytesIO(data))
    types = source.read("[Content_Types].xml").replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    sheet = source.read(SHEET).replace(
        b'<c r="A2" t="inlineStr"><is><t>u1</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>'
    )
    strings = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>' + text + b"</t></si></sst>"
    )
    return rewrite_members(
        data, {"[Content_Types].xml": types, SHEET: sheet}, extra=[(STRINGS, strings)]
    )


def shared_string_declared_huge() -> bytes:
    """A tiny workbook whose sharedStrings.xml *declares* 1.5 GB uncompressed (the zip
    directory is patched): refused from the directory, nothing decompressed."""
    return _patch_declared_size(with_shared_string(b"u1"), STRINGS, 1_500_000_000)


def shared_string_bomb() -> bytes:
    """~40 KB whose one shared string really expands to 40 MB (ratio ~1000)."""
    return with_shared_string(b"a" * 40_000_000)


def many_members() -> bytes:
    """A workbook with 10,001 extra (empty) parts."""
    data = workbook(USERS)
    return rewrite_members(data, {}, extra=[(f"xl/media/x{i}.bin", b"") for i in range(10_001)])


def truncated_sheet_xml() -> bytes:
    """A valid zip whose sheet XML stops mid-element."""
    data = workbook(USERS * 20)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read(SHEET)
    return rewrite_members(data, {SHEET: sheet[: len(sheet) // 2]})


def truncated_zip() -> bytes:
    """A workbook cut off in the middle of the file (a download that stopped)."""
    data = workbook(USERS * 50)
    return data[: len(data) * 2 // 3]


def _patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """Overwrite the uncompressed size the local header and the central directory declare."""
    blob = bytearray(data)
    encoded = name.encode()
    for signature, offset, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := blob.find(signature, start)) != -1:
            length_at = 26 if signature == b"PK\x03\x04" else 28
            (name_length,) = struct.unpack_from("<H", blob, start + length_at)
            if bytes(blob[start + name_at : start + name_at + name_length]) == encoded:
                struct.pack_into("<I", blob, start + offset, size)
            start += 4
    return bytes(blob)


def _gbk_mixed() -> bytes:
    head = b"user_id,signup_at,channel\n"
    return (
        head
        + "u1,2024-01-01,微信\n".encode()
        + "u2,2024-01-02,抖音\n".encode()
        + "u3,2024-01-03,微博广告\n".encode("gbk")
    )


def _nul_after_64k() -> bytes:
    body = b"".join(b"u%05d,2024-01-01\n" % i for i in range(5_000))
    assert len(body) > 65_536
    return b"user_id,signup_at\n" + body + b"bad\x00id,2024-01-02\n"


TEXT_FILES: dict[str, bytes] = {
    "dates_9999.csv": b"user_id,signup_at\nu1,2024-01-01\nu2,9999-12-31\n",
    "dates_0001.csv": b"user_id,signup_at\nu1,2024-01-01\nu2,0001-01-01\n",
    "campaign_2300.csv": (
        b"campaign_id,name,channel,start_date,end_date,budget\n"
        b"c1,Spring,wechat,2024-03-01,2024-03-31,1000\n"
        b"c2,Forever,wechat,2024-03-01,2300-01-01,1000\n"
    ),
    "counts_1e19.csv": (
        b"content_id,date,views\na1,2024-01-01,100\na2,2024-01-01,1e19\n"
        b"a3,2024-01-01,9223372036854775807\n"
    ),
    "nul_after_64k.csv": _nul_after_64k(),
    "long_user_id.csv": b"user_id,signup_at\nu1,2024-01-01\n" + b"x" * 8000 + b",2024-01-02\n",
    "unclosed_quote.csv": (
        b'user_id,signup_at,channel\nu1,2024-01-01,"wechat\nu2,2024-01-02,seo\nu3,2024-01-03,seo\n'
    ),
    "dates_day_first.csv": (b"user_id,signup_at\nu1,01/02/2024\nu2,13/02/2024\nu3,2024-02-20\n"),
    "dates_disagree.csv": b"user_id,signup_at\nu1,13/02/2024\nu2,02/13/2024\n",
    "decimal_comma.csv": (
        b'order_id,user_id,paid_at,amount\no1,u1,2024-01-01,"1.234,50"\no2,u1,2024-01-02,1.234\n'
    ),
    "decimal_disagree.csv": (
        b'order_id,user_id,paid_at,amount\no1,u1,2024-01-01,"1.234,50"\n'
        b'o2,u1,2024-01-02,"1,234.50"\n'
    ),
    "utf8_and_gbk.csv": _gbk_mixed(),
    "header_twice.csv": b"user_id,signup_at,user_id\nu1,2024-01-01,u9\n",
    "header_alias.csv": b"uid,user_id,signup_at\nu1,u9,2024-01-01\n",
    "header_zh_twice.csv": "用户ID,注册时间,注册时间\nu1,2024-01-01,2024-02-01\n".encode(),
}


def write_corpus() -> None:  # pragma: no cover - run by hand to refresh the committed files
    HOSTILE.mkdir(parents=True, exist_ok=True)
    for name, data in TEXT_FILES.items():
        (HOSTILE / name).write_bytes(data)


if __name__ == "__main__":  # pragma: no cover
    write_corpus()
