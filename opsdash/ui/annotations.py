"""The annotation editor (时间标注) every page with trend charts shows at its foot: editors
and admins add a note on a day or remove one; viewers read the notes on the charts. The
notes are user text: they are shown in a table and in select options (plain text), never as
Markdown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from opsdash.brief import annotations as annotation_store
from opsdash.errors import UserError
from opsdash.ui.auth import allowed, require
from opsdash.ui.components import table
from opsdash.ui.context import PageContext

ACTION = "set_targets"  # editors and admins, like targets


def annotation_editor(ctx: PageContext, *, key: str) -> None:
    """An expander with the notes, the add form and a remove control; widget keys start
    with ``key``."""
    t = ctx.t
    with st.expander(t("brief.annotations.edit"), icon=":material/push_pin:"):
        st.caption(t("brief.annotations.help"))
        saved = annotation_store.list_annotations(ctx.engine)
        if saved:
            table(
                pd.DataFrame(
                    {
                        t("brief.annotations.day"): [row["day"] for row in saved],
                        t("brief.annotations.text_short"): [row["text"] for row in saved],
                        t("brief.annotations.by"): [row["created_by"] or "–" for row in saved],
                    }
                )
            )
        if not allowed(ACTION):
            st.caption(t("brief.annotations.viewer"))
            return
        with st.form(f"{key}_annotation_form", clear_on_submit=True):
            day = st.date_input(
                t("brief.annotations.day"), value=ctx.filters.end, key=f"{key}_annotation_day"
            )
            text = st.text_input(
                t("brief.annotations.text"),
                max_chars=annotation_store.MAX_TEXT,
                key=f"{key}_annotation_text",
            )
            added = st.form_submit_button(t("brief.annotations.add"))
        if added:
            require(ACTION, language=ctx.language)  # refused inside the page as well
            try:
                annotation_store.add_annotation(
                    ctx.engine, day=day, text=text, created_by=ctx.username
                )
            except UserError as error:
                st.error(t("brief.annotations.error", detail=ctx.error_text(error)))
            else:
                st.toast(t("brief.annotations.added"))
                st.rerun()
        if saved:
            labels = {row["id"]: f"{row['day'].isoformat()} · {row['text']}" for row in saved}
            choice = st.selectbox(
                t("brief.annotations.remove"),
                list(labels),
                format_func=labels.__getitem__,
                index=None,
                key=f"{key}_annotation_choice",
            )
            if st.button(
                t("brief.annotations.remove"),
                key=f"{key}_annotation_remove",
                disabled=choice is None,
                icon=":material/delete:",
            ):
                require(ACTION, language=ctx.language)
                try:
                    annotation_store.remove_annotation(ctx.engine, choice)
                except UserError as error:
                    st.error(t("brief.annotations.error", detail=ctx.error_text(error)))
                else:
                    st.toast(t("brief.annotations.removed"))
                    st.rerun()
