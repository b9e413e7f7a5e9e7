"""Real-browser fixtures: `streamlit run app.py` on a free port over a temporary store with
small demo data and three accounts, driven by Playwright with Debian's Chromium.

Chromium comes from apt (`apt-get install chromium`), never from `playwright install`. When
/usr/bin/chromium is missing these tests are skipped locally and FAIL in CI (CI is set), so
they can never silently disappear there (.ci/run installs Chromium first)."""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PASSWORD = "e2e-team-password"
ACCOUNTS = {"ada": "admin", "eve": "editor", "vic": "viewer"}
STARTUP_SECONDS = 90
IDLE_TIMEOUT_MS = 45_000


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists() or os.environ.get("CI"):
        return  # in CI a missing browser fails the run (see the server fixture)
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (apt-get install -y chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _cli(env: dict[str, str], *args: str, stdin: str = "") -> None:
    """Run the real ``opsdash`` command line in this process (no interpreter start-up per
    call) against the environment ``env``; fail with its output if it fails."""
    from opsdash.cli import main
    from opsdash.settings import get_settings

    saved_env, saved_stdin = dict(os.environ), sys.stdin
    os.environ.update(env)
    get_settings.cache_clear()
    sys.stdin = io.StringIO(stdin)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(list(args))
    finally:
        sys.stdin = saved_stdin
        os.environ.clear()
        os.environ.update(saved_env)
        get_settings.cache_clear()
    if status != 0:
        pytest.fail(f"opsdash {' '.join(args)} failed: {out.getvalue()}{err.getvalue()}")


@dataclass(frozen=True)
class Server:
    url: str
    database_url: str
    log: Path


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    """The dashboard, served by a real `streamlit run`, ready (health check passed)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing in CI: .ci/run installs it (apt-get install chromium)")
    home = tmp_path_factory.mktemp("e2e")
    database_url = f"sqlite:///{home / 'store.db'}"
    env = {
        **os.environ,
        "OPSDASH_DATABASE_URL": database_url,
        "OPSDASH_DATA_DIR": str(home),
        "OPSDASH_SECRETS_FILE": str(home / "no-secrets.toml"),
        "OPSDASH_LANGUAGE": "en",
        "OPSDASH_HOSTED": "0",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    _cli(env, "demo", "--users", "500", "--days", "40")
    for username, role in ACCOUNTS.items():
        _cli(env, "users", "add", username, "--role", role, stdin=PASSWORD + "\n")
    port = _free_port()
    log = home / "streamlit.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "opsdash.ui.serve",  # streamlit run app.py, without the pages/-folder mode
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                # other edits in the checkout must not reload modules under the test
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {STARTUP_SECONDS} s")
            time.sleep(0.3)
        yield Server(url=url, database_url=database_url, log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.failed_call = report.failed


@pytest.fixture
def page(request, browser, server):
    """A fresh browser tab with no cookies (a screenshot is kept when the test fails)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(IDLE_TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    if getattr(request.node, "failed_call", False):
        screenshot(tab, f"FAILED-{request.node.name}")
    context.close()


def wait_idle(page, *, settle_ms: int = 400) -> None:
    """Wait until the app has finished running (and stayed finished for ``settle_ms``: the
    cookie component and query-string updates may start a follow-up run)."""
    app = '[data-testid="stApp"]'
    page.wait_for_selector(app, state="attached")
    deadline = time.monotonic() + IDLE_TIMEOUT_MS / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        if page.get_attribute(app, "data-test-script-state") == "notRunning":
            quiet_since = quiet_since or time.monotonic()
            if (time.monotonic() - quiet_since) * 1000 >= settle_ms:
                return
        else:
            quiet_since = None
        time.sleep(0.1)
    raise AssertionError("the app did not finish running")


def open_path(page, server: Server, path: str) -> None:
    page.goto(server.url + path)
    page.wait_for_selector("h1")  # every view has one: the sign-in form's or the page's title
    wait_idle(page)


def headings(page) -> list[str]:
    return [text.strip() for text in page.locator("h1").all_inner_texts()]


SIGNED_IN_OR_REFUSED = (
    "() => ![...document.querySelectorAll('h1')].some(h => h.innerText.trim() === 'Sign in')"
    " || document.querySelector('[data-testid=\"stAlert\"]')"
)


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Fill and submit the sign-in form; wait until the page changed and the app is idle.
    A submit that lands while the cookie component's first rerun is in flight can be dropped
    by Streamlit, so it is retried (the form still shows, with no message)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(3):
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password", exact=True).fill(password)
        page.get_by_role("button", name="Sign in").click()
        try:
            page.wait_for_function(SIGNED_IN_OR_REFUSED, timeout=15_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            wait_idle(page)
    wait_idle(page)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
