"""Accounts, roles, sign-in lockout, hosted-mode checks and the ``opsdash users`` command."""

from __future__ import annotations

import datetime as dt
import io
import json

import bcrypt
import pytest
import sqlalchemy as sa

from opsdash.auth import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    account_for_session,
    add_account,
    authenticate,
    can,
    demo_account_present,
    ensure_demo_admin,
    ephemeral_platform,
    get_account,
    hosted_problems,
    list_accounts,
    passwords,
    remove_account,
    reset_password,
    set_role,
    store,
    unlock,
)
from opsdash.auth import hosted as hosted_module
from opsdash.cli import main
from opsdash.errors import UserError
from opsdash.i18n import CATALOG
from opsdash.models import AppUser
from opsdash.settings import DEFAULT_COOKIE_KEY, Settings

STRONG_KEY = "Qm7vX2pL9tR4wZ8kB3nF6hJ1cY5sD0gAe8uIxN2bV4"  # random-looking
NOW = dt.datetime(2026, 3, 1, 12, 0)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)
    store._UNKNOWN_FAILURES.clear()


@pytest.fixture
def accounts(engine):
    """The store with no accounts (the PostgreSQL fixture does not empty app_users)."""
    with engine.begin() as conn:
        conn.execute(AppUser.__table__.delete())
    return engine


def sign_in(engine, username, password, *, now=NOW, attempts=3, minutes=10):
    return authenticate(
        engine, username, password, lockout_attempts=attempts, lockout_minutes=minutes, now=now
    )


# Roles


def test_role_permissions():
    assert can("viewer", "view")
    assert not any(can("viewer", a) for a in ("import", "set_targets", "undo_batch"))
    assert can("editor", "import") and can("editor", "set_targets")
    assert not can("editor", "undo_batch") and not can("editor", "manage_users")
    assert all(can("admin", a) for a in store_actions())
    assert not can(None, "view") and not can("guest", "view")
    with pytest.raises(ValueError):
        can("admin", "launch_rockets")


def store_actions():
    from opsdash.auth import ACTIONS

    return ACTIONS


# Accounts


def test_add_list_and_hash_only(accounts):
    add_account(accounts, username=" Ana ", password="s3cret-pw", role="editor")
    add_account(accounts, username="bo", password="another-pw", role="viewer", display_name="Bo")
    assert [(a.username, a.role, a.display_name) for a in list_accounts(accounts)] == [
        ("ana", "editor", "ana"),
        ("bo", "viewer", "Bo"),
    ]
    with accounts.connect() as conn:
        stored = conn.execute(sa.select(AppUser.__table__.c.password_hash)).scalars().all()
    assert all(h.startswith("$2") and "s3cret" not in h for h in stored)
    assert bcrypt.checkpw(b"s3cret-pw", stored[0].encode())


@pytest.mark.parametrize(
    ("username", "password", "role"),
    [
        ("ana", "short", "viewer"),
        ("", "long-enough", "viewer"),
        ("a b", "long-enough", "viewer"),
        ("ana", "long-enough", "owner"),
        ("ana", "é" * 40, "viewer"),  # 80 bytes > bcrypt's 72
    ],
)
def test_add_refuses_bad_input(accounts, username, password, role):
    with pytest.raises(UserError):
        add_account(accounts, username=username, password=password, role=role)
    assert list_accounts(accounts) == []


def test_duplicate_and_missing_users(accounts):
    add_account(accounts, username="ana", password="pw-123456", role="admin")
    with pytest.raises(UserError, match="already exists"):
        add_account(accounts, username="ANA", password="pw-123456", role="viewer")
    for action in (
        lambda: remove_account(accounts, "nobody"),
        lambda: set_role(accounts, "nobody", "viewer"),
        lambda: reset_password(accounts, "nobody", "pw-123456"),
        lambda: unlock(accounts, "nobody"),
    ):
        with pytest.raises(UserError, match="no user"):
            action()


def test_last_admin_is_kept(accounts):
    add_account(accounts, username="root", password="pw-123456", role="admin")
    add_account(accounts, username="ana", password="pw-123456", role="viewer")
    with pytest.raises(UserError, match="last admin"):
        remove_account(accounts, "root")
    with pytest.raises(UserError, match="last admin"):
        set_role(accounts, "root", "editor")
    set_role(accounts, "ana", "admin")
    set_role(accounts, "root", "viewer")
    remove_account(accounts, "root")
    assert [a.username for a in list_accounts(accounts)] == ["ana"]


# Sign-in and lockout


def test_sign_in_ok_and_uniform_failures(accounts):
    add_account(accounts, username="ana", password="right-pw", role="editor")
    result = sign_in(accounts, "ANA ", "right-pw")
    assert result.status == "ok" and result.account.username == "ana"
    wrong = sign_in(accounts, "ana", "wrong-pw")
    unknown = sign_in(accounts, "ghost", "wrong-pw")
    assert wrong == unknown == store.SignIn("invalid")


def test_every_outcome_costs_one_bcrypt_check(accounts, monkeypatch):
    add_account(accounts, username="ana", password="right-pw", role="editor")
    calls = []
    real = bcrypt.checkpw
    monkeypatch.setattr(bcrypt, "checkpw", lambda pw, h: calls.append(h[:7]) or real(pw, h))
    for username, password in [("ana", "right-pw"), ("ana", "bad-pw"), ("ghost", "bad-pw")]:
        calls.clear()
        sign_in(accounts, username, password, attempts=99)
        assert len(calls) == 1
        assert calls[0] == b"$2b$04$"  # same cost for real and dummy hashes
    for _ in range(3):
        sign_in(accounts, "ana", "bad-pw", attempts=3)
    calls.clear()
    assert sign_in(accounts, "ana", "right-pw", attempts=3).status == "locked"
    assert len(calls) == 1


def test_lockout_after_n_failures_then_expires(accounts):
    add_account(accounts, username="ana", password="right-pw", role="editor")
    assert sign_in(accounts, "ana", "x-wrong-1").status == "invalid"
    assert sign_in(accounts, "ana", "x-wrong-2").status == "invalid"
    third = sign_in(accounts, "ana", "x-wrong-3")
    assert third.status == "locked" and third.locked_until == NOW + dt.timedelta(minutes=10)
    # Locked: even the right password is refused, and the lock does not grow.
    during = sign_in(accounts, "ana", "right-pw", now=NOW + dt.timedelta(minutes=9))
    assert during.status == "locked" and during.locked_until == third.locked_until
    later = NOW + dt.timedelta(minutes=10, seconds=1)
    assert sign_in(accounts, "ana", "right-pw", now=later).status == "ok"
    account = get_account(accounts, "ana")
    assert account.failed_attempts == 0 and account.locked_until is None


def test_success_resets_failure_count(accounts):
    add_account(accounts, username="ana", password="right-pw", role="editor")
    for _ in range(2):
        sign_in(accounts, "ana", "bad-pw-x")
    assert get_account(accounts, "ana").failed_attempts == 2
    assert sign_in(accounts, "ana", "right-pw").status == "ok"
    for _ in range(2):
        assert sign_in(accounts, "ana", "bad-pw-x").status == "invalid"


def test_unknown_usernames_lock_like_real_ones(accounts):
    statuses = [sign_in(accounts, "ghost", "bad-pw-x").status for _ in range(4)]
    assert statuses == ["invalid", "invalid", "locked", "locked"]
    later = NOW + dt.timedelta(minutes=11)
    assert sign_in(accounts, "ghost", "bad-pw-x", now=later).status == "invalid"


def test_unlock_and_reset_password(accounts):
    add_account(accounts, username="ana", password="right-pw", role="editor")
    for _ in range(3):
        sign_in(accounts, "ana", "bad-pw-x")
    unlock(accounts, "ana")
    assert sign_in(accounts, "ana", "right-pw").status == "ok"
    for _ in range(3):
        sign_in(accounts, "ana", "bad-pw-x")
    before = get_account(accounts, "ana").password_changed_at
    reset_password(accounts, "ana", "new-password")
    account = get_account(accounts, "ana")
    assert account.locked_until is None and account.password_changed_at > before
    assert sign_in(accounts, "ana", "right-pw").status == "invalid"
    assert sign_in(accounts, "ana", "new-password").status == "ok"


def test_session_cookie_ends_with_password_change_and_removal(accounts):
    add_account(accounts, username="ana", password="right-pw", role="editor")
    add_account(accounts, username="root", password="right-pw", role="admin")
    issued = get_account(accounts, "ana").password_changed_at
    assert account_for_session(accounts, "ana", issued_at=issued).role == "editor"
    assert account_for_session(accounts, "ana", issued_at=None) is None
    reset_password(accounts, "ana", "new-password")
    assert account_for_session(accounts, "ana", issued_at=issued) is None
    remove_account(accounts, "ana")
    assert account_for_session(accounts, "ana", issued_at=dt.datetime(2100, 1, 1)) is None


def test_demo_admin(accounts):
    assert ensure_demo_admin(accounts) is True
    assert ensure_demo_admin(accounts) is True  # idempotent
    assert [(a.username, a.role) for a in list_accounts(accounts)] == [(DEMO_USERNAME, "admin")]
    assert sign_in(accounts, DEMO_USERNAME, DEMO_PASSWORD).status == "ok"
    reset_password(accounts, DEMO_USERNAME, "my-own-secret")
    assert not demo_account_present(accounts)
    assert ensure_demo_admin(accounts) is False  # accounts exist: nothing created


# Hosted mode


def settings(**values) -> Settings:
    return Settings(_env_file=None, **values)


def codes(problems):
    return [p.code for p in problems]


def test_hosted_cookie_key_checks(tmp_path):
    pg = "postgresql://u:p@db:5432/opsdash"
    assert codes(hosted_problems(settings(database_url=pg), environ={})) == ["cookie_key_default"]
    short = hosted_problems(settings(database_url=pg, cookie_key="abc"), environ={})
    assert codes(short) == ["cookie_key_short"]
    assert "3" in short[0].message("en") and "OPSDASH_COOKIE_KEY" in short[0].message("zh")
    assert hosted_problems(settings(database_url=pg, cookie_key=STRONG_KEY), environ={}) == []
    assert DEFAULT_COOKIE_KEY != STRONG_KEY


@pytest.mark.parametrize(
    ("environ", "cwd", "platform"),
    [
        ({"HOSTNAME": "streamlit"}, "/app", "Streamlit Community Cloud"),
        ({}, "/mount/src/opsdash", "Streamlit Community Cloud"),
        ({"DYNO": "web.1"}, "/app", "Heroku"),
        ({"K_SERVICE": "opsdash"}, "/app", "Google Cloud Run"),
        ({"HOSTNAME": "laptop"}, "/home/me/opsdash", None),
    ],
)
def test_ephemeral_platforms(environ, cwd, platform):
    from pathlib import Path

    assert ephemeral_platform(environ, cwd=Path(cwd)) == platform


def test_hosted_sqlite_on_ephemeral_disk(tmp_path):
    from pathlib import Path

    cloud = {"HOSTNAME": "streamlit"}
    local = settings(cookie_key=STRONG_KEY, data_dir=tmp_path)
    problems = hosted_problems(local, environ=cloud, cwd=Path("/app"))
    assert codes(problems) == ["sqlite_ephemeral"]
    text = problems[0].message("en")
    assert "Streamlit Community Cloud" in text and "OPSDASH_DATABASE_URL" in text
    assert hosted_problems(local, environ={}, cwd=Path("/srv")) == []
    trusted = settings(cookie_key=STRONG_KEY, data_dir=tmp_path, persistent_disk=True)
    assert hosted_problems(trusted, environ=cloud, cwd=Path("/app")) == []
    wiped = settings(cookie_key=STRONG_KEY, data_dir=tmp_path, persistent_disk=False)
    assert codes(hosted_problems(wiped, environ={})) == ["sqlite_not_persistent"]
    pg = settings(cookie_key=STRONG_KEY, database_url="postgresql://u:p@db/opsdash")
    assert hosted_problems(pg, environ=cloud, cwd=Path("/app")) == []


def test_hosted_account_checks(accounts):
    ok = settings(cookie_key=STRONG_KEY, database_url="postgresql://u:p@db/x")
    assert codes(hosted_problems(ok, engine=accounts, environ={})) == ["no_admin"]
    ensure_demo_admin(accounts)
    problems = hosted_problems(ok, engine=accounts, environ={})
    assert codes(problems) == ["demo_account"]
    assert "opsdash users remove admin" in problems[0].message("en")
    add_account(accounts, username="ops-lead", password="team-secret", role="admin")
    remove_account(accounts, DEMO_USERNAME)
    assert hosted_problems(ok, engine=accounts, environ={}) == []


def test_problem_messages_in_both_languages():
    problem_keys = [k for k in CATALOG if k.startswith("auth.")]
    for key in problem_keys:
        assert CATALOG[key]["zh"] and CATALOG[key]["en"], key
    for code in ("cookie_key_default", "cookie_key_short", "sqlite_ephemeral", "demo_account"):
        assert f"auth.problem.{code}" in CATALOG
    assert hosted_module.MIN_COOKIE_KEY_CHARS == 32


# The command


def run_cli(monkeypatch, capsys, argv, stdin=""):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(argv)
    out = capsys.readouterr()
    return status, out.out, out.err


def test_cli_users_round_trip(monkeypatch, capsys, tmp_path):
    db = ["--db", f"sqlite:///{tmp_path / 'cli.db'}"]
    status, out, _ = run_cli(monkeypatch, capsys, ["users", "ensure-demo", *db])
    assert status == 0 and DEMO_PASSWORD in out
    status, out, _ = run_cli(
        monkeypatch, capsys, ["users", "add", "Ana", "--role", "editor", *db], "pw-from-stdin\n"
    )
    assert (status, out.strip()) == (0, "opsdash users: added ana (editor)")
    status, _, err = run_cli(
        monkeypatch, capsys, ["users", "add", "ana", "--role", "viewer", *db], "pw-from-stdin\n"
    )
    assert status == 2 and "already exists" in err
    status, _, err = run_cli(
        monkeypatch, capsys, ["users", "add", "bo", "--role", "viewer", *db], "short\n"
    )
    assert status == 2 and "at least 8" in err
    assert run_cli(monkeypatch, capsys, ["users", "set-role", "ana", "viewer", *db])[0] == 0
    status, _, _ = run_cli(
        monkeypatch, capsys, ["users", "reset-password", "ana", *db], "brand-new-pw\n"
    )
    assert status == 0
    status, out, _ = run_cli(monkeypatch, capsys, ["users", "list", "--json", *db])
    listed = {row["username"]: row["role"] for row in json.loads(out)}
    assert listed == {"admin": "admin", "ana": "viewer"}
    status, _, err = run_cli(monkeypatch, capsys, ["users", "check-hosted", *db])
    assert status == 2 and "demo account" in err
    assert run_cli(monkeypatch, capsys, ["users", "remove", "ana", *db])[0] == 0
    status, _, err = run_cli(monkeypatch, capsys, ["users", "remove", "admin", *db])
    assert status == 2 and "last admin" in err


def test_local_cookie_key_is_random_and_kept(tmp_path):
    from opsdash.auth.cookies import cookie_signing_key

    local = settings(data_dir=tmp_path)
    key = cookie_signing_key(local)
    assert key != DEFAULT_COOKIE_KEY and len(key) >= 32
    assert cookie_signing_key(local) == key  # kept across restarts
    assert (tmp_path / ".cookie_key").stat().st_mode & 0o077 == 0
    assert cookie_signing_key(settings(data_dir=tmp_path, cookie_key=STRONG_KEY)) == STRONG_KEY
