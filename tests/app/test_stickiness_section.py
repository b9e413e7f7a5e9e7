"""The Users page's stickiness distribution section, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from opsdash.db import make_engine
from opsdash.filters import Filters
from opsdash.metrics.stickiness import stickiness_distribution
from tests.app.conftest import open_page

RANGE = {"preset": "custom", "start": "2024-05-01", "end": "2024-06-30"}


@pytest.mark.parametrize(
    ("language", "title"), [("zh", "粘性分布"), ("en", "Stickiness distribution")]
)
def test_stickiness_section(demo_app, demo_store_url, language, title):
    app = open_page(demo_app, "users", lang=language, **RANGE)
    assert not app.exception, [e.value for e in app.exception]
    assert title in [h.value for h in app.subheader]
    engine = make_engine(demo_store_url)
    frame = stickiness_distribution(
        engine, filters=Filters(start=dt.date(2024, 5, 1), end=dt.date(2024, 6, 30))
    )
    engine.dispose()
    mau = next(m for m in app.metric if m.label in ("MAU", "月活 MAU")).value
    assert f"{frame.loc[frame['window_days'] == 30, 'users'].sum():,}" == mau
