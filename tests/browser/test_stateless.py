"""Statelessness: one browser session served alternately by two separate server processes
(as behind a load balancer) gives exactly the results one server gives."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from dashboard.state import ViewState
from dashboard.summary import summary_sentence

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def two_servers():
    """Two `python app.py` processes on two ports: no shared memory, no shared anything."""
    procs, urls = [], []
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DEBUG": "0"}
    for _ in range(2):
        port = _free_port()
        procs.append(subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url, proc in zip(urls, procs):
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=2).read()
                    break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"server {url} did not start: {proc.stderr.read().decode()[-2000:]}")
                    time.sleep(0.3)
        yield urls
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
            proc.stderr.close()


def test_alternating_servers_give_the_same_view(browser, two_servers, dataset, log):
    first, second = two_servers
    served = {first: 0, second: 0}
    turn = {"n": 0}
    closing = {"now": False}
    session = browser.new_context(base_url=first, viewport={"width": 1400, "height": 1000})

    def alternate(route):
        """Send every Dash request to the two servers in turn, whatever the page asked."""
        request = route.request
        if "/_dash-" not in request.url:
            route.continue_()
            return
        target = (first, second)[turn["n"] % 2]
        turn["n"] += 1
        served[target] += 1
        path = request.url.split("/", 3)[3]
        try:
            route.fulfill(response=route.fetch(url=f"{target}/{path}"))
        except PlaywrightError:
            if not closing["now"]:
                raise  # only a request cut short by closing the page may fail

    session.route("**/*", alternate)
    page = session.new_page()
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("console", log.on_console)
    try:
        page.goto("/?from=1960&to=1960")
        summary = page.locator("#summary")
        expect(summary).to_have_text(summary_sentence(dataset, ViewState(1960, 1960)))
        handle = page.locator("#year-slider")  # the year chart: → is the next single year
        handle.focus()
        for year in (1961, 1962, 1963):
            handle.press("ArrowRight")
            # the URL and the summary for the year, whichever server answered
            expect(page).to_have_url(re.compile(rf"[?&]from={year}&to={year}(&|$)"))
            expect(summary).to_have_text(summary_sentence(dataset, ViewState(year, year)))
        page.goto("/?from=1959&to=1984&port=niigata")
        expect(summary).to_have_text(summary_sentence(dataset, ViewState(1959, 1984, port="niigata")))
        page.wait_for_load_state("networkidle")
    finally:
        closing["now"] = True
        session.close()
    assert served[first] >= 3 and served[second] >= 3, served
    log.assert_clean()
