"""AppTest fixtures: the real app.py against real stores (empty, and small demo data)."""

from __future__ import annotations

import datetime as dt
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
PAGES = ["overview", "users", "content", "activities", "revenue", "abtest", "data"]


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
    yield AppTest.from_file(APP, default_timeout=60)
    get_settings.cache_clear()


@pytest.fixture
def empty_app(tmp_path, monkeypatch) -> Iterator[AppTest]:
    _store(f"sqlite:///{tmp_path / 'empty.db'}", monkeypatch)
    yield AppTest.from_file(APP, default_timeout=60)
    get_settings.cache_clear()


def open_page(app: AppTest, page: str, **query: str) -> AppTest:
    """Run the app on ``page`` (with URL query parameters) and return it."""
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"pages/{page}.py")
        app.run()
    return app
