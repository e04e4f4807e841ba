"""Server requests per year step, by input: a key, the previous/next buttons, a click on the
year chart, and Play; and per filter change, for comparison.

    .venv/bin/python bench/requests_per_step.py [--steps 6]

Serves the app in this process (Werkzeug, 127.0.0.1), drives Debian's Chromium, and counts
the ``POST /_dash-update-component`` each input causes once the page is quiet again. Prints
a table: input, steps, requests per step (min / max).
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dashboard import create_app, ids  # noqa: E402
from dashboard.config import Settings  # noqa: E402
from tools.chromium import CHROMIUM, CHROMIUM_ARGS, HOST, VIEWPORT  # noqa: E402


def quiet(page, posts: list, ms: int = 400, limit_ms: int = 10_000) -> None:
    """Wait until no request has been made for ``ms``."""
    seen, still, waited = -1, 0, 0
    while still < ms and waited < limit_ms:
        page.wait_for_timeout(50)
        waited += 50
        still = still + 50 if len(posts) == seen else 0
        seen = len(posts)


def count(page, act, steps: int) -> list[int]:
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    quiet(page, posts)
    per_step = []
    for _ in range(steps):
        before = len(posts)
        act()
        quiet(page, posts)
        per_step.append(len(posts) - before)
    return per_step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=6)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = create_app(settings=Settings())
    server = make_server(HOST, 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://{HOST}:{server.server_port}"
    inputs = {
        "→ key on the year control": lambda p: (p.locator(f"#{ids.YEARS}").focus(), p.keyboard.press("ArrowRight")),
        "next-year button": lambda p: p.locator(f"#{ids.YEAR_NEXT}").click(),
        "click on the year chart": lambda p: p.locator(f"#{ids.BARS} .barlayer .point path").nth(
            5 + p.evaluate("() => (window.__n = (window.__n || 0) + 1)") % 20).click(force=True),
        "Play (one tick)": None,
        "port filter (for comparison)": lambda p: p.locator(".control.ports button").nth(
            1 + p.evaluate("() => (window.__m = (window.__m || 0) + 1)") % 3).click(),
    }
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, act in inputs.items():
                page = browser.new_page(viewport=VIEWPORT)
                page.goto(base + "/?from=1960&to=1960")
                page.locator(f"#{ids.MAP} path.choroplethlocation").first.wait_for()
                if act is None:   # Play: count the requests while the readout changes, tick by tick
                    posts: list[str] = []
                    page.on("request", lambda r, posts=posts: posts.append(r.url) if r.method == "POST" else None)
                    quiet(page, posts)
                    start = len(posts)
                    page.locator(f"#{ids.PLAY}").click()
                    readout = page.locator(f"#{ids.YEAR_READOUT}")
                    shown = readout.inner_text()
                    for _ in range(args.steps):
                        page.wait_for_function("([el, t]) => el.textContent !== t", arg=[readout.element_handle(), shown])
                        shown = readout.inner_text()
                    page.locator(f"#{ids.PLAY}").click()
                    quiet(page, posts)
                    per = [round((len(posts) - start) / args.steps, 2)]
                else:
                    per = count(page, lambda: act(page), args.steps)
                rows.append((name, args.steps, min(per), max(per)))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    print("| input | steps | server requests a step (min) | (max) |")
    print("|---|---|---|---|")
    for name, steps, low, high in rows:
        print(f"| {name} | {steps} | {low} | {high} |")


if __name__ == "__main__":
    main()
