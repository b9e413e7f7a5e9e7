"""Charts of the A/B test page: DataFrame in, ``alt.Chart`` out (colours from the theme)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def interval_chart(
    frame: pd.DataFrame,
    *,
    title: str,
    axis_title: str,
    percent: bool = True,
) -> alt.LayerChart:
    """Each variant's difference to the control (point) with its confidence interval (bar),
    and a reference line at 0. ``frame``: variant, diff, low, high (rates as 0..1 when
    ``percent``)."""
    fmt = ".2%" if percent else theme.DECIMAL
    domain = frame["variant"].tolist()
    base = alt.Chart(frame).encode(
        y=alt.Y("variant:N", title=None, sort=domain),
        tooltip=[
            alt.Tooltip("variant:N", title=" "),
            alt.Tooltip("diff:Q", title=axis_title, format=fmt),
            alt.Tooltip("low:Q", format=fmt),  # named by theme.localise
            alt.Tooltip("high:Q", format=fmt),
        ],
    )
    bars = base.mark_rule(strokeWidth=4, color=theme.PRIMARY).encode(
        x=alt.X("low:Q", title=axis_title, axis=alt.Axis(format=fmt)),
        x2="high:Q",
    )
    points = base.mark_point(filled=True, size=90, color=theme.SECONDARY).encode(x="diff:Q")
    zero = (
        alt.Chart(pd.DataFrame({"zero": [0.0]}))
        .mark_rule(color=theme.MUTED, strokeDash=[4, 4])
        .encode(x="zero:Q")
    )
    height = max(theme.SMALL_HEIGHT, 60 * len(frame))
    return theme.finish(alt.layer(zero, bars, points), title=title, height=height)


def posterior_chart(rows: list[dict] | pd.DataFrame, *, title: str, axis_title: str) -> alt.Chart:
    """Posterior density of each variant's conversion rate. ``rows``: variant, rate, density
    (as :func:`opsdash.abtest.bayesian.posterior_grid` returns)."""
    frame = pd.DataFrame(rows)
    domain = list(dict.fromkeys(frame["variant"])) if not frame.empty else []
    chart = (
        alt.Chart(frame)
        .mark_area(opacity=0.35, line=True)
        .encode(
            x=alt.X("rate:Q", title=axis_title, axis=alt.Axis(format=".1%")),
            y=alt.Y(
                "density:Q", title=None, stack=None, axis=alt.Axis(labels=False, ticks=False)
            ),  # overlaid, never stacked: each curve is one variant's own density
            color=alt.Color("variant:N", title=None, scale=theme.categorical_scale(domain)),
            tooltip=[
                alt.Tooltip("variant:N", title=" "),
                alt.Tooltip("rate:Q", title=axis_title, format=".2%"),
            ],
        )
    )
    return theme.finish(chart, title=title)


def sequential_chart(
    frame: pd.DataFrame, *, title: str, axis_title: str, alpha: float
) -> alt.LayerChart:
    """Always-valid p-value after each day, per variant, with a line at alpha. ``frame``:
    day, variant, p_value."""
    domain = list(dict.fromkeys(frame["variant"])) if not frame.empty else []
    lines = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("day:T", title=None, axis=theme.date_axis()),
            y=alt.Y("p_value:Q", title=axis_title, scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("variant:N", title=None, scale=theme.categorical_scale(domain)),
            tooltip=[
                theme.date_tooltip("day"),
                alt.Tooltip("variant:N", title=" "),
                alt.Tooltip("p_value:Q", title=axis_title, format=".4f"),
            ],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"alpha": [alpha]}))
        .mark_rule(color=theme.NEGATIVE, strokeDash=[4, 4])
        .encode(y="alpha:Q")
    )
    return theme.finish(alt.layer(lines, rule), title=title)
