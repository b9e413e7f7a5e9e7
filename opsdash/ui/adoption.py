"""The feature-adoption section (新功能冷启动) of the Users page: pick the feature's event and
its launch day, see adopters, cumulative adoption, retention after first use against
matched non-adopters, and the feature's users by channel and platform."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from opsdash.charts import adoption as charts
from opsdash.errors import UserError
from opsdash.formatting import format_percent
from opsdash.metrics.adoption import adoption
from opsdash.ui.components import Kpi, chart, download_csv, kpi_row, table
from opsdash.ui.context import PageContext


def _percent(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    shown = frame.copy()
    for name in columns:
        shown[name] = [format_percent(None if pd.isna(v) else float(v)) for v in shown[name]]
    return shown


def adoption_section(ctx: PageContext, *, names: list[str], key: str = "adoption") -> None:
    """The section: nothing is computed until an event is chosen."""
    t = ctx.t
    st.header(t("adoption.section"), help=t("adoption.help"))
    c1, c2, c3 = st.columns([2, 1, 1])
    event = c1.selectbox(
        t("adoption.event"), names, index=None, placeholder="–", key=f"{key}_event"
    )
    mode = c2.selectbox(
        t("adoption.launch_mode"),
        ("first", "date"),
        format_func=lambda v: t(f"adoption.launch_mode.{v}"),
        key=f"{key}_launch_mode",
    )
    launch = None
    if mode == "date":
        launch = c3.date_input(
            t("adoption.launch"), value=ctx.filters.start, key=f"{key}_launch", format="YYYY-MM-DD"
        )
    if not event:
        return
    try:
        result = ctx.cached(adoption, filters=ctx.filters, event=event, launch=launch)
    except UserError as error:
        st.warning(ctx.error_text(error))
        return
    how = t("adoption.launched.given" if result.launch_given else "adoption.launched.first")
    st.caption(t("adoption.launched", launch=result.launch, how=how, end=result.end))
    kpi_row(
        ctx,
        [
            Kpi(t("adoption.adopters"), result.adopters),
            Kpi(t("adoption.active_users"), result.active_users),
            Kpi(t("adoption.rate"), result.adoption_rate, kind="percent"),
        ],
    )
    if not result.adopters:
        st.info(t("adoption.none"))
        return
    chart(
        charts.adoption_daily(
            result.daily,
            title=t("adoption.daily_chart"),
            adopters_title=t("adoption.col.new_adopters"),
            rate_title=t("adoption.col.adoption_rate"),
        ),
        key=f"{key}_daily_chart",
    )
    download_csv(ctx, result.daily, file_name=f"adoption_{event}_daily.csv", key=f"{key}_daily")
    st.subheader(t("adoption.retention"))
    groups = {g: t(f"adoption.group.{g}") for g in ("adopters", "non_adopters")}
    chart(
        charts.adoption_retention(
            result.retention,
            title=t("adoption.retention_chart"),
            day_title=t("adoption.col.day_n"),
            rate_title=t("adoption.col.rate"),
            group_title=t("adoption.col.group"),
            groups=groups,
        ),
        key=f"{key}_retention_chart",
    )
    rates = ["adopter_rate", "non_adopter_rate", "difference"]
    table(_percent(result.retention, rates).rename(columns=lambda c: t(f"adoption.col.{c}")))
    download_csv(
        ctx, result.retention, file_name=f"adoption_{event}_retention.csv", key=f"{key}_ret"
    )
    st.subheader(t("adoption.by_segment"))
    shown = result.by_segment.assign(
        dimension=[t(f"adoption.dimension.{d}") for d in result.by_segment["dimension"]],
        value=[t("users.unknown") if v == "(unknown)" else v for v in result.by_segment["value"]],
    )
    labels = {c: t(f"adoption.col.{c}") for c in shown.columns}
    labels["adoption_rate"] = t("adoption.col.adoption_rate")
    table(_percent(shown, ["adoption_rate", "share"]).rename(columns=labels))
    download_csv(
        ctx, result.by_segment, file_name=f"adoption_{event}_by_segment.csv", key=f"{key}_seg"
    )
