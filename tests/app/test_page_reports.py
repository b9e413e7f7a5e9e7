"""Each page shows the numbers ``opsdash report PAGE --json`` prints: the page and the CLI
are built from one report (opsdash.reports). Read from the rendered page (KPI cards and
tables) and compared with the CLI's JSON for the same range and settings."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from opsdash.cli import main
from opsdash.formatting import (
    format_change,
    format_compact,
    format_money,
    format_number,
    format_percent,
)
from opsdash.i18n import translate
from tests.app.conftest import open_page, unescaped

START, END = "2024-05-01", "2024-06-30"
RANGE = {"preset": "custom", "start": START, "end": END}


def t(key: str, **values) -> str:
    return translate(key, "en", **values)


def cli_report(url: str, page: str, *flags: str, capsys) -> dict:
    capsys.readouterr()
    assert (
        main(["report", page, "--db", url, "--json", "--start", START, "--end", END, *flags]) == 0
    )
    return json.loads(capsys.readouterr().out)


def cards(app) -> dict[str, tuple[str, str | None]]:
    """KPI cards by label: (value text, change text)."""
    return {m.label: (m.value, m.proto.delta or None) for m in app.metric}


def frame_with(app, *columns: str, last: bool = False) -> pd.DataFrame:
    """The first (or last) table on the page that has ``columns``."""
    found = [e.value for e in app.dataframe if set(columns) <= set(e.value.columns)]
    assert found, f"no table with {columns}"
    return found[-1 if last else 0]


def card(value, previous, text, *, kind="number", decimals=None, symbol="¥"):
    if kind == "percent":
        shown = format_percent(value, decimals=1 if decimals is None else decimals)
    elif kind == "money":
        shown = format_money(value, symbol=symbol, decimals=2 if decimals is None else decimals)
    elif decimals:
        shown = format_number(value, decimals=decimals)
    else:
        shown = format_compact(value, language="en")
    change = format_change(value, previous, kind="points" if kind == "percent" else "relative")
    return text == (shown, change)


def _clean(app):
    assert not app.exception, [e.value for e in app.exception]


def test_users_page_equals_report(demo_app, demo_store_url, capsys):
    app = open_page(demo_app, "users", lang="en", **RANGE)
    _clean(app)
    report = cli_report(demo_store_url, "users", capsys=capsys)
    shown = cards(app)
    assert card(report["new_users"], report["new_users_previous"], shown[t("users.new_users")])
    now, before = report["activity"], report["activity_previous"]
    assert card(
        now["dau_average"], before["dau_average"], shown[t("users.dau_average")], decimals=1
    )
    assert card(now["mau"], before["mau"], shown[t("users.mau")])
    assert card(now["wau"], before["wau"], shown[t("users.wau")])
    assert card(
        now["stickiness"], before["stickiness"], shown[t("users.stickiness")], kind="percent"
    )
    funnel = frame_with(app, t("users.col.step"), t("users.col.event"))
    assert funnel[t("users.col.event")].tolist() == report["settings"]["funnel_steps"]
    assert funnel[t("users.col.users")].tolist() == [s["users"] for s in report["funnel"]["steps"]]
    grid = frame_with(app, t("users.col.cohort"), t("users.col.size"))
    rows = report["retention_table"]["rows"]
    assert grid[t("users.col.cohort")].tolist() == [r["cohort"] for r in rows]
    assert grid[t("users.col.size")].tolist() == [r["size"] for r in rows]


def test_users_page_settings_equal_report_flags(demo_app, demo_store_url, capsys):
    app = open_page(demo_app, "users", lang="en", **RANGE)
    app.selectbox(key="users_retention_mode").set_value("on_or_after").run()
    app.number_input(key="users_funnel_window").set_value(3).run()
    _clean(app)
    report = cli_report(
        demo_store_url, "users", "--retention-mode", "on_or_after", "--funnel-window", "3",
        capsys=capsys,
    )  # fmt: skip
    funnel = frame_with(app, t("users.col.step"), t("users.col.event"))
    assert funnel[t("users.col.users")].tolist() == [s["users"] for s in report["funnel"]["steps"]]
    grid = frame_with(app, t("users.col.cohort"), t("users.col.size"))
    first = report["retention_table"]["rows"][0]
    shown = [v for v in grid.iloc[0, 2:].tolist() if v != ""]
    assert shown == [format_percent(n / first["size"]) for n in first["retained"]]


def test_revenue_page_equals_report(demo_app, demo_store_url, capsys):
    app = open_page(demo_app, "revenue", lang="en", **RANGE)
    _clean(app)
    report = cli_report(demo_store_url, "revenue", capsys=capsys)
    shown = cards(app)
    before = report["previous"]
    symbol = shown[t("revenue.kpi.revenue")][0][0]
    assert card(
        report["revenue"], before["revenue"], shown[t("revenue.kpi.revenue")],
        kind="money", decimals=0, symbol=symbol,
    )  # fmt: skip
    assert card(report["orders"], before["orders"], shown[t("revenue.kpi.orders")])
    mix, mix_before = report["customers"], report["customers_previous"]
    for name in ("new_customers", "returning_customers"):
        assert card(mix[name], mix_before[name], shown[t(f"revenue.kpi.{name}")])
    assert card(
        mix["new_revenue"], mix_before["new_revenue"], shown[t("revenue.kpi.new_revenue")],
        kind="money", decimals=0, symbol=symbol,
    )  # fmt: skip
    cohorts = frame_with(app, t("revenue.col.cohort"), t("revenue.col.size"))
    assert cohorts[t("revenue.col.size")].tolist() == [c["size"] for c in report["cohorts"]]
    ltv = frame_with(app, t("revenue.col.cohort"), t("revenue.col.size"), last=True)
    sizes = {}
    for row in report["cohort_ltv"]:
        sizes.setdefault(row["cohort"], row["size"])
    shown_sizes = dict(zip(ltv[t("revenue.col.cohort")], ltv[t("revenue.col.size")], strict=True))
    all_label = t("revenue.ltv.all")
    assert {("all" if k == all_label else k): v for k, v in shown_sizes.items()} == sizes
    assert report["cohort_start"] <= START  # the page's default: the whole history


def test_activities_page_equals_report(demo_app, demo_store_url, capsys):
    app = open_page(demo_app, "activities", lang="en", **RANGE)
    _clean(app)
    report = cli_report(demo_store_url, "activities", capsys=capsys)
    shown = cards(app)
    totals, before = report["totals"], report["previous_totals"]
    col = lambda name: t(f"activities.col.{name}")  # noqa: E731
    assert card(totals["clicks"], before["clicks"], shown[col("clicks")])
    assert card(totals["conversions"], before["conversions"], shown[col("conversions")])
    assert card(totals["ctr"], before["ctr"], shown[col("ctr")], kind="percent", decimals=2)
    assert app.selectbox(key="activities_review_campaign").value == report["review"]["campaign_id"]
    # a significant lift is a metric card; one whose interval includes 0 is small text
    lift = " · " + t("activities.review.lift")
    lifts = [m.value for m in app.metric if m.label.endswith(lift)]
    lifts += [
        unescaped(m.value).split(" · ")[2]
        for m in app.markdown
        if unescaped(m.value).startswith("**") and lift + "** · " in unescaped(m.value)
    ]
    assert sorted(lifts) == sorted(format_percent(b["lift"]) for b in report["review"]["baselines"])
    assert app.multiselect(key="activities_compare").value == report["compare"]["campaign_ids"]
    assert app.selectbox(key="activities_ads_campaign").value == report["ads"]["campaign_id"]


@pytest.mark.parametrize("page", ["users", "revenue", "activities"])
def test_report_refuses_an_unknown_setting(demo_store_url, page, capsys):
    flags = {
        "users": ["--funnel-step", "no_such_event", "--funnel-step", "app_open"],
        "revenue": ["--period", "day", "--ltv-basis", "signup"],
        "activities": ["--status", "running"],
    }[page]
    if page == "users":
        assert main(["report", page, "--db", demo_store_url, *flags]) == 2
        assert "no_such_event" in capsys.readouterr().err
    else:
        assert main(["report", page, "--db", demo_store_url, "--json", *flags]) == 0


def test_overview_page_equals_report(demo_app, demo_store_url, capsys):
    app = open_page(demo_app, "overview", lang="en", **RANGE)
    _clean(app)
    report = cli_report(demo_store_url, "overview", capsys=capsys)
    shown = cards(app)
    symbol = shown[t("overview.metric.revenue")][0].lstrip("-")[0]
    for key, item in report["metrics"].items():
        decimals = 1 if key == "dau_average" else None
        assert card(
            item["value"], item["previous"], shown[t(f"overview.metric.{key}")],
            kind=item["kind"], decimals=decimals, symbol=symbol,
        ), key  # fmt: skip


def test_content_page_equals_report(demo_app, demo_store_url, capsys):
    app = open_page(demo_app, "content", lang="en", **RANGE)
    _clean(app)
    report = cli_report(demo_store_url, "content", capsys=capsys)
    shown = cards(app)
    now, before = report["totals"], report["previous_totals"]
    for name in ("views", "readers", "likes", "comments", "shares", "favorites"):
        assert card(now[name], before[name], shown[t(f"content.metric.{name}")]), name
    assert card(
        now["engagement_rate"], before["engagement_rate"],
        shown[t("content.metric.engagement_rate")], kind="percent", decimals=2,
    )  # fmt: skip
    assert app.selectbox(key="content_item").value == report["settings"]["item"]
    top = frame_with(app, t("content.col.content_id"))
    assert top[t("content.col.content_id")].tolist() == [
        row["content_id"] for row in report["top_content"]
    ]
