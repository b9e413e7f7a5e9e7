"""The brief's band sparkline encodes the band, the expectation, the value and anomalies."""

import datetime as dt

import pandas as pd

from opsdash.charts.brief import band_sparkline

LABELS = {"value": "Actual", "expected": "Expected", "low": "Low", "high": "High"}


def test_band_sparkline_layers():
    history = pd.DataFrame(
        {
            "day": [dt.date(2024, 1, 1), dt.date(2024, 1, 2)],
            "value": [100.0, 60.0],
            "expected": [98.0, 99.0],
            "low": [80.0, 81.0],
            "high": [116.0, 117.0],
            "anomaly": [False, True],
        }
    )
    spec = band_sparkline(history, kind="number", title="DAU", labels=LABELS).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["area", "line", "line", "point"]
    assert spec["layer"][0]["encoding"]["y2"]["field"] == "high"
    assert spec["layer"][3]["transform"][0]["filter"] == "datum.anomaly"
    rows = next(iter(spec["datasets"].values()))
    assert [row["anomaly"] for row in rows] == [False, True]
