"""The import pipeline before anything is written: read -> map -> convert -> derive -> check.

:func:`prepare_import` returns a :class:`PreparedImport` (typed rows ready for the store, the
problems found, counts); :func:`opsdash.ingest.write.write_import` writes it in one
transaction. The Data page shows the preview and the problems between the two steps."""

from __future__ import annotations

import hashlib
import mmap
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import PurePath

import numpy as np
import pandas as pd

from opsdash.errors import UserError
from opsdash.ingest import derive
from opsdash.ingest import feedback as feedback_rules
from opsdash.ingest.currency import MONEY_FIELDS as MONEY_FIELDS_BY_KIND
from opsdash.ingest.currency import CurrencyGuess, detect_currency, has_money
from opsdash.ingest.fields import (
    FIELD_SPECS,
    MANAGED_COLUMNS,
    MAX_KEY_TEXT,
    NATURAL_KEYS,
    field_by_name,
    field_specs,
)
from opsdash.ingest.mapping import ColumnMap, field_candidates, guess_kind, suggest_columns
from opsdash.ingest.properties import (
    PropertyColumn,
    detect_type,
    property_columns,
    property_sources,
)
from opsdash.ingest.read import RawTable, read_table
from opsdash.ingest.snapshots import (
    COUNTERS as SNAPSHOT_COUNTERS,
)
from opsdash.ingest.snapshots import (
    SnapshotCheck,
    detect_snapshots,
    has_snapshots,
    parse_choice,
)
from opsdash.ingest.validate import ProblemLog, convert_column, duplicate_keys
from opsdash.models import DATASETS

MONEY_FIELDS = frozenset({"amount", "unit_price", "refund_amount", "budget", "cost", "revenue"})


@dataclass(frozen=True)
class PreparedImport:
    """A file read, mapped and checked, not yet written."""

    kind: str
    file_name: str
    sha256: str
    table: RawTable
    column_map: ColumnMap
    rows: pd.DataFrame  # typed rows, every row of the file (bad ones included)
    problems: pd.DataFrame  # position, row, column, code, value, message
    bad_positions: np.ndarray
    warnings: tuple[str, ...] = field(default_factory=tuple)
    properties: tuple[PropertyColumn, ...] = ()  # file columns kept as properties
    # stats kinds only (None otherwise): whether the rows are imported as snapshots of
    # lifetime totals, who decided (detected, option, file) and what the detection saw
    cumulative: bool | None = None
    cumulative_source: str | None = None
    snapshot_check: SnapshotCheck | None = None

    @property
    def cumulative_detected(self) -> bool | None:
        """The detection's verdict (:mod:`opsdash.ingest.snapshots`), None for other kinds."""
        return None if self.snapshot_check is None else self.snapshot_check.detected

    currency: CurrencyGuess = field(default_factory=CurrencyGuess)  # what the file says
    has_money: bool = False  # the file carries amounts of money (sets / must match the store's)
    # the format decided for each file column of dates or numbers, shown in the preview:
    # {column: "DD/MM/YYYY" | "MM/DD/YYYY" | "YYYY-MM-DD" | "1,234.56" | "1.234,56"}
    formats: dict[str, str] = field(default_factory=dict)

    @property
    def rows_read(self) -> int:
        return len(self.rows)

    @property
    def rows_bad(self) -> int:
        return len(self.bad_positions)

    def refund_lines(self) -> int | None:
        """Orders: valid lines that are refunds (return lines: negative quantity or amount,
        or a cancellation invoice; and sold lines with a refund_amount); None for other
        kinds. See :mod:`opsdash.metrics.revenue` for how they count."""
        if self.kind != "orders":
            return None
        return int(derive.refund_line_mask(self.valid_rows()).sum())

    def left_out_lines(self) -> int | None:
        """Orders: valid lines that are neither sales nor refunds (adjustments, zero amounts),
        left out of revenue and listed under "left out"; None for other kinds."""
        if self.kind != "orders":
            return None
        return int(derive.left_out_mask(self.valid_rows()).sum())

    def valid_rows(self) -> pd.DataFrame:
        if not len(self.bad_positions):
            return self.rows
        keep = np.ones(len(self.rows), dtype=bool)
        keep[self.bad_positions] = False
        return self.rows.loc[keep]


def prepare_import(
    data: bytes,
    *,
    kind: str,
    file_name: str,
    timezone: str,
    column_map: ColumnMap | None = None,
    max_bytes: int | None = None,
    table: RawTable | None = None,
    cumulative: str | bool | None = "auto",
    progress: Callable[[str, int], None] | None = None,
    occurrences: derive.Occurrences | None = None,
) -> PreparedImport:
    """Read ``data`` as a ``kind`` file and check every row; raises UserError for problems
    with the file as a whole (unreadable, wrong kind, required columns missing).
    ``occurrences``: events read in chunks (:func:`prepare_chunks`), the earlier chunks'
    row contents.

    ``progress(stage, rows)``, when given, is called with ``("read", rows read)`` once the
    file is read and ``("validated", rows checked)`` once every row is checked (write_import
    goes on with ``"written"``).

    ``cumulative`` (content_stats, campaign_stats): ``yes`` imports every row as a snapshot
    of lifetime totals, ``no`` as daily numbers, ``auto`` (default) uses the file's own
    ``cumulative`` column when mapped, else the detection of :mod:`opsdash.ingest.snapshots`."""
    try:
        choice = parse_choice(cumulative)
    except ValueError as error:
        raise UserError(str(error), code="bad_cumulative_choice") from error
    specs = field_by_name(kind)
    column_map = column_map or ColumnMap(kind=kind)
    if table is None:
        table = read_table(
            data,
            file_name=file_name,
            encoding=column_map.encoding,
            has_header=column_map.has_header,
            max_bytes=max_bytes,
        )
    given = column_map
    if progress is not None:
        progress("read", len(table.frame))
    columns = complete_columns(table.columns, column_map)
    column_map = ColumnMap(
        kind=kind,
        columns=dict(columns),
        constants=dict(column_map.constants),
        has_header=column_map.has_header,
        day_first=column_map.day_first,
        encoding=column_map.encoding,
        properties=dict(column_map.properties),
    )
    _check_headers(table, file_name)
    _check_ambiguous(table.columns, given, kind, file_name)
    sources = _check_mapping(table, column_map, kind, file_name)
    constants = _constants(column_map, kind, file_name)
    log = ProblemLog.for_lines(table.line_numbers)
    _check_nul(table, log)
    formats: dict[str, str] = {}
    for problem_position in table.bad_rows if table.bad_rows is not None else []:
        problem = next(p for p in table.problems if p.line == table.line_numbers[problem_position])
        mask = np.zeros(len(table.frame), dtype=bool)
        mask[problem_position] = True
        log.add(
            mask,
            column="",
            code=problem.code,
            values=pd.Series([problem.value] * len(table.frame)),
            message=problem.message,
        )
    rows = pd.DataFrame(index=pd.RangeIndex(len(table.frame)))
    currencies: list[pd.Series] = []
    for name, source in sources.items():
        values, found = convert_column(
            table.frame[source],
            specs[name],
            column=source,
            log=log,
            timezone=timezone,
            day_first=column_map.day_first,
            formats=formats,
        )
        rows[name] = values.to_numpy() if not isinstance(values.dtype, pd.Int64Dtype) else values
        if found is not None and name in MONEY_FIELDS:
            currencies.append(found)
    for name, value in constants.items():
        cells = pd.Series([value] * len(rows), dtype="str")
        values, _ = convert_column(
            cells, specs[name], column=name, log=log, timezone=timezone, day_first=None
        )
        if values.notna().sum() == 0:
            raise UserError(f"The value {value!r} given for {name} is not valid for that field.")
        rows[name] = values.to_numpy()
    warnings = _apply_currency(rows, currencies, sources, constants, kind)
    cell_codes = sorted({c for series in currencies for c in series.dropna().unique()})
    guess = detect_currency(
        columns=list(table.columns),
        money_sources=[sources[f] for f in MONEY_FIELDS_BY_KIND.get(kind, ()) if f in sources],
        cell_codes=cell_codes,
        column_codes=rows["currency"]
        if "currency" in rows and ("currency" in sources or "currency" in constants)
        else None,
    )
    kept: list[PropertyColumn] = []
    if has_properties(kind):
        chosen = property_sources(table.columns, set(sources.values()), column_map.properties)
        kept, encoded = property_columns(table.frame, chosen)
        rows["properties"] = encoded.to_numpy()
    if kind == "orders":
        rows = derive.derive_orders(rows, mapped=set(sources) | set(constants))
    if kind == "feedback":
        given = rows["sentiment"].copy() if "sentiment" in rows else None
        rows, unknown = feedback_rules.derive_feedback(
            rows, from_file=set(sources), timezone=timezone
        )
        if given is not None:
            column = sources.get("sentiment", "sentiment")
            log.add(unknown.to_numpy(), column=column, code="not_sentiment", values=given)
    if kind == "campaign_stats" and "ad_id" not in rows:
        rows["ad_id"] = ""
    if "ad_id" in rows:
        rows["ad_id"] = rows["ad_id"].fillna("")
    _fill_defaults(rows, kind)
    snapshot = _decide_cumulative(rows, kind, choice, set(sources) | set(constants))
    _check_required(rows, kind, sources, log)
    _check_ranges(rows, kind, sources, log)
    if kind == "events":
        rows["row_key"] = np.zeros(len(rows), dtype=np.int64)
    else:
        _check_duplicates(rows, kind, sources, log)
    rows = derive.add_local_dates(rows, kind=kind, timezone=timezone)
    if kind == "events":
        rows["row_key"] = derive.event_row_keys(rows, occurrences)
    if table.replaced_characters:
        warnings.append(
            f"{table.replaced_characters} character(s) could not be decoded and were "
            "replaced by \ufffd."
        )
    if progress is not None:
        progress("validated", len(rows))
    return PreparedImport(
        kind=kind,
        file_name=file_name,
        sha256=hashlib.sha256(data).hexdigest(),
        table=table,
        column_map=column_map,
        rows=rows,
        problems=log.frame(),
        bad_positions=log.bad_positions(),
        warnings=tuple(warnings),
        properties=tuple(kept),
        **snapshot,
        currency=guess,
        has_money=has_money(kind, set(sources) | set(constants)),
        formats=formats,
    )


def _check_headers(table: RawTable, file_name: str) -> None:
    """Refuse header names a store cannot keep (they become property names, a key)."""
    for position, name in enumerate(table.columns, start=1):
        if len(name) > MAX_KEY_TEXT:
            raise UserError(
                f"Column {position} of {file_name} has a header of {len(name):,} characters "
                f"(at most {MAX_KEY_TEXT}). Shorten it and import again.",
                code="header_too_long",
                values={"file": file_name, "position": position, "limit": MAX_KEY_TEXT},
            )


def ambiguous_columns(columns: list[str], column_map: ColumnMap) -> dict[str, list[str]]:
    """``{field: [file columns]}`` for fields that several columns could fill (duplicate or
    aliasing headers) and that ``column_map`` does not settle: it maps no column to the field
    explicitly and leaves two or more of the candidates to automatic mapping."""
    given = {column: target for column, target in column_map.columns.items()}
    chosen = {target for target in given.values() if target} | set(column_map.constants)
    found = {}
    for name, candidates in field_candidates(columns, column_map.kind).items():
        if name in chosen:
            continue
        open_candidates = [column for column in candidates if column not in given]
        if len(open_candidates) > 1:
            found[name] = candidates
    return found


def _check_ambiguous(columns: list[str], column_map: ColumnMap, kind: str, file_name: str):
    """Refuse a file where two columns could be the same field (``user_id`` twice, ``uid``
    beside ``user_id``, two 注册时间): keeping one silently may keep the wrong one."""
    for name, candidates in ambiguous_columns(columns, column_map).items():
        listed = ", ".join(repr(column) for column in candidates)
        raise UserError(
            f"{file_name} has several columns that could be {name}: {listed}. Map one of them "
            f"to {name} and the others to another field or to nothing (for example "
            f"--map {candidates[-1]!r}= ), or rename them.",
            code="ambiguous_columns",
            values={"file": file_name, "field": name, "columns": listed},
        )


def _check_nul(table: RawTable, log: ProblemLog) -> None:
    """NUL characters are not text (PostgreSQL refuses them): each such cell is a row problem."""
    for column in table.columns:
        cells = table.frame[column]
        found = cells.str.contains("\x00", regex=False).fillna(False).to_numpy(dtype=bool)
        if found.any():
            log.add(
                found,
                column=column,
                code="nul_byte",
                values=cells.str.replace("\x00", "\\0", regex=False),
            )


def _decide_cumulative(rows: pd.DataFrame, kind: str, choice: str, provided: set[str]) -> dict:
    """Set ``rows["cumulative"]`` for a stats kind by ``choice`` and return the PreparedImport
    fields saying what was decided (empty for other kinds)."""
    if not has_snapshots(kind):
        return {}
    counters = [name for name in SNAPSHOT_COUNTERS[kind] if name in provided]
    check = detect_snapshots(rows, kind, counters)
    if choice != "auto":
        rows["cumulative"] = choice == "yes"
        source = "option"
    elif "cumulative" in provided:
        source = "file"
    else:
        rows["cumulative"] = check.detected
        source = "detected"
    return {
        "cumulative": _single_value(rows["cumulative"]),
        "cumulative_source": source,
        "snapshot_check": check,
    }


def _single_value(values: pd.Series) -> bool | None:
    found = values.dropna().unique()
    return bool(found[0]) if len(found) == 1 else None


def with_cumulative(prepared: PreparedImport, cumulative: bool) -> PreparedImport:
    """``prepared`` with every row imported as snapshots (True) or daily numbers (False): the
    user's answer to the preview's question, without reading the file again."""
    if not has_snapshots(prepared.kind) or prepared.cumulative is cumulative:
        return prepared
    rows = prepared.rows.copy()
    rows["cumulative"] = bool(cumulative)
    return replace(prepared, rows=rows, cumulative=bool(cumulative), cumulative_source="option")


def has_properties(kind: str) -> bool:
    """Whether rows of ``kind`` keep their unmapped columns as properties."""
    return "properties" in DATASETS[kind].__table__.c


def complete_columns(columns: list[str], column_map: ColumnMap) -> dict[str, str]:
    """The given mapping, completed with suggestions for the file columns it does not name
    (to fields it does not already fill). A column mapped to "" stays ignored."""
    given = dict(column_map.columns)
    taken = {target for target in given.values() if target} | set(column_map.constants)
    for source, target in suggest_columns(columns, column_map.kind).items():
        if source not in given and target not in taken:
            given[source] = target
            taken.add(target)
    return given


def _check_mapping(
    table: RawTable, column_map: ColumnMap, kind: str, file_name: str
) -> dict[str, str]:
    """field -> file column for the mapped columns; UserError if the mapping cannot apply."""
    specs = field_by_name(kind)
    missing_columns = [c for c, f in column_map.columns.items() if f and c not in table.columns]
    if missing_columns:
        raise UserError(
            "The mapping names column(s) this file does not have: "
            + ", ".join(missing_columns)
            + f". The file's columns are: {', '.join(table.columns)}."
        )
    sources: dict[str, str] = {}
    for source, target in column_map.columns.items():
        if not target:
            continue
        if target not in specs:
            raise UserError(f"{target!r} is not a field of {kind}; fields are: {', '.join(specs)}.")
        if target in sources:
            raise UserError(
                f"Two columns ({sources[target]!r} and {source!r}) are mapped to {target}."
            )
        sources[target] = source
    provided = set(sources) | set(column_map.constants)
    needed = [spec for spec in specs.values() if spec.required and spec.name not in provided]
    if kind == "orders":
        if "order_id" not in provided and not (
            "user_id" in provided and {"paid_at", "created_at"} & provided
        ):
            needed.append(specs["order_id"])
        if "amount" not in provided and not {"unit_price"} <= provided:
            needed.append(specs["amount"])
    if kind == "feedback" and not set(feedback_rules.CONTENT_FIELDS) & provided:
        needed.append(specs["text"])
    if needed:
        names = ", ".join(f"{s.name} ({s.description.rstrip('.')})" for s in needed)
        message = f"This file has no column for: {names}. Map a column to each of them"
        if any(s.name == "date" for s in needed):
            message += ", or give the date the numbers are for (--date / 'as of date')"
        message += "."
        guessed = guess_kind(table.columns)
        if guessed and guessed != kind:
            message += f" Its columns look like {guessed} data: was the right kind chosen?"
        if not table.has_header:
            message += " The file has no header row: columns are named column_1, column_2, ..."
        raise UserError(
            message,
            code="missing_fields",
            values={
                "fields": [s.name for s in needed],
                "date": any(s.name == "date" for s in needed),
                "guessed": guessed if guessed and guessed != kind else None,
                "no_header": not table.has_header,
            },
        )
    return sources


def _constants(column_map: ColumnMap, kind: str, file_name: str) -> dict[str, str]:
    constants = {k: str(v) for k, v in column_map.constants.items() if str(v).strip()}
    if kind == "feedback" and "date" in constants:  # --date: the day of a file without dates
        day = constants.pop("date")
        constants.setdefault("submitted_at", day)
    specs = field_by_name(kind)
    unknown = [k for k in constants if k not in specs]
    if unknown:
        raise UserError(f"{', '.join(unknown)} is not a field of {kind}.")
    if (
        kind == "experiment_assignments"
        and "experiment" not in constants
        and "experiment" not in column_map.fields()
    ):
        constants["experiment"] = PurePath(file_name).stem or "experiment"
    return constants


def _apply_currency(
    rows: pd.DataFrame,
    currencies: list[pd.Series],
    sources: dict[str, str],
    constants: dict[str, str],
    kind: str,
) -> list[str]:
    """Several currencies in one file are refused unless a currency column says which is
    which; a single currency named by symbols (¥, $, €, £) is recorded in ``currency``."""
    warnings: list[str] = []
    if not currencies or "currency" in sources or "currency" in constants:
        return warnings
    found = sorted({c for series in currencies for c in series.dropna().unique()})
    if len(found) > 1:
        raise UserError(
            f"This file has amounts in several currencies ({', '.join(found)}). Map a "
            "currency column so each row says its currency, or split the file by currency.",
            code="currencies_in_cells",
            values={"codes": ", ".join(found)},
        )
    if found and any(spec.name == "currency" for spec in FIELD_SPECS[kind]):
        rows["currency"] = found[0]
    return warnings


def _check_required(rows: pd.DataFrame, kind: str, sources: dict[str, str], log) -> None:
    for spec in field_specs(kind):
        required = spec.required or spec.name in NATURAL_KEYS[kind]
        if kind == "orders" and spec.name in ("order_id", "amount"):
            required = True
        if not required or spec.name not in rows or spec.name == "row_key":
            continue
        missing = rows[spec.name].isna().to_numpy()
        if kind == "orders" and spec.name == "amount":
            column = sources.get("amount") or sources.get("unit_price") or "amount"
        else:
            column = sources.get(spec.name, spec.name)
        log.add(missing & ~_already_bad(log, len(rows)), column=column, code="missing")


def _fill_defaults(rows: pd.DataFrame, kind: str) -> None:
    """Fields with a model default take it where the file has no column or an empty cell, so
    an upsert replaces the stored row with exactly the file's row.

    Measures (the counters and money of content_stats and campaign_stats) have no default:
    a measure the file has no column for is NULL ("not in the data", never 0), and so is a
    present but empty cell (the export did not say; an analyst would not read it as 0)."""
    if has_snapshots(kind):
        for name in SNAPSHOT_COUNTERS[kind]:
            if name not in rows:
                rows[name] = pd.Series([None] * len(rows), index=rows.index, dtype=object)
    table = DATASETS[kind].__table__
    for column in table.columns:
        default = column.default
        if default is None or not default.is_scalar or default.arg is None:
            continue
        if column.name in MANAGED_COLUMNS:
            continue
        if column.name not in rows:
            rows[column.name] = default.arg  # the file has no such column: the model default
        elif rows[column.name].isna().any():
            rows[column.name] = rows[column.name].fillna(default.arg)


def _already_bad(log: ProblemLog, size: int) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[log.bad_positions()] = True
    return mask


def _check_ranges(rows: pd.DataFrame, kind: str, sources: dict[str, str], log) -> None:
    if kind == "campaigns" and {"start_date", "end_date"} <= set(rows.columns):
        reversed_dates = (rows["end_date"] < rows["start_date"]).fillna(False).to_numpy()
        log.add(reversed_dates, column=sources.get("end_date", "end_date"), code="end_before_start")
    if kind == "channel_stats" and "conversion_rate" in sources:
        above = (rows["conversion_rate"] > 1).fillna(False).to_numpy()
        log.add(
            above,
            column=sources["conversion_rate"],
            code="rate_above_one",
            values=rows["conversion_rate"],
        )
    if kind == "orders" and "line" in sources:
        below = (rows["line"] < 1).fillna(False).to_numpy()
        log.add(below, column=sources["line"], code="below_one", values=rows["line"])
    if kind == "feedback":
        for name, outside in feedback_rules.range_problems(rows).items():
            log.add(outside, column=sources.get(name, name), code="out_of_range", values=rows[name])
        empty = feedback_rules.empty_rows(rows) & ~_already_bad(log, len(rows))
        log.add(empty, column=sources.get("text", "text"), code="no_feedback")


def _check_duplicates(rows: pd.DataFrame, kind: str, sources: dict[str, str], log) -> None:
    keys = list(NATURAL_KEYS[kind])
    if not set(keys) <= set(rows.columns):
        return
    duplicated, first = duplicate_keys(rows, keys)
    if not duplicated.any():
        return
    positions = np.flatnonzero(duplicated)
    labels = pd.Series("", index=rows.index, dtype=object)
    key_text = rows.iloc[positions][keys].astype(object).astype(str)
    labels.iloc[positions] = [
        " / ".join(keys) + " " + " / ".join(values) for values in key_text.itertuples(index=False)
    ]
    first_line = pd.Series(log.line_numbers[first.to_numpy()])
    log.add(
        duplicated,
        column=" / ".join(sources.get(k, k) for k in keys),
        code="duplicate_key",
        values=labels,
        extra={"first": first_line},
    )


def preview_properties(
    table: RawTable, columns: dict[str, str], renames: dict[str, str]
) -> list[PropertyColumn]:
    """The file columns that a mapping ``{file column: field or ""}`` leaves to properties,
    with their names (after ``renames``; skipped ones included under their header) and
    detected types, in file order: what the preview lists for the user to rename or skip."""
    mapped = {source for source, target in columns.items() if target}
    shown = {source: name or source for source, name in renames.items()}
    sources = property_sources(table.columns, mapped, {**renames, **shown})
    return [
        PropertyColumn(source=source, name=name, value_type=detect_type(table.frame[source]))
        for source, name in sources.items()
    ]


def property_renames(kept: list[PropertyColumn], edited: list[dict]) -> dict[str, str]:
    """``ColumnMap.properties`` from the preview's table: each row's ``keep`` and ``name``
    (a kept row with an empty name keeps its header)."""
    renames: dict[str, str] = {}
    for column, row in zip(kept, edited, strict=True):
        name = " ".join(str(row.get("name") or "").split()) or column.source.strip()
        if not row.get("keep", True):
            renames[column.source] = ""
        elif name != column.source.strip():
            renames[column.source] = name
    return renames


# --- reading a big events file in chunks -------------------------------------------------

STREAM_CHUNK_BYTES = 8 * 1024 * 1024  # ~190,000 event rows: bounded memory per chunk
STREAMABLE_ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")  # a newline byte is always a newline


def can_stream(data, *, kind: str, chunk_bytes: int = STREAM_CHUNK_BYTES) -> bool:
    """Whether :func:`prepare_chunks` reads this file: an events export in text form larger
    than one chunk (workbooks and smaller files are read at once)."""
    return (
        kind == "events"
        and len(data) > chunk_bytes
        and not bytes(data[:4]).startswith(b"PK\x03\x04")  # .xlsx
    )


def prepare_chunks(
    data,
    *,
    kind: str,
    file_name: str,
    timezone: str,
    column_map: ColumnMap | None = None,
    max_bytes: int | None = None,
    chunk_bytes: int = STREAM_CHUNK_BYTES,
):
    """Read and check a big events file chunk by chunk: yields ``(PreparedImport, bytes
    read so far)`` for consecutive runs of whole records (a chunk ends at a newline outside
    quotes), each read by :func:`opsdash.ingest.read.read_table` with the first chunk's
    encoding, header and mapping, and checked by :func:`prepare_import`. Row numbers in
    problems are the file's, and row keys equal those of the file read at once
    (:class:`opsdash.ingest.derive.Occurrences`). ``data``: bytes or a memory map.

    Only UTF-8 and GB18030 text (a newline byte is a newline in both): a file whose first
    chunk is read in another encoding raises :class:`NotStreamable` before anything is
    yielded, and the caller reads it at once."""
    if kind != "events":
        raise NotStreamable(kind)
    if max_bytes is not None and len(data) > max_bytes:
        read_table(data, file_name=file_name, max_bytes=max_bytes)  # raises file_too_large
    column_map = column_map or ColumnMap(kind=kind)
    occurrences = derive.Occurrences()
    spans = _record_spans(data, chunk_bytes)
    start, end = next(spans)
    first_table = read_table(
        bytes(data[start:end]),
        file_name=file_name,
        encoding=column_map.encoding,
        has_header=column_map.has_header,
    )
    if first_table.encoding not in STREAMABLE_ENCODINGS or first_table.replaced_characters:
        raise NotStreamable(first_table.encoding)
    first = prepare_import(
        b"",
        kind=kind,
        file_name=file_name,
        timezone=timezone,
        column_map=column_map,
        table=first_table,
        occurrences=occurrences,
    )
    yield first, end
    release_pages(data, end)
    header = b""
    if first_table.has_header:
        header = bytes(data[: _first_record_end(data)])
    mapped = replace(first.column_map, has_header=first_table.has_header)
    encoding = None if first_table.encoding == "utf-8" else first_table.encoding
    lines_before = _count(data, b"\n", 0, end)
    rows_before = first.rows_read
    for start, end in spans:
        table = read_table(
            header + bytes(data[start:end]),
            file_name=file_name,
            encoding=encoding,
            has_header=first_table.has_header,
        )
        table = _shifted(table, lines_before - header.count(b"\n"))
        prepared = prepare_import(
            b"",
            kind=kind,
            file_name=file_name,
            timezone=timezone,
            column_map=mapped,
            table=table,
            occurrences=occurrences,
        )
        if rows_before and len(prepared.problems):
            problems = prepared.problems.copy()
            problems["position"] = problems["position"] + rows_before
            prepared = replace(prepared, problems=problems)
        yield prepared, end
        lines_before += _count(data, b"\n", start, end)
        rows_before += prepared.rows_read
        release_pages(data, end)


def file_sha256(data) -> str:
    """The SHA-256 of a file's bytes (a memory map is read once, then let go)."""
    digest = hashlib.sha256()
    step = 8 * 1024 * 1024
    for start in range(0, len(data), step):
        digest.update(data[start : start + step])
        release_pages(data, start + step)
    return digest.hexdigest()


def release_pages(data, end: int) -> None:
    """Let the kernel drop the pages of a memory-mapped file before ``end`` from this
    process's memory (they are read again from the file if needed): a 200 MB file then
    costs one chunk of resident memory, not 200 MB."""
    if isinstance(data, mmap.mmap) and end > 0:
        data.madvise(mmap.MADV_DONTNEED, 0, min(end, len(data)))


class NotStreamable(Exception):
    """The file cannot be read in chunks (see :func:`prepare_chunks`); read it at once."""


def _first_record_end(data) -> int:
    """Offset just after the first record (the header), newlines inside quotes skipped."""
    cut = data.find(b"\n")
    while cut != -1 and _count(data, b'"', 0, cut) % 2:
        cut = data.find(b"\n", cut + 1)
    return len(data) if cut == -1 else cut + 1


def _record_spans(data, chunk_bytes: int):
    """(start, end) byte offsets of consecutive chunks of about ``chunk_bytes`` that end at
    a newline outside quotes (an even number of ``"`` before it: CSV doubles quotes inside
    quoted cells, so the parity tells whether a newline is inside one)."""
    size = len(data)
    start = 0
    while start < size:
        end = min(start + chunk_bytes, size)
        if end < size:
            cut = data.find(b"\n", end - 1)
            quotes = _count(data, b'"', start, cut) if cut != -1 else 0
            while cut != -1 and quotes % 2:
                following = data.find(b"\n", cut + 1)
                if following == -1:
                    cut = -1
                    break
                quotes += _count(data, b'"', cut, following)
                cut = following
            end = size if cut == -1 else cut + 1
        yield start, end
        start = end


def _shifted(table: RawTable, lines: int) -> RawTable:
    """``table`` (a chunk read on its own) with the file's line numbers."""
    if not lines:
        return table
    return replace(
        table,
        line_numbers=table.line_numbers + lines,
        problems=tuple(replace(p, line=p.line + lines) for p in table.problems),
    )


def _count(data, needle: bytes, start: int, end: int) -> int:
    """``needle`` occurrences in ``data[start:end]`` (a memory map has no ``count``)."""
    return data[start:end].count(needle)
