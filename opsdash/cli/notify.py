"""``opsdash notify``: the channels the morning brief is pushed to (企业微信, 钉钉, 飞书, a
generic webhook, e-mail). Targets and secrets are never printed: ``list`` masks them."""

from __future__ import annotations

import argparse
import sys

from opsdash.brief.text import Message
from opsdash.cli.common import open_store, print_json
from opsdash.i18n import translate
from opsdash.notify.channels import (
    add_channel,
    get_channel,
    list_channels,
    masked,
    remove_channel,
)
from opsdash.notify.payloads import KINDS
from opsdash.notify.send import SendError, send_message
from opsdash.settings import get_settings


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "notify", parents=[parent], help="channels the brief is pushed to"
    )
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[parent], help="add a channel")
    add.add_argument("kind", choices=KINDS)
    add.add_argument("target", help="webhook URL, or e-mail addresses (comma-separated)")
    add.add_argument(
        "--secret", help="signing secret (钉钉/飞书) or SMTP password; '-' reads it from stdin"
    )
    add.add_argument("--name", help="channel name (default: the kind)")
    add.add_argument("--json", action="store_true", help="print JSON")
    add.set_defaults(handler=run_add)
    show = actions.add_parser("list", parents=[parent], help="list channels (masked)")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=run_list)
    remove = actions.add_parser("remove", parents=[parent], help="remove a channel")
    remove.add_argument("name")
    remove.set_defaults(handler=run_remove)
    test = actions.add_parser("test", parents=[parent], help="send a test message")
    test.add_argument("name")
    test.set_defaults(handler=run_test)


def run_add(args: argparse.Namespace) -> int:
    secret = args.secret
    if secret == "-":
        secret = sys.stdin.readline().strip()
    channel = add_channel(
        open_store(args), kind=args.kind, target=args.target, secret=secret, name=args.name
    )
    if args.json:
        print_json(masked(channel))
    else:
        print(f"added {channel.name} ({channel.kind})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    rows = [masked(channel) for channel in list_channels(open_store(args))]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            secret = " secret ****" if row["secret"] else ""
            print(f"{row['name']}\t{row['kind']}\t{row['target']}{secret}")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    remove_channel(open_store(args), args.name)
    print(f"removed {args.name}")
    return 0


def run_test(args: argparse.Namespace) -> int:
    channel = get_channel(open_store(args), args.name)
    language = get_settings().language
    title = translate("brief.message.test", language)
    message = Message(title=title, markdown=f"### {title}", text=title)
    try:
        attempts = send_message(channel, message)
    except SendError as error:
        tries = getattr(error, "attempts", 1)
        print(
            f"opsdash notify: channel {channel.name} failed after {tries} attempt(s): "
            f"{error.detail}",
            file=sys.stderr,
        )
        return 1
    print(f"sent a test message to {channel.name} ({attempts} attempt(s))")
    return 0
