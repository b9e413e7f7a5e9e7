"""``opsdash alert``: alert rules on the brief's metrics, sent with ``opsdash brief --send``."""

from __future__ import annotations

import argparse

from opsdash.brief.alerts import CONDITIONS, add_rule, list_rules, remove_rule
from opsdash.brief.series import METRICS
from opsdash.cli.common import open_store, print_json


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "alert", parents=[parent], help="alert rules sent with the brief"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[parent], help="add a rule")
    add.add_argument("metric", choices=METRICS)
    add.add_argument("condition", choices=CONDITIONS)
    add.add_argument(
        "threshold",
        nargs="?",
        type=float,
        help="above/below: the value; change: the share vs the previous day (0.2 = 20%%)",
    )
    add.add_argument("--segment", metavar="NAME=VALUE", help="only users of this segment")
    add.add_argument("--channel", metavar="N", help="send to this channel only")
    add.set_defaults(handler=run_add)
    show = actions.add_parser("list", parents=[parent], help="list rules")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", parents=[parent], help="remove a rule")
    remove.add_argument("id", type=int)
    remove.set_defaults(handler=run_remove)


def run_add(args: argparse.Namespace) -> int:
    number = add_rule(
        open_store(args),
        metric=args.metric,
        condition=args.condition,
        threshold=args.threshold,
        segment=args.segment,
        channel=args.channel,
    )
    print(f"added alert rule {number}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    rules = list_rules(open_store(args))
    rows = [rule.__dict__ for rule in rules]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            parts = [str(row["id"]), row["metric"], row["condition"]]
            parts += [str(row[k]) for k in ("threshold", "segment", "channel") if row[k]]
            print("\t".join(parts))
    return 0


def run_remove(args: argparse.Namespace) -> int:
    remove_rule(open_store(args), args.id)
    print(f"removed alert rule {args.id}")
    return 0
