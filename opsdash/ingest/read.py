"""File bytes -> a table of text cells, with every format detail detected rather than asked.

Detected: the encoding (UTF-8, UTF-8 with BOM, UTF-16 with or without BOM, GB18030/GBK; a
UTF-8 file with a few broken bytes is read with U+FFFD in their place and the count reported),
the delimiter (comma, semicolon, tab, pipe, or runs of spaces), the line endings (``\\n``,
``\\r\\n``, ``\\r``), whether the first row is a header, and ``.xlsx`` workbooks (first sheet).
Every data row keeps the line number a user sees in a text editor (or the Excel row number),
so problems can name it. Nothing here knows about dataset kinds.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from opsdash.errors import UserError
from opsdash.ingest.bounded import ParseLimits, run_bounded

SNIFF_LINES = 50
DELIMITERS = (",", ";", "\t", "|")
WHITESPACE = " "  # marker: columns separated by runs of spaces
MAX_LINE_CHARS = 128 * 1024
# UTF-8 with replacement is accepted while broken bytes are at most this share of the text.
MAX_REPLACED_SHARE = 0.01
XLSX_MAGIC = b"PK\x03\x04"
BINARY_SIGNATURES = {  # signature: (what it is, in English and in Chinese)
    b"%PDF": ("a PDF document", "PDF 文档"),
    b"\x89PNG": ("a PNG image", "PNG 图片"),
    b"\xff\xd8\xff": ("a JPEG image", "JPEG 图片"),
    b"GIF8": ("a GIF image", "GIF 图片"),
    b"\xd0\xcf\x11\xe0": (
        "an old Excel (.xls) or Word file; save it as .xlsx or CSV",
        "旧版 Excel（.xls）或 Word 文件，请另存为 .xlsx 或 CSV",
    ),
    b"\x1f\x8b": ("a compressed (gzip) file", "压缩文件（gzip）"),
    b"Rar!": ("a RAR archive", "RAR 压缩包"),
    b"7z\xbc\xaf": ("a 7-Zip archive", "7-Zip 压缩包"),
    b"SQLite format 3": ("a database file", "数据库文件"),
}


@dataclass(frozen=True)
class RowProblem:
    """A problem found while reading, tied to a line of the file."""

    line: int
    message: str
    code: str = "line_width"
    """``line_too_long`` (value: its size in KB), ``line_cut_off`` or ``line_width`` (value:
    the number of values on the line)."""
    value: str = ""


@dataclass(frozen=True)
class RawTable:
    """A file's cells as text (``str`` columns, missing cells empty), one row per record."""

    frame: pd.DataFrame
    line_numbers: np.ndarray
    encoding: str
    delimiter: str | None
    has_header: bool
    replaced_characters: int = 0
    problems: tuple[RowProblem, ...] = field(default_factory=tuple)
    bad_rows: np.ndarray | None = None  # row positions unreadable (ragged, too long)

    @property
    def columns(self) -> list[str]:
        return list(self.frame.columns)


def read_table(
    data: bytes,
    *,
    file_name: str = "",
    encoding: str | None = None,
    has_header: bool | None = None,
    max_bytes: int | None = None,
    limits: ParseLimits | None = None,
) -> RawTable:
    """Read ``data`` (a CSV/TSV/TXT export or an .xlsx workbook) into a :class:`RawTable`.

    Raises :class:`UserError` with a message for people when the file cannot be a table:
    empty, too large, binary, a web page, an unknown encoding, a header without rows, a
    workbook that expands too far (:func:`check_workbook`). The reading runs in a worker
    process bounded by ``limits`` (default: the settings' ``parse_timeout_seconds`` and
    ``parse_memory_mb``; see :mod:`opsdash.ingest.bounded`)."""
    if max_bytes is not None and len(data) > max_bytes:
        raise UserError(
            f"The file is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB. "
            "Split it into smaller files (for example one per month).",
            code="file_too_large",
            values={"size": f"{len(data) / 1e6:.1f}", "limit": f"{max_bytes / 1e6:.0f}"},
        )
    return run_bounded(
        read_table_here,
        data,
        file_name=file_name or "the file",
        limits=limits or ParseLimits.from_settings(),
        encoding=encoding,
        has_header=has_header,
    )


def read_table_here(
    data: bytes, *, encoding: str | None = None, has_header: bool | None = None
) -> RawTable:
    """:func:`read_table` in this process, without limits (the bounded worker's body)."""
    if not data.strip():
        raise UserError("The file is empty.", code="file_empty")
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data, has_header=has_header)
    for signature, (what, what_zh) in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UserError(
                f"This is {what}, not a table export (CSV or .xlsx).",
                code="not_a_table",
                values={"what": what, "what_zh": what_zh},
            )
    text, used_encoding, replaced = decode(data, encoding=encoding)
    if "\x00" in text[:65536] or _control_share(text[:65536]) > 0.01:
        raise UserError(
            "This file does not look like a table export: it contains binary data. "
            "Upload a CSV, TSV, TXT or .xlsx file.",
            code="binary_data",
        )
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml", "<head", "<body")):
        raise UserError(
            "This file is a web page (HTML), not a table export. The export may have failed "
            "or returned a login page: download it again as CSV or .xlsx.",
            code="web_page",
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    delimiter = sniff_delimiter(text)
    return _split_text(text, delimiter, used_encoding, replaced, has_header)


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str, int]:
    """Return (text, encoding used, count of undecodable bytes replaced by U+FFFD)."""
    if encoding:
        try:
            return data.decode(encoding), encoding, 0
        except LookupError as error:
            raise UserError(
                f"Unknown encoding {encoding!r}.",
                code="unknown_encoding",
                values={"encoding": encoding},
            ) from error
        except UnicodeDecodeError as error:
            raise UserError(
                f"The file is not valid {encoding} text (byte {error.start}). "
                "Leave the encoding empty to detect it.",
                code="wrong_encoding",
                values={"encoding": encoding, "byte": error.start},
            ) from error
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8_lenient(data[3:], "utf-8-sig")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", "UTF-16")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16, "UTF-16")
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    _refuse_mixed_encoding(data)
    try:
        text = data.decode("gb18030")
        if _looks_chinese(text):
            return text, "gb18030", 0
    except UnicodeDecodeError:
        pass
    return _utf8_lenient(data, "utf-8")


_UTF8_CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# a line holding Chinese and no undecodable byte; an undecodable byte (surrogateescape)
_UTF8_CHINESE_LINE = re.compile(
    "^[^\n\udc80-\udcff]*[\u4e00-\u9fff][^\n\udc80-\udcff]*$", re.MULTILINE
)
_UNDECODABLE = re.compile("[\udc80-\udcff]")
MAX_BROKEN_LINES_CHECKED = 1000  # lines with broken bytes tried as GBK before giving up


def _refuse_mixed_encoding(data: bytes) -> None:
    """Refuse a file (not valid UTF-8 as a whole) where some lines are Chinese in UTF-8 and
    others Chinese in GBK/GB18030: read either way, part of it would be stored as mojibake.
    The message names the first line whose encoding differs from the first Chinese line's.
    Lines are scanned by regular expressions over the text decoded with ``surrogateescape``
    (undecodable bytes become U+DC80-U+DCFF), so a large GBK file costs one pass."""
    text = data.decode("utf-8", errors="surrogateescape")
    utf8 = _UTF8_CHINESE_LINE.search(text)
    if utf8 is None:
        return
    first = {"UTF-8": text.count("\n", 0, utf8.start()) + 1}
    position = 0
    for _ in range(MAX_BROKEN_LINES_CHECKED):
        broken = _UNDECODABLE.search(text, position)
        if broken is None:
            break
        start = text.rfind("\n", 0, broken.start()) + 1
        end = text.find("\n", broken.start())
        end = len(text) if end == -1 else end
        position = end + 1  # the next line with an undecodable byte
        try:
            line = text[start:end].encode("utf-8", errors="surrogateescape").decode("gb18030")
        except UnicodeDecodeError:
            continue
        if _UTF8_CJK.search(line) and _looks_chinese(line):
            first["GBK"] = text.count("\n", 0, start) + 1
            break
    if len(first) < 2:
        return
    (kind, line), (other_kind, other_line) = sorted(first.items(), key=lambda item: item[1])
    raise UserError(
        f"The file mixes text encodings: line {line} is {kind} but line {other_line} is "
        f"{other_kind}. Part of it would be stored as unreadable characters: save the whole file "
        'in one encoding (from Excel: "CSV UTF-8") and import again.',
        code="mixed_encoding",
        values={"line": line, "encoding": kind, "other_line": other_line, "other": other_kind},
    )


def _utf8_lenient(data: bytes, name: str) -> tuple[str, str, int]:
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    # Accept when broken bytes are rare, or fewer than the well-formed non-ASCII characters
    # (evidence that the file really is UTF-8 with a few damaged spots).
    well_formed = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    if replaced > MAX_REPLACED_SHARE * max(len(text), 1) and replaced > well_formed:
        raise UserError(
            "The file's text encoding could not be recognised (it is not UTF-8, GBK/GB18030 or "
            'UTF-16). Save it from Excel as "CSV UTF-8", or name the encoding '
            "(for example --encoding latin-1).",
            code="encoding_not_recognised",
        )
    return text, name, max(replaced, 0)


def _strict(data: bytes, codec: str, label: str) -> tuple[str, str, int]:
    try:
        return data.decode(codec), codec, 0
    except UnicodeDecodeError as error:
        raise UserError(
            f"The file looks like {label} text but is damaged at byte {error.start}; "
            "it may be truncated. Export it again.",
            code="damaged_text",
            values={"label": label, "byte": error.start},
        ) from error


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _looks_chinese(text: str) -> bool:
    """Whether non-ASCII text decoded as GB18030 is mostly CJK (not Latin-1 mojibake)."""
    sample = [ch for ch in text[:200_000] if ord(ch) > 127]
    if not sample:
        return True
    cjk = sum(
        1
        for ch in sample
        if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return cjk / len(sample) > 0.8


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    controls = len(_CONTROL.findall(text))
    return controls / len(text)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def sniff_delimiter(text: str) -> str:
    """The delimiter used consistently across the first lines: comma, semicolon, tab, pipe,
    else runs of spaces (fixed-width-like ``.txt`` exports), else comma (one column)."""
    lines = [line for line in text.split("\n", SNIFF_LINES + 1)[:SNIFF_LINES] if line.strip()]
    if not lines:
        return ","
    best, best_score = None, 0.0
    for candidate in DELIMITERS:
        counts = [_count_outside_quotes(line, candidate) for line in lines]
        if min(counts) == 0 and max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        if common == 0:
            continue
        consistency = counts.count(common) / len(counts)
        score = consistency * (1 + common / 100)
        if score > best_score:
            best, best_score = candidate, score
    if best is not None and best_score >= 0.5:
        return best
    widths = [len(line.split()) for line in lines]
    if min(widths) > 1 and len(set(widths)) == 1:
        return WHITESPACE
    return best or ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    if '"' not in line:
        return line.count(delimiter)
    return len(re.sub(r'"[^"]*"', "", line).split(delimiter)) - 1


def _split_text(
    text: str, delimiter: str, encoding: str, replaced: int, has_header: bool | None
) -> RawTable:
    fast = _fast_table(text, delimiter, encoding, replaced, has_header)
    if fast is not None:
        return fast
    records, line_numbers = _records(text, delimiter)
    if not records:
        raise UserError("The file is empty.", code="file_empty")
    _refuse_unclosed_quote(text, delimiter, line_numbers)
    header_row = records[0]
    if has_header is None:
        has_header = looks_like_header(header_row, records[1:6])
    if has_header:
        names = unique_names(header_row)
        body, lines = records[1:], line_numbers[1:]
    else:
        names = [f"column_{i + 1}" for i in range(len(header_row))]
        body, lines = records, line_numbers
    if not body:
        raise UserError(
            "The file has a header row but no data rows."
            if has_header
            else "The file has no data rows.",
            code="header_only" if has_header else "no_rows",
        )
    width = len(names)
    problems: list[RowProblem] = []
    bad: list[int] = []
    last = len(body) - 1
    for position, record in enumerate(body):
        if len(record) == width and not _too_long(record):
            continue
        line = int(lines[position])
        if _too_long(record):
            size = f"{sum(len(c) for c in record) / 1024:.0f}"
            code, value = "line_too_long", size
            message = (
                f"This line is {size} KB long (limit {MAX_LINE_CHARS // 1024} KB); "
                "a quote may be missing, or the file is not a table export."
            )
        elif position == last and len(record) < width and not text.endswith("\n"):
            code, value = "line_cut_off", str(len(record))
            message = (
                f"The last line has {len(record)} of {width} values: the file seems to be "
                "cut off. Export it again."
            )
        else:
            code, value = "line_width", str(len(record))
            message = f"This line has {len(record)} values but the header has {width}."
        problems.append(RowProblem(line, message, code, value))
        bad.append(position)
        body[position] = (list(record) + [""] * width)[:width]
        body[position] = [c[:200] for c in body[position]]
    frame = pd.DataFrame(body, columns=names, dtype="str") if body else pd.DataFrame()
    return RawTable(
        frame=frame,
        line_numbers=np.asarray(lines, dtype=np.int64),
        encoding=encoding,
        delimiter=delimiter,
        has_header=has_header,
        replaced_characters=replaced,
        problems=tuple(problems),
        bad_rows=np.asarray(bad, dtype=np.int64),
    )


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _fast_table(
    text: str, delimiter: str, encoding: str, replaced: int, has_header: bool | None
) -> RawTable | None:
    """The common case read by pandas' C parser: every record on one line, every line as wide
    as the first. None when the slower exact path is needed."""
    if delimiter == WHITESPACE:
        return None
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if _BLANK_LINE.search(text.rstrip()) or (lines and not lines[0].strip()):
        numbers = [i + 1 for i, line in enumerate(lines) if line.strip()]
    else:
        numbers = list(range(1, len(lines) + 1))
    if len(numbers) < 2 or max(map(len, lines)) > MAX_LINE_CHARS:
        return None
    quoted = '"' in text
    first_width = _count_outside_quotes(lines[numbers[0] - 1], delimiter)
    if quoted:
        if any(line.count('"') % 2 for line in lines):
            return None  # a quoted cell spans lines
        widths = {
            _count_outside_quotes(line, delimiter) if '"' in line else line.count(delimiter)
            for line in lines
            if line.strip()
        }
        if widths != {first_width}:
            return None
    elif text.count(delimiter) != first_width * len(numbers):
        return None  # some line is narrower or wider than the first (pandas would pad)
    first = lines[numbers[0] - 1]
    header_cells = next(csv.reader([first], delimiter=delimiter))
    second = [next(csv.reader([lines[n - 1]], delimiter=delimiter)) for n in numbers[1:6]]
    if has_header is None:
        has_header = looks_like_header(header_cells, second)
    if has_header and len(numbers) < 2:
        return None
    names = (
        unique_names(header_cells)
        if has_header
        else [f"column_{i + 1}" for i in range(len(header_cells))]
    )
    skip = numbers[0] if has_header else numbers[0] - 1
    frame = _arrow_csv(text, delimiter, names, skip=skip, quoted=quoted)
    try:
        frame = (
            frame
            if frame is not None
            else pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                header=None,
                names=names,
                skiprows=skip,
                dtype="str",
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                quoting=csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE,
                engine="c",
            )
        )
    except (pd.errors.ParserError, ValueError):
        return None
    body_numbers = numbers[1:] if has_header else numbers
    if len(frame) != len(body_numbers):
        return None
    return RawTable(
        frame=frame,
        line_numbers=np.asarray(body_numbers, dtype=np.int64),
        encoding=encoding,
        delimiter=delimiter,
        has_header=has_header,
        replaced_characters=replaced,
        bad_rows=np.asarray([], dtype=np.int64),
    )


def _arrow_csv(
    text: str, delimiter: str, names: list[str], *, skip: int, quoted: bool
) -> pd.DataFrame | None:
    """pyarrow's multi-threaded CSV reader (several times faster than pandas' for large
    files); None when it refuses the text (the caller falls back to pandas)."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:  # pragma: no cover - pyarrow comes with pandas 3
        return None
    try:
        parsed = pacsv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=skip),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, quote_char='"' if quoted else False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError):
        return None
    text_type = pd.StringDtype("pyarrow", na_value=np.nan)
    return parsed.to_pandas(types_mapper={pa.string(): text_type}.get)


def _too_long(record: list[str]) -> bool:
    return sum(len(c) for c in record) > MAX_LINE_CHARS


def _records(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """Records (lists of cells) and the 1-based line each starts on; blank lines skipped."""
    if '"' not in text or delimiter == WHITESPACE:
        lines = text.split("\n")
        numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
        if delimiter == WHITESPACE:
            return [line.split() for _, line in numbered], [n for n, _ in numbered]
        return [line.split(delimiter) for _, line in numbered], [n for n, _ in numbered]
    csv.field_size_limit(max(MAX_LINE_CHARS * 64, 2**24))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records, numbers = [], []
    previous_end = 0
    for record in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if not record or (len(record) == 1 and not record[0].strip()):
            continue
        records.append(record)
        numbers.append(start)
    return records, numbers


def _refuse_unclosed_quote(text: str, delimiter: str, line_numbers: list[int]) -> None:
    """Refuse a file whose last record opens a quote that never closes: the reader would take
    every following line into that one cell and import a wrong, short table without a word.
    A record's quotes come in pairs (a cell's quotes and each escaped ``""``), so the lines from
    the last record's start to the end of the file holding an odd number of quotes means an
    unclosed one. The message names the line where the open quote starts."""
    if '"' not in text or delimiter == WHITESPACE or not line_numbers:
        return
    lines = text.split("\n")
    start = line_numbers[-1]
    tail = lines[start - 1 :]
    if sum(line.count('"') for line in tail) % 2 == 0:
        return
    # the open quote is the last one whose line leaves the running count odd for good
    parity, opened = 0, start
    for offset, line in enumerate(tail):
        before = parity
        parity = (parity + line.count('"')) % 2
        if before == 0 and parity == 1:
            opened = start + offset
    swallowed = sum(1 for line in lines[opened:] if line.strip())
    raise UserError(
        f'Line {opened} opens a quote (") that never closes, so the {swallowed} lines after it '
        "would be read as one cell. Close or remove that quote and export again.",
        code="unclosed_quote",
        values={"line": opened, "swallowed": swallowed},
    )


def looks_like_header(first: list[str], following: list[list[str]]) -> bool:
    """Whether the first record names the columns: every cell is non-empty text that is not
    a number or a date, and the names are distinct."""
    cells = [c.strip() for c in first]
    if not cells or any(not c for c in cells) or len(set(cells)) != len(cells):
        return (
            bool(cells)
            and sum(1 for c in cells if c) > len(cells) / 2
            and not any(_looks_like_value(c) for c in cells if c)
        )
    return not any(_looks_like_value(c) for c in cells)


_VALUE = re.compile(r"^[-+]?[\d.,%:/ ]+$|^\d{4}[-/年]\d{1,2}")


def _looks_like_value(cell: str) -> bool:
    return bool(_VALUE.match(cell))


def unique_names(header: list[str]) -> list[str]:
    """Header cells as column names: surrounding quotes kept as written, blanks named by
    position, repeats numbered (``name``, ``name (2)``)."""
    names, seen = [], {}
    for i, cell in enumerate(header):
        name = cell if cell.strip() else f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        names.append(name)
    return names


# Workbook limits, checked on the zip directory before anything is decompressed. A real export
# compresses 5-15x (measured: 50,000 identical rows 14.5x, varied rows 8.7x); a member
# expanding more than XLSX_MAX_RATIO times is a decompression bomb. Declared sizes bind:
# Python's zipfile stops at a member's declared size (one lying about it fails its CRC check).
XLSX_MAX_MEMBERS = 10_000
XLSX_MAX_UNCOMPRESSED = 1_000_000_000
XLSX_MAX_RATIO = 100
XLSX_RATIO_FLOOR = 1024 * 1024  # smaller members may compress as well as they like
# Rows and columns: Excel's own row limit; columns far beyond what any export has (the
# declared <dimension> is ignored: only cells that hold a value count).
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_COLUMNS = 1024
# Cells of the table once padded to its widest row (1M rows x 50 columns): a sheet of a million
# rows each holding one value in column 1,024 would otherwise need gigabytes of empty cells.
XLSX_MAX_CELLS = 50_000_000


def check_workbook(archive) -> None:
    """Refuse a workbook (an open :class:`zipfile.ZipFile`) whose members would expand too far:
    too many members, a total uncompressed size above ``XLSX_MAX_UNCOMPRESSED``, or a member
    compressed more than ``XLSX_MAX_RATIO`` times. Nothing is decompressed."""
    members = archive.infolist()
    if len(members) > XLSX_MAX_MEMBERS:
        raise UserError(
            f"This workbook has {len(members):,} parts (limit {XLSX_MAX_MEMBERS:,}); it is not "
            "an ordinary Excel file. Save it again from Excel, or export CSV.",
            code="workbook_members",
            values={"count": len(members), "limit": XLSX_MAX_MEMBERS},
        )
    total = sum(member.file_size for member in members)
    if total > XLSX_MAX_UNCOMPRESSED:
        raise UserError(
            f"This workbook expands to {total / 1e6:,.0f} MB when opened (limit "
            f"{XLSX_MAX_UNCOMPRESSED / 1e6:,.0f} MB). Split it, or export CSV.",
            code="workbook_too_large",
            values={"size": f"{total / 1e6:,.0f}", "limit": f"{XLSX_MAX_UNCOMPRESSED / 1e6:,.0f}"},
        )
    for member in members:
        if member.file_size <= XLSX_RATIO_FLOOR:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > XLSX_MAX_RATIO:
            raise UserError(
                f"The workbook part {member.filename} expands {ratio:,.0f} times when opened "
                f"(limit {XLSX_MAX_RATIO}): it is built to exhaust memory, not an ordinary export.",
                code="workbook_ratio",
                values={
                    "part": member.filename,
                    "ratio": f"{ratio:,.0f}",
                    "limit": XLSX_MAX_RATIO,
                },
            )


def _bad_workbook(error: Exception | None = None) -> UserError:
    what = f" ({type(error).__name__})" if error is not None else ""
    return UserError(
        "This file is not a readable Excel workbook (.xlsx); it may be damaged or "
        f"truncated{what}. Save it again from Excel, or export CSV.",
        code="bad_workbook",
    )


def _read_xlsx(data: bytes, *, has_header: bool | None) -> RawTable:
    import warnings
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise _bad_workbook(error) from error
    with archive:
        check_workbook(archive)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            records, numbers = _xlsx_records(data)
    except UserError:
        raise
    except MemoryError:
        raise
    except Exception as error:  # any damaged part: one clear message
        raise _bad_workbook(error) from error
    if not records:
        raise UserError("The workbook's first sheet is empty.", code="empty_sheet")
    width = max(len(r) for r in records)
    records = [r + [""] * (width - len(r)) for r in records]
    table = _split_records(records, numbers, has_header)
    return table


def _xlsx_records(data: bytes) -> tuple[list[list[str]], list[int]]:
    """The first sheet's non-empty rows (text cells) and their Excel row numbers, read cell by
    cell from the sheet's XML: the declared ``<dimension>`` is ignored and rows are never
    padded beyond their last value (openpyxl's read-only rows pad to the declared width)."""
    from openpyxl import load_workbook
    from openpyxl.utils.cell import get_column_letter
    from openpyxl.worksheet._reader import WorkSheetParser

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        records, numbers = [], []
        widest = 0
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, row in parser.parse():
                cells = {
                    c["column"]: _excel_text(c["value"])
                    for c in row
                    if c["value"] is not None and c["column"] >= 1
                }
                cells = {column: text for column, text in cells.items() if text != ""}
                if not any(text.strip() for text in cells.values()):
                    continue  # an empty row (only blank cells): skipped, its number kept
                last = max(cells)
                if last > XLSX_MAX_COLUMNS:
                    raise UserError(
                        f"Cell {get_column_letter(last)}{number} is beyond column "
                        f"{get_column_letter(XLSX_MAX_COLUMNS)} ({XLSX_MAX_COLUMNS:,} columns, "
                        "the most opsdash reads). Delete the columns you do not need.",
                        code="too_many_columns",
                        values={
                            "cell": f"{get_column_letter(last)}{number}",
                            "limit": XLSX_MAX_COLUMNS,
                        },
                    )
                if number > XLSX_MAX_ROWS or len(records) >= XLSX_MAX_ROWS:
                    raise UserError(
                        f"The sheet has rows beyond row {XLSX_MAX_ROWS:,}, Excel's own limit.",
                        code="too_many_rows",
                        values={"limit": XLSX_MAX_ROWS},
                    )
                widest = max(widest, last)
                if widest * (len(records) + 1) > XLSX_MAX_CELLS:
                    raise UserError(
                        f"The sheet holds more than {XLSX_MAX_CELLS:,} cells (row {number:,} at "
                        f"{widest:,} columns). Delete the columns or rows you do not need, or "
                        "split the file.",
                        code="too_many_cells",
                        values={"limit": XLSX_MAX_CELLS, "row": number, "columns": widest},
                    )
                texts = [""] * last
                for column, text in cells.items():
                    texts[column - 1] = text
                records.append(texts)
                numbers.append(number)
    finally:
        workbook.close()
    return records, numbers


def _split_records(records, numbers, has_header) -> RawTable:
    if has_header is None:
        has_header = looks_like_header(records[0], records[1:6])
    if has_header:
        names, body, lines = unique_names(records[0]), records[1:], numbers[1:]
    else:
        names = [f"column_{i + 1}" for i in range(len(records[0]))]
        body, lines = records, numbers
    if not body:
        raise UserError("The file has a header row but no data rows.", code="header_only")
    return RawTable(
        frame=pd.DataFrame(body, columns=names, dtype="str"),
        line_numbers=np.asarray(lines, dtype=np.int64),
        encoding="xlsx",
        delimiter=None,
        has_header=has_header,
        bad_rows=np.asarray([], dtype=np.int64),
    )


def _excel_text(value: object) -> str:
    import datetime as dt

    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
