"""Issue 18, sessions and sign-in: server-side sessions that sign-out and a password reset end,
strict cookie decoding (a malformed cookie means signed out), a lockout that concurrent
attempts cannot race, hosted mode's refusal of weak cookie keys, and a private store file."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import stat
import threading
import warnings

import jwt
import pytest

from opsdash.auth import add_account, authenticate, passwords, remove_account, reset_password, store
from opsdash.auth.cookies import CookieClaims, decode_cookie, encode_cookie
from opsdash.auth.hosted import cookie_key_weakness, hosted_problems
from opsdash.auth.sessions import active_sessions, revoke_session, session_account, start_session
from opsdash.db import make_engine
from opsdash.models import AppSession, AppUser
from opsdash.settings import DEFAULT_COOKIE_KEY, Settings
from opsdash.timeutil import utc_now

KEY = "Qm7vX2pL9tR4wZ8kB3nF6hJ1cY5sD0gAe8uI"
DAY = dt.timedelta(days=1)
NOW = dt.datetime(2026, 3, 1, 12, 0)


@pytest.fixture(autouse=True)
def fast_bcrypt(monkeypatch):
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)
    store._UNKNOWN_FAILURES.clear()


@pytest.fixture
def accounts(engine):
    with engine.begin() as conn:
        conn.execute(AppSession.__table__.delete())
        conn.execute(AppUser.__table__.delete())
    add_account(engine, username="ana", password="right-password", role="editor")
    add_account(engine, username="root", password="right-password", role="admin")
    return engine


# Server-side sessions


def test_sign_out_ends_the_session_so_a_replayed_cookie_signs_nobody_in(accounts):
    token, expires = start_session(accounts, "ana", lifetime=DAY)
    cookie = encode_cookie(KEY, CookieClaims("ana", token, expires - DAY, expires))
    claims = decode_cookie(KEY, cookie, max_lifetime=DAY)
    assert claims is not None and claims.session == token
    assert session_account(accounts, claims.session, username="ana").username == "ana"
    revoke_session(accounts, token)  # sign-out
    replayed = decode_cookie(KEY, cookie, max_lifetime=DAY)
    assert replayed is not None  # the cookie itself is still well-formed ...
    assert session_account(accounts, replayed.session, username="ana") is None  # ... but dead


def test_password_reset_and_removal_end_every_session(accounts):
    first, _ = start_session(accounts, "ana", lifetime=DAY)
    second, _ = start_session(accounts, "ana", lifetime=DAY)
    other, _ = start_session(accounts, "root", lifetime=DAY)
    assert active_sessions(accounts, "ana") == 2
    reset_password(accounts, "ana", "a-new-password")
    assert session_account(accounts, first) is None and session_account(accounts, second) is None
    assert active_sessions(accounts, "ana") == 0
    assert session_account(accounts, other).username == "root"
    third, _ = start_session(accounts, "ana", lifetime=DAY)
    remove_account(accounts, "ana")
    assert session_account(accounts, third) is None


def test_session_ends_at_its_lifetime_and_names_its_account(accounts):
    now = utc_now()  # after the accounts' password was set
    token, expires = start_session(accounts, "ana", lifetime=DAY, now=now)
    assert session_account(accounts, token, now=now + DAY / 2).username == "ana"
    assert session_account(accounts, token, now=expires) is None
    assert session_account(accounts, token, username="root", now=now) is None
    assert session_account(accounts, "not-a-token") is None
    assert session_account(accounts, None) is None


# Cookies: a malformed one means signed out


def _segment(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _now_claims(**extra) -> dict:
    now = int(dt.datetime.now(dt.UTC).timestamp())
    return {"sub": "ana", "sid": "t" * 43, "iat": now, "exp": now + 3600, **extra}


def _hs512(claims: dict) -> str:
    with warnings.catch_warnings():  # our 36-byte key is short for HS512: that is the point
        warnings.simplefilter("ignore")
        return jwt.encode(claims, KEY, algorithm="HS512")


MALFORMED = {
    "alg none": f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(_now_claims())}.",
    "HS512": _hs512(_now_claims()),
    "iat a string": jwt.encode(_now_claims(iat="yesterday"), KEY, algorithm="HS256"),
    "iat in the future": jwt.encode(
        _now_claims(iat=int(dt.datetime.now(dt.UTC).timestamp()) + 86_400), KEY, algorithm="HS256"
    ),
    "iat huge": jwt.encode(_now_claims(iat=10**30), KEY, algorithm="HS256"),
    "no iat": jwt.encode({k: v for k, v in _now_claims().items() if k != "iat"}, KEY),
    "no session": jwt.encode({k: v for k, v in _now_claims().items() if k != "sid"}, KEY),
    "expired": jwt.encode(_now_claims(exp=1_000_000), KEY, algorithm="HS256"),
    "lasts a year": jwt.encode(
        _now_claims(exp=int(dt.datetime.now(dt.UTC).timestamp()) + 365 * 86_400), KEY
    ),
    "wrong key": jwt.encode(_now_claims(), "another-key-" * 4, algorithm="HS256"),
    "the library's old token": jwt.encode(
        {"username": "ana", "exp_date": dt.datetime.now().timestamp() + 3600}, KEY, "HS256"
    ),
    "garbage": "not a cookie at all",
    "three dots": "..",
    "bad base64": "eyJ!!!.eyJ@@@.###",
    "empty": "",
    "huge": "a" * 100_000,
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_cookies_sign_nobody_in(case):
    assert decode_cookie(KEY, MALFORMED[case], max_lifetime=DAY) is None


def test_cookie_round_trip_and_non_strings():
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    claims = CookieClaims("ana", "s" * 43, now, now + DAY)
    assert decode_cookie(KEY, encode_cookie(KEY, claims), max_lifetime=DAY) == claims
    for value in (None, 12, b"bytes", {"sub": "ana"}):
        assert decode_cookie(KEY, value, max_lifetime=DAY) is None


# Lockout cannot be raced


def test_forty_concurrent_attempts_get_at_most_the_limit_checked(accounts, monkeypatch):
    checked: list[str] = []
    lock = threading.Lock()
    real_check = store.check_password

    def counting_check(password, password_hash):
        if password_hash is not None:  # a real check (not the dummy of unknown/locked)
            with lock:
                checked.append(password)
        return real_check(password, password_hash)

    monkeypatch.setattr(store, "check_password", counting_check)
    limit = 5
    barrier = threading.Barrier(40)
    outcomes: list[str] = []

    def attempt(number: int) -> None:
        barrier.wait()
        result = authenticate(
            accounts, "ana", f"guess-{number:02d}", lockout_attempts=limit, lockout_minutes=15
        )
        with lock:
            outcomes.append(result.status)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == 40 and "ok" not in outcomes
    assert 1 <= len(checked) <= limit, len(checked)
    assert outcomes.count("locked") >= 40 - limit + 1
    # even the right password is not checked while locked
    assert (
        authenticate(
            accounts, "ana", "right-password", lockout_attempts=limit, lockout_minutes=15
        ).status
        == "locked"
    )
    assert len(checked) <= limit


def test_lock_expiry_starts_a_fresh_count(accounts):
    def attempt(password, now):
        return authenticate(
            accounts, "ana", password, lockout_attempts=2, lockout_minutes=10, now=now
        ).status

    assert [attempt("wrong-pass", NOW), attempt("wrong-pass", NOW)] == ["invalid", "locked"]
    assert attempt("right-password", NOW + dt.timedelta(minutes=5)) == "locked"
    later = NOW + dt.timedelta(minutes=11)
    assert attempt("wrong-pass", later) == "invalid"  # count restarted at 1
    assert attempt("right-password", later) == "ok"


# Hosted mode: weak cookie keys


WEAK_KEYS = [
    "a" * 32,
    "k" * 48,
    "ab" * 20,
    "0123456789abcdef" * 3,
    "abcdefghijklmnopqrstuvwxyz0123456789",
    "aabbccddeeffgghhiijjkkllmmnnoopp",
    DEFAULT_COOKIE_KEY + "-and-more",
    "paste-48-random-characters-here-please-ok",
    "my-super-secret-cookie-key-for-opsdash",
    "changeme-changeme-changeme-changeme",
    "Tr0ub4dor&3Tr0ub4dor&3Tr0ub4dor&3",
]


@pytest.mark.parametrize("key", WEAK_KEYS)
def test_hosted_refuses_weak_keys(key):
    settings = Settings(_env_file=None, database_url="postgresql://u:p@db/x", cookie_key=key)
    problems = hosted_problems(settings, environ={})
    assert [p.code for p in problems] in (["cookie_key_weak"], ["cookie_key_default"])
    assert key not in problems[0].message("en") and key not in problems[0].message("zh")


def test_generated_keys_are_accepted():
    import secrets

    for _ in range(200):
        assert cookie_key_weakness(secrets.token_urlsafe(48)) is None
        assert cookie_key_weakness(secrets.token_urlsafe(32)) is None
        assert cookie_key_weakness(secrets.token_hex(32)) is None
    assert cookie_key_weakness(KEY) is None


# The store file


def test_sqlite_store_file_is_private(tmp_path):
    os.umask(0o022)
    path = tmp_path / "store" / "opsdash.db"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    for file in path.parent.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file
    engine.dispose()


# make run


@pytest.mark.parametrize(("args", "address"), [([], "127.0.0.1"), (["HOST=0.0.0.0"], "0.0.0.0")])
def test_make_run_binds_to_this_machine_unless_asked(args, address):
    import shutil
    import subprocess
    from pathlib import Path

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    root = Path(__file__).resolve().parents[2]
    # -n: print the commands only (nothing is run)
    out = subprocess.run(
        ["make", "-n", "-C", str(root), "run", *args], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in out.splitlines() if "opsdash.ui.serve" in line)
    assert f"--server.address {address}" in line
