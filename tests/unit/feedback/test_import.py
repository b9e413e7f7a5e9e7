"""Import kind ``feedback``: label -> sentiment, derived ids, optional dates, ranges, undo."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from opsdash.cli import main
from opsdash.ingest import ColumnMap, undo_batch
from opsdash.ingest.feedback import normalise_sentiment
from opsdash.ingest.mapping import guess_kind, suggest_columns
from opsdash.timeutil import today
from tests.unit.ingest.conftest import FIXTURES, dump_store, rows, run_import


def test_columns_of_real_exports_are_recognised():
    assert suggest_columns(["label", "review"], "feedback") == {
        "label": "sentiment",
        "review": "text",
    }
    assert suggest_columns(["cat", "label", "review"], "feedback")["cat"] == "category"
    assert guess_kind(["label", "review"]) == "feedback"
    assert guess_kind(["cat", "label", "review"]) == "feedback"


def test_sentiment_words():
    import pandas as pd

    values, unknown = normalise_sentiment(pd.Series(["1", "0", "正面", "负面", "中性", "x", None]))
    assert list(values) == ["positive", "negative", "positive", "negative", "neutral", None, None]
    assert list(unknown) == [False, False, False, False, False, True, False]


def test_label_file_without_dates_or_ids(engine):
    result = run_import(engine, "feedback_labels.csv", "feedback")
    assert (result.rows_read, result.rows_imported, result.rows_rejected) == (5, 5, 0)
    stored = rows(engine, "feedback", "feedback_id")
    assert len({r["feedback_id"] for r in stored}) == 5  # identical lines stay two items
    assert all(r["feedback_id"].startswith("fb-") for r in stored)
    assert {r["submitted_date"] for r in stored} == {today("UTC")}
    by_text = sorted((r["text"], r["sentiment"]) for r in stored)
    assert ("太贵了", "negative") in by_text and ("味道不错", "positive") in by_text
    assert by_text.count(("送餐太慢了，等了两个小时", "negative")) == 2
    # the same export again (another day) adds nothing
    before = len(stored)
    again = run_import(
        engine,
        "feedback_labels.csv",
        "feedback",
        column_map=ColumnMap(kind="feedback", constants={"date": "2024-01-05"}),
    )
    assert again.rows_imported == 5 and len(rows(engine, "feedback", "feedback_id")) == before
    assert {r["submitted_date"] for r in rows(engine, "feedback", "feedback_id")} == {
        dt.date(2024, 1, 5)
    }


def test_full_export_keeps_fields_and_properties(engine):
    result = run_import(engine, "feedback_app.csv", "feedback", skip_bad_rows=True)
    # r4's text is a spreadsheet formula: refused like in every kind
    assert (result.rows_imported, result.rows_rejected) == (3, 1)
    stored = {r["feedback_id"]: r for r in rows(engine, "feedback", "feedback_id")}
    assert set(stored) == {"r1", "r2", "r3"}
    r2 = stored["r2"]
    assert (r2["user_id"], r2["source"], r2["rating"], r2["nps_score"]) == ("u2", "客服工单", 1, 3)
    assert (r2["version"], r2["platform"], r2["category"], r2["tags"]) == (
        "2.3",
        "android",
        "主App",
        "稳定性,闪退",
    )
    assert r2["submitted_at"] == dt.datetime(2024, 3, 1, 11, 0)
    props = r2["properties"]
    assert (json.loads(props) if isinstance(props, str) else props) == {"国家": "中国"}
    assert stored["r3"]["text"] is None and stored["r3"]["nps_score"] == 8
    undone = undo_batch(engine, result.batch_id)
    assert undone.rows_removed == {"feedback": 3}


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("label,review\n2,好\n", "not_sentiment"),
        ("rating,review\n6,好\n", "out_of_range"),
        ("nps,review\n11,好\n", "out_of_range"),
        ("review,version\n,2.3\n", "no_feedback"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_written(engine, body, code):
    before = dump_store(engine)
    result = run_import(engine, "bad.csv", "feedback", data=body.encode())
    assert result.rejected
    assert list(result.errors["code"]) == [code] and list(result.errors["row"]) == [2]
    assert dump_store(engine) == before


def test_file_without_any_feedback_column_is_refused(engine):
    from opsdash.errors import UserError

    with pytest.raises(UserError, match="text"):
        run_import(engine, "x.csv", "feedback", data=b"version,platform\n2.3,ios\n")


def test_cli_imports_with_date(capsys, tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    path = FIXTURES / "feedback_labels.csv"
    status = main(["import", "feedback", str(path), "--db", db, "--date", "2024-02-03", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0 and out["rows_imported"] == 5 and out["kind"] == "feedback"


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "count"), [("waimai_10k.csv", 11987), ("online_shopping_9_cats.csv", 52774)]
)
def test_real_exports_import_without_mapping(capsys, tmp_path, shared_datasets, name, count):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    status = main(["import", "feedback", str(shared_datasets / name), "--db", db, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0, out["errors"][:3]
    assert (out["rows_read"], out["rows_imported"], out["rows_rejected"]) == (count, count, 0)
