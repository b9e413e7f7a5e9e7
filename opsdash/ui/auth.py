"""The sign-in gate, the account box and per-action checks for pages.

How the pieces fit (streamlit-authenticator 0.4.x):

- Passwords are checked by :func:`opsdash.auth.authenticate`, not by the library's
  ``login()``: the library's lockout (``max_login_attempts``) is an in-memory counter that
  never expires and is lost on restart, it skips bcrypt for unknown usernames (so timing tells
  which names exist) and it strips whitespace from passwords. Ours lives in the database,
  expires after ``lockout_minutes`` and costs one bcrypt check whatever the outcome.
- The library keeps its session-state keys (``username``, ``name``, ``roles``,
  ``authentication_status``, ``logout``) and its cookie component (extra-streamlit-components'
  CookieManager), which sets and deletes the cookie in the browser. Its own cookie token
  (``username`` + ``exp_date``, valid until it expires whatever happens on the server) is not
  used: ours (:mod:`opsdash.auth.cookies`) names a server-side session
  (:mod:`opsdash.auth.sessions`) that is checked on every run and revoked at sign-out and at a
  password reset, is decoded strictly (a malformed cookie means signed out, never an error) and
  is set with ``max-age``, ``SameSite=Strict`` and, in hosted mode, ``Secure``.
- The cookie cannot be HttpOnly: the component writes it from the page's JavaScript
  (``document.cookie``), and a Streamlit app has no way to add a ``Set-Cookie`` header to a
  response. What compensates is in docs/security.md ("Sessions and sign-in").
- On every run the account is read again from the store, so a role change or a removal takes
  effect at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import math

import streamlit as st
import streamlit_authenticator as stauth
from sqlalchemy.engine import Engine

from opsdash.auth import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    Account,
    authenticate,
    can,
    demo_account_present,
    hosted_problems,
    list_accounts,
)
from opsdash.auth.cookies import CookieClaims, cookie_signing_key, decode_cookie, encode_cookie
from opsdash.auth.sessions import revoke_session, session_account, start_session
from opsdash.formatting import escape_markdown
from opsdash.i18n import translate
from opsdash.settings import Settings
from opsdash.timeutil import utc_now

ACCOUNT_KEY = "opsdash_account"
HOSTED_CHECKED_KEY = "opsdash_hosted_checked"
DEMO_KEY = "opsdash_demo_present"
MESSAGE_KEY = "opsdash_auth_message"
SESSION_KEY = "opsdash_session_token"
# How long a sign-in lasts when no cookie is kept (cookie_expiry_days = 0): this tab only.
TAB_SESSION = dt.timedelta(hours=12)

logger = logging.getLogger("opsdash.auth")
_LOGGED_PROBLEMS: set[tuple[str, ...]] = set()

# The action a role needs to see a page in the navigation (pages not listed need "view").
PAGE_ACTIONS: dict[str, str] = {"data": "import", "admin": "manage_users"}


def page_allowed(account: Account | None, page: str) -> bool:
    """Whether ``account`` may open the page whose url_path is ``page``."""
    return account is not None and can(account.role, PAGE_ACTIONS.get(page, "view"))


def current_account() -> Account | None:
    """The signed-in account of this session (as read from the store on this run)."""
    return st.session_state.get(ACCOUNT_KEY)


def allowed(action: str) -> bool:
    """Whether the signed-in user may perform ``action`` (to hide buttons they cannot use)."""
    account = current_account()
    return account is not None and can(account.role, action)


def require(action: str, *, language: str | None = None) -> None:
    """Refuse ``action`` inside a page: unless the signed-in user's role allows it, show a
    message and stop the page. Call it before the code that changes data, e.g.
    ``require("import")`` at the top of the import section."""
    if allowed(action):
        return
    account = current_account()
    lang = language or _language()
    role = translate(f"auth.role.{account.role}", lang) if account else "-"
    st.error(
        translate(
            "auth.forbidden", lang, role=role, action=translate(f"auth.action.{action}", lang)
        ),
        icon=":material/block:",
    )
    st.stop()


def _language() -> str:
    context = st.session_state.get("opsdash_context")
    if context is not None:
        return context.language
    return st.session_state.get("sb_lang", "zh")


def _authenticator(engine: Engine, settings: Settings) -> stauth.Authenticate:
    credentials = {
        "usernames": {
            account.username: {"name": account.display_name, "roles": [account.role]}
            for account in list_accounts(engine)
        }
    }
    return stauth.Authenticate(
        credentials,
        cookie_name=settings.cookie_name,
        cookie_key=cookie_signing_key(settings),
        cookie_expiry_days=settings.cookie_expiry_days,
        auto_hash=False,
    )


def session_lifetime(settings: Settings) -> dt.timedelta:
    """The most a sign-in lasts: ``cookie_expiry_days``, or :data:`TAB_SESSION` without cookie."""
    days = settings.cookie_expiry_days
    return dt.timedelta(days=days) if days > 0 else TAB_SESSION


def _remember(account: Account, token: str | None = None) -> None:
    st.session_state[ACCOUNT_KEY] = account
    if token is not None:
        st.session_state[SESSION_KEY] = token
    # the library's keys, so its logout and cookie handling see a signed-in session
    st.session_state["username"] = account.username
    st.session_state["name"] = account.display_name
    st.session_state["roles"] = [account.role]
    st.session_state["authentication_status"] = True
    st.session_state["logout"] = None


def _forget() -> None:
    st.session_state.pop(ACCOUNT_KEY, None)
    st.session_state.pop(SESSION_KEY, None)
    for key in ("username", "name", "roles", "authentication_status", "email"):
        st.session_state[key] = None


def _browser_cookies() -> dict[str, str]:
    """The cookies of this run's request (empty without one)."""
    try:
        return dict(st.context.cookies)
    except Exception:
        return {}


def read_cookie(settings: Settings) -> CookieClaims | None:
    """The claims of this browser's sign-in cookie, or None (absent or malformed)."""
    value = _browser_cookies().get(settings.cookie_name)
    return decode_cookie(
        cookie_signing_key(settings), value, max_lifetime=session_lifetime(settings)
    )


def _restore(engine: Engine, settings: Settings, language: str) -> Account | None:
    """The account of this session: its server-side session, checked on every run (a
    sign-out elsewhere, a password reset or the end of its lifetime signs it out); else a
    valid sign-in cookie naming an active session."""
    token = st.session_state.get(SESSION_KEY)
    if current_account() is not None:
        fresh = session_account(engine, token)
        if fresh is None:  # revoked, ended or the account removed meanwhile
            _forget()
            st.session_state[MESSAGE_KEY] = ("info", translate("auth.session_ended", language))
            return None
        _remember(fresh)
        return fresh
    claims = read_cookie(settings)
    if claims is None:
        return None
    fresh = session_account(engine, claims.session, username=claims.username)
    if fresh is not None:
        _remember(fresh, claims.session)
    return fresh


def _check_hosted(engine: Engine, settings: Settings, language: str) -> None:
    """Hosted mode: refuse to start (for this session) while a problem remains. Visitors see
    only a generic "not configured" (they are anonymous: the problems would tell them about
    the setup and the demo account); the problems go to the server log, once per process."""
    if not settings.hosted or st.session_state.get(HOSTED_CHECKED_KEY):
        return
    problems = hosted_problems(settings, engine=engine)
    if problems:
        codes = tuple(problem.code for problem in problems)
        if codes not in _LOGGED_PROBLEMS:
            _LOGGED_PROBLEMS.add(codes)
            logger.error(
                "hosted mode refuses to start until these are fixed (run `opsdash users list` "
                "and check the settings):\n%s",
                "\n".join(f"- {problem.message('en')}" for problem in problems),
            )
        st.error(translate("auth.not_configured", language), icon=":material/gpp_bad:")
        st.stop()
    st.session_state[HOSTED_CHECKED_KEY] = True


def gate(*, engine: Engine, settings: Settings, language: str) -> Account | None:
    """The signed-in account, or None after rendering the sign-in form (the caller then stops
    without running a page). In hosted mode, stops with the list of problems instead."""
    _check_hosted(engine, settings, language)
    authenticator = _authenticator(engine, settings)
    account = _restore(engine, settings, language)
    if account is not None:
        if _account_box(account, language):
            revoke_session(engine, st.session_state.get(SESSION_KEY))  # a replayed cookie is dead
            authenticator.logout(location="unrendered")  # clears its keys, deletes the cookie
            _forget()
            st.session_state[MESSAGE_KEY] = ("info", translate("auth.logged_out", language))
        else:
            return account
    # nothing of a signed-in view may outlive the sign-in (pages read the context)
    st.session_state.pop("opsdash_context", None)
    return _sign_in_form(engine, settings, authenticator, language)


def _account_box(account: Account, language: str) -> bool:
    """The sidebar's who-am-I line and sign-out button; True when it was pressed."""
    role = translate(f"auth.role.{account.role}", language)
    st.sidebar.caption(
        translate(
            "auth.signed_in_as", language, name=escape_markdown(account.display_name), role=role
        )
    )
    return st.sidebar.button(
        translate("auth.logout", language),
        key="auth_logout",
        icon=":material/logout:",
        use_container_width=True,
    )


def _sign_in_form(
    engine: Engine, settings: Settings, authenticator, language: str
) -> Account | None:
    def t(key: str, **values: object) -> str:
        return translate(key, language, **values)

    slot = st.empty()
    box = slot.container()
    with box:
        st.title(t("auth.title"))
        st.caption(t("auth.intro"))
        message = st.session_state.pop(MESSAGE_KEY, None)
        if message:
            kind, text = message
            (st.error if kind == "error" else st.info)(text)
        if not settings.hosted:
            if DEMO_KEY not in st.session_state:
                st.session_state[DEMO_KEY] = demo_account_present(engine)
            if st.session_state[DEMO_KEY]:
                st.info(
                    t("auth.demo_notice", username=DEMO_USERNAME, password=DEMO_PASSWORD),
                    icon=":material/info:",
                )
        with st.form("auth_sign_in", clear_on_submit=False):
            username = st.text_input(
                t("auth.username"), key="auth_username_input", autocomplete="username"
            )
            password = st.text_input(
                t("auth.password"),
                type="password",
                key="auth_password_input",
                autocomplete="current-password",
            )
            submitted = st.form_submit_button(t("auth.submit"), type="primary")
    if not submitted:
        return None
    result = authenticate(
        engine,
        username,
        password,
        lockout_attempts=settings.lockout_attempts,
        lockout_minutes=settings.lockout_minutes,
    )
    if result.status == "ok" and result.account is not None:
        slot.empty()  # the form goes; the page renders in this same run
        lifetime = session_lifetime(settings)
        token, expires = start_session(engine, result.account.username, lifetime=lifetime)
        _remember(result.account, token)
        # The cookie component must render in this run (a rerun now would drop it).
        _set_cookie(authenticator, settings, result.account.username, token, expires, lifetime)
        return result.account
    if result.status == "locked" and result.locked_until is not None:
        minutes = max(1, math.ceil((result.locked_until - utc_now()).total_seconds() / 60))
        box.error(t("auth.locked", minutes=minutes), icon=":material/lock_clock:")
    else:  # unknown username or wrong password: one message for both
        box.error(t("auth.invalid"), icon=":material/error:")
    return None


def _set_cookie(
    authenticator, settings: Settings, username: str, token: str, expires, lifetime
) -> None:
    """Write the sign-in cookie through the library's cookie component: our claims, a
    ``max-age`` equal to the session's lifetime, SameSite=Strict, Secure in hosted mode."""
    if settings.cookie_expiry_days <= 0:
        return  # the sign-in lasts until the tab reloads
    claims = CookieClaims(
        username=username, session=token, issued_at=expires - lifetime, expires_at=expires
    )
    manager = authenticator.cookie_controller.cookie_model.cookie_manager
    manager.set(
        settings.cookie_name,
        encode_cookie(cookie_signing_key(settings), claims),
        # the component reads a naive local time; max-age is what browsers apply first
        expires_at=dt.datetime.now() + lifetime,
        max_age=int(lifetime.total_seconds()),
        secure=settings.secure_cookie,
        same_site="strict",
    )


REQUESTED_PAGE_KEY = "auth_requested_page"


def remember_requested_page(page) -> None:
    """Before sign-in: keep the page the link named (once per session; reruns racing the
    sign-in may arrive without it and resolve to the default page)."""
    if REQUESTED_PAGE_KEY not in st.session_state:
        st.session_state[REQUESTED_PAGE_KEY] = page.url_path


def restore_requested_page(navigation, account: Account) -> None:
    """After sign-in: go to the page the link named until a signed-in run has shown it."""
    requested = st.session_state.get(REQUESTED_PAGE_KEY)
    if requested is None:
        return
    if navigation.url_path == requested or not page_allowed(account, requested or "overview"):
        del st.session_state[REQUESTED_PAGE_KEY]
        return
    st.switch_page(f"pages/{requested}.py")


# Pages whose title lives outside their own i18n area.
PAGE_TITLE_KEYS: dict[str, str] = {"admin": "auth.admin.title"}
