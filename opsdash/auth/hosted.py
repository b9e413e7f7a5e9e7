"""Hosted-mode safety checks: what must be fixed before the dashboard may be shared as a link.

:func:`hosted_problems` returns the problems found (empty when it is safe to start); each one
names exactly which setting to change. Messages live in the i18n catalog (``auth.problem.*``)
so the CLI and the UI show the same text."""

from __future__ import annotations

import dataclasses
import itertools
import math
import os
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import Engine, make_url

from opsdash.auth.store import DEMO_USERNAME, demo_account_present, list_accounts
from opsdash.i18n import translate
from opsdash.settings import DEFAULT_COOKIE_KEY, Settings

MIN_COOKIE_KEY_CHARS = 32
# Estimated bits of a key: its length times the Shannon entropy of its characters. A
# secrets.token_urlsafe(32) key (43 characters) scores ~200, token_hex(16) ~110; 32 x "a" 0.
MIN_COOKIE_KEY_BITS = 90
MIN_COOKIE_KEY_DISTINCT = 8
# Words of placeholder and development keys (examples in docs, tutorials, our own default).
PLACEHOLDER_WORDS = (
    "changeme",
    "change-me",
    "change_me",
    "replace",
    "example",
    "secret",
    "password",
    "development",
    "default",
    "opsdash",
    "some_key",
    "your-",
    "your_",
    "paste",
    "qwerty",
)


def cookie_key_weakness(key: str) -> str | None:
    """Why ``key`` is not random enough to sign sign-in cookies in hosted mode (an English
    phrase, never the key), or None when it looks like the output of a random generator:
    no placeholder or development word, no short repeated pattern, no long run of
    consecutive characters, at least 8 distinct characters and ~90 bits by Shannon entropy."""
    lowered = key.lower()
    if key == DEFAULT_COOKIE_KEY or any(word in lowered for word in PLACEHOLDER_WORDS):
        return "it looks like a placeholder or development key"
    for period in range(1, len(key) // 2 + 1):
        if len(key) % period == 0 and key == key[:period] * (len(key) // period):
            return "it repeats a short pattern"
    steps = sum(1 for a, b in itertools.pairwise(key) if abs(ord(b) - ord(a)) <= 1)
    if steps >= len(key) // 2:
        return "it runs through consecutive or repeated characters"
    counts = Counter(key)
    if len(counts) < MIN_COOKIE_KEY_DISTINCT:
        return f"it uses only {len(counts)} distinct characters"
    per_char = -sum(n / len(key) * math.log2(n / len(key)) for n in counts.values())
    if per_char * len(key) < MIN_COOKIE_KEY_BITS:
        return "its characters are too predictable"
    return None


@dataclasses.dataclass(frozen=True)
class Problem:
    """One reason not to start in hosted mode: an i18n code and the values its text names."""

    code: str
    values: tuple[tuple[str, str], ...] = ()

    def message(self, language: str = "en") -> str:
        return translate(f"auth.problem.{self.code}", language, **dict(self.values))


def ephemeral_platform(
    environ: Mapping[str, str] | None = None, *, cwd: Path | None = None
) -> str | None:
    """The name of the hosting platform we run on when its local disk is wiped on restart
    (Streamlit Community Cloud, Heroku, Google Cloud Run, Hugging Face Spaces), else None."""
    env = os.environ if environ is None else environ
    here = str(cwd if cwd is not None else Path.cwd())
    if (
        env.get("HOSTNAME") == "streamlit"
        or "STREAMLIT_SHARING_MODE" in env
        or here.startswith("/mount/src")
    ):
        return "Streamlit Community Cloud"
    if "DYNO" in env:
        return "Heroku"
    if "K_SERVICE" in env:
        return "Google Cloud Run"
    if "SPACE_ID" in env and "SPACE_AUTHOR_NAME" in env:
        return "Hugging Face Spaces"
    return None


def hosted_problems(
    settings: Settings,
    *,
    engine: Engine | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> list[Problem]:
    """Everything that makes ``settings`` (and the accounts in ``engine``'s store, when
    given) unsafe for a hosted, shared deployment. Checked: the cookie key (not the default,
    at least 32 characters, random-looking: :func:`cookie_key_weakness`), SQLite on a disk
    that does not survive restarts, the demo account, and that at least one admin exists."""
    problems: list[Problem] = []
    key = settings.cookie_key or ""
    if key == DEFAULT_COOKIE_KEY:
        problems.append(Problem("cookie_key_default"))
    elif len(key) < MIN_COOKIE_KEY_CHARS:
        problems.append(Problem("cookie_key_short", (("length", str(len(key))), ("minimum", "32"))))
    elif (weakness := cookie_key_weakness(key)) is not None:
        problems.append(Problem("cookie_key_weak", (("reason", weakness),)))
    if make_url(settings.store_url).get_backend_name() == "sqlite":
        if settings.persistent_disk is False:
            problems.append(Problem("sqlite_not_persistent"))
        elif settings.persistent_disk is None:
            platform = ephemeral_platform(environ, cwd=cwd)
            if platform:
                problems.append(Problem("sqlite_ephemeral", (("platform", platform),)))
    if engine is not None:
        accounts = list_accounts(engine)
        if not any(account.role == "admin" for account in accounts):
            problems.append(Problem("no_admin"))
        if demo_account_present(engine):
            problems.append(Problem("demo_account", (("username", DEMO_USERNAME),)))
    return problems
