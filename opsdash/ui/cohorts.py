"""Cohort parts of pages: "save as cohort" forms and the cohorts section (list, download,
delete). Saving and deleting need the ``manage_cohorts`` permission (editors, admins);
everyone may download and filter by cohorts."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from opsdash.auth.roles import can
from opsdash.cohorts import (
    cohort_users,
    create_cohort,
    delete_cohort,
    list_cohorts,
    read_users_file,
    rule_from_where,
)
from opsdash.errors import UserError
from opsdash.formatting import escape_markdown, format_number
from opsdash.ui.components import download_csv, table
from opsdash.ui.context import PageContext


def may_manage(ctx: PageContext) -> bool:
    return can(ctx.role, "manage_cohorts")


def _saved(ctx: PageContext, info) -> None:
    st.success(
        ctx.t(
            "cohort.saved",
            name=escape_markdown(info.name),
            kind=ctx.t(f"cohort.kind_short.{info.kind}"),
            users=format_number(info.users),
        ),
        icon=":material/group_add:",
    )


def save_users(
    ctx: PageContext, *, key: str, default_name: str, users: Callable[[], list[str]]
) -> None:
    """A name field and a button saving ``users()`` (computed on click) as a static cohort;
    nothing for viewers."""
    if not may_manage(ctx):
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    name = left.text_input(
        ctx.t("cohort.name"), value=default_name, max_chars=100, key=f"{key}_name"
    )
    if right.button(ctx.t("cohort.save_button"), key=f"{key}_save", icon=":material/group_add:"):
        try:
            ids = users()
            if not ids:
                st.warning(ctx.t("cohort.nobody"))
                return
            info = create_cohort(ctx.engine, name, users=ids, created_by=ctx.username)
        except UserError as error:
            st.warning(ctx.error_text(error))
            return
        _saved(ctx, info)


def cohorts_section(ctx: PageContext, *, key: str = "cohorts") -> None:
    """The saved cohorts (kind, current size, who, when), a CSV download of one cohort's
    users, deleting it, and saving the sidebar's current filters as a dynamic cohort."""
    t = ctx.t
    cohorts = ctx.cached(list_cohorts)
    filters = ctx.filters
    where = (*filters.segments.items(), *filters.where)
    if may_manage(ctx):
        with st.expander(t("cohort.from_filters"), icon=":material/filter_alt:"):
            if not where:
                st.caption(t("cohort.no_filters"))
            else:
                left, right = st.columns([3, 1], vertical_alignment="bottom")
                name = left.text_input(t("cohort.name"), max_chars=100, key=f"{key}_rule_name")
                if right.button(t("cohort.save_button"), key=f"{key}_rule_save"):
                    try:
                        info = create_cohort(
                            ctx.engine,
                            name,
                            rule=rule_from_where(tuple(where)),
                            created_by=ctx.username,
                        )
                    except UserError as error:
                        st.warning(ctx.error_text(error))
                    else:
                        _saved(ctx, info)
        with st.expander(t("cohort.from_file"), icon=":material/upload_file:"):
            upload = st.file_uploader(
                t("cohort.file"), type=["csv", "txt"], key=f"{key}_file", help=t("cohort.file.help")
            )
            left, right = st.columns([3, 1], vertical_alignment="bottom")
            name = left.text_input(t("cohort.name"), max_chars=100, key=f"{key}_file_name")
            if right.button(t("cohort.save_button"), key=f"{key}_file_save", disabled=not upload):
                try:
                    ids = read_users_file(upload.name, data=upload.getvalue())
                    info = create_cohort(ctx.engine, name, users=ids, created_by=ctx.username)
                except UserError as error:
                    st.warning(ctx.error_text(error))
                else:
                    _saved(ctx, info)
    if not cohorts:
        st.caption(t("cohort.none"))
        return
    frame = pd.DataFrame(
        {
            t("cohort.col.name"): [c.name for c in cohorts],
            t("cohort.col.kind"): [t(f"cohort.kind_short.{c.kind}") for c in cohorts],
            t("cohort.col.users"): [c.users for c in cohorts],
            t("cohort.col.created_by"): [c.created_by or "–" for c in cohorts],
            t("cohort.col.created_at"): [f"{c.created_at:%Y-%m-%d %H:%M}" for c in cohorts],
        }
    )
    table(frame)
    names = [c.name for c in cohorts]
    chosen = st.selectbox(t("cohort.choose"), names, key=f"{key}_chosen")
    if chosen:
        download_csv(
            ctx,
            ctx.cached(cohort_users, name=chosen),
            file_name=f"cohort_{chosen}.csv",
            key=f"{key}_csv",
        )
        if may_manage(ctx) and st.button(
            t("cohort.delete"), key=f"{key}_delete", icon=":material/delete:"
        ):
            try:
                delete_cohort(ctx.engine, chosen)
            except UserError as error:
                st.warning(ctx.error_text(error))
            else:
                st.success(t("cohort.deleted", name=escape_markdown(chosen)))
