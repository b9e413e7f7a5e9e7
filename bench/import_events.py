"""Import speed: a 1,000,000-row events CSV through ``opsdash import`` versus the plain
baselines, measured in the same run (see bench/README.md).

    .venv/bin/python bench/import_events.py                 # SQLite (and PostgreSQL if set)
    .venv/bin/python bench/import_events.py --rows 200000   # smaller
    .venv/bin/python bench/import_events.py --append        # 1M appended to a 1M store
    .venv/bin/python bench/import_events.py --file big.csv --only sqlite-opsdash
    OPSDASH_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/import_events.py

Each measurement runs in its own process so its peak memory (ru_maxrss) is its own:
- sqlite-baseline: rows already in memory as tuples (parsed by the csv module, not timed),
  one ``sqlite3`` ``executemany`` into the events table of a fresh migrated store;
- sqlite-opsdash: the whole import of the file (read, detect, map, validate, derive, row keys,
  write, history) into another fresh store;
  With ``--properties N`` (default 2) the file has N columns no field maps to; the importer
  keeps them as per-row JSON properties and both baselines write the same JSON text.
- postgres-baseline: ``COPY events FROM STDIN`` of the same rows (CSV text prepared in memory,
  not timed) into a fresh database; postgres-opsdash: the whole import into another.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import mmap
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
EVENTS = ("app_open", "view_content", "like", "share", "add_to_cart", "purchase")
COLUMNS = ("user_id", "event_at", "event", "content_id", "value")


CITIES = ("上海", "北京", "深圳", "广州", "杭州", "成都", "武汉", "南京", "西安", "重庆")
VERSIONS = ("2.1.0", "2.2.0", "2.3.0", "2.3.1")


def generate(path: Path, rows: int, seed: int = 7, properties: int = 2) -> None:
    """A realistic events export: 50k users, 90 days, six event names, some content ids; with
    ``properties`` (0..2) columns no field maps to (城市, app_version), which the importer
    keeps as per-row properties."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-01-01T00:00:00")
    seconds = np.sort(rng.integers(0, 90 * 86400, rows))
    frame = pd.DataFrame(
        {
            "user_id": np.char.add("u", rng.integers(1, 50_000, rows).astype(str)),
            "event_at": pd.Series(start + seconds.astype("timedelta64[s]")).dt.strftime(
                "%Y-%m-%d %H:%M:%S"
            ),
            "event": rng.choice(EVENTS, rows, p=[0.3, 0.4, 0.12, 0.05, 0.08, 0.05]),
            "content_id": np.where(
                rng.random(rows) < 0.6,
                np.char.add("c", rng.integers(1, 5000, rows).astype(str)),
                "",
            ),
            "value": np.where(rng.random(rows) < 0.05, np.round(rng.gamma(2, 30, rows), 2), np.nan),
        }
    )
    extra = {
        "城市": rng.choice(CITIES, rows),
        "app_version": rng.choice(VERSIONS, rows, p=[0.1, 0.2, 0.4, 0.3]),
    }
    for name in list(extra)[:properties]:
        frame[name] = extra[name]
    frame.to_csv(path, index=False)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def _fresh_sqlite(path: Path):
    from opsdash.db import init_store, make_engine

    engine = make_engine(f"sqlite:///{path}")
    init_store(engine, timezone="UTC")
    return engine


def _baseline_rows(csv_path: Path) -> list[tuple]:
    """The same events as the import stores them, as tuples (not timed)."""
    from opsdash.ingest import prepare_import

    prepared = prepare_import(
        csv_path.read_bytes(), kind="events", file_name=csv_path.name, timezone="UTC"
    )
    frame = prepared.rows
    stamps = frame["event_at"].dt.strftime("%Y-%m-%d %H:%M:%S.%f")
    days = pd.to_datetime(frame["event_date"]).dt.strftime("%Y-%m-%d")
    content = frame["content_id"].astype(object).where(frame["content_id"].notna(), None)
    value = frame["value"].astype(object).where(frame["value"].notna(), None)
    if "properties" not in frame:
        frame = frame.assign(properties=None)
    properties = frame["properties"].astype(object).where(frame["properties"].notna(), None)
    return list(
        zip(
            frame["user_id"].astype(object).tolist(),
            stamps.tolist(),
            days.tolist(),
            frame["event"].astype(object).tolist(),
            content.tolist(),
            value.tolist(),
            frame["row_key"].astype("int64").tolist(),
            properties.tolist(),  # the JSON text the importer stores (None: no properties)
            strict=True,
        )
    )


INSERT_COLUMNS = "user_id, event_at, event_date, event, content_id, value, row_key, properties"


def _preload(engine, preload: Path | None) -> None:
    """``--append``: the store already holds another file's events (not timed)."""
    if preload is None:
        return
    from opsdash.ingest import import_file

    with open(preload, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        import_file(engine, m, kind="events", file_name=preload.name, timezone="UTC")


def run_one(
    name: str, csv_path: Path, work: Path, pg_url: str | None, preload: Path | None = None
) -> dict:
    if name == "sqlite-baseline":
        import sqlite3

        db = work / f"baseline-{uuid.uuid4().hex[:6]}.db"
        store = _fresh_sqlite(db)
        _preload(store, preload)
        store.dispose()
        rows = _baseline_rows(csv_path)
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        started = time.perf_counter()
        conn.executemany(
            f"INSERT INTO events ({INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
            rows,
        )
        conn.commit()
        seconds = time.perf_counter() - started
        count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        conn.close()
        return {"seconds": seconds, "rows": count, "peak_mb": peak_mb()}
    if name == "sqlite-opsdash":
        engine = _fresh_sqlite(work / f"opsdash-{uuid.uuid4().hex[:6]}.db")
        _preload(engine, preload)
        return _opsdash(engine, csv_path)
    if name in ("postgres-baseline", "postgres-opsdash"):
        engine = _fresh_postgres(pg_url)
        try:
            _preload(engine, preload)
            if name == "postgres-opsdash":
                return _opsdash(engine, csv_path)
            rows = _baseline_rows(csv_path)
            buffer = io.StringIO()
            csv.writer(buffer).writerows(rows)
            text = buffer.getvalue()
            del rows
            raw = engine.raw_connection()
            started = time.perf_counter()
            with (
                raw.cursor() as cursor,
                cursor.copy(f"COPY events ({INSERT_COLUMNS}) FROM STDIN WITH (FORMAT csv)") as copy,
            ):
                copy.write(text)
            raw.commit()
            seconds = time.perf_counter() - started
            with raw.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM events")
                count = cursor.fetchone()[0]
            raw.close()
            return {"seconds": seconds, "rows": count, "peak_mb": peak_mb()}
        finally:
            _drop_postgres(engine, pg_url)
    raise SystemExit(f"unknown measurement {name}")


def _opsdash(engine, csv_path: Path) -> dict:
    from opsdash.ingest import import_file

    started = time.perf_counter()
    # as the CLI reads it: memory-mapped, so a big file is read in chunks
    with (
        open(csv_path, "rb") as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m,
    ):
        result = import_file(
            engine, m, kind="events", file_name=csv_path.name, timezone="UTC", created_by="bench"
        )
    seconds = time.perf_counter() - started
    assert not result.rejected, result.errors.head()
    return {"seconds": seconds, "rows": result.rows_imported, "peak_mb": peak_mb()}


def _fresh_postgres(server: str):
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    from opsdash.db import init_store, make_engine

    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    name = f"opsdash_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    engine.info = {"database": name}  # type: ignore[attr-defined]
    del sa
    return engine


def _drop_postgres(engine, server: str) -> None:
    from opsdash.db import make_engine

    name = engine.url.database
    engine.dispose()
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--properties",
        type=int,
        default=2,
        choices=(0, 1, 2),
        help="columns kept as properties (default 2: 城市, app_version; 0: the earlier file)",
    )
    parser.add_argument(
        "--append",
        action="store_true",
        help="each store first holds another file of --rows events (not timed): measures an "
        "append, rollups included, against executemany/COPY of the same rows",
    )
    parser.add_argument("--file", type=Path, help="import this events CSV instead of generating")
    parser.add_argument("--only", help="comma-separated measurements (e.g. sqlite-opsdash)")
    parser.add_argument("--preload", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    pg_url = os.environ.get("OPSDASH_BENCH_POSTGRES_URL")
    if args.one:
        print(json.dumps(run_one(args.one, args.csv, args.work, pg_url, args.preload)))
        return
    with tempfile.TemporaryDirectory(prefix="opsdash-bench-") as tmp:
        work = Path(tmp)
        csv_path = args.file or work / f"events_{args.rows}.csv"
        started = time.perf_counter()
        if not args.file:
            generate(csv_path, args.rows, properties=args.properties)
        preload = None
        if args.append:
            preload = work / f"preload_{args.rows}.csv"
            generate(preload, args.rows, seed=8, properties=args.properties)
        size = csv_path.stat().st_size / 1e6
        print(
            f"events file: {csv_path.name} ({size:.0f} MB)"
            + ("" if args.file else f", {args.rows:,} events, {args.properties} property columns")
            + (", appended to a store holding another file as large" if args.append else "")
            + f"; prepared in {time.perf_counter() - started:.1f} s"
        )
        names = ["sqlite-baseline", "sqlite-opsdash"]
        if pg_url:
            names += ["postgres-baseline", "postgres-opsdash"]
        if args.only:
            names = [n for n in names if n in args.only.split(",")]
        results = {}
        for name in names:
            output = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    name,
                    "--csv",
                    str(csv_path),
                    "--work",
                    str(work),
                    *(["--preload", str(preload)] if preload else []),
                ],
                check=True,
                capture_output=True,
                text=True,
                cwd=ROOT,
            ).stdout
            results[name] = json.loads(output.strip().splitlines()[-1])
            r = results[name]
            print(
                f"{name:<18} {r['seconds']:7.2f} s  {r['rows']:>9,} rows  "
                f"peak {r['peak_mb']:6.0f} MB"
            )
        for db in ("sqlite", "postgres"):
            if f"{db}-opsdash" in results and f"{db}-baseline" in results:
                ratio = results[f"{db}-opsdash"]["seconds"] / results[f"{db}-baseline"]["seconds"]
                print(f"{db}: opsdash import / baseline = {ratio:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
