"""The brief block at the top of the Overview: anomalies first, each with its drivers and a
sparkline with the expected band, then the other metrics in one line each."""

from __future__ import annotations

import streamlit as st

from opsdash.brief.report import Brief
from opsdash.brief.text import driver_text, format_signed_percent, format_value, metric_line
from opsdash.charts import brief as charts
from opsdash.formatting import escape_markdown
from opsdash.ui.components import chart
from opsdash.ui.context import PageContext


def render_brief(ctx: PageContext, brief: Brief) -> None:
    t = ctx.t
    symbol = ctx.settings.currency_symbol
    st.header(t("brief.title", date=brief.day.isoformat()), help=t("brief.help"))
    if not brief.metrics:
        st.caption(t("brief.empty"))
        return
    anomalies = brief.anomalies
    if not anomalies:
        st.success(t("brief.none"), icon=":material/check_circle:")
    labels = {name: t(f"brief.chart.{name}") for name in ("value", "expected", "low", "high")}
    for item in anomalies:
        j = item.judgement
        with st.container(border=True):
            text, spark = st.columns([3, 2])
            with text:
                mark = ":red[▼]" if j.direction == "down" else ":orange[▲]"
                st.markdown(
                    f"{mark} **{escape_markdown(metric_line(item, ctx.language, symbol=symbol))}**"
                )
                st.caption(
                    t(
                        "brief.line.band",
                        low=format_value(item.kind, j.low, language=ctx.language, symbol=symbol),
                        high=format_value(item.kind, j.high, language=ctx.language, symbol=symbol),
                        score="–" if j.score is None else f"{j.score:+.1f}",
                    )
                    + " · "
                    + t(f"brief.direction.{j.direction}")
                )
                lines = [
                    f"- {escape_markdown(driver_text(d, j.direction, ctx.language))}"
                    for d in item.drivers
                ]
                if item.effects:
                    lines.append(
                        "- "
                        + t(
                            "brief.effects",
                            mix=format_signed_percent(item.effects["mix"]).lstrip("+"),
                            rate=format_signed_percent(item.effects["rate"]).lstrip("+"),
                        )
                    )
                if lines:
                    st.markdown("\n".join(lines), help=t("brief.drivers.help"))
            with spark:
                chart(
                    charts.band_sparkline(
                        item.history,
                        kind=item.kind,
                        title=t(f"brief.metric.{item.metric}"),
                        labels=labels,
                    ),
                    key=f"brief_spark_{item.metric}",
                )
    others = [item for item in brief.metrics if not item.judgement.anomaly]
    if others:
        with st.expander(t("brief.others"), expanded=not anomalies):
            st.markdown(
                "\n".join(
                    f"- {escape_markdown(metric_line(item, ctx.language, symbol=symbol))}"
                    for item in others
                ),
                help=t("brief.help"),
            )
