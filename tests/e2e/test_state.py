"""The view state in a real browser, repeated: a shared link opened signed out lands on its
page and filters after sign-in every time, and a language switch keeps the date range."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from opsdash.i18n import LANGUAGES, translate
from tests.e2e.conftest import headings, open_path, sign_in, wait_idle

pytestmark = pytest.mark.e2e

TRIES = 20


def _range() -> tuple[dt.date, dt.date]:
    end = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=3)
    return end - dt.timedelta(days=9), end


def test_deep_link_lands_on_its_page_after_sign_in_every_time(browser, server):
    start, end = _range()
    failures = []
    for attempt in range(TRIES):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        context.set_default_timeout(45_000)
        page = context.new_page()
        target = ["users", "revenue", "content", "activities"][attempt % 4]
        path = f"/{target}?lang=en&preset=custom&start={start}&end={end}&platform=ios"
        try:
            open_path(page, server, path)
            assert headings(page) == ["Sign in"]
            sign_in(page, "ada")
            url = urlparse(page.url)
            query = parse_qs(url.query)
            landed = (
                url.path.endswith(f"/{target}"),
                query.get("start") == [str(start)],
                query.get("end") == [str(end)],
                query.get("platform") == ["ios"],
            )
            if not all(landed):
                failures.append((attempt, target, page.url, headings(page)))
        finally:
            context.close()
    assert not failures, f"{len(failures)} of {TRIES} deep links lost: {failures}"


def test_language_switch_then_page_change_keeps_the_range(page, server):
    start, end = _range()
    open_path(page, server, f"/users?lang=en&preset=custom&start={start}&end={end}")
    sign_in(page, "ada")
    for language, next_page in (("zh", "revenue"), ("en", "content"), ("zh", "users")):
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name=LANGUAGES[language]).click()
        wait_idle(page)
        # change page through the navigation, in the new language
        nav = page.locator('[data-testid="stSidebarNav"]')
        nav.get_by_role("link", name=translate(f"{next_page}.title", language), exact=True).click()
        page.wait_for_url(f"**/{next_page}*")
        wait_idle(page)
        query = parse_qs(urlparse(page.url).query)
        assert query.get("start") == [str(start)] and query.get("end") == [str(end)], page.url
        assert query.get("lang") == [language], page.url
        sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
        assert str(start) in sidebar and str(end) in sidebar
