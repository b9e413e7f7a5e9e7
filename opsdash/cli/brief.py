"""``opsdash brief``: the morning brief of a day (text or JSON), and ``--send`` to push it
to every notification channel."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from opsdash.brief.report import brief_for, brief_json
from opsdash.brief.text import brief_message
from opsdash.cli.common import open_store, print_json
from opsdash.settings import get_settings


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from error


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "brief", parents=[parent], help="the morning brief: anomalies, drivers, targets"
    )
    parser.add_argument("--date", type=_day, help="the day, YYYY-MM-DD (default: last data day)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the text")
    parser.add_argument(
        "--send", action="store_true", help="push the brief to every notification channel"
    )
    parser.add_argument(
        "--force", action="store_true", help="with --send: send again to channels already sent"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    engine = open_store(args)
    settings = get_settings()
    brief = brief_for(engine, args.date)
    if args.send:
        return _send(engine, brief, args, settings)
    if args.json:
        print_json(brief_json(brief))
        return 0
    language = args.lang or settings.language
    sys.stdout.write(brief_message(brief, language, symbol=settings.currency_symbol).text + "\n")
    return 0


def _send(engine, brief, args: argparse.Namespace, settings) -> int:
    """Push the brief to every channel; exit 1 naming each channel that failed after its
    retries (nothing secret in the message)."""
    from opsdash.notify.send import send_to_all

    language = args.lang or settings.language
    message = brief_message(brief, language, symbol=settings.currency_symbol)
    outcomes = send_to_all(engine, day=brief.day, message=message, force=args.force)
    if args.json:
        print_json(
            {
                "date": brief.day.isoformat(),
                "channels": [
                    {
                        "name": o.channel,
                        "kind": o.kind,
                        "status": o.status,
                        "attempts": o.attempts,
                        "detail": o.detail,
                    }
                    for o in outcomes
                ],
            }
        )
    else:
        if not outcomes:
            print("no notification channels (add one: opsdash notify add KIND TARGET)")
        for o in outcomes:
            print(f"{o.channel}\t{o.kind}\t{o.status}")
    failed = [o for o in outcomes if o.status == "failed"]
    for o in failed:
        print(
            f"opsdash brief: channel {o.channel} failed after {o.attempts} attempt(s): {o.detail}",
            file=sys.stderr,
        )
    return 1 if failed else 0
