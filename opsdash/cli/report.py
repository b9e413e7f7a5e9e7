"""``opsdash report PAGE``: the numbers a page shows, for scheduled reports and checks.

A page with its own settings has a report module (``opsdash.reports.users``, ``revenue``,
``content``, ``activities``) whose ``build_report(engine, *, filters, settings) -> dict`` is
built from the very calls the page draws; the others' metrics module provides
``build_report(engine, *, filters, period) -> dict``. Both JSON-ready: str keys, numbers,
ISO date strings, lists."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib

from opsdash.cli.common import day_argument, open_store, print_json
from opsdash.errors import UserError
from opsdash.filters import DEFAULT_PRESET, CohortFilter, Filters, parse_where, preset_range

PERIODS = ("day", "week", "month")  # opsdash.metrics.sql.PERIODS (not imported for --help)

REPORT_MODULES = {
    "overview": "opsdash.metrics.overview",
    "users": "opsdash.reports.users",
    "content": "opsdash.reports.content",
    "activities": "opsdash.reports.activities",
    "revenue": "opsdash.reports.revenue",
    "paths": "opsdash.metrics.paths",
    "intervals": "opsdash.metrics.intervals",
    "feedback": "opsdash.metrics.feedback",
    "adoption": "opsdash.metrics.adoption",
}


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "report", parents=[parent], help="print the numbers a page shows"
    )
    parser.add_argument("page", choices=sorted(REPORT_MODULES))
    parser.add_argument("--start", type=day_argument, help="first day, YYYY-MM-DD")
    parser.add_argument(
        "--end", type=day_argument, help="last day, YYYY-MM-DD (default: last data day)"
    )
    parser.add_argument(
        "--period",
        choices=PERIODS,
        help="grouping (the page's default: day; revenue: day up to 92 days, else week)",
    )
    parser.add_argument("--channel", action="append", default=[], help="segment filter")
    parser.add_argument("--platform", action="append", default=[], help="segment filter")
    parser.add_argument("--region", action="append", default=[], help="segment filter")
    parser.add_argument(
        "--where",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="segment filter on a users field or user property, like the sidebar's "
        "(repeatable: values of one name are alternatives, names combine with AND)",
    )
    parser.add_argument(
        "--by",
        metavar="NAME",
        help="add by_property: the page's numbers per value of a field or property "
        "(revenue, users, activities, content)",
    )
    parser.add_argument(
        "--cohort", metavar="NAME", help="segment filter: only the users of a saved cohort"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    _register_paths(parser)
    _register_page_settings(parser)
    parser.set_defaults(handler=run)


def _register_page_settings(parser: argparse.ArgumentParser) -> None:
    """The pages' own choices (opsdash.reports.*Settings; flag = field name with "-")."""
    users = parser.add_argument_group("users (UsersSettings)")
    users.add_argument(
        "--active-event", action="append", default=[], metavar="E", help="users: active = E"
    )
    users.add_argument("--cohort-by", choices=("signup", "event"), help="users: cohorts by")
    users.add_argument("--cohort-event", metavar="E", help="users: cohorts by first event E")
    users.add_argument("--return-event", metavar="E", help="users: a return is event E")
    users.add_argument(
        "--retention-mode", choices=("on", "on_or_after"), help="users: retained on/on or after"
    )
    users.add_argument(
        "--funnel-step",
        action="append",
        default=None,
        metavar="E",
        help="users: funnel steps in order (repeat; default: the first 3 events)",
    )
    users.add_argument("--funnel-window", type=int, help="users: funnel window in days (7)")
    users.add_argument(
        "--funnel-breakdown", choices=("channel", "platform"), help="users: funnel by group"
    )
    revenue = parser.add_argument_group("revenue (RevenueSettings)")
    revenue.add_argument(
        "--cohorts-range-only",
        action="store_true",
        help="revenue: cohorts and LTV from the range's start, not the store's first day",
    )
    revenue.add_argument(
        "--ltv-basis", choices=("first_purchase", "signup"), help="revenue: LTV cohorts by"
    )
    content = parser.add_argument_group("content (ContentSettings)")
    content.add_argument("--search", metavar="TEXT", help="content: top content matching TEXT")
    content.add_argument("--item", metavar="ID", help="content: drill-down of content ID")
    activities = parser.add_argument_group("activities (ActivitiesSettings)")
    activities.add_argument("--scope", choices=("period", "campaign"), help="activities: results")
    activities.add_argument(
        "--status", action="append", default=[], help="activities: listed statuses (repeat)"
    )
    activities.add_argument("--ads-campaign", metavar="ID", help="activities: ads table of ID")
    activities.add_argument(
        "--timeline-metric", choices=("new_users", "dau", "orders"), help="activities: timeline"
    )
    activities.add_argument("--review-campaign", metavar="ID", help="activities: review ID")
    activities.add_argument(
        "--compare", action="append", default=[], metavar="ID", help="activities: compare (repeat)"
    )


def page_settings(args: argparse.Namespace):
    """The page's settings object from the flags (None: the page has no settings object);
    a flag not given keeps the page's default."""
    if args.page == "users":
        from opsdash.reports.users import UsersSettings

        given = {
            "period": args.period,
            "cohort_by": args.cohort_by,
            "cohort_event": args.cohort_event,
            "return_event": args.return_event,
            "retention_mode": args.retention_mode,
            "funnel_window": args.funnel_window,
            "funnel_breakdown": args.funnel_breakdown,
            "active_events": tuple(args.active_event) or None,
            "funnel_steps": None if args.funnel_step is None else tuple(args.funnel_step),
        }
        if args.cohort_event and not args.cohort_by:
            given["cohort_by"] = "event"
        return UsersSettings(**{k: v for k, v in given.items() if v is not None})
    if args.page == "revenue":
        from opsdash.reports.revenue import RevenueSettings

        return RevenueSettings(
            period=args.period,
            cohorts_all_history=not args.cohorts_range_only,
            ltv_basis=args.ltv_basis or "first_purchase",
        )
    if args.page == "content":
        from opsdash.reports.content import ContentSettings

        return ContentSettings(period=args.period or "day", search=args.search, item=args.item)
    if args.page == "activities":
        from opsdash.reports.activities import ActivitiesSettings

        return ActivitiesSettings(
            scope=args.scope or "period",
            statuses=tuple(args.status),
            ads_campaign=args.ads_campaign,
            timeline_metric=args.timeline_metric,
            review_campaign=args.review_campaign,
            compare=tuple(args.compare),
        )
    return None


def _register_paths(parser: argparse.ArgumentParser) -> None:
    """Options of ``report paths`` (see opsdash.metrics.paths for the definition)."""
    group = parser.add_argument_group("paths")
    anchor = group.add_mutually_exclusive_group()
    anchor.add_argument("--start-event", metavar="E", help="paths: paths after event E")
    anchor.add_argument("--end-event", metavar="E", help="paths: paths before event E")
    group.add_argument("--steps", type=int, default=5, help="paths: steps, 1 to 10 (5)")
    group.add_argument(
        "--session-minutes", type=int, default=30, help="paths: session gap in minutes (30)"
    )
    group.add_argument(
        "--no-collapse",
        action="store_true",
        help="paths: keep consecutive repeats of one event as separate steps",
    )
    group.add_argument("--top", type=int, default=10, help="paths: transitions per step (10)")
    group.add_argument("--from-event", metavar="A", help="intervals: from event A")
    group.add_argument("--to-event", metavar="B", help="intervals: to the next event B")
    group.add_argument("--event", metavar="E", help="adoption: the feature's event E")
    group.add_argument(
        "--launch",
        type=day_argument,
        help="adoption: launch day, YYYY-MM-DD (default: the event's first occurrence)",
    )


def _paths_options(args: argparse.Namespace, engine) -> dict:
    """The ``report paths`` keyword arguments, checked (a clear message, never a traceback)."""
    from opsdash.metrics.users import event_names

    event = args.start_event or args.end_event
    if not event:
        raise UserError("report paths needs --start-event E or --end-event E")
    known = event_names(engine)
    if event not in known:
        listed = ", ".join(known[:20]) or "none"
        raise UserError(f"no event named {event!r} in the store (events: {listed})")
    if not 1 <= args.steps <= 10:
        raise UserError(f"--steps must be 1 to 10, got {args.steps}")
    if args.session_minutes < 1:
        raise UserError("--session-minutes must be at least 1")
    if args.top < 1:
        raise UserError("--top must be at least 1")
    return {
        "start_event": args.start_event,
        "end_event": args.end_event,
        "steps": args.steps,
        "session_minutes": args.session_minutes,
        "collapse": not args.no_collapse,
        "top": args.top,
    }


def report_filters(args: argparse.Namespace, *, anchor: dt.date) -> Filters:
    """Filters from the command line: --start/--end, else the default preset ending on
    ``anchor`` (an --end alone keeps the preset's length)."""
    end = args.end or anchor
    start = args.start or preset_range(DEFAULT_PRESET, end)[0]
    if end < start:
        raise UserError(f"--end {end} is before --start {start}")
    segments = {"channel": list(args.channel), "platform": list(args.platform)}
    segments["region"] = list(args.region)
    others = []
    for pair in getattr(args, "where", []):
        name, sep, value = pair.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise UserError(f"--where expects NAME=VALUE, got {pair!r}")
        if name.strip() in segments:
            segments[name.strip()].append(value.strip())
        else:
            others.append(f"{name.strip()}={value.strip()}")
    return Filters(
        start=start,
        end=end,
        channels=tuple(dict.fromkeys(segments["channel"])),
        platforms=tuple(dict.fromkeys(segments["platform"])),
        regions=tuple(dict.fromkeys(segments["region"])),
        where=parse_where(others),
        cohort=CohortFilter(name=args.cohort) if getattr(args, "cohort", None) else None,
    )


def run(args: argparse.Namespace) -> int:
    from opsdash.settings import get_settings
    from opsdash.store.data import data_date_range
    from opsdash.timeutil import today

    engine = open_store(args)
    with engine.connect() as conn:
        last_day = data_date_range(conn)[1]
    if args.page == "feedback":  # feedback periods end on the last feedback day
        from opsdash.metrics.feedback import last_feedback_day

        last_day = last_feedback_day(engine) or last_day
    filters = report_filters(args, anchor=last_day or today(get_settings().timezone))
    from opsdash.metrics.breakdowns import by_property, validate_user_filters

    validate_user_filters(engine, filters)
    from opsdash.cohorts import resolve_filters

    filters = resolve_filters(engine, filters)
    module = importlib.import_module(REPORT_MODULES[args.page])
    options = _paths_options(args, engine) if args.page == "paths" else {}
    if args.page == "intervals":
        options = {"from_event": args.from_event, "to_event": args.to_event}
    if args.page == "adoption":
        options = {"event": args.event, "launch": args.launch}
    settings = page_settings(args)
    if settings is not None:  # the page's one report (opsdash.reports.PAGE)
        payload = module.build_report(engine, filters=filters, settings=settings)
    else:
        payload = module.build_report(
            engine, filters=filters, period=args.period or "day", **options
        )
    if args.by:
        payload["by_property"] = by_property(engine, page=args.page, filters=filters, name=args.by)
    if args.json:
        print_json(payload)
    else:
        for key, value in payload.items():
            if not isinstance(value, (list, dict)):
                print(f"{key}: {value}")
    return 0
