"""``opsdash users``: manage who may sign in to the dashboard.

Passwords are prompted for (twice) on a terminal, or read from the first line of standard
input otherwise (``printf '%s\\n' "$PW" | opsdash users add ana --role editor``); they are
stored only as bcrypt hashes, in the store's ``app_users`` table."""

from __future__ import annotations

import argparse
import getpass
import sys

from opsdash.auth import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    ROLES,
    add_account,
    ensure_demo_admin,
    hosted_problems,
    list_accounts,
    remove_account,
    reset_password,
    set_role,
    unlock,
)
from opsdash.cli.common import open_store, print_json
from opsdash.errors import UserError
from opsdash.settings import get_settings


def register(subparsers, parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "users", parents=[parent], help="manage dashboard accounts and roles"
    )
    actions = parser.add_subparsers(dest="users_command", required=True, metavar="ACTION")

    add = actions.add_parser("add", parents=[parent], help="add an account")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES, help="admin, editor or viewer")
    add.add_argument("--name", dest="display_name", help="display name (default: username)")
    add.set_defaults(handler=run_add)

    remove = actions.add_parser("remove", parents=[parent], help="remove an account")
    remove.add_argument("username")
    remove.set_defaults(handler=run_remove)

    role = actions.add_parser("set-role", parents=[parent], help="change an account's role")
    role.add_argument("username")
    role.add_argument("role", choices=ROLES)
    role.set_defaults(handler=run_set_role)

    reset = actions.add_parser(
        "reset-password", parents=[parent], help="set a new password (also unlocks)"
    )
    reset.add_argument("username")
    reset.set_defaults(handler=run_reset_password)

    unlock_parser = actions.add_parser(
        "unlock", parents=[parent], help="clear failed sign-ins and a lock"
    )
    unlock_parser.add_argument("username")
    unlock_parser.set_defaults(handler=run_unlock)

    listing = actions.add_parser("list", parents=[parent], help="list accounts")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=run_list)

    demo = actions.add_parser(
        "ensure-demo",
        parents=[parent],
        help="local mode: create the demo admin when there are no accounts; print it",
    )
    demo.set_defaults(handler=run_ensure_demo)

    check = actions.add_parser(
        "check-hosted",
        parents=[parent],
        help="list what hosted mode would refuse to start with (exit 2 if anything)",
    )
    check.set_defaults(handler=run_check_hosted)


def read_password(*, confirm: bool = True) -> str:
    """The new password: prompted (twice) on a terminal, else the first line of stdin."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise UserError("no password on standard input")
        return password
    password = getpass.getpass("Password: ")
    if confirm and getpass.getpass("Repeat password: ") != password:
        raise UserError("the passwords do not match")
    return password


def run_add(args: argparse.Namespace) -> int:
    engine = open_store(args)
    password = read_password()
    account = add_account(
        engine,
        username=args.username,
        password=password,
        role=args.role,
        display_name=args.display_name,
    )
    print(f"opsdash users: added {account.username} ({account.role})")
    return 0


def run_remove(args: argparse.Namespace) -> int:
    engine = open_store(args)
    remove_account(engine, args.username)
    print(f"opsdash users: removed {args.username.strip().lower()}")
    return 0


def run_set_role(args: argparse.Namespace) -> int:
    engine = open_store(args)
    account = set_role(engine, args.username, args.role)
    print(f"opsdash users: {account.username} is now {account.role}")
    return 0


def run_reset_password(args: argparse.Namespace) -> int:
    engine = open_store(args)
    password = read_password()
    account = reset_password(engine, args.username, password)
    print(f"opsdash users: new password set for {account.username}")
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    engine = open_store(args)
    unlock(engine, args.username)
    print(f"opsdash users: {args.username.strip().lower()} unlocked")
    return 0


def run_list(args: argparse.Namespace) -> int:
    engine = open_store(args)
    accounts = list_accounts(engine)
    if args.json:
        print_json(
            [
                {
                    "username": a.username,
                    "display_name": a.display_name,
                    "role": a.role,
                    "failed_attempts": a.failed_attempts,
                    "locked_until": a.locked_until,
                    "created_at": a.created_at,
                }
                for a in accounts
            ]
        )
        return 0
    if not accounts:
        print("opsdash users: no accounts (add one: opsdash users add NAME --role admin)")
        return 0
    width = max(len(a.username) for a in accounts)
    for a in accounts:
        locked = f"  locked until {a.locked_until:%Y-%m-%d %H:%M} UTC" if a.locked_until else ""
        print(f"{a.username:<{width}}  {a.role:<6}  {a.display_name}{locked}")
    return 0


def run_ensure_demo(args: argparse.Namespace) -> int:
    settings = get_settings()
    if settings.hosted:
        print("opsdash users: hosted mode: no demo account is created")
        return 0
    engine = open_store(args)
    if ensure_demo_admin(engine):
        banner = "=" * 64
        print(banner)
        print(f"  opsdash demo admin:  username {DEMO_USERNAME}   password {DEMO_PASSWORD}")
        print("  (local mode only; add your own accounts with `opsdash users add`)")
        print(banner)
    else:
        print("opsdash users: sign in with your account (opsdash users list shows them)")
    return 0


def run_check_hosted(args: argparse.Namespace) -> int:
    settings = get_settings()
    engine = open_store(args)
    problems = hosted_problems(settings, engine=engine)
    if not problems:
        print("opsdash users: ready for hosted mode")
        return 0
    print("opsdash: hosted mode would refuse to start:", file=sys.stderr)
    for problem in problems:
        print(f"- {problem.message('en')}", file=sys.stderr)
    return 2
