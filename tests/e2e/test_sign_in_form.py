"""The sign-in form in a real browser: after a wrong password the username stays in the
field (only the password is typed again)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PASSWORD, open_path, wait_idle

pytestmark = pytest.mark.e2e


def test_username_stays_after_a_wrong_password(page, server):
    open_path(page, server, "/?lang=en")
    page.get_by_label("Username").fill("vic")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector('[data-testid="stAlert"]')
    wait_idle(page, settle_ms=1500)  # the cookie component's follow-up run included
    assert (
        "Incorrect username or password"
        in page.locator('[data-testid="stAlert"]').last.inner_text()
    )
    assert page.get_by_label("Username").input_value() == "vic"
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_function(
        "() => ![...document.querySelectorAll('h1')].some(h => h.innerText.trim() === 'Sign in')"
    )
