"""Big events files read, checked and written in chunks in one transaction (both DBs): the
same store as reading the file at once, problems named by the file's row, nothing written
on refusal, progress reported."""

from __future__ import annotations

import mmap

import sqlalchemy as sa

from opsdash.ingest import import_file
from tests.unit.ingest.conftest import dump_store
from tests.unit.test_rollups import events_csv

CHUNK = 20_000  # bytes: ~400 rows per chunk, so the files below span many chunks


def big_file() -> bytes:
    lines = events_csv(5, 4000, users=200, days=12).decode().splitlines()
    lines[0] += ",note"
    lines[1:] = [line + ",x" for line in lines[1:]]
    lines[900] = lines[900].rsplit(",", 1)[0] + ',"two\nlines, ""quoted"""'  # a record over 2 lines
    lines += lines[1:800]  # the same rows again, in later chunks: more events, not duplicates
    return ("\n".join(lines) + "\n").encode()


def stored_events(engine) -> list[tuple]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT user_id, event, event_at, row_key, properties FROM events")
        ).all()
    return sorted(tuple(map(repr, row)) for row in rows)


def test_chunks_give_the_store_of_one_read(engine, tmp_path):
    data = big_file()
    at_once = import_file(engine, data, kind="events", file_name="e.csv", timezone="UTC")
    expected = stored_events(engine), dump_store(engine)["user_activity_days"]
    with engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM events"))
        conn.execute(sa.text("DELETE FROM user_activity_days"))
        conn.execute(sa.text("DELETE FROM event_days"))
    calls = []
    path = tmp_path / "e.csv"
    path.write_bytes(data)
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as m:
        chunked = import_file(
            engine,
            m,
            kind="events",
            file_name="e.csv",
            timezone="UTC",
            chunk_bytes=CHUNK,
            progress=lambda *args: calls.append(args),
        )
    assert (chunked.rows_read, chunked.rows_imported) == (at_once.rows_read, 4799)
    assert chunked.properties == at_once.properties
    assert (stored_events(engine), dump_store(engine)["user_activity_days"]) == expected
    assert len(calls) >= 8 and calls[-1] == (4799, len(data), len(data))
    assert [c[1] for c in calls] == sorted(c[1] for c in calls)


def test_a_bad_row_in_a_late_chunk_writes_nothing(engine):
    lines = big_file().decode().split("\n")
    lines[3500] = lines[3500].replace("2024-03", "2024-xx")
    data = "\n".join(lines).encode()
    before = dump_store(engine)
    at_once = import_file(engine, data, kind="events", file_name="e.csv", timezone="UTC")
    chunked = import_file(
        engine, data, kind="events", file_name="e.csv", timezone="UTC", chunk_bytes=CHUNK
    )
    assert chunked.rejected and chunked.batch_id is None
    problems = chunked.errors[["row", "column", "code"]].to_dict("records")
    assert problems == at_once.errors[["row", "column", "code"]].to_dict("records")
    assert problems == [{"row": 3501, "column": "event_at", "code": "not_time"}]  # header: line 1
    assert dump_store(engine) == before
