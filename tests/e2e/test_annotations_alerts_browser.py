"""Annotations on another page and the alerts settings in a real browser: an editor adds a
note from the Revenue page (user text, never rendered as HTML or Markdown), its charts
redraw without an exception; on the Overview the editor gets the alert-rule form but no
channel form."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.e2e.conftest import open_path, screenshot, sign_in, wait_idle

pytestmark = pytest.mark.e2e
EXCEPTION = '[data-testid="stException"]'
NOTE = "<b>e2e-bold</b> *price* change"


def test_editor_annotates_revenue_and_sees_the_alert_settings(page, server):
    engine = sa.create_engine(server.database_url)
    open_path(page, server, "/revenue?lang=en")
    sign_in(page, "eve")
    page.get_by_text("Annotations", exact=True).click()
    wait_idle(page)
    page.get_by_label("Note (a release, an outage, a holiday)").fill(NOTE)
    page.get_by_role("button", name="Add annotation").click()
    wait_idle(page)
    with engine.connect() as conn:
        texts = conn.execute(sa.text("SELECT text FROM annotations")).scalars().all()
    assert NOTE in texts
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator("b", has_text="e2e-bold").count() == 0  # never rendered as HTML
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2
    screenshot(page, "revenue-annotation-en")

    open_path(page, server, "/?lang=en")
    page.get_by_text("Alerts and push", exact=True).click()
    wait_idle(page)
    assert page.get_by_role("button", name="Add rule").count() == 1
    assert page.get_by_role("button", name="Add channel").count() == 0
    assert page.get_by_text("Only admins can add, test and remove channels.").count() == 1
    assert page.locator(EXCEPTION).count() == 0
    engine.dispose()
