"""Charts of the feature-adoption section (:mod:`opsdash.metrics.adoption`). Titles come
translated; colours and formats from :mod:`opsdash.charts.theme`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def adoption_daily(
    frame: pd.DataFrame, *, title: str, adopters_title: str, rate_title: str
) -> alt.Chart:
    """Bars: ``new_adopters`` per ``day``; line (right axis): cumulative ``adoption_rate``."""
    base = alt.Chart(frame).encode(x=alt.X("day:T", axis=theme.date_axis(None)))
    tooltip = [
        theme.date_tooltip("day"),
        theme.number_tooltip("new_adopters", adopters_title),
        alt.Tooltip("adoption_rate:Q", title=rate_title, format=theme.PERCENT),
    ]
    bars = base.mark_bar(color=theme.MUTED).encode(
        y=alt.Y("new_adopters:Q", title=adopters_title, axis=alt.Axis(format=theme.NUMBER)),
        tooltip=tooltip,
    )
    line = base.mark_line(color=theme.PRIMARY, point=True).encode(
        y=alt.Y(
            "adoption_rate:Q",
            title=rate_title,
            axis=alt.Axis(format=".0%", orient="right"),
        ),
        tooltip=tooltip,
    )
    return theme.finish(alt.layer(bars, line).resolve_scale(y="independent"), title=title)


def adoption_retention(
    frame: pd.DataFrame,
    *,
    title: str,
    day_title: str,
    rate_title: str,
    group_title: str,
    groups: dict[str, str],
) -> alt.Chart:
    """Grouped bars: adopters' and matched non-adopters' day-N retention (``day_n``,
    ``adopter_rate``, ``non_adopter_rate``); ``groups`` names the two (keys ``adopters``,
    ``non_adopters``). Days no adopter has reached are left out."""
    long = pd.concat(
        [
            pd.DataFrame({"day_n": frame["day_n"], "group": groups[key], "rate": frame[column]})
            for key, column in (("adopters", "adopter_rate"), ("non_adopters", "non_adopter_rate"))
        ],
        ignore_index=True,
    ).dropna(subset=["rate"])
    long["rate"] = long["rate"].astype(float)
    order = [groups["adopters"], groups["non_adopters"]]
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("day_n:O", title=day_title, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("group:N", sort=order),
            y=alt.Y("rate:Q", title=rate_title, axis=alt.Axis(format=".0%")),
            color=alt.Color(
                "group:N",
                title=None,
                sort=order,
                scale=alt.Scale(domain=order, range=[theme.PRIMARY, theme.MUTED]),
            ),
            tooltip=[
                alt.Tooltip("day_n:O", title=day_title),
                alt.Tooltip("group:N", title=group_title),
                alt.Tooltip("rate:Q", title=rate_title, format=theme.PERCENT),
            ],
        )
    )
    return theme.finish(chart, title=title, height=220)
