"""A fall in cost, CPA or refund rate shows green on every page (one direction table)."""

from __future__ import annotations

import pytest
from google.protobuf.json_format import MessageToDict

from tests.app.conftest import open_page

FALL_IS_GOOD = {"revenue": ("退款率", "退款金额"), "activities": ("花费", "CPA")}


@pytest.mark.parametrize("page", ["revenue", "activities"])
def test_falls_in_costs_and_refunds_are_green(demo_app, page):
    app = open_page(
        demo_app, page, lang="zh", preset="custom", start="2024-06-01", end="2024-06-30"
    )
    assert not app.exception
    checked = 0
    for metric in app.metric:
        data = MessageToDict(metric.proto)
        data["color"] = type(metric.proto).MetricColor.Name(metric.proto.color)
        delta = data.get("delta", "")
        if not any(word in data["label"] for word in FALL_IS_GOOD[page]) or delta[:1] not in "+-":
            continue
        if delta.startswith("-") and not delta.startswith("-0.0"):
            assert data.get("color") == "GREEN", data
            checked += 1
        elif delta.startswith("+") and not delta.startswith("+0.0"):
            assert data.get("color") == "RED", data
            checked += 1
    assert checked, [MessageToDict(m.proto)["label"] for m in app.metric]
