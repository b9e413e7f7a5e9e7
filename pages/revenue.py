"""Revenue page (商业化): headline numbers, trend, breakdowns, new vs returning customers,
first-purchase cohorts, cohort LTV, RFM segments and what was left out.

Thin: every number comes from opsdash.metrics.revenue (definitions there and in the help
texts), every chart from opsdash.charts.revenue."""

import pandas as pd
import streamlit as st

from opsdash.charts import revenue as charts
from opsdash.formatting import escape_markdown, format_money, format_number, format_percent
from opsdash.metrics import revenue as metrics
from opsdash.reports import revenue as revenue_report
from opsdash.reports.revenue import RevenueSettings
from opsdash.ui.annotations import annotation_editor
from opsdash.ui.breakdown import property_breakdown
from opsdash.ui.cohorts import save_users
from opsdash.ui.components import Kpi, chart, download_csv, kpi_row, require_data, table
from opsdash.ui.context import page_context

TOP_N = 15

ctx = page_context()
t = ctx.t
symbol = ctx.currency_symbol
st.title(t("revenue.title"))
require_data(ctx)
st.caption(t("revenue.caption", symbol=symbol))
filters = ctx.filters

money_format = symbol.replace("%", "%%") + "%,.2f"


def money_text(value) -> str:
    return format_money(value, symbol=symbol)


def column_config(frame_columns, *, money=(), percent=(), decimals=()):
    """Display formats and translated headers for a metrics frame's columns."""
    config = {}
    for name in frame_columns:
        label = t(f"revenue.col.{name}")
        if name in decimals:
            config[name] = st.column_config.NumberColumn(label, format="%.1f")
        elif name in money:
            config[name] = st.column_config.NumberColumn(label, format=money_format)
        elif name in percent:
            config[name] = st.column_config.NumberColumn(label, format="percent")
        else:
            config[name] = st.column_config.Column(label)
    return config


# The choices made further down, as this run will see them (a widget's value is in session
# state before the widget is drawn; first visit: its default). The page's report
# (opsdash.reports.revenue, the one `opsdash report revenue` prints) lists every call; they
# are computed in parallel while the page draws, and each section picks up its part.
DEFAULT_PERIOD = revenue_report.default_period(filters)
state = st.session_state
settings = RevenueSettings(
    period=state.get("revenue_period", DEFAULT_PERIOD) or "day",
    cohorts_all_history=bool(state.get("revenue_cohorts_all_history", True)),
    ltv_basis=state.get("revenue_ltv_basis", "first_purchase") or "first_purchase",
)
parts = revenue_report.plan(ctx.engine, filters=filters, settings=settings, first_day=ctx.first_day)
ctx.prefetch_parts(parts.values())

if filters.has_segment:
    st.caption(t("revenue.segment_note"))
codes = ctx.part(parts["currencies"])
if len(codes) > 1:
    st.warning(
        t("revenue.multi_currency", codes=escape_markdown(", ".join(codes))),
        icon=":material/warning:",
    )

# --- key numbers -------------------------------------------------------------------------------
summary = ctx.part(parts["summary"])
previous = ctx.part(parts["summary_previous"])
mix = ctx.part(parts["customers"])
previous_mix = ctx.part(parts["customers_previous"])

st.subheader(t("revenue.section.kpis"), help=t("revenue.help.change"))


def kpi(name: str, kind: str, **options) -> Kpi:
    return Kpi(
        label=t(f"revenue.kpi.{name}"),
        value=getattr(summary, name),
        previous=getattr(previous, name),
        kind=kind,
        help=t(f"revenue.help.{name}"),
        metric=name,  # colour of the change from the one direction table
        **options,
    )


kpi_row(
    ctx,
    [
        kpi("revenue", "money", decimals=0),  # whole units: large totals must fit a card
        kpi("gross_revenue", "money", decimals=0),
        kpi("refunds", "money", decimals=0),
        kpi("refund_rate", "percent"),
        kpi("orders", "number"),
        kpi("refunded_orders", "number"),
        kpi("paying_users", "number"),
        kpi("aov", "money"),
        kpi("active_users", "number"),
        kpi("paying_rate", "percent"),
        kpi("arpu", "money"),
        kpi("arppu", "money"),
        Kpi(
            label=t("revenue.kpi.repeat_rate"),
            value=mix.repeat_purchase_rate,
            previous=previous_mix.repeat_purchase_rate,
            kind="percent",
            help=t("revenue.help.repeat_rate"),
        ),
    ],
)
if summary.active_users_note == "no_events":
    st.info(t("revenue.no_events"), icon=":material/info:")


def status_name(status: str) -> str:
    known = ("paid", "refunded", "cancelled", "unpaid", "returned", "adjustment")
    return t(f"revenue.status.{status}") if status in known else status


def show_exclusions() -> None:
    st.subheader(t("revenue.section.exclusions"), help=t("revenue.exclusions.help"))
    found = ctx.part(parts["exclusions"])
    if not found:
        st.caption(t("revenue.exclusions.none"))
        return
    left = metrics.left_out(found)
    if left.lines:
        st.caption(
            t("revenue.left_out", lines=format_number(left.lines), amount=money_text(left.amount))
        )
    treatment = {"guest": "revenue.treatment.guest", "refund_capped": "revenue.treatment.capped"}
    rows = [
        {
            "reason": t(f"revenue.reason.{e.reason}")
            + (f" · {status_name(e.status)}" if e.status else ""),
            "lines": e.lines,
            "amount": e.amount,
            "what_happens": t(treatment.get(e.reason, "revenue.treatment.excluded")),
        }
        for e in found
    ]
    frame = pd.DataFrame(rows)
    table(frame, column_config=column_config(frame.columns, money=("amount",)))


if summary.orders == 0:
    st.info(t("revenue.no_orders"), icon=":material/inbox:")
    show_exclusions()
    st.stop()

# --- over time ---------------------------------------------------------------------------------
st.subheader(t("revenue.section.trend"), help=t("revenue.trend.help"))
period = st.segmented_control(
    t("revenue.period"),
    options=["day", "week", "month"],
    default=DEFAULT_PERIOD,
    format_func=lambda p: t(f"revenue.period.{p}"),
    key="revenue_period",
)
period = period or "day"
trend = ctx.part(parts["over_time"])
chart(
    charts.revenue_trend(
        trend,
        series={
            "gross_revenue": t("revenue.series.gross_revenue"),
            "revenue": t("revenue.series.revenue"),
            "refunds": t("revenue.series.refunds"),
        },
        title=t("revenue.section.trend"),
        y_title=t("revenue.col.amount") + f" ({symbol})",
    ),
    key="revenue_trend_chart",
)
with st.expander(t("revenue.trend.table")):
    table(
        trend,
        column_config=column_config(
            trend.columns, money=("gross_revenue", "refunds", "revenue", "aov")
        ),
    )
    download_csv(ctx, trend, file_name="revenue_over_time.csv", key="revenue_trend_csv")

# --- breakdowns --------------------------------------------------------------------------------
st.subheader(t("revenue.section.breakdown"), help=t("revenue.breakdown.help", n=TOP_N))
tabs = st.tabs([t(f"revenue.dimension.{d}") for d in metrics.BREAKDOWN_DIMENSIONS])
for tab, dimension in zip(tabs, metrics.BREAKDOWN_DIMENSIONS, strict=True):
    with tab:
        frame = ctx.part(parts[f"by_{dimension}"])
        chart(
            charts.revenue_bars(
                frame,
                dimension=dimension,
                title=t(f"revenue.dimension.{dimension}"),
                x_title=t("revenue.col.revenue") + f" ({symbol})",
                top=TOP_N,
            ),
            key=f"revenue_by_{dimension}_chart",
        )
        config = column_config(
            frame.columns,
            money=("gross_revenue", "refunds", "revenue"),
            percent=("share", "refund_rate"),
        )
        config[dimension] = st.column_config.Column(t(f"revenue.dimension.{dimension}"))
        table(frame, column_config=config)
        download_csv(ctx, frame, file_name=f"revenue_by_{dimension}.csv", key=f"rev_{dimension}")

# --- by any field or property ------------------------------------------------------------------
st.subheader(t("common.section.by_property"), help=t("common.by.help"))
property_breakdown(ctx, page="revenue", exclude=metrics.BREAKDOWN_DIMENSIONS, symbol=symbol)

# --- new vs returning --------------------------------------------------------------------------
st.subheader(t("revenue.section.customers"), help=t("revenue.customers.help"))
previous_values = {
    "new_customers": previous_mix.new_customers,
    "returning_customers": previous_mix.returning_customers,
    "new_revenue": previous_mix.new_revenue,
    "returning_revenue": previous_mix.returning_revenue,
}
kpi_row(
    ctx,
    [
        Kpi(
            label=t(f"revenue.kpi.{name}"),
            value=getattr(mix, name),
            previous=previous_values[name],
            kind="money" if name.endswith("revenue") else "number",
            decimals=0,
            help=t("revenue.customers.help"),
        )
        for name in ("new_customers", "returning_customers", "new_revenue", "returning_revenue")
    ],
)
kinds = {k: t(f"revenue.kind.{k}") for k in ("new", "returning", "guest")}
by_kind = ctx.part(parts["new_vs_returning"])
chart(
    charts.customer_kind_bars(
        by_kind,
        kinds=kinds,
        title=t("revenue.section.customers"),
        y_title=t("revenue.col.revenue") + f" ({symbol})",
    ),
    key="revenue_kind_chart",
)

first = ctx.part(parts["days_to_first_purchase"])
st.markdown("**" + t("revenue.first_purchase.title") + "**", help=t("revenue.first_purchase.help"))
if first.users:
    left, right = st.columns([1, 2])
    left.metric(t("revenue.first_purchase.users"), f"{first.users:,}")
    left.metric(t("revenue.first_purchase.median"), f"{first.median_days:,.1f}")
    left.metric(t("revenue.first_purchase.mean"), f"{first.mean_days:,.1f}")
    with right:
        chart(
            charts.days_histogram(
                first.buckets,
                title=t("revenue.first_purchase.title"),
                x_title=t("revenue.col.days"),
                y_title=t("revenue.col.users"),
            ),
            key="revenue_days_chart",
        )
else:
    st.caption(t("revenue.first_purchase.none"))
if first.before_signup:
    st.caption(t("revenue.first_purchase.before_signup", n=first.before_signup))

# --- cohorts -----------------------------------------------------------------------------------
st.subheader(t("revenue.section.cohorts"), help=t("revenue.cohorts.help"))
whole_history = st.toggle(
    t("revenue.cohorts.all_history"), value=True, key="revenue_cohorts_all_history"
)
cohorts = ctx.part(parts["cohorts"])
if cohorts:
    view = st.segmented_control(
        t("revenue.cohorts.view"),
        options=["percent", "count"],
        default="percent",
        format_func=lambda v: t(f"revenue.cohorts.view.{v}"),
        key="revenue_cohorts_view",
    )
    chart(
        charts.retention_heatmap(
            cohorts,
            percent=view != "count",
            title=t("revenue.section.cohorts"),
            x_title=t("revenue.col.month"),
            y_title=t("revenue.col.cohort"),
        ),
        key="revenue_cohort_chart",
    )
    counts = metrics.retention_counts(cohorts)
    shares = metrics.retention_percentages(cohorts)
    shown = (shares if view != "count" else counts.drop(columns="size")).copy()
    shown.columns = [t("revenue.month_n", n=c) for c in shown.columns]
    shown.insert(0, t("revenue.col.size"), counts["size"])
    shown.insert(0, t("revenue.col.cohort"), shown.index)
    month_text = format_percent if view != "count" else format_number
    for name in shown.columns[2:]:  # text, so unreached months show "–"
        shown[name] = shown[name].map(month_text)
    table(shown)
    download_csv(ctx, shown, file_name="retention_by_first_purchase_month.csv", key="rev_cohort")
else:
    st.caption(t("revenue.cohorts.none"))

# --- LTV ---------------------------------------------------------------------------------------
st.subheader(t("revenue.section.ltv"), help=t("revenue.ltv.help"))
basis = st.segmented_control(
    t("revenue.ltv.basis"),
    options=["first_purchase", "signup"],
    default="first_purchase",
    format_func=lambda b: t(f"revenue.ltv.basis.{b}"),
    key="revenue_ltv_basis",
)
ltv = ctx.part(parts["ltv"])
if len(ltv):
    chart(
        charts.ltv_curves(
            ltv,
            all_label=t("revenue.ltv.all"),
            title=t("revenue.section.ltv"),
            x_title=t("revenue.col.month"),
            y_title=t("revenue.col.ltv") + f" ({symbol})",
        ),
        key="revenue_ltv_chart",
    )
    wide = ltv.pivot(index="cohort", columns="month", values="ltv")
    sizes = ltv.drop_duplicates("cohort").set_index("cohort")["size"]
    wide.columns = [t("revenue.month_n", n=c) for c in wide.columns]
    wide.insert(0, t("revenue.col.size"), sizes.reindex(wide.index))
    wide.index = [t("revenue.ltv.all") if c == "all" else c for c in wide.index]
    wide.insert(0, t("revenue.col.cohort"), wide.index)
    for name in wide.columns[2:]:  # text, so unreached months show "–"
        wide[name] = wide[name].map(money_text)
    table(wide)
    download_csv(ctx, ltv, file_name="cohort_ltv.csv", key="rev_ltv")
else:
    st.caption(t("revenue.ltv.none"))

# --- RFM ---------------------------------------------------------------------------------------
st.subheader(t("revenue.section.rfm"), help=t("revenue.rfm.help"))
customers = ctx.part(parts["rfm_customers"])
if len(customers):
    names = {s: t(f"revenue.segment.{s}") for s in metrics.RFM_SEGMENTS}
    segments = metrics.rfm_segments(customers)
    chart(
        charts.rfm_bars(
            segments,
            names=names,
            measures={
                "customer_share": t("revenue.col.customer_share"),
                "revenue_share": t("revenue.col.revenue_share"),
            },
            title=t("revenue.section.rfm"),
        ),
        key="revenue_rfm_chart",
    )
    shown_segments = segments.assign(segment=segments["segment"].map(names))
    table(
        shown_segments,
        column_config=column_config(
            shown_segments.columns,
            money=("revenue", "monetary"),
            percent=("customer_share", "revenue_share"),
            decimals=("recency_days", "frequency"),
        ),
    )
    chosen = st.selectbox(
        t("revenue.rfm.choose"),
        options=list(metrics.RFM_SEGMENTS),
        format_func=lambda s: names[s],
        key="revenue_rfm_segment",
    )
    members = customers[customers["segment"] == chosen]
    st.caption(t("revenue.rfm.list_caption", segment=names[chosen], n=f"{len(members):,}"))
    export = members.assign(segment=members["segment"].map(names)).rename(
        columns={c: t(f"revenue.col.{c}") for c in members.columns}
    )
    download_csv(ctx, export, file_name=f"rfm_{chosen}.csv", key="rev_rfm_csv")
    # the segment's customers as a static cohort (editors, admins)
    save_users(
        ctx,
        key="revenue_rfm_cohort",
        default_name=f"RFM {names[chosen]} {filters.start.isoformat()}..{filters.end.isoformat()}",
        users=lambda: members["user_id"].astype(str).tolist(),
    )
else:
    st.caption(t("revenue.rfm.none"))

show_exclusions()

# ------------------------------------------------------------------ annotations (时间标注)
annotation_editor(ctx, key="revenue")
