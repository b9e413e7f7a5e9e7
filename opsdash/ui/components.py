"""Reusable page parts: KPI cards, safe downloads, charts, empty and error states."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from opsdash.auth.roles import can
from opsdash.brief.annotations import NOTE_SOURCES, annotations_between
from opsdash.charts.annotations import with_annotations
from opsdash.export import to_safe_csv
from opsdash.formatting import (
    format_change,
    format_compact,
    format_money,
    format_number,
    format_percent,
)
from opsdash.ui.context import CONTEXT_KEY, PageContext


@dataclass(frozen=True)
class Kpi:
    """One key number: label and help are already translated; kind is number, percent
    (a 0..1 ratio, change in percentage points) or money."""

    label: str
    value: float | None
    previous: float | None = None
    kind: str = "number"
    help: str | None = None
    decimals: int | None = None
    lower_is_better: bool = False


def format_kpi_value(kpi: Kpi, ctx: PageContext) -> str:
    if kpi.kind == "percent":
        return format_percent(kpi.value, decimals=1 if kpi.decimals is None else kpi.decimals)
    if kpi.kind == "money":
        return format_money(
            kpi.value,
            symbol=ctx.currency_symbol,
            decimals=2 if kpi.decimals is None else kpi.decimals,
        )
    if kpi.decimals:
        return format_number(kpi.value, decimals=kpi.decimals)
    return format_compact(kpi.value, language=ctx.language)  # cards are narrow


def kpi_row(ctx: PageContext, kpis: list[Kpi], *, per_row: int = 4) -> None:
    """KPI cards, with change versus the previous period when comparison is on."""
    for start in range(0, len(kpis), per_row):
        columns = st.columns(per_row)
        for column, kpi in zip(columns, kpis[start : start + per_row], strict=False):
            delta = None
            if ctx.filters.compare:
                delta = format_change(
                    kpi.value, kpi.previous, kind="points" if kpi.kind == "percent" else "relative"
                )
            column.metric(
                kpi.label,
                format_kpi_value(kpi, ctx),
                delta=delta,
                delta_color="inverse" if kpi.lower_is_better else "normal",
                help=kpi.help,
                border=True,
            )


def download_csv(ctx: PageContext, frame: pd.DataFrame, *, file_name: str, key: str) -> None:
    """A download button for ``frame`` as spreadsheet-safe CSV (formula cells neutralised)."""
    st.download_button(
        ctx.t("common.download_csv"),
        data=to_safe_csv(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )


def chart(chart_spec: alt.Chart, *, key: str | None = None, annotate: bool = True) -> None:
    """Render an Altair chart built by opsdash.charts. A chart over dates gets the
    annotation layer (campaign starts and users' notes,
    :func:`opsdash.charts.annotations.with_annotations`): the one place it is applied."""
    if annotate:
        chart_spec = annotated(chart_spec)
    st.altair_chart(chart_spec, width="stretch", key=key)


def annotated(chart_spec: alt.Chart) -> alt.Chart:
    """``chart_spec`` with the store's annotations over its date axis (unchanged outside a
    page run or when no note falls within its days)."""
    ctx = st.session_state.get(CONTEXT_KEY)
    if ctx is None or not ctx.has_data:
        return chart_spec
    start = min(ctx.filters.start, ctx.first_day or ctx.filters.start)
    end = max(ctx.filters.end, ctx.last_day or ctx.filters.end)
    notes = ctx.cached(annotations_between, start=start, end=end)
    labels = {source: ctx.t(f"brief.annotations.source.{source}") for source in NOTE_SOURCES}
    labels["date"] = ctx.t("brief.annotations.day")
    labels["kind"] = ctx.t("brief.annotations.kind")
    return with_annotations(
        chart_spec, notes, labels=labels, title=ctx.t("brief.annotations.text_short")
    )


def table(frame: pd.DataFrame, **kwargs) -> None:
    """A read-only table; text is never rendered as HTML or Markdown."""
    st.dataframe(frame, hide_index=True, width="stretch", **kwargs)


def empty_state(ctx: PageContext) -> None:
    """The friendly state of a page on an empty store."""
    st.info(ctx.t("common.no_data"), icon=":material/inbox:")
    if can(ctx.role, "import"):  # viewers have no Data page to go to
        st.page_link("pages/data.py", label=ctx.t("common.go_to_data"), icon=":material/upload:")


def require_data(ctx: PageContext) -> None:
    """Show the empty state and stop the page when the store has no data."""
    if not ctx.has_data:
        empty_state(ctx)
        st.stop()
