"""The Activities page's report: the calls the page draws and ``opsdash report activities``
prints (see :mod:`opsdash.reports.parts`), with the page's default choices of campaigns.
Definitions live in :mod:`opsdash.metrics.activities`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records
from opsdash.metrics import activities as metrics
from opsdash.reports.parts import Part, check_choice

SCOPES = ("period", "campaign")
COMPARE_METRIC = "conversions"


@dataclass(frozen=True)
class ActivitiesSettings:
    """The Activities page's own choices; every default is what a first visit shows.

    ``statuses`` empty: every status. ``ads_campaign`` None: the first listed campaign with
    cost to date (else the first listed). ``timeline_metric`` None: the goal metric most
    campaigns of the timeline have. ``review_campaign`` None: the first reviewable campaign,
    ended ones first, the latest end first. ``compare`` empty: the two campaigns that
    started last (on or before the range's end)."""

    scope: str = "period"
    statuses: tuple[str, ...] = ()
    ads_campaign: str | None = None
    timeline_metric: str | None = None
    review_campaign: str | None = None
    compare: tuple[str, ...] = ()

    def checked(self) -> ActivitiesSettings:
        check_choice("scope", self.scope, SCOPES)
        for status in self.statuses:
            check_choice("status", status, tuple(metrics.STATUSES))
        if self.timeline_metric is not None:
            check_choice("timeline_metric", self.timeline_metric, metrics.GOAL_METRIC_NAMES)
        return self


# ---------------------------------------------------------------- the parts, in page order


def list_part(filters: Filters, scope: str) -> Part:
    return Part(metrics.campaign_table, {"filters": filters, "scope": scope})


def previous_list_part(filters: Filters) -> Part:
    return Part(metrics.campaign_table, {"filters": filters.previous(), "scope": "period"})


def shown_campaigns(campaigns: pd.DataFrame, statuses: tuple[str, ...]) -> pd.DataFrame:
    """The listed campaigns: those with one of ``statuses`` (every status when empty)."""
    return campaigns[campaigns["status"].isin(list(statuses) or metrics.STATUSES)]


def previous_totals(previous_table: pd.DataFrame, shown: pd.DataFrame) -> dict:
    """The previous period's totals over the listed campaigns (scope "period" only)."""
    return metrics.campaign_totals(
        previous_table[previous_table["campaign_id"].isin(shown["campaign_id"])]
    )


def ads_options(shown: pd.DataFrame) -> list[str]:
    """The campaigns the ads table offers: those with cost to date, else every listed one."""
    return shown[shown["cost_to_date"] > 0]["campaign_id"].tolist() or shown["campaign_id"].tolist()


def ads_part(filters: Filters, campaign_id: str) -> Part:
    return Part(metrics.ad_table, {"filters": filters, "campaign_id": campaign_id})


def timeline_part(filters: Filters) -> Part:
    return Part(metrics.campaign_timeline, {"filters": filters})


def default_timeline_metric(bars: pd.DataFrame) -> str:
    return bars["metric"].mode().iloc[0]


def series_part(filters: Filters, metric: str) -> Part:
    return Part(
        metrics.goal_metric_series,
        {"metric": metric, "start": filters.start, "end": filters.end, "filters": filters},
    )


def review_options(campaigns: pd.DataFrame, filters: Filters) -> list[str]:
    """Campaigns that started by the range's end: ended ones first, the latest end first."""
    reviewable = campaigns[
        campaigns["start_date"].map(lambda d: d is not None and d <= filters.end)
    ].copy()
    reviewable["_ended"] = reviewable["status"] == "ended"
    reviewable = reviewable.sort_values(
        ["_ended", "end_date"], ascending=[False, False], kind="stable"
    )
    return reviewable["campaign_id"].tolist()


def review_part(filters: Filters, campaign_id: str) -> Part:
    return Part(metrics.campaign_review, {"campaign_id": campaign_id, "filters": filters})


def default_compare(campaigns: pd.DataFrame, filters: Filters) -> list[str]:
    """The two campaigns that started last, on or before the range's end."""
    startable = campaigns[campaigns["start_date"].map(lambda d: d is not None and d <= filters.end)]
    return startable.sort_values("start_date", ascending=False)["campaign_id"].head(2).tolist()


def compare_part(filters: Filters, campaign_ids: tuple[str, ...]) -> Part:
    return Part(metrics.compare_campaigns, {"filters": filters, "campaign_ids": campaign_ids})


def daily_part(filters: Filters, campaign_ids: tuple[str, ...]) -> Part:
    return Part(metrics.campaign_daily, {"campaign_ids": campaign_ids, "until": filters.end})


def _pick(value, options: list, default):
    return value if value in options else default


def build_report(engine: Engine, *, filters: Filters, settings: ActivitiesSettings) -> dict:
    """What the Activities page shows, JSON-ready (``opsdash report activities --json``):
    the keys of :func:`opsdash.metrics.activities.build_report` (every campaign's results in
    the period, totals, timeline, the review of each campaign that ended in the period), plus
    the page's own view with ``settings``: ``settings`` (defaults filled in), ``listed``
    (the listed campaign ids), ``totals`` of the listed campaigns in ``scope``,
    ``previous_totals`` (scope "period"), ``ads`` ({campaign_id, rows}), ``timeline_metric``
    and ``timeline_series``, ``review`` (the picked campaign's review) and ``compare``
    ({campaign_ids, rows, daily})."""
    settings = settings.checked()
    payload = metrics.build_report(engine, filters=filters)
    campaigns = list_part(filters, settings.scope).run(engine)
    chosen: dict = {"scope": settings.scope, "statuses": list(settings.statuses)}
    payload.update(
        {
            "listed": [],
            "previous_totals": None,
            "ads": None,
            "timeline_metric": None,
            "timeline_series": [],
            "review": None,
            "compare": None,
        }
    )
    if campaigns.empty:
        payload["settings"] = chosen
        return payload
    shown = shown_campaigns(campaigns, settings.statuses)
    payload["listed"] = shown["campaign_id"].tolist()
    payload["totals"] = metrics.campaign_totals(shown)
    if settings.scope == "period":
        payload["previous_totals"] = previous_totals(previous_list_part(filters).run(engine), shown)
    options = ads_options(shown)
    if options:
        ad_campaign = _pick(settings.ads_campaign, options, options[0])
        chosen["ads_campaign"] = ad_campaign
        rows = ads_part(filters, ad_campaign).run(engine)
        payload["ads"] = {"campaign_id": ad_campaign, "rows": json_records(rows)}
    bars = timeline_part(filters).run(engine)
    if not bars.empty:
        metric = settings.timeline_metric or default_timeline_metric(bars)
        chosen["timeline_metric"] = metric
        payload["timeline_metric"] = metric
        payload["timeline_series"] = json_records(series_part(filters, metric).run(engine))
    reviewable = review_options(campaigns, filters)
    if reviewable:
        picked = _pick(settings.review_campaign, reviewable, reviewable[0])
        chosen["review_campaign"] = picked
        review = review_part(filters, picked).run(engine)
        payload["review"] = None if review is None else review.to_dict()
    ids = [c for c in settings.compare if c in set(campaigns["campaign_id"])] or default_compare(
        campaigns, filters
    )
    chosen["compare"] = list(ids)
    if len(ids) >= 2:
        ids = tuple(ids)
        payload["compare"] = {
            "campaign_ids": list(ids),
            "rows": json_records(compare_part(filters, ids).run(engine)),
            "daily": json_records(daily_part(filters, ids).run(engine)),
        }
    payload["settings"] = {**asdict(settings), **chosen}
    return payload
