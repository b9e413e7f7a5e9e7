"""The Chinese walk: every page in zh, on the demo store and on a store of imported files with
gaps (empty channels, guest orders, a campaign without an end, missing counters), shows no
missing-value word (None, nan, NaT, <NA>) and no English outside the allow-list of
tests/app/walk.py (metric names, the Streamlit leftovers of docs/i18n.md) and the data's own
words (channel names and titles as imported)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.db import init_store, make_engine
from opsdash.ingest import import_file
from opsdash.settings import get_settings
from tests.app.conftest import APP, PAGES, _store, open_page, signed_in
from tests.app.walk import english_words, missing_words, page_texts, store_words

END = dt.date(2024, 3, 31)


def _csv(header: str, rows: list[str]) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def imported_files() -> list[tuple[str, str, bytes]]:
    """Small exports with the gaps real ones have: (kind, file name, bytes)."""
    rng = random.Random(16)
    days = [END - dt.timedelta(days=d) for d in range(60)]
    users, events, orders = [], [], []
    for n in range(120):
        signup = rng.choice(days)
        channel = rng.choice(["douyin", "wechat", ""])
        platform = rng.choice(["ios", "android", ""])
        level = rng.choice(["gold", ""])
        users.append(f"u{n},{signup} 09:00:00,{channel},{platform},,{level}")
        for offset in range(rng.randint(1, 12)):
            day = signup + dt.timedelta(days=offset * rng.randint(1, 3))
            if day <= END:
                name = rng.choice(["app_open", "view_content", "purchase"])
                events.append(f"u{n},{day} 10:{offset:02d}:00,{name},c{n % 5},")
        if n % 4 == 0:
            day = rng.choice([d for d in days if d >= signup] or [signup])
            refund = "5" if n % 8 == 0 else ""
            orders.append(f"o{n},u{n},{day} 12:00:00,{19.9 + n},paid,{refund}")
    orders += [f"g{n},,{END - dt.timedelta(days=n)} 13:00:00,35,paid," for n in range(5)]
    stats = []
    for day in days[:30]:
        for content in range(5):
            views = "" if content == 3 else str(rng.randint(100, 900))
            likes = "" if content == 4 else str(rng.randint(0, 50))
            stats.append(f"{day},c{content},{views},{likes}")
    campaign_stats = [f"{day},k1,{rng.randint(500, 900)},{rng.randint(5, 40)},," for day in days]
    assignments = [
        f"exp1,u{n},{'control' if n % 2 else 'treatment'},{rng.choice(['1', '0', ''])}"
        for n in range(120)
    ]
    feedback = [
        f"f{n},{rng.choice(days)} 08:00:00,u{n},{rng.choice(['4', ''])},{rng.choice(['很好', ''])}"
        for n in range(20)
    ]
    return [
        ("users", "users.csv", _csv("user_id,signup_at,channel,platform,region,level", users)),
        ("events", "events.csv", _csv("user_id,event_at,event,content_id,value", events)),
        (
            "orders",
            "orders.csv",
            _csv("order_id,user_id,paid_at,amount,status,refund_amount", orders),
        ),
        (
            "contents",
            "contents.csv",
            _csv("content_id,title,category", ["c0,春季上新,", "c1,,", "c2,会员日,活动"]),
        ),
        ("content_stats", "content_stats.csv", _csv("date,content_id,views,likes", stats)),
        (
            "campaigns",
            "campaigns.csv",
            _csv("campaign_id,name,start_date,end_date,budget", [f"k1,春季拉新,{days[40]},,"]),
        ),
        (
            "campaign_stats",
            "campaign_stats.csv",
            _csv("date,campaign_id,impressions,clicks,cost,conversions", campaign_stats),
        ),
        (
            "experiment_assignments",
            "assignments.csv",
            _csv("experiment,user_id,variant,converted", assignments),
        ),
        (
            "feedback",
            "feedback.csv",
            _csv("feedback_id,submitted_at,user_id,rating,text", feedback),
        ),
    ]


@pytest.fixture(scope="session")
def imported_store_url(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("imported") / "imported.db"
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    for kind, name, data in imported_files():
        import_file(
            engine,
            data,
            kind=kind,
            file_name=name,
            timezone="UTC",
            skip_bad_rows=True,
            created_by="test",
        )
    engine.dispose()
    return url


@pytest.fixture
def imported_app(imported_store_url, monkeypatch) -> Iterator[AppTest]:
    _store(imported_store_url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), imported_store_url)
    get_settings.cache_clear()


def _check(app, url: str) -> None:
    assert not app.exception, [e.value for e in app.exception]
    texts = page_texts(app)
    assert texts
    problems = [f"missing value shown: {text[:160]}" for text in missing_words(texts)]
    english = english_words(texts, data_words=store_words(url))
    problems += sorted({f"English {word!r} in: {text[:160]}" for word, text in english})
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", [*PAGES, "admin"])
def test_chinese_walk_on_demo_data(demo_app, demo_store_url, page):
    _check(open_page(demo_app, page, lang="zh"), demo_store_url)


@pytest.mark.parametrize("page", [*PAGES, "admin"])
def test_chinese_walk_on_imported_data(imported_app, imported_store_url, page):
    _check(open_page(imported_app, page, lang="zh"), imported_store_url)


def test_imported_store_holds_every_kind(imported_store_url):
    import sqlalchemy as sa

    engine = make_engine(imported_store_url)
    with engine.connect() as conn:
        for table in ("users", "events", "orders", "content_stats", "campaign_stats", "feedback"):
            assert conn.execute(sa.text(f"SELECT COUNT(*) FROM {table}")).scalar() > 0, table
    engine.dispose()
