"""The brief block at the top of the Overview: anomalies first, each with its drivers and a
sparkline with the expected band, then the other metrics in one line each."""

from __future__ import annotations

import streamlit as st

from opsdash.brief.funnel import key_funnel, set_key_funnel
from opsdash.brief.report import Brief
from opsdash.brief.text import driver_text, format_signed_percent, format_value, metric_line
from opsdash.charts import brief as charts
from opsdash.errors import UserError
from opsdash.formatting import escape_markdown
from opsdash.ui.auth import allowed, require
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


def key_funnel_control(ctx: PageContext, steps: list[str], *, key: str) -> None:
    """Under the Users page's funnel: the brief's key funnel (:mod:`opsdash.brief.funnel`)
    and, for editors and admins, a button saving ``steps`` as the key funnel."""
    t = ctx.t
    current = key_funnel(ctx.engine)
    text, button = st.columns([4, 1], vertical_alignment="center")
    if current:
        shown = " → ".join(escape_markdown(step) for step in current)  # event names are data
        text.caption(t("brief.funnel.current", steps=shown), help=t("brief.funnel.help"))
    else:
        text.caption(t("brief.funnel.none"), help=t("brief.funnel.help"))
    if not allowed("set_targets"):  # editors and admins, like targets
        return
    if button.button(
        t("brief.funnel.use"),
        key=key,
        disabled=len(steps) < 2 or tuple(steps) == current,
        icon=":material/wb_sunny:",
    ):
        require("set_targets", language=ctx.language)
        try:
            set_key_funnel(ctx.engine, steps)
        except UserError as error:
            st.error(ctx.error_text(error))
        else:
            st.toast(t("brief.funnel.saved"))
            st.rerun()
