"""The ``opsdash`` command: everything that is not the browser.

Each subcommand lives in its own module of this package and exposes
``register(subparsers, parent)``; ``parent`` carries the options every subcommand accepts
(``--db URL``). Handlers return an exit status; :class:`opsdash.errors.UserError` becomes a
one-line message on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from opsdash.errors import UserError

SUBCOMMAND_MODULES = (
    "demo",
    "report",
    "users",
    "abtest",
    "importer",
    "brief",
    "notify",
    "annotate",
    "alert",
    "cohort",
)


def build_parser() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL of the store (default: OPSDASH_DATABASE_URL or data/opsdash.db)",
    )
    parser = argparse.ArgumentParser(prog="opsdash", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(f"opsdash.cli.{name}").register(subparsers, parent)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except UserError as error:
        print(f"opsdash {args.command}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
