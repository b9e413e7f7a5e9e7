"""The Users page's stickiness distribution: bars of users by exact active days."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def stickiness_bars(
    frame: pd.DataFrame, *, title: str, days_title: str, users_title: str, share_title: str
) -> alt.Chart:
    """Bars: ``users`` per number of active ``days`` (one window of
    :func:`opsdash.metrics.stickiness.stickiness_distribution`)."""
    chart = (
        alt.Chart(frame)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            x=alt.X("days:O", title=days_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("users:Q", title=users_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[
                alt.Tooltip("days:O", title=days_title),
                theme.number_tooltip("users", users_title),
                alt.Tooltip("share:Q", title=share_title, format=theme.PERCENT),
            ],
        )
    )
    return theme.finish(chart, title=title, height=220)
