"""Real-browser fixtures: the real app on a free local port, and Debian's headless Chromium
driven by Playwright (sync API).

No browser is ever downloaded: Chromium is the Debian package (``apt-get install chromium``).
Every page records console errors and warnings, uncaught page errors, and every request
that tries to leave 127.0.0.1 (those are aborted). Tests end with ``log.assert_clean()``.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from dashboard import create_app
from dashboard.config import Settings
from tests.browser.browserkit import CHROMIUM_ARGS, HOST, VIEWPORT, is_local

INSTALL_HINT = (
    "Install Debian's Chromium: `apt-get install -y chromium chromium-driver fonts-noto-cjk` "
    "(or run `bash .ci/run`). Never `playwright install`: it downloads a browser."
)


def chromium_path() -> str:
    """Debian's Chromium ($CHROMIUM_PATH overrides); fail, never skip, when it is missing."""
    candidates = [os.environ.get("CHROMIUM_PATH", ""), "/usr/bin/chromium", shutil.which("chromium") or ""]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(f"Chromium not found (looked for $CHROMIUM_PATH, /usr/bin/chromium, `chromium` on PATH). "
                f"{INSTALL_HINT}", pytrace=False)


# -- the live server --------------------------------------------------------------------


@dataclass
class LiveServer:
    url: str
    app: object


@pytest.fixture(scope="session")
def live_server(dataset):
    """The real app (``create_app``) served by werkzeug on a free port in a thread."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    app = create_app(dataset=dataset, settings=Settings())  # defaults, whatever the env says
    server = make_server(HOST, 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://{HOST}:{server.server_port}", app)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


# -- the browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - requirements-test.txt installs it
        pytest.fail(f"the playwright Python package is missing ({exc}): "
                    "pip install -r requirements-test.txt", pytrace=False)
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                                 args=CHROMIUM_ARGS)
        except Exception as exc:
            pytest.fail(f"could not start {executable}: {exc}\n{INSTALL_HINT}", pytrace=False)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class BrowserLog:
    """What a page did that a test must not ignore."""

    errors: list[str] = field(default_factory=list)      # console.error, incl. CSP violations
    warnings: list[str] = field(default_factory=list)    # console.warn, Plotly "WARN:" traces
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions
    outside: list[str] = field(default_factory=list)     # requests that tried to leave 127.0.0.1
    in_flight: int = 0

    def on_console(self, message) -> None:
        text = message.text
        if message.type == "error":
            self.errors.append(text)
        elif message.type == "warning" or (message.type == "trace" and text.startswith("WARN")):
            # Plotly reports its warnings with console.trace("WARN: ...")
            self.warnings.append(text)

    def problems(self, warnings: bool = False) -> list[str]:
        found = [f"console error: {e}" for e in self.errors]
        found += [f"page error: {e}" for e in self.page_errors]
        found += [f"request left {HOST} (aborted): {u}" for u in self.outside]
        if warnings:
            found += [f"console warning: {w}" for w in self.warnings]
        return found

    def assert_clean(self, warnings: bool = False) -> None:
        problems = self.problems(warnings)
        assert not problems, "the page was not clean:\n  " + "\n  ".join(problems)


def block_outside(context, log: BrowserLog) -> None:
    """Abort, and record in ``log``, every request of ``context`` that leaves 127.0.0.1."""

    def guard(route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            log.outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)


@pytest.fixture
def outside_guard(log):
    """``outside_guard(context)``: the same offline guard, for tests that make their own context."""
    return lambda context: block_outside(context, log)


@pytest.fixture
def log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def page(browser, live_server, log):
    """A fresh browser context and page on the live server, recording everything in ``log``."""
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="en-US",
                                  service_workers="block", accept_downloads=True)
    context.set_default_timeout(10_000)

    def started(_request):
        log.in_flight += 1

    def ended(_request):
        log.in_flight -= 1

    block_outside(context, log)
    page = context.new_page()
    page.on("console", log.on_console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def settle(page, log):
    """``settle()`` waits until the page has made no request for a moment (callbacks done)."""
    return lambda: _settle(page, log)


def _settle(page, log: BrowserLog, quiet_ms: int = 300, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        if log.in_flight <= 0:
            quiet_since = quiet_since or time.monotonic()
            if (time.monotonic() - quiet_since) * 1000 >= quiet_ms:
                return
        else:
            quiet_since = None
        page.wait_for_timeout(50)
    raise AssertionError(f"the page still had {log.in_flight} request(s) in flight after {timeout_s} s")
