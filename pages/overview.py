"""Overview (概览): key numbers with change vs the previous period, trends, targets."""

import pandas as pd
import streamlit as st

from opsdash.brief import report as brief_report
from opsdash.charts import overview as charts
from opsdash.charts import theme
from opsdash.errors import UserError
from opsdash.formatting import format_money, format_number, format_percent
from opsdash.metrics import overview as metrics
from opsdash.ui.alerts import alerts_settings
from opsdash.ui.annotations import annotation_editor
from opsdash.ui.auth import allowed, require
from opsdash.ui.brief import render_brief
from opsdash.ui.components import Kpi, chart, download_csv, kpi_row, require_data, table
from opsdash.ui.context import page_context
from opsdash.ui.savedviews import pinned_section as pinned_views

ctx = page_context()
t = ctx.t
filters = ctx.filters
st.title(t("overview.title"))
pinned_views(ctx)  # the user's and the team's pinned saved views
require_data(ctx)


def label(key: str) -> str:
    return t(f"overview.metric.{key}")


def formatted(kind: str, value: float | None) -> str:
    if kind == "percent":
        return format_percent(value)
    if kind == "money":
        return format_money(value, symbol=ctx.currency_symbol)
    return format_number(value, decimals=1 if isinstance(value, float) and value < 100 else 0)


# ------------------------------------------------------------------ key numbers
ctx.prefetch(  # computed in parallel while the page draws
    [
        (metrics.overview_metrics, {"filters": filters}),
        (metrics.trend_series, {"filters": filters}),
        (metrics.target_progress, {"filters": filters}),
        (brief_report.build_brief, {"filters": filters}),
    ]
)
# the morning brief (晨报) of the range's last day: anomalies with drivers first
render_brief(ctx, ctx.cached(brief_report.build_brief, filters=filters))
st.header(t("overview.section.key_numbers"))
key_metrics = ctx.cached(metrics.overview_metrics, filters=filters)
previous = filters.previous()
if filters.compare:
    st.caption(t("overview.compared", start=previous.start, end=previous.end))
kpi_row(
    ctx,
    [
        Kpi(
            label(item.key),
            item.value,
            item.previous,
            kind=item.kind,
            help=t(f"overview.metric.{item.key}.help"),
            decimals=1 if item.key == "dau_average" else None,
        )
        for item in key_metrics
    ],
)
download_csv(
    ctx,
    pd.DataFrame(
        [
            {
                "metric": item.key,
                "value": item.value,
                "previous": item.previous,
                "change": item.change,
            }
            for item in key_metrics
        ]
    ),
    file_name="overview.csv",
    key="overview_csv",
)

# ------------------------------------------------------------------ trends
st.header(t("overview.section.trends"))
trend = ctx.cached(metrics.trend_series, filters=filters)
columns = st.columns(4)
for column, (field, fmt) in zip(
    columns,
    [
        ("new_users", theme.NUMBER),
        ("dau", theme.NUMBER),
        ("revenue", theme.MONEY),
        ("content_views", theme.COMPACT),
    ],
    strict=True,
):
    with column:
        chart(
            charts.sparkline(
                trend,
                field=field,
                title=t(f"overview.trend.{field}"),
                fmt=fmt,
            ),
            key=f"overview_trend_{field}",
        )
download_csv(ctx, trend, file_name="overview_trend.csv", key="overview_trend_csv")
# ------------------------------------------------------------------ targets
st.header(t("overview.section.targets"))
month = filters.end.strftime("%Y-%m")
progress = ctx.cached(metrics.target_progress, filters=filters)
if not progress:
    st.caption(t("overview.targets.none", month=month))
else:
    st.caption(t("overview.targets.help", month=month, through=progress[0].through))
    rows = pd.DataFrame(
        {
            "label": [label(row.metric) for row in progress],
            "metric": [row.metric for row in progress],
            "target": [formatted(row.kind, row.target) for row in progress],
            "actual": [formatted(row.kind, row.actual) for row in progress],
            "progress": [row.progress for row in progress],
            "pace": [row.pace for row in progress],
        }
    )
    drawable = rows.dropna(subset=["progress"])
    if not drawable.empty:
        chart(
            charts.target_progress_bars(drawable, title=t("overview.targets.chart")),
            key="overview_targets_chart",
        )
    shown = rows.drop(columns=["metric"]).assign(
        progress=[format_percent(v) for v in rows["progress"]],
        pace=[format_percent(v) for v in rows["pace"]],
    )
    table(
        shown.rename(
            columns={
                "label": t("overview.targets.col.metric"),
                "target": t("overview.targets.col.target"),
                "actual": t("overview.targets.col.actual"),
                "progress": t("overview.targets.col.progress"),
                "pace": t("overview.targets.col.pace"),
            }
        )
    )
    download_csv(
        ctx,
        pd.DataFrame([row.__dict__ for row in progress]),
        file_name="targets.csv",
        key="overview_targets_csv",
    )

with st.expander(t("overview.targets.edit"), icon=":material/flag:"):
    if not allowed("set_targets"):
        st.caption(t("overview.targets.viewer"))
    else:
        with st.form("overview_target_form"):
            metric = st.selectbox(
                t("overview.targets.metric"), list(metrics.KEY_METRICS), format_func=label
            )
            target_month = st.text_input(t("overview.targets.month"), value=month, max_chars=7)
            value = st.number_input(
                t("overview.targets.value"),
                min_value=0.0,
                value=0.0,
                step=1.0,
                format="%.4f",
                help=t("overview.targets.value.help"),
            )
            remove = st.checkbox(t("overview.targets.delete"))
            submitted = st.form_submit_button(t("overview.targets.save"))
        if submitted:
            require("set_targets", language=ctx.language)  # refused inside the page as well
            try:
                if remove:
                    found = metrics.delete_target(
                        ctx.engine, metric=metric, month=target_month.strip()
                    )
                    message = "overview.targets.deleted" if found else "overview.targets.not_found"
                    st.toast(t(message))
                else:
                    metrics.set_target(
                        ctx.engine,
                        metric=metric,
                        month=target_month.strip(),
                        value=value,
                        set_by=ctx.username,
                    )
                    st.toast(t("overview.targets.saved"))
                st.rerun()
            except UserError as error:
                st.error(t("overview.targets.error", detail=ctx.error_text(error)))

# ------------------------------------------------------------------ annotations (时间标注)
annotation_editor(ctx, key="overview")

# ------------------------------------------------------------------ alerts and push (告警与推送)
alerts_settings(ctx, key="overview_alerts")
