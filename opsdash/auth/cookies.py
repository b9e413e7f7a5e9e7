"""The key that signs sign-in cookies, and the cookie itself: encode and (strictly) decode."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import secrets
from pathlib import Path

import jwt

from opsdash.settings import DEFAULT_COOKIE_KEY, Settings
from opsdash.timeutil import utc_now

KEY_FILE_NAME = ".cookie_key"


def cookie_signing_key(settings: Settings) -> str:
    """The configured ``cookie_key``; in local mode, when it is left at the built-in default,
    a random key kept in ``data_dir/.cookie_key`` (created on first use, owner-only) instead,
    so that nobody can forge a sign-in cookie with the published default. (Hosted mode refuses
    to start with the default: see :func:`opsdash.auth.hosted_problems`.)"""
    if settings.cookie_key != DEFAULT_COOKIE_KEY or settings.hosted:
        return settings.cookie_key
    path = Path(settings.data_dir) / KEY_FILE_NAME
    try:
        key = path.read_text(encoding="ascii").strip()
        if len(key) >= 32:
            return key
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    key = secrets.token_urlsafe(48)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # written meanwhile by another process: use that one
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


# --- the sign-in cookie: a signed reference to a server-side session --------------------------

COOKIE_ALGORITHM = "HS256"
CLOCK_LEEWAY = dt.timedelta(minutes=2)  # clocks of the processes behind one store may differ


@dataclasses.dataclass(frozen=True)
class CookieClaims:
    """What a valid sign-in cookie says: who, which server-side session, issued and ending
    (naive UTC)."""

    username: str
    session: str
    issued_at: dt.datetime
    expires_at: dt.datetime


def encode_cookie(key: str, claims: CookieClaims) -> str:
    """The cookie value for ``claims``: a JWT (HS256, signed with ``key``)."""
    payload = {
        "sub": claims.username,
        "sid": claims.session,
        "iat": int(claims.issued_at.replace(tzinfo=dt.UTC).timestamp()),
        "exp": int(claims.expires_at.replace(tzinfo=dt.UTC).timestamp()),
    }
    return jwt.encode(payload, key, algorithm=COOKIE_ALGORITHM)


def decode_cookie(
    key: str, value: object, *, max_lifetime: dt.timedelta, now: dt.datetime | None = None
) -> CookieClaims | None:
    """The claims of the sign-in cookie ``value``, or None when it is not one opsdash issued
    and still valid: anything but a string, not a JWT, another algorithm than HS256 (``none``,
    HS512 ...), a bad signature, a missing or non-numeric ``iat``/``exp``, issued in the future,
    expired, or lasting longer than ``max_lifetime``. Never raises: a malformed cookie means
    signed out. (Being valid here is not enough: the session it names must still be active,
    see :func:`opsdash.auth.sessions.session_account`.)"""
    if not isinstance(value, str) or not value or len(value) > 4096:
        return None
    now = now or utc_now()
    try:
        if jwt.get_unverified_header(value).get("alg") != COOKIE_ALGORITHM:
            return None
        payload = jwt.decode(
            value,
            key,
            algorithms=[COOKIE_ALGORITHM],
            options={"require": ["sub", "sid", "iat", "exp"]},
            leeway=CLOCK_LEEWAY,
        )
        username, session = payload["sub"], payload["sid"]
        issued_raw, expires_raw = payload["iat"], payload["exp"]
        if not all(isinstance(v, str) and 0 < len(v) <= 128 for v in (username, session)):
            return None
        if not all(
            isinstance(v, int | float) and not isinstance(v, bool)
            for v in (issued_raw, expires_raw)
        ):
            return None
        issued = dt.datetime.fromtimestamp(issued_raw, dt.UTC).replace(tzinfo=None)
        expires = dt.datetime.fromtimestamp(expires_raw, dt.UTC).replace(tzinfo=None)
    except Exception:
        return None
    if (
        issued > now + CLOCK_LEEWAY
        or expires <= now
        or expires - issued > max_lifetime + CLOCK_LEEWAY
    ):
        return None
    return CookieClaims(username=username, session=session, issued_at=issued, expires_at=expires)
