"""Paths (用户路径): where users go after an event, or how they came to it."""

import streamlit as st

from opsdash.charts import intervals as interval_charts
from opsdash.charts import paths as charts
from opsdash.formatting import format_duration, format_percent
from opsdash.metrics import paths as metrics
from opsdash.metrics.intervals import intervals
from opsdash.metrics.users import event_names
from opsdash.ui.cohorts import may_manage, save_users
from opsdash.ui.components import Kpi, chart, download_csv, kpi_row, require_data, table
from opsdash.ui.context import page_context

ctx = page_context()
t = ctx.t
filters = ctx.filters
st.title(t("paths.title"))
require_data(ctx)

names = ctx.cached(event_names)
if not names:
    st.info(t("paths.no_events"))
    st.stop()

c1, c2 = st.columns([1, 1])
c3, c4, c5, c6 = st.columns(4, vertical_alignment="bottom")
direction = (
    c1.segmented_control(
        t("paths.direction"),
        ("forward", "backward"),
        default="forward",
        format_func=lambda d: t(f"paths.direction.{d}"),
        key="paths_direction",
    )
    or "forward"
)
event = c2.selectbox(t("paths.event"), names, key="paths_event")
steps = int(
    c3.number_input(
        t("paths.steps"),
        min_value=1,
        max_value=metrics.MAX_STEPS,
        value=metrics.DEFAULT_STEPS,
        key="paths_steps",
    )
)
minutes = int(
    c4.number_input(
        t("paths.session_minutes"),
        min_value=1,
        max_value=24 * 60,
        value=metrics.DEFAULT_SESSION_MINUTES,
        key="paths_minutes",
    )
)
top = int(
    c5.number_input(
        t("paths.top"), min_value=1, max_value=50, value=metrics.DEFAULT_TOP, key="paths_top"
    )
)
collapse = c6.toggle(t("paths.collapse"), value=True, key="paths_collapse")
st.caption(t("paths.help", minutes=minutes, steps=steps, top=top))

options = {
    "filters": filters,
    "event": event,
    "direction": direction,
    "steps": steps,
    "session_minutes": minutes,
    "collapse": collapse,
    "top": top,
}
result = ctx.cached(metrics.paths, **options)
kpi_row(ctx, [Kpi(t("paths.users"), result.users, help=t("paths.users.help"))], per_row=4)
if result.transitions.empty:
    st.info(t("paths.nobody"))
else:
    MARKERS = {
        metrics.LEFT: t("paths.left"),
        metrics.START: t("paths.start"),
        metrics.OTHER: t("paths.other"),
    }
    shown = result.transitions.copy()
    for column in ("from", "to"):
        shown[column] = shown[column].map(lambda name: MARKERS.get(name, name))
    shown["median"] = [
        format_duration(s, language=ctx.language) for s in result.transitions["median_seconds"]
    ]
    titles = {
        "step": t("paths.col.step"),
        "from": t("paths.col.from"),
        "to": t("paths.col.to"),
        "users": t("paths.col.users"),
        "share": t("paths.col.share"),
        "median": t("paths.col.median"),
    }
    chart(
        charts.path_flow(
            shown,
            anchor=event,
            users=result.users,
            backward=direction == "backward",
            muted=tuple(MARKERS.values()),
            title=t("paths.chart"),
            titles=titles,
        ),
        key="paths_chart",
    )
    display = shown[["step", "from", "to", "users", "share", "median"]].assign(
        share=[format_percent(s) for s in shown["share"]]
    )
    table(display.rename(columns=titles))
    download_csv(
        ctx,
        result.transitions,
        file_name=f"paths_{direction}.csv",
        key="paths_csv",
    )

    # -------------------------------------------------------------- save a link as a cohort
    if may_manage(ctx):
        st.subheader(t("cohort.save"))
        link = st.selectbox(
            t("cohort.link"),
            range(len(shown)),
            format_func=lambda i: t(
                "cohort.link_option",
                step=int(shown["step"].iloc[i]),
                source=shown["from"].iloc[i],
                target=shown["to"].iloc[i],
                users=f"{int(shown['users'].iloc[i]):,}",
            ),
            key="paths_link",
        )
        row = result.transitions.iloc[link]
        save_users(
            ctx,
            key="paths_cohort",
            default_name=f"{shown['from'].iloc[link]} → {shown['to'].iloc[link]} ({row['step']})",
            users=lambda: ctx.cached(
                metrics.link_users,
                **options,
                step=int(row["step"]),
                source=row["from"],
                target=row["to"],
            ),
        )

# ------------------------------------------------------------------ intervals
st.header(t("paths.interval"), help=t("paths.interval.help"))
i1, i2 = st.columns(2)
from_event = i1.selectbox(t("paths.interval.from"), names, key="paths_interval_from")
to_event = i2.selectbox(
    t("paths.interval.to"), names, index=min(1, len(names) - 1), key="paths_interval_to"
)
gaps = ctx.cached(intervals, filters=filters, from_event=from_event, to_event=to_event)
kpi_row(
    ctx,
    [
        Kpi(t("paths.interval.users"), gaps.users),
        Kpi(t("paths.interval.with_next"), gaps.users_with_next),
    ],
)
st.caption(
    " · ".join(
        f"P{p[1:]} {format_duration(v, language=ctx.language)}" for p, v in gaps.percentiles.items()
    )
)
if gaps.users_with_next:
    hist = gaps.histogram.assign(label=[t(f"paths.bucket.{b}") for b in gaps.histogram["bucket"]])
    chart(
        interval_charts.interval_histogram(
            hist,
            title=t("paths.interval.chart"),
            users_title=t("paths.col.users"),
            share_title=t("paths.col.share_interval"),
        ),
        key="paths_interval_chart",
    )
    download_csv(ctx, gaps.histogram, file_name="intervals.csv", key="paths_interval_csv")
st.caption(t("paths.interval.help"))
