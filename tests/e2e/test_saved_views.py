"""Saved views in a real browser: save the view on screen, pin it, open it from the Overview
and land on its page with its filters and settings."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import open_path, sign_in, wait_idle

pytestmark = pytest.mark.e2e


@pytest.mark.xfail(
    reason="open bug (issue 16): after the merge of the page reports, a saved Revenue view "
    "reopens with r_period=day instead of the saved week; filters are restored",
    strict=False,
)
def test_save_a_view_and_open_it_from_the_overview(page, server):
    open_path(page, server, "/revenue?lang=en&preset=30d&platform=ios&r_period=week")
    sign_in(page, "eve")
    wait_idle(page, settle_ms=1500)  # the cookie component's follow-up run included
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.locator('[data-testid="stExpander"]', has_text="Saved views")
    box.locator("summary").scroll_into_view_if_needed()
    box.locator("summary").click()
    sidebar.get_by_label("View name", exact=True).fill("iOS weekly (e2e)")
    sidebar.get_by_text("The team", exact=True).click()
    sidebar.get_by_role("button", name="Save view").click()
    wait_idle(page)
    sidebar.get_by_role("button", name="Pin to Overview").first.click()
    wait_idle(page)

    nav = page.locator('[data-testid="stSidebarNav"]')
    nav.get_by_role("link", name="Overview", exact=True).click()
    page.wait_for_function(  # the default page: its URL is the root
        "() => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === 'Overview')"
    )
    wait_idle(page)
    assert "platform=ios" in page.url  # the sidebar's filters follow; now change them
    main = page.locator('[data-testid="stMain"]')
    main.get_by_role("button", name="iOS weekly (e2e) · Revenue").click()
    page.wait_for_url("**/revenue*")
    wait_idle(page)
    query = parse_qs(urlparse(page.url).query)
    assert query.get("platform") == ["ios"], page.url
    assert query.get("r_period") == ["week"], page.url
    assert page.locator("h1").first.inner_text().strip() == "Revenue"
