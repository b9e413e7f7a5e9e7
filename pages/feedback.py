"""Feedback page (用户反馈): volume, ratings, NPS, CSAT, sentiment, keywords and themes of the
period, and the digest for the product team. Numbers come from
opsdash.metrics.feedback.feedback_report; feedback text is shown only in tables and as plain
text, never as HTML or Markdown."""

import pandas as pd
import streamlit as st

from opsdash.charts import feedback as charts
from opsdash.errors import UserError
from opsdash.feedback.digest import digest_csv, digest_markdown
from opsdash.feedback.themes import (
    Theme,
    load_dictionary,
    load_themes,
    parse_keywords,
    save_dictionary,
    save_themes,
)
from opsdash.formatting import escape_markdown, format_money, format_number, format_percent
from opsdash.metrics.feedback import DIMENSIONS, feedback_report
from opsdash.ui.annotations import annotation_editor
from opsdash.ui.auth import allowed
from opsdash.ui.components import Kpi, chart, kpi_row, require_data, table
from opsdash.ui.context import page_context

ctx = page_context()
t = ctx.t
filters = ctx.filters
st.title(t("feedback.title"))
st.caption(t("feedback.caption"))
require_data(ctx)

report = ctx.cached(feedback_report, filters=filters)
if report.items == 0:
    st.info(t("feedback.no_items"), icon=":material/forum:")
    st.stop()


def missing(value) -> str:
    return t("feedback.none") if value is None or value != value else str(value)


def change_text(value) -> str:
    return "–" if value is None or value != value else f"{value * 100:+.1f}%"


# ------------------------------------------------------------------------- key numbers
nps = report.nps
kpi_row(
    ctx,
    [
        Kpi(t("feedback.kpi.items"), report.items, report.previous_items),
        Kpi(t("feedback.kpi.nps"), nps.score, decimals=1, help=t("feedback.help.nps")),
        Kpi(t("feedback.kpi.csat"), report.csat, kind="percent", help=t("feedback.help.csat")),
        Kpi(
            t("feedback.kpi.rating"),
            report.rating_average,
            decimals=2,
            help=t("feedback.help.rating"),
        ),
        Kpi(
            t("feedback.kpi.positive"),
            report.sentiment["positive"],
            kind="percent",
            help=t("feedback.help.sentiment"),
        ),
        Kpi(
            t("feedback.kpi.negative"),
            report.sentiment["negative"],
            kind="percent",
            help=t("feedback.help.sentiment"),
        ),
    ],
    per_row=3,
)
if nps.score is not None:
    st.caption(
        t(
            "feedback.nps_interval",
            low=format_number(nps.low, decimals=1),
            high=format_number(nps.high, decimals=1),
            responses=format_number(nps.responses),
            promoters=format_number(nps.promoters),
            passives=format_number(nps.passives),
            detractors=format_number(nps.detractors),
        )
    )
basis = ", ".join(
    f"{t(f'feedback.basis.{name}')} {format_number(count)}"
    for name, count in sorted(report.basis_counts.items())
)
st.caption(t("feedback.basis_caption", basis=basis))

# ------------------------------------------------------------------------------ volume
st.subheader(t("feedback.volume.title"), help=t("feedback.help.volume"))
if len(report.volume):
    chart(
        charts.volume_trend(
            report.volume, title=t("feedback.volume.trend"), y_title=t("feedback.kpi.items")
        ),
        key="feedback_volume",
    )
tabs = st.tabs([t(f"feedback.dimension.{name}") for name in DIMENSIONS])
for tab, name in zip(tabs, DIMENSIONS, strict=True):
    with tab:
        frame = report.dimensions[name]
        shown = pd.DataFrame(
            {
                t(f"feedback.dimension.{name}"): frame["value"].map(missing),
                t("feedback.kpi.items"): frame["items"],
                t("feedback.column.previous"): frame["previous"],
                t("feedback.column.change"): frame["change"].map(change_text),
            }
        )
        table(shown)

# ----------------------------------------------------------------------------- ratings
if len(report.ratings):
    st.subheader(t("feedback.ratings.title"), help=t("feedback.help.rating"))
    ratings = report.ratings.assign(label=report.ratings["rating"].map(lambda r: f"{r:g} ★"))
    chart(
        charts.bars(
            ratings,
            label="label",
            value="items",
            title=t("feedback.ratings.distribution"),
            value_title=t("feedback.kpi.items"),
        ),
        key="feedback_ratings",
    )

# ---------------------------------------------------------------------------- keywords
st.subheader(t("feedback.keywords.title"), help=t("feedback.help.keywords"))
keywords = report.keywords
if keywords.empty:
    st.info(t("feedback.keywords.none"))
else:
    table(
        pd.DataFrame(
            {
                t("feedback.column.term"): keywords["term"],
                t("feedback.column.count"): keywords["count"],
                t("feedback.column.previous"): keywords["previous"],
                t("feedback.column.g2"): keywords["g2"].round(1),
                t("feedback.column.rising"): keywords["rising"].map(
                    lambda rising: t("feedback.rising_yes") if rising else ""
                ),
            }
        )
    )
    term = st.selectbox(
        t("feedback.keywords.pick"), keywords["term"].tolist(), key="feedback_keyword"
    )
    trend = report.keyword_trend[report.keyword_trend["term"] == term]
    if len(trend):
        chart(
            charts.volume_trend(
                trend.rename(columns={"day": "period"}),
                title=t("feedback.keywords.trend", term=term),
                y_title=t("feedback.kpi.items"),
            ),
            key="feedback_keyword_trend",
        )
    for quote in report.keyword_quotes.get(term, ()):
        st.text(quote)

# ------------------------------------------------------------------------------ themes
st.subheader(t("feedback.themes.title"), help=t("feedback.help.themes"))
themes_frame = pd.DataFrame(
    {
        t("feedback.column.theme"): [theme.name for theme in report.themes],
        t("feedback.column.keywords"): ["、".join(theme.keywords) for theme in report.themes],
        t("feedback.kpi.items"): [theme.count for theme in report.themes],
        t("feedback.column.previous"): [theme.previous for theme in report.themes],
        t("feedback.column.change"): [change_text(theme.change) for theme in report.themes],
        t("feedback.column.negative_share"): [
            format_percent(theme.negative_share) if theme.negative_share is not None else "–"
            for theme in report.themes
        ],
    }
)
table(themes_frame)
if len(report.theme_trend):
    chart(
        charts.theme_lines(
            report.theme_trend,
            title=t("feedback.themes.trend"),
            y_title=t("feedback.kpi.items"),
            legend=t("feedback.column.theme"),
        ),
        key="feedback_theme_trend",
    )
for theme in report.themes:
    if theme.quotes:
        with st.expander(
            t("feedback.themes.quotes", theme=escape_markdown(theme.name), count=theme.count)
        ):
            for quote in theme.quotes:
                st.text(quote)
if len(report.theme_versions):
    st.caption(t("feedback.themes.by_version"))
    versions = report.theme_versions
    table(
        pd.DataFrame(
            {
                t("feedback.column.theme"): versions["theme"],
                t("feedback.dimension.version"): versions["version"].map(missing),
                t("feedback.kpi.items"): versions["items"],
                t("feedback.column.negative_share"): versions["negative_share"].map(format_percent),
            }
        )
    )
if len(report.suggestions):
    st.caption(t("feedback.themes.suggestions"))
    table(
        pd.DataFrame(
            {
                t("feedback.column.term_pair"): report.suggestions["term_a"]
                + " + "
                + report.suggestions["term_b"],
                t("feedback.kpi.items"): report.suggestions["items"],
            }
        )
    )

if allowed("import"):
    with st.expander(t("feedback.themes.edit")):
        stored = load_themes(ctx.engine)
        edited = st.data_editor(
            pd.DataFrame(
                {
                    "name": [theme.name for theme in stored],
                    "keywords": [", ".join(theme.keywords) for theme in stored],
                }
            ),
            column_config={
                "name": st.column_config.TextColumn(t("feedback.column.theme")),
                "keywords": st.column_config.TextColumn(
                    t("feedback.column.keywords"), help=t("feedback.themes.keywords_help")
                ),
            },
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            key="feedback_theme_editor",
        )
        dictionary = st.text_area(
            t("feedback.dictionary"),
            value="\n".join(load_dictionary(ctx.engine)),
            help=t("feedback.dictionary_help"),
            key="feedback_dictionary",
        )
        if st.button(t("feedback.themes.save"), key="feedback_theme_save"):
            themes = [
                Theme(str(row["name"] or "").strip(), parse_keywords(str(row["keywords"] or "")))
                for row in edited.to_dict("records")
                if str(row.get("name") or "").strip() or str(row.get("keywords") or "").strip()
            ]
            try:
                save_themes(ctx.engine, themes)
                save_dictionary(ctx.engine, parse_keywords(dictionary))
            except UserError as error:
                st.error(ctx.error_text(error), icon=":material/error:")
            else:
                st.rerun()

# --------------------------------------------------------------------------- behaviour
if len(report.behaviour):
    st.subheader(t("feedback.behaviour.title"), help=t("feedback.help.behaviour"))
    behaviour = report.behaviour
    table(
        pd.DataFrame(
            {
                t("feedback.behaviour.group"): behaviour["group"].map(
                    lambda group: t(f"feedback.behaviour.{group}")
                ),
                t("feedback.behaviour.users"): behaviour["users"],
                t("feedback.behaviour.retained"): behaviour["retained"].map(format_percent),
                t("feedback.behaviour.revenue"): behaviour["revenue_per_user"].map(
                    lambda value: format_money(value, symbol=ctx.settings.currency_symbol)
                ),
            }
        )
    )

# ------------------------------------------------------------------------------ digest
st.subheader(t("feedback.digest.title"), help=t("feedback.help.digest"))
stem = f"feedback_digest_{report.start}_{report.end}"
left, right = st.columns(2)
with left:
    st.download_button(
        t("feedback.digest.download_md"),
        data=digest_markdown(report, t, language=ctx.language).encode("utf-8"),
        file_name=f"{stem}.md",
        mime="text/markdown",
        key="feedback_digest_md",
        icon=":material/download:",
    )
with right:
    st.download_button(
        t("feedback.digest.download_csv"),
        data=digest_csv(report, t),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="feedback_digest_csv",
        icon=":material/download:",
    )

# ------------------------------------------------------------------ annotations (时间标注)
annotation_editor(ctx, key="feedback")
