"""Content page (内容运营): totals, trend, top content with drill-down, breakdowns, decay and
publishing cadence. Numbers come from opsdash.metrics.content; charts from
opsdash.charts.content."""

import pandas as pd
import streamlit as st

from opsdash.charts import content as charts
from opsdash.formatting import format_number, format_percent
from opsdash.metrics import content as metrics
from opsdash.reports import content as content_report
from opsdash.reports.content import ContentSettings
from opsdash.ui.annotations import annotation_editor
from opsdash.ui.breakdown import property_breakdown
from opsdash.ui.components import Kpi, chart, download_csv, kpi_row, require_data, table
from opsdash.ui.context import page_context

ctx = page_context()
t = ctx.t
filters = ctx.filters
st.title(t("content.title"))
st.caption(t("content.caption"))
require_data(ctx)

# the page's report (opsdash.reports.content, the one `opsdash report content` prints): the
# choices made further down as this run sees them (first visit: their defaults)
state = st.session_state
settings = ContentSettings(
    period=state.get("content_trend_period", "day") or "day",
    search=state.get("content_search") or None,
    item=state.get("content_item"),
)
parts = content_report.plan(ctx.engine, filters=filters, settings=settings)
shown_by = state.get("content_breakdown_by") or "category"  # the other breakdowns: not drawn
ctx.prefetch_parts(p for k, p in parts.items() if not k.startswith("by_") or k == f"by_{shown_by}")
totals = ctx.part(parts["totals"])
series = ctx.part(parts["daily"])
if series.empty and totals.items_published == 0:
    st.info(t("content.no_stats"), icon=":material/article:")
    st.stop()
previous = ctx.part(parts["previous_totals"])
if filters.has_segment:
    st.caption(t("content.segments_note"))

METRICS = (*metrics.COUNTERS, "engagement_rate")


def label(name: str) -> str:
    return t(f"content.metric.{name}")


def help_text(name: str) -> str:
    if getattr(totals, name, 0) is None and name in metrics.COUNTERS:
        return t("common.not_in_data_help")
    if name in metrics.ENGAGEMENT_FIELDS:
        return t("content.help.interactions") + " " + t("content.snapshot_help")
    if name in ("views", "readers", "followers_gained", "engagement_rate", "items_published"):
        return t(f"content.help.{name}") + (
            " " + t("content.snapshot_help") if name == "views" else ""
        )
    return ""


kpi_row(
    ctx,
    [
        Kpi(label(name), getattr(totals, name), getattr(previous, name), help=help_text(name))
        for name in ("views", "readers", "likes", "comments")
    ]
    + [
        Kpi(label(name), getattr(totals, name), getattr(previous, name), help=help_text(name))
        for name in ("shares", "favorites", "followers_gained")
    ]
    + [
        Kpi(
            label("engagement_rate"),
            totals.engagement_rate,
            previous.engagement_rate,
            kind="percent",
            help=help_text("engagement_rate"),
            decimals=2,
        )
    ],
)
st.caption(
    f"{label('items_published')}: {totals.items_published:,} · {help_text('items_published')}"
)
absent = [name for name in metrics.COUNTERS if getattr(totals, name) is None]
if absent:
    st.caption(t("common.not_in_data_list", names=t("common.list_sep").join(map(label, absent))))


def no_values(frame: pd.DataFrame, column: str) -> bool:
    """True when ``column`` has no value at all: the measure is not in the data."""
    return frame.empty or pd.to_numeric(frame[column], errors="coerce").isna().all()


# ------------------------------------------------------------------ trend
st.subheader(t("content.section.trend"))
left, right = st.columns([3, 1])
metric = right.selectbox(
    t("content.trend.metric"), METRICS, format_func=label, key="content_trend_metric"
)
period = right.segmented_control(
    t("content.trend.period"),
    ("day", "week", "month"),
    default="day",
    format_func=lambda p: t(f"content.period.{p}"),
    key="content_trend_period",
)
trend = ctx.part(parts["trend"])
if metric == "engagement_rate":
    right.caption(t("content.help.engagement_rate"))
with left:
    if no_values(trend, metric) and not trend.empty:
        st.info(t("common.not_in_data_chart", metric=label(metric)))
    else:
        chart(
            charts.metric_trend(
                trend,
                metric=metric,
                title=label(metric),
                y_title=label(metric),
                percent=metric == "engagement_rate",
            ),
            key="content_trend_chart",
        )

# ------------------------------------------------------------------ top content
st.subheader(t("content.section.top"))
search = st.text_input(t("content.search"), key="content_search", max_chars=200)
top = ctx.part(parts["top"])
st.caption(t("content.top.caption", limit=metrics.TOP_LIMIT))
if top.empty:
    st.info(t("content.top.none"))
else:
    columns = [
        "content_id", "title", "category", "format", "author", "channel", "published_date",
        "views", "engagement_rate", "views_previous", "views_change", "likes", "comments",
        "shares", "favorites", "followers_gained",
    ]  # fmt: skip
    headers = {
        name: t(f"content.col.{name}") if name not in METRICS else label(name) for name in columns
    }
    sortable = ("views", "engagement_rate", "views_change", *metrics.COUNTERS[2:], "published_date")
    sort_by = st.selectbox(
        t("content.top.sort"), sortable, format_func=lambda n: headers[n], key="content_sort"
    )
    # largest first; a missing value ("–") last
    shown = top.sort_values(
        sort_by,
        ascending=False,
        na_position="last",
        kind="stable",
        key=lambda v: (
            pd.to_datetime(v) if sort_by == "published_date" else pd.to_numeric(v, errors="coerce")
        ),
    )
    shown = shown[columns].copy()
    shown["engagement_rate"] = shown["engagement_rate"].map(lambda v: format_percent(v, decimals=2))
    shown["views_change"] = shown["views_change"].map(format_percent)
    for name in ("views", "views_previous", *metrics.COUNTERS[2:]):
        shown[name] = shown[name].map(format_number)  # "–": not in the data
    for name in ("title", "category", "format", "author", "channel", "published_date"):
        shown[name] = shown[name].map(lambda v: "–" if v is None or v != v else str(v))
    table(
        shown.rename(columns=headers),
        column_config={
            headers["engagement_rate"]: st.column_config.Column(
                help=t("content.help.engagement_rate")
            ),
            headers["views_change"]: st.column_config.Column(help=t("content.help.views_change")),
        },
    )
    download_csv(ctx, top, file_name="top-content.csv", key="content_top_download")

    # ------------------------------------------------------------------ drill-down
    st.subheader(t("content.section.drilldown"))
    choices = dict(zip(top["content_id"], top["title"], strict=True))
    chosen = st.selectbox(
        t("content.pick_item"),
        list(choices),
        format_func=lambda cid: f"{choices[cid] or cid} ({cid})",
        key="content_item",
    )
    if chosen is not None:
        curve = ctx.part(content_report.curve_part(top, chosen))
        if curve.empty:
            st.info(t("content.curve.none"))
        elif no_values(curve, "views"):
            st.info(t("common.not_in_data_chart", metric=label("views")))
        else:
            chart(
                charts.content_curve_chart(
                    curve,
                    title=t("content.curve.title"),
                    x_title=t("content.curve.x"),
                    views_title=label("views"),
                    total_title=t("content.curve.total"),
                ),
                key="content_curve_chart",
            )

# ------------------------------------------------------------------ breakdowns
st.subheader(t("content.section.breakdown"))
by = (
    st.segmented_control(
        t("content.breakdown.by"),
        metrics.BREAKDOWNS,
        default="category",
        format_func=lambda b: t(f"content.breakdown.{b}"),
        key="content_breakdown_by",
    )
    or "category"
)
breakdown = ctx.part(parts[f"by_{by}"])
by_label = t(f"content.breakdown.{by}")
left, right = st.columns(2)
with left:
    if no_values(breakdown, "views") and not breakdown.empty:
        st.info(t("common.not_in_data_chart", metric=label("views")))
    else:
        chart(
            charts.breakdown_bars(
                breakdown,
                by=by,
                value="views",
                title=t("content.breakdown.title", by=by_label),
                value_title=label("views"),
                none_label=t("content.none_label"),
            ),
            key="content_breakdown_views",
        )
with right:
    chart(
        charts.breakdown_bars(
            breakdown,
            by=by,
            value="engagement_rate",
            title=label("engagement_rate"),
            value_title=label("engagement_rate"),
            none_label=t("content.none_label"),
            percent=True,
        ),
        key="content_breakdown_engagement",
    )
shown = breakdown[
    [by, "items", "views", "views_per_item", "engagement_rate", *metrics.COUNTERS[1:]]
]
shown = shown.assign(
    engagement_rate=pd.to_numeric(shown["engagement_rate"]).astype(float),
    views_per_item=pd.to_numeric(shown["views_per_item"]).astype(float),
    **{name: pd.to_numeric(shown[name]).astype(float) for name in metrics.COUNTERS},
)
headers = {
    by: by_label,
    "items": t("content.col.items"),
    "views_per_item": t("content.col.views_per_item"),
    **{name: label(name) for name in METRICS},
}
table(
    shown.rename(columns=headers).style.format(
        {
            headers["engagement_rate"]: lambda v: format_percent(v, decimals=2),
            headers["views_per_item"]: lambda v: format_number(v, decimals=1),
            **{label(name): format_number for name in metrics.COUNTERS},
        },
        na_rep="–",
    )
)

st.subheader(t("common.section.by_property"), help=t("common.by.help"))
property_breakdown(ctx, page="content", exclude=metrics.BREAKDOWNS)

# ------------------------------------------------------------------ decay and cadence
left, right = st.columns(2)
with left:
    st.subheader(t("content.section.decay"), help=t("content.decay.help"))
    decay = ctx.part(parts["decay"])
    if decay.empty:
        st.info(t("content.decay.none"))
    else:
        chart(
            charts.decay_lines(
                decay,
                title=t("content.decay.title"),
                x_title=t("content.curve.x"),
                y_title=t("content.decay.y"),
                none_label=t("content.none_label"),
            ),
            key="content_decay_chart",
        )
with right:
    st.subheader(t("content.section.cadence"), help=t("content.cadence.help"))
    cadence = ctx.part(parts["cadence"])
    chart(
        charts.cadence_chart(
            cadence,
            title=t("content.cadence.title"),
            items_title=label("items_published"),
            views_title=label("views"),
        ),
        key="content_cadence_chart",
    )

# ------------------------------------------------------------------ annotations (时间标注)
annotation_editor(ctx, key="content")
