"""Charts of the Revenue page. Builders take frames from :mod:`opsdash.metrics.revenue` and
already-translated titles, and return an ``alt.Chart``; colours and formats come from
:mod:`opsdash.charts.theme`."""

from __future__ import annotations

import altair as alt
import pandas as pd

from opsdash.charts import theme


def revenue_trend(
    frame: pd.DataFrame, *, series: dict[str, str], title: str, y_title: str
) -> alt.Chart:
    """Lines of gross revenue, net revenue and refunds over ``period_start``.

    ``series`` maps the frame's columns (gross_revenue, revenue, refunds) to their translated
    names, in legend order."""
    long = frame.melt(
        id_vars=["period_start"], value_vars=list(series), var_name="key", value_name="amount"
    )
    long["series"] = long["key"].map(series)
    long["period_start"] = pd.to_datetime(long["period_start"])
    domain = list(series.values())
    chart = (
        alt.Chart(long)
        .mark_line(point=len(frame) <= 40)
        .encode(
            x=alt.X("period_start:T", axis=theme.date_axis(None)),
            y=alt.Y("amount:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color("series:N", scale=theme.categorical_scale(domain), title=None),
            tooltip=[
                theme.date_tooltip("period_start"),
                alt.Tooltip("series:N", title=" "),
                theme.number_tooltip("amount", y_title, fmt=theme.MONEY),
            ],
        )
    )
    return theme.finish(chart, title=title)


def revenue_bars(
    frame: pd.DataFrame, *, dimension: str, title: str, x_title: str, top: int = 15
) -> alt.Chart:
    """Horizontal bars of net revenue (``revenue``) by ``dimension``, the ``top`` largest."""
    data = frame.nlargest(top, "revenue")[[dimension, "revenue", "share"]].copy()
    data = data.rename(columns={dimension: "label"})
    chart = (
        alt.Chart(data)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("revenue:Q", title=x_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[
                alt.Tooltip("label:N", title=" "),
                theme.number_tooltip("revenue", x_title, fmt=theme.MONEY),
                theme.number_tooltip("share", "%", fmt=theme.PERCENT),
            ],
        )
    )
    # Streamlit sizes the whole chart (title, axes included) to the height: room per bar
    return theme.finish(chart, title=title, height=80 + 24 * max(len(data), 3))


def customer_kind_bars(
    frame: pd.DataFrame, *, kinds: dict[str, str], title: str, y_title: str
) -> alt.Chart:
    """Stacked bars of net revenue per period by customer kind (new / returning / guest);
    ``frame`` is :func:`opsdash.metrics.revenue.new_vs_returning_over_time`, ``kinds`` maps each
    kind to its translated name, in stacking order."""
    data = frame.copy()
    data["kind_name"] = data["kind"].map(kinds)
    data["order"] = data["kind"].map({k: i for i, k in enumerate(kinds)})
    data["period_start"] = pd.to_datetime(data["period_start"])
    domain = list(kinds.values())
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("period_start:T", axis=theme.date_axis(None)),
            y=alt.Y("revenue:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color("kind_name:N", scale=theme.categorical_scale(domain), title=None),
            order=alt.Order("order:Q"),
            tooltip=[
                theme.date_tooltip("period_start"),
                alt.Tooltip("kind_name:N", title=" "),
                theme.number_tooltip("revenue", y_title, fmt=theme.MONEY),
            ],
        )
    )
    return theme.finish(chart, title=title)


def days_histogram(buckets: dict[str, int], *, title: str, x_title: str, y_title: str) -> alt.Chart:
    """Bars of users per days-to-first-purchase bucket, in the buckets' order."""
    data = pd.DataFrame({"bucket": list(buckets), "users": list(buckets.values())})
    chart = (
        alt.Chart(data)
        .mark_bar(color=theme.PRIMARY)
        .encode(
            x=alt.X("bucket:N", sort=list(buckets), title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("users:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
            tooltip=[
                alt.Tooltip("bucket:N", title=x_title),
                theme.number_tooltip("users", y_title),
            ],
        )
    )
    return theme.finish(chart, title=title, height=theme.DEFAULT_HEIGHT - 60)


def cohorts_long(cohorts: list[dict]) -> pd.DataFrame:
    """The ``cohorts`` contract as long rows: cohort, month, customers, share."""
    rows = [
        {
            "cohort": c["cohort"],
            "month": k,
            "customers": n,
            "share": n / c["size"] if c["size"] else None,
        }
        for c in cohorts
        for k, n in enumerate(c["retained"])
    ]
    return pd.DataFrame(rows, columns=["cohort", "month", "customers", "share"])


def retention_heatmap(
    cohorts: list[dict], *, percent: bool, title: str, x_title: str, y_title: str
) -> alt.Chart:
    """Heatmap of the first-purchase-month cohort table: rows cohorts, columns months since;
    cells show the share of the cohort (``percent``) or the count. Month 0 is always 100%,
    so the colour scale is set by months 1+ to keep their differences visible."""
    data = cohorts_long(cohorts)
    value = "share" if percent else "customers"
    fmt = theme.PERCENT if percent else theme.NUMBER
    later = data.loc[data["month"] > 0, value]
    high = float(later.max()) if len(later) and later.max() > 0 else 1.0
    base = alt.Chart(data).encode(
        x=alt.X("month:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort:O", title=y_title),
    )
    cells = base.mark_rect().encode(
        color=alt.Color(
            f"{value}:Q",
            scale=alt.Scale(scheme=theme.SEQUENTIAL, domain=[0, high], clamp=True),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("cohort:O", title=y_title),
            alt.Tooltip("month:O", title=x_title),
            theme.number_tooltip("customers", "n"),
            theme.number_tooltip("share", "%", fmt=theme.PERCENT),
        ],
    )
    labels = base.mark_text(fontSize=10).encode(
        text=alt.Text(f"{value}:Q", format=fmt),
        color=alt.condition(
            alt.datum[value] > high * 0.6, alt.value("white"), alt.value("#0f172a")
        ),
    )
    height = 110 + 26 * max(data["cohort"].nunique(), 2)  # title and axes included
    return theme.finish(alt.layer(cells, labels), title=title, height=height)


def ltv_curves(
    frame: pd.DataFrame, *, all_label: str, title: str, x_title: str, y_title: str
) -> alt.Chart:
    """LTV curves (``ltv`` by ``month``), one line per cohort; the overall ("all") curve drawn
    thicker in the muted colour and labelled ``all_label``."""
    data = frame.copy()
    data["is_all"] = data["cohort"] == "all"
    data.loc[data["is_all"], "cohort"] = all_label
    cohorts = [c for c in data["cohort"].unique() if c != all_label]
    colours = [theme.CATEGORICAL[i % len(theme.CATEGORICAL)] for i in range(len(cohorts))]
    scale = alt.Scale(domain=[*cohorts, all_label], range=[*colours, theme.MUTED])
    chart = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:Q", title=x_title, axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("ltv:Q", title=y_title, axis=alt.Axis(format=theme.NUMBER)),
            color=alt.Color("cohort:N", scale=scale, title=None),
            strokeWidth=alt.condition("datum.is_all", alt.value(4), alt.value(1.5)),
            tooltip=[
                alt.Tooltip("cohort:N", title=" "),
                alt.Tooltip("month:Q", title=x_title),
                theme.number_tooltip("size", "n"),
                theme.number_tooltip("ltv", y_title, fmt=theme.MONEY),
            ],
        )
    )
    return theme.finish(chart, title=title, height=380)  # the legend lists every cohort


def rfm_bars(
    frame: pd.DataFrame, *, names: dict[str, str], measures: dict[str, str], title: str
) -> alt.Chart:
    """Side by side: each RFM segment's share of customers and share of revenue (``frame`` =
    :func:`opsdash.metrics.revenue.rfm_segments`; ``names`` translates the segment keys,
    ``measures`` the two columns customer_share and revenue_share)."""
    data = frame[["segment", "customer_share", "revenue_share"]].copy()
    data["segment_name"] = data["segment"].map(names)
    long = data.melt(
        id_vars=["segment", "segment_name"],
        value_vars=["customer_share", "revenue_share"],
        var_name="measure",
        value_name="share",
    )
    long["share"] = long["share"].astype(float)
    long["measure"] = long["measure"].map(measures)
    order = [names[s] for s in frame["segment"]]
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("segment_name:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X("share:Q", title=None, axis=alt.Axis(format=".0%")),
            yOffset=alt.YOffset("measure:N"),
            color=alt.Color(
                "measure:N",
                scale=alt.Scale(
                    domain=[measures["customer_share"], measures["revenue_share"]],
                    range=[theme.PRIMARY, theme.SECONDARY],
                ),
                title=None,
            ),
            tooltip=[
                alt.Tooltip("segment_name:N", title=" "),
                alt.Tooltip("measure:N", title=" "),
                theme.number_tooltip("share", "%", fmt=theme.PERCENT),
            ],
        )
    )
    return theme.finish(chart, title=title, height=110 + 34 * len(order))
