"""Data (数据): what the store holds, import a file (preview, mapping, validation, import),
the import history with undo, demo data."""

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from opsdash.demo import load_demo
from opsdash.errors import UserError
from opsdash.formatting import escape_markdown
from opsdash.ingest import (
    ColumnMap,
    list_batches,
    prepare_import,
    undo_batch,
    undo_plan,
    write_import,
)
from opsdash.ingest.fields import KINDS, field_label, field_specs
from opsdash.ingest.mapping import guess_kind, list_mappings, load_mapping, save_mapping
from opsdash.ingest.pipeline import (
    ambiguous_columns,
    complete_columns,
    has_properties,
    preview_properties,
    property_renames,
    with_cumulative,
)
from opsdash.ingest.read import read_table
from opsdash.ingest.undoinfo import undo_preview
from opsdash.store.currency import CHOICES as CURRENCY_CHOICES
from opsdash.store.data import demo_state, remove_demo
from opsdash.store.summary import dataset_counts
from opsdash.timeutil import today
from opsdash.ui.auth import allowed, require
from opsdash.ui.components import download_csv, table
from opsdash.ui.context import page_context

PREVIEW_ROWS = 20
SHOWN_PROBLEMS = 50
DEMO_USERS, DEMO_DAYS = 20_000, 180
DATE_KINDS = ("content_stats", "campaign_stats", "channel_stats")

ctx = page_context()
t = ctx.t
st.title(t("data.title"))

# ------------------------------------------------------------------ what the store holds
st.subheader(t("common.section.summary"))
counts = ctx.cached(dataset_counts)
counts["dataset"] = counts["dataset"].map(lambda kind: t(f"data.kind.{kind}"))
table(counts.rename(columns={"dataset": t("common.dataset"), "rows": t("common.rows")}))


UNDO_PENDING = "data_undo_pending"  # the batch whose undo waits for a confirmation


def progress_reporter(status):
    """A ``progress(stage, rows)`` callback for the import pipeline that shows each stage
    (rows read, validated, being written, written) in ``status`` (an st.status box)."""

    def report(stage: str, rows: int) -> None:
        text = t(f"data.progress.{stage}", rows=f"{rows:,}")
        status.update(label=text)
        status.write(text)

    return report


def kind_label(kind: str) -> str:
    return t(f"data.kind.{kind}")


def _undo_rows_text(counts: dict[str, int]) -> str:
    """Row counts per kind, e.g. "120 行用户、3,400 行事件"."""
    parts = (t("data.undo.rows", rows=f"{n:,}", kind=kind_label(k)) for k, n in counts.items())
    return t("common.list_sep").join(parts) or t("data.undo.no_rows")


def problem_text(problem) -> str:
    """A problem in the user's language (the library's English text for unreadable lines)."""
    key = f"data.problem.{problem.code}"
    translated = t(key, value=problem.value)
    return problem.message if translated == key else translated


def choose_currency(prepared) -> str | None:
    """The currency choice in the preview: None keeps the detected currency."""
    if not prepared.has_money:
        return None
    guess, stored = prepared.currency, ctx.currency
    if stored and guess.code and guess.code != stored:
        st.warning(
            t(
                "data.currency.mismatch",
                file_currency=escape_markdown(", ".join(guess.codes)),
                store=escape_markdown(stored),
            ),
            icon=":material/currency_exchange:",
        )
        same = st.checkbox(
            t("data.currency.same", store=escape_markdown(stored)), key=f"cur_same_{file_key}"
        )
        return stored if same else None
    if stored:
        st.caption(
            t(
                "data.currency.detected",
                code=escape_markdown(stored),
                how=t("data.currency.source.store"),
            )
        )
        return None
    if guess.sure:
        how = t(f"data.currency.source.{guess.source}")
        st.caption(t("data.currency.detected", code=escape_markdown(guess.code), how=how))
        return None
    st.caption(t("data.currency.unsure"))
    options = ["", *CURRENCY_CHOICES]
    choice = st.selectbox(
        t("data.currency.label"),
        options,
        index=options.index(guess.code) if guess.code in options else 0,
        format_func=lambda code: code or t("data.currency.unknown"),
        help=t("data.currency.help"),
        key=f"currency_{file_key}_{kind}",
    )
    return choice or None


def show_result(result) -> None:
    if result.rejected:
        st.error(t("data.import.rejected", bad=result.rows_rejected), icon=":material/block:")
    elif result.nothing_new:
        st.info(
            t("data.import.nothing_new", duplicate=result.rows_duplicate),
            icon=":material/content_copy:",
        )
    else:
        st.success(
            t(
                "data.import.done",
                batch=result.batch_id,
                read=result.rows_read,
                imported=result.rows_imported,
                duplicate=result.rows_duplicate,
                rejected=result.rows_rejected,
            ),
            icon=":material/check_circle:",
        )


# ------------------------------------------------------------------ import a file
st.subheader(t("data.import.title"))
limit_mb = ctx.settings.max_upload_mb
upload = st.file_uploader(
    t("data.import.file"),
    type=["csv", "tsv", "txt", "xlsx"],
    help=t("data.import.help", limit=limit_mb),
    key="data_upload",
)
if "data_last_result" in st.session_state:
    show_result(st.session_state.pop("data_last_result"))
if "data_last_message" in st.session_state:
    st.success(st.session_state.pop("data_last_message"), icon=":material/check_circle:")

if upload is not None and allowed("import"):
    data = upload.getvalue()
    file_key = hashlib.sha256(data).hexdigest()[:12]
    try:
        raw = read_table(data, file_name=upload.name, max_bytes=limit_mb * 1024 * 1024)
        with st.expander(t("data.options")):
            header_choice = st.checkbox(
                t("data.has_header"), value=raw.has_header, key=f"hdr_{file_key}"
            )
            day_first = st.checkbox(t("data.day_first"), value=False, key=f"dayfirst_{file_key}")
        if header_choice != raw.has_header:
            raw = read_table(data, file_name=upload.name, has_header=header_choice)
    except UserError as error:
        st.error(ctx.error_text(error), icon=":material/error:")
        st.stop()
    st.caption(
        t(
            "data.detected",
            encoding=raw.encoding,
            delimiter=repr(raw.delimiter) if raw.delimiter else "-",
            header=t("data.header_yes" if raw.has_header else "data.header_no"),
            rows=f"{len(raw.frame):,}",
        )
    )
    if raw.replaced_characters:
        st.warning(t("data.replaced", count=raw.replaced_characters))
    st.caption(t("data.preview", rows=PREVIEW_ROWS))
    table(raw.frame.head(PREVIEW_ROWS))

    guessed = guess_kind(raw.columns) or "events"
    kind = st.selectbox(
        t("data.import.kind"),
        KINDS,
        index=KINDS.index(guessed),
        format_func=kind_label,
        help=t("data.import.kind_help"),
        key=f"kind_{file_key}",
    )

    # ---------------------------------------------------------- mapping editor
    st.markdown(f"**{t('data.mapping.title')}**", help=t("data.mapping.help"))
    saved_names = list_mappings(ctx.engine, kind)
    saved_name = st.selectbox(
        t("data.mapping.saved"),
        ["", *saved_names],
        format_func=lambda name: name or t("data.mapping.none"),
        key=f"saved_{file_key}_{kind}",
    )
    saved = load_mapping(ctx.engine, saved_name) if saved_name else ColumnMap(kind=kind)
    prefilled = complete_columns(raw.columns, saved)
    specs = field_specs(kind)
    options = ["", *(spec.name for spec in specs)]
    labels = {
        spec.name: field_label(spec.name, ctx.language, required=spec.required) for spec in specs
    }
    ignore_label = t(
        "data.mapping.keep_property" if has_properties(kind) else "data.mapping.ignore"
    )
    chosen: dict[str, str] = {}
    grid = st.columns(3)
    for position, column in enumerate(raw.columns):
        default = prefilled.get(column, "")
        chosen[column] = grid[position % 3].selectbox(
            column,
            options,
            index=options.index(default) if default in options else 0,
            format_func=lambda name: labels.get(name, ignore_label),
            key=f"map_{file_key}_{kind}_{saved_name}_{position}",
        )
    constants = dict(saved.constants)
    mapped_fields = {target for target in chosen.values() if target}
    if kind in DATE_KINDS and "date" not in mapped_fields:
        as_of = st.date_input(
            t("data.as_of_date"),
            value=today(ctx.settings.timezone) - dt.timedelta(days=1),
            key=f"asof_{file_key}",
        )
        constants["date"] = as_of.isoformat()
    if kind == "feedback" and "submitted_at" not in mapped_fields:
        submitted = st.date_input(
            t("data.feedback_date"),
            value=today(ctx.settings.timezone),
            help=t("data.feedback_date_help"),
            key=f"fbdate_{file_key}",
        )
        constants["submitted_at"] = submitted.isoformat()
    if kind == "experiment_assignments" and "experiment" not in mapped_fields:
        name = st.text_input(
            t("data.experiment_name"), value=upload.name.rsplit(".", 1)[0], key=f"exp_{file_key}"
        )
        constants["experiment"] = name
    renames = dict(saved.properties)
    if has_properties(kind):
        kept = preview_properties(raw, chosen, renames)
        if kept:
            st.markdown(f"**{t('data.properties.title')}**", help=t("data.properties.help"))
            edited = st.data_editor(
                pd.DataFrame(
                    {
                        "keep": [True] * len(kept),
                        "column": [p.source for p in kept],
                        "name": [p.name for p in kept],
                        "type": [t(f"data.property_type.{p.value_type}") for p in kept],
                    }
                ),
                column_config={
                    "keep": st.column_config.CheckboxColumn(t("data.properties.keep")),
                    "column": st.column_config.TextColumn(
                        t("data.properties.column"), disabled=True
                    ),
                    "name": st.column_config.TextColumn(t("data.properties.name")),
                    "type": st.column_config.TextColumn(t("data.properties.type"), disabled=True),
                },
                hide_index=True,
                use_container_width=True,
                key=f"props_{file_key}_{kind}_{saved_name}",
            )
            renames = property_renames(kept, edited.to_dict("records"))
    column_map = ColumnMap(
        kind=kind,
        columns={column: target for column, target in chosen.items()},
        constants=constants,
        has_header=header_choice,
        day_first=True if day_first else None,
        properties=renames,
    )
    save_columns = st.columns([3, 1], vertical_alignment="bottom")
    mapping_name = save_columns[0].text_input(t("data.mapping.save_name"), key="data_map_name")
    if save_columns[1].button(t("data.mapping.save"), key="data_map_save") and mapping_name:
        save_mapping(ctx.engine, mapping_name, column_map)
        st.toast(t("data.mapping.saved_ok", name=escape_markdown(mapping_name)))

    # ---------------------------------------------------------- validation report
    try:
        with st.status(t("data.progress.checking"), expanded=False) as checking:
            prepared = prepare_import(
                data,
                kind=kind,
                file_name=upload.name,
                timezone=ctx.settings.timezone,
                column_map=column_map,
                table=raw,
                progress=progress_reporter(checking),
            )
            checking.update(state="complete")
    except UserError as error:
        st.error(ctx.error_text(error), icon=":material/error:")
        st.stop()
    st.info(
        t(
            "data.summary",
            read=f"{prepared.rows_read:,}",
            good=f"{prepared.rows_read - prepared.rows_bad:,}",
            bad=f"{prepared.rows_bad:,}",
        )
    )
    if kind == "orders":
        st.caption(
            t(
                "data.summary.orders",
                refunds=f"{prepared.refund_lines():,}",
                left_out=f"{prepared.left_out_lines():,}",
            )
        )
    # prepared.warnings (for the CLI) repeats data.replaced, shown above in the user's language
    # one format per column (issue 18): what was decided, and columns that could be one field
    if prepared.formats:
        shown_formats = ", ".join(f"{col}: {fmt}" for col, fmt in prepared.formats.items())
        st.caption(t("data.formats", formats=escape_markdown(shown_formats)))
    for field_name, candidates in ambiguous_columns(raw.columns, ColumnMap(kind=kind)).items():
        listed = escape_markdown(", ".join(candidates))
        st.warning(t("data.ambiguous_columns", columns=listed, field=field_name))
    check = prepared.snapshot_check
    if check is not None and prepared.cumulative_source != "file":
        # daily numbers or lifetime totals? detected, the user confirms (default: detection)
        if check.detected:
            st.info(
                t("data.snapshots.detected", items=f"{check.items:,}", steps=f"{check.steps:,}"),
                icon=":material/trending_up:",
            )
        answer = st.radio(
            t("data.snapshots.question"),
            [True, False],
            index=0 if check.detected else 1,
            format_func=lambda value: t(f"data.snapshots.{'yes' if value else 'no'}"),
            help=t("data.snapshots.help"),
            horizontal=True,
            key=f"cumulative_{file_key}_{kind}",
        )
        prepared = with_cumulative(prepared, answer)
    chosen_currency = choose_currency(prepared)
    problems = prepared.problems
    if len(problems):
        shown = problems.head(SHOWN_PROBLEMS)
        st.caption(t("data.problems", shown=len(shown), total=f"{len(problems):,}"))
        table(
            pd.DataFrame(
                {
                    t("data.col.row"): shown["row"],
                    t("data.col.column"): shown["column"],
                    t("data.col.message"): [problem_text(p) for p in shown.itertuples()],
                }
            )
        )
        download_csv(
            ctx,
            problems[["row", "column", "message"]],
            file_name=f"problems-{upload.name}.csv",
            key="data_problems_csv",
        )
    option_columns = st.columns(2)
    skip = (
        option_columns[0].radio(
            t("data.bad_rows"),
            ["reject", "skip"],
            format_func=lambda choice: t(f"data.bad_rows.{choice}"),
            key="data_bad_rows",
            disabled=not len(problems),
        )
        == "skip"
    )
    mode = option_columns[1].radio(
        t("data.mode"),
        ["append", "replace"],
        format_func=lambda choice: t(f"data.mode.{choice}"),
        key="data_mode",
    )
    remove_demo_first = False
    if ctx.cached(demo_state)[0]:
        st.warning(t("data.demo.mixed"), icon=":material/science:")
        remove_demo_first = st.checkbox(
            t("data.demo.remove_first"), value=True, key="data_remove_demo"
        )
    if st.button(t("data.import.button"), type="primary", key="data_import"):
        require("import", language=ctx.language)  # refused inside the page as well
        if remove_demo_first:
            removed = remove_demo(ctx.engine)
            st.session_state["data_last_message"] = t("data.demo.removed", rows=f"{removed:,}")
        try:
            with st.status(t("data.progress.importing"), expanded=True) as importing:
                result = write_import(
                    ctx.engine,
                    prepared,
                    mode=mode,
                    skip_bad_rows=skip,
                    created_by=ctx.username,
                    currency=chosen_currency,
                    progress=progress_reporter(importing),
                )
                importing.update(state="complete")
        except UserError as error:
            st.error(ctx.error_text(error), icon=":material/error:")
            st.stop()
        st.session_state["data_last_result"] = result
        st.rerun()

# ------------------------------------------------------------------ history and undo
st.subheader(t("data.history.title"))
history = list_batches(ctx.engine, limit=200)
if history.empty:
    st.caption(t("data.history.empty"))
else:
    table(
        pd.DataFrame(
            {
                t("data.history.col.id"): history["id"],
                t("data.history.col.kind"): history["kind"].map(kind_label),
                t("data.history.col.file"): history["file_name"],
                t("data.history.col.read"): history["rows_read"],
                t("data.history.col.imported"): history["rows_imported"],
                t("data.history.col.duplicate"): history["rows_duplicate"],
                t("data.history.col.rejected"): history["rows_rejected"],
                t("data.history.col.by"): history["created_by"],
                t("data.history.col.at"): history["created_at"],
                t("data.history.col.status"): history["undone_at"]
                .isna()
                .map({True: t("data.history.active"), False: t("data.history.undone")}),
            }
        )
    )
    active = history.loc[history["undone_at"].isna(), "id"].tolist()
    if active and allowed("undo_batch"):
        undo_columns = st.columns([3, 1], vertical_alignment="bottom")
        batch = undo_columns[0].selectbox(
            t("data.undo.choose"), active, help=t("data.undo.help"), key="data_undo_batch"
        )
        if undo_columns[1].button(t("data.undo.button"), key="data_undo"):
            st.session_state[UNDO_PENDING] = int(batch)  # ask first
        pending = st.session_state.get(UNDO_PENDING)
        if pending is not None:
            try:
                question = undo_preview(ctx.engine, pending).text(ctx.language)
                plan = undo_plan(ctx.engine, pending)
                if plan.has_dependents:  # rows later batches counted stay with them
                    question += "\n\n" + t(
                        "data.undo.plan",
                        batch=pending,
                        removed=_undo_rows_text(plan.rows_removed),
                        kept=_undo_rows_text(plan.rows_kept),
                        later=", ".join(str(b) for b in plan.kept_for),
                        newest=plan.kept_for[-1],
                    )
            except UserError as error:
                st.session_state.pop(UNDO_PENDING, None)
                st.error(ctx.error_text(error))
            else:
                st.warning(question, icon=":material/warning:")
                yes, no = st.columns(2)
                if no.button(t("data.undo.cancel"), key="data_undo_cancel"):
                    st.session_state.pop(UNDO_PENDING, None)
                    st.rerun()
                if yes.button(t("data.undo.confirm"), key="data_undo_confirm", type="primary"):
                    require("undo_batch", language=ctx.language)  # refused inside the page too
                    st.session_state.pop(UNDO_PENDING, None)
                    try:
                        undone = undo_batch(ctx.engine, pending)
                    except UserError as error:
                        st.error(ctx.error_text(error))
                    else:
                        st.session_state["data_last_message"] = t(
                            "data.undo.done", batch=pending, rows=sum(undone.rows_removed.values())
                        )
                        st.rerun()

# ------------------------------------------------------------------ demo data
st.subheader(t("data.demo.title"))
st.caption(t("data.demo.help", users=f"{DEMO_USERS:,}", days=DEMO_DAYS))
if allowed("import"):
    end = today(ctx.settings.timezone) - dt.timedelta(days=1)
    if not ctx.has_data:
        if st.button(t("data.demo.load"), key="data_demo_load"):
            load_demo(
                ctx.engine,
                users=DEMO_USERS,
                days=DEMO_DAYS,
                end=end,
                timezone=ctx.settings.timezone,
            )
            st.session_state["data_last_message"] = t("data.demo.done")
            st.rerun()
    elif allowed("undo_batch"):
        confirm = st.checkbox(t("data.demo.confirm"), key="data_demo_confirm")
        if st.button(t("data.demo.reset"), key="data_demo_reset", disabled=not confirm):
            load_demo(
                ctx.engine,
                users=DEMO_USERS,
                days=DEMO_DAYS,
                end=end,
                timezone=ctx.settings.timezone,
                reset=True,
            )
            st.session_state["data_last_message"] = t("data.demo.done")
            st.rerun()
