"""Channel secrets at rest: webhook URLs, robot signing secrets and SMTP passwords are stored
encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``).

The key is derived with HKDF-SHA256 from ``OPSDASH_SECRETS_KEY``, or from
the cookie signing key when that is not set (``OPSDASH_COOKIE_KEY``, which hosted mode
requires to be strong, or locally the random key in ``data_dir/.cookie_key``). A
stored value reads ``fernet:<token>``; a value without the prefix (written before
encryption) is read as it is and encrypted the next time it is written. Changing the key
makes the stored channels unreadable: they are listed as such and must be added again."""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from opsdash.errors import UserError

PREFIX = "fernet:"
_INFO = b"opsdash notification channel secrets v1"


@lru_cache(maxsize=8)
def _fernet(key_material: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        key_material.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _key_material() -> str:
    from opsdash.auth.cookies import cookie_signing_key
    from opsdash.settings import get_settings

    settings = get_settings()
    return settings.secrets_key or cookie_signing_key(settings)


def seal(value: str | None) -> str | None:
    """``value`` encrypted for storage (None stays None)."""
    if value is None:
        return None
    token = _fernet(_key_material()).encrypt(value.encode("utf-8"))
    return PREFIX + token.decode("ascii")


def is_sealed(stored: str | None) -> bool:
    return bool(stored) and stored.startswith(PREFIX)


def unseal(stored: str | None) -> str | None:
    """The plain value of a stored one; UserError (code ``channel_key``) when it was
    encrypted with another key."""
    if not is_sealed(stored):
        return stored
    try:
        plain = _fernet(_key_material()).decrypt(stored[len(PREFIX) :].encode("ascii"))
    except (InvalidToken, ValueError):
        raise UserError(
            "a channel's stored secrets cannot be decrypted: OPSDASH_SECRETS_KEY (or "
            "OPSDASH_COOKIE_KEY) changed since it was added; remove it and add it again",
            code="channel_key",
        ) from None
    return plain.decode("utf-8")
