"""``opsdash cohort``: save, list, download and delete cohorts (用户分群).

``create NAME --rule FIELD=VALUE ...`` saves a dynamic cohort (the rule is re-evaluated on
every read; ``--static`` freezes its users now); ``--users-file F`` saves the user IDs in the
first column of a CSV file (header optional) as a static cohort. ``report PAGE --cohort NAME``
filters any page by one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opsdash.cli.common import open_store, print_json
from opsdash.cohorts import (
    cohort_users,
    create_cohort,
    delete_cohort,
    list_cohorts,
    parse_rule,
    read_users_file,
)
from opsdash.errors import UserError
from opsdash.export import to_safe_csv


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("cohort", parents=[parent], help="manage cohorts (用户分群)")
    actions = parser.add_subparsers(dest="cohort_command", required=True, metavar="ACTION")

    create = actions.add_parser("create", parents=[parent], help="save a cohort")
    create.add_argument("name")
    source = create.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--rule",
        action="append",
        metavar="FIELD=VALUE",
        help="users field or user property = value (repeatable: values of one name OR, names "
        "AND); also signup_date>=YYYY-MM-DD and signup_date<=YYYY-MM-DD",
    )
    source.add_argument("--users-file", metavar="F", help="CSV of user IDs (first column)")
    create.add_argument(
        "--static", action="store_true", help="with --rule: save the matching users now"
    )
    create.add_argument("--by", metavar="WHO", help="recorded as created_by")
    create.add_argument("--json", action="store_true", help="print JSON")
    create.set_defaults(handler=run_create)

    listing = actions.add_parser("list", parents=[parent], help="list cohorts and sizes")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)

    export = actions.add_parser(
        "export", parents=[parent], help="the cohort's users as spreadsheet-safe CSV"
    )
    export.add_argument("name")
    export.add_argument("--output", "-o", metavar="F", help="write to F (default: stdout)")
    export.set_defaults(handler=run_export)

    delete = actions.add_parser("delete", parents=[parent], help="delete a cohort")
    delete.add_argument("name")
    delete.set_defaults(handler=run_delete)


def run_create(args: argparse.Namespace) -> int:
    engine = open_store(args)
    if args.users_file:
        path = Path(args.users_file)
        if not path.is_file():
            raise UserError(f"{path}: no such file")
        if args.static:
            raise UserError("--static goes with --rule (a users file is always static)")
        info = create_cohort(engine, args.name, users=read_users_file(path), created_by=args.by)
    else:
        info = create_cohort(
            engine, args.name, rule=parse_rule(args.rule), static=args.static, created_by=args.by
        )
    if args.json:
        print_json(info.to_json())
    else:
        print(f"opsdash cohort: saved {info.name} ({info.kind}, {info.users:,} users)")
    return 0


def run_list(args: argparse.Namespace) -> int:
    engine = open_store(args)
    cohorts = list_cohorts(engine)
    if args.json:
        print_json([c.to_json() for c in cohorts])
        return 0
    if not cohorts:
        print("opsdash cohort: no cohorts (save one: opsdash cohort create NAME --rule F=V)")
        return 0
    width = max(len(c.name) for c in cohorts)
    for c in cohorts:
        print(f"{c.name:<{width}}  {c.kind:<7}  {c.users:>9,} users")
    return 0


def run_export(args: argparse.Namespace) -> int:
    engine = open_store(args)
    data = to_safe_csv(cohort_users(engine, args.name))
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def run_delete(args: argparse.Namespace) -> int:
    engine = open_store(args)
    delete_cohort(engine, args.name)
    print(f"opsdash cohort: deleted {args.name}")
    return 0
