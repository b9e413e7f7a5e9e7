"""Charts of the Users page. Every builder takes already-translated titles and returns an
``alt.Chart``; colours and formats come from :mod:`opsdash.charts.theme`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def new_users_by_channel(frame: pd.DataFrame, *, title: str, y_title: str) -> alt.Chart:
    """Stacked bars: new users per period (``period``) by ``channel``."""
    base = alt.Chart(frame).mark_bar()
    chart = base.encode(
        x=alt.X("period:T", axis=theme.date_axis(None)),
        y=alt.Y("new_users:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
        color=alt.Color("channel:N", scale=theme.categorical_scale(), title=None),
        tooltip=[
            theme.date_tooltip("period"),
            alt.Tooltip("channel:N"),
            theme.number_tooltip("new_users", y_title),
        ],
    )
    return theme.finish(chart, title=title)


def channel_share(frame: pd.DataFrame, *, title: str) -> alt.Chart:
    """Donut: each channel's share of the new users in ``frame`` (``channel``, ``new_users``)."""
    totals = frame.groupby("channel", as_index=False)["new_users"].sum()
    total = totals["new_users"].sum()
    totals["share"] = totals["new_users"] / total if total else 0.0
    chart = (
        alt.Chart(totals)
        .mark_arc(innerRadius=60)
        .encode(
            theta=alt.Theta("new_users:Q"),
            color=alt.Color("channel:N", scale=theme.categorical_scale(), title=None),
            tooltip=[
                alt.Tooltip("channel:N"),
                theme.number_tooltip("new_users", "n"),
                theme.number_tooltip("share", "%", fmt=theme.PERCENT),
            ],
        )
    )
    return theme.finish(chart, title=title)


def channel_visitors(frame: pd.DataFrame, *, title: str, x_title: str) -> alt.Chart:
    """Horizontal bars: visitors per channel (``channel``, ``visitors``), largest first, with
    the paying conversion rate (``conversion_rate``, 0..1 or missing) in the tooltip."""
    shown = frame.dropna(subset=["visitors"])
    chart = (
        alt.Chart(shown)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            y=alt.Y("channel:N", sort="-x", title=None),
            x=alt.X("visitors:Q", title=x_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[
                alt.Tooltip("channel:N"),
                theme.number_tooltip("visitors", x_title),
                theme.number_tooltip("conversion_rate", "%", fmt=theme.PERCENT),
            ],
        )
    )
    return theme.finish(chart, title=title, height=max(120, 28 * len(shown)))


def active_users_line(
    frame: pd.DataFrame, *, x: str, y: str, title: str, y_title: str
) -> alt.Chart:
    """A line of active users over time (DAU by day, or active users by period)."""
    chart = (
        alt.Chart(frame)
        .mark_line(point=len(frame) <= 40, color=theme.PRIMARY)
        .encode(
            x=alt.X(f"{x}:T", axis=theme.date_axis(None)),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[theme.date_tooltip(x), theme.number_tooltip(y, y_title)],
        )
    )
    return theme.finish(chart, title=title)


def retention_long(counts: pd.DataFrame, sizes: pd.Series) -> pd.DataFrame:
    """A retention table as long rows: cohort, period, users, share (unreached cells dropped)."""
    rows = []
    for cohort in counts.index:
        for n in counts.columns:
            value = counts.loc[cohort, n]
            if pd.notna(value):
                size = int(sizes[cohort])
                rows.append(
                    {
                        "cohort": cohort.isoformat(),
                        "period": int(n),
                        "users": int(value),
                        "share": value / size if size else None,
                    }
                )
    return pd.DataFrame(rows, columns=["cohort", "period", "users", "share"])


def retention_heatmap(
    long: pd.DataFrame, *, title: str, period_title: str, cohort_title: str
) -> alt.Chart:
    """Heatmap: cohorts (rows) × period number (columns), colour = share retained, text =
    the percentage. Unreached cells are absent (blank)."""
    base = alt.Chart(long).encode(
        x=alt.X("period:O", title=period_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort:O", title=cohort_title),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            "share:Q",
            scale=theme.sequential_scale(domain=(0, 1)),
            legend=alt.Legend(format=theme.PERCENT, title=None),
        ),
        tooltip=[
            alt.Tooltip("cohort:O", title=cohort_title),
            alt.Tooltip("period:O", title=period_title),
            theme.number_tooltip("users", "n"),
            theme.number_tooltip("share", "%", fmt=theme.PERCENT),
        ],
    )
    height = max(theme.DEFAULT_HEIGHT, 22 * long["cohort"].nunique() + 60)
    if long["period"].nunique() > 12:  # too narrow for numbers: colour and tooltip only
        return theme.finish(cells, title=title, height=height)
    text = base.mark_text(fontSize=10).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.condition(alt.datum.share > 0.5, alt.value("white"), alt.value("#1e293b")),
    )
    return theme.finish(alt.layer(cells, text), title=title, height=height)


def retention_curve(
    long: pd.DataFrame, average: pd.Series, *, title: str, period_title: str, average_label: str
) -> alt.Chart:
    """Retention curves: one thin grey line per cohort, and the size-weighted average in the
    primary colour."""
    mean = pd.DataFrame(
        {"period": [int(n) for n in average.index], "share": average.tolist()}
    ).dropna()
    mean["series"] = average_label
    cohorts = (
        alt.Chart(long)
        .mark_line(color=theme.MUTED, strokeWidth=1, opacity=0.5)
        .encode(
            x=alt.X("period:Q", title=period_title, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("share:Q", title=None, axis=alt.Axis(format=theme.PERCENT)),
            detail="cohort:N",
            tooltip=[
                alt.Tooltip("cohort:N"),
                theme.number_tooltip("share", "%", fmt=theme.PERCENT),
            ],
        )
    )
    line = (
        alt.Chart(mean)
        .mark_line(color=theme.PRIMARY, strokeWidth=3, point=True)
        .encode(
            x="period:Q",
            y="share:Q",
            tooltip=[
                alt.Tooltip("series:N", title=None),
                alt.Tooltip("period:Q", title=period_title),
                theme.number_tooltip("share", "%", fmt=theme.PERCENT),
            ],
        )
    )
    return theme.finish(alt.layer(cohorts, line), title=title)


LIFECYCLE_COLOURS = {
    "new": theme.PRIMARY,
    "returning": theme.POSITIVE,
    "resurrecting": theme.SECONDARY,
    "dormant": theme.NEGATIVE,
}


def lifecycle_bars(frame: pd.DataFrame, *, title: str, labels: dict[str, str]) -> alt.Chart:
    """Stacked bars per period: new, returning, resurrecting above zero, dormant below zero.
    ``labels`` maps the four status keys to their translated names."""
    long = frame.melt(id_vars="period", var_name="status", value_name="users")
    long["label"] = long["status"].map(labels)
    order = list(LIFECYCLE_COLOURS)
    long["order"] = long["status"].map(order.index)
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("period:T", axis=theme.date_axis(None)),
            y=alt.Y("users:Q", title=None, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color(
                "label:N",
                title=None,
                scale=alt.Scale(
                    domain=[labels[key] for key in order], range=list(LIFECYCLE_COLOURS.values())
                ),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                theme.date_tooltip("period"),
                alt.Tooltip("label:N", title=None),
                theme.number_tooltip("users", "n"),
            ],
        )
    )
    return theme.finish(chart, title=title)


def funnel_bars(steps: pd.DataFrame, *, title: str, users_title: str) -> alt.Chart:
    """Horizontal bars: users at each step, labelled with the conversion from step 1."""
    frame = steps.copy()
    frame["label"] = [
        f"{n}. {event}" for n, event in zip(frame["step"], frame["event"], strict=True)
    ]
    base = alt.Chart(frame).encode(
        y=alt.Y("label:N", sort=list(frame["label"]), title=None, axis=alt.Axis(labelLimit=200)),
        x=alt.X("users:Q", title=users_title, axis=alt.Axis(format=theme.NUMBER)),
    )
    bars = base.mark_bar(color=theme.PRIMARY).encode(
        tooltip=[
            alt.Tooltip("label:N", title=None),
            theme.number_tooltip("users", users_title),
            theme.number_tooltip("from_start", "%", fmt=theme.PERCENT),
        ]
    )
    text = base.mark_text(align="left", dx=4).encode(
        text=alt.Text("from_start:Q", format=theme.PERCENT)
    )
    return theme.finish(alt.layer(bars, text), title=title, height=56 * len(frame) + 60)


def funnel_breakdown(frame: pd.DataFrame, *, title: str) -> alt.Chart:
    """Grouped bars: conversion from step 1 at each step, one colour per group."""
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("step:O", title=None, axis=alt.Axis(labelAngle=0)),
            xOffset="group:N",
            y=alt.Y("from_start:Q", title=None, axis=alt.Axis(format=theme.PERCENT)),
            color=alt.Color("group:N", title=None, scale=theme.categorical_scale()),
            tooltip=[
                alt.Tooltip("group:N", title=None),
                alt.Tooltip("event:N"),
                theme.number_tooltip("users", "n"),
                theme.number_tooltip("from_start", "%", fmt=theme.PERCENT),
            ],
        )
    )
    return theme.finish(chart, title=title)


def tier_bars(frame: pd.DataFrame, *, value: str, title: str, fmt: str) -> alt.Chart:
    """Bars of one tier measure (``value``) per ``level``."""
    chart = (
        alt.Chart(frame)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            x=alt.X("level:N", title=None, sort=list(frame["level"]), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{value}:Q", title=None, axis=alt.Axis(format=fmt)),
            tooltip=[
                alt.Tooltip("level:N", title=None),
                theme.number_tooltip(value, title, fmt=fmt),
            ],
        )
    )
    return theme.finish(chart, title=title, height=220)
