"""Activities page (活动运营): campaign list and results, timeline over the goal metric, the
campaign review (复盘) with its downloadable report, and a side-by-side comparison. Numbers come
from opsdash.metrics.activities; charts from opsdash.charts.activities."""

import pandas as pd
import streamlit as st

from opsdash.charts import activities as charts
from opsdash.charts import theme
from opsdash.formatting import escape_markdown, format_money, format_number, format_percent
from opsdash.metrics import activities as metrics
from opsdash.reports import activities as report
from opsdash.reports import campaign_review as review_report
from opsdash.ui.annotations import annotation_editor
from opsdash.ui.breakdown import property_breakdown
from opsdash.ui.components import Kpi, chart, download_csv, kpi_row, require_data, table
from opsdash.ui.context import page_context

ctx = page_context()
t = ctx.t
filters = ctx.filters
symbol = ctx.currency_symbol
st.title(t("activities.title"))
st.caption(t("activities.caption"))
require_data(ctx)


def goal_label(goal: str | None) -> str:
    return t(f"activities.goal.{goal}") if goal in metrics.GOALS else (goal or "–")


def status_label(status: str) -> str:
    return t(f"activities.status.{status}")


def col(name: str) -> str:
    return t(f"activities.col.{name}")


def help_for(name: str) -> str:
    if name in ("ctr", "conversion_rate", "cpa", "roas", "roi", "budget_used"):
        return t(f"activities.help.{name}") + " " + t("activities.help.zero")
    return t("activities.help.sums")


# ------------------------------------------------------------------ list and totals
st.subheader(t("activities.section.list"))
left, right = st.columns([2, 2])
scope = (
    left.segmented_control(
        t("activities.scope"),
        ("period", "campaign"),
        default="period",
        format_func=lambda s: t(f"activities.scope.{s}"),
        key="activities_scope",
    )
    or "period"
)
campaigns = ctx.part(report.list_part(filters, scope))
if campaigns.empty:
    st.info(t("activities.no_campaigns"), icon=":material/campaign:")
    st.stop()
statuses = right.multiselect(
    t("activities.status_filter"),
    metrics.STATUSES,
    default=list(metrics.STATUSES),
    format_func=status_label,
    key="activities_status",
    help=t("activities.help.status"),
    placeholder=t("common.choose"),
    select_all=False,
)
if filters.has_segment:
    st.caption(t("activities.segments_note"))
shown = report.shown_campaigns(campaigns, tuple(statuses))
totals = metrics.campaign_totals(shown)
previous = None
if scope == "period":
    previous = report.previous_totals(ctx.part(report.previous_list_part(filters)), shown)


def kpi(name: str, kind: str = "number") -> Kpi:
    absent = totals[name] is None and name in metrics.STAT_COLUMNS
    return Kpi(
        col(name),
        totals[name],
        previous[name] if previous else None,
        kind=kind,
        help=t("common.not_in_data_help") if absent else help_for(name),
        decimals=2 if kind == "percent" else None,
        metric=name,  # colour of the change from the one direction table
    )


st.caption(t("activities.kpi.caption"))
absent = [name for name in metrics.STAT_COLUMNS if totals[name] is None]
if absent:
    st.caption(t("common.not_in_data_list", names=t("common.list_sep").join(map(col, absent))))
kpi_row(
    ctx,
    [
        kpi("impressions"),
        kpi("clicks"),
        kpi("ctr", "percent"),
        kpi("conversions"),
        kpi("cost", "money"),
        kpi("cpa", "money"),
        kpi("revenue", "money"),
        kpi("roi", "percent"),
    ],
)

LIST_COLUMNS = [
    "campaign_id", "name", "status", "goal", "channel", "start_date", "end_date", "budget",
    "impressions", "clicks", "ctr", "participants", "new_users", "conversions",
    "conversion_rate", "cost", "cpa", "revenue", "roas", "roi", "budget_used",
]  # fmt: skip
PERCENT_COLUMNS = ("ctr", "conversion_rate", "roi", "budget_used")
AD_COLUMNS = ["impressions", "clicks", "ctr", "conversions", "conversion_rate", "cost", "cpa",
              "revenue", "roi"]  # fmt: skip
names_by_id = dict(zip(campaigns["campaign_id"], campaigns["name"], strict=True))
MONEY_COLUMNS = ("budget", "cost", "cpa", "revenue")
listing = shown[LIST_COLUMNS].copy()
listing["status"] = listing["status"].map(status_label)
listing["goal"] = listing["goal"].map(goal_label)
for name in ("name", "channel", "start_date", "end_date"):
    listing[name] = listing[name].map(lambda v: "–" if v is None else str(v))
# formatted as text so a zero denominator shows "–" (Streamlit shows missing numbers as None)
for name in PERCENT_COLUMNS:
    listing[name] = listing[name].map(lambda v: format_percent(v, decimals=2))
for name in MONEY_COLUMNS:
    listing[name] = listing[name].map(lambda v: format_money(v, symbol=symbol))
listing["roas"] = listing["roas"].map(lambda v: format_number(v, decimals=2))
for name in ("impressions", "clicks", "participants", "new_users", "conversions"):
    listing[name] = listing[name].map(format_number)
table(
    listing.rename(columns={name: col(name) for name in LIST_COLUMNS}),
    column_config={
        col(name): st.column_config.Column(help=help_for(name))
        for name in (*PERCENT_COLUMNS, "cpa", "roas")
    },
)
download_csv(ctx, shown, file_name="campaigns.csv", key="activities_download")

with st.expander(t("activities.ads.title")):
    with_stats = report.ads_options(shown)
    ad_campaign = st.selectbox(
        t("activities.review.pick"),
        with_stats,
        format_func=lambda cid: f"{names_by_id.get(cid) or cid} ({cid})",
        key="activities_ads_campaign",
    )
    ads = ctx.part(report.ads_part(filters, ad_campaign))
    ad_listing = ads[["ad_id", *AD_COLUMNS]].copy()
    for name in ("ctr", "conversion_rate", "roi"):
        ad_listing[name] = ad_listing[name].map(lambda v: format_percent(v, decimals=2))
    for name in ("cost", "cpa", "revenue"):
        ad_listing[name] = ad_listing[name].map(lambda v: format_money(v, symbol=symbol))
    for name in ("impressions", "clicks", "conversions"):
        ad_listing[name] = ad_listing[name].map(format_number)
    st.caption(t("activities.ads.caption", ads=len(ads)))
    table(
        ad_listing.rename(
            columns={"ad_id": t("activities.col.ad_id"), **{n: col(n) for n in AD_COLUMNS}}
        )
    )

st.subheader(t("common.section.by_property"), help=t("common.by.help"))
property_breakdown(ctx, page="activities", symbol=symbol)

# ------------------------------------------------------------------ timeline
st.subheader(t("activities.section.timeline"), help=t("activities.timeline.help"))
bars = ctx.part(report.timeline_part(filters))
if bars.empty:
    st.info(t("activities.timeline.none"))
else:
    common_metric = report.default_timeline_metric(bars)
    timeline_metric = st.selectbox(
        t("activities.timeline.metric"),
        metrics.GOAL_METRIC_NAMES,
        index=metrics.GOAL_METRIC_NAMES.index(common_metric),
        format_func=lambda m: t(f"activities.metric.{m}"),
        key="activities_timeline_metric",
    )
    series = ctx.part(report.series_part(filters, timeline_metric))
    metric_title = t(f"activities.metric.{timeline_metric}")
    chart(
        charts.timeline_chart(
            series,
            bars,
            title=t("activities.timeline.title", metric=metric_title),
            metric_title=metric_title,
        ),
        key="activities_timeline_chart",
    )

# ------------------------------------------------------------------ review
st.subheader(t("activities.section.review"), help=t("activities.review.method"))
reviewable = report.review_options(campaigns, filters)
if not reviewable:
    st.info(t("activities.review.none"))
else:
    # ended campaigns first, the latest end first
    names = dict(zip(campaigns["campaign_id"], campaigns["name"], strict=True))
    picked = st.selectbox(
        t("activities.review.pick"),
        reviewable,
        format_func=lambda cid: f"{names[cid] or cid} ({cid})",
        key="activities_review_campaign",
    )
    review = ctx.part(report.review_part(filters, picked))
    if review is None or review.error:
        st.info(t(f"activities.review.error.{review.error if review else 'no_dates'}"))
    elif not review.series["value"].any():
        metric_title = t(f"activities.metric.{review.metric}")
        st.info(t("activities.review.no_metric_data", metric=metric_title))
    else:
        metric_title = t(f"activities.metric.{review.metric}")
        if review.status != "ended":
            st.warning(t("activities.review.running_note", day=review.window_end))
        days = (review.window_end - review.start).days + 1
        st.caption(
            t(
                "activities.review.summary",
                goal=goal_label(review.goal),
                metric=metric_title,
                start=review.start,
                end=review.window_end,
                days=days,
            )
        )
        lift_cards = []
        for baseline in review.baselines:
            result = baseline.result
            interval = "–"
            if result.lift_low is not None:
                interval = f"{format_percent(result.lift_low)} ~ {format_percent(result.lift_high)}"
            lift_cards.append((baseline, interval))
        columns = st.columns(len(lift_cards) or 1)
        for column, (baseline, interval) in zip(columns, lift_cards, strict=False):
            result = baseline.result
            window = f"{baseline.start} ~ {baseline.end}" if baseline.start else "–"
            lift_label = (
                t(f"activities.review.baseline.{baseline.kind}")
                + " · "
                + t("activities.review.lift")
            )
            if result.significant:
                column.metric(
                    lift_label,
                    format_percent(result.lift),
                    delta=t("activities.review.significant"),
                    delta_arrow="off",
                    delta_color="gray",
                    help=t("activities.review.method"),
                    border=True,
                )
            else:  # an interval that includes 0 is no win: small type, labelled as such
                column.markdown(
                    f"**{lift_label}** · {format_percent(result.lift)} · "
                    f":gray-badge[{t('activities.review.not_significant')}]",
                    help=t("activities.review.method"),
                )
            p_value = "–" if result.p_value is None else f"{result.p_value:.4f}"
            facts = [
                (t("activities.review.window"), window),
                (t("activities.review.mean_during"), format_number(result.mean_during, decimals=1)),
                (
                    t("activities.review.mean_baseline"),
                    format_number(result.mean_baseline, decimals=1),
                ),
                (t("activities.review.ci"), interval),
                (t("activities.review.p_value"), p_value),
            ]
            column.caption(" · ".join(f"{name}: {value}" for name, value in facts))
            if result.error:
                column.caption(t(f"activities.review.error.{result.error}"))
        parts = {
            part: t(f"activities.review.part.{part}")
            for part in ("campaign", "previous", "same_weekdays", "other")
        }
        chart(
            charts.review_chart(
                review.series,
                title=t("activities.review.chart_title", metric=metric_title),
                metric_title=metric_title,
                part_labels=parts,
            ),
            key="activities_review_chart",
        )
        st.markdown(f"**{t('activities.review.retention.title')}**")
        st.caption(t("activities.review.retention.help"))
        if review.retention_channel:
            st.caption(
                t(
                    "activities.review.retention.channel",
                    channel=escape_markdown(review.retention_channel),
                )
            )
        retention = review_report.retention_frame(review, language=ctx.language)
        left, right = st.columns([3, 2])
        with left:
            table(
                retention.assign(rate=retention["rate"].map(format_percent)).rename(
                    columns={
                        "label": "",
                        "cohort": " ",
                        "users": t("activities.review.retention.users"),
                        "retained": t("activities.review.retention.retained"),
                        "rate": t("activities.review.retention.rate"),
                    }
                )
            )
        with right:
            if retention["rate"].notna().any():
                chart(
                    charts.retention_chart(retention, title=t("activities.review.retention.title")),
                    key="activities_retention_chart",
                )
        prepare_key = f"activities_report_{picked}"
        if st.button(
            t("activities.review.prepare"), key="activities_prepare", icon=":material/description:"
        ):
            st.session_state[prepare_key] = True
        if st.session_state.get(prepare_key):
            files = ctx.cached(
                review_report.campaign_review_files,
                campaign_id=picked,
                filters=filters,
                language=ctx.language,
                currency_symbol=symbol,
            )
            if files:
                left, right = st.columns(2)
                left.download_button(
                    t("activities.review.download_md"),
                    data=files["md"],
                    file_name=review_report.review_file_name(review, "md"),
                    mime="text/markdown",
                    key="activities_download_md",
                    icon=":material/download:",
                )
                right.download_button(
                    t("activities.review.download_html"),
                    data=files["html"],
                    file_name=review_report.review_file_name(review, "html"),
                    mime="text/html",
                    key="activities_download_html",
                    icon=":material/download:",
                )

# ------------------------------------------------------------------ compare
st.subheader(t("activities.section.compare"), help=t("activities.compare.help"))
options = dict(zip(campaigns["campaign_id"], campaigns["name"], strict=True))
default = report.default_compare(campaigns, filters)
chosen = st.multiselect(
    t("activities.compare.pick"),
    list(options),
    default=default,
    format_func=lambda cid: f"{options[cid] or cid} ({cid})",
    key="activities_compare",
    max_selections=8,
    placeholder=t("common.choose"),
    select_all=False,
)
if len(chosen) < 2:
    st.info(t("activities.compare.need_two"))
else:
    compared = ctx.part(report.compare_part(filters, tuple(chosen)))
    compared = compared.assign(
        label=[
            f"{n or c} ({c})"
            for n, c in zip(compared["name"], compared["campaign_id"], strict=True)
        ]
    )
    FORMATS = {
        "impressions": lambda v: format_number(v),
        "clicks": lambda v: format_number(v),
        "ctr": lambda v: format_percent(v, decimals=2),
        "participants": lambda v: format_number(v),
        "new_users": lambda v: format_number(v),
        "conversions": lambda v: format_number(v),
        "conversion_rate": lambda v: format_percent(v, decimals=2),
        "cost": lambda v: format_money(v, symbol=symbol),
        "cpa": lambda v: format_money(v, symbol=symbol),
        "cost_per_new_user": lambda v: format_money(v, symbol=symbol),
        "revenue": lambda v: format_money(v, symbol=symbol),
        "roas": lambda v: format_number(v, decimals=2),
        "roi": lambda v: format_percent(v),
        "budget_used": lambda v: format_percent(v),
    }
    side_by_side = pd.DataFrame(
        {
            label: [FORMATS[name](row[name]) for name in FORMATS]
            for label, (_, row) in zip(compared["label"], compared.iterrows(), strict=True)
        },
        index=[col(name) for name in FORMATS],
    )
    side_by_side.insert(0, t("activities.review.metric"), side_by_side.index)
    table(side_by_side)
    compare_metric = st.selectbox(
        t("activities.compare.metric"),
        list(FORMATS),
        index=list(FORMATS).index("conversions"),
        format_func=col,
        key="activities_compare_metric",
    )
    fmt = (
        theme.PERCENT
        if compare_metric in ("ctr", "conversion_rate", "roi", "budget_used")
        else (
            theme.MONEY
            if compare_metric in ("cost", "cpa", "cost_per_new_user", "revenue")
            else theme.NUMBER
        )
    )
    left, right = st.columns(2)
    missing = compare_metric in metrics.STAT_COLUMNS and (
        pd.to_numeric(compared[compare_metric], errors="coerce").isna().all()
    )  # a measure not in the data: say so instead of an empty chart
    if missing:
        left.info(t("common.not_in_data_chart", metric=col(compare_metric)))
    with left:
        if not missing:
            chart(
                charts.compare_bars(
                    compared, metric=compare_metric, title=col(compare_metric),
                    metric_title=col(compare_metric), fmt=fmt,
                ),
                key="activities_compare_chart",
            )  # fmt: skip
    with right:
        if compare_metric in metrics.STAT_COLUMNS and not missing:
            daily = ctx.part(report.daily_part(filters, tuple(chosen)))
            labels = dict(zip(compared["campaign_id"], compared["label"], strict=True))
            daily = daily.assign(label=daily["campaign_id"].map(labels))
            chart(
                charts.campaign_days_chart(
                    daily,
                    metric=compare_metric,
                    title=t("activities.compare.by_day", metric=col(compare_metric)),
                    x_title=t("activities.compare.day"),
                    metric_title=col(compare_metric),
                ),
                key="activities_compare_days",
            )

# ------------------------------------------------------------------ annotations (时间标注)
annotation_editor(ctx, key="activities")
