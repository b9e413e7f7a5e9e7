"""Content and Activities chart builders return Altair charts that encode the metrics' frames."""

import datetime as dt

import pandas as pd

from opsdash.charts import activities as activity_charts
from opsdash.charts import content as content_charts

D = dt.date


def _values(spec: dict) -> list[dict]:
    return [row for rows in spec["datasets"].values() for row in rows]


def test_breakdown_bars_label_missing_values_and_keep_top():
    frame = pd.DataFrame({"format": ["video", None, "poster"], "views": [30, 20, 10]})
    spec = content_charts.breakdown_bars(
        frame, by="format", value="views", title="t", value_title="v", none_label="(not set)",
        top=2,
    ).to_dict()  # fmt: skip
    assert [row["format"] for row in _values(spec)] == ["video", "(not set)"]


def test_engagement_trend_uses_percent_axis_and_keeps_gaps():
    frame = pd.DataFrame(
        {"period_start": [D(2024, 1, 1), D(2024, 1, 2)], "engagement_rate": [0.1, None]}
    )
    spec = content_charts.metric_trend(
        frame, metric="engagement_rate", title="t", y_title="y", percent=True
    ).to_dict()
    assert spec["encoding"]["y"]["axis"]["format"] == ".1%"
    assert next(row["engagement_rate"] for row in _values(spec)) == 0.1


def test_cadence_has_a_bar_and_a_line_per_week():
    frame = pd.DataFrame(
        {"week_start": [D(2024, 1, 1), D(2024, 1, 8)], "items_published": [3, 0], "views": [9, 4]}
    )
    spec = content_charts.cadence_chart(
        frame, title="t", items_title="i", views_title="v"
    ).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "line"]
    assert [row["week"] for row in _values(spec)] == ["2024-01-01", "2024-01-08"]


def test_timeline_draws_each_campaign_to_the_end_of_its_last_day():
    metric = pd.DataFrame({"date": [D(2024, 1, d) for d in (1, 2, 3)], "value": [1, 5, 2]})
    bars = pd.DataFrame(
        {"name": ["Gift"], "status": ["ended"], "bar_start": [D(2024, 1, 2)],
         "bar_end": [D(2024, 1, 2)]}
    )  # fmt: skip
    spec = activity_charts.timeline_chart(metric, bars, title="t", metric_title="m").to_dict()
    band = next(row for row in _values(spec) if "band_end" in row)
    assert band["bar_start"].startswith("2024-01-02") and band["band_end"].startswith("2024-01-03")


def test_review_chart_colours_parts_in_a_fixed_order():
    series = pd.DataFrame(
        {"date": [D(2024, 1, 1), D(2024, 1, 2)], "value": [1, 3], "part": ["previous", "campaign"]}
    )
    labels = {"campaign": "C", "previous": "P", "same_weekdays": "W", "other": "O"}
    spec = activity_charts.review_chart(
        series, title="t", metric_title="m", part_labels=labels
    ).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["C", "P", "W", "O"]


def test_compare_bars_leave_out_missing_values():
    frame = pd.DataFrame({"label": ["a", "b"], "cpa": [2.0, None]})
    spec = activity_charts.compare_bars(frame, metric="cpa", title="t", metric_title="m").to_dict()
    assert [row["label"] for row in _values(spec)] == ["a"]
