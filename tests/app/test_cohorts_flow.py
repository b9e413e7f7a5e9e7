"""The cohort flow in the app: save a path drop-off as a cohort, filter the Revenue page by
it (URL cohort=NAME), the numbers equal the CLI's; viewers see no save buttons."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.cohorts import cohort_names, cohort_users, create_cohort, resolve_filters
from opsdash.db import make_engine
from opsdash.filters import CohortFilter, Filters
from opsdash.formatting import format_money
from opsdash.metrics import paths, revenue
from opsdash.settings import get_settings
from tests.app.conftest import APP, _store, open_page, signed_in

RANGE = {"preset": "custom", "start": "2024-05-01", "end": "2024-06-30"}
FILTERS = Filters(start=dt.date(2024, 5, 1), end=dt.date(2024, 6, 30))


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


@pytest.fixture
def own_store(demo_store_url, tmp_path, monkeypatch) -> str:
    """A copy of the demo store (these tests write cohorts)."""
    path = tmp_path / "demo.db"
    shutil.copy(demo_store_url.removeprefix("sqlite:///"), path)
    url = f"sqlite:///{path}"
    _store(url, monkeypatch)
    yield url
    get_settings.cache_clear()


def _app(url: str, role: str = "admin") -> AppTest:
    return signed_in(AppTest.from_file(APP, default_timeout=60), url, role=role)


def test_save_a_path_drop_off_and_filter_revenue_by_it(own_store):
    app = open_page(_app(own_store), "paths", lang="en", **RANGE)
    _assert_clean(app)
    event = app.selectbox(key="paths_event").value
    engine = make_engine(own_store)
    result = paths.paths(engine, filters=FILTERS, event=event)
    left = next(i for i, r in enumerate(result.to_json()["transitions"]) if r["to"] == "(left)")
    row = result.transitions.iloc[left]
    app.selectbox(key="paths_link").set_value(left).run()
    app.text_input(key="paths_cohort_name").set_value("left early").run()
    app.button(key="paths_cohort_save").click().run()
    _assert_clean(app)
    assert any("Saved cohort left early" in s.value for s in app.success)
    expected = paths.link_users(
        engine,
        filters=FILTERS,
        event=event,
        step=int(row["step"]),
        source=row["from"],
        target=row["to"],
    )
    assert cohort_users(engine, "left early")["user_id"].tolist() == expected
    assert len(expected) == row["users"]

    # the Revenue page by that cohort (through the URL) shows the CLI's number
    app = open_page(
        _app(own_store, role="viewer"), "revenue", lang="en", cohort="left early", **RANGE
    )
    _assert_clean(app)
    assert app.selectbox(key="sb_cohort").value == "left early"
    cohort = resolve_filters(
        engine, Filters(**{**vars(FILTERS), "cohort": CohortFilter("left early")})
    )
    summary = revenue.revenue_summary(engine, filters=cohort)
    total = revenue.revenue_summary(engine, filters=FILTERS)
    assert summary.revenue < total.revenue
    shown = next(m.value for m in app.metric if m.label == "Net revenue")
    assert shown == format_money(summary.revenue, symbol=get_settings().currency_symbol, decimals=0)
    # viewers: no save forms
    app = open_page(_app(own_store, role="viewer"), "paths", lang="en", **RANGE)
    _assert_clean(app)
    assert not [b for b in app.button if b.key == "paths_cohort_save"]
    engine.dispose()


def test_users_page_funnel_step_and_cohort_section(own_store):
    engine = make_engine(own_store)
    create_cohort(engine, "vip", rule={"where": [["level", ["VIP"]]]})
    app = open_page(_app(own_store), "users", lang="zh", **RANGE)
    _assert_clean(app)
    steps = app.multiselect(key="users_funnel_steps").value
    app.selectbox(key="users_funnel_cohort_step").set_value(1)
    app.selectbox(key="users_funnel_cohort_outcome").set_value("dropped").run()
    app.text_input(key="users_funnel_cohort_name").set_value("掉队").run()
    app.button(key="users_funnel_cohort_save").click().run()
    _assert_clean(app)
    assert "掉队" in cohort_names(engine)
    from opsdash.metrics.users import funnel_users

    expected = funnel_users(engine, filters=FILTERS, steps=tuple(steps), step=1, outcome="dropped")
    assert cohort_users(engine, "掉队")["user_id"].tolist() == expected
    assert expected
    # the cohorts section lists both, with a download
    app.run()
    assert "用户分群" in [h.value for h in app.header]
    assert any(b.key == "users_cohorts_delete" for b in app.button)
    app.selectbox(key="users_cohorts_chosen").set_value("vip").run()
    app.button(key="users_cohorts_delete").click().run()
    _assert_clean(app)
    assert cohort_names(engine) == ["掉队"]
    engine.dispose()


def test_retention_cell_lifecycle_bar_and_rfm_segment_to_cohorts(own_store):
    """One click each on the Users page (retention cell, lifecycle bar) and the Revenue page
    (RFM segment) saves the users behind the number; each page's URL carries the cohort and
    the sidebar says it is static; viewers get no save buttons."""
    from opsdash.metrics.users import lifecycle_users, retention_users

    engine = make_engine(own_store)
    app = open_page(_app(own_store), "users", lang="en", **RANGE)
    _assert_clean(app)
    cohort = app.selectbox(key="users_retention_cohort_row").value
    app.selectbox(key="users_retention_cohort_n").set_value(1)
    app.selectbox(key="users_retention_cohort_outcome").set_value("not_retained").run()
    app.text_input(key="users_retention_cohort_name").set_value("lost d1").run()
    app.button(key="users_retention_cohort_save").click().run()
    _assert_clean(app)
    want = retention_users(
        engine, filters=FILTERS, cohort=cohort, period_n=1, outcome="not_retained"
    )
    assert want and cohort_users(engine, "lost d1")["user_id"].tolist() == want

    day = app.selectbox(key="users_lifecycle_cohort_period").value
    app.selectbox(key="users_lifecycle_cohort_bucket").set_value("dormant").run()
    app.text_input(key="users_lifecycle_cohort_name").set_value("dormant").run()
    app.button(key="users_lifecycle_cohort_save").click().run()
    _assert_clean(app)
    want = lifecycle_users(
        engine, filters=FILTERS, period="day", period_start_day=day, bucket="dormant"
    )
    assert want and cohort_users(engine, "dormant")["user_id"].tolist() == want

    app = open_page(_app(own_store), "revenue", lang="en", **RANGE)
    _assert_clean(app)
    customers = revenue.rfm_customers(engine, filters=FILTERS)
    segment = customers["segment"].value_counts().index[0]
    app.selectbox(key="revenue_rfm_segment").set_value(segment).run()
    app.text_input(key="revenue_rfm_cohort_name").set_value("champions").run()
    app.button(key="revenue_rfm_cohort_save").click().run()
    _assert_clean(app)
    want = sorted(customers.loc[customers["segment"] == segment, "user_id"])
    assert want and sorted(cohort_users(engine, "champions")["user_id"]) == want

    # every page's segment filter takes the cohort from the URL
    for page in ("overview", "users", "content", "activities", "revenue", "paths"):
        app = open_page(
            _app(own_store, role="viewer"), page, lang="en", cohort="champions", **RANGE
        )
        _assert_clean(app)
        assert app.selectbox(key="sb_cohort").value == "champions"
        assert "Static cohort (saved users)" in [c.value for c in app.sidebar.caption]
        assert app.query_params.get("cohort") in ("champions", ["champions"])
    assert not [b for b in app.button if b.key.endswith("_cohort_save")]
    app = open_page(_app(own_store, role="viewer"), "users", lang="en", **RANGE)
    assert not [b for b in app.button if b.key and b.key.endswith("_cohort_save")]
    engine.dispose()
