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
import threading
from collections import OrderedDict
from typing import Literal

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.auth.passwords import check_password, hash_password, spend_check_time
from opsdash.auth.roles import ROLES
from opsdash.errors import UserError
from opsdash.models import AppSession, AppUser
from opsdash.timeutil import utc_now

TABLE = AppUser.__table__
SESSIONS = AppSession.__table__
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
        _revoke_sessions(conn, name)


def _revoke_sessions(conn: sa.Connection, name: str) -> None:
    """End every active sign-in of ``name`` (see :mod:`opsdash.auth.sessions`)."""
    conn.execute(
        SESSIONS.update()
        .where(SESSIONS.c.username == name, SESSIONS.c.revoked_at.is_(None))
        .values(revoked_at=utc_now())
    )


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
        _revoke_sessions(conn, name)
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
_UNKNOWN_LOCK = threading.Lock()


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
    Every outcome costs one bcrypt check. The attempt is counted before the password is
    checked (:func:`_claim_attempt`), so concurrent attempts cannot get more than
    ``lockout_attempts`` passwords checked."""
    now = now or utc_now()
    name = (username or "").strip().lower()
    password = password or ""
    claim = _claim_attempt(
        engine, name, attempts=lockout_attempts, minutes=lockout_minutes, now=now
    )
    if claim is None:  # unknown username
        with _UNKNOWN_LOCK:
            locked_until = _unknown_failure(
                name, attempts=lockout_attempts, minutes=lockout_minutes, now=now
            )
        check_password(password, None)
        if locked_until is not None:
            return SignIn("locked", locked_until=locked_until)
        return SignIn("invalid")
    password_hash, locked_until = claim
    if password_hash is None:  # locked: no attempt was claimed, no password is checked
        spend_check_time()
        return SignIn("locked", locked_until=locked_until)
    if check_password(password, password_hash):
        with engine.begin() as conn:
            conn.execute(
                TABLE.update()
                .where(TABLE.c.username == name)
                .values(failed_attempts=0, locked_until=None)
            )
        account = get_account(engine, name)
        return SignIn("ok", account=account)
    if locked_until is not None:  # this failure was the last one allowed
        return SignIn("locked", locked_until=locked_until)
    return SignIn("invalid")


def _claim_attempt(
    engine: Engine, name: str, *, attempts: int, minutes: float, now: dt.datetime
) -> tuple[str | None, dt.datetime | None] | None:
    """Count one attempt for ``name`` *before* its password is checked, in one conditional
    UPDATE (atomic on both databases: concurrent attempts each see the others' counts), so that
    at most ``attempts`` passwords are ever checked between two locks however many arrive at
    once. Returns None for an unknown username; ``(None, locked_until)`` when the account is
    locked (nothing counted, no check allowed); else ``(password_hash, locked_until)`` where
    ``locked_until`` is set when this attempt is the last one allowed (the account is locked
    from now on unless the password is right: a success clears the count and the lock)."""
    lock_end = now + dt.timedelta(minutes=minutes)
    expired = sa.and_(TABLE.c.locked_until.is_not(None), TABLE.c.locked_until <= now)
    # an expired lock starts a fresh count
    previous = sa.case((expired, 0), else_=TABLE.c.failed_attempts)
    with engine.begin() as conn:
        claimed = conn.execute(
            TABLE.update()
            .where(
                TABLE.c.username == name,
                sa.or_(
                    expired,
                    sa.and_(TABLE.c.locked_until.is_(None), TABLE.c.failed_attempts < attempts),
                ),
            )
            .values(
                failed_attempts=previous + 1,
                locked_until=sa.case((previous + 1 >= attempts, lock_end), else_=None),
            )
            .returning(TABLE.c.password_hash, TABLE.c.locked_until)
        ).first()
        if claimed is not None:
            return claimed.password_hash, claimed.locked_until
        row = conn.execute(
            sa.select(TABLE.c.locked_until, TABLE.c.failed_attempts).where(TABLE.c.username == name)
        ).first()
    if row is None:
        return None
    if row.locked_until is None:  # counted up to the limit without a lock (older data): lock now
        with engine.begin() as conn:
            conn.execute(
                TABLE.update()
                .where(TABLE.c.username == name, TABLE.c.locked_until.is_(None))
                .values(locked_until=lock_end)
            )
        return None, lock_end
    return None, row.locked_until


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
