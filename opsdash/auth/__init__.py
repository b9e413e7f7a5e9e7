"""Team access: accounts in the store (bcrypt hashes), roles and permissions, sign-in with a
lockout, and the checks hosted mode runs before it starts. Plain Python: no Streamlit here
(the Streamlit side is :mod:`opsdash.ui.auth`)."""

from opsdash.auth.hosted import Problem, ephemeral_platform, hosted_problems
from opsdash.auth.roles import ACTIONS, ROLES, can
from opsdash.auth.store import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    Account,
    SignIn,
    account_for_session,
    add_account,
    authenticate,
    demo_account_present,
    ensure_demo_admin,
    get_account,
    list_accounts,
    remove_account,
    reset_password,
    set_role,
    unlock,
)

__all__ = [
    "ACTIONS",
    "DEMO_PASSWORD",
    "DEMO_USERNAME",
    "ROLES",
    "Account",
    "Problem",
    "SignIn",
    "account_for_session",
    "add_account",
    "authenticate",
    "can",
    "demo_account_present",
    "ensure_demo_admin",
    "ephemeral_platform",
    "get_account",
    "hosted_problems",
    "list_accounts",
    "remove_account",
    "reset_password",
    "set_role",
    "unlock",
]
