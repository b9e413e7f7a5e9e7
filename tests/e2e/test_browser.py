"""The dashboard in a real browser: sign-in kept across reloads, sign-out, roles, deep links,
an upload seen on a page, and every page free of exceptions (with screenshots)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlparse

import pytest
import sqlalchemy as sa
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from opsdash.i18n import translate
from tests.e2e.conftest import headings, open_path, screenshot, sign_in, wait_idle

pytestmark = pytest.mark.e2e

PAGES = [
    "overview",
    "users",
    "paths",
    "content",
    "activities",
    "revenue",
    "abtest",
    "data",
    "admin",
]
TITLE_KEYS = {"admin": "auth.admin.title"}
EXCEPTION = '[data-testid="stException"]'
SIGN_IN_SHOWN = (
    "() => [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === 'Sign in')"
)


def title(page_name: str) -> str:
    return translate(TITLE_KEYS.get(page_name, f"{page_name}.title"), "en")


def test_sign_in_survives_reload_and_sign_out_sticks(page, server):
    open_path(page, server, "/?lang=en")
    assert headings(page) == ["Sign in"]
    sign_in(page, "ada")
    assert title("overview") in headings(page)
    assert "opsdash_auth" in {cookie["name"] for cookie in page.context.cookies()}

    page.reload()
    wait_idle(page)
    assert title("overview") in headings(page) and "Sign in" not in headings(page)

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_function(SIGN_IN_SHOWN)
    wait_idle(page)
    assert headings(page)[0] == "Sign in"
    page.reload()
    wait_idle(page)
    assert headings(page)[0] == "Sign in"
    assert page.locator(EXCEPTION).count() == 0


def test_failed_sign_ins_look_the_same(page, server):
    open_path(page, server, "/?lang=en")
    messages = []
    for username in ("eve", "no-such-user"):
        sign_in(page, username, "not-the-password")
        alert = page.locator('[data-testid="stAlert"] [data-testid="stMarkdownContainer"]')
        messages.append(alert.last.inner_text().strip())
    assert messages[0] == messages[1] == "Incorrect username or password."


def test_viewer_cannot_reach_data_even_by_url(page, server):
    open_path(page, server, "/data?lang=en")
    sign_in(page, "vic")
    assert title("data") not in headings(page)
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(title("overview"), exact=True).count() == 1
    assert nav.get_by_text(title("data"), exact=True).count() == 0
    assert nav.get_by_text(title("admin"), exact=True).count() == 0
    for path in ("/data?lang=en", "/admin?lang=en"):
        open_path(page, server, path)  # signed in by the cookie, asking for the page again
        assert "Sign in" not in headings(page)
        assert title("data") not in headings(page) and title("admin") not in headings(page)
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
    screenshot(page, "viewer-asks-for-data")


def _a_channel(server) -> str:
    engine = sa.create_engine(server.database_url)
    with engine.connect() as conn:
        channel = conn.exec_driver_sql(
            "SELECT channel FROM users GROUP BY channel ORDER BY COUNT(*) DESC LIMIT 1"
        ).scalar_one()
    engine.dispose()
    return channel


def test_deep_link_reproduces_the_view_after_sign_in(page, server):
    end = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=3)
    start = end - dt.timedelta(days=13)
    channel = _a_channel(server)
    path = f"/users?lang=en&preset=custom&start={start}&end={end}&channel={channel}"
    open_path(page, server, path)
    assert headings(page) == ["Sign in"]
    assert urlparse(page.url).path.endswith("/users")  # the link survives the sign-in form
    sign_in(page, "vic")
    url = urlparse(page.url)
    query = parse_qs(url.query)
    assert url.path.endswith("/users")
    assert query["start"] == [str(start)] and query["end"] == [str(end)]
    assert query["channel"] == [channel] and query["lang"] == ["en"]
    assert title("users") in headings(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert str(start) in sidebar and str(end) in sidebar and channel in sidebar
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, "deep-link-users")


def test_every_page_renders_without_exception(page, server):
    open_path(page, server, "/?lang=en")
    sign_in(page, "ada")
    nav = page.locator('[data-testid="stSidebarNav"]')
    for name in PAGES:
        if name != "overview":  # move through the navigation, as a user does
            nav.get_by_text(title(name), exact=True).click()
            page.wait_for_url(f"**/{name}?**")
            wait_idle(page)
        screenshot(page, f"page-{name}")
        assert page.locator(EXCEPTION).count() == 0, name
        assert title(name) in headings(page), (name, headings(page))


def _new_users_metric(page) -> str | None:
    for metric in page.locator('[data-testid="stMetric"]').all():
        label = metric.locator('[data-testid="stMetricLabel"]').inner_text()
        if re.search(r"new users|新增用户", label, re.IGNORECASE):
            return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()
    return None


def test_upload_a_csv_and_see_it_on_a_page(page, server, tmp_path):
    day = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=2)
    csv = tmp_path / "e2e_new_users.csv"
    csv.write_text(
        "user_id,signup_at,channel,platform,region\n"
        + "".join(f"e2e-{i},{day} 10:0{i}:00,e2e_upload,web,Shanghai\n" for i in range(1, 4)),
        encoding="utf-8",
    )
    view = f"/users?lang=en&preset=custom&start={day}&end={day}&channel=e2e_upload"
    open_path(page, server, "/data?lang=en")
    sign_in(page, "eve")
    assert title("data") in headings(page)
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    try:
        uploader.first.wait_for(state="attached", timeout=20_000)
    except PlaywrightTimeout:
        pytest.skip("the Data page has no file uploader yet (the import page has not landed)")
    uploader.first.set_input_files(str(csv))
    wait_idle(page)
    # keep the demo data: the other browser tests of this server read it
    keep_demo = page.get_by_text("Remove the demo data before importing")
    if keep_demo.count():
        keep_demo.first.click()
        wait_idle(page)
    button = page.get_by_role("button", name=re.compile(r"^(Import|导入)"))
    if button.count():
        button.first.click()
        wait_idle(page)
    screenshot(page, "data-after-upload")
    assert page.locator(EXCEPTION).count() == 0
    open_path(page, server, view)
    screenshot(page, "users-after-upload")
    assert _new_users_metric(page) == "3"
