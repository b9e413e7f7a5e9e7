"""opsdash: the entry point. Page frame, store, sidebar filters, navigation.

Run with `make run` (or `streamlit run app.py`)."""

import logging
import uuid

import streamlit as st

from opsdash.cohorts import cohort_names, get_cohort
from opsdash.filters import SEGMENT_FIELDS
from opsdash.i18n import translate
from opsdash.settings import get_settings
from opsdash.store.data import demo_state
from opsdash.store.summary import segment_values, user_filter_names, user_filter_values
from opsdash.timeutil import today
from opsdash.ui import pagestate, savedviews, sidebar
from opsdash.ui.auth import (
    PAGE_TITLE_KEYS,
    gate,
    page_allowed,
    remember_requested_page,
    restore_requested_page,
)
from opsdash.ui.context import (
    PageContext,
    cached,
    leave_pages_folder_mode,
    set_page_context,
    store_engine,
    store_facts,
)

log = logging.getLogger("opsdash")

leave_pages_folder_mode()  # a fresh server's first run: see its docstring
st.set_page_config(page_title="opsdash", page_icon=":material/monitoring:", layout="wide")
settings = get_settings()

try:
    engine = store_engine(settings)
    version, first_day, last_day = store_facts(settings)
except Exception as error:  # a store we cannot open: say so, never a traceback
    log.exception("cannot open the store")
    st.error(translate("common.store_error", settings.language, detail=type(error).__name__))
    st.stop()

# presets end on the last day of the data the user imported, not the demo's (when mixed)
has_demo, imported_last_day = cached(settings, version, demo_state) if last_day else (False, None)
anchor = imported_last_day or last_day or today(settings.timezone)
sidebar.initialise_from_url(anchor=anchor, default_language=settings.language)
pagestate.initialise_from_url()  # page settings a link carries, kept through the sign-in
language = sidebar.render_language(settings.language)
sidebar.resync_after_language_change(language)


def t(key: str, **values: object) -> str:
    return translate(key, language, **values)


PAGES = [
    ("pages/overview.py", "overview", ":material/dashboard:"),
    ("pages/users.py", "users", ":material/group:"),
    ("pages/paths.py", "paths", ":material/route:"),
    ("pages/content.py", "content", ":material/article:"),
    ("pages/activities.py", "activities", ":material/campaign:"),
    ("pages/revenue.py", "revenue", ":material/payments:"),
    ("pages/abtest.py", "abtest", ":material/science:"),
    ("pages/feedback.py", "feedback", ":material/forum:"),
    ("pages/data.py", "data", ":material/database:"),
    ("pages/admin.py", "admin", ":material/admin_panel_settings:"),
]


def nav_pages(account) -> list:
    """The pages ``account`` may open (all of them, hidden, before sign-in: the requested
    page and its query string then stay in the URL until the user has signed in)."""
    return [
        st.Page(
            path,
            title=t(PAGE_TITLE_KEYS.get(name, f"{name}.title")),
            icon=icon,
            url_path=name,
            default=name == "overview",
        )
        for path, name, icon in PAGES
        if account is None or page_allowed(account, name)
    ]


# The sign-in gate: nothing below runs for a visitor who is not signed in.
account = gate(engine=engine, settings=settings, language=language)
if account is None:
    remember_requested_page(st.navigation(nav_pages(None), position="hidden"))
    st.stop()


segment_options = {
    field: cached(settings, version, segment_values, field=field) if last_day else []
    for field in SEGMENT_FIELDS
}
filters = sidebar.render_filters(
    options=segment_options,
    language=language,
    anchor=anchor,
    where_names=cached(settings, version, user_filter_names) if last_day else [],
    where_values=lambda name: cached(settings, version, user_filter_values, name=name),
    cohorts=cached(settings, version, cohort_names),
    cohort_of=lambda name: cached(settings, version, get_cohort, name=name),
)
if last_day:
    st.sidebar.caption(t("common.data_through", day=last_day))
if has_demo:  # demo and real numbers must never be mistaken for each other
    st.sidebar.warning(
        t("data.demo.marker" if imported_last_day is None else "data.demo.marker_mixed"),
        icon=":material/science:",
    )
sidebar.remember_view()
sidebar.write_url(filters, language)
set_page_context(
    PageContext(
        engine=engine,
        settings=settings,
        filters=filters,
        language=language,
        data_version=version,
        first_day=first_day,
        last_day=last_day,
        username=account.username,
        role=account.role,
    )
)

navigation = st.navigation(nav_pages(account))
restore_requested_page(navigation, account)  # a deep link lands where it pointed
pagestate.seed(navigation.url_path)
savedviews.sidebar_box(
    engine=engine,
    account=account,
    language=language,
    filters=filters,
    page=savedviews.page_name(navigation.url_path),
    anchor=anchor,
)
try:
    navigation.run()
except Exception:  # never a traceback in the UI; the log keeps the details
    reference = uuid.uuid4().hex[:8]
    log.exception("page error %s", reference)
    st.error(t("common.page_error", ref=reference), icon=":material/error:")
finally:  # also after a page's st.stop()
    pagestate.remember_and_write_url(navigation.url_path)
