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
    DASH,
    format_change,
    format_compact,
    format_money,
    format_number,
    format_percent,
    format_table_number,
    lower_is_better,
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
    metric: str | None = None  # its code: the direction table (formatting.LOWER_IS_BETTER)


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
                delta_color="inverse"
                if kpi.lower_is_better or lower_is_better(kpi.metric)
                else "normal",
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
    """Render an Altair chart built by opsdash.charts, in the user's language
    (:func:`opsdash.charts.theme.localise`: field titles, 万/亿 axis labels). A chart over
    dates gets the annotation layer (campaign starts and users' notes,
    :func:`opsdash.charts.annotations.with_annotations`): the one place both are applied."""
    from opsdash.charts.theme import localise
    from opsdash.ui.context import page_context

    if annotate:
        chart_spec = annotated(chart_spec)
    spec = localise(chart_spec.to_dict(), page_context().language)
    st.vega_lite_chart(spec, width="stretch", key=key)


PLACEHOLDER_VALUES = {"(unknown)": "common.by.unknown", "(other)": "paths.other"}
MAX_STYLED_CELLS = 100_000


def table_display(frame: pd.DataFrame, language: str):
    """``frame`` as a table shows it in ``language``: every cell through
    :func:`~opsdash.formatting.format_table_number` (thousands separators, 万/亿 in zh, "–"
    for a missing value, never None/nan/NaT) and the "(unknown)"/"(other)" rows translated.
    Returns a pandas Styler (values stay numbers, so columns still sort as numbers)."""
    from opsdash.i18n import translate

    if not isinstance(frame, pd.DataFrame):  # already styled by the page
        return frame
    shown = frame.copy()
    for column in shown.columns:
        if not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = (
                shown[column].astype(object).map(lambda v: _text_cell(v, language, translate))
            )
    if shown.size > MAX_STYLED_CELLS:
        return shown
    return shown.style.format(lambda v: _cell_text(v, language), na_rep=DASH)


MISSING_TEXTS = {"nan", "NaN", "None", "NaT", "<NA>", "null"}


def _text_cell(value: object, language: str, translate) -> object:
    if isinstance(value, str):
        if value in PLACEHOLDER_VALUES:
            return translate(PLACEHOLDER_VALUES[value], language)
        if value in MISSING_TEXTS:  # a missing value a page turned into text
            return DASH
    return value


def _cell_text(value: object, language: str) -> str:
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d" if value == value.normalize() else "%Y-%m-%d %H:%M")
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell_text(v, language) for v in value)
    return format_table_number(value, language=language)


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
    """A read-only table; text is never rendered as HTML or Markdown; numbers and missing
    values shown as :func:`table_display` writes them."""
    from opsdash.ui.context import page_context

    st.dataframe(
        table_display(frame, page_context().language), hide_index=True, width="stretch", **kwargs
    )


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
