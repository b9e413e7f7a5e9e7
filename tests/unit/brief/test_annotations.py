"""Annotations: notes added and removed, campaigns' starts in range, the CLI, and
the chart layer."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from opsdash.brief.annotations import (
    add_annotation,
    annotations_between,
    list_annotations,
    remove_annotation,
)
from opsdash.charts.annotations import with_annotations
from opsdash.charts.overview import sparkline
from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.models import Campaign
from opsdash.store.bulk import bulk_insert
from opsdash.store.meta import data_version

D = dt.date


def test_notes_and_campaigns_between(engine):
    campaigns = pd.DataFrame(
        [("k1", "618 大促", D(2024, 6, 1), D(2024, 6, 18)), ("k2", None, D(2024, 5, 1), None)],
        columns=["campaign_id", "name", "start_date", "end_date"],
    )
    with engine.begin() as conn:
        bulk_insert(conn, Campaign.__table__, campaigns)
    before = data_version(engine)
    first = add_annotation(engine, day=D(2024, 6, 10), text="  v2.3 上线 ", created_by="ed")
    add_annotation(engine, day=D(2024, 4, 1), text="old")
    assert data_version(engine) != before  # cached charts refresh
    frame = annotations_between(engine, start=D(2024, 5, 1), end=D(2024, 6, 30))
    assert frame.to_dict(orient="records") == [
        {"day": D(2024, 5, 1), "text": "k2", "source": "campaign_start"},
        {"day": D(2024, 6, 1), "text": "618 大促", "source": "campaign_start"},
        {"day": D(2024, 6, 10), "text": "v2.3 上线", "source": "note"},
    ]
    assert [row["text"] for row in list_annotations(engine)] == ["old", "v2.3 上线"]
    remove_annotation(engine, first)
    assert [row["text"] for row in list_annotations(engine)] == ["old"]
    with pytest.raises(UserError):
        remove_annotation(engine, first)
    with pytest.raises(UserError):
        add_annotation(engine, day=D(2024, 6, 1), text="  ")


def test_annotate_cli(sqlite_engine, capsys):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    assert main(["annotate", "add", "--date", "2024-06-10", "--text", "outage", "--db", url]) == 0
    assert main(["annotate", "list", "--json", "--db", url]) == 0
    out = capsys.readouterr().out
    rows = json.loads(out[out.index("[") :])
    assert rows == [{"id": 1, "day": "2024-06-10", "text": "outage", "created_by": None}]
    assert main(["annotate", "remove", "1", "--db", url]) == 0
    assert main(["annotate", "remove", "1", "--db", url]) == 2
    assert main(["annotate", "add", "--date", "2024-06-10", "--text", " ", "--db", url]) == 2


def test_sparkline_carries_the_annotation_layer():
    trend = pd.DataFrame({"day": [D(2024, 6, 9), D(2024, 6, 10)], "dau": [10, 12]})
    notes = pd.DataFrame([(D(2024, 6, 10), "v2.3", "note")], columns=["day", "text", "source"])
    chart = sparkline(trend, field="dau", title="DAU")
    spec = with_annotations(chart, notes, labels={"note": "Note"}).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["area", "rule"]
    plain = with_annotations(chart, notes.iloc[:0]).to_dict()
    assert "layer" not in plain
