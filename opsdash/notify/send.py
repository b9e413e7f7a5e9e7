"""Sending: one message to one channel with retries and backoff, and the brief to every
channel once per day (the ``notification_log``), unless forced.

E-mail goes over SMTP, configured by environment variables (the password is the channel's
secret): ``OPSDASH_SMTP_HOST`` (required), ``OPSDASH_SMTP_PORT`` (587),
``OPSDASH_SMTP_USER``, ``OPSDASH_SMTP_FROM`` (default: the user), ``OPSDASH_SMTP_STARTTLS``
(true: upgrade the connection with STARTTLS before signing in, verifying the server's
certificate against the system's CAs, or ``OPSDASH_SMTP_CA_FILE`` for a private CA). The mail
has a plain-text and an HTML part.

Failure details never contain a webhook URL, a secret or a password: only the HTTP status,
the vendor's error code or the kind of network error."""

from __future__ import annotations

import datetime as dt
import html
import os
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.brief.text import Message
from opsdash.models import NotificationLog
from opsdash.notify.channels import Channel, list_channels
from opsdash.notify.payloads import build_request, response_error
from opsdash.timeutil import utc_now

LOG = NotificationLog.__table__
ATTEMPTS = 3
BACKOFF_SECONDS = 2.0  # waits 2 s, then 4 s
TIMEOUT_SECONDS = 10.0


class SendError(Exception):
    """A channel refused or could not be reached (``detail`` has no secret)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Outcome:
    """What happened for one channel: ``status`` sent, skipped (sent before for that day) or
    failed; ``attempts``; ``detail`` (why it failed)."""

    channel: str
    kind: str
    status: str
    attempts: int = 0
    detail: str | None = None


def _post(channel: Channel, message: Message, *, now: float, timeout: float) -> None:
    request = build_request(
        channel.kind,
        channel.target,
        title=message.title,
        markdown=message.markdown,
        text=message.text,
        secret=channel.secret,
        now=now,
    )
    http = urllib.request.Request(
        request.url,
        data=request.data(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(http, timeout=timeout) as response:
            error = response_error(channel.kind, response.status, response.read())
    except urllib.error.HTTPError as failure:
        error = f"HTTP {failure.code}"
    except (urllib.error.URLError, OSError) as failure:
        reason = getattr(failure, "reason", failure)
        error = f"unreachable ({type(reason).__name__})"
    if error:
        raise SendError(error)


def _html(message: Message) -> str:
    lines = [html.escape(line) for line in message.text.splitlines()]
    body = "<br>\n".join(lines[1:])
    return f"<html><body><h3>{html.escape(message.title)}</h3>\n<p>{body}</p></body></html>"


def _mail(channel: Channel, message: Message, *, timeout: float) -> None:
    host = os.environ.get("OPSDASH_SMTP_HOST")
    if not host:
        raise SendError("OPSDASH_SMTP_HOST is not set")
    port = int(os.environ.get("OPSDASH_SMTP_PORT", "587"))
    user = os.environ.get("OPSDASH_SMTP_USER") or None
    sender = os.environ.get("OPSDASH_SMTP_FROM") or user or "opsdash@localhost"
    starttls = os.environ.get("OPSDASH_SMTP_STARTTLS", "true").lower() in ("1", "true", "yes")
    mail = EmailMessage()
    mail["Subject"] = message.title
    mail["From"] = sender
    mail["To"] = channel.target
    mail.set_content(message.text)
    mail.add_alternative(_html(message), subtype="html")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if starttls:
                cafile = os.environ.get("OPSDASH_SMTP_CA_FILE") or None
                smtp.starttls(context=ssl.create_default_context(cafile=cafile))
            if user and channel.secret:
                try:
                    smtp.login(user, channel.secret)
                except smtplib.SMTPAuthenticationError:
                    raise SendError("SMTP sign-in refused") from None
                except smtplib.SMTPException as failure:  # some servers hang up instead
                    raise SendError(f"SMTP sign-in refused ({type(failure).__name__})") from None
            smtp.send_message(mail)
    except smtplib.SMTPAuthenticationError:
        raise SendError("SMTP sign-in refused") from None
    except smtplib.SMTPException as failure:
        raise SendError(f"SMTP error ({type(failure).__name__})") from None
    except OSError as failure:
        raise SendError(f"unreachable ({type(failure).__name__})") from None


def send_message(
    channel: Channel,
    message: Message,
    *,
    attempts: int = ATTEMPTS,
    backoff: float = BACKOFF_SECONDS,
    sleep: Callable[[float], None] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> int:
    """Send ``message`` to ``channel``, retrying up to ``attempts`` times with waits of
    ``backoff``, 2 × ``backoff``, … between them; the number of attempts made. Raises
    :class:`SendError` (with the attempts in ``attempts``) when the last attempt fails."""
    if not channel.readable:
        error = SendError("cannot decrypt the channel (the secrets key changed): add it again")
        error.attempts = 0
        raise error
    for attempt in range(1, attempts + 1):
        try:
            if channel.kind == "email":
                _mail(channel, message, timeout=timeout)
            else:
                _post(channel, message, now=time.time(), timeout=timeout)
            return attempt
        except SendError as error:
            if attempt == attempts:
                error.attempts = attempt
                raise
            (sleep or time.sleep)(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


def sent_before(engine: Engine, *, day: dt.date, channel: str) -> bool:
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(LOG.c.id)
            .where(LOG.c.day == day, LOG.c.channel == channel, LOG.c.status == "sent")
            .limit(1)
        ).first()
    return found is not None


def _log(engine: Engine, *, day: dt.date, outcome: Outcome) -> None:
    with engine.begin() as conn:
        conn.execute(
            sa.insert(LOG).values(
                day=day,
                channel=outcome.channel,
                status=outcome.status,
                attempts=outcome.attempts,
                detail=outcome.detail,
                sent_at=utc_now(),
            )
        )


def send_to_all(
    engine: Engine,
    *,
    day: dt.date,
    message: Message | Callable[[Channel], Message],
    force: bool = False,
    channels: list[Channel] | None = None,
    **retry,
) -> list[Outcome]:
    """Send ``message`` (the brief of ``day``; or a function giving each channel its message)
    to every channel (or ``channels``), skipping a channel that already received ``day``'s
    brief unless ``force``; every send is logged."""
    outcomes = []
    for channel in list_channels(engine) if channels is None else channels:
        if not force and sent_before(engine, day=day, channel=channel.name):
            outcomes.append(Outcome(channel.name, channel.kind, "skipped"))
            continue
        try:
            text = message(channel) if callable(message) else message
            tries = send_message(channel, text, **retry)
            outcome = Outcome(channel.name, channel.kind, "sent", tries)
        except SendError as error:
            tries = getattr(error, "attempts", 1)
            outcome = Outcome(channel.name, channel.kind, "failed", tries, error.detail)
        _log(engine, day=day, outcome=outcome)
        outcomes.append(outcome)
    return outcomes
