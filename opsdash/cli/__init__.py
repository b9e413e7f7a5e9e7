"""The ``opsdash`` command: everything that is not the browser.

Each subcommand lives in its own module of this package and exposes
``register(subparsers, parent)``; ``parent`` carries the options every subcommand accepts
(``--db URL``). Handlers return an exit status; :class:`opsdash.errors.UserError` becomes a
one-line message on stderr and exit status 2.

Start-up stays fast: only the module of the subcommand being run is imported (``opsdash
--help`` imports none); the others appear in the parser as a name and a help line from
:data:`COMMANDS` (tests/unit/test_cli_startup.py checks the lines match the modules).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from opsdash.errors import UserError

# command -> (module in this package, the help line its register() gives)
COMMANDS = {
    "demo": ("demo", "fill the store with realistic demo data"),
    "report": ("report", "print the numbers a page shows"),
    "users": ("users", "manage dashboard accounts and roles"),
    "abtest": ("abtest", "A/B test statistics (z-test, Welch, sample size, SRM)"),
    "import": ("importer", "import a CSV/TSV/TXT/XLSX export as one batch"),
    "batches": ("importer", "list the import history"),
    "undo": ("importer", "undo an import batch"),
    "brief": ("brief", "the morning brief: anomalies, drivers, targets"),
    "notify": ("notify", "channels the brief is pushed to"),
    "annotate": ("annotate", "dated notes on the trend charts"),
    "alert": ("alert", "alert rules sent with the brief"),
    "cohort": ("cohort", "manage cohorts (用户分群)"),
}
SUBCOMMAND_MODULES = tuple(dict.fromkeys(module for module, _ in COMMANDS.values()))


def _chosen_command(argv: list[str]) -> str | None:
    """The subcommand named on the command line (the top level has no options taking a
    value, so it is the first word that is not an option), None when there is none."""
    for word in argv:
        if word == "--":
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with ``argv``, only the module of the subcommand it names is imported
    (every module without ``argv``)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL of the store (default: OPSDASH_DATABASE_URL or data/opsdash.db)",
    )
    parser = argparse.ArgumentParser(prog="opsdash", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if argv is None:
        wanted = set(SUBCOMMAND_MODULES)
    else:
        chosen = _chosen_command(argv)
        wanted = {COMMANDS[chosen][0]} if chosen else set()
    registered: set[str] = set()
    for name, (module, help_line) in COMMANDS.items():
        if module in wanted:
            if module not in registered:
                importlib.import_module(f"opsdash.cli.{module}").register(subparsers, parent)
                registered.add(module)
        else:  # listed for --help and the choices; never parsed into
            subparsers.add_parser(name, help=help_line)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
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
