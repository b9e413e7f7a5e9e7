"""A/B test page: conversion and continuous metrics, checks, planning, a summary to copy.

Thin: statistics from opsdash.abtest (methods documented there and in the help texts), charts
from opsdash.charts.abtest. Sources: numbers typed in, an experiment from the store, or an
uploaded per-user file."""

import pandas as pd
import streamlit as st

from opsdash.abtest import data as abdata
from opsdash.abtest.analysis import analyse_conversions, analyse_means, sequential_frame
from opsdash.abtest.checks import SRM_THRESHOLD
from opsdash.abtest.models import MeanStats, Proportion
from opsdash.abtest.planning import (
    mde_for_sample_size,
    sample_size_means,
    sample_size_proportions,
)
from opsdash.abtest.summary import markdown_summary, mean_verdict, proportion_verdict
from opsdash.charts import abtest as charts
from opsdash.errors import UserError
from opsdash.formatting import escape_markdown
from opsdash.ui.components import chart, download_csv, table
from opsdash.ui.context import page_context

ctx = page_context()
t = ctx.t
NONE = "—"
st.title(t("abtest.title"))
st.caption(t("abtest.caption"))


@st.cache_data(show_spinner=False, max_entries=4)
def read_upload(data: bytes, name: str, max_bytes: int) -> pd.DataFrame:
    return abdata.read_user_file(data, file_name=name, max_bytes=max_bytes)


@st.cache_data(show_spinner=False, max_entries=8)
def prepare_upload(data: bytes, name: str, max_bytes: int, columns: tuple) -> object:
    frame = read_upload(data, name, max_bytes)
    options = dict(columns)
    users, report = abdata.clean_user_frame(frame, **options)
    return abdata.summarise_users(users, report=report, has_value=options["value"] is not None)


def pct(value, decimals=2):
    return "–" if value is None else f"{value * 100:.{decimals}f}%"


# --- options shared by every test --------------------------------------------------------------
with st.container(border=True):
    cols = st.columns(4)
    alpha = cols[0].selectbox(
        t("abtest.alpha"), [0.05, 0.01, 0.10], key="abtest_alpha", help=t("abtest.help.alpha")
    )
    alternative = cols[1].selectbox(
        t("abtest.alternative"),
        ["two-sided", "greater", "less"],
        format_func=lambda v: t(f"abtest.alternative.{v}"),
        key="abtest_alternative",
        help=t("abtest.help.alternative"),
    )
    correction = cols[2].selectbox(
        t("abtest.correction"),
        ["holm", "bh", "none"],
        format_func=lambda v: t(f"abtest.correction.{v}"),
        key="abtest_correction",
        help=t("abtest.help.correction"),
    )
    weights_text = cols[3].text_input(
        t("abtest.weights"),
        key="abtest_weights",
        placeholder="50,50",
        help=t("abtest.help.weights"),
    )

weights = None
if weights_text.strip():
    try:
        weights = [float(w) for w in weights_text.replace("，", ",").split(",") if w.strip()]
    except ValueError:
        st.warning(t("abtest.bad_weights"), icon=":material/warning:")

tab_conv, tab_mean, tab_plan = st.tabs(
    [t("abtest.tab.conversion"), t("abtest.tab.continuous"), t("abtest.tab.planning")]
)

# --- source of the experiment ------------------------------------------------------------------
SOURCES = ["manual", "store", "upload"]
with tab_conv:
    source = st.radio(
        t("abtest.source"),
        SOURCES,
        format_func=lambda v: t(f"abtest.source.{v}"),
        horizontal=True,
        key="abtest_source",
    )
    experiment = None  # ExperimentData from the store or a file
    converted_col = NONE
    names: list[str] = []
    proportions: list[Proportion] = []
    if source == "manual":
        count = st.number_input(
            t("abtest.variants"), min_value=2, max_value=5, value=2, key="abtest_variants"
        )
        entered = True  # inputs start empty: nothing is concluded from numbers not typed
        for index in range(int(count)):
            c1, c2, c3 = st.columns([2, 2, 2])
            label = t("abtest.control_label") if index == 0 else t("abtest.variant_n", n=index)
            name = c1.text_input(
                label, value=chr(ord("A") + index), key=f"abtest_name_{index}"
            ).strip() or chr(ord("A") + index)
            visitors = c2.number_input(
                t("abtest.visitors"),
                min_value=0,
                value=None,
                step=100,
                placeholder=t("abtest.placeholder.visitors"),
                key=f"abtest_visitors_{index}",
            )
            conversions = c3.number_input(
                t("abtest.conversions"),
                min_value=0,
                value=None,
                step=10,
                placeholder=t("abtest.placeholder.conversions"),
                key=f"abtest_conversions_{index}",
            )
            names.append(name)
            if visitors is None or conversions is None:
                entered = False
            else:
                proportions.append(Proportion(n=int(visitors), conversions=int(conversions)))
        if not entered:
            proportions = []
            st.info(t("abtest.enter_numbers"), icon=":material/edit:")
        if len(set(names)) != len(names):
            names = [f"{n} ({i + 1})" for i, n in enumerate(names)]
    elif source == "store":
        available = ctx.cached(abdata.experiment_names)
        if not available:
            st.info(t("abtest.no_experiments"), icon=":material/inbox:")
        else:
            chosen = st.selectbox(t("abtest.experiment"), available, key="abtest_experiment")
            try:
                experiment = ctx.cached(abdata.load_experiment, experiment=chosen)
            except UserError as error:
                st.warning(ctx.error_text(error), icon=":material/warning:")
    else:
        upload = st.file_uploader(
            t("abtest.upload"),
            type=["csv", "tsv", "txt", "xlsx"],
            key="abtest_upload",
            help=t("abtest.help.upload"),
        )
        if upload is not None:
            raw = upload.getvalue()
            limit = ctx.settings.max_upload_mb * 1_000_000
            try:
                frame = read_upload(raw, upload.name, limit)
            except UserError as error:
                st.error(ctx.error_text(error), icon=":material/error:")
                frame = None
            if frame is not None:
                guess = abdata.guess_columns(frame)
                columns = [NONE, *frame.columns]
                # Widget keys carry the file's identity: a new file starts from fresh guesses.
                file_key = f"{upload.name}:{len(raw)}"

                def pick(label_key, default, key, options=columns):
                    index = options.index(default) if default in options else 0
                    return st.selectbox(t(label_key), options, index=index, key=f"{key}:{file_key}")

                c1, c2, c3 = st.columns(3)
                with c1:
                    user_col = pick("abtest.col_user", guess.user, "abtest_up_user")
                    variant_col = pick("abtest.col_variant", guess.variant, "abtest_up_variant")
                with c2:
                    conv_default = guess.converted[0] if guess.converted else None
                    converted_col = pick("abtest.col_converted", conv_default, "abtest_up_conv")
                    value_col = pick("abtest.col_value", guess.value, "abtest_up_value")
                with c3:
                    covariate_col = pick("abtest.col_covariate", guess.covariate, "abtest_up_cov")
                    consistency_col = pick(
                        "abtest.col_consistency", guess.consistency, "abtest_up_consistency"
                    )
                time_col = guess.time
                if NONE in (user_col, variant_col) or (converted_col == NONE and value_col == NONE):
                    st.info(t("abtest.pick_columns"), icon=":material/info:")
                else:
                    options = (
                        ("user", user_col),
                        ("variant", variant_col),
                        ("converted", None if converted_col == NONE else converted_col),
                        ("value", None if value_col == NONE else value_col),
                        ("covariate", None if covariate_col == NONE else covariate_col),
                        ("consistency", None if consistency_col == NONE else consistency_col),
                        ("time", time_col),
                    )
                    try:
                        with st.spinner(t("abtest.cleaning")):
                            experiment = prepare_upload(raw, upload.name, limit, options)
                    except UserError as error:
                        st.error(ctx.error_text(error), icon=":material/error:")
                    if experiment is not None:
                        report = experiment.report
                        st.caption(
                            t(
                                "abtest.cleaning_report",
                                rows_in=f"{report.rows_in:,}",
                                missing=f"{report.missing_key_rows:,}",
                                inconsistent=f"{report.inconsistent_rows:,}",
                                mixed=f"{report.multi_variant_users:,}",
                                duplicates=f"{report.duplicate_rows:,}",
                                bad=f"{report.bad_converted_rows:,}",
                                rows_out=f"{report.rows_out:,}",
                            )
                        )
    if experiment is not None:
        names = list(experiment.names)
        proportions = list(experiment.proportions)
        st.caption(t("abtest.control_is", name=escape_markdown(names[0])))

    # --- conversion results --------------------------------------------------------------------
    analysis = None
    has_conversions = source != "upload" or (experiment is not None and converted_col != NONE)
    if len(proportions) >= 2 and has_conversions:
        analysis = analyse_conversions(
            names,
            proportions,
            alpha=alpha,
            alternative=alternative,
            correction=correction,
            weights=weights if weights and len(weights) == len(proportions) else None,
        )
    if source == "upload" and experiment is not None and converted_col == NONE:
        st.info(t("abtest.no_converted_column"), icon=":material/info:")
    if analysis is not None and analysis.errors:
        for code in analysis.errors:
            st.error(t(f"abtest.error.{code}"), icon=":material/error:")
    elif analysis is not None:
        st.subheader(t("abtest.section.result"), help=t("abtest.help.result"))
        for name, result in zip(names[1:], analysis.results, strict=True):
            text = proportion_verdict(
                result,
                name_a=escape_markdown(names[0]),
                name_b=escape_markdown(name),
                language=ctx.language,
            )
            if result.significant and (result.abs_diff or 0) > 0:
                st.success(text, icon=":material/trending_up:")
            elif result.significant:
                st.warning(text, icon=":material/trending_down:")
            else:
                st.info(text, icon=":material/remove:")
        frame = analysis.table()
        percent_columns = (
            "rate",
            "abs_diff",
            "ci_low",
            "ci_high",
            "rel_lift",
            "rel_low",
            "rel_high",
            "prob_beats",
        )
        config = {}
        for column in frame.columns:
            label = t(f"abtest.table.{column}")
            help_text = t(f"abtest.table_help.{column}")
            if column in percent_columns:
                config[column] = st.column_config.NumberColumn(
                    label, format="percent", help=help_text
                )
            elif column in ("users", "conversions"):
                config[column] = st.column_config.NumberColumn(
                    label, format="localized", help=help_text
                )
            elif column == "variant":
                config[column] = st.column_config.TextColumn(label)
            else:
                config[column] = st.column_config.NumberColumn(label, format="%.4f", help=help_text)
        table(frame, column_config=config)
        download_csv(ctx, frame, file_name="abtest_conversion.csv", key="abtest_download_conv")
        c1, c2 = st.columns(2)
        with c1:
            chart(
                charts.interval_chart(
                    analysis.intervals(),
                    title=t("abtest.chart.intervals"),
                    axis_title=t("abtest.chart.diff_axis"),
                ),
                key="abtest_chart_intervals",
            )
        with c2:
            chart(
                charts.posterior_chart(
                    analysis.posteriors(),
                    title=t("abtest.chart.posteriors"),
                    axis_title=t("abtest.col.rate"),
                ),
                key="abtest_chart_posteriors",
            )
        st.caption(t("abtest.bayes_note"))

        # --- checks ----------------------------------------------------------------------------
        st.subheader(t("abtest.section.checks"), help=t("abtest.help.checks"))
        srm = analysis.srm
        if srm.error:
            st.warning(t(f"abtest.error.{srm.error}"), icon=":material/warning:")
        elif srm.mismatch:
            st.warning(
                t("abtest.srm.mismatch", chi2=f"{srm.chi2:.2f}", p=f"{srm.p_value:.2g}"),
                icon=":material/warning:",
            )
        else:
            st.success(
                t(
                    "abtest.srm.ok",
                    chi2=f"{srm.chi2:.2f}",
                    p=f"{srm.p_value:.3f}",
                    threshold=SRM_THRESHOLD,
                ),
                icon=":material/check_circle:",
            )
        for code in analysis.warnings:
            st.warning(t(f"abtest.warning.{code}"), icon=":material/warning:")
        st.caption(
            t(
                "abtest.sidedness",
                alternative=t(f"abtest.alternative.{alternative}"),
                level=round((analysis.results[0].ci_level or 0.95) * 100),
            )
        )
        if len(names) > 2:
            st.caption(t("abtest.multiple", correction=t(f"abtest.correction.{correction}")))
        st.info(t("abtest.peeking"), icon=":material/visibility:")
        if experiment is not None and not experiment.daily.empty:
            chart(
                charts.sequential_chart(
                    sequential_frame(experiment),
                    title=t("abtest.chart.sequential"),
                    axis_title=t("abtest.col.sequential_p"),
                    alpha=alpha,
                ),
                key="abtest_chart_sequential",
            )

# --- continuous metric ---------------------------------------------------------------------------
mean_analysis = None
with tab_mean:
    st.caption(t("abtest.continuous_caption"))
    mean_names: list[str] = []
    mean_stats: list[MeanStats] = []
    cuped_stats = None
    if experiment is not None and experiment.values is not None:
        mean_names, mean_stats = list(experiment.names), list(experiment.values)
        st.caption(t("abtest.values_from_data"))
        if experiment.cuped is not None and st.toggle(
            t("abtest.cuped"), value=True, key="abtest_cuped", help=t("abtest.help.cuped")
        ):
            cuped_stats = experiment.cuped
    else:
        mode = st.radio(
            t("abtest.mean_input"),
            ["summary", "raw"],
            format_func=lambda v: t(f"abtest.mean_input.{v}"),
            horizontal=True,
            key="abtest_mean_mode",
        )
        count = st.number_input(
            t("abtest.variants"), min_value=2, max_value=5, value=2, key="abtest_mean_variants"
        )
        missing_means = False
        for index in range(int(count)):
            name = names[index] if index < len(names) else chr(ord("A") + index)
            mean_names.append(name)
            if mode == "summary":
                c1, c2, c3 = st.columns(3)
                mean = c1.number_input(
                    f"{name} · {t('abtest.col.mean')}",
                    value=None,
                    placeholder=t("abtest.placeholder.mean"),
                    key=f"abtest_mean_{index}",
                )
                sd = c2.number_input(
                    f"{name} · {t('abtest.col.sd')}",
                    min_value=0.0,
                    value=None,
                    placeholder=t("abtest.placeholder.sd"),
                    key=f"abtest_sd_{index}",
                )
                n = c3.number_input(
                    f"{name} · {t('abtest.col.users')}",
                    min_value=0,
                    value=None,
                    step=100,
                    placeholder=t("abtest.placeholder.visitors"),
                    key=f"abtest_n_{index}",
                )
                if None in (mean, sd, n):
                    missing_means = True
                else:
                    mean_stats.append(MeanStats(n=int(n), mean=float(mean), sd=float(sd)))
            else:
                text = st.text_area(
                    f"{name} · {t('abtest.raw_values')}", key=f"abtest_raw_{index}", height=80
                )
                cells = [c for c in text.replace("\n", ",").replace("，", ",").split(",")]
                values, bad = [], 0
                for cell in cells:
                    if cell.strip():
                        try:
                            values.append(float(cell))
                        except ValueError:
                            bad += 1
                if bad:
                    st.warning(t("abtest.raw_bad", count=bad), icon=":material/warning:")
                if values:
                    mean_stats.append(MeanStats.from_values(values))
                else:
                    missing_means = True
        if missing_means:
            mean_stats = []
            st.info(t("abtest.enter_numbers"), icon=":material/edit:")
    if len(mean_stats) >= 2:
        mean_analysis = analyse_means(
            mean_names,
            mean_stats,
            alpha=alpha,
            alternative=alternative,
            correction=correction,
            cuped=cuped_stats,
        )
        if mean_analysis.errors:
            for code in mean_analysis.errors:
                st.warning(t(f"abtest.error.{code}"), icon=":material/warning:")
        else:
            for name, result in zip(mean_names[1:], mean_analysis.results, strict=True):
                text = mean_verdict(
                    result,
                    name_a=escape_markdown(mean_names[0]),
                    name_b=escape_markdown(name),
                    language=ctx.language,
                )
                (st.success if result.significant else st.info)(text)
            if mean_analysis.cuped is not None and mean_analysis.cuped.error is None:
                st.caption(
                    t(
                        "abtest.cuped_result",
                        theta=f"{mean_analysis.cuped.theta:.4f}",
                        reduction=pct(mean_analysis.cuped.variance_reduction, 1),
                    )
                )
            frame = mean_analysis.table()
            number_formats = {"users": "localized", "df": "%.1f"}
            config = {
                column: st.column_config.NumberColumn(
                    t(f"abtest.table.{column}"),
                    format="percent"
                    if column.startswith("rel_")
                    else number_formats.get(column, "%.4f"),
                    help=t(f"abtest.table_help.{column}"),
                )
                for column in frame.columns
                if column != "variant"
            }
            config["variant"] = st.column_config.TextColumn(t("abtest.table.variant"))
            table(frame, column_config=config)
            download_csv(ctx, frame, file_name="abtest_means.csv", key="abtest_download_means")
            chart(
                charts.interval_chart(
                    mean_analysis.intervals(),
                    title=t("abtest.chart.mean_intervals"),
                    axis_title=t("abtest.col.diff"),
                    percent=False,
                ),
                key="abtest_chart_means",
            )

# --- planning ------------------------------------------------------------------------------------
with tab_plan:
    st.caption(t("abtest.plan_caption"))
    c1, c2, c3 = st.columns(3)
    baseline = c1.number_input(
        t("abtest.plan.baseline"),
        min_value=0.01,
        max_value=99.99,
        value=10.0,
        step=0.5,
        key="abtest_plan_baseline",
        help=t("abtest.help.baseline"),
    )
    mde_kind = c2.radio(
        t("abtest.plan.mde_kind"),
        ["absolute", "relative"],
        format_func=lambda v: t(f"abtest.plan.mde_kind.{v}"),
        key="abtest_plan_mde_kind",
        help=t("abtest.help.mde"),
    )
    mde_input = c3.number_input(
        t(f"abtest.plan.mde.{mde_kind}"),
        value=1.0 if mde_kind == "absolute" else 10.0,
        step=0.1,
        key=f"abtest_plan_mde_{mde_kind}",
    )
    c1, c2, c3, c4 = st.columns(4)
    plan_alpha = c1.selectbox(t("abtest.alpha"), [0.05, 0.01, 0.10], key="abtest_plan_alpha")
    plan_power = c2.selectbox(t("abtest.plan.power"), [0.8, 0.9, 0.95], key="abtest_plan_power")
    plan_variants = c3.number_input(
        t("abtest.variants"), min_value=2, max_value=5, value=2, key="abtest_plan_variants"
    )
    traffic = c4.number_input(
        t("abtest.plan.traffic"),
        min_value=0,
        value=2000,
        step=100,
        key="abtest_plan_traffic",
        help=t("abtest.help.traffic"),
    )
    sides = st.radio(
        t("abtest.plan.sides"),
        ["two-sided", "one-sided"],
        format_func=lambda v: t(f"abtest.plan.sides.{v}"),
        horizontal=True,
        key="abtest_plan_sides",
    )
    plan = sample_size_proportions(
        baseline=baseline / 100,
        mde=mde_input / 100,
        relative=mde_kind == "relative",
        alpha=plan_alpha,
        power=plan_power,
        sides=sides,
        variants=int(plan_variants),
        daily_traffic=float(traffic) or None,
    )
    if plan.error:
        st.warning(t(f"abtest.error.{plan.error}"), icon=":material/warning:")
    else:
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(t("abtest.plan.per_variant"), f"{plan.per_variant:,}", border=True)
        m2.metric(t("abtest.plan.total"), f"{plan.total:,}", border=True)
        m3.metric(
            t("abtest.plan.days"), "–" if plan.days is None else f"{plan.days:,}", border=True
        )
        m4.metric(
            t("abtest.plan.target"), pct(plan.target), border=True, help=t("abtest.help.target")
        )
        st.caption(
            t(
                "abtest.plan.both_mdes",
                absolute=f"{plan.abs_mde * 100:+.2f}",
                relative=f"{plan.rel_mde * 100:+.1f}",
                baseline=pct(plan.baseline),
                target=pct(plan.target),
            )
        )
        st.caption(t("abtest.plan.formula", formula=f"`{plan.formula}`"))
        if plan.variants > 2:
            st.caption(t("abtest.plan.bonferroni", alpha=f"{plan.alpha_per_comparison:.4g}"))
    st.subheader(t("abtest.plan.inverse"), help=t("abtest.help.inverse"))
    users_available = st.number_input(
        t("abtest.plan.users_available"),
        min_value=1,
        value=5000,
        step=500,
        key="abtest_plan_users",
    )
    inverse = mde_for_sample_size(
        baseline=baseline / 100,
        per_variant=float(users_available),
        alpha=plan_alpha,
        power=plan_power,
        sides=sides,
        variants=int(plan_variants),
    )
    if inverse.error:
        st.warning(t(f"abtest.error.{inverse.error}"), icon=":material/warning:")
    else:
        st.write(
            t(
                "abtest.plan.inverse_result",
                absolute=f"{inverse.abs_mde * 100:.2f}",
                relative=f"{inverse.rel_mde * 100:.1f}",
                target=pct(inverse.target),
            )
        )

    st.subheader(t("abtest.plan.means"), help=t("abtest.help.plan_means"))
    c1, c2, c3 = st.columns(3)
    mean_baseline = c1.number_input(
        t("abtest.plan.mean_baseline"), value=50.0, key="abtest_plan_mean_baseline"
    )
    mean_sd = c2.number_input(
        t("abtest.col.sd"), min_value=0.0, value=40.0, key="abtest_plan_mean_sd"
    )
    mean_mde = c3.number_input(
        t("abtest.plan.mean_mde"), value=2.0, step=0.5, key="abtest_plan_mean_mde"
    )
    mean_plan = sample_size_means(
        baseline_mean=mean_baseline,
        sd=mean_sd,
        mde=mean_mde,
        alpha=plan_alpha,
        power=plan_power,
        sides=sides,
        variants=int(plan_variants),
        daily_traffic=float(traffic) or None,
    )
    if mean_plan.error:
        st.warning(t(f"abtest.error.{mean_plan.error}"), icon=":material/warning:")
    else:
        m1, m2, m3 = st.columns(3)
        m1.metric(t("abtest.plan.per_variant"), f"{mean_plan.per_variant:,}", border=True)
        m2.metric(t("abtest.plan.total"), f"{mean_plan.total:,}", border=True)
        m3.metric(
            t("abtest.plan.days"),
            "–" if mean_plan.days is None else f"{mean_plan.days:,}",
            border=True,
        )
        relative = "–" if mean_plan.rel_mde is None else f"{mean_plan.rel_mde * 100:+.1f}"
        st.caption(t("abtest.plan.mean_mdes", absolute=f"{mean_mde:+g}", relative=relative))
        st.caption(t("abtest.plan.formula", formula=f"`{mean_plan.formula}`"))

# --- summary to copy -----------------------------------------------------------------------------
if analysis is not None and not analysis.errors:
    st.subheader(t("abtest.section.summary"), help=t("abtest.help.summary"))
    extra = []
    same_data = source == "manual" or (experiment is not None and experiment.values is not None)
    if mean_analysis is not None and not mean_analysis.errors and same_data:
        extra = [
            t("abtest.summary.continuous")
            + mean_verdict(r, name_a=mean_analysis.names[0], name_b=n, language=ctx.language)
            for n, r in zip(mean_analysis.names[1:], mean_analysis.results, strict=True)
        ]
    markdown = markdown_summary(
        names=names,
        results=analysis.results,
        bayes=analysis.bayes,
        srm=analysis.srm,
        warnings=analysis.warnings,
        extra_lines=extra,
        language=ctx.language,
    )
    st.code(markdown, language="markdown")
