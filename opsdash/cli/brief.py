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
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    engine = open_store(args)
    settings = get_settings()
    brief = brief_for(engine, args.date)
    if args.json:
        print_json(brief_json(brief))
        return 0
    language = args.lang or settings.language
    sys.stdout.write(brief_message(brief, language, symbol=settings.currency_symbol).text + "\n")
    return 0
