"""``opsdash import`` / ``batches`` / ``undo``: exit status and the JSON contract."""

import json

from opsdash.cli import main
from tests.unit.ingest.conftest import FIXTURES


def _run(capsys, *argv):
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_import_batches_undo_json(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status, out, _ = _run(
        capsys, "import", "orders", str(FIXTURES / "orders_retail.csv"), "--db", db, "--json"
    )
    assert status == 0
    result = json.loads(out)
    assert {
        "batch_id",
        "rows_read",
        "rows_imported",
        "rows_rejected",
        "rows_duplicate",
        "errors",
    } <= set(result)
    assert (result["rows_read"], result["rows_imported"], result["errors"]) == (5, 5, [])

    status, out, _ = _run(capsys, "batches", "--db", db, "--json")
    history = json.loads(out)
    assert status == 0 and history[0]["id"] == result["batch_id"]
    assert history[0]["undone_at"] is None and history[0]["rows_imported"] == 5

    status, out, _ = _run(capsys, "undo", str(result["batch_id"]), "--db", db, "--json")
    assert status == 0 and json.loads(out)["rows_removed"] == {"orders": 5}
    status, _, err = _run(capsys, "undo", str(result["batch_id"]), "--db", db)
    assert status == 2 and "already undone" in err


def test_rejected_file_exits_1_with_errors(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status, out, _ = _run(
        capsys, "import", "users", str(FIXTURES / "bad_types.csv"), "--db", db, "--json"
    )
    result = json.loads(out)
    assert status == 1 and result["batch_id"] is None and result["rows_imported"] == 0
    assert result["errors"][0] == {
        "row": 2,
        "column": "signup_at",
        "message": "'not a date' is not a date and time opsdash can read",
    }
    status, out, _ = _run(
        capsys, "import", "users", str(FIXTURES / "bad_types.csv"), "--db", db, "--skip-bad-rows"
    )
    assert status == 0 and "1 imported" in out


def test_unusable_file_exits_2_with_one_line(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status, _, err = _run(capsys, "import", "users", str(FIXTURES / "bad_empty.csv"), "--db", db)
    assert status == 2 and err.strip() == "opsdash import: The file is empty."


def test_map_set_and_saved_mapping(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["--map", "column_1=user_id", "--map", "column_4=event", "--map", "column_5=event_at"]
    status, out, _ = _run(
        capsys,
        "import",
        "events",
        str(FIXTURES / "events_noheader.csv"),
        "--db",
        db,
        *args,
        "--save-mapping",
        "behaviour",
        "--json",
    )
    assert status == 0 and json.loads(out)["rows_imported"] == 3
    status, out, _ = _run(
        capsys,
        "import",
        "events",
        str(FIXTURES / "events_noheader.csv"),
        "--db",
        db,
        "--mapping",
        "behaviour",
        "--json",
    )
    assert status == 0 and json.loads(out)["rows_duplicate"] == 3
    status, out, _ = _run(
        capsys,
        "import",
        "campaign_stats",
        str(FIXTURES / "campaign_stats_kag.csv"),
        "--db",
        db,
        "--date",
        "2017-08-31",
        "--json",
    )
    assert status == 0 and json.loads(out)["rows_imported"] == 2


def test_unusable_file_with_json_still_prints_json(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status, out, err = _run(
        capsys, "import", "users", str(FIXTURES / "bad_html_page.csv"), "--db", db, "--json"
    )
    payload = json.loads(out)
    assert status == 2 and payload["status"] == "error" and payload["batch_id"] is None
    assert "web page (HTML)" in payload["message"] and "web page (HTML)" in err
