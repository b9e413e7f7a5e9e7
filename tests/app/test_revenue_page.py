"""The Revenue page on the demo store and on an orders-only store, in both languages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from opsdash.db import init_store, make_engine
from opsdash.models import OrderLine
from opsdash.settings import get_settings
from opsdash.store.bulk import bulk_insert
from tests.app.conftest import APP, _store, open_page, signed_in


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_revenue_page_on_demo_store(demo_app, language):
    app = open_page(
        demo_app, "revenue", lang=language, preset="custom", start="2024-05-01", end="2024-06-30"
    )
    _assert_clean(app)
    labels = [m.label for m in app.metric]
    expected = {
        "zh": ["净收入", "付费率", "ARPPU", "复购率"],
        "en": ["Net revenue", "Paying rate", "ARPPU", "Repeat purchase rate"],
    }
    for label in expected[language]:
        assert label in labels
    headers = [h.value for h in app.subheader]
    assert ("RFM segments" if language == "en" else "RFM 用户分层") in headers
    assert len(app.get("download_button")) >= 5  # trend, breakdowns, cohorts, LTV, RFM list


def test_revenue_page_switches_views(demo_app):
    app = open_page(
        demo_app, "revenue", lang="en", preset="custom", start="2024-05-01", end="2024-06-30"
    )
    _assert_clean(app)
    app.selectbox(key="revenue_rfm_segment").set_value("hibernating").run()
    _assert_clean(app)
    assert any("Hibernating" in c.value for c in app.caption)


@pytest.fixture
def orders_only_app(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'orders.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    days = [dt.date(2024, 3, 1) + dt.timedelta(days=i) for i in range(10)]
    frame = pd.DataFrame(
        {
            "order_id": [f"O{i}" for i in range(10)],
            "line": 1,
            "user_id": ["a", "b", None, "a", "c", "b", "a", "d", None, "c"],
            "paid_date": days,
            "paid_at": [dt.datetime.combine(d, dt.time(9)) for d in days],
            "amount": [10.0 * (i + 1) for i in range(10)],
            "quantity": 1.0,
            "status": ["paid"] * 8 + ["cancelled", "refunded"],
            "refund_amount": [0.0] * 9 + [5.0],
            "currency": ["GBP"] * 9 + ["EUR"],
        }
    )
    with engine.begin() as conn:
        bulk_insert(conn, OrderLine.__table__, frame)
    engine.dispose()
    _store(url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), url)
    get_settings.cache_clear()


def test_orders_only_store_explains_missing_active_users(orders_only_app):
    app = open_page(
        orders_only_app, "revenue", lang="en", preset="custom", start="2024-03-01", end="2024-03-10"
    )
    _assert_clean(app)
    assert any("no events" in i.value for i in app.info)
    assert any("several currencies" in w.value for w in app.warning)
    arpu = next(m for m in app.metric if m.label == "ARPU")
    assert arpu.value == "–"


def test_period_without_orders(orders_only_app):
    app = open_page(
        orders_only_app, "revenue", lang="zh", preset="custom", start="2024-01-01", end="2024-01-31"
    )
    _assert_clean(app)
    assert any("没有计入的订单" in i.value for i in app.info)


def test_segment_filter_says_guests_are_left_out(demo_app):
    app = open_page(
        demo_app,
        "revenue",
        lang="en",
        preset="custom",
        start="2024-05-01",
        end="2024-06-30",
        channel="wechat",
    )
    _assert_clean(app)
    assert any("guest orders" in c.value for c in app.caption)


@pytest.fixture
def returns_app(tmp_path, monkeypatch):
    from opsdash.ingest import import_file
    from tests.unit.ingest.conftest import fixture_bytes

    url = f"sqlite:///{tmp_path / 'returns.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    import_file(
        engine,
        fixture_bytes("orders_returns.csv"),
        kind="orders",
        file_name="orders_returns.csv",
        timezone="UTC",
    )
    engine.dispose()
    _store(url, monkeypatch)
    yield signed_in(AppTest.from_file(APP, default_timeout=60), url)
    get_settings.cache_clear()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_returns_are_refunds_and_adjustments_left_out(returns_app, language):
    app = open_page(
        returns_app, "revenue", lang=language, preset="custom", start="2010-12-01", end="2010-12-31"
    )
    _assert_clean(app)
    label = {"zh": "退款订单数", "en": "Refunded orders"}[language]
    assert next(m for m in app.metric if m.label == label).value == "2"
    left = {"zh": "未计入：7 行", "en": "Left out: 7 lines"}[language]
    assert any(left in c.value for c in app.caption)
    # the store's currency (UCI Online Retail: pounds) decides the symbol everywhere
    net = {"zh": "净收入", "en": "Net revenue"}[language]
    assert next(m for m in app.metric if m.label == net).value.startswith("£")
    assert any("£" in c.value for c in app.caption)


def test_store_without_currency_shows_the_configured_symbol(orders_only_app):
    app = open_page(
        orders_only_app, "revenue", lang="en", preset="custom", start="2024-03-01", end="2024-03-10"
    )
    _assert_clean(app)
    assert next(m for m in app.metric if m.label == "Net revenue").value.startswith("¥")
