"""``opsdash brief``: the morning brief of a day (text or JSON), and ``--send`` to push it
to every notification channel."""

from __future__ import annotations

import argparse
import sys

from opsdash.brief.alerts import evaluate, list_rules
from opsdash.brief.funnel import clear_key_funnel, key_funnel, set_key_funnel
from opsdash.brief.report import brief_for, brief_json, default_day
from opsdash.brief.text import alert_text, brief_message
from opsdash.cli.common import day_argument, open_store, print_json
from opsdash.settings import get_settings
from opsdash.timeutil import today


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "brief", parents=[parent], help="the morning brief: anomalies, drivers, targets"
    )
    parser.add_argument(
        "--date", type=day_argument, help="the day, YYYY-MM-DD (default: last data day)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--lang", choices=("zh", "en"), help="language of the text")
    parser.add_argument(
        "--send", action="store_true", help="push the brief to every notification channel"
    )
    parser.add_argument(
        "--force", action="store_true", help="with --send: send again to channels already sent"
    )
    funnel = parser.add_mutually_exclusive_group()
    funnel.add_argument(
        "--key-funnel",
        metavar="EVENT,EVENT,...",
        help="save the key funnel (2-6 event names) whose same-day conversion the brief shows",
    )
    funnel.add_argument(
        "--clear-key-funnel", action="store_true", help="forget the saved key funnel"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    engine = open_store(args)
    settings = get_settings()
    if args.key_funnel:
        set_key_funnel(engine, args.key_funnel.split(","))
    elif args.clear_key_funnel:
        clear_key_funnel(engine)
    day = args.date or default_day(engine) or today(settings.timezone)
    brief = brief_for(engine, day)
    fired = evaluate(engine, brief, list_rules(engine)) if brief.metrics else []
    if args.send:
        return _send(engine, brief, fired, args, settings)
    language = args.lang or settings.language
    symbol = settings.currency_symbol
    if args.json:
        payload = brief_json(brief)
        steps = key_funnel(engine)
        payload["key_funnel"] = list(steps) if steps else None
        payload["alerts"] = [
            {
                "id": hit.rule.id,
                "metric": hit.rule.metric,
                "condition": hit.rule.condition,
                "threshold": hit.rule.threshold,
                "segment": hit.rule.segment,
                "channel": hit.rule.channel,
                "value": hit.value,
                "text": alert_text(hit, language, symbol=symbol),
            }
            for hit in fired
        ]
        print_json(payload)
        return 0
    alerts = tuple(alert_text(hit, language, symbol=symbol) for hit in fired)
    sys.stdout.write(brief_message(brief, language, symbol=symbol, alerts=alerts).text + "\n")
    return 0


def _send(engine, brief, fired, args: argparse.Namespace, settings) -> int:
    """Push the brief and the triggered alerts (a rule with a channel goes to that channel
    only) to every channel; exit 1 naming each channel that failed after its retries (nothing
    secret in the message)."""
    from opsdash.notify.send import send_to_all

    language = args.lang or settings.language
    symbol = settings.currency_symbol

    def message_for(channel):
        alerts = tuple(
            alert_text(hit, language, symbol=symbol)
            for hit in fired
            if hit.rule.channel in (None, channel.name)
        )
        return brief_message(brief, language, symbol=symbol, alerts=alerts)

    outcomes = send_to_all(engine, day=brief.day, message=message_for, force=args.force)
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
