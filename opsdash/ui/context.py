"""What every page needs, built once per run by app.py: engine, filters, language, data version.

Pages do::

    from opsdash.ui.context import page_context
    ctx = page_context()
    frame = ctx.cached(new_users_by_day, filters=ctx.filters)   # engine passed first
    st.header(ctx.t("users.title"))
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import streamlit as st
from sqlalchemy.engine import Engine

from opsdash.db import init_store, make_engine
from opsdash.filters import Filters
from opsdash.formatting import markdown_lines
from opsdash.i18n import translate
from opsdash.settings import Settings, get_settings
from opsdash.store.currency import currency_symbol, store_currency
from opsdash.store.data import data_date_range
from opsdash.store.meta import data_version

CONTEXT_KEY = "opsdash_context"
_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def get_engine(url: str, timezone: str) -> Engine:
    """One engine per store URL for the whole server process, migrated on first use."""
    engine = make_engine(url)
    init_store(engine, timezone=timezone)
    return engine


@st.cache_data(show_spinner=False, max_entries=1024, ttl=24 * 3600)
def _cached_call(
    module: str, name: str, url: str, timezone: str, version: int, kwargs: tuple
) -> Any:
    # `version` is part of the cache key only: every write bumps it, so results never go stale.
    func = getattr(importlib.import_module(module), name)
    return func(get_engine(url, timezone), **dict(kwargs))


@st.cache_data(show_spinner=False, max_entries=64, ttl=24 * 3600)
def _store_facts(url: str, timezone: str, version: int) -> tuple[dt.date | None, dt.date | None]:
    with get_engine(url, timezone).connect() as conn:
        return data_date_range(conn)


@dataclass(frozen=True)
class PageContext:
    """The current run's view of the store and the user's choices."""

    engine: Engine
    settings: Settings
    filters: Filters
    language: str
    data_version: int
    first_day: dt.date | None
    last_day: dt.date | None
    username: str | None = None
    role: str | None = None

    @property
    def has_data(self) -> bool:
        return self.last_day is not None

    @property
    def currency(self) -> str | None:
        """The store's currency (ISO code), None while no money import has set it."""
        return self.cached(store_currency)

    @property
    def currency_symbol(self) -> str:
        """The one place pages and charts get the money symbol from: the store's currency's
        symbol, or ``OPSDASH_CURRENCY_SYMBOL`` for a store without one."""
        return currency_symbol(self.currency, self.settings.currency_symbol)

    def t(self, key: str, /, **values: object) -> str:
        """Translate ``key`` into the user's language."""
        return translate(key, self.language, **values)

    def error_text(self, error: BaseException) -> str:
        """A refused input or action (:class:`~opsdash.errors.UserError`) in the user's language."""
        from opsdash.ingest.messages import error_text

        # shown in st.error/st.warning (Markdown): messages quote file names, headers, values
        return markdown_lines(error_text(error, self.language))

    def cached(self, func: Callable[..., T], /, **kwargs: Any) -> T:
        """``func(engine, **kwargs)``, cached on the store, the data version and the arguments.
        ``func`` must be a module-level library function; kwargs must be hashable values."""
        return cached(self.settings, self.data_version, func, **kwargs)

    def part(self, part: Any, /) -> Any:
        """The result of a report part (:class:`opsdash.reports.parts.Part`), cached like
        :meth:`cached`: the page shows what ``opsdash report PAGE`` prints."""
        return self.cached(part.func, **part.kwargs)

    def prefetch_parts(self, parts: Any, /) -> None:
        """:meth:`prefetch` of report parts (an iterable of ``Part``)."""
        self.prefetch([(part.func, part.kwargs) for part in parts])

    def prefetch(self, calls: list[tuple[Callable[..., Any], dict[str, Any]]]) -> None:
        """Start computing ``calls`` ((func, kwargs) pairs, as given to :meth:`cached`) on
        background threads, in order, and return at once. A later ``cached`` call with the
        same arguments waits for the running computation instead of repeating it (the cache
        holds one lock per key), so a page's independent sections are computed in parallel
        while it renders; the database does the work outside the GIL. A call whose arguments
        differ later is only wasted work. Errors are left for the page's own call to raise."""
        prefetch(self.settings, self.data_version, calls)


def cached(settings: Settings, version: int, func: Callable[..., T], /, **kwargs: Any) -> T:
    """``func(engine, **kwargs)`` on the configured store, cached on the data version and the
    arguments (for app.py, which runs before the page context exists)."""
    return _cached_call(
        func.__module__,
        func.__qualname__,
        settings.store_url,
        settings.timezone,
        version,
        _frozen(kwargs),
    )


_PREFETCHED: set[tuple] = set()
_PREFETCHED_MAX = 4096


def _frozen(kwargs: dict[str, Any]) -> tuple:
    return tuple(sorted(kwargs.items()))


def prefetch(
    settings: Settings, version: int, calls: list[tuple[Callable[..., Any], dict[str, Any]]]
) -> None:
    """Compute ``cached(settings, version, func, **kwargs)`` for each call on
    ``settings.prefetch_threads`` background threads (see :meth:`PageContext.prefetch`)."""
    if settings.prefetch_threads < 1:
        return
    # skip what this process has already prefetched for this data version: on a re-run the
    # cache has it, and fetching it again would unpickle every result a second time
    pending = queue.SimpleQueue()
    for func, kwargs in calls:
        key = (settings.store_url, version, func.__module__, func.__qualname__, _frozen(kwargs))
        if key not in _PREFETCHED:
            if len(_PREFETCHED) >= _PREFETCHED_MAX:
                _PREFETCHED.clear()  # bounded; a miss only costs parallelism, never a number
            _PREFETCHED.add(key)
            pending.put((func, kwargs))
    if pending.empty():
        return

    def work() -> None:
        while True:
            try:
                func, kwargs = pending.get_nowait()
            except queue.Empty:
                return
            try:
                cached(settings, version, func, **kwargs)
            except Exception:  # the page's own call raises it, with its context
                _LOGGER.debug("prefetch of %s failed", func.__qualname__, exc_info=True)

    # Plain threads, deliberately without the run's ScriptRunContext: with it, a thread
    # waiting on a key another thread computes would take the run's stop/rerun requests (a
    # rerun after sign-in, say) and die with StopException; without it, it simply waits.
    for number in range(min(settings.prefetch_threads, pending.qsize())):
        thread = threading.Thread(target=work, name=f"opsdash-prefetch-{number}", daemon=True)
        thread.start()


def store_engine(settings: Settings | None = None) -> Engine:
    settings = settings or get_settings()
    return get_engine(settings.store_url, settings.timezone)


def store_facts(settings: Settings) -> tuple[int, dt.date | None, dt.date | None]:
    """(data version, first day, last day) of the configured store."""
    engine = store_engine(settings)
    version = data_version(engine)
    first, last = _store_facts(settings.store_url, settings.timezone, version)
    return version, first, last


def set_page_context(context: PageContext) -> None:
    st.session_state[CONTEXT_KEY] = context


def page_context() -> PageContext:
    """The context app.py built for this run."""
    context = st.session_state.get(CONTEXT_KEY)
    if context is None:  # a page script run on its own (never through app.py)
        _run_through_app()
    return context


def leave_pages_folder_mode() -> None:
    """Streamlit starts a process in its pages/-folder mode: until the first st.navigation
    call it runs app.py nested in a navigation of its own (widget state is then lost on the
    next run) or runs a deep-linked page script without app.py. Switch the mode off and rerun
    (same page, same query string), so every run goes through app.py's own navigation."""
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def _run_through_app() -> None:
    leave_pages_folder_mode()
    st.error("Open opsdash through app.py: `make run`.")
    st.stop()
