"""Charts of the Feedback page: frames from :mod:`opsdash.metrics.feedback`, titles already
translated, styled by :mod:`opsdash.charts.theme`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def volume_trend(frame: pd.DataFrame, *, title: str, y_title: str) -> alt.Chart:
    """Items per period (a line)."""
    data = frame.copy()
    data["period"] = pd.to_datetime(data["period"])
    data["items"] = data["items"].astype(float)
    chart = (
        alt.Chart(data)
        .mark_line(point=len(data) <= 40, color=theme.PRIMARY)
        .encode(
            x=alt.X("period:T", axis=theme.date_axis(None)),
            y=alt.Y("items:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER, tickMinStep=1)),
            tooltip=[theme.date_tooltip("period"), theme.number_tooltip("items", y_title)],
        )
    )
    return theme.finish(chart, title=title)


def bars(frame: pd.DataFrame, *, label: str, value: str, title: str, value_title: str):
    """Horizontal bars of ``value`` per ``label`` (labels already text), in frame order."""
    data = frame[[label, value]].copy()
    data[label] = data[label].astype(str)
    data[value] = pd.to_numeric(data[value], errors="coerce").astype(float)
    chart = (
        alt.Chart(data)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            y=alt.Y(f"{label}:N", sort=None, title=None),
            x=alt.X(
                f"{value}:Q",
                title=value_title,
                axis=alt.Axis(format=theme.NUMBER, tickMinStep=1),  # counts: whole ticks
            ),
            tooltip=[alt.Tooltip(f"{label}:N"), theme.number_tooltip(value, value_title)],
        )
    )
    return theme.finish(chart, title=title, height=110 + 28 * len(data))


def theme_lines(frame: pd.DataFrame, *, title: str, y_title: str, legend: str) -> alt.Chart:
    """Items per day, one line per theme."""
    data = frame.copy()
    data["day"] = pd.to_datetime(data["day"])
    data["items"] = data["items"].astype(float)
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", axis=theme.date_axis(None)),
            y=alt.Y("items:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color("theme:N", title=legend, scale=theme.categorical_scale()),
            tooltip=[
                theme.date_tooltip("day"),
                alt.Tooltip("theme:N", title=legend),
                theme.number_tooltip("items", y_title),
            ],
        )
    )
    return theme.finish(chart, title=title)
