"""The global sidebar: language, date range with presets, comparison, segment filters.

State lives under fixed session keys (so it survives page changes) and is mirrored into the
URL query string on every run (so a copied link reproduces the view). On a session's first
run the URL is parsed and validated into those keys; it is never trusted as is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from opsdash.filters import (
    DEFAULT_PRESET,
    PRESETS,
    SEGMENT_FIELDS,
    CohortFilter,
    Filters,
    preset_range,
)
from opsdash.formatting import escape_markdown
from opsdash.i18n import LANGUAGES, translate

KEY_LANG = "sb_lang"
KEY_PRESET = "sb_preset"
KEY_RANGE = "sb_range"
KEY_COMPARE = "sb_compare"
KEY_SEGMENT = {field: f"sb_{field}" for field in SEGMENT_FIELDS}
# property filters (Filters.where): the chosen names, then one values picker per name
KEY_WHERE_NAMES = "sb_where_names"
KEY_WHERE_PREFIX = "sb_where::"
# a saved cohort (Filters.cohort), by name
KEY_COHORT = "sb_cohort"
# The canonical copy of the view: a plain (non-widget) key, which Streamlit never cleans up.
# Widget state can be dropped when the page changes; it is re-seeded from this copy.
KEY_VIEW = "sb_view"
# query parameters that are not ours (e.g. a page's own) are kept untouched
OWN_PARAMS = ("lang", "preset", "start", "end", "compare", *SEGMENT_FIELDS, "where", "cohort")


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def initialise_from_url(*, anchor: dt.date, default_language: str) -> None:
    """Seed the widgets' state: on a session's first run from the URL (validated), later from
    the canonical copy whenever Streamlit has dropped a widget's state."""
    view = st.session_state.get(KEY_VIEW)
    if view is None:
        query = _query_lists()
        language = (query.get("lang") or [default_language])[0]
        view = _view_from_query(
            query, anchor=anchor, language=language if language in LANGUAGES else default_language
        )
        st.session_state[KEY_VIEW] = view
    for key, value in view.items():
        if key not in st.session_state:
            st.session_state[key] = value


def _view_from_query(query: dict[str, list[str]], *, anchor: dt.date, language: str) -> dict:
    """The canonical copy of the view a query string describes (validated)."""
    filters = Filters.from_query(query, anchor=anchor)
    return {
        KEY_LANG: language,
        KEY_PRESET: filters.preset,
        KEY_RANGE: (filters.start, filters.end),
        KEY_COMPARE: filters.compare,
        **{
            KEY_SEGMENT[field]: list(values)
            for field, values in zip(
                SEGMENT_FIELDS,
                (filters.channels, filters.platforms, filters.regions),
                strict=True,
            )
        },
        KEY_WHERE_NAMES: [name for name, _ in filters.where],
        **{KEY_WHERE_PREFIX + name: list(values) for name, values in filters.where},
        KEY_COHORT: filters.cohort.name if filters.cohort else None,
    }


def apply_query(query: dict[str, list[str]], *, anchor: dt.date) -> None:
    """Replace the filters by those of ``query`` (opening a saved view), keeping the language.
    Call from a widget callback: the widgets are re-seeded from the new canonical copy."""
    language = st.session_state.get(KEY_LANG) or (st.session_state.get(KEY_VIEW) or {}).get(
        KEY_LANG, "zh"
    )
    for key in list(st.session_state.keys()):
        if key in (KEY_PRESET, KEY_RANGE, KEY_COMPARE, KEY_WHERE_NAMES, KEY_COHORT) or (
            key in KEY_SEGMENT.values() or str(key).startswith(KEY_WHERE_PREFIX)
        ):
            del st.session_state[key]
    st.session_state[KEY_VIEW] = _view_from_query(query, anchor=anchor, language=language)


def remember_view() -> None:
    """Copy the widgets' current values into the canonical copy (call after rendering them)."""
    names = st.session_state.get(KEY_WHERE_NAMES) or []
    keys = (
        KEY_LANG,
        KEY_PRESET,
        KEY_RANGE,
        KEY_COMPARE,
        *KEY_SEGMENT.values(),
        KEY_WHERE_NAMES,
        *(KEY_WHERE_PREFIX + name for name in names),
        KEY_COHORT,
    )
    st.session_state[KEY_VIEW] = {
        key: st.session_state[key] for key in keys if key in st.session_state
    }


def render_language(default_language: str) -> str:
    """The language picker; returns the chosen language code."""
    if KEY_LANG not in st.session_state:
        st.session_state[KEY_LANG] = default_language
    return st.sidebar.selectbox(
        "语言 / Language",
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=KEY_LANG,
    )


def resync_after_language_change(language: str) -> None:
    """After the language changed, hand every widget its value again (call right after
    :func:`render_language`, before any other widget is drawn).

    A selectbox or radio whose options are shown translated identifies the chosen option by
    its shown text: the browser keeps the old language's text and sends it back on the next
    run, where no option matches, and the choice falls back to the first option (a custom
    date range became "last 7 days" after a language switch and a page change). Setting a
    value through session state makes Streamlit send it to the browser in the new language."""
    previous = (st.session_state.get(KEY_VIEW) or {}).get(KEY_LANG)
    if previous is None or previous == language:
        return
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        # choices (a selectbox's or radio's option, a multiselect's list); never buttons,
        # uploads or editors, whose state Streamlit refuses to be set
        if key not in (KEY_LANG, KEY_VIEW) and isinstance(value, str | list | tuple):
            st.session_state[key] = value


def render_filters(
    *,
    options: dict[str, list[str]],
    language: str,
    anchor: dt.date,
    where_names: list[str] = (),
    where_values: Callable[[str], list[str]] = lambda name: [],
    cohorts: list[str] = (),
    cohort_of: Callable[[str], CohortFilter | None] = lambda name: None,
) -> Filters:
    """The date and segment widgets (``options``: the store's values per segment field;
    ``where_names``: the users fields and user properties a property filter may use, and
    ``where_values(name)`` their values; ``cohorts``: the saved cohorts' names and
    ``cohort_of(name)`` one of them as read from the store); returns the validated filters."""

    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    sidebar = st.sidebar
    preset = sidebar.selectbox(
        t("common.date_range"),
        options=PRESETS,
        format_func=lambda p: t(f"common.preset.{p}"),
        key=KEY_PRESET,
        help=t("common.date_range_help"),
    )
    if preset == "custom":
        previous = st.session_state.get(KEY_VIEW, {}).get(KEY_RANGE) or preset_range(
            DEFAULT_PRESET, anchor
        )
        chosen = sidebar.date_input(t("common.custom_range"), key=KEY_RANGE, format="YYYY-MM-DD")
        # while the user has picked only the first day, keep the previous full range
        start, end = chosen if isinstance(chosen, tuple) and len(chosen) == 2 else previous
    else:
        start, end = preset_range(preset, anchor)
        st.session_state[KEY_RANGE] = (start, end)  # the custom picker starts from here
    sidebar.caption(t("common.range_caption", start=start, end=end, days=(end - start).days + 1))
    compare = sidebar.toggle(t("common.compare"), key=KEY_COMPARE, help=t("common.compare_help"))
    segments: dict[str, tuple[str, ...]] = {}
    with sidebar.expander(
        t("common.segments"),
        expanded=any(
            st.session_state.get(k) for k in (*KEY_SEGMENT.values(), KEY_WHERE_NAMES, KEY_COHORT)
        ),
    ):
        for field in SEGMENT_FIELDS:
            # keep values from a link even if the store lacks them, so the view is honest
            current = [v for v in st.session_state.get(KEY_SEGMENT[field], []) if v]
            choices = list(dict.fromkeys([*options.get(field, []), *current]))
            segments[field] = tuple(
                st.multiselect(
                    t(f"common.segment.{field}"),
                    options=choices,
                    key=KEY_SEGMENT[field],
                    placeholder=t("common.all"),
                    select_all=False,  # empty means all; Streamlit draws "Select all" in English
                )
            )
        where = _render_where(t, where_names, where_values)
        cohort = _render_cohort(t, list(cohorts), cohort_of)
        st.caption(t("common.segments_help"))
    return Filters(
        start=start,
        end=end,
        preset=preset,
        compare=compare,
        channels=segments["channel"],
        platforms=segments["platform"],
        regions=segments["region"],
        where=where,
        cohort=cohort,
    )


def _render_cohort(
    t: Callable[..., str], names: list[str], cohort_of: Callable[[str], CohortFilter | None]
) -> CohortFilter | None:
    """The cohort picker (用户分群). A name from a link that is no longer in the store stays
    chosen and matches nobody, so the view is honest; a caption says so."""
    current = st.session_state.get(KEY_COHORT)
    if not names and not current:
        return None  # no cohorts saved: no picker
    options = [None, *dict.fromkeys([*names, *([current] if current else [])])]
    chosen = st.selectbox(
        t("cohort.pick"),
        options=options,
        format_func=lambda name: t("common.all") if name is None else name,
        key=KEY_COHORT,
        help=t("cohort.pick.help"),
    )
    if not chosen:
        return None
    found = cohort_of(chosen)
    if found is None:
        st.caption(t("cohort.missing", name=escape_markdown(chosen)))
        return CohortFilter(name=chosen, kind="static")  # no members: nobody
    st.caption(t(f"cohort.kind.{found.kind}"))
    return found


def _render_where(
    t: Callable[..., str], names: list[str], values_of: Callable[[str], list[str]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A picker of user fields/properties to filter on, then a values picker per chosen one
    (values of one name are alternatives; names combine with AND)."""
    current = [n for n in st.session_state.get(KEY_WHERE_NAMES, []) if n]
    chosen = st.multiselect(
        t("common.where"),
        options=list(dict.fromkeys([*names, *current])),
        key=KEY_WHERE_NAMES,
        placeholder=t("common.where_placeholder"),
        help=t("common.where_help"),
        select_all=False,
        format_func=lambda name: t(f"fields.{name}") if name == "level" else name,
    )
    where = []
    for name in chosen:
        key = KEY_WHERE_PREFIX + name
        picked = [v for v in st.session_state.get(key, []) if v]
        values = st.multiselect(
            t("common.where_values", name=t("fields.level") if name == "level" else name),
            options=list(dict.fromkeys([*values_of(name), *picked])),
            key=key,
            placeholder=t("common.all"),
            select_all=False,
        )
        if values:
            where.append((name, tuple(values)))
    return tuple(where)


def write_url(filters: Filters, language: str) -> None:
    """Mirror the view into the query string (only our parameters; only when changed)."""
    wanted: dict[str, list[str]] = {"lang": [language]}
    for key, value in filters.to_query().items():
        wanted[key] = value if isinstance(value, list) else [value]
    current = _query_lists()
    if all(current.get(k) == wanted.get(k) for k in OWN_PARAMS):
        return
    for key in OWN_PARAMS:
        if key in st.query_params and key not in wanted:
            del st.query_params[key]
    for key, values in wanted.items():
        st.query_params[key] = values if len(values) > 1 else values[0]
