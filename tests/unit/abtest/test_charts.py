"""Chart builders return Altair specs with the data and encodings the page relies on."""

from __future__ import annotations

import pandas as pd

from opsdash.abtest.analysis import analyse_conversions
from opsdash.abtest.models import Proportion
from opsdash.charts.abtest import interval_chart, posterior_chart, sequential_chart


def _analysis():
    return analyse_conversions(
        ["A", "B", "C"], [Proportion(5000, 500), Proportion(5000, 560), Proportion(5000, 480)]
    )


def test_interval_chart():
    frame = _analysis().intervals()
    spec = interval_chart(frame, title="Δ", axis_title="diff").to_dict()
    assert spec["title"]["text"] == "Δ"
    layers = spec["layer"]
    assert [layer["mark"]["type"] for layer in layers] == ["rule", "rule", "point"]
    assert layers[1]["encoding"]["x"]["field"] == "low"
    assert layers[1]["encoding"]["x2"]["field"] == "high"
    assert layers[1]["encoding"]["x"]["axis"]["format"] == ".2%"
    data = next(iter(spec["datasets"].values())) if "datasets" in spec else None
    assert data is not None


def test_posterior_chart():
    rows = _analysis().posteriors()
    spec = posterior_chart(rows, title="post", axis_title="rate").to_dict()
    assert spec["mark"]["type"] == "area"
    assert spec["encoding"]["color"]["scale"]["domain"] == ["A", "B", "C"]


def test_sequential_chart():
    frame = pd.DataFrame(
        {"day": pd.to_datetime(["2024-01-01", "2024-01-02"]), "variant": "B", "p_value": [1, 0.4]}
    )
    spec = sequential_chart(frame, title="seq", axis_title="p", alpha=0.05).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert spec["layer"][1]["mark"]["type"] == "rule"
