"""``opsdash import``, ``opsdash batches``, ``opsdash undo``: imports for scheduled jobs.

``opsdash import KIND FILE`` exits 0 when the file was imported, 1 when it was refused
because rows have problems (nothing written; ``--skip-bad-rows`` imports the valid ones),
2 for a file or option that cannot work (unreadable file, wrong kind, unknown mapping)."""

from __future__ import annotations

import argparse
import getpass
import mmap
import os
import sys
from pathlib import Path

import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from opsdash.cli.common import open_store, print_json
from opsdash.errors import UserError
from opsdash.ingest import (
    STREAM_CHUNK_BYTES,
    ColumnMap,
    import_file,
    list_batches,
    undo_batch,
    undo_plan,
)
from opsdash.ingest.fields import KINDS
from opsdash.ingest.mapping import load_mapping, parse_map_arguments, save_mapping
from opsdash.ingest.write import batch_json
from opsdash.settings import get_settings

SHOWN_ERRORS = 20


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "import", parents=[parent], help="import a CSV/TSV/TXT/XLSX export as one batch"
    )
    parser.add_argument("kind", choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    parser.add_argument("file", type=Path, metavar="FILE", help="the export to import")
    parser.add_argument("--mapping", metavar="NAME", help="use a saved column mapping")
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SRC=FIELD",
        help="map file column SRC to FIELD (repeatable; SRC=  ignores a column); columns of "
        "a file without a header are column_1, column_2, ...",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="a value for a field the file lacks, on every row (e.g. experiment=checkout)",
    )
    parser.add_argument(
        "--date",
        metavar="YYYY-MM-DD",
        help="the day the numbers are for, for stats exports without a date column",
    )
    parser.add_argument(
        "--property",
        action="append",
        default=[],
        metavar="COLUMN=NAME",
        help="keep the unmapped COLUMN as the property NAME (default: its header, trimmed)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        metavar="COLUMN",
        help="leave an unmapped column out (by default every unmapped column is kept as a "
        "property of the row)",
    )
    parser.add_argument(
        "--cumulative",
        choices=("yes", "no", "auto"),
        default="auto",
        help="content_stats / campaign_stats: yes = the numbers are lifetime totals "
        "(snapshots; growth between dates is counted), no = the numbers of each day, auto "
        "(default) = detect (every counter non-decreasing per item across dates)",
    )
    parser.add_argument(
        "--currency",
        metavar="CODE",
        help="the currency of the file's amounts (ISO code, e.g. GBP): sets the store's "
        "currency on the first money import; a file detected in another currency than the "
        "store's is refused unless CODE is the store's (default: detected)",
    )
    parser.add_argument("--encoding", help="text encoding (default: detected)")
    header = parser.add_mutually_exclusive_group()
    header.add_argument("--header", dest="has_header", action="store_true", default=None)
    header.add_argument(
        "--no-header", dest="has_header", action="store_false", help="the first row is data"
    )
    parser.add_argument(
        "--day-first", action="store_true", default=None, help="read 01/02/2024 as 1 February"
    )
    parser.add_argument("--mode", choices=("append", "replace"), default="append")
    parser.add_argument(
        "--skip-bad-rows", action="store_true", help="import the valid rows, skip the others"
    )
    parser.add_argument("--save-mapping", metavar="NAME", help="save the mapping used")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.set_defaults(handler=run_import)

    batches = subparsers.add_parser("batches", parents=[parent], help="list the import history")
    batches.add_argument("--limit", type=int, default=None, help="newest N batches")
    batches.add_argument("--json", action="store_true", help="print the history as JSON")
    batches.set_defaults(handler=run_batches)

    undo = subparsers.add_parser("undo", parents=[parent], help="undo an import batch")
    undo.add_argument("batch_id", type=int, metavar="BATCH_ID")
    undo.add_argument("--json", action="store_true", help="print the result as JSON")
    undo.add_argument(
        "--yes",
        action="store_true",
        help="undo even when later batches counted some of its rows as already present "
        "(without it, such an undo only says what it would do)",
    )
    undo.set_defaults(handler=run_undo)


def _column_map(args: argparse.Namespace, engine) -> ColumnMap:
    base = load_mapping(engine, args.mapping) if args.mapping else ColumnMap(kind=args.kind)
    if base.kind != args.kind:
        raise UserError(f"mapping {args.mapping!r} is for {base.kind}, not {args.kind}")
    columns = dict(base.columns)
    columns.update(parse_map_arguments(args.map))
    constants = dict(base.constants)
    constants.update(parse_map_arguments(args.set))
    if args.date:
        constants["date"] = args.date
    properties = dict(base.properties)
    properties.update(parse_map_arguments(args.property, option="--property", what="NAME"))
    properties.update({column: "" for column in args.skip})
    return ColumnMap(
        kind=args.kind,
        columns=columns,
        constants=constants,
        has_header=args.has_header if args.has_header is not None else base.has_header,
        day_first=args.day_first if args.day_first is not None else base.day_first,
        encoding=args.encoding or base.encoding,
        properties=properties,
    )


def run_import(args: argparse.Namespace) -> int:
    """``opsdash import``; with ``--json`` every failure also prints a JSON error object on
    stdout (scheduled jobs parse stdout), whatever step failed: options, the file, the store."""
    try:
        return _run_import(args)
    except UserError as error:
        if args.json:
            print_json(_error_json(error, args.file))
        raise
    except SQLAlchemyError as error:  # the store refused the write: say so, no traceback
        what = type(getattr(error, "orig", None) or error).__name__
        refused = UserError(
            f"the store refused {args.file.name}: {what}. Nothing was written.",
            code="store_refused",
            values={"file": args.file.name, "what": what},
        )
        if args.json:
            print_json(_error_json(refused, args.file))
        raise refused from error


def _error_json(error: UserError, file: Path) -> dict:
    return {
        "batch_id": None,
        "status": "error",
        "file": file.name,
        "message": str(error),
        "code": error.code,
        "values": {key: _plain(value) for key, value in error.values.items()},
        "rows_read": 0,
        "rows_imported": 0,
        "rows_rejected": 0,
        "rows_duplicate": 0,
        "errors": [],
    }


def _plain(value):
    return value if isinstance(value, str | int | float | bool | type(None) | list) else str(value)


def _run_import(args: argparse.Namespace) -> int:
    settings = get_settings()
    max_bytes = settings.max_upload_mb * 1024 * 1024
    try:
        size = args.file.stat().st_size
    except OSError as error:
        raise UserError(
            f"cannot read {args.file}: {error.strerror}",
            code="file_unreadable",
            values={"file": str(args.file), "what": error.strerror},
        ) from error
    if size > max_bytes:
        raise UserError(
            f"{args.file.name} is {size / 1e6:.1f} MB; the limit is {settings.max_upload_mb} MB "
            "(OPSDASH_MAX_UPLOAD_MB)",
            code="file_too_large",
            values={"size": f"{size / 1e6:.1f}", "limit": str(settings.max_upload_mb)},
        )
    engine = open_store(args)
    column_map = _column_map(args, engine)
    result = _import(args, engine, column_map, settings, max_bytes)
    if args.save_mapping and not result.rejected:
        save_mapping(engine, args.save_mapping, column_map)
    if args.json:
        print_json(result.to_json())
    else:
        _print_result(result)
    return 1 if result.rejected else 0


def _import(args, engine, column_map: ColumnMap, settings, max_bytes: int):
    """Big files are memory-mapped (an events export is then read in chunks, see
    :func:`opsdash.ingest.import_file`); a progress line goes to stderr on a terminal."""
    with open(args.file, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > STREAM_CHUNK_BYTES:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return _import_data(args, engine, column_map, settings, max_bytes, data)
        return _import_data(args, engine, column_map, settings, max_bytes, handle.read())


def _progress_line(rows: int, done: int, total: int) -> None:
    share = done / total if total else 1.0
    end = "\n" if done >= total else ""
    print(f"\r{rows:,} rows read, {share:.0%}", end=end, file=sys.stderr, flush=True)


def _import_data(args, engine, column_map: ColumnMap, settings, max_bytes: int, data):
    return import_file(
        engine,
        data,
        kind=args.kind,
        file_name=args.file.name,
        timezone=settings.timezone,
        column_map=column_map,
        mode=args.mode,
        skip_bad_rows=args.skip_bad_rows,
        created_by=_who(),
        max_bytes=max_bytes,
        cumulative=args.cumulative,
        currency=args.currency,
        progress=_progress_line if sys.stderr.isatty() else None,
    )


def _who() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in some containers
        return "cli"


def _print_result(result) -> None:
    if result.rejected:
        print(
            f"opsdash import: {result.file_name} was NOT imported: {result.rows_rejected} of "
            f"{result.rows_read} rows have problems (nothing was written). Fix the file, or use "
            "--skip-bad-rows to import the valid rows.",
            file=sys.stderr,
        )
    elif result.nothing_new:
        print(
            f"opsdash import: {result.file_name}: nothing new, all {result.rows_duplicate} valid "
            "rows are already in the store as they are (no batch was made)."
        )
    else:
        print(
            f"opsdash import: batch {result.batch_id}: {result.rows_read} rows read, "
            f"{result.rows_imported} imported, {result.rows_duplicate} already in the store, "
            f"{result.rows_rejected} skipped."
        )
        if result.refund_lines is not None:
            print(
                f"  {result.refund_lines} line(s) are refunds (returns, cancellations, refund "
                f"amounts); {result.left_out_lines} line(s) are left out of revenue "
                "(adjustments, zero amounts)."
            )
    for warning in result.warnings:
        print(f"  note: {warning}", file=sys.stderr)
    if result.cumulative_source == "detected" and result.cumulative:
        print(
            "  note: these numbers look like lifetime totals (snapshots): every counter is "
            "non-decreasing per item across dates, so growth between dates is counted. If "
            "they are the numbers of each day, import again with --cumulative no.",
            file=sys.stderr,
        )
    errors = result.errors
    for problem in errors.head(SHOWN_ERRORS).itertuples(index=False):
        where = f"line {problem.row}" + (f", column {problem.column}" if problem.column else "")
        print(f"  {where}: {problem.message}", file=sys.stderr)
    if len(errors) > SHOWN_ERRORS:
        print(f"  ... and {len(errors) - SHOWN_ERRORS} more (use --json)", file=sys.stderr)


def run_batches(args: argparse.Namespace) -> int:
    engine = open_store(args)
    frame = list_batches(engine, limit=args.limit)
    if args.json:
        print_json(batch_json(frame))
        return 0
    if frame.empty:
        print("No imports yet.")
        return 0
    for batch in frame.itertuples(index=False):
        undone = "" if pd.isna(batch.undone_at) else " (undone)"
        print(
            f"{batch.id:>5}  {batch.created_at:%Y-%m-%d %H:%M}  {batch.kind:<22} "
            f"{batch.rows_imported:>9} imported  {batch.rows_duplicate:>7} dup  "
            f"{batch.rows_rejected:>7} rejected  {batch.file_name}{undone}"
        )
    return 0


def _rows_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "no rows"


def run_undo(args: argparse.Namespace) -> int:
    engine = open_store(args)
    plan = undo_plan(engine, args.batch_id)
    if plan.has_dependents and not args.yes:
        later = ", ".join(str(b) for b in plan.kept_for)
        raise UserError(
            f"undoing batch {plan.batch_id} removes {_rows_text(plan.rows_removed)}; "
            f"{_rows_text(plan.rows_kept)} stay because later batches {later} counted them as "
            f"already present (they pass to batch {plan.kept_for[-1]}). "
            "Run again with --yes to undo.",
            code="undo_needs_confirmation",
            values={
                "batch": plan.batch_id,
                "removed": _rows_text(plan.rows_removed),
                "kept": _rows_text(plan.rows_kept),
                "later": later,
                "newest": plan.kept_for[-1],
            },
        )
    result = undo_batch(engine, args.batch_id)
    if args.json:
        print_json(
            {
                "batch_id": result.batch_id,
                "rows_removed": result.rows_removed,
                "rows_kept": result.rows_kept,
                "kept_for": list(result.kept_for),
            }
        )
    else:
        kept = ""
        if result.rows_kept:
            kept = (
                f"; kept {_rows_text(result.rows_kept)} that batch "
                f"{result.kept_for[-1]} counted as already present"
            )
        print(
            f"opsdash undo: batch {result.batch_id} undone: "
            f"removed {_rows_text(result.rows_removed)}{kept}."
        )
    return 0
