"""The Overview's brief and annotations in a real browser: the brief heading and lines in
both languages, an editor adds an annotation and the trend charts redraw, no exceptions."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from opsdash.brief.report import brief_for
from opsdash.brief.text import metric_line
from tests.e2e.conftest import open_path, screenshot, sign_in, wait_idle

pytestmark = pytest.mark.e2e
EXCEPTION = '[data-testid="stException"]'


def test_overview_brief_and_annotation(page, server):
    engine = sa.create_engine(server.database_url)
    brief = brief_for(engine)
    open_path(page, server, "/?lang=en")
    sign_in(page, "eve")
    h2 = [t.strip() for t in page.locator("h2").all_inner_texts()]
    assert h2[0] == f"Morning brief · {brief.day.isoformat()}", h2
    body = page.locator('[data-testid="stMain"]').inner_text()
    shown = brief.anomalies[0] if brief.anomalies else brief.metrics[0]
    # without anomalies the other metrics are unfolded
    assert metric_line(shown, "en") in body

    page.get_by_text("Annotations", exact=True).click()
    wait_idle(page)
    page.get_by_label("Note (a release, an outage, a holiday)").fill("e2e release")
    page.get_by_role("button", name="Add annotation").click()
    wait_idle(page)
    with engine.connect() as conn:
        texts = conn.execute(sa.text("SELECT text FROM annotations")).scalars().all()
    assert "e2e release" in texts
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, "overview-brief-en")

    open_path(page, server, "/?lang=zh")
    h2 = [t.strip() for t in page.locator("h2").all_inner_texts()]
    assert h2[0] == f"晨报 · {brief.day.isoformat()}", h2
    assert page.locator(EXCEPTION).count() == 0
    screenshot(page, "overview-brief-zh")
    engine.dispose()
