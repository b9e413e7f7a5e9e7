"""The Users page's report: the parts the page draws and ``opsdash report users`` prints
(see :mod:`opsdash.reports.parts`). Definitions live in :mod:`opsdash.metrics.users`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy.engine import Engine

from opsdash.filters import Filters
from opsdash.jsonready import json_records, json_value
from opsdash.metrics import channels as traffic_metrics
from opsdash.metrics import users as metrics
from opsdash.metrics.stickiness import stickiness_distribution
from opsdash.reports.parts import Part, check_choice, run_parts

PERIODS = ("day", "week", "month")
COHORT_BY = ("signup", "event")
RETENTION_MODES = ("on", "on_or_after")
FUNNEL_BREAKDOWNS = (None, "channel", "platform")


@dataclass(frozen=True)
class UsersSettings:
    """The Users page's own choices; every default is what a first visit shows.

    ``funnel_steps`` None: the page's default, the first three event names (none with fewer
    than two events); ``cohort_event`` None with ``cohort_by="event"``: the first event name.
    The names double as URL parameters and, with ``-`` for ``_``, as CLI flags."""

    period: str = "day"
    active_events: tuple[str, ...] = ()
    cohort_by: str = "signup"
    cohort_event: str | None = None
    return_event: str | None = None
    retention_mode: str = "on"
    funnel_steps: tuple[str, ...] | None = None
    funnel_window: int = 7
    funnel_breakdown: str | None = None

    def checked(self, names: list[str]) -> UsersSettings:
        """These settings, refused with a UserError when a value is not allowed."""
        check_choice("period", self.period, PERIODS)
        check_choice("cohort_by", self.cohort_by, COHORT_BY)
        check_choice("retention_mode", self.retention_mode, RETENTION_MODES)
        check_choice("funnel_breakdown", self.funnel_breakdown, FUNNEL_BREAKDOWNS)
        check_choice("funnel_window", self.funnel_window, tuple(range(1, 91)))
        known = tuple(names)
        for event in (*self.active_events, *(self.funnel_steps or ())):
            check_choice("event", event, known)
        for event in (self.cohort_event, self.return_event):
            if event is not None:
                check_choice("event", event, known)
        return self


def default_funnel_steps(names: list[str]) -> tuple[str, ...]:
    """The funnel a first visit shows: the first three event names (none below two)."""
    return tuple(names[: min(3, len(names))]) if len(names) >= 2 else ()


def plan(
    engine: Engine, *, filters: Filters, settings: UsersSettings, names: list[str] | None = None
) -> dict[str, Part]:
    """Every call whose result the Users page shows (``names``: the store's event names,
    read when not given). Sections the page does not draw are left out: the activity,
    retention, lifecycle and funnel parts without events, the funnel without 2..6 steps."""
    names = metrics.event_names(engine) if names is None else names
    period = settings.period
    previous = filters.previous()
    events = settings.active_events or None
    parts = {
        "new_users": Part(metrics.new_users, {"filters": filters}),
        "new_users_previous": Part(metrics.new_users, {"filters": previous}),
        "new_users_by_period": Part(
            metrics.new_users_by_period, {"filters": filters, "period": period}
        ),
        "channel_quality": Part(metrics.channel_quality, {"filters": filters}),
        "channel_stats": Part(traffic_metrics.channel_stats, {"filters": filters}),
    }
    if names:
        activity = {"filters": filters, "events": events}
        cohort_event = None
        if settings.cohort_by == "event":
            cohort_event = settings.cohort_event or names[0]
        parts.update(
            {
                "activity": Part(metrics.activity_summary, activity),
                "activity_previous": Part(
                    metrics.activity_summary, {**activity, "filters": previous}
                ),
                "active_users": Part(metrics.daily_active_users, activity)
                if period == "day"
                else Part(metrics.active_users_by_period, {**activity, "period": period}),
                "stickiness_distribution": Part(stickiness_distribution, activity),
                "retention": Part(
                    metrics.retention_table,
                    {
                        "filters": filters,
                        "period": period,
                        "cohort_event": cohort_event,
                        "return_events": (settings.return_event,)
                        if settings.return_event
                        else None,
                        "mode": settings.retention_mode,
                    },
                ),
                "lifecycle": Part(metrics.lifecycle, {"filters": filters, "period": period}),
            }
        )
        steps = (
            default_funnel_steps(names)
            if settings.funnel_steps is None
            else tuple(settings.funnel_steps)
        )
        if 2 <= len(steps) <= metrics.MAX_FUNNEL_STEPS:
            parts["funnel"] = Part(
                metrics.funnel,
                {
                    "filters": filters,
                    "steps": steps,
                    "window_days": int(settings.funnel_window),
                    "breakdown": settings.funnel_breakdown,
                },
            )
    parts["tiers"] = Part(metrics.user_tiers, {"filters": filters})
    return parts


def build_report(engine: Engine, *, filters: Filters, settings: UsersSettings) -> dict:
    """The Users page's numbers for ``settings``, JSON-ready (``opsdash report users
    --json``): every part of :func:`plan` under the keys the report has always had, plus
    ``settings``, ``event_names``, ``new_users_previous``, ``activity`` /
    ``activity_previous`` ({dau_average, wau, mau, stickiness} of the chosen events; the
    top-level ``dau_average`` ... keep any event), ``active_users`` (the activity chart's
    rows), ``retention_table`` ({period, mode, as_of, rows, average} as the page's grid) and
    ``funnel`` ({steps, window_days, biggest_drop_step, breakdown}; null when the page
    shows none).

    The older keys: ``new_users``; ``new_users_by_period``; ``dau`` {"YYYY-MM-DD": distinct
    active users that day (any event)}; ``dau_average``, ``wau``, ``mau``, ``stickiness``
    (any event); ``retention`` / ``retention_average`` / ``retention_as_of`` (the page's
    retention grid, by default signup cohorts "on period N"); ``d1_retention``,
    ``d7_retention``; ``lifecycle``; ``channels`` (quality table); ``tiers``;
    ``channel_stats`` (null without imported traffic reports); ``stickiness_distribution``
    (any event). Definitions: :mod:`opsdash.metrics.users`."""
    names = metrics.event_names(engine)
    settings = settings.checked(names)
    parts = plan(engine, filters=filters, settings=settings, names=names)
    # what the report has always printed but the page draws differently: any event, daily
    any_event = {"filters": filters, "events": None}
    extra = {
        "any_activity": Part(metrics.activity_summary, any_event),
        "daily": Part(metrics.daily_active_users, any_event),
        "any_stickiness": Part(stickiness_distribution, any_event),
        "retention": Part(metrics.retention_table, {"filters": filters, "period": settings.period}),
        "lifecycle": Part(metrics.lifecycle, {"filters": filters, "period": settings.period}),
    }
    keys = {}
    for name, part in extra.items():  # a call the page makes too is computed once
        same = next((key for key, other in parts.items() if other == part), None)
        keys[name] = same or f"report_{name}"
        parts.setdefault(keys[name], part)
    got = run_parts(engine, parts)
    activity = got[keys["any_activity"]]
    daily = got[keys["daily"]]
    retention = got["retention"] if "retention" in got else got[keys["retention"]]
    return {
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        "period": settings.period,
        "new_users": got["new_users"],
        "new_users_by_period": json_records(got["new_users_by_period"]),
        "dau": {day.isoformat(): int(n) for day, n in zip(daily["day"], daily["dau"], strict=True)},
        "dau_average": json_value(activity.dau_average),
        "wau": activity.wau,
        "mau": activity.mau,
        "stickiness": json_value(activity.stickiness),
        "retention_period": settings.period,
        "retention_as_of": retention.as_of.isoformat() if retention.as_of else None,
        "retention": retention.to_records(),
        "retention_average": [json_value(v) for v in retention.average.tolist()],
        "d1_retention": metrics.day_n_retention(engine, filters=filters, day=1),
        "d7_retention": metrics.day_n_retention(engine, filters=filters, day=7),
        "lifecycle": json_records(got[keys["lifecycle"]]),
        "channels": json_records(got["channel_quality"]),
        "tiers": json_records(got["tiers"]),
        "channel_stats": got["channel_stats"].to_json(),
        "stickiness_distribution": json_records(got[keys["any_stickiness"]]),
        # what the page shows with these settings
        "settings": {
            **asdict(settings),
            "funnel_steps": list(parts["funnel"].kwargs["steps"]) if "funnel" in parts else [],
        },
        "event_names": names,
        "new_users_previous": got["new_users_previous"],
        "activity": _activity(got.get("activity")),
        "activity_previous": _activity(got.get("activity_previous")),
        "active_users": json_records(got["active_users"]) if "active_users" in got else [],
        "retention_table": _retention(got.get("retention")),
        "funnel": _funnel(got.get("funnel")),
    }


def _activity(summary) -> dict | None:
    return None if summary is None else {k: json_value(v) for k, v in asdict(summary).items()}


def _retention(table) -> dict | None:
    if table is None:
        return None
    return {
        "period": table.period,
        "mode": table.mode,
        "as_of": json_value(table.as_of),
        "rows": table.to_records(),
        "average": [json_value(v) for v in table.average.tolist()],
    }


def _funnel(result) -> dict | None:
    if result is None:
        return None
    return {
        "steps": json_records(result.steps),
        "window_days": result.window_days,
        "biggest_drop_step": result.biggest_drop_step,
        "breakdown": None if result.breakdown is None else json_records(result.breakdown),
    }
