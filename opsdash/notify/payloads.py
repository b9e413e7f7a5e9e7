"""Each vendor's documented message format and signature (plain Python, no I/O).

- **wecom** (企业微信 group robot): POST the webhook URL with
  ``{"msgtype": "markdown", "markdown": {"content": TEXT}}``.
- **dingtalk** (钉钉 custom robot): ``{"msgtype": "markdown", "markdown": {"title", "text"}}``;
  with a secret the URL carries ``timestamp`` (ms) and
  ``sign`` = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))).
- **feishu** (飞书 custom bot): an interactive card
  ``{"msg_type": "interactive", "card": {...}}`` with the markdown in a ``markdown`` element;
  with a secret the body carries ``timestamp`` (s) and
  ``sign`` = base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", msg=b"")).
- **webhook** (generic, Slack-compatible): ``{"text": TEXT}`` (plain text), plus ``title`` and
  ``markdown``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.parse
from dataclasses import dataclass

WEBHOOK_KINDS = ("wecom", "dingtalk", "feishu", "webhook")
KINDS = (*WEBHOOK_KINDS, "email")
WECOM_MAX_BYTES = 4096  # the robot refuses longer markdown content


@dataclass(frozen=True)
class Request:
    """An HTTP POST: ``url`` (a secret), JSON ``body``."""

    url: str
    body: dict

    def data(self) -> bytes:
        return json.dumps(self.body, ensure_ascii=False).encode("utf-8")


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉's signature (module docstring), URL-encoded."""
    message = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode("ascii"))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """飞书's signature (module docstring): the key is "timestamp\\nsecret", the message empty."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")


def _truncate(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 3].decode("utf-8", errors="ignore") + "..."


def build_request(
    kind: str, url: str, *, title: str, markdown: str, text: str, secret: str | None, now: float
) -> Request:
    """The request of a webhook ``kind`` for a message (``now``: Unix time, for signatures)."""
    if kind == "wecom":
        content = _truncate(markdown, WECOM_MAX_BYTES)
        return Request(url, {"msgtype": "markdown", "markdown": {"content": content}})
    if kind == "dingtalk":
        if secret:
            stamp = int(now * 1000)
            joiner = "&" if "?" in url else "?"
            url = f"{url}{joiner}timestamp={stamp}&sign={dingtalk_sign(secret, stamp)}"
        return Request(url, {"msgtype": "markdown", "markdown": {"title": title, "text": markdown}})
    if kind == "feishu":
        body: dict = {
            "msg_type": "interactive",
            "card": {
                "header": {"title": {"tag": "plain_text", "content": title}},
                "elements": [{"tag": "markdown", "content": markdown}],
            },
        }
        if secret:
            stamp = int(now)
            body = {"timestamp": str(stamp), "sign": feishu_sign(secret, stamp), **body}
        return Request(url, body)
    if kind == "webhook":
        return Request(url, {"text": text, "title": title, "markdown": markdown})
    raise ValueError(f"not a webhook kind: {kind!r}")


def response_error(kind: str, status: int, body: bytes) -> str | None:
    """Why a vendor refused a message (None: accepted). The robots answer HTTP 200 with an
    error code in the body: 企业微信/钉钉 ``errcode`` ≠ 0, 飞书 ``code`` ≠ 0."""
    if not 200 <= status < 300:
        return f"HTTP {status}"
    if kind not in ("wecom", "dingtalk", "feishu"):
        return None
    try:
        answer = json.loads(body.decode("utf-8") or "{}")
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(answer, dict):
        return None
    code = answer.get("errcode", answer.get("code", answer.get("StatusCode", 0)))
    if code not in (0, None):
        message = answer.get("errmsg") or answer.get("msg") or ""
        return f"error {code} {str(message)[:100]}".strip()
    return None
