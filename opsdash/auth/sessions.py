"""Server-side sign-in sessions (table ``app_sessions``).

A sign-in creates a session: a random token whose SHA-256 is stored with the account and an
end time. The sign-in cookie carries the token (signed, see :mod:`opsdash.auth.cookies`), and
every run of the app asks :func:`session_account` whether it is still active. Sign-out revokes
it (:func:`revoke_session`), so a saved cookie replayed later signs nobody in; a password reset
or a removal revokes all of the account's sessions."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.auth.store import Account, get_account
from opsdash.models import AppSession
from opsdash.timeutil import utc_now

SESSIONS = AppSession.__table__
TOKEN_BYTES = 32


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def start_session(
    engine: Engine, username: str, *, lifetime: dt.timedelta, now: dt.datetime | None = None
) -> tuple[str, dt.datetime]:
    """A new session for ``username``: its token (to put in the cookie; never stored) and its
    end (naive UTC). Ended sessions older than a day past their end are cleared meanwhile."""
    now = now or utc_now()
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires = now + lifetime
    with engine.begin() as conn:
        conn.execute(SESSIONS.delete().where(SESSIONS.c.expires_at < now - dt.timedelta(days=1)))
        conn.execute(
            SESSIONS.insert().values(
                id_hash=_hash(token),
                username=username,
                created_at=now,
                expires_at=expires,
                revoked_at=None,
            )
        )
    return token, expires


def session_account(
    engine: Engine,
    token: str | None,
    *,
    username: str | None = None,
    now: dt.datetime | None = None,
) -> Account | None:
    """The account of the session ``token`` if it is still active: it exists, was not revoked
    (sign-out, password reset), has not ended, belongs to ``username`` when given, and the
    account still exists with no password change after the sign-in. None otherwise."""
    if not token or not isinstance(token, str):
        return None
    now = now or utc_now()
    with engine.connect() as conn:
        row = conn.execute(sa.select(SESSIONS).where(SESSIONS.c.id_hash == _hash(token))).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    if username is not None and row.username != username:
        return None
    account = get_account(engine, row.username)
    if account is None:
        return None
    changed = account.password_changed_at
    if changed is not None and changed > row.created_at:
        return None
    return account


def revoke_session(engine: Engine, token: str | None, *, now: dt.datetime | None = None) -> None:
    """End the session ``token`` (sign-out); nothing happens for an unknown token."""
    if not token:
        return
    with engine.begin() as conn:
        conn.execute(
            SESSIONS.update()
            .where(SESSIONS.c.id_hash == _hash(token), SESSIONS.c.revoked_at.is_(None))
            .values(revoked_at=now or utc_now())
        )


def active_sessions(engine: Engine, username: str, *, now: dt.datetime | None = None) -> int:
    """How many sessions of ``username`` are active."""
    now = now or utc_now()
    query = (
        sa.select(sa.func.count())
        .select_from(SESSIONS)
        .where(
            SESSIONS.c.username == username,
            SESSIONS.c.revoked_at.is_(None),
            SESSIONS.c.expires_at > now,
        )
    )
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())
