"""Feature-adoption chart builders produce valid Vega-Lite with the theme's colours."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from opsdash.charts import adoption as charts
from opsdash.charts import theme


def test_daily_and_retention_charts():
    daily = pd.DataFrame(
        {
            "day": [dt.date(2024, 3, 1), dt.date(2024, 3, 2)],
            "new_adopters": [3, 1],
            "adoption_rate": [0.1, 0.12],
        }
    )
    spec = charts.adoption_daily(daily, title="A", adopters_title="n", rate_title="r").to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "line"]
    assert spec["resolve"]["scale"]["y"] == "independent"
    retention = pd.DataFrame(
        {
            "day_n": [1, 7, 30],
            "adopter_rate": [0.5, 0.3, None],
            "non_adopter_rate": [0.4, 0.2, None],
        }
    )
    spec = charts.adoption_retention(
        retention,
        title="R",
        day_title="N",
        rate_title="r",
        group_title="g",
        groups={"adopters": "Adopters", "non_adopters": "Others"},
    ).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 4  # day 30 not reached: left out
    assert spec["encoding"]["color"]["scale"]["range"] == [theme.PRIMARY, theme.MUTED]
