"""Charts of the Content page. Builders take frames from :mod:`opsdash.metrics.content` and
already-translated titles, and return Altair charts styled by :mod:`opsdash.charts.theme`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def _dated(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = frame.copy()
    frame[column] = pd.to_datetime(frame[column])
    return frame


def _numeric(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame = frame.copy()
    frame[column] = pd.to_numeric(frame[column], errors="coerce").astype(float)
    return frame


def metric_trend(
    frame: pd.DataFrame, *, metric: str, title: str, y_title: str, percent: bool = False
) -> alt.Chart:
    """A line of ``metric`` by ``period_start`` (a content series)."""
    data = _numeric(_dated(frame[["period_start", metric]], "period_start"), metric)
    fmt = theme.PERCENT if percent else theme.NUMBER
    chart = (
        alt.Chart(data)
        .mark_line(point=len(data) <= 40, color=theme.PRIMARY)
        .encode(
            x=alt.X("period_start:T", axis=theme.date_axis(None)),
            y=alt.Y(f"{metric}:Q", title=y_title, axis=alt.Axis(format=fmt)),
            tooltip=[
                theme.date_tooltip("period_start"),
                theme.number_tooltip(metric, y_title, fmt=fmt),
            ],
        )
    )
    return theme.finish(chart, title=title)


def breakdown_bars(
    frame: pd.DataFrame,
    *,
    by: str,
    value: str,
    title: str,
    value_title: str,
    none_label: str,
    percent: bool = False,
    top: int = 15,
) -> alt.Chart:
    """Horizontal bars of ``value`` per ``by`` value (the ``top`` largest; missing values are
    labelled ``none_label``)."""
    data = frame[[by, value]].copy()
    data[by] = data[by].map(lambda v: none_label if v is None or v != v else str(v))
    data = _numeric(data, value).sort_values(value, ascending=False).head(top)
    fmt = theme.PERCENT if percent else theme.NUMBER
    chart = (
        alt.Chart(data)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            y=alt.Y(f"{by}:N", sort="-x", title=None),
            x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(format=fmt)),
            tooltip=[alt.Tooltip(f"{by}:N"), theme.number_tooltip(value, value_title, fmt=fmt)],
        )
    )
    # Streamlit fits the whole chart (title and axes included) into the height
    return theme.finish(chart, title=title, height=110 + 28 * len(data))


def decay_lines(
    frame: pd.DataFrame, *, title: str, x_title: str, y_title: str, none_label: str
) -> alt.Chart:
    """Average views by days since publishing, one line per format."""
    data = frame.copy()
    data["format"] = data["format"].map(lambda v: none_label if v is None or v != v else v)
    data = _numeric(data, "average_views")
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("day:Q", title=x_title, axis=alt.Axis(format="d")),
            y=alt.Y("average_views:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color("format:N", scale=theme.categorical_scale(), title=None),
            tooltip=[
                alt.Tooltip("format:N"),
                alt.Tooltip("day:Q", title=x_title),
                theme.number_tooltip("average_views", y_title, fmt=theme.DECIMAL),
                alt.Tooltip("items:Q"),
            ],
        )
    )
    return theme.finish(chart, title=title)


def cadence_chart(
    frame: pd.DataFrame, *, title: str, items_title: str, views_title: str
) -> alt.LayerChart:
    """Bars: items published per week (left axis); line: total views that week (right axis).
    Weeks are labelled by their Monday."""
    data = frame.copy()
    data["week"] = [str(day) for day in data["week_start"]]
    base = alt.Chart(data).encode(
        x=alt.X("week:O", title=None, axis=alt.Axis(labelAngle=-45, labelOverlap=True))
    )
    tooltip = [
        alt.Tooltip("week:O"),
        theme.number_tooltip("items_published", items_title),
        theme.number_tooltip("views", views_title),
    ]
    bars = base.mark_bar(color=theme.MUTED, opacity=0.7).encode(
        y=alt.Y("items_published:Q", title=items_title, axis=alt.Axis(format="d")),
        tooltip=tooltip,
    )
    line = base.mark_line(point=True, color=theme.PRIMARY).encode(
        y=alt.Y("views:Q", title=views_title, axis=alt.Axis(format=theme.COMPACT)),
        tooltip=tooltip,
    )
    return theme.finish(alt.layer(bars, line).resolve_scale(y="independent"), title=title)


def content_curve_chart(
    frame: pd.DataFrame, *, title: str, x_title: str, views_title: str, total_title: str
) -> alt.LayerChart:
    """One item's views per stats row (bars) and running total (line) by days since
    publishing (by date when the publishing day is unknown)."""
    data = frame.copy()
    if data["days_since_publishing"].isna().any():
        data = _dated(data, "date")
        x = alt.X("date:T", axis=theme.date_axis(None))
        bars_x = {"x": x}
    else:
        data["days_since_publishing"] = data["days_since_publishing"].astype(int)
        data["day_end"] = data["days_since_publishing"] + 1
        x = alt.X("days_since_publishing:Q", title=x_title, axis=alt.Axis(format="d"))
        # each day a bar one day wide
        bars_x = {"x": x, "x2": "day_end:Q"}
    tooltip = [
        alt.Tooltip("days_since_publishing:Q", title=x_title),
        theme.number_tooltip("views", views_title),
        theme.number_tooltip("cumulative_views", total_title),
    ]
    bars = (
        alt.Chart(data)
        .mark_bar(color=theme.PRIMARY, opacity=0.8, binSpacing=1)
        .encode(
            **bars_x,
            y=alt.Y("views:Q", title=views_title, axis=alt.Axis(format=theme.COMPACT)),
            tooltip=tooltip,
        )
    )
    line = (
        alt.Chart(data)
        .mark_line(color=theme.SECONDARY, interpolate="step-after")
        .encode(
            x=x,
            y=alt.Y("cumulative_views:Q", title=total_title, axis=alt.Axis(format=theme.COMPACT)),
            tooltip=tooltip,
        )
    )
    return theme.finish(alt.layer(bars, line).resolve_scale(y="independent"), title=title)
