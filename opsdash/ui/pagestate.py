"""Page settings (funnel steps, period, chosen campaign ...) kept like the sidebar's filters:
one canonical copy in session state, read from the URL on a session's first run, handed back
to the widgets whenever Streamlit dropped their state (a page change), and written into the
URL after the page ran. Which settings a page shares: :mod:`opsdash.pageparams`."""

from __future__ import annotations

from typing import Any

import streamlit as st

from opsdash import pageparams

# {widget key: value} for every page's shareable settings (keys are unique across pages)
KEY_PAGE_VIEW = "pg_view"


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def initialise_from_url() -> None:
    """On a session's first run: the settings a link carries become the canonical copy (kept
    through the sign-in form, whatever page the run lands on first)."""
    if KEY_PAGE_VIEW not in st.session_state:
        st.session_state[KEY_PAGE_VIEW] = pageparams.parse(_query_lists())


def apply(values: dict[str, Any]) -> None:
    """Replace the canonical copy (opening a saved view); the widgets are re-seeded from it.
    Call from a widget callback, before the pages' widgets are drawn."""
    for param in pageparams.ALL_PARAMS:
        st.session_state.pop(param.key, None)
    st.session_state[KEY_PAGE_VIEW] = dict(values)


def seed(page: str) -> None:
    """Before ``page`` runs: hand its widgets the canonical values they lost."""
    view = st.session_state.get(KEY_PAGE_VIEW) or {}
    for param in pageparams.page_params(page):
        if param.key in view and param.key not in st.session_state:
            st.session_state[param.key] = view[param.key]


def current(page: str) -> dict[str, Any]:
    """``page``'s shareable settings as its widgets now hold them."""
    return {
        param.key: st.session_state[param.key]
        for param in pageparams.page_params(page)
        if param.key in st.session_state
    }


def remember_and_write_url(page: str) -> None:
    """After ``page`` ran: keep its settings in the canonical copy and mirror them into the
    query string (other pages' settings leave the URL; the filters are not touched)."""
    view = dict(st.session_state.get(KEY_PAGE_VIEW) or {})
    values = current(page)
    view.update(values)
    st.session_state[KEY_PAGE_VIEW] = view
    wanted = pageparams.encode(values, pageparams.page_params(page))
    present = _query_lists()
    for name in present:
        if name in pageparams.PARAM_NAMES and name not in wanted:
            del st.query_params[name]
    for name, values_ in wanted.items():
        if present.get(name) != values_:
            st.query_params[name] = values_ if len(values_) > 1 else values_[0]


def query(page: str) -> dict[str, list[str]]:
    """``page``'s settings as URL parameters (for a saved view)."""
    return pageparams.encode(current(page), pageparams.page_params(page))


def parse_values(query: dict[str, list[str]]) -> dict[str, Any]:
    """Every page's settings a query string carries, as widget values (validated)."""
    return pageparams.parse(query)
