"""Push: each vendor's payload and signature received by a real HTTP server on 127.0.0.1,
e-mail by aiosmtpd on 127.0.0.1, retries and failure reporting, once per day per channel,
secrets never printed."""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import socket
import threading
import urllib.parse

import pytest

from opsdash.cli import main
from opsdash.notify.channels import add_channel, list_channels, masked
from opsdash.notify.send import send_to_all
from tests.unit.brief.generated import END, fill

SECRET = "SEC-top-secret-123"


class Receiver:
    """A local webhook: records (path+query, JSON body); answers ``fail_first`` requests with
    HTTP 500, then ``answer``."""

    def __init__(self, *, fail_first: int = 0, answer: dict | None = None) -> None:
        self.requests: list[tuple[str, dict]] = []
        self.fail_first = fail_first
        self.answer = answer or {"errcode": 0, "errmsg": "ok"}
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                receiver.requests.append((self.path, body))
                if len(receiver.requests) <= receiver.fail_first:
                    self.send_response(500)
                    self.end_headers()
                    return
                data = json.dumps(receiver.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook/KEY-abc"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def make(**kwargs) -> Receiver:
        made.append(Receiver(**kwargs))
        return made[-1]

    yield make
    for item in made:
        item.close()


@pytest.fixture
def store(sqlite_engine):
    with sqlite_engine.begin() as conn:
        fill(conn, drop_channel="douyin")
    return sqlite_engine


def _url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _no_sleep(monkeypatch):
    monkeypatch.setattr("opsdash.notify.send.time.sleep", lambda seconds: None)


def test_each_vendor_payload_and_signature(store, receiver, monkeypatch, capsys):
    _no_sleep(monkeypatch)
    hooks = {kind: receiver() for kind in ("wecom", "dingtalk", "feishu", "webhook")}
    for kind, hook in hooks.items():
        secret = SECRET if kind in ("dingtalk", "feishu") else None
        add_channel(store, kind=kind, target=hook.url, secret=secret)
    code = main(["brief", "--db", _url(store), "--send", "--lang", "en"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert SECRET not in out + err and "KEY-abc" not in out + err

    path, body = hooks["wecom"].requests[0]
    assert path == "/hook/KEY-abc"
    assert body["msgtype"] == "markdown" and set(body["markdown"]) == {"content"}
    assert "channel douyin accounts for" in body["markdown"]["content"]
    assert f"opsdash brief {END.isoformat()}" in body["markdown"]["content"]

    path, body = hooks["dingtalk"].requests[0]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    stamp = query["timestamp"][0]
    digest = hmac.new(SECRET.encode(), f"{stamp}\n{SECRET}".encode(), hashlib.sha256).digest()
    assert query["sign"][0] == base64.b64encode(digest).decode()  # parse_qs url-decodes it
    assert len(stamp) == 13  # milliseconds
    assert body["msgtype"] == "markdown" and set(body["markdown"]) == {"title", "text"}
    assert "douyin" in body["markdown"]["text"]

    _, body = hooks["feishu"].requests[0]
    key = f"{body['timestamp']}\n{SECRET}".encode()
    expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert body["sign"] == expected and len(body["timestamp"]) == 10  # seconds
    assert body["msg_type"] == "interactive"
    assert "douyin" in body["card"]["elements"][0]["content"]

    _, body = hooks["webhook"].requests[0]
    assert "douyin" in body["text"] and "**" not in body["text"]  # Slack-style plain text


def test_no_double_send_unless_forced(store, receiver, capsys):
    hook = receiver()
    add_channel(store, kind="wecom", target=hook.url, name="ops")
    assert main(["brief", "--db", _url(store), "--send"]) == 0
    assert main(["brief", "--db", _url(store), "--send", "--json"]) == 0
    out = capsys.readouterr().out
    assert len(hook.requests) == 1
    assert json.loads(out[out.index("{") :])["channels"][0]["status"] == "skipped"
    assert main(["brief", "--db", _url(store), "--send", "--force"]) == 0
    assert len(hook.requests) == 2
    # another day is another send
    assert main(["brief", "--db", _url(store), "--send", "--date", "2024-06-29"]) == 0
    assert len(hook.requests) == 3


def test_failing_endpoint_is_retried_then_reported(store, receiver, monkeypatch, capsys):
    waits = []
    monkeypatch.setattr("opsdash.notify.send.time.sleep", waits.append)
    flaky = receiver(fail_first=2)
    broken = receiver(fail_first=99)
    add_channel(store, kind="webhook", target=flaky.url, name="flaky")
    add_channel(store, kind="dingtalk", target=broken.url, name="broken", secret=SECRET)
    code = main(["brief", "--db", _url(store), "--send"])
    out, err = capsys.readouterr()
    assert code == 1
    assert len(flaky.requests) == 3 and len(broken.requests) == 3
    assert waits == [2.0, 4.0, 2.0, 4.0]  # backoff doubles
    assert "channel broken failed after 3 attempt(s): HTTP 500" in err
    assert "flaky" not in err and "flaky\twebhook\tsent" in out
    assert SECRET not in out + err and "KEY-abc" not in out + err
    # the failed channel is tried again on a re-run; the sent one is not
    assert main(["brief", "--db", _url(store), "--send"]) == 1
    assert len(flaky.requests) == 3 and len(broken.requests) == 6


def test_vendor_error_code_is_a_failure(store, receiver, monkeypatch):
    _no_sleep(monkeypatch)
    hook = receiver(answer={"errcode": 310000, "errmsg": "sign not match"})
    add_channel(store, kind="dingtalk", target=hook.url, secret="wrong")
    from opsdash.brief.text import Message

    message = Message("t", "m", "x")
    [outcome] = send_to_all(store, day=END, message=message)
    assert outcome.status == "failed" and "310000" in outcome.detail


def test_email_over_local_smtp(store, monkeypatch, capsys):
    from aiosmtpd.controller import Controller

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port (aiosmtpd's readiness check needs a real one)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        monkeypatch.setenv("OPSDASH_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("OPSDASH_SMTP_PORT", str(port))
        monkeypatch.setenv("OPSDASH_SMTP_STARTTLS", "false")
        monkeypatch.setenv("OPSDASH_SMTP_FROM", "brief@example.com")
        add_channel(store, kind="email", target="ops@example.com, lead@example.com")
        assert main(["brief", "--db", _url(store), "--send", "--lang", "zh"]) == 0
    finally:
        controller.stop()
    [envelope] = received
    assert envelope.rcpt_tos == ["ops@example.com", "lead@example.com"]
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert mail["Subject"] == f"opsdash 晨报 {END.isoformat()}"
    parts = {part.get_content_type(): part.get_content() for part in mail.iter_parts()}
    assert set(parts) == {"text/plain", "text/html"}
    assert "douyin" in parts["text/plain"] and "<h3>" in parts["text/html"]


def test_notify_cli_masks_secrets(store, receiver, capsys):
    hook = receiver()
    url = _url(store)
    assert main(["notify", "add", "feishu", hook.url, "--secret", SECRET, "--name", "fs",
                 "--db", url]) == 0  # fmt: skip
    assert main(["notify", "add", "email", "a@example.com", "--db", url]) == 0
    assert main(["notify", "list", "--db", url]) == 0
    assert main(["notify", "list", "--db", url, "--json"]) == 0
    out = capsys.readouterr().out
    assert SECRET not in out and "KEY-abc" not in out and "a@example.com" not in out
    assert "fs\tfeishu\thttp://127.0.0.1/***" in out and "****" in out
    assert main(["notify", "test", "fs", "--db", url]) == 0
    _, body = hook.requests[-1]
    assert "opsdash" in body["card"]["elements"][0]["content"] and body["sign"]
    assert main(["notify", "remove", "fs", "--db", url]) == 0
    assert [c.name for c in list_channels(store)] == ["email"]
    assert main(["notify", "remove", "fs", "--db", url]) == 2
    assert main(["notify", "add", "wecom", "ftp://x", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "no channel named 'fs'" in err and "http(s) webhook URL" in err
    assert masked(list_channels(store)[0])["target"] == "a***@example.com"


def test_notify_test_failure_names_the_channel(store, receiver, monkeypatch, capsys):
    _no_sleep(monkeypatch)
    hook = receiver(fail_first=99)
    add_channel(store, kind="wecom", target=hook.url, name="down")
    assert main(["notify", "test", "down", "--db", _url(store)]) == 1
    assert "channel down failed after 3 attempt(s): HTTP 500" in capsys.readouterr().err
