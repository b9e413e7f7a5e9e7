"""AppTest fixtures: the real app.py against real stores (empty, and small demo data)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.db import init_store, make_engine
from opsdash.demo import load_demo
from opsdash.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
DEMO_END = dt.date(2024, 6, 30)
PAGES = [
    "overview",
    "users",
    "paths",
    "content",
    "activities",
    "revenue",
    "abtest",
    "feedback",
    "data",
]


@pytest.fixture(autouse=True)
def navigation_mode(monkeypatch):
    """Run like a server after its first st.navigation call: AppTest resets Streamlit's
    pages/-folder mode before every run, which would run a page script without app.py."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def _store(url: str, monkeypatch) -> None:
    monkeypatch.setenv("OPSDASH_DATABASE_URL", url)
    monkeypatch.setenv("OPSDASH_SECRETS_FILE", "/nonexistent")
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def demo_store_url(tmp_path_factory) -> str:
    """A small demo store shared by the app tests (read-only for them)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    load_demo(engine, users=400, days=60, seed=7, end=DEMO_END, timezone="UTC")
    engine.dispose()
    return url


@pytest.fixture
def demo_app(demo_store_url, monkeypatch) -> Iterator[AppTest]:
    _store(demo_store_url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), demo_store_url)
    get_settings.cache_clear()


@pytest.fixture
def empty_app(tmp_path, monkeypatch) -> Iterator[AppTest]:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    _store(url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), url)
    get_settings.cache_clear()


def signed_in(app: AppTest, url: str, role: str = "admin") -> AppTest:
    """``app`` with a session already signed in as a ``role`` account of the store at ``url``
    (the sign-in gate itself is tested in test_auth_gate.py)."""
    from opsdash.auth import add_account, get_account
    from opsdash.auth.sessions import start_session
    from opsdash.ui.auth import ACCOUNT_KEY, SESSION_KEY

    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    username = f"test-{role}"
    account = get_account(engine, username) or add_account(
        engine, username=username, password="test-password", role=role
    )
    token, _ = start_session(engine, username, lifetime=dt.timedelta(days=1))
    engine.dispose()
    app.session_state[ACCOUNT_KEY] = account
    app.session_state[SESSION_KEY] = token  # the server-side session every run checks
    return app


def unescaped(text: str) -> str:
    """Markdown ``text`` as the reader sees it: backslash escapes (user text is escaped with
    opsdash.formatting.escape_markdown wherever Markdown renders) removed."""
    return re.sub(r"\\(.)", r"\1", text)


def open_page(app: AppTest, page: str, **query: str) -> AppTest:
    """Run the app on ``page`` (with URL query parameters) and return it."""
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py")
        app.run()
    return app
