"""Users (用户): acquisition, activity, retention, lifecycle, funnel and user tiers."""

import pandas as pd
import streamlit as st

from opsdash.charts import stickiness as stickiness_charts
from opsdash.charts import users as charts
from opsdash.formatting import escape_markdown, format_duration, format_percent
from opsdash.metrics import channels as traffic_metrics
from opsdash.metrics import users as metrics
from opsdash.reports import users as users_report
from opsdash.reports.users import UsersSettings
from opsdash.ui.adoption import adoption_section
from opsdash.ui.annotations import annotation_editor
from opsdash.ui.breakdown import property_breakdown
from opsdash.ui.brief import key_funnel_control
from opsdash.ui.cohorts import cohorts_section, may_manage, save_users
from opsdash.ui.components import Kpi, chart, download_csv, kpi_row, require_data, table
from opsdash.ui.context import page_context

ctx = page_context()
t = ctx.t
filters = ctx.filters
st.title(t("users.title"))
require_data(ctx)

PERIODS = ("day", "week", "month")


def as_percent(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A display copy with 0..1 shares as "12.3%" text ("–" when missing); CSVs keep shares."""
    shown = frame.copy()
    for name in columns:
        shown[name] = [format_percent(None if pd.isna(v) else float(v)) for v in shown[name]]
    return shown


def unknown(value: str) -> str:
    return t("users.unknown") if value == metrics.UNKNOWN else value


period = (
    st.segmented_control(
        t("users.period"),
        PERIODS,
        default="day",
        format_func=lambda p: t(f"users.period.{p}"),
        key="users_period",
    )
    or "day"
)
names = ctx.cached(metrics.event_names)

# The choices made further down, as this run will see them (a widget's value is in session
# state before the widget is drawn; first visit: its default). The page's report
# (opsdash.reports.users, the one `opsdash report users` prints) lists every call; they are
# computed in parallel while the page draws, and each section picks up its part.
state = st.session_state
settings = UsersSettings(
    period=period,
    active_events=tuple(state.get("users_active_events") or ()),
    cohort_by=state.get("users_cohort_by", "signup"),
    cohort_event=state.get("users_cohort_event"),
    return_event=state.get("users_return_event"),
    retention_mode=state.get("users_retention_mode", "on"),
    funnel_steps=tuple(state["users_funnel_steps"]) if "users_funnel_steps" in state else None,
    funnel_window=int(state.get("users_funnel_window", 7)),
    funnel_breakdown=state.get("users_funnel_breakdown"),
)
parts = users_report.plan(ctx.engine, filters=filters, settings=settings, names=names)
DEFAULT_STEPS = list(users_report.default_funnel_steps(names))
ctx.prefetch_parts(parts.values())

# ------------------------------------------------------------------ acquisition
st.header(t("users.section.acquisition"))
new_count = ctx.part(parts["new_users"])
new_previous = ctx.part(parts["new_users_previous"])
kpi_row(
    ctx,
    [Kpi(t("users.new_users"), new_count, new_previous, help=t("users.new_users.help"))],
)
by_channel = ctx.part(parts["new_users_by_period"])
if by_channel.empty:
    st.caption(t("users.empty_section"))
else:
    by_channel = by_channel.assign(channel=by_channel["channel"].map(unknown))
    left, right = st.columns([2, 1])
    with left:
        chart(
            charts.new_users_by_channel(
                by_channel, title=t("users.new_by_channel"), y_title=t("users.new_users")
            ),
            key="users_new_chart",
        )
    with right:
        chart(charts.channel_share(by_channel, title=t("users.channel_share")), key="users_share")
    st.caption(t("users.new_by_channel.help"))
    download_csv(ctx, by_channel, file_name="new_users_by_channel.csv", key="users_new_csv")

st.subheader(t("users.channel_quality"), help=t("users.channel_quality.help"))
quality = ctx.part(parts["channel_quality"])
if quality.empty:
    st.caption(t("users.empty_section"))
else:
    quality = quality.assign(channel=quality["channel"].map(unknown))
    rates = ["d1", "d7", "d30", "paying_rate"]
    labels = {name: t(f"users.col.{name}") for name in quality.columns}
    table(as_percent(quality, rates).rename(columns=labels))
    download_csv(ctx, quality, file_name="channel_quality.csv", key="users_quality_csv")

traffic = ctx.part(parts["channel_stats"])
if traffic.has_data:
    st.subheader(t("users.traffic"), help=t("users.traffic.help"))
    total = traffic.total
    kpi_row(
        ctx,
        [
            Kpi(t("users.traffic.visitors"), total["visitors"], total["visitors_previous"]),
            Kpi(t("users.traffic.buyers"), total["buyers"], total["buyers_previous"]),
            Kpi(
                t("users.traffic.conversion_rate"),
                total["conversion_rate"],
                total["conversion_rate_previous"],
                kind="percent",
                decimals=2,
            ),
            Kpi(
                t("users.traffic.average_order_value"),
                total["average_order_value"],
                total["average_order_value_previous"],
                kind="money",
            ),
        ],
    )
    if traffic.rows.empty:
        st.caption(t("users.traffic.empty"))
    else:
        chart(
            charts.channel_visitors(
                traffic.channels,
                title=t("users.traffic.chart"),
                x_title=t("users.traffic.visitors"),
            ),
            key="users_traffic_chart",
        )
        shown = traffic_metrics.display_rows(
            traffic.rows,
            whole_channel=t("users.traffic.whole_channel"),
            symbol=ctx.currency_symbol,
            with_change=filters.compare,
        )
        table(shown.rename(columns=lambda name: t(f"users.traffic.col.{name}")))
        if traffic.total["buyers_estimated"]:
            st.caption(t("users.traffic.estimated"))
        download_csv(ctx, traffic.rows, file_name="channel_traffic.csv", key="users_traffic_csv")

st.subheader(t("common.section.by_property"), help=t("common.by.help"))
property_breakdown(ctx, page="users")

# ------------------------------------------------------------------ activity
st.header(t("users.section.activity"))
if not names:
    st.info(t("users.no_events"))
else:
    chosen = st.multiselect(
        t("users.active_events"),
        names,
        default=[],
        placeholder=t("users.any_event"),
        help=t("users.active_events.help"),
        key="users_active_events",
        select_all=False,
    )
    active_events = tuple(chosen) or None
    summary = ctx.part(parts["activity"])
    before = ctx.part(parts["activity_previous"])
    kpi_row(
        ctx,
        [
            Kpi(
                t("users.dau_average"),
                summary.dau_average,
                before.dau_average,
                decimals=1,
                help=t("users.dau_average.help"),
            ),
            Kpi(t("users.wau"), summary.wau, before.wau, help=t("users.wau.help")),
            Kpi(t("users.mau"), summary.mau, before.mau, help=t("users.mau.help")),
            Kpi(
                t("users.stickiness"),
                summary.stickiness,
                before.stickiness,
                kind="percent",
                help=t("users.stickiness.help"),
            ),
        ],
    )
    if period == "day":
        daily = ctx.part(parts["active_users"])
        chart(
            charts.active_users_line(
                daily, x="day", y="dau", title=t("users.dau_chart"), y_title=t("users.col.dau")
            ),
            key="users_dau_chart",
        )
        st.caption(t("users.dau_chart.help"))
        download_csv(ctx, daily, file_name="dau.csv", key="users_dau_csv")
    else:
        active = ctx.part(parts["active_users"])
        chart(
            charts.active_users_line(
                active,
                x="period",
                y="active_users",
                title=t("users.active_by_period"),
                y_title=t("users.col.active_users"),
            ),
            key="users_active_chart",
        )
        st.caption(t("users.active_by_period.help"))
        download_csv(ctx, active, file_name="active_users.csv", key="users_active_csv")

    # stickiness distribution: users by exact active days in the WAU / MAU windows
    st.subheader(t("users.stickiness_dist"), help=t("users.stickiness_dist.help"))
    sticky = ctx.part(parts["stickiness_distribution"])
    columns = st.columns(2)
    for column, (window, part) in zip(columns, sticky.groupby("window_days"), strict=True):
        with column:
            chart(
                stickiness_charts.stickiness_bars(
                    part,
                    title=t(
                        "users.stickiness_dist.window",
                        days=int(window),
                        start=part["window_start"].iloc[0],
                    ),
                    days_title=t("users.col.active_days_exact"),
                    users_title=t("users.col.users"),
                    share_title=t("users.col.share"),
                ),
                key=f"users_sticky_{window}",
            )
    st.caption(t("users.stickiness_dist.help"))
    download_csv(ctx, sticky, file_name="stickiness.csv", key="users_sticky_csv")

# ------------------------------------------------------------------ retention
if names:
    st.header(t("users.section.retention"))
    as_of = ctx.cached(metrics.last_data_day)
    st.caption(t("users.retention.help", as_of=as_of or "–"))
    c1, c2, c3, c4 = st.columns(4)
    cohort_by = c1.selectbox(
        t("users.cohort_by"),
        ("signup", "event"),
        format_func=lambda v: t(f"users.cohort_by.{v}"),
        key="users_cohort_by",
    )
    cohort_event = None
    if cohort_by == "event":
        cohort_event = c1.selectbox(t("users.cohort_event"), names, key="users_cohort_event")
    return_event = c2.selectbox(
        t("users.return_event"),
        [None, *names],
        format_func=lambda v: t("users.any_event") if v is None else v,
        key="users_return_event",
    )
    mode = c3.selectbox(
        t("users.retention_mode"),
        ("on", "on_or_after"),
        format_func=lambda v: t(f"users.retention_mode.{v}"),
        key="users_retention_mode",
    )
    show = c4.selectbox(
        t("users.retention_show"),
        ("percent", "count"),
        format_func=lambda v: t(f"users.retention_show.{v}"),
        key="users_retention_show",
    )
    retention = ctx.part(parts["retention"])
    if retention.sizes.empty:
        st.caption(t("users.empty_section"))
    else:
        long = charts.retention_long(retention.counts, retention.sizes)
        period_title = t("users.col.period_n") + f" ({t(f'users.period.{period}')})"
        left, right = st.columns([3, 2])
        with left:
            chart(
                charts.retention_heatmap(
                    long,
                    title=t("users.retention_heatmap"),
                    period_title=period_title,
                    cohort_title=t("users.col.cohort"),
                ),
                key="users_retention_heatmap",
            )
        with right:
            chart(
                charts.retention_curve(
                    long,
                    retention.average,
                    title=t("users.retention_curve"),
                    period_title=period_title,
                    average_label=t("users.retention_average"),
                ),
                key="users_retention_curve",
            )
        if show == "percent":
            grid = retention.percentages.map(
                lambda v: "" if pd.isna(v) else format_percent(float(v))
            )
        else:  # unreached cells stay blank, never 0
            grid = retention.counts.map(lambda v: "" if pd.isna(v) else f"{int(v):,}")
        grid.columns = [str(n) for n in grid.columns]
        grid.insert(0, t("users.col.size"), retention.sizes)
        grid.insert(0, t("users.col.cohort"), [c.isoformat() for c in grid.index])
        table(grid)
        export = retention.counts.copy()
        export.columns = [f"period_{n}" for n in export.columns]
        export.insert(0, "size", retention.sizes)
        export.insert(0, "cohort", [c.isoformat() for c in export.index])
        download_csv(ctx, export, file_name="retention.csv", key="users_retention_csv")
        if may_manage(ctx):  # save a retention cell's users as a cohort (editors, admins)
            st.subheader(t("cohort.save"))
            k1, k2, k3 = st.columns(3)
            cell_cohort = k1.selectbox(
                t("cohort.retention_cohort"),
                list(retention.sizes.index),
                format_func=lambda c: c.isoformat(),
                key="users_retention_cohort_row",
            )
            reached = [
                int(n)
                for n in retention.counts.columns
                if pd.notna(retention.counts.loc[cell_cohort, n])
            ]
            cell_n = k2.selectbox(
                t("cohort.retention_period"), reached, key="users_retention_cohort_n"
            )
            cell_outcome = k3.selectbox(
                t("cohort.retention_outcome"),
                ("retained", "not_retained"),
                format_func=lambda v: t(f"cohort.retention_outcome.{v}"),
                key="users_retention_cohort_outcome",
            )
            save_users(
                ctx,
                key="users_retention_cohort",
                default_name=t(
                    f"cohort.retention_name.{cell_outcome}",
                    cohort=cell_cohort.isoformat(),
                    n=cell_n,
                    period=t(f"users.period.{period}"),
                ),
                users=lambda: ctx.cached(
                    metrics.retention_users,
                    filters=filters,
                    period=period,
                    cohort_event=cohort_event,
                    return_events=(return_event,) if return_event else None,
                    mode=mode,
                    cohort=cell_cohort,
                    period_n=int(cell_n or 0),
                    outcome=cell_outcome,
                ),
            )

# ------------------------------------------------------------------ lifecycle
if names:
    st.header(t("users.section.lifecycle"), help=t("users.lifecycle.help"))
    life = ctx.part(parts["lifecycle"])
    labels = {key: t(f"users.lifecycle.{key}") for key in charts.LIFECYCLE_COLOURS}
    chart(
        charts.lifecycle_bars(life, title=t("users.section.lifecycle"), labels=labels),
        key="users_lifecycle",
    )
    st.caption(t("users.lifecycle.help"))
    download_csv(ctx, life, file_name="lifecycle.csv", key="users_lifecycle_csv")
    if may_manage(ctx) and len(life):  # save a lifecycle bar's users as a cohort
        st.subheader(t("cohort.save"))
        k1, k2 = st.columns(2)
        life_period = k1.selectbox(
            t("cohort.lifecycle_period"),
            list(life["period"])[::-1],
            format_func=lambda d: d.isoformat(),
            key="users_lifecycle_cohort_period",
        )
        life_bucket = k2.selectbox(
            t("cohort.lifecycle_bucket"),
            tuple(charts.LIFECYCLE_COLOURS),
            format_func=lambda b, names=dict(labels): names[b],
            key="users_lifecycle_cohort_bucket",
        )
        save_users(
            ctx,
            key="users_lifecycle_cohort",
            default_name=f"{labels[life_bucket]} {life_period.isoformat()}",
            users=lambda: ctx.cached(
                metrics.lifecycle_users,
                filters=filters,
                period=period,
                period_start_day=life_period,
                bucket=life_bucket,
            ),
        )

# ------------------------------------------------------------------ funnel
if names:
    st.header(t("users.section.funnel"))
    c1, c2, c3 = st.columns([3, 1, 1])
    steps = c1.multiselect(
        t("users.funnel.steps"),
        names,
        default=DEFAULT_STEPS,
        max_selections=metrics.MAX_FUNNEL_STEPS,
        key="users_funnel_steps",
        placeholder=t("common.choose"),
        select_all=False,
    )
    window = c2.number_input(
        t("users.funnel.window"), min_value=1, max_value=90, value=7, key="users_funnel_window"
    )
    breakdown = c3.selectbox(
        t("users.funnel.breakdown"),
        (None, "channel", "platform"),
        format_func=lambda v: t(f"users.funnel.breakdown.{v or 'none'}"),
        key="users_funnel_breakdown",
    )
    st.caption(t("users.funnel.help", days=int(window)))
    key_funnel_control(ctx, steps, key="users_key_funnel")
    if not 2 <= len(steps) <= metrics.MAX_FUNNEL_STEPS:
        st.info(t("users.funnel.pick_steps"))
    else:
        result = ctx.part(parts["funnel"])
        if result.biggest_drop_step is None:
            st.info(t("users.funnel.nobody"))
        else:
            drop = result.steps.iloc[result.biggest_drop_step - 1]
            st.warning(
                t(
                    "users.funnel.biggest_drop",
                    step=int(drop["step"]),
                    event=escape_markdown(drop["event"]),
                    rate=f"{drop['from_previous'] * 100:.1f}%",
                ),
                icon=":material/trending_down:",
            )
            chart(
                charts.funnel_bars(
                    result.steps, title=t("users.funnel.chart"), users_title=t("users.col.users")
                ),
                key="users_funnel_chart",
            )
            shown = as_percent(result.steps, ["from_start", "from_previous"])
            shown["median_seconds"] = [
                format_duration(None if pd.isna(s) else float(s), language=ctx.language)
                for s in result.steps["median_seconds"]
            ]
            labels = {
                "step": t("users.col.step"),
                "event": t("users.col.event"),
                "users": t("users.col.users"),
                "from_start": t("users.col.from_start"),
                "from_previous": t("users.col.from_previous"),
                "median_seconds": t("users.col.median_time"),
            }
            table(shown.rename(columns=labels))
            download_csv(ctx, result.steps, file_name="funnel.csv", key="users_funnel_csv")
            if may_manage(ctx):  # save a step's users as a cohort (editors, admins)
                st.subheader(t("cohort.save"))
                k1, k2 = st.columns(2)
                cohort_step = k1.selectbox(
                    t("cohort.funnel_step"),
                    range(1, len(steps) + 1),
                    format_func=lambda k: f"{k}. {steps[k - 1]}",
                    key="users_funnel_cohort_step",
                )
                outcome = k2.selectbox(
                    t("cohort.funnel_outcome"),
                    ("converted", "dropped"),
                    format_func=lambda v: t(f"cohort.funnel_outcome.{v}"),
                    key="users_funnel_cohort_outcome",
                )
                save_users(
                    ctx,
                    key="users_funnel_cohort",
                    default_name=f"{' → '.join(steps)}: {cohort_step} {outcome}",
                    users=lambda: ctx.cached(
                        metrics.funnel_users,
                        filters=filters,
                        steps=tuple(steps),
                        window_days=int(window),
                        step=cohort_step,
                        outcome=outcome,
                    ),
                )
            if result.breakdown is not None and not result.breakdown.empty:
                groups = result.breakdown.assign(group=result.breakdown["group"].map(unknown))
                chart(
                    charts.funnel_breakdown(groups, title=t("users.funnel.by_group")),
                    key="users_funnel_groups",
                )
                download_csv(
                    ctx, groups, file_name="funnel_breakdown.csv", key="users_funnel_groups_csv"
                )

# ------------------------------------------------------------------ feature adoption
if names:
    adoption_section(ctx, names=names, key="users_adoption")

# ------------------------------------------------------------------ tiers
st.header(t("users.section.tiers"), help=t("users.tiers.help"))
tiers = ctx.part(parts["tiers"])
if tiers.empty or set(tiers["level"]) == {metrics.UNKNOWN}:
    st.caption(t("users.tiers.no_levels"))
else:
    tiers = tiers.assign(level=tiers["level"].map(unknown))
    c1, c2, c3 = st.columns(3)
    with c1:
        chart(
            charts.tier_bars(tiers, value="users", title=t("users.tiers.distribution"), fmt=",.0f"),
            key="users_tiers_users",
        )
    with c2:
        chart(
            charts.tier_bars(
                tiers, value="active_rate", title=t("users.tiers.active_rate"), fmt=".1%"
            ),
            key="users_tiers_active",
        )
    with c3:
        chart(
            charts.tier_bars(tiers, value="arpu", title=t("users.tiers.arpu"), fmt=",.2f"),
            key="users_tiers_arpu",
        )
    labels = {
        "level": t("users.col.level"),
        "users": t("users.col.users"),
        "share": t("users.col.share"),
        "active_users": t("users.col.active_users"),
        "active_rate": t("users.col.active_rate"),
        "active_days_per_active": t("users.col.active_days"),
        "paying_users": t("users.col.paying"),
        "revenue": t("users.col.revenue"),
        "arpu": t("users.col.arpu"),
    }
    table(as_percent(tiers, ["share", "active_rate"]).rename(columns=labels))
    st.caption(t("users.tiers.help"))
    download_csv(ctx, tiers, file_name="user_tiers.csv", key="users_tiers_csv")

# ------------------------------------------------------------------ cohorts
st.header(t("cohort.section"), help=t("cohort.section.help"))
cohorts_section(ctx, key="users_cohorts")

# ------------------------------------------------------------------ annotations (时间标注)
annotation_editor(ctx, key="users")
