"""The downloadable campaign review: numbers from the review, charts as PNG, stored text inert."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
import sqlalchemy as sa

from opsdash.filters import Filters
from opsdash.metrics import activities
from opsdash.models import Campaign, CampaignStat, Event, User
from opsdash.reports import campaign_review as report
from opsdash.store.hooks import after_data_write

D = dt.date
EVIL_NAME = '<script>alert(1)</script> [click](javascript:alert(2)) | *x* & "q"'
VIEW = Filters(start=D(2024, 1, 1), end=D(2024, 1, 31))


@pytest.fixture
def review_store(sqlite_engine):
    campaign = {
        "campaign_id": "K1/../<b>",
        "name": EVIL_NAME,
        "goal": "acquisition",
        "channel": "<img src=x onerror=alert(3)>",
        "start_date": D(2024, 1, 15),
        "end_date": D(2024, 1, 18),
        "budget": 400.0,
    }
    stats = [
        {"campaign_id": "K1/../<b>", "date": D(2024, 1, day), "ad_id": "", "impressions": 1000,
         "clicks": 20, "participants": 10, "new_users": 5, "conversions": 2, "cost": 100.0,
         "revenue": 150.0}
        for day in (15, 16, 17, 18)
    ]  # fmt: skip
    signups = {11: 2, 12: 3, 13: 2, 14: 3, 15: 6, 16: 7, 17: 5, 18: 8}
    users = [
        {"user_id": f"u{day}_{n}", "signup_date": D(2024, 1, day),
         "signup_at": dt.datetime(2024, 1, day, 9), "channel": "x"}
        for day, count in signups.items()
        for n in range(count)
    ]  # fmt: skip
    events = [
        {"user_id": user["user_id"], "event_date": user["signup_date"] + dt.timedelta(days=1),
         "event_at": dt.datetime(2024, 1, 20), "event": "open", "row_key": n}
        for n, user in enumerate(users)
        if n % 2 == 0
    ]  # fmt: skip
    with sqlite_engine.begin() as conn:
        conn.execute(sa.insert(Campaign.__table__), [campaign])
        conn.execute(sa.insert(CampaignStat.__table__), stats)
        conn.execute(sa.insert(User.__table__), users)
        after_data_write(
            conn, {"campaigns", "campaign_stats", "users", "events"}
        )  # the app's write path (rollups)
        conn.execute(sa.insert(Event.__table__), events)
    return sqlite_engine


def _review(engine):
    review = activities.campaign_review(engine, campaign_id="K1/../<b>", filters=VIEW)
    assert review is not None and review.error is None
    return review


def test_markdown_escapes_stored_text_and_carries_the_numbers(review_store):
    review = _review(review_store)
    text = report.review_markdown(review, language="en", currency_symbol="$")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
    assert "[click](javascript" not in text  # the link is broken by escaping
    assert "\\[click\\]" in text
    assert "| *x*" not in text
    # results: 4 days x (1000 impressions, cost 100, 2 conversions, revenue 150)
    assert "4,000" in text and "$400.00" in text
    assert "$50.00" in text  # CPA = 400 / 8
    assert "50.0%" in text  # ROI = (600 - 400) / 400
    assert "100.0%" in text  # budget used = 400 / 400
    # lift: signups 6, 7, 5, 8 (mean 6.5) vs 2, 3, 2, 3 (mean 2.5) -> +160.0%
    assert "+160.0%" in text or "160.0%" in text


def test_html_is_escaped_and_self_contained(review_store):
    review = _review(review_store)
    page = report.review_html(review, language="zh")
    assert "<script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(3)&gt;" in page
    assert "活动复盘" in page
    assert not re.search(r"(src|href)=\"(?!data:image/png;base64,)", page)  # no outside links


def test_files_embed_png_charts(review_store):
    review = _review(review_store)
    files = report.build_review_files(review, language="en")
    html_text = files["html"].decode("utf-8")
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html_text)
    assert len(images) == 2  # goal metric by day, retention
    assert all(base64.b64decode(image).startswith(b"\x89PNG") for image in images)
    assert files["md"].decode("utf-8").count("data:image/png;base64,") == 2


def test_report_survives_a_failing_renderer(review_store, monkeypatch):
    review = _review(review_store)

    def broken(*args, **kwargs):
        raise RuntimeError("no renderer")

    monkeypatch.setattr(report, "chart_png", broken)
    files = report.build_review_files(review, language="en")
    assert b"data:image/png" not in files["html"]
    assert b"Campaign review" in files["html"]


def test_file_name_is_safe(review_store):
    review = _review(review_store)
    assert report.review_file_name(review, "md") == "campaign-review-K1_b_.md"


def test_markdown_text():
    assert report.markdown_text("a|b*c_d`e[f]~g\nh<i>&") == (
        "a\\|b\\*c\\_d\\`e\\[f\\]\\~g h&lt;i&gt;&amp;"
    )
