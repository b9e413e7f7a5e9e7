"""User properties as sidebar filters and every page's "by property" section: the page shows
what the report (the CLI's numbers) computes for the same filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import pytest

from opsdash.db import make_engine
from opsdash.demo import AGE_BAND
from opsdash.filters import Filters
from opsdash.metrics.breakdowns import by_property
from opsdash.metrics.users import new_users
from tests.app.conftest import open_page

RANGE = {"preset": "custom", "start": "2024-05-01", "end": "2024-06-30"}
FILTERS = Filters(start=dt.date(2024, 5, 1), end=dt.date(2024, 6, 30), preset="custom")


def _assert_clean(app):
    assert not app.exception, [e.value for e in app.exception]
    assert not [e for e in app.error], [e.value for e in app.error]


def test_property_filter_from_a_link_is_shown_applied_and_kept(demo_app, demo_store_url):
    app = open_page(demo_app, "users", lang="zh", where=f"{AGE_BAND}=41+", **RANGE)
    _assert_clean(app)
    names = app.sidebar.multiselect(key="sb_where_names")
    assert names.value == [AGE_BAND]
    values = app.sidebar.multiselect(key=f"sb_where::{AGE_BAND}")
    assert values.value == ["41+"]
    assert set(values.options) == {"18-24", "25-30", "31-40", "41+"}
    engine = make_engine(demo_store_url)
    everyone = new_users(engine, filters=FILTERS)
    segmented = new_users(engine, filters=replace(FILTERS, where=((AGE_BAND, ("41+",)),)))
    assert 0 < segmented < everyone
    kpi = next(m for m in app.metric if m.label == "新增用户")
    assert kpi.value.replace(",", "") == str(segmented)
    # the link keeps the filter after a page change
    app.switch_page("pages/revenue.py").run()
    _assert_clean(app)
    where = app.query_params["where"]
    assert (where[0] if isinstance(where, list) else where) == f"{AGE_BAND}=41+"


def test_choosing_a_property_in_the_sidebar_filters(demo_app):
    app = open_page(demo_app, "users", lang="en", **RANGE)
    app.sidebar.multiselect(key="sb_where_names").select(AGE_BAND).run()
    app.sidebar.multiselect(key=f"sb_where::{AGE_BAND}").select("18-24").run()
    _assert_clean(app)
    where = app.query_params["where"]
    assert (where[0] if isinstance(where, list) else where) == f"{AGE_BAND}=18-24"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_users_by_property_table_is_the_report(demo_app, demo_store_url, language):
    app = open_page(demo_app, "users", lang=language, **RANGE)
    _assert_clean(app)
    picker = app.selectbox(key="users_by_property")
    picker.set_value(AGE_BAND).run()
    _assert_clean(app)
    report = by_property(make_engine(demo_store_url), page="users", filters=FILTERS, name=AGE_BAND)
    expected = pd.DataFrame(report["rows"])
    shown = next(
        frame.value for frame in app.dataframe if frame.value.columns[0].startswith(AGE_BAND)
    )
    assert shown.iloc[:, 0].tolist() == expected["value"].tolist()
    assert [int(v.replace(",", "")) for v in shown.iloc[:, 1]] == expected["new_users"].tolist()
    assert [int(v.replace(",", "")) for v in shown.iloc[:, 2]] == expected["active_users"].tolist()
    assert sum(expected["new_users"]) == new_users(make_engine(demo_store_url), filters=FILTERS)


@pytest.mark.parametrize("page", ["revenue", "activities", "content"])
def test_by_property_section_renders(demo_app, page):
    app = open_page(demo_app, page, lang="zh", **RANGE)
    _assert_clean(app)
    assert "按属性拆分" in [h.value for h in app.subheader]
    if page == "content":  # the demo's content rows carry no properties: the section says so
        assert any("还没有可拆分的属性" in c.value for c in app.caption)
        return
    picker = app.selectbox(key=f"{page}_by_property")
    assert picker.options, "user fields and properties (at least 年龄段 for revenue)"
