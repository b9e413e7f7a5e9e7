"""Right after sign-in the navigation shows the pages' titles only: never Streamlit's raw
file-name listing (app, abtest, activities, ...) nor an empty page, however brief. A
MutationObserver installed before the app loads records every link the sidebar ever shows."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import open_path, sign_in, wait_idle

pytestmark = pytest.mark.e2e

TRIES = 5
RAW_NAMES = {
    "app",
    "abtest",
    "activities",
    "admin",
    "content",
    "data",
    "feedback",
    "overview",
    "paths",
    "revenue",
    "users",
}
RECORDER = r"""
window.__navTexts = [];
const record = () => {
  for (const link of document.querySelectorAll('[data-testid="stSidebarNav"] a')) {
    for (const line of link.innerText.split('\n')) {
      const text = line.trim();
      if (text && !window.__navTexts.includes(text)) window.__navTexts.push(text);
    }
  }
};
new MutationObserver(record).observe(document, {subtree: true, childList: true,
                                                 characterData: true});
"""


def test_no_raw_file_name_in_the_navigation_after_sign_in(browser, server):
    seen = []
    for attempt in range(TRIES):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        context.set_default_timeout(45_000)
        context.add_init_script(RECORDER)
        page = context.new_page()
        try:
            open_path(page, server, ["/", "/users?lang=en", "/revenue"][attempt % 3])
            sign_in(page, "ada")
            wait_idle(page, settle_ms=800)
            texts = page.evaluate("window.__navTexts")
            assert "Overview" in texts, texts  # the observer saw the navigation
            raw = sorted(set(texts) & RAW_NAMES)
            if raw:
                seen.append((attempt, raw))
        finally:
            context.close()
    assert not seen, f"raw file names in the navigation: {seen}"
