"""The browser side of the benchmarks: Debian's headless Chromium driven by Playwright.

Every page aborts any request that does not go to 127.0.0.1; every wait has a timeout.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from urllib.parse import urlsplit

from .common import CHROMIUM, CHROMIUM_ARGS, HOST, UPDATE_PATH, VIEWPORT, summarize

APP_MAP_DRAWN = "#map .js-plotly-plot .choroplethlocation"
#: the minimal page has no trace to draw: its geo subplot's layers exist once Plotly has laid
#: the subplot out with its base map (after the topojson has arrived)
MINIMAL_MAP_DRAWN = ".js-plotly-plot .geo .layer.bg"
YEAR_CONTROL = "#year-slider"  # the year chart's frame: role=slider, keyboard (assets/app.js)

# Installed before any page script: the time (performance.now(), ms since navigation start)
# at which a selector first matches.
_DRAWN_OBSERVER = """
(selector) => {
  const check = () => {
    if (window.__benchDrawnAt === undefined && document.querySelector(selector)) {
      window.__benchDrawnAt = performance.now();
      return true;
    }
    return window.__benchDrawnAt !== undefined;
  };
  const start = () => {
    if (check()) return;
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document.documentElement, {childList: true, subtree: true});
  };
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start, {once: true});
}
"""


@contextmanager
def chromium():
    """(playwright, browser) for Debian's Chromium; never downloads a browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def _local_only(route) -> None:
    host = urlsplit(route.request.url).hostname
    if host in (HOST, "localhost") or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


class NetworkTracker:
    """Counts a page's requests in flight, to wait until it has been quiet for a while."""

    def __init__(self, page):
        self.page = page
        self.inflight = 0
        self.last_change = time.monotonic()
        self.failed: list[str] = []
        self.update_errors: list[str] = []
        page.on("request", self._start)
        page.on("requestfinished", self._finish)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)

    def _start(self, request):
        self.inflight += 1
        self.last_change = time.monotonic()

    def _finish(self, request):
        self.inflight = max(0, self.inflight - 1)
        self.last_change = time.monotonic()

    def _failed(self, request):
        self._finish(request)
        self.failed.append(request.url)

    def _response(self, response):
        if UPDATE_PATH in response.url and response.status >= 400:
            self.update_errors.append(f"{response.status} {response.url}")

    def wait_quiet(self, quiet: float = 0.3, timeout: float = 15.0) -> bool:
        """Until no request has been in flight for ``quiet`` seconds (or ``timeout``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.inflight == 0 and time.monotonic() - self.last_change >= quiet:
                return True
            self.page.wait_for_timeout(50)
        return False


def new_page(browser, **context_options):
    context = browser.new_context(**{"viewport": VIEWPORT, **context_options})
    context.route("**/*", _local_only)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


# -- recording the bodies -----------------------------------------------------------------


def _steps(page, tracker):
    """The interactions recorded: (label, action). Each runs on the page as it is left by the
    one before; an action that fails is reported and skipped."""

    def goto(query):
        def action():
            page.goto(url + query)
            page.wait_for_selector(APP_MAP_DRAWN)
        return action

    def keys(key, times):
        def action():
            for _ in range(times):
                page.locator(YEAR_CONTROL).focus()
                page.keyboard.press(key)
                tracker.wait_quiet()
        return action

    def click(selector, times=1):
        def action():
            for _ in range(times):
                page.locator(selector).first.click()
                tracker.wait_quiet()
        return action

    def click_point(selector, index):
        def action():
            points = page.locator(selector)
            box = points.nth(min(index, points.count() - 1)).bounding_box()
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        return action

    def type_region(option_index):
        def action():
            text = page.evaluate(
                "(i) => { const o = document.querySelectorAll('#region-options option');"
                " return o.length ? o[Math.min(i, o.length - 1)].value : 'Niigata'; }", option_index)
            for value in (text, ""):  # pick a region, then clear the box
                page.fill("#region-input", value)
                page.press("#region-input", "Enter")
                tracker.wait_quiet()
        return action

    def play(seconds):
        def action():
            page.click("#play-button")
            page.wait_for_timeout(int(seconds * 1000))
            page.click("#play-button")
        return action

    url = page.url.split("?")[0]
    sort = "[id='{\"column\":\"%s\",\"type\":\"table-sort\"}']"
    port_button = ".control.ports button"
    layer_button = ".control.layers button"
    return [
        ("open /", goto("")),
        ("year control: ArrowRight x2", keys("ArrowRight", 2)),
        ("year control: Shift+ArrowRight (a range)", keys("Shift+ArrowRight", 1)),
        ("region: pick one, then clear", type_region(12)),
        ("port: pick one", click(f"{port_button} >> nth=2")),
        ("layer: 1945", click(f"{layer_button} >> nth=1")),
        ("layer: today", click(f"{layer_button} >> nth=0")),
        ("clear filters", click(".filters .button.clear")),
        ("port: all ports", click(f"{port_button} >> nth=0")),
        ("map: click a port", click_point("#map .scatterlayer .trace .point", 3)),
        ("chart: click a year", click_point("#year-chart .barlayer .point", 12)),
        ("table: sort by persons x2", click(sort % "persons", 2)),
        ("table: sort by year", click(sort % "year")),
        ("reset map", click("#reset-map")),
        ("tour: start", click("#tour-start")),
        ("tour: next x3", click("#tour-next", 3)),
        ("tour: previous", click("#tour-prev")),
        ("tour: jump", click(".tour-jumps button >> nth=2")),
        ("tour: exit", click("#tour-exit")),
        ("play: two ticks", play(3.6)),
        ("open ?lang=ja&from=1960&to=1961&region=JP-15", goto("?lang=ja&from=1960&to=1961&region=JP-15")),
        ("open ?lang=ko&layer=1945&port=niigata", goto("?lang=ko&layer=1945&port=niigata")),
        ("open ?mode=kiosk", goto("?mode=kiosk")),
        ("open ?from=1950&region=nowhere (ignored values)", goto("?from=1950&region=nowhere")),
    ]


def record_bodies(browser, base_url: str, log=print) -> tuple[list[dict], list[str]]:
    """Drive the real page and keep every callback request the browser sends:
    [{"step", "path", "output", "body"}], and the steps that failed."""
    context, page = new_page(browser)
    recorded: list[dict] = []
    state = {"step": "open /"}

    def on_request(request):
        if UPDATE_PATH in request.url and request.method == "POST" and request.post_data:
            body = json.loads(request.post_data)
            parts = urlsplit(request.url)
            recorded.append({"step": state["step"], "path": parts.path + ("?" + parts.query if parts.query else ""),
                             "output": body["output"], "body": body})

    page.on("request", on_request)
    tracker = NetworkTracker(page)
    failed: list[str] = []
    try:
        page.goto(base_url + "/")
        page.wait_for_selector(APP_MAP_DRAWN)
        tracker.wait_quiet()
        steps = _steps(page, tracker)[1:]  # "open /" is done
        for label, action in steps:
            state["step"] = label
            try:
                action()
                tracker.wait_quiet(quiet=0.6)  # Plotly holds a click ~0.3 s (double-click?)
            except Exception as exc:  # noqa: BLE001 - a step that cannot run is reported
                failed.append(f"{label}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
                log(f"  recording step failed: {failed[-1]}")
                tracker.wait_quiet()
    finally:
        context.close()
    return recorded, failed


# -- time to map ------------------------------------------------------------------------

def open_to_map(browser, url: str, drawn_selector: str, reps: int, deadline: float) -> dict:
    """Navigation start -> the map's selector first matches (ms, in the page's own clock),
    each time in a fresh context (empty cache, as a first visit)."""
    samples, errors = [], []
    for _ in range(reps):
        if time.monotonic() > deadline:
            break
        context, page = new_page(browser)
        try:
            page.add_init_script(script=f"({_DRAWN_OBSERVER})({json.dumps(drawn_selector)})")
            page.goto(url)
            page.wait_for_function("() => window.__benchDrawnAt !== undefined", timeout=60_000)
            samples.append(page.evaluate("window.__benchDrawnAt"))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
        finally:
            context.close()
    return {**summarize(samples), "samples_ms": samples, "errors": errors}


_STEP_LISTENERS = """
() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const summary = document.querySelector('#summary');
  if (!gd || !summary || !gd.on) return false;
  window.__bench = {key: null, afterplot: null, summary: null};
  gd.on('plotly_afterplot', () => {
    if (window.__bench.key !== null && window.__bench.afterplot === null) window.__bench.afterplot = performance.now();
  });
  new MutationObserver(() => {
    if (window.__bench.key !== null && window.__bench.summary === null) window.__bench.summary = performance.now();
  }).observe(summary, {childList: true, subtree: true, characterData: true});
  document.addEventListener('keydown', () => {
    window.__bench = {key: performance.now(), afterplot: null, summary: null,
                      before: JSON.parse(JSON.stringify(gd.data))};
  }, {capture: true});
  return true;
}
"""

# Plotly's own redraw of the change the step just made, on the same graph: put the map back
# to the data it showed before the key press (untimed), then Plotly.react to the data after
# it, where only the traces and attributes the step changed are new objects (as a Dash
# Patch leaves them), timed to the next plotly_afterplot.
_PLOTLY_REDRAW = """
async () => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const after = JSON.parse(JSON.stringify(gd.data));
  const before = window.__bench.before;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  await window.Plotly.react(gd, before, gd.layout);
  const next = before.map((trace, i) => {
    if (same(trace, after[i])) return trace;
    const copy = Object.assign({}, trace);
    Object.keys(after[i]).forEach(k => { if (!same(trace[k], after[i][k])) copy[k] = after[i][k]; });
    return copy;
  });
  if (next.every((t, i) => t === before[i])) return null;   // nothing to redraw
  return await new Promise(resolve => {
    let start = 0;
    const done = () => { gd.removeListener('plotly_afterplot', done); resolve(performance.now() - start); };
    gd.on('plotly_afterplot', done);
    start = performance.now();
    window.Plotly.react(gd, next, gd.layout);
  });
}
"""


def year_steps(browser, url: str, reps: int, deadline: float) -> dict:
    """Focus the year control, press ArrowRight (one year on): ms from the keydown to the
    map's ``plotly_afterplot`` (the map redrawn), and to the summary's change (the panels,
    which follow from the server). Beside each step, Plotly's own redraw of the same change
    on the same page (``_PLOTLY_REDRAW``). Steps that change nothing on the map (two years
    without a drawn flow) have no redraw to time and are left out of both."""
    samples, plotly, panels, errors = [], [], [], []
    context, page = new_page(browser)
    tracker = NetworkTracker(page)
    try:
        page.goto(url)
        page.wait_for_selector(APP_MAP_DRAWN)
        tracker.wait_quiet(quiet=0.5)
        if not page.evaluate(_STEP_LISTENERS):
            return {**summarize([]), "samples_ms": [], "errors": ["map graph or #summary not found"]}
        control = page.locator(YEAR_CONTROL)
        for _ in range(reps):
            if time.monotonic() > deadline:
                break
            if control.get_attribute("aria-valuenow") == control.get_attribute("aria-valuemax"):
                break
            old = page.inner_text("#summary")
            try:
                control.focus()
                page.keyboard.press("ArrowRight")
                try:
                    page.wait_for_function("() => window.__bench.afterplot !== null", timeout=3_000)
                except Exception:  # noqa: BLE001 - a step with nothing to redraw
                    tracker.wait_quiet(quiet=0.3)
                    continue
                page.wait_for_function("(old) => window.__bench.summary !== null && "
                                       "document.querySelector('#summary').innerText !== old", arg=old, timeout=20_000)
                times = page.evaluate("window.__bench")
                tracker.wait_quiet(quiet=0.3)  # the other panels finish before Plotly's own redraw
                own = page.evaluate(_PLOTLY_REDRAW)
                if own is None:
                    continue
                samples.append(times["afterplot"] - times["key"])
                panels.append(times["summary"] - times["key"])
                plotly.append(own)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
            tracker.wait_quiet(quiet=0.3)
    finally:
        context.close()
    return {**summarize(samples), "samples_ms": samples, "plotly_redraw": summarize(plotly),
            "plotly_samples_ms": plotly, "panels": summarize(panels), "errors": errors}


# -- the kiosk loop and the page's memory -------------------------------------------------


def _heap(cdp) -> dict:
    cdp.send("HeapProfiler.collectGarbage")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {"js_heap_used": metrics.get("JSHeapUsedSize"), "js_heap_total": metrics.get("JSHeapTotalSize"),
            "dom_nodes": metrics.get("Nodes"), "event_listeners": metrics.get("JSEventListeners"),
            "documents": metrics.get("Documents")}


def _is_tour_step(request) -> bool:
    """A tour stop the page moved to: the browser plays the tour itself (no request), but each
    stop opens a view, for which the page asks the server for the summary."""
    if UPDATE_PATH not in request.url or request.method != "POST" or not request.post_data:
        return False
    try:
        return json.loads(request.post_data).get("output", "").startswith("..summary.children")
    except ValueError:
        return False


def tour_loop_heap(browser, url: str, steps: int, interval: float, deadline: float,
                   checkpoints: int = 4, block_kiosk_js: bool = True) -> dict:
    """The tour stepped by clicking ``#tour-next`` ``steps`` times on one page that never
    reloads (``#tour-next`` wraps round after the last stop), one step at least every
    ``interval`` s, each waited for (the stop's position text and the view's callbacks).
    ``block_kiosk_js`` keeps assets/kiosk.js out, so that its attract loop (which would take
    our clicks for a visitor's, and reloads the page after each cycle) does not interfere.
    The JS heap (after a forced GC), DOM nodes and listeners at the start, at
    ``checkpoints`` points on the way and at the end."""
    context, page = new_page(browser)
    if block_kiosk_js:
        context.route("**/assets/kiosk.js*", lambda route: route.abort())
    tracker = NetworkTracker(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    samples, errors, done = [], [], 0
    reloads = []
    page.on("load", lambda _page: reloads.append(time.monotonic()))  # full loads, not pushState
    started = time.monotonic()
    try:
        page.goto(url)
        page.wait_for_selector(APP_MAP_DRAWN)
        tracker.wait_quiet(quiet=0.5)
        page.click("#tour-start")
        page.wait_for_function("() => document.querySelector('#tour-position').innerText.trim() !== ''")
        tracker.wait_quiet(quiet=0.3)
        samples.append({"step": 0, "seconds": time.monotonic() - started, **_heap(cdp)})
        marks = {round(steps * k / checkpoints) for k in range(1, checkpoints + 1)}
        for number in range(1, steps + 1):
            if time.monotonic() > deadline:
                errors.append(f"time limit reached after {done} steps")
                break
            step_start = time.monotonic()
            old = page.inner_text("#tour-position")
            try:
                page.click("#tour-next", timeout=10_000)
                page.wait_for_function("(old) => document.querySelector('#tour-position').innerText !== old",
                                       arg=old, timeout=10_000)
                tracker.wait_quiet(quiet=0.05, timeout=10)
                done += 1
            except Exception as exc:  # noqa: BLE001
                errors.append(f"step {number}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
                if len(errors) > 20:
                    break
            rest = interval - (time.monotonic() - step_start)
            if rest > 0:
                page.wait_for_timeout(int(rest * 1000))
            if number in marks:
                samples.append({"step": number, "seconds": time.monotonic() - started, **_heap(cdp)})
    finally:
        context.close()
    return {"steps_done": done, "seconds": time.monotonic() - started, "samples": samples,
            "errors": errors, "callback_http_errors": tracker.update_errors,
            "failed_requests": tracker.failed[:20], "page_loads": len(reloads),
            "kiosk_js_blocked": block_kiosk_js}


def kiosk_attract_heap(browser, url: str, seconds: float, checkpoints: int = 4) -> dict:
    """The kiosk's own attract loop (assets/kiosk.js), untouched (no input event is sent: a
    trusted one would end the loop), for ``seconds``: the tour steps it made (counted from its
    callback requests), the page loads (it reloads the start view after each full cycle),
    and the JS heap (after a forced GC) at the start and at ``checkpoints`` times."""
    context, page = new_page(browser)
    tracker = NetworkTracker(page)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    steps, loads, samples, errors = [], [], [], []
    page.on("request", lambda request: steps.append(time.monotonic()) if _is_tour_step(request) else None)
    page.on("load", lambda _page: loads.append(time.monotonic()))  # full loads, not pushState
    started = time.monotonic()
    state = None
    try:
        page.goto(url)
        page.wait_for_selector(APP_MAP_DRAWN)
        present = page.evaluate("() => [...document.scripts].some(s => (s.src || '').includes('kiosk.js'))")
        if not present:
            return {"kiosk_js_present": False, "samples": [], "errors": ["assets/kiosk.js is not on the page"]}
        page.wait_for_function("() => window.__kiosk && window.__kiosk.steps >= 1", timeout=30_000)
        tracker.wait_quiet(quiet=0.3)
        begin = time.monotonic()
        samples.append({"seconds": 0.0, "tour_steps": len(steps), "page_loads": len(loads), **_heap(cdp)})
        for k in range(1, checkpoints + 1):
            until = begin + seconds * k / checkpoints
            while time.monotonic() < until:
                page.wait_for_timeout(min(250, max(1, int((until - time.monotonic()) * 1000))))
            try:
                samples.append({"seconds": time.monotonic() - begin, "tour_steps": len(steps),
                                "page_loads": len(loads), **_heap(cdp)})
            except Exception as exc:  # noqa: BLE001 - e.g. measured during a reload
                errors.append(f"checkpoint {k}: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
        try:
            state = page.evaluate("() => window.__kiosk && window.__kiosk.state")
        except Exception:  # noqa: BLE001
            state = None
    finally:
        context.close()
    return {"kiosk_js_present": True, "seconds": time.monotonic() - started, "tour_steps": len(steps),
            "page_loads": len(loads), "final_state": state, "samples": samples, "errors": errors,
            "callback_http_errors": tracker.update_errors, "failed_requests": tracker.failed[:20]}


def record_page_bodies(browser, url: str, drawn_selector: str, clicks: str | None = None,
                       times: int = 0) -> list[dict]:
    """The callback requests of one page load (and of ``times`` clicks on ``clicks``)."""
    context, page = new_page(browser)
    recorded: list[dict] = []

    def on_request(request):
        if UPDATE_PATH in request.url and request.method == "POST" and request.post_data:
            body = json.loads(request.post_data)
            parts = urlsplit(request.url)
            recorded.append({"step": "open" if not recorded else "click",
                             "path": parts.path + ("?" + parts.query if parts.query else ""),
                             "output": body["output"], "body": body})

    page.on("request", on_request)
    tracker = NetworkTracker(page)
    try:
        page.goto(url)
        page.wait_for_selector(drawn_selector)
        tracker.wait_quiet()
        for _ in range(times):
            page.click(clicks)
            tracker.wait_quiet()
    finally:
        context.close()
    return recorded
