"""Channel secrets at rest and mail over STARTTLS: webhook URLs and secrets are stored
encrypted (Fernet, key from OPSDASH_SECRETS_KEY or the cookie key), unreadable with another
key; e-mail goes over STARTTLS with SMTP sign-in against aiosmtpd on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import ssl

import pytest
import sqlalchemy as sa

from opsdash.brief.text import Message
from opsdash.cli import main
from opsdash.models import NotificationChannel
from opsdash.notify import secrets
from opsdash.notify.channels import add_channel, list_channels, masked
from opsdash.notify.send import SendError, send_message
from opsdash.settings import get_settings

URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY-123"
SECRET = "SEC-signing-456"
TABLE = NotificationChannel.__table__


@pytest.fixture(autouse=True)
def secrets_key(monkeypatch):
    monkeypatch.setenv("OPSDASH_SECRETS_KEY", "a-test-secrets-key-of-some-length-0123456789")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _stored(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(sa.select(TABLE.c.name, TABLE.c.target, TABLE.c.secret)).all()


def test_targets_and_secrets_are_encrypted_at_rest(sqlite_engine):
    add_channel(sqlite_engine, kind="dingtalk", target=URL, secret=SECRET, name="ding")
    [(_name, target, secret)] = _stored(sqlite_engine)
    assert target.startswith("fernet:") and secret.startswith("fernet:")
    assert "SECRET-KEY" not in target + secret and "qyapi" not in target and SECRET not in secret
    [channel] = list_channels(sqlite_engine)
    assert (channel.target, channel.secret, channel.readable) == (URL, SECRET, True)
    assert SECRET not in repr(channel) and "SECRET-KEY" not in repr(channel)
    assert masked(channel) == {
        "name": "ding",
        "kind": "dingtalk",
        "target": "https://qyapi.weixin.qq.com/***",
        "secret": "****",
        "readable": True,
    }


def test_another_key_cannot_read_them(sqlite_engine, monkeypatch, capsys):
    add_channel(sqlite_engine, kind="webhook", target=URL, secret=SECRET, name="hook")
    monkeypatch.setenv("OPSDASH_SECRETS_KEY", "another-key-entirely-another-key-entirely")
    get_settings.cache_clear()
    [channel] = list_channels(sqlite_engine)
    assert not channel.readable and channel.target == "" and channel.secret is None
    assert masked(channel)["target"] == "–"
    with pytest.raises(SendError) as failure:
        send_message(channel, Message("t", "m", "x"))
    assert "secrets key changed" in failure.value.detail
    url = sqlite_engine.url.render_as_string(hide_password=False)
    assert main(["notify", "test", "hook", "--db", url]) == 1
    assert "SECRET-KEY" not in capsys.readouterr().err


def test_plain_rows_from_before_encryption_are_read(sqlite_engine):
    with sqlite_engine.begin() as conn:
        conn.execute(
            sa.insert(TABLE).values(
                name="old", kind="webhook", target=URL, secret=None, created_at=dt.datetime.now()
            )
        )
    [channel] = list_channels(sqlite_engine)
    assert channel.target == URL and channel.readable


def test_the_key_defaults_to_the_cookie_key(monkeypatch):
    monkeypatch.delenv("OPSDASH_SECRETS_KEY")
    monkeypatch.setenv("OPSDASH_COOKIE_KEY", "c" * 40)
    get_settings.cache_clear()
    sealed = secrets.seal("x")
    assert secrets.unseal(sealed) == "x"
    monkeypatch.setenv("OPSDASH_COOKIE_KEY", "d" * 40)
    get_settings.cache_clear()
    with pytest.raises(Exception) as failure:
        secrets.unseal(sealed)
    assert getattr(failure.value, "code", None) == "channel_key"


def _certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1 (key file, certificate file)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_file, cert_file = tmp_path / "key.pem", tmp_path / "cert.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_file, cert_file


def test_mail_over_starttls_with_sign_in(sqlite_engine, tmp_path, monkeypatch):
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    key_file, cert_file = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    received, logins = [], []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append((envelope, session.ssl is not None))
            return "250 OK"

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password, session.ssl is not None))
        return AuthResult(success=auth_data.password == b"smtp-pass-789")

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(
        Handler(),
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_require_tls=True,
    )
    controller.start()
    try:
        monkeypatch.setenv("OPSDASH_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("OPSDASH_SMTP_PORT", str(port))
        monkeypatch.setenv("OPSDASH_SMTP_STARTTLS", "true")
        monkeypatch.setenv("OPSDASH_SMTP_CA_FILE", str(cert_file))
        monkeypatch.setenv("OPSDASH_SMTP_USER", "brief@example.com")
        add_channel(sqlite_engine, kind="email", target="ops@example.com", secret="smtp-pass-789")
        [channel] = list_channels(sqlite_engine)
        assert send_message(channel, Message("opsdash 晨报", "### x", "opsdash 晨报\nline")) == 1
        # a wrong password is refused, and the failure does not repeat it
        add_channel(
            sqlite_engine, kind="email", target="ops@example.com", secret="wrong-pw", name="bad"
        )
        bad = next(c for c in list_channels(sqlite_engine) if c.name == "bad")
        with pytest.raises(SendError) as failure:
            send_message(bad, Message("t", "m", "x"), attempts=1)
        assert failure.value.detail.startswith("SMTP sign-in refused")
        assert "wrong-pw" not in failure.value.detail
        # without the private CA the certificate is not trusted
        monkeypatch.delenv("OPSDASH_SMTP_CA_FILE")
        with pytest.raises(SendError) as failure:
            send_message(channel, Message("t", "m", "x"), attempts=1)
        assert "unreachable" in failure.value.detail and "smtp-pass" not in failure.value.detail
    finally:
        controller.stop()
    [(envelope, over_tls)] = received
    assert over_tls and envelope.rcpt_tos == ["ops@example.com"]
    assert logins[0] == (b"brief@example.com", b"smtp-pass-789", True)
