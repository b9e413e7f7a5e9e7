"""Charts of the Activities page and the campaign review report. Builders take frames from
:mod:`opsdash.metrics.activities` and already-translated titles, and return Altair charts
styled by :mod:`opsdash.charts.theme`."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd

from opsdash.charts import theme


def _dated(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        frame[column] = pd.to_datetime(frame[column])
    return frame


def timeline_chart(
    metric: pd.DataFrame,
    bars: pd.DataFrame,
    *,
    title: str,
    metric_title: str,
) -> alt.LayerChart:
    """The daily goal metric (``metric``: date, value) as a line, with each campaign of
    ``bars`` (name, bar_start, bar_end, status) as a shaded band from its first to the end
    of its last day, so a lift inside a band is visible."""
    line_data = _dated(metric, "date")
    band_data = bars.copy()
    band_data["band_end"] = [d + dt.timedelta(days=1) for d in band_data["bar_end"]]
    band_data = _dated(band_data, "bar_start", "bar_end", "band_end")
    names = band_data["name"].astype(str).tolist()
    bands = (
        alt.Chart(band_data)
        .mark_rect(opacity=0.18)
        .encode(
            x=alt.X("bar_start:T", axis=theme.date_axis(None)),
            x2="band_end:T",
            color=alt.Color("name:N", scale=theme.categorical_scale(names), title=None),
            tooltip=[
                alt.Tooltip("name:N"),
                alt.Tooltip("status:N"),
                theme.date_tooltip("bar_start"),
                theme.date_tooltip("bar_end"),
            ],
        )
    )
    line = (
        alt.Chart(line_data)
        .mark_line(color="#0f172a")
        .encode(
            x=alt.X("date:T", axis=theme.date_axis(None)),
            y=alt.Y("value:Q", title=metric_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[theme.date_tooltip("date"), theme.number_tooltip("value", metric_title)],
        )
    )
    return theme.finish(alt.layer(bands, line), title=title)


def review_chart(
    series: pd.DataFrame, *, title: str, metric_title: str, part_labels: dict[str, str]
) -> alt.Chart:
    """Daily goal metric bars coloured by part of the review (campaign, previous baseline,
    same-weekday baseline, other days); ``part_labels`` translates the parts."""
    data = _dated(series, "date")
    data["part_label"] = data["part"].map(lambda part: part_labels.get(part, part))
    order = ["campaign", "previous", "same_weekdays", "other"]
    domain = [part_labels.get(part, part) for part in order]
    colours = [theme.PRIMARY, theme.SECONDARY, theme.CATEGORICAL[5], theme.MUTED]
    chart = (
        alt.Chart(data)
        .mark_bar(width={"band": 0.85})
        .encode(
            x=alt.X("yearmonthdate(date):T", title=None, axis=theme.date_axis(None)),
            y=alt.Y("value:Q", title=metric_title, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color(
                "part_label:N", scale=alt.Scale(domain=domain, range=colours), title=None
            ),
            tooltip=[
                theme.date_tooltip("date"),
                alt.Tooltip("part_label:N", title=""),
                theme.number_tooltip("value", metric_title),
            ],
        )
    )
    return theme.finish(chart, title=title)


def retention_chart(frame: pd.DataFrame, *, title: str) -> alt.Chart:
    """Grouped bars: retention rate (``rate``, 0..1) per ``label`` (D1, D7) and ``cohort``
    (users acquired during vs outside the campaign)."""
    data = frame.copy()
    data["rate"] = pd.to_numeric(data["rate"], errors="coerce").astype(float)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("label:N", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("cohort:N", sort=list(dict.fromkeys(data["cohort"]))),
            y=alt.Y("rate:Q", title=None, axis=alt.Axis(format=theme.PERCENT)),
            color=alt.Color(
                "cohort:N",
                scale=theme.categorical_scale(list(dict.fromkeys(data["cohort"]))),
                sort=list(dict.fromkeys(data["cohort"])),
                title=None,
            ),
            tooltip=[
                alt.Tooltip("label:N"),
                alt.Tooltip("cohort:N"),
                theme.number_tooltip("rate", "%", fmt=theme.PERCENT),
                alt.Tooltip("users:Q"),
            ],
        )
    )
    return theme.finish(chart, title=title, height=280)


def compare_bars(
    frame: pd.DataFrame, *, metric: str, title: str, metric_title: str, fmt: str = theme.NUMBER
) -> alt.Chart:
    """One bar per campaign (``label``) of ``metric`` (missing values are left out)."""
    data = frame[["label", metric]].copy()
    data[metric] = pd.to_numeric(data[metric], errors="coerce").astype(float)
    data = data.dropna()
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, sort=None),
            x=alt.X(f"{metric}:Q", title=metric_title, axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "label:N", scale=theme.categorical_scale(frame["label"].tolist()), legend=None
            ),
            tooltip=[alt.Tooltip("label:N"), theme.number_tooltip(metric, metric_title, fmt=fmt)],
        )
    )
    # Streamlit fits the whole chart (title and axes included) into the height
    return theme.finish(chart, title=title, height=110 + 34 * len(data))


def campaign_days_chart(
    frame: pd.DataFrame, *, metric: str, title: str, x_title: str, metric_title: str
) -> alt.Chart:
    """Lines of ``metric`` by day since each campaign's start, one line per campaign
    (``label``), to compare campaigns of different dates."""
    data = frame[frame["day"].notna()].copy()
    data["day"] = data["day"].astype(int)
    data[metric] = pd.to_numeric(data[metric], errors="coerce").astype(float)
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("day:Q", title=x_title, axis=alt.Axis(format="d")),
            y=alt.Y(f"{metric}:Q", title=metric_title, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color("label:N", scale=theme.categorical_scale(), title=None),
            tooltip=[
                alt.Tooltip("label:N"),
                alt.Tooltip("day:Q", title=x_title),
                theme.number_tooltip(metric, metric_title, fmt=theme.DECIMAL),
            ],
        )
    )
    return theme.finish(chart, title=title)
