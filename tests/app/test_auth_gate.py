"""The sign-in gate in front of every page: form, uniform failures, lockout, roles in the
navigation, in-page refusals and hosted mode's refusal to start."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from opsdash.auth import add_account, ensure_demo_admin, passwords, store
from opsdash.db import init_store, make_engine
from opsdash.settings import get_settings
from tests.app.conftest import APP

PASSWORD = "team-password"
STRONG_KEY = "Qm7vX2pL9tR4wZ8kB3nF6hJ1cY5sD0gA"  # 32 random-looking characters


@pytest.fixture
def store_url(tmp_path, monkeypatch) -> Iterator[str]:
    monkeypatch.setattr(passwords, "BCRYPT_ROUNDS", 4)
    store._UNKNOWN_FAILURES.clear()
    url = f"sqlite:///{tmp_path / 'gate.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    for name, role in [("ada", "admin"), ("eve", "editor"), ("vic", "viewer")]:
        add_account(engine, username=name, password=PASSWORD, role=role)
    engine.dispose()
    monkeypatch.setenv("OPSDASH_DATABASE_URL", url)
    monkeypatch.setenv("OPSDASH_SECRETS_FILE", "/nonexistent")
    monkeypatch.setenv("OPSDASH_LOCKOUT_ATTEMPTS", "3")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def new_app(**query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app


def sign_in(app: AppTest, username: str, password: str) -> AppTest:
    app.text_input(key="auth_username_input").input(username)
    app.text_input(key="auth_password_input").input(password)
    app.button[0].click()  # the form's submit button
    return app.run()


def titles(app: AppTest) -> list[str]:
    return [t.value for t in app.title]


def errors(app: AppTest) -> list[str]:
    return [e.value for e in app.error]


def test_visitor_sees_only_the_form(store_url):
    app = new_app(lang="en").run()
    assert not app.exception
    assert titles(app) == ["Sign in"]
    assert app.text_input(key="auth_password_input").proto.type == 1  # a password field
    assert "Overview" not in titles(app)


def test_sign_in_then_the_page(store_url):
    app = sign_in(new_app(lang="en").run(), "ADA", PASSWORD)
    assert not app.exception, [e.value for e in app.exception]
    assert "Overview" in titles(app) and "Sign in" not in titles(app)
    assert app.session_state["opsdash_account"].role == "admin"
    assert app.session_state["authentication_status"] is True  # the library's view


def test_deep_link_page_survives_a_sign_in_that_resolves_to_the_default_page(store_url):
    # The signed-out run remembered /revenue; the sign-in rerun arrives for the default page
    # (a rerun racing the cookie component can carry no page): the app still lands on Revenue.
    app = new_app(lang="en").run()
    app.session_state["auth_requested_page"] = "revenue"
    app = sign_in(app, "ada", PASSWORD)
    assert not app.exception, [e.value for e in app.exception]
    assert "Revenue" in titles(app)
    assert "auth_requested_page" not in app.session_state  # done once it was shown
    app.switch_page("pages/users.py").run()
    assert "Users" in titles(app)  # later navigation is the user's own


def test_deep_link_to_a_forbidden_page_falls_back(store_url):
    app = new_app(lang="en").run()
    app.session_state["auth_requested_page"] = "data"
    app = sign_in(app, "vic", PASSWORD)
    assert not app.exception, [e.value for e in app.exception]
    assert "Overview" in titles(app)


def test_wrong_password_and_unknown_user_look_the_same(store_url):
    app = new_app(lang="en").run()
    wrong = errors(sign_in(app, "ada", "not-the-password"))
    unknown = errors(sign_in(app, "nobody", "not-the-password"))
    assert wrong == unknown == ["Incorrect username or password."]
    assert titles(app) == ["Sign in"]


def test_lockout_is_shown(store_url):
    app = new_app(lang="en").run()
    for _ in range(2):
        sign_in(app, "eve", "wrong-password")
    third = errors(sign_in(app, "eve", "wrong-password"))
    assert len(third) == 1 and "locked" in third[0] and "15" in third[0]
    # the right password is refused while locked
    assert "locked" in errors(sign_in(app, "eve", PASSWORD))[0]
    assert "opsdash_account" not in app.session_state


def test_roles_shape_the_navigation(store_url):
    for username, absent in [("vic", {"data", "admin"}), ("eve", {"admin"}), ("ada", set())]:
        app = sign_in(new_app(lang="en").run(), username, PASSWORD)
        assert not app.exception
        role = app.session_state["opsdash_account"].role
        from opsdash.ui.auth import page_allowed

        account = app.session_state["opsdash_account"]
        hidden = {p for p in ("data", "admin", "overview") if not page_allowed(account, p)}
        assert hidden == absent, role


def test_viewer_cannot_open_data_or_admin(store_url):
    app = sign_in(new_app(lang="en").run(), "vic", PASSWORD)
    for page in ("pages/data.py", "pages/admin.py"):
        with pytest.raises(ValueError, match="Known pages") as refused:
            app.switch_page(page)
        known = str(refused.value).split("Known pages")[1]
        assert "overview.py" in known and "data.py" not in known and "admin.py" not in known


def test_editor_has_data_but_not_admin(store_url):
    app = sign_in(new_app(lang="en").run(), "eve", PASSWORD)
    app.switch_page("pages/data.py")
    app.run()
    assert not app.exception
    with pytest.raises(ValueError, match="Known pages"):
        app.switch_page("pages/admin.py")


def test_admin_page_for_admins(store_url):
    app = sign_in(new_app(lang="en").run(), "ada", PASSWORD)
    app.switch_page("pages/admin.py")
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert "Team access" in titles(app)
    assert list(app.dataframe[0].value.iloc[:, 0]) == ["ada", "eve", "vic"]


def _require_script():
    import streamlit as st

    from opsdash.ui.auth import require

    st.write("before")
    require("undo_batch", language="en")
    st.write("after")


@pytest.mark.parametrize(
    ("role", "allowed"), [("viewer", False), ("editor", False), ("admin", True)]
)
def test_require_refuses_inside_a_page(role, allowed):
    from opsdash.auth import Account
    from opsdash.ui.auth import ACCOUNT_KEY

    app = AppTest.from_function(_require_script)
    app.session_state[ACCOUNT_KEY] = Account(role, role, role, 0, None, None, None)
    app.run()
    shown = [m.value for m in app.markdown]
    assert ("after" in shown) is allowed
    if not allowed:
        assert "may not do this: undo import batches" in app.error[0].value


def test_require_without_sign_in_refuses():
    app = AppTest.from_function(_require_script).run()
    assert "after" not in [m.value for m in app.markdown] and app.error


def test_local_demo_notice(store_url, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    engine = make_engine(url)
    init_store(engine, timezone="UTC")
    ensure_demo_admin(engine)
    engine.dispose()
    monkeypatch.setenv("OPSDASH_DATABASE_URL", url)
    get_settings.cache_clear()
    app = new_app(lang="en").run()
    assert any("admin / opsdash-demo" in i.value for i in app.info)
    app = sign_in(app, "admin", "opsdash-demo")
    assert "Overview" in titles(app)


def test_hosted_mode_refuses_to_start(store_url, monkeypatch, caplog):
    from opsdash.ui import auth as ui_auth

    ui_auth._LOGGED_PROBLEMS.clear()
    monkeypatch.setenv("OPSDASH_HOSTED", "1")
    monkeypatch.setenv("OPSDASH_COOKIE_KEY", "a" * 32)
    get_settings.cache_clear()
    with caplog.at_level("ERROR", logger="opsdash.auth"):
        app = new_app(lang="en").run()
    # the details are in the server log (never the key itself)
    assert "OPSDASH_COOKIE_KEY" in caplog.text and "a" * 32 not in caplog.text
    assert not app.exception
    # anonymous visitors learn nothing about the setup (nor about a demo account)
    assert errors(app) == [
        "This dashboard is not configured yet. Please contact its administrator."
    ]
    shown = " ".join(e.value for e in [*app.markdown, *app.error, *app.info, *app.caption])
    assert "OPSDASH_COOKIE_KEY" not in shown and "demo" not in shown.lower()
    assert not app.text_input  # no sign-in form
    monkeypatch.setenv("OPSDASH_COOKIE_KEY", STRONG_KEY)
    get_settings.cache_clear()
    app = new_app(lang="en").run()
    assert titles(app) == ["Sign in"] and not app.error


def test_admin_adds_and_changes_an_account(store_url):
    app = sign_in(new_app(lang="en").run(), "ada", PASSWORD)
    app.switch_page("pages/admin.py")
    app.run()
    app.text_input(key="admin_new_username").input("Nora")
    app.text_input(key="admin_new_password").input("nora-password")
    app.selectbox(key="admin_new_role").set_value("editor")
    next(b for b in app.button if b.label == "Add").click()
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("Added nora" in s.value for s in app.success)
    assert "nora" in list(app.dataframe[0].value.iloc[:, 0])
    app.text_input(key="admin_new_username").input("bad name")
    app.text_input(key="admin_new_password").input("short")
    next(b for b in app.button if b.label == "Add").click()
    app.run()
    assert app.error and "invalid username" in app.error[0].value


# Issue 18: the cookie names a server-side session; sign-out ends it; malformed means signed out


def _with_cookies(monkeypatch, cookies: dict[str, str]) -> None:
    from opsdash.ui import auth as ui_auth

    monkeypatch.setattr(ui_auth, "_browser_cookies", lambda: dict(cookies))


def _cookie_of(app: AppTest) -> str:
    """The cookie value a signed-in ``app`` set (rebuilt from its session: same claims)."""
    from opsdash.auth.cookies import CookieClaims, cookie_signing_key, encode_cookie
    from opsdash.timeutil import utc_now
    from opsdash.ui.auth import SESSION_KEY, session_lifetime

    settings = get_settings()
    lifetime = session_lifetime(settings)
    now = utc_now().replace(microsecond=0)
    claims = CookieClaims("ada", app.session_state[SESSION_KEY], now, now + lifetime)
    return encode_cookie(cookie_signing_key(settings), claims)


def test_a_cookie_replayed_after_sign_out_signs_nobody_in(store_url, monkeypatch):
    monkeypatch.setenv("OPSDASH_COOKIE_KEY", STRONG_KEY)
    get_settings.cache_clear()
    first = sign_in(new_app(lang="en").run(), "ada", PASSWORD)
    assert "Overview" in titles(first)
    cookie = _cookie_of(first)
    _with_cookies(monkeypatch, {"opsdash_auth": cookie})
    replay = new_app(lang="en").run()  # a fresh browser with the saved cookie
    assert "Overview" in titles(replay) and "Sign in" not in titles(replay)
    first.run().button(key="auth_logout").click().run()
    assert titles(first) == ["Sign in"]
    after = new_app(lang="en").run()  # the same cookie, replayed after sign-out
    assert not after.exception
    assert titles(after) == ["Sign in"] and after.text_input(key="auth_password_input")
    # the open session of the replaying browser ends on its next run too
    replay.run()
    assert titles(replay) == ["Sign in"]


def test_a_password_reset_ends_open_sessions(store_url, monkeypatch):
    from opsdash.auth import reset_password

    app = sign_in(new_app(lang="en").run(), "eve", PASSWORD)
    assert "Overview" in titles(app)
    engine = make_engine(store_url)
    reset_password(engine, "eve", "another-password")
    engine.dispose()
    app.run()
    assert titles(app) == ["Sign in"]
    assert any("sign-in has ended" in i.value for i in app.info)


@pytest.mark.parametrize(
    "value",
    [
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZGEiLCJzaWQiOiJ4In0.",  # alg none
        "eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl",  # HS512
        "garbage;;==",
    ],
)
def test_a_malformed_cookie_shows_the_sign_in_form(store_url, monkeypatch, value):
    _with_cookies(monkeypatch, {"opsdash_auth": value})
    app = new_app(lang="en").run()
    assert not app.exception
    assert titles(app) == ["Sign in"] and app.text_input(key="auth_password_input")
    assert "Overview" in titles(sign_in(app, "ada", PASSWORD))


def test_a_cookie_with_a_bad_iat_shows_the_sign_in_form(store_url, monkeypatch):
    import jwt

    from opsdash.auth.cookies import cookie_signing_key

    monkeypatch.setenv("OPSDASH_COOKIE_KEY", STRONG_KEY)
    get_settings.cache_clear()
    key = cookie_signing_key(get_settings())
    for iat in ("tomorrow", 10**12, None):
        value = jwt.encode({"sub": "ada", "sid": "x", "iat": iat, "exp": 4102444800}, key)
        _with_cookies(monkeypatch, {"opsdash_auth": value})
        app = new_app(lang="en").run()
        assert not app.exception and titles(app) == ["Sign in"], iat


def test_username_stays_after_a_wrong_password(store_url):
    app = new_app(lang="en")
    app.run()
    sign_in(app, "vic", "not-the-password")
    assert errors(app) == ["Incorrect username or password."]
    assert app.text_input(key="auth_username_input").value == "vic"
    app.run()  # a follow-up run (the cookie component's) keeps it too
    assert app.text_input(key="auth_username_input").value == "vic"
