"""bcrypt hashing with a dummy hash, so a sign-in with an unknown username costs exactly as
much time as one with a wrong password."""

from __future__ import annotations

from functools import lru_cache

import bcrypt

from opsdash.errors import UserError

BCRYPT_ROUNDS = 12  # ~0.2 s per check: slow for guessing, fine for a sign-in
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_BYTES = 72  # bcrypt's limit; longer passwords are refused, never truncated


def validate_password(password: str) -> None:
    """Raise :class:`UserError` unless ``password`` is acceptable (8+ characters, at most
    72 bytes in UTF-8, not only spaces)."""
    if len(password) < MIN_PASSWORD_CHARS or not password.strip():
        raise UserError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise UserError(f"the password must be at most {MAX_PASSWORD_BYTES} bytes long")


def hash_password(password: str, *, rounds: int | None = None) -> str:
    """The bcrypt hash of ``password`` (validated first)."""
    validate_password(password)
    salt = bcrypt.gensalt(rounds or BCRYPT_ROUNDS)
    return bcrypt.hashpw(password.encode("utf-8"), salt).decode("ascii")


@lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> bytes:
    return bcrypt.hashpw(b"opsdash-dummy-password", bcrypt.gensalt(rounds))


def check_password(password: str, password_hash: str | None) -> bool:
    """Whether ``password`` matches ``password_hash``. With no hash (unknown user) or a
    malformed one, a dummy hash of the same cost is checked instead and False returned, so
    the time taken does not tell whether the user exists."""
    candidate = password.encode("utf-8")[:MAX_PASSWORD_BYTES]
    too_long = len(password.encode("utf-8")) > MAX_PASSWORD_BYTES
    stored = password_hash.encode("ascii", "replace") if password_hash else None
    try:
        if stored is not None:
            return bcrypt.checkpw(candidate, stored) and not too_long
    except ValueError:
        pass  # malformed hash: fall through to the dummy check
    bcrypt.checkpw(candidate, _dummy_hash(BCRYPT_ROUNDS))
    return False


def spend_check_time() -> None:
    """Take as long as one password check (for refusals that need no check)."""
    bcrypt.checkpw(b"x", _dummy_hash(BCRYPT_ROUNDS))
