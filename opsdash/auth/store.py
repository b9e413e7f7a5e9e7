"""Dashboard accounts in the store's ``app_users`` table: add, remove, change role, reset
password, and sign in with a lockout after repeated failures.

Sign-in is uniform: an unknown username, a wrong password and a locked account all cost one
bcrypt check, and the first two give the same answer (``invalid``). Unknown usernames are
also "locked" after the same number of failures (counted in memory), so the lockout message
does not reveal which usernames exist."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from collections import OrderedDict
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.auth.passwords import check_password, hash_password, spend_check_time
from opsdash.auth.roles import ROLES
from opsdash.errors import UserError
from opsdash.models import AppUser
from opsdash.timeutil import utc_now

TABLE = AppUser.__table__
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.@-]{0,63}$")

# The account `make run` creates in local mode. Hosted mode refuses to start while it exists
# with this password.
DEMO_USERNAME = "admin"
DEMO_PASSWORD = "opsdash-demo"


@dataclasses.dataclass(frozen=True)
class Account:
    """An account as the app sees it (never the password hash)."""

    username: str
    display_name: str
    role: str
    failed_attempts: int
    locked_until: dt.datetime | None
    created_at: dt.datetime
    password_changed_at: dt.datetime | None

    def locked_at(self, now: dt.datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


@dataclasses.dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: ``ok`` (with the account), ``invalid`` (unknown username or
    wrong password, deliberately indistinguishable) or ``locked`` (until ``locked_until``)."""

    status: Literal["ok", "invalid", "locked"]
    account: Account | None = None
    locked_until: dt.datetime | None = None


def normalise_username(username: str) -> str:
    """``username`` trimmed and lower-cased; :class:`UserError` when it is not a valid name
    (letters, digits, ``_ . @ -``; at most 64 characters)."""
    name = (username or "").strip().lower()
    if not USERNAME_PATTERN.fullmatch(name):
        raise UserError(
            f"invalid username {username!r}: use 1-64 letters, digits or _ . @ - "
            "(starting with a letter or digit)"
        )
    return name


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    return role


def _account(row: sa.Row) -> Account:
    return Account(
        username=row.username,
        display_name=row.display_name or row.username,
        role=row.role,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        created_at=row.created_at,
        password_changed_at=row.password_changed_at,
    )


def get_account(engine: Engine, username: str) -> Account | None:
    """The account named ``username`` (case-insensitive), or None."""
    name = (username or "").strip().lower()
    with engine.connect() as conn:
        row = conn.execute(sa.select(TABLE).where(TABLE.c.username == name)).first()
    return _account(row) if row else None


def list_accounts(engine: Engine) -> list[Account]:
    """All accounts, by username."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(TABLE).order_by(TABLE.c.username)).all()
    return [_account(row) for row in rows]


def add_account(
    engine: Engine,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
) -> Account:
    """Create an account; :class:`UserError` when the name is taken or invalid."""
    name = normalise_username(username)
    _check_role(role)
    password_hash = hash_password(password)
    now = utc_now()
    with engine.begin() as conn:
        exists = conn.execute(sa.select(TABLE.c.username).where(TABLE.c.username == name)).first()
        if exists:
            raise UserError(f"user {name!r} already exists")
        conn.execute(
            TABLE.insert().values(
                username=name,
                display_name=(display_name or "").strip() or name,
                role=role,
                password_hash=password_hash,
                failed_attempts=0,
                locked_until=None,
                password_changed_at=now,
                created_at=now,
            )
        )
    account = get_account(engine, name)
    assert account is not None
    return account


def _require(conn: sa.Connection, name: str) -> sa.Row:
    row = conn.execute(sa.select(TABLE).where(TABLE.c.username == name)).first()
    if row is None:
        raise UserError(f"no user {name!r}")
    return row


def _other_admins(conn: sa.Connection, name: str) -> int:
    query = (
        sa.select(sa.func.count())
        .select_from(TABLE)
        .where(TABLE.c.role == "admin", TABLE.c.username != name)
    )
    return int(conn.execute(query).scalar_one())


def remove_account(engine: Engine, username: str) -> None:
    """Delete an account; refuses to delete the last admin."""
    name = (username or "").strip().lower()
    with engine.begin() as conn:
        row = _require(conn, name)
        if row.role == "admin" and _other_admins(conn, name) == 0:
            raise UserError(f"{name!r} is the last admin; add another admin first")
        conn.execute(TABLE.delete().where(TABLE.c.username == name))


def set_role(engine: Engine, username: str, role: str) -> Account:
    """Change an account's role; refuses to demote the last admin."""
    name = (username or "").strip().lower()
    _check_role(role)
    with engine.begin() as conn:
        row = _require(conn, name)
        if row.role == "admin" and role != "admin" and _other_admins(conn, name) == 0:
            raise UserError(f"{name!r} is the last admin; add another admin first")
        conn.execute(TABLE.update().where(TABLE.c.username == name).values(role=role))
    account = get_account(engine, name)
    assert account is not None
    return account


def reset_password(engine: Engine, username: str, password: str) -> Account:
    """Set a new password, unlock the account and end its existing sign-in cookies."""
    name = (username or "").strip().lower()
    password_hash = hash_password(password)
    with engine.begin() as conn:
        _require(conn, name)
        conn.execute(
            TABLE.update()
            .where(TABLE.c.username == name)
            .values(
                password_hash=password_hash,
                failed_attempts=0,
                locked_until=None,
                password_changed_at=utc_now(),
            )
        )
    account = get_account(engine, name)
    assert account is not None
    return account


def unlock(engine: Engine, username: str) -> None:
    """Clear an account's failed sign-ins and lock."""
    name = (username or "").strip().lower()
    with engine.begin() as conn:
        _require(conn, name)
        conn.execute(
            TABLE.update()
            .where(TABLE.c.username == name)
            .values(failed_attempts=0, locked_until=None)
        )


# Failures of unknown usernames, counted in this process only (bounded): they lock like real
# accounts so that "locked" does not reveal which usernames exist.
_UNKNOWN_FAILURES: OrderedDict[str, tuple[int, dt.datetime | None]] = OrderedDict()
_UNKNOWN_LIMIT = 10_000


def _unknown_failure(
    name: str, *, attempts: int, minutes: float, now: dt.datetime
) -> dt.datetime | None:
    """Record a failure for an unknown username; the lock end when it is (now) locked."""
    count, locked_until = _UNKNOWN_FAILURES.pop(name, (0, None))
    if locked_until is not None and locked_until > now:
        _UNKNOWN_FAILURES[name] = (count, locked_until)
        return locked_until
    count += 1
    locked_until = None
    if count >= attempts:
        count, locked_until = 0, now + dt.timedelta(minutes=minutes)
    _UNKNOWN_FAILURES[name] = (count, locked_until)
    while len(_UNKNOWN_FAILURES) > _UNKNOWN_LIMIT:
        _UNKNOWN_FAILURES.popitem(last=False)
    return locked_until


def authenticate(
    engine: Engine,
    username: str,
    password: str,
    *,
    lockout_attempts: int,
    lockout_minutes: float,
    now: dt.datetime | None = None,
) -> SignIn:
    """Check a sign-in. ``lockout_attempts`` failures in a row lock the account for
    ``lockout_minutes`` (then it may try again); a successful sign-in clears the count.
    Every outcome costs one bcrypt check."""
    now = now or utc_now()
    name = (username or "").strip().lower()
    password = password or ""
    with engine.connect() as conn:
        row = conn.execute(sa.select(TABLE).where(TABLE.c.username == name)).first()
    if row is None:
        check_password(password, None)
        locked_until = _unknown_failure(
            name, attempts=lockout_attempts, minutes=lockout_minutes, now=now
        )
        if locked_until is not None:
            return SignIn("locked", locked_until=locked_until)
        return SignIn("invalid")
    if row.locked_until is not None and row.locked_until > now:
        spend_check_time()
        return SignIn("locked", locked_until=row.locked_until)
    if check_password(password, row.password_hash):
        # only a count to clear costs a write: a plain sign-in reads, so it never waits for
        # an import's write transaction (SQLite has one writer at a time)
        if row.failed_attempts or row.locked_until is not None:
            with engine.begin() as conn:
                conn.execute(
                    TABLE.update()
                    .where(TABLE.c.username == name)
                    .values(failed_attempts=0, locked_until=None)
                )
        account = get_account(engine, name)
        return SignIn("ok", account=account)
    with engine.begin() as conn:
        # Atomic increment: concurrent failures are all counted.
        failures = conn.execute(
            TABLE.update()
            .where(TABLE.c.username == name)
            .values(failed_attempts=TABLE.c.failed_attempts + 1)
            .returning(TABLE.c.failed_attempts)
        ).scalar_one()
        if failures >= lockout_attempts:
            locked_until = now + dt.timedelta(minutes=lockout_minutes)
            conn.execute(
                TABLE.update()
                .where(TABLE.c.username == name)
                .values(failed_attempts=0, locked_until=locked_until)
            )
            return SignIn("locked", locked_until=locked_until)
    return SignIn("invalid")


def account_for_session(
    engine: Engine, username: str, *, issued_at: dt.datetime | None
) -> Account | None:
    """The account a sign-in cookie names, if it still may be used: the account exists and its
    password was not changed after the cookie was issued (``issued_at``, naive UTC)."""
    account = get_account(engine, username)
    if account is None:
        return None
    changed = account.password_changed_at
    if changed is not None and (issued_at is None or issued_at < changed):
        return None
    return account


def demo_account_present(engine: Engine) -> bool:
    """Whether the demo admin exists with its published demo password."""
    with engine.connect() as conn:
        stored = conn.execute(
            sa.select(TABLE.c.password_hash).where(TABLE.c.username == DEMO_USERNAME)
        ).scalar()
    return stored is not None and check_password(DEMO_PASSWORD, stored)


def ensure_demo_admin(engine: Engine) -> bool:
    """Create the demo admin when the store has no accounts at all. Returns whether the demo
    account (with its demo password) exists afterwards."""
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(TABLE)).scalar_one()
    if count == 0:
        with contextlib.suppress(UserError):  # created by a concurrent start
            add_account(
                engine,
                username=DEMO_USERNAME,
                password=DEMO_PASSWORD,
                role="admin",
                display_name="Demo admin",
            )
        return True
    return demo_account_present(engine)
