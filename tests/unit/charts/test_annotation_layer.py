"""The annotation layer on every page's trend charts: each builder's chart, passed through
the one place that adds it (:func:`opsdash.charts.annotations.with_annotations`), carries a
rule per note on its own date field; charts without a date axis stay as they are."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from opsdash.charts import activities, brief, content, feedback, overview, revenue, users
from opsdash.charts.annotations import with_annotations

D = dt.date
DAYS = [D(2024, 6, 1) + dt.timedelta(days=n) for n in range(10)]
NOTES = pd.DataFrame(
    [
        (D(2024, 6, 3), "release <b>v2</b>", "note"),
        (D(2024, 6, 5), "618 大促", "campaign_start"),
        (D(2024, 7, 30), "far outside", "note"),
    ],
    columns=["day", "text", "source"],
)
LABELS = {"note": "Note", "campaign_start": "Campaign starts", "date": "Day"}


def _trend_charts():
    n = len(DAYS)
    lifecycle = pd.DataFrame(
        {"period": DAYS, "new": [1] * n, "returning": [2] * n, "resurrecting": [1] * n}
    ).assign(dormant=[-1] * n)
    sales = pd.DataFrame(
        {"period_start": DAYS, "gross_revenue": [5.0] * n, "revenue": [4.0] * n}
    ).assign(refunds=[1.0] * n)
    kinds = pd.DataFrame(
        {"period_start": DAYS * 2, "kind": ["new"] * n + ["returning"] * n}
    ).assign(revenue=[1.0] * 2 * n)
    history = pd.DataFrame(
        {"day": DAYS, "value": [10.0] * n, "expected": [10.0] * n, "low": [8.0] * n}
    ).assign(high=[12.0] * n, anomaly=[False] * n)
    return {
        "users.new_users_by_channel": users.new_users_by_channel(
            pd.DataFrame({"period": DAYS, "channel": ["a"] * n, "new_users": range(n)}),
            title="New",
            y_title="n",
        ),
        "users.active_users_line": users.active_users_line(
            pd.DataFrame({"day": DAYS, "dau": range(n)}), x="day", y="dau", title="DAU", y_title="n"
        ),
        "users.lifecycle_bars": users.lifecycle_bars(
            lifecycle,
            title="Lifecycle",
            labels={k: k for k in ("new", "returning", "resurrecting", "dormant")},
        ),
        "revenue.revenue_trend": revenue.revenue_trend(
            sales,
            series={"gross_revenue": "Gross", "revenue": "Net", "refunds": "Refunds"},
            title="Revenue",
            y_title="¥",
        ),
        "revenue.customer_kind_bars": revenue.customer_kind_bars(
            kinds, kinds={"new": "New", "returning": "Returning"}, title="Kinds", y_title="¥"
        ),
        "content.metric_trend": content.metric_trend(
            pd.DataFrame({"period_start": DAYS, "views": range(n)}),
            metric="views",
            title="Views",
            y_title="n",
        ),
        "activities.timeline_chart": activities.timeline_chart(
            pd.DataFrame({"date": DAYS, "value": range(n)}),
            pd.DataFrame(
                {"name": ["618"], "bar_start": [DAYS[4]], "bar_end": [DAYS[6]], "status": ["x"]}
            ),
            title="Timeline",
            metric_title="n",
        ),
        "feedback.volume_trend": feedback.volume_trend(
            pd.DataFrame({"period": DAYS, "items": range(n)}), title="Volume", y_title="n"
        ),
        "feedback.theme_lines": feedback.theme_lines(
            pd.DataFrame({"day": DAYS, "theme": ["t"] * n, "items": range(n)}),
            title="Themes",
            y_title="n",
            legend="theme",
        ),
        "overview.sparkline": overview.sparkline(
            pd.DataFrame({"day": DAYS, "dau": range(n)}), field="dau", title="DAU"
        ),
        "brief.band_sparkline": brief.band_sparkline(
            history, kind="number", title="DAU", labels={k: k for k in history.columns}
        ),
    }


def _rules(spec: dict) -> list[dict]:
    found = []
    for layer in spec.get("layer", []):
        if layer.get("mark", {}) in ("rule", {"type": "rule"}) or (
            isinstance(layer.get("mark"), dict) and layer["mark"].get("type") == "rule"
        ):
            found.append(layer)
        found += _rules(layer)
    return found


@pytest.mark.parametrize("name", list(_trend_charts()))
def test_each_trend_chart_carries_the_annotation_layer(name):
    plain = _trend_charts()[name]
    plain_spec = plain.to_dict()
    spec = with_annotations(plain, NOTES, labels=LABELS, title="Note").to_dict()
    rules = _rules(spec)
    assert len(rules) == 1, name
    rule = rules[0]
    data = spec["datasets"][rule["data"]["name"]]
    # the two notes inside the chart's days, not the one a month later
    assert [row["text"] for row in data] == ["release <b>v2</b>", "618 大促"]
    # on the chart's own date field, so the axis is shared
    assert rule["encoding"]["x"]["type"] == "temporal"
    assert rule["encoding"]["x"]["field"] in str(plain_spec)
    # title, size and config stay on the outside
    assert spec["config"] == plain_spec["config"]
    assert spec.get("title") == plain_spec.get("title")
    assert spec.get("height") == plain_spec.get("height")
    tooltips = [t.get("title") for t in rule["encoding"]["tooltip"]]
    assert tooltips[0] == "Day"


def test_notes_take_the_chart_s_date_type():
    """Datetime columns serialise as local datetimes, dates as dates: the notes follow the
    chart, so a rule sits on its day in every browser timezone."""
    chart = _trend_charts()["feedback.volume_trend"]  # period as datetime64
    spec = with_annotations(chart, NOTES, labels=LABELS).to_dict()
    row = spec["datasets"][_rules(spec)[0]["data"]["name"]][0]
    assert row["period"] == "2024-06-03T00:00:00"


def test_charts_without_a_date_axis_or_notes_are_unchanged():
    donut = users.channel_share(
        pd.DataFrame({"channel": ["a", "b"], "new_users": [1, 2]}), title="Share"
    )
    assert with_annotations(donut, NOTES) is donut
    line = _trend_charts()["overview.sparkline"]
    assert with_annotations(line, NOTES.iloc[:0]) is line
    assert with_annotations(line, None) is line
    outside = NOTES.iloc[2:]
    assert with_annotations(line, outside) is line


def test_a_weekly_chart_keeps_a_note_in_its_last_week():
    weeks = [D(2024, 6, 3), D(2024, 6, 10), D(2024, 6, 17)]
    chart = users.active_users_line(
        pd.DataFrame({"period": weeks, "active": [1, 2, 3]}),
        x="period",
        y="active",
        title="WAU",
        y_title="n",
    )
    notes = pd.DataFrame(
        [(D(2024, 6, 20), "in the last week", "note"), (D(2024, 6, 24), "after it", "note")],
        columns=["day", "text", "source"],
    )
    spec = with_annotations(chart, notes).to_dict()
    rows = spec["datasets"][_rules(spec)[0]["data"]["name"]]
    assert [row["text"] for row in rows] == ["in the last week"]
