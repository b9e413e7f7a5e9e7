"""Charts of the brief: a sparkline of a metric with its expected band."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme

FORMATS = {"money": theme.MONEY, "percent": theme.PERCENT, "number": theme.NUMBER}


def band_sparkline(
    history: pd.DataFrame, *, kind: str, title: str, labels: dict[str, str]
) -> alt.LayerChart:
    """The last days of a metric (``history``: day, value, expected, low, high, anomaly):
    the expected band as a grey area, the expected value dashed, the value as a line, and the
    anomalous days as red points. ``labels``: tooltip titles for value, expected, low, high."""
    fmt = FORMATS.get(kind, theme.NUMBER)
    axis_format = theme.PERCENT if kind == "percent" else theme.COMPACT
    data = history.copy()
    data["anomaly"] = data["anomaly"].astype(bool)
    base = alt.Chart(data).encode(x=alt.X("day:T", axis=theme.date_axis(None)))
    tooltip = [
        theme.date_tooltip("day"),
        *(theme.number_tooltip(name, labels[name], fmt=fmt) for name in ("value", "expected")),
        *(theme.number_tooltip(name, labels[name], fmt=fmt) for name in ("low", "high")),
    ]
    band = base.mark_area(color=theme.MUTED, opacity=0.25).encode(
        y=alt.Y("low:Q", title=None, axis=alt.Axis(format=axis_format, tickCount=3)),
        y2="high:Q",
    )
    expected = base.mark_line(color=theme.MUTED, strokeDash=[4, 3]).encode(y="expected:Q")
    line = base.mark_line(color=theme.PRIMARY).encode(y="value:Q", tooltip=tooltip)
    points = (
        base.transform_filter(alt.datum.anomaly)
        .mark_point(color=theme.NEGATIVE, filled=True, size=50)
        .encode(y="value:Q", tooltip=tooltip)
    )
    return theme.finish(
        alt.layer(band, expected, line, points), title=title, height=theme.SMALL_HEIGHT
    )
