"""Issue 18, undo and later batches: undoing a batch must not remove rows that a later, still
active batch counted as already present (its duplicates); what an undo will do is known (and
shown) before it is done. On SQLite and PostgreSQL (the ``engine`` fixture)."""

from __future__ import annotations

import pytest

from opsdash.errors import UserError
from opsdash.ingest import undo_batch, undo_plan
from tests.unit.ingest.conftest import rows, run_import

USERS_X = b"user_id,signup_at,channel\nu1,2024-03-01 10:00,sem\nu2,2024-03-01 11:00,sem\n"
# Y repeats u2 exactly (a duplicate) and adds u3
USERS_Y = b"user_id,signup_at,channel\nu2,2024-03-01 11:00,sem\nu3,2024-03-02 09:00,feed\n"
EVENTS_X = b"user_id,event_at,event\nu1,2024-03-01 10:00,app_open\nu2,2024-03-01 11:00,app_open\n"
EVENTS_Y = b"user_id,event_at,event\nu2,2024-03-01 11:00,app_open\nu3,2024-03-02 09:00,app_open\n"


def _ids(engine, table: str, column: str) -> list[str]:
    return [row[column] for row in rows(engine, table, column)]


def _owners(engine, table: str, column: str) -> dict[str, int]:
    return {row[column]: row["batch_id"] for row in rows(engine, table, column)}


def test_undoing_a_batch_keeps_the_rows_a_later_batch_counted_as_present(engine):
    x = run_import(engine, "x.csv", "users", data=USERS_X)
    y = run_import(engine, "y.csv", "users", data=USERS_Y)
    assert y.rows_duplicate == 1
    plan = undo_plan(engine, x.batch_id)
    assert plan.rows_removed == {"users": 1} and plan.rows_kept == {"users": 1}
    assert plan.kept_for == (y.batch_id,) and plan.has_dependents
    result = undo_batch(engine, x.batch_id)
    assert result.rows_removed == {"users": 1} and result.rows_kept == {"users": 1}
    assert _ids(engine, "users", "user_id") == ["u2", "u3"]  # u2 stays: Y has it
    assert _owners(engine, "users", "user_id") == {"u2": y.batch_id, "u3": y.batch_id}
    # and undoing Y afterwards removes what is now only Y's
    assert undo_plan(engine, y.batch_id).has_dependents is False
    undo_batch(engine, y.batch_id)
    assert _ids(engine, "users", "user_id") == []


def test_events_duplicates_survive_an_undo_of_their_batch(engine):
    x = run_import(engine, "x.csv", "events", data=EVENTS_X)
    y = run_import(engine, "y.csv", "events", data=EVENTS_Y)
    assert y.rows_duplicate == 1
    assert undo_plan(engine, x.batch_id).rows_kept == {"events": 1}
    undo_batch(engine, x.batch_id)
    assert sorted(r["user_id"] for r in rows(engine, "events", "id")) == ["u2", "u3"]


def test_claims_of_an_undone_batch_no_longer_count(engine):
    x = run_import(engine, "x.csv", "users", data=USERS_X)
    y = run_import(engine, "y.csv", "users", data=USERS_Y)
    undo_batch(engine, y.batch_id)  # Y undone first: its claim on u2 goes with it
    assert _ids(engine, "users", "user_id") == ["u1", "u2"]
    plan = undo_plan(engine, x.batch_id)
    assert plan.rows_kept == {} and plan.rows_removed == {"users": 2}
    undo_batch(engine, x.batch_id)
    assert _ids(engine, "users", "user_id") == []


def test_the_newest_of_several_claimers_gets_the_row(engine):
    x = run_import(engine, "x.csv", "users", data=USERS_X)
    y = run_import(engine, "y.csv", "users", data=USERS_Y)
    # u2 and u3 both duplicates; u4 new (an identical re-import makes no batch at all)
    z = run_import(engine, "z.csv", "users", data=USERS_Y + b"u4,2024-03-03 09:00,feed\n")
    assert undo_plan(engine, x.batch_id).kept_for == (y.batch_id, z.batch_id)
    undo_batch(engine, x.batch_id)
    assert _owners(engine, "users", "user_id")["u2"] == z.batch_id
    undo_batch(engine, z.batch_id)  # Y still counts on u2 and u3 (u3 is Y's own)
    assert _ids(engine, "users", "user_id") == ["u2", "u3"]
    assert _owners(engine, "users", "user_id") == {"u2": y.batch_id, "u3": y.batch_id}


def test_plan_refuses_unknown_and_undone_batches(engine):
    x = run_import(engine, "x.csv", "users", data=USERS_X)
    undo_batch(engine, x.batch_id)
    with pytest.raises(UserError):
        undo_plan(engine, x.batch_id)
    with pytest.raises(UserError):
        undo_plan(engine, 999)


def test_cli_undo_says_what_it_will_do_and_needs_yes(tmp_path, capsys):
    from opsdash.cli import main

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    (tmp_path / "x.csv").write_bytes(USERS_X)
    (tmp_path / "y.csv").write_bytes(USERS_Y)
    assert main(["import", "users", str(tmp_path / "x.csv"), "--db", db]) == 0
    assert main(["import", "users", str(tmp_path / "y.csv"), "--db", db]) == 0
    capsys.readouterr()
    assert main(["undo", "1", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "removes 1 users" in err and "1 users stay" in err and "batches 2" in err
    assert "--yes" in err
    assert main(["undo", "1", "--db", db, "--yes", "--json"]) == 0
    out = capsys.readouterr().out
    assert '"rows_kept": {"users": 1}' in out.replace("\n", "").replace("  ", "") or (
        "rows_kept" in out
    )
    assert main(["undo", "2", "--db", db]) == 0  # nobody depends on batch 2
