"""Charts of a breakdown by any dimension (a field or property): one bar per value."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def dimension_bars(
    frame: pd.DataFrame,
    *,
    measure: str,
    title: str,
    x_title: str,
    unknown_label: str,
    money: bool = False,
    top: int = 15,
) -> alt.Chart:
    """Horizontal bars of ``measure`` per ``value`` (the ``top`` largest; values without the
    measure left out, a missing value drawn as ``unknown_label``)."""
    data = frame[frame[measure].notna()][["value", measure]].copy()
    data[measure] = pd.to_numeric(data[measure])
    data = data.nlargest(top, measure)
    data["label"] = [unknown_label if v is None else str(v) for v in data["value"]]
    chart = (
        alt.Chart(data[["label", measure]])
        .mark_bar(color=theme.PRIMARY)
        .encode(
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X(f"{measure}:Q", title=x_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[
                alt.Tooltip("label:N", title=" "),
                theme.number_tooltip(measure, x_title, fmt=theme.MONEY if money else theme.NUMBER),
            ],
        )
    )
    return theme.finish(chart, title=title, height=80 + 24 * max(len(data), 3))
