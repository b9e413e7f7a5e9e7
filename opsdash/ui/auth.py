"""The sign-in gate, the account box and per-action checks for pages.

How the pieces fit (streamlit-authenticator 0.4.x):

- Passwords are checked by :func:`opsdash.auth.authenticate`, not by the library's
  ``login()``: the library's lockout (``max_login_attempts``) is an in-memory counter that
  never expires and is lost on restart, it skips bcrypt for unknown usernames (so timing tells
  which names exist) and it strips whitespace from passwords. Ours lives in the database,
  expires after ``lockout_minutes`` and costs one bcrypt check whatever the outcome.
- The library keeps what it is good at: the signed sign-in cookie (a JWT signed with
  ``cookie_key``, expiring after ``cookie_expiry_days``), set and deleted in the browser by its
  cookie component, and its session-state keys (``username``, ``name``, ``roles``,
  ``authentication_status``, ``logout``). Its credentials dict is fed from the ``app_users``
  table on every run (names and roles; it never needs the hashes because it checks no
  password).
- On every run the account is read again from the store, so a role change or a removal takes
  effect at once; a cookie issued before the account's last password change is refused.
"""

from __future__ import annotations

import datetime as dt
import math

import streamlit as st
import streamlit_authenticator as stauth
from sqlalchemy.engine import Engine

from opsdash.auth import (
    DEMO_PASSWORD,
    DEMO_USERNAME,
    Account,
    account_for_session,
    authenticate,
    can,
    demo_account_present,
    get_account,
    hosted_problems,
    list_accounts,
)
from opsdash.auth.cookies import cookie_signing_key
from opsdash.i18n import translate
from opsdash.settings import Settings
from opsdash.timeutil import utc_now

ACCOUNT_KEY = "opsdash_account"
HOSTED_CHECKED_KEY = "opsdash_hosted_checked"
DEMO_KEY = "opsdash_demo_present"
MESSAGE_KEY = "opsdash_auth_message"

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


def _remember(account: Account) -> None:
    st.session_state[ACCOUNT_KEY] = account
    # the library's keys, so its logout and cookie handling see a signed-in session
    st.session_state["username"] = account.username
    st.session_state["name"] = account.display_name
    st.session_state["roles"] = [account.role]
    st.session_state["authentication_status"] = True
    st.session_state["logout"] = None


def _forget() -> None:
    st.session_state.pop(ACCOUNT_KEY, None)
    for key in ("username", "name", "roles", "authentication_status", "email"):
        st.session_state[key] = None


def _cookie_issued_at(token: dict, settings: Settings) -> dt.datetime | None:
    """When the library issued ``token`` (naive UTC): its expiry minus the expiry period."""
    try:
        expires = dt.datetime.fromtimestamp(float(token["exp_date"]), dt.UTC)
    except (KeyError, TypeError, ValueError, OverflowError):
        return None
    issued = expires - dt.timedelta(days=settings.cookie_expiry_days)
    return issued.replace(tzinfo=None)


def _restore(engine: Engine, settings: Settings, authenticator) -> Account | None:
    """The account of this session: from session state, else from a valid sign-in cookie."""
    account = current_account()
    if account is not None:
        fresh = get_account(engine, account.username)
        if fresh is None:  # removed meanwhile
            _forget()
            return None
        _remember(fresh)
        return fresh
    token = authenticator.cookie_controller.get_cookie()
    if not token or not isinstance(token, dict) or "username" not in token:
        return None
    fresh = account_for_session(
        engine, str(token["username"]), issued_at=_cookie_issued_at(token, settings)
    )
    if fresh is not None:
        _remember(fresh)
    return fresh


def _check_hosted(engine: Engine, settings: Settings, language: str) -> None:
    """Hosted mode: refuse to start (for this session) while a problem remains."""
    if not settings.hosted or st.session_state.get(HOSTED_CHECKED_KEY):
        return
    problems = hosted_problems(settings, engine=engine)
    if problems:
        st.error(translate("auth.hosted_refused", language), icon=":material/gpp_bad:")
        st.markdown("\n".join(f"- {problem.message(language)}" for problem in problems))
        st.stop()
    st.session_state[HOSTED_CHECKED_KEY] = True


def gate(*, engine: Engine, settings: Settings, language: str) -> Account | None:
    """The signed-in account, or None after rendering the sign-in form (the caller then stops
    without running a page). In hosted mode, stops with the list of problems instead."""
    _check_hosted(engine, settings, language)
    authenticator = _authenticator(engine, settings)
    account = _restore(engine, settings, authenticator)
    if account is not None:
        if _account_box(account, language):
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
        translate("auth.signed_in_as", language, name=account.display_name, role=role)
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
        _remember(result.account)
        # The cookie component must render in this run (a rerun now would drop it).
        authenticator.cookie_controller.set_cookie()
        return result.account
    if result.status == "locked" and result.locked_until is not None:
        minutes = max(1, math.ceil((result.locked_until - utc_now()).total_seconds() / 60))
        box.error(t("auth.locked", minutes=minutes), icon=":material/lock_clock:")
    else:  # unknown username or wrong password: one message for both
        box.error(t("auth.invalid"), icon=":material/error:")
    return None


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
