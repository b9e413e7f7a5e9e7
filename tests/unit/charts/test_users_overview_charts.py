"""Users and Overview chart builders produce valid Vega-Lite with the theme's colours."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from opsdash.charts import overview as overview_charts
from opsdash.charts import theme
from opsdash.charts import users as charts

D = dt.date


def test_theme_scales():
    scale = theme.categorical_scale(["a", "b"]).to_dict()
    assert scale["range"] == list(theme.CATEGORICAL[:2])
    assert theme.sequential_scale(domain=(0, 1)).to_dict()["scheme"] == theme.SEQUENTIAL


def test_acquisition_and_activity_charts():
    frame = pd.DataFrame(
        {
            "period": [D(2024, 1, 1), D(2024, 1, 1), D(2024, 1, 2)],
            "channel": ["a", "b", "a"],
            "new_users": [3, 1, 2],
        }
    )
    spec = charts.new_users_by_channel(frame, title="New", y_title="n").to_dict()
    assert spec["mark"]["type"] == "bar" and spec["title"]["text"] == "New"
    share = charts.channel_share(frame, title="Share").to_dict()
    assert share["mark"]["type"] == "arc"
    line = pd.DataFrame({"day": [D(2024, 1, 1), D(2024, 1, 2)], "dau": [2, 3]})
    spec = charts.active_users_line(line, x="day", y="dau", title="DAU", y_title="DAU").to_dict()
    assert spec["mark"]["color"] == theme.PRIMARY


def test_retention_charts_leave_unreached_cells_out():
    counts = pd.DataFrame(
        {0: [4.0, 2.0], 1: [2.0, float("nan")]}, index=[D(2024, 1, 1), D(2024, 1, 2)]
    )
    sizes = pd.Series([4, 2], index=counts.index)
    long = charts.retention_long(counts, sizes)
    assert len(long) == 3  # the unreached cell is absent, not 0
    assert long.iloc[1].to_dict() == {"cohort": "2024-01-01", "period": 1, "users": 2, "share": 0.5}
    charts.retention_heatmap(long, title="R", period_title="N", cohort_title="C").to_dict()
    average = pd.Series([1.0, 0.5], index=[0, 1])
    curve = charts.retention_curve(
        long, average, title="C", period_title="N", average_label="avg"
    ).to_dict()
    assert len(curve["layer"]) == 2


def test_lifecycle_funnel_tier_charts():
    life = pd.DataFrame(
        {
            "period": [D(2024, 1, 1)],
            "new": [2],
            "returning": [1],
            "resurrecting": [1],
            "dormant": [-3],
        }
    )
    labels = {"new": "N", "returning": "R", "resurrecting": "S", "dormant": "D"}
    spec = charts.lifecycle_bars(life, title="L", labels=labels).to_dict()
    assert spec["encoding"]["color"]["scale"]["range"][3] == theme.NEGATIVE
    assert min(row["users"] for row in spec["datasets"][spec["data"]["name"]]) == -3
    steps = pd.DataFrame(
        {"step": [1, 2], "event": ["a", "b"], "users": [4, 1], "from_start": [1.0, 0.25]}
    )
    charts.funnel_bars(steps, title="F", users_title="u").to_dict()
    groups = pd.DataFrame(
        {
            "group": ["x", "x"],
            "step": [1, 2],
            "event": ["a", "b"],
            "users": [2, 1],
            "from_start": [1.0, 0.5],
        }
    )
    charts.funnel_breakdown(groups, title="G").to_dict()
    tiers = pd.DataFrame({"level": ["gold"], "users": [3]})
    charts.tier_bars(tiers, value="users", title="T", fmt=theme.NUMBER).to_dict()


def test_overview_charts():
    trend = pd.DataFrame({"day": [D(2024, 1, 1), D(2024, 1, 2)], "revenue": [1.0, 2.0]})
    spec = overview_charts.sparkline(trend, field="revenue", title="Rev", fmt=theme.MONEY).to_dict()
    assert spec["height"] == theme.SMALL_HEIGHT
    progress = pd.DataFrame({"label": ["New users"], "progress": [0.4], "pace": [0.2]})
    overview_charts.target_progress_bars(progress, title="T").to_dict()


def test_posterior_curves_are_overlaid_not_stacked():
    from opsdash.charts.abtest import posterior_chart

    rows = [
        {"variant": v, "rate": r / 100, "density": d}
        for v in ("A", "B")
        for r, d in ((9, 1.0), (10, 3.0), (11, 1.0))
    ]
    spec = posterior_chart(rows, title="t", axis_title="rate").to_dict()
    assert spec["encoding"]["y"]["stack"] is None


def test_localise_names_untitled_fields_and_uses_wan_on_axes():
    import altair as alt
    import pandas as pd

    from opsdash.charts import theme

    frame = pd.DataFrame({"day": pd.to_datetime(["2024-06-01"]), "users": [54190]})
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(x=alt.X("day:T"), y="users:Q", tooltip=[theme.date_tooltip("day"), "users:Q"])
    )
    zh = theme.localise(chart.to_dict(), "zh")
    assert zh["encoding"]["x"]["title"] == "日期"
    assert [t.get("title") for t in zh["encoding"]["tooltip"]] == ["日期", "用户数"]
    assert "万" in zh["config"]["axisQuantitative"]["labelExpr"]
    en = theme.localise(chart.to_dict(), "en")
    assert en["encoding"]["tooltip"][0]["title"] == "Date"
    assert "万" not in en["config"]["axisQuantitative"]["labelExpr"]
