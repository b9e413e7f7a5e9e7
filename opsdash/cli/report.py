"""``opsdash report PAGE``: the numbers a page shows, for scheduled reports and checks.

Each page's metrics module provides ``build_report(engine, *, filters, period) -> dict``
(JSON-ready: str keys, numbers, ISO date strings, lists)."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib

from opsdash.cli.common import day_argument, open_store, print_json
from opsdash.errors import UserError
from opsdash.filters import DEFAULT_PRESET, CohortFilter, Filters, parse_where, preset_range
from opsdash.metrics.sql import PERIODS
from opsdash.settings import get_settings
from opsdash.store.data import data_date_range
from opsdash.timeutil import today

REPORT_MODULES = {
    "overview": "opsdash.metrics.overview",
    "users": "opsdash.metrics.users",
    "content": "opsdash.metrics.content",
    "activities": "opsdash.metrics.activities",
    "revenue": "opsdash.metrics.revenue",
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
    parser.add_argument("--period", choices=PERIODS, default="day", help="grouping (day)")
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
    parser.set_defaults(handler=run)


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
    payload = module.build_report(engine, filters=filters, period=args.period, **options)
    if args.by:
        payload["by_property"] = by_property(engine, page=args.page, filters=filters, name=args.by)
    if args.json:
        print_json(payload)
    else:
        for key, value in payload.items():
            if not isinstance(value, (list, dict)):
                print(f"{key}: {value}")
    return 0
