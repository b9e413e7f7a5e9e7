"""Revenue chart builders return Altair charts that encode what the metrics computed."""

import datetime as dt

import pandas as pd

from opsdash.charts import revenue as charts

D = dt.date


def test_revenue_trend_has_one_series_per_measure():
    frame = pd.DataFrame(
        {
            "period_start": [D(2024, 2, 1), D(2024, 2, 2)],
            "gross_revenue": [100.0, 50.0],
            "revenue": [90.0, 50.0],
            "refunds": [10.0, 0.0],
        }
    )
    spec = charts.revenue_trend(
        frame,
        series={"gross_revenue": "Gross", "revenue": "Net", "refunds": "Refunds"},
        title="Revenue",
        y_title="Amount",
    ).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert len(values) == 6
    assert {v["series"] for v in values} == {"Gross", "Net", "Refunds"}
    assert spec["encoding"]["y"]["field"] == "amount"


def test_revenue_bars_keep_the_top_n():
    frame = pd.DataFrame(
        {"product": list("abcd"), "revenue": [4.0, 3.0, 2.0, 1.0], "share": [0.4, 0.3, 0.2, 0.1]}
    )
    spec = charts.revenue_bars(frame, dimension="product", title="t", x_title="x", top=2).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [v["label"] for v in values] == ["a", "b"]


def test_retention_heatmap_cells():
    cohorts = [
        {"cohort": "2024-01", "size": 4, "retained": [4, 2, 1]},
        {"cohort": "2024-02", "size": 2, "retained": [2, 1]},
    ]
    long = charts.cohorts_long(cohorts)
    assert long.share.tolist() == [1.0, 0.5, 0.25, 1.0, 0.5]
    spec = charts.retention_heatmap(
        cohorts, percent=True, title="t", x_title="m", y_title="c"
    ).to_dict()
    assert len(spec["layer"]) == 2
    assert spec["layer"][0]["encoding"]["color"]["scale"]["domain"] == [0, 0.5]


def test_ltv_curves_and_rfm_bars_build():
    ltv = pd.DataFrame(
        {
            "cohort": ["2024-01", "2024-01", "all", "all"],
            "size": [2, 2, 2, 2],
            "month": [0, 1, 0, 1],
            "revenue": [10.0, 5.0, 10.0, 5.0],
            "cumulative_revenue": [10.0, 15.0, 10.0, 15.0],
            "ltv": [5.0, 7.5, 5.0, 7.5],
        }
    )
    spec = charts.ltv_curves(ltv, all_label="All", title="t", x_title="m", y_title="v").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["2024-01", "All"]
    segments = pd.DataFrame(
        {
            "segment": ["champions", "hibernating"],
            "customer_share": [0.2, 0.8],
            "revenue_share": [0.7, 0.3],
        }
    )
    spec = charts.rfm_bars(
        segments,
        names={"champions": "Champions", "hibernating": "Hibernating"},
        measures={"customer_share": "Customers", "revenue_share": "Revenue"},
        title="t",
    ).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert {v["measure"] for v in values} == {"Customers", "Revenue"}
    assert charts.days_histogram({"0": 1, "1-7": 2}, title="t", x_title="d", y_title="u")
    kinds = pd.DataFrame(
        {"period_start": [D(2024, 2, 1)] * 2, "kind": ["new", "guest"], "revenue": [1.0, 2.0]}
    )
    assert charts.customer_kind_bars(
        kinds,
        kinds={"new": "New", "returning": "Returning", "guest": "Guest"},
        title="t",
        y_title="y",
    ).to_dict()
