"""The "by property" section every page with a breakdown shares: pick any field or property
of the page's rows (or of their users), see the page's measures per value."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from opsdash.charts.breakdowns import dimension_bars
from opsdash.formatting import format_money, format_number
from opsdash.metrics.breakdowns import breakdown_choices, by_property
from opsdash.ui.components import chart, download_csv, table
from opsdash.ui.context import PageContext

# per page: the measure the bars show, and which columns are money
PAGE_MEASURES = {
    "revenue": ("revenue", ("revenue", "gross_revenue", "refunds")),
    "users": ("active_users", ()),
    "activities": ("cost", ("cost",)),
    "content": ("views", ()),
}
FIELD_LABELS = {
    "product": "common.field.product",
    "category": "common.field.category",
    "channel": "common.segment.channel",
    "platform": "common.segment.platform",
    "region": "common.segment.region",
    "level": "common.field.level",
    "ad_id": "common.field.ad_id",
    "event": "common.field.event",
    "content_id": "common.field.content_id",
    "campaign_id": "common.field.campaign_id",
    "goal": "common.field.goal",
    "name": "common.field.campaign_name",
    "format": "common.field.format",
    "author": "common.field.author",
}


def choice_label(ctx: PageContext, name: str, source: str) -> str:
    """A picker entry: a field by its translated label, a property by its name as the file
    wrote it; each with where it comes from (the rows, or their users)."""
    shown = ctx.t(FIELD_LABELS[name]) if source.endswith("field") and name in FIELD_LABELS else name
    return f"{shown} · {ctx.t(f'common.by.source.{source}')}"


def property_breakdown(
    ctx: PageContext, *, page: str, exclude: tuple[str, ...] = (), symbol: str = ""
) -> None:
    """Render the section: a picker, bars of the page's main measure, the table, a download."""
    choices = ctx.cached(breakdown_choices, page=page, exclude=exclude)
    if not choices:
        st.caption(ctx.t("common.by.none"))
        return
    labels = {name: choice_label(ctx, name, source) for name, source in choices}
    name = st.selectbox(
        ctx.t("common.by.pick"),
        options=list(labels),
        format_func=labels.get,
        key=f"{page}_by_property",
        help=ctx.t("common.by.help"),
    )
    result = ctx.cached(by_property, page=page, filters=ctx.filters, name=name)
    frame = pd.DataFrame(result["rows"])
    measure, money = PAGE_MEASURES[page]
    if frame.empty:
        st.caption(ctx.t("common.no_rows"))
        return
    title = labels[name]
    measure_title = ctx.t(f"common.by.col.{measure}") + (f" ({symbol})" if measure in money else "")
    chart(
        dimension_bars(
            frame,
            measure=measure,
            title=title,
            x_title=measure_title,
            unknown_label=ctx.t("common.by.unknown"),
            money=measure in money,
        ),
        key=f"{page}_by_property_chart",
    )
    unknown = ctx.t("common.by.unknown")
    values = [unknown if v is None else str(v) for v in frame["value"]]
    # numbers as text so a measure the data lack reads "–", never None
    shown = pd.DataFrame({title: values})
    for column in frame.columns.drop("value"):
        label = ctx.t(f"common.by.col.{column}")
        shown[label] = [
            format_money(v, symbol=symbol) if column in money else format_number(v)
            for v in frame[column]
        ]
    table(shown)
    download_csv(
        ctx,
        frame.assign(value=values),
        file_name=f"{page}_by_{name}.csv",
        key=f"{page}_by_property_csv",
    )
