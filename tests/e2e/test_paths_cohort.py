"""The issue's flow in a real browser: an editor opens Paths, sees the flow, picks a drop-off
(a transition to "(left)") and saves its users as a cohort, the Revenue page filtered by that
cohort (URL cohort=NAME) renders, and the cohort's users download as CSV."""

from __future__ import annotations

import csv
import io
import re

import pytest
import sqlalchemy as sa

from tests.e2e.conftest import headings, open_path, screenshot, sign_in, wait_idle

pytestmark = pytest.mark.e2e
EXCEPTION = '[data-testid="stException"]'


def test_path_drop_off_to_cohort_to_revenue(page, server):
    open_path(page, server, "/paths?lang=en")
    sign_in(page, "eve")
    assert "Paths" in headings(page)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(state="visible")
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, "paths-flow")
    # the drop-off: the first transition into "(left)"
    box = page.locator(".st-key-paths_link")
    box.locator("input").click()
    box.locator("input").fill("(left)")  # typing filters the options
    drop_off = page.get_by_role("option").filter(has_text="→ (left)").first
    shown = drop_off.inner_text()
    users_shown = int(re.search(r"\(([\d,]+) users\)", shown).group(1).replace(",", ""))
    drop_off.click()
    wait_idle(page)
    name = page.get_by_label("Cohort name")
    name.fill("e2e drop-off")
    name.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Save cohort").click()
    wait_idle(page)
    page.get_by_text("Saved cohort e2e drop-off").wait_for()
    engine = sa.create_engine(server.database_url)
    with engine.connect() as conn:
        members = conn.execute(
            sa.text(
                "SELECT count(*) FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id "
                "WHERE c.name = 'e2e drop-off'"
            )
        ).scalar_one()
    engine.dispose()
    assert members == users_shown > 0
    open_path(page, server, "/revenue?lang=en&cohort=e2e+drop-off")
    assert "Revenue" in headings(page)
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_text("Static cohort (saved users)").count() == 1
    screenshot(page, "revenue-by-cohort")
    # download the cohort's users (Users page, cohorts section)
    open_path(page, server, "/users?lang=en&cohort=e2e+drop-off")
    # the only cohort of this server: the section's picker shows it already
    with page.expect_download() as download:
        page.locator(".st-key-users_cohorts_csv button").click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == members and rows[0]["user_id"]
