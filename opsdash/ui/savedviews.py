"""Saved views in the UI: the sidebar's box (save the current view, list, open, pin, delete)
and the Overview's pinned views. The library side: :mod:`opsdash.savedviews`."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from sqlalchemy.engine import Engine

from opsdash import savedviews
from opsdash.errors import UserError
from opsdash.filters import Filters
from opsdash.i18n import translate
from opsdash.ingest.messages import error_text
from opsdash.timeutil import today
from opsdash.ui import pagestate, sidebar
from opsdash.ui.auth import PAGE_TITLE_KEYS, REQUESTED_PAGE_KEY, current_account, page_allowed

KEY_NAME = "views_name"
KEY_SCOPE = "views_scope"
KEY_MESSAGE = "views_message"
# date parameters a relative preset does not keep: "last 7 days" reopens as the last 7 days
RANGE_PARAMS = ("start", "end")


def page_name(url_path: str) -> str:
    """A navigation url_path as a page name (the default page's url_path is empty)."""
    return url_path or "overview"


def current_query(filters: Filters, page: str) -> dict[str, list[str]]:
    """The view on screen as URL parameters: the filters, then the page's settings."""
    query = {
        key: value if isinstance(value, list) else [value]
        for key, value in filters.to_query().items()
    }
    if filters.preset != "custom":
        for key in RANGE_PARAMS:
            query.pop(key, None)
    return {**query, **pagestate.query(page)}


def _page_title(page: str, language: str) -> str:
    return translate(PAGE_TITLE_KEYS.get(page, f"{page}.title"), language)


def _open(view: savedviews.ViewInfo, anchor: dt.date) -> None:
    """Callback: make ``view`` the session's view and go to its page (app.py switches)."""
    sidebar.apply_query(view.query, anchor=anchor)
    pagestate.apply(pagestate.parse_values(view.query))
    st.session_state[REQUESTED_PAGE_KEY] = view.page


def open_button(
    view: savedviews.ViewInfo, *, anchor: dt.date, language: str, key: str, account
) -> None:
    """A button that opens ``view`` (disabled when the user may not open its page)."""
    st.button(
        translate("views.item", language, name=view.name, page=_page_title(view.page, language)),
        key=key,
        icon=":material/bookmark:",
        help=translate(
            "views.open.help", language, name=view.name, page=_page_title(view.page, language)
        ),
        on_click=_open,
        args=(view, anchor),
        disabled=not page_allowed(account, view.page),
        use_container_width=True,
    )


def sidebar_box(
    *,
    engine: Engine,
    account,
    language: str,
    filters: Filters,
    page: str,
    anchor: dt.date,
) -> None:
    """The sidebar's "Saved views" expander."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    with st.sidebar.expander(t("views.title"), icon=":material/bookmarks:"):
        message = st.session_state.pop(KEY_MESSAGE, None)
        if message:
            kind, text = message
            (st.error if kind == "error" else st.success)(text)
        scopes = ["personal", "team"] if savedviews.may_share(account.role) else ["personal"]
        with st.form("views_save", clear_on_submit=True, border=False):
            name = st.text_input(
                t("views.name"),
                key=KEY_NAME,
                max_chars=savedviews.MAX_NAME,
                help=t("views.name.help"),
            )
            scope = st.radio(
                t("views.scope"),
                scopes,
                format_func=lambda s: t(f"views.scope.{s}"),
                key=KEY_SCOPE,
                horizontal=True,
            )
            if st.form_submit_button(t("views.save"), icon=":material/bookmark_add:"):
                try:
                    saved = savedviews.save_view(
                        engine,
                        name=name,
                        page=page,
                        query=current_query(filters, page),
                        username=account.username,
                        role=account.role,
                        scope=scope or "personal",
                    )
                except UserError as error:
                    st.error(error_text(error, language))
                else:
                    st.success(t("views.saved", name=saved.name))
        views = savedviews.list_views(engine, username=account.username)
        if not views:
            st.caption(t("views.none"))
        for scope_name in ("personal", "team"):
            chosen = [v for v in views if v.scope == scope_name]
            if not chosen:
                continue
            st.caption(t("views.mine" if scope_name == "personal" else "views.team"))
            for view in chosen:
                open_button(
                    view,
                    anchor=anchor,
                    language=language,
                    key=f"views_open_{view.id}",
                    account=account,
                )
                if scope_name == "team" and not savedviews.may_share(account.role):
                    continue
                left, right = st.columns(2)
                left.button(
                    t("views.unpin" if view.pinned else "views.pin"),
                    key=f"views_pin_{view.id}",
                    icon=":material/push_pin:",
                    on_click=_pin,
                    args=(engine, view, account, language),
                    use_container_width=True,
                )
                right.button(
                    t("views.delete"),
                    key=f"views_delete_{view.id}",
                    icon=":material/delete:",
                    on_click=_delete,
                    args=(engine, view, account, language),
                    use_container_width=True,
                )


def _pin(engine: Engine, view: savedviews.ViewInfo, account, language: str) -> None:
    try:
        savedviews.set_pinned(
            engine, view.id, not view.pinned, username=account.username, role=account.role
        )
    except UserError as error:
        st.session_state[KEY_MESSAGE] = ("error", error_text(error, language))


def _delete(engine: Engine, view: savedviews.ViewInfo, account, language: str) -> None:
    try:
        savedviews.delete_view(engine, view.id, username=account.username, role=account.role)
    except UserError as error:
        st.session_state[KEY_MESSAGE] = ("error", error_text(error, language))
    else:
        text = translate("views.deleted", language, name=view.name)
        st.session_state[KEY_MESSAGE] = ("success", text)


def pinned_section(ctx) -> None:
    """The Overview's pinned views (personal and team), each a button that opens it."""
    account = current_account()
    st.subheader(ctx.t("views.pinned"), help=ctx.t("views.pinned.help"))
    pinned = savedviews.list_views(ctx.engine, username=ctx.username or "", pinned_only=True)
    if not pinned:
        st.caption(ctx.t("views.pinned.none"))
        return
    anchor = ctx.last_day or today(ctx.settings.timezone)
    columns = st.columns(min(4, len(pinned)))
    for index, view in enumerate(pinned):
        with columns[index % len(columns)]:
            open_button(
                view,
                anchor=anchor,
                language=ctx.language,
                key=f"views_pinned_{view.id}",
                account=account,
            )
