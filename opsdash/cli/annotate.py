"""``opsdash annotate``: dated notes shown on every trend chart (时间标注)."""

from __future__ import annotations

import argparse

from opsdash.brief.annotations import add_annotation, list_annotations, remove_annotation
from opsdash.cli.common import day_argument, open_store, print_json
from opsdash.jsonready import json_value


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "annotate", parents=[parent], help="dated notes on the trend charts"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[parent], help="add a note")
    add.add_argument("--date", type=day_argument, required=True, help="the day, YYYY-MM-DD")
    add.add_argument("--text", required=True, help="the note (a release, an outage, a holiday)")
    add.set_defaults(handler=run_add)
    show = actions.add_parser("list", parents=[parent], help="list the notes")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", parents=[parent], help="remove a note")
    remove.add_argument("id", type=int)
    remove.set_defaults(handler=run_remove)


def run_add(args: argparse.Namespace) -> int:
    number = add_annotation(open_store(args), day=args.date, text=args.text)
    print(f"added annotation {number} on {args.date.isoformat()}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    rows = list_annotations(open_store(args))
    if args.json:
        print_json([{key: json_value(value) for key, value in row.items()} for row in rows])
    else:
        for row in rows:
            print(f"{row['id']}\t{row['day'].isoformat()}\t{row['text']}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    remove_annotation(open_store(args), args.id)
    print(f"removed annotation {args.id}")
    return 0
