"""The Paths page's interval histogram: users per time bucket from event A to the next B."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def interval_histogram(
    frame: pd.DataFrame, *, title: str, users_title: str, share_title: str
) -> alt.Chart:
    """Bars: ``users`` per bucket (``label``, in bucket order) of
    :func:`opsdash.metrics.intervals.intervals`."""
    chart = (
        alt.Chart(frame)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            x=alt.X("label:N", title=None, sort=list(frame["label"]), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("users:Q", title=users_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[
                alt.Tooltip("label:N", title=None),
                theme.number_tooltip("users", users_title),
                alt.Tooltip("share:Q", title=share_title, format=theme.PERCENT),
            ],
        )
    )
    return theme.finish(chart, title=title, height=220)
