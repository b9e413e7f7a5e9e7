"""Notification channels: add, list (masked), remove. ``target`` and ``secret`` are secrets:
:func:`masked` is the only form shown to people, and both are stored encrypted
(:mod:`opsdash.notify.secrets`)."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.models import NotificationChannel
from opsdash.notify.payloads import KINDS, WEBHOOK_KINDS
from opsdash.notify.secrets import seal, unseal
from opsdash.timeutil import utc_now

CHANNELS = NotificationChannel.__table__
NAME = re.compile(r"^[\w.\-]{1,64}$")
EMAIL = re.compile(r"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")


@dataclass(frozen=True)
class Channel:
    """A channel with its target and secret decrypted; ``readable`` False when they could
    not be (the secrets key changed: target and secret are then empty)."""

    name: str
    kind: str
    target: str
    secret: str | None
    readable: bool = True

    def __repr__(self) -> str:  # never a secret in a log line or traceback
        return f"Channel(name={self.name!r}, kind={self.kind!r})"


def mask_target(kind: str, target: str) -> str:
    """A target as shown to people: the URL's scheme and host only, e-mail addresses with the
    local part hidden."""
    if not target:
        return "–"
    if kind == "email":
        return ", ".join(
            f"{a.split('@')[0][:1]}***@{a.split('@')[-1]}" for a in _recipients(target)
        )
    parts = urllib.parse.urlsplit(target)
    return f"{parts.scheme}://{parts.hostname or ''}/***"


def _recipients(target: str) -> list[str]:
    return [a.strip() for a in target.split(",") if a.strip()]


def validate(kind: str, target: str) -> None:
    """UserError unless ``target`` fits ``kind`` (an http(s) URL, or e-mail addresses). The
    message never repeats the target."""
    if kind not in KINDS:
        raise UserError(f"unknown channel kind {kind!r}; choose one of: {', '.join(KINDS)}")
    if kind in WEBHOOK_KINDS:
        parts = urllib.parse.urlsplit(target)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UserError(f"a {kind} channel needs an http(s) webhook URL", code="channel_url")
    elif not _recipients(target) or not all(EMAIL.match(a) for a in _recipients(target)):
        raise UserError(
            "an email channel needs one or more e-mail addresses, comma-separated",
            code="channel_email",
        )


def add_channel(
    engine: Engine,
    *,
    kind: str,
    target: str,
    secret: str | None = None,
    name: str | None = None,
    created_by: str | None = None,
) -> Channel:
    """Add a channel (name defaults to the kind, then kind-2, kind-3 ...)."""
    kind = (kind or "").strip().lower()
    target = (target or "").strip()
    validate(kind, target)
    with engine.begin() as conn:
        taken = set(conn.execute(sa.select(CHANNELS.c.name)).scalars())
        if name is None:
            name, number = kind, 2
            while name in taken:
                name, number = f"{kind}-{number}", number + 1
        if not NAME.match(name):
            raise UserError(
                "a channel name is 1-64 letters, digits, '.', '_' or '-'", code="channel_name"
            )
        if name in taken:
            raise UserError(
                f"a channel named {name!r} exists already",
                code="channel_exists",
                values={"name": name},
            )
        conn.execute(
            sa.insert(CHANNELS).values(
                name=name,
                kind=kind,
                target=seal(target),
                secret=seal(secret or None),
                created_by=created_by,
                created_at=utc_now(),
            )
        )
    return Channel(name, kind, target, secret or None)


def list_channels(engine: Engine) -> list[Channel]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                CHANNELS.c.name, CHANNELS.c.kind, CHANNELS.c.target, CHANNELS.c.secret
            ).order_by(CHANNELS.c.name)
        ).all()
    channels = []
    for name, kind, target, secret in rows:
        try:
            channels.append(Channel(name, kind, unseal(target), unseal(secret)))
        except UserError:  # encrypted with another key: listed, not usable
            channels.append(Channel(name, kind, "", None, readable=False))
    return channels


def get_channel(engine: Engine, name: str) -> Channel:
    for channel in list_channels(engine):
        if channel.name == name:
            return channel
    raise UserError(f"no channel named {name!r} (see: opsdash notify list)")


def remove_channel(engine: Engine, name: str) -> None:
    with engine.begin() as conn:
        if not conn.execute(sa.delete(CHANNELS).where(CHANNELS.c.name == name)).rowcount:
            raise UserError(f"no channel named {name!r} (see: opsdash notify list)")


def masked(channel: Channel) -> dict:
    """The channel as shown by ``notify list``: name, kind, masked target, whether a secret
    is set (the secret itself never)."""
    return {
        "name": channel.name,
        "kind": channel.kind,
        "target": mask_target(channel.kind, channel.target),
        "secret": "****" if channel.secret else None,
        "readable": channel.readable,
    }
