"""The key that signs sign-in cookies."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from opsdash.settings import DEFAULT_COOKIE_KEY, Settings

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
