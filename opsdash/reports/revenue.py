"""The Revenue page's report: the parts the page draws and ``opsdash report revenue`` prints
(see :mod:`opsdash.reports.parts`). Definitions live in :mod:`opsdash.metrics.revenue`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records, json_value
from opsdash.metrics import revenue as metrics
from opsdash.reports.parts import Part, check_choice, run_parts
from opsdash.store.currency import store_currency
from opsdash.store.data import data_date_range

PERIODS = ("day", "week", "month")
LTV_BASES = ("first_purchase", "signup")


@dataclass(frozen=True)
class RevenueSettings:
    """The Revenue page's own choices; every default is what a first visit shows.

    ``period`` None: the page's default, by day for ranges up to 92 days, else by week.
    ``cohorts_all_history``: the cohort and LTV sections start at the store's first day (the
    page's toggle, on by default) instead of the range's start."""

    period: str | None = None
    cohorts_all_history: bool = True
    ltv_basis: str = "first_purchase"

    def resolved(self, filters: Filters) -> RevenueSettings:
        """These settings with the page's defaults filled in, refused when not allowed."""
        period = self.period or default_period(filters)
        check_choice("period", period, PERIODS)
        check_choice("ltv_basis", self.ltv_basis, LTV_BASES)
        return replace(self, period=period)


def default_period(filters: Filters) -> str:
    """The trend's grouping on a first visit: day up to 92 days, week beyond."""
    return "day" if filters.days <= 92 else "week"


def cohort_filters(filters: Filters, *, first_day, all_history: bool) -> Filters:
    """The filters of the cohort and LTV sections: from the store's first day on (when
    ``all_history`` and the store has data), else the range's own."""
    if all_history and first_day:
        return replace(filters, start=min(first_day, filters.start))
    return filters


def plan(
    engine: Engine, *, filters: Filters, settings: RevenueSettings, first_day=None
) -> dict[str, Part]:
    """Every call whose result the Revenue page shows (``first_day``: the store's first data
    day, read when not given and needed)."""
    settings = settings.resolved(filters)
    if settings.cohorts_all_history and first_day is None:
        with engine.connect() as conn:
            first_day = data_date_range(conn)[0]
    cohorts = cohort_filters(filters, first_day=first_day, all_history=settings.cohorts_all_history)
    previous = filters.previous()
    period = settings.period
    return {
        "currencies": Part(metrics.currencies),
        "summary": Part(metrics.revenue_summary, {"filters": filters}),
        "summary_previous": Part(metrics.revenue_summary, {"filters": previous}),
        "customers": Part(metrics.customer_mix, {"filters": filters}),
        "customers_previous": Part(metrics.customer_mix, {"filters": previous}),
        "exclusions": Part(metrics.exclusions, {"filters": filters}),
        "over_time": Part(metrics.revenue_over_time, {"filters": filters, "period": period}),
        **{
            f"by_{dimension}": Part(
                metrics.revenue_by, {"filters": filters, "dimension": dimension}
            )
            for dimension in metrics.BREAKDOWN_DIMENSIONS
        },
        "new_vs_returning": Part(
            metrics.new_vs_returning_over_time, {"filters": filters, "period": period}
        ),
        "days_to_first_purchase": Part(metrics.days_to_first_purchase, {"filters": filters}),
        "cohorts": Part(metrics.retention_cohorts, {"filters": cohorts}),
        "ltv": Part(metrics.cohort_ltv, {"filters": cohorts, "basis": settings.ltv_basis}),
        "rfm_customers": Part(metrics.rfm_customers, {"filters": filters}),
    }


def build_report(engine: Engine, *, filters: Filters, settings: RevenueSettings) -> dict:
    """The Revenue page's numbers for ``settings``, JSON-ready (``opsdash report revenue
    --json``): the headline numbers (revenue = net, gross_revenue, refunds, orders,
    paying_users, aov, refund_rate, active_users, paying_rate, arpu, arppu, user_revenue,
    guest_revenue), ``previous`` and ``change`` for the comparison period, ``over_time``,
    ``by_product`` / ``by_category`` / ``by_channel``, ``customers`` (new vs returning,
    repeat purchase rate), ``days_to_first_purchase``, ``cohorts`` (retention by
    first-purchase month, over the cohort range), ``rfm_segments``, ``exclusions``,
    ``left_out``, ``currencies`` and ``currency`` (the store's ISO code, None without one);
    and what else the page shows: ``settings`` (period and the rest, defaults filled in),
    ``customers_previous``, ``new_vs_returning`` (net revenue per period and customer kind),
    ``cohort_start`` / ``cohort_end`` (the cohort and LTV range) and ``cohort_ltv``."""
    settings = settings.resolved(filters)
    parts = plan(engine, filters=filters, settings=settings)
    got = run_parts(engine, parts)
    summary, previous = got["summary"], got["summary_previous"]
    payload: dict = {k: json_value(v) for k, v in asdict(summary).items()}
    payload["previous"] = {k: json_value(v) for k, v in asdict(previous).items()}
    payload["change"] = metrics.summary_changes(summary, previous)
    payload["over_time"] = json_records(got["over_time"])
    for dimension in metrics.BREAKDOWN_DIMENSIONS:
        payload[f"by_{dimension}"] = json_records(got[f"by_{dimension}"])
    payload["customers"] = asdict(got["customers"])
    payload["days_to_first_purchase"] = asdict(got["days_to_first_purchase"])
    payload["cohorts"] = got["cohorts"]
    payload["rfm_segments"] = json_records(metrics.rfm_segments(got["rfm_customers"]))
    payload["exclusions"] = [asdict(e) for e in got["exclusions"]]
    payload["left_out"] = asdict(metrics.left_out(got["exclusions"]))
    payload["currencies"] = got["currencies"]
    payload["currency"] = store_currency(engine)  # the store's one currency (None: not set)
    payload["settings"] = asdict(settings)
    payload["customers_previous"] = asdict(got["customers_previous"])
    payload["new_vs_returning"] = json_records(got["new_vs_returning"])
    cohort_range = parts["cohorts"].kwargs["filters"]
    payload["cohort_start"] = cohort_range.start.isoformat()
    payload["cohort_end"] = cohort_range.end.isoformat()
    payload["cohort_ltv"] = json_records(got["ltv"])
    return payload
