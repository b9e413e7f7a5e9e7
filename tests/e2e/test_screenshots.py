"""Every page in Chinese and English in a real browser, with a screenshot of each (1280×800):
no exception, the page's title in its language. The screenshots land in test-artifacts/
screenshots/; with OPSDASH_UPDATE_SCREENSHOTS=1 the README's set in docs/screenshots/ is
refreshed too (overview, users, revenue and abtest in zh, overview in en)."""

from __future__ import annotations

import os
import shutil

import pytest

from opsdash.i18n import translate
from tests.e2e.conftest import ARTIFACTS, ROOT, headings, open_path, sign_in, wait_idle

pytestmark = pytest.mark.e2e

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
    "admin",
]
TITLE_KEYS = {"admin": "auth.admin.title"}
README_SET = {
    ("zh", "overview"),
    ("zh", "users"),
    ("zh", "revenue"),
    ("zh", "abtest"),
    ("en", "overview"),
}
DOCS = ROOT / "docs" / "screenshots"
EXCEPTION = '[data-testid="stException"]'


@pytest.fixture
def small_page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.set_default_timeout(45_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_walk_every_page_and_save_screenshots(small_page, server, language):
    page = small_page
    open_path(page, server, "/?lang=en")
    sign_in(page, "ada")
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    update = os.environ.get("OPSDASH_UPDATE_SCREENSHOTS") == "1"
    for name in PAGES:
        open_path(page, server, f"/{'' if name == 'overview' else name}?lang={language}")
        wait_idle(page)
        page.wait_for_timeout(800)  # charts draw after the run ends
        path = folder / f"{language}-{name}.png"
        page.screenshot(path=str(path))
        assert page.locator(EXCEPTION).count() == 0, name
        expected = translate(TITLE_KEYS.get(name, f"{name}.title"), language)
        assert expected in headings(page), (name, headings(page))
        if update and (language, name) in README_SET:
            DOCS.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, DOCS / path.name)
