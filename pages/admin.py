"""Team access (admins only): who may sign in, with which role."""

import pandas as pd
import streamlit as st

from opsdash.auth import (
    ROLES,
    add_account,
    list_accounts,
    remove_account,
    reset_password,
    set_role,
    unlock,
)
from opsdash.errors import UserError
from opsdash.ui.auth import require
from opsdash.ui.components import table
from opsdash.ui.context import page_context

FLASH_KEY = "admin_flash"

ctx = page_context()
require("manage_users", language=ctx.language)
engine = ctx.engine


def role_label(role: str) -> str:
    return ctx.t(f"auth.role.{role}")


def done(message: str) -> None:
    st.session_state[FLASH_KEY] = message
    st.rerun()


st.title(ctx.t("auth.admin.title"))
st.caption(ctx.t("auth.admin.caption"))
flash = st.session_state.pop(FLASH_KEY, None)
if flash:
    st.success(flash, icon=":material/check_circle:")

accounts = list_accounts(engine)
st.subheader(ctx.t("auth.admin.users"))
table(
    pd.DataFrame(
        {
            ctx.t("auth.admin.col.username"): [a.username for a in accounts],
            ctx.t("auth.admin.col.display_name"): [a.display_name for a in accounts],
            ctx.t("auth.admin.col.role"): [role_label(a.role) for a in accounts],
            ctx.t("auth.admin.col.failed"): [a.failed_attempts for a in accounts],
            ctx.t("auth.admin.col.locked_until"): [a.locked_until for a in accounts],
            ctx.t("auth.admin.col.created_at"): [a.created_at for a in accounts],
        }
    )
)
st.caption(ctx.t("auth.admin.cli_hint"))

add_column, edit_column = st.columns(2)
with add_column, st.form("admin_add", clear_on_submit=True):
    st.subheader(ctx.t("auth.admin.add"))
    new_username = st.text_input(ctx.t("auth.username"), key="admin_new_username")
    new_display = st.text_input(ctx.t("auth.admin.display_name"), key="admin_new_display")
    new_role = st.selectbox(
        ctx.t("auth.admin.role"), ROLES, index=2, format_func=role_label, key="admin_new_role"
    )
    new_password = st.text_input(
        ctx.t("auth.admin.new_password"),
        type="password",
        key="admin_new_password",
        autocomplete="new-password",
    )
    if st.form_submit_button(ctx.t("auth.admin.add_submit"), type="primary"):
        try:
            added = add_account(
                engine,
                username=new_username,
                password=new_password,
                role=new_role,
                display_name=new_display,
            )
        except UserError as error:
            st.error(ctx.error_text(error))
        else:
            done(ctx.t("auth.admin.added", username=added.username))

with edit_column:
    st.subheader(ctx.t("auth.admin.edit"))
    names = [a.username for a in accounts]
    chosen = st.selectbox(ctx.t("auth.admin.account"), names, key="admin_chosen")
    current = next((a for a in accounts if a.username == chosen), None)
    if current is not None:
        try:
            with st.form("admin_role"):
                role = st.selectbox(
                    ctx.t("auth.admin.role"),
                    ROLES,
                    index=ROLES.index(current.role),
                    format_func=role_label,
                    key="admin_role_value",
                )
                if st.form_submit_button(ctx.t("auth.admin.set_role")):
                    set_role(engine, current.username, role)
                    done(
                        ctx.t(
                            "auth.admin.role_set", username=current.username, role=role_label(role)
                        )
                    )
            with st.form("admin_password", clear_on_submit=True):
                password = st.text_input(
                    ctx.t("auth.admin.new_password"),
                    type="password",
                    key="admin_reset_password",
                    autocomplete="new-password",
                )
                if st.form_submit_button(ctx.t("auth.admin.reset_password")):
                    reset_password(engine, current.username, password)
                    done(ctx.t("auth.admin.password_reset", username=current.username))
            if current.locked_until is not None and st.button(
                ctx.t("auth.admin.unlock"), key="admin_unlock", icon=":material/lock_open:"
            ):
                unlock(engine, current.username)
                done(ctx.t("auth.admin.unlocked", username=current.username))
            confirm = st.checkbox(ctx.t("auth.admin.remove_confirm"), key="admin_remove_confirm")
            if st.button(
                ctx.t("auth.admin.remove"),
                key="admin_remove",
                disabled=not confirm,
                icon=":material/person_remove:",
            ):
                remove_account(engine, current.username)
                done(ctx.t("auth.admin.removed", username=current.username))
        except UserError as error:
            st.error(ctx.error_text(error))
