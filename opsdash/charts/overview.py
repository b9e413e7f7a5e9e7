"""Charts of the Overview page: small trend lines and target progress bars."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def sparkline(
    frame: pd.DataFrame,
    *,
    field: str,
    title: str,
    fmt: str = theme.NUMBER,
) -> alt.Chart:
    """A small area chart of daily ``field`` over ``day`` (compact axis, ``fmt`` in the
    tooltip); the annotation layer is added where charts are drawn
    (:func:`opsdash.charts.annotations.with_annotations`)."""
    chart = (
        alt.Chart(frame)
        .mark_area(line={"color": theme.PRIMARY}, color=theme.PRIMARY, opacity=0.15)
        .encode(
            x=alt.X("day:T", axis=theme.date_axis(None)),
            y=alt.Y(f"{field}:Q", title=None, axis=alt.Axis(format=theme.COMPACT, tickCount=3)),
            tooltip=[theme.date_tooltip("day"), theme.number_tooltip(field, title, fmt=fmt)],
        )
    )
    return theme.finish(chart, title=title, height=theme.SMALL_HEIGHT)


def target_progress_bars(frame: pd.DataFrame, *, title: str) -> alt.Chart:
    """Horizontal bars of progress (actual / target, capped at 150% for drawing) per metric
    (``label``), with a grey tick at the month's elapsed pace when there is one."""
    data = frame.copy()
    data["drawn"] = data["progress"].clip(upper=1.5)
    base = alt.Chart(data).encode(y=alt.Y("label:N", sort=list(data["label"]), title=None))
    bars = base.mark_bar().encode(
        x=alt.X(
            "drawn:Q", title=None, axis=alt.Axis(format=".0%"), scale=alt.Scale(domain=[0, 1.5])
        ),
        color=alt.condition(
            alt.datum.progress >= 1, alt.value(theme.POSITIVE), alt.value(theme.PRIMARY)
        ),
        tooltip=[
            alt.Tooltip("label:N", title=None),
            theme.number_tooltip("progress", "%", fmt=theme.PERCENT),
        ],
    )
    pace = base.mark_tick(color=theme.MUTED, thickness=3).encode(x="pace:Q")
    return theme.finish(alt.layer(bars, pace), title=title, height=30 * len(data) + 40)
