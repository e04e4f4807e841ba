"""The kiosk (``?mode=kiosk``), in a real headless Chromium with a touch screen: the attract
loop, a touch, "Still there?", the reset to the start view and language, reduced motion,
the full-screen layouts, and recovery from a server outage or a stalled callback.

Short times keep it fast: ``idle=`` (seconds before "Still there?"), ``dwell=`` (seconds per
tour stop), ``health=`` (seconds between /healthz polls) and ``stall=`` (seconds a callback
may stay loading) are read by ``assets/kiosk.js`` from the start URL. Expected texts come from
the project's functions (``stop_state``, ``to_query``, ``t``), not typed in.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.i18n import t
from dashboard.state import to_query
from dashboard.summary import summary_sentence
from dashboard.tour import default_tour, stop_state
from tests.browser.browserkit import QUIET

pytestmark = pytest.mark.browser

LANDSCAPE = {"width": 1920, "height": 1080}
PORTRAIT = {"width": 1080, "height": 1920}
TOUR = default_tour()
STOPS = len(TOUR.stops)
KIOSK = "window.__kiosk"


@pytest.fixture
def kiosk(browser, live_server, log, outside_guard):
    """``kiosk(query, viewport=..., reduced_motion=..., quiet=...)`` opens a page in a fresh
    context with a touch screen, recording into ``log`` like the conftest's ``page``. Console
    errors for a URL ending in one of ``quiet`` are expected (an outage the test makes)."""
    contexts = []

    def open_kiosk(query: str, viewport=LANDSCAPE, reduced_motion=None, quiet=()):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="en-US",
                                      has_touch=True, service_workers="block",
                                      reduced_motion=reduced_motion or "no-preference")
        contexts.append(context)
        context.set_default_timeout(10_000)

        def on_console(message):
            where = (message.location or {}).get("url", "")
            if message.type == "error" and any(where.endswith(q) for q in quiet):
                return
            log.on_console(message)

        outside_guard(context)
        page = context.new_page()
        page.on("console", on_console)
        page.on("pageerror", lambda error: log.page_errors.append(str(error)))
        response = page.goto(query)
        assert response is not None and response.status == 200
        expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(re.compile(r"\d"))
        page.wait_for_function(f"() => {KIOSK} && {KIOSK}.state")   # kiosk.js has started
        return page

    yield open_kiosk
    for context in contexts:
        context.close()


def status(page) -> dict:
    return page.evaluate(f"() => Object.assign({{}}, {KIOSK})")


def wait_state(page, state: str, timeout_s: float = 10.0) -> dict:
    page.wait_for_function(f"() => {KIOSK} && {KIOSK}.state === {state!r}", timeout=timeout_s * 1000)
    return status(page)


def position(n: int, lang: str = "en") -> str:
    return t(lang, "tour_stop_of", n=n, total=STOPS)


# Records every (tour position, query, summary) the page shows, so that a test can see views
# that last only one dwell period without having to poll at the right moment.
RECORD = """() => {
  window.__seen = [];
  const record = () => {
    const text = id => (document.getElementById(id) || {}).textContent || '';
    const row = [text('tour-position'), location.search, text('summary')];
    const last = window.__seen[window.__seen.length - 1];
    if (!last || last.join('\\n') !== row.join('\\n')) { window.__seen.push(row); }
  };
  new MutationObserver(record).observe(document.body,
    {subtree: true, childList: true, characterData: true, attributes: true});
  record();
}"""


def wait_steps(page, steps: int, timeout_s: float = 10.0) -> float:
    """Wait until the attract loop has asked for ``steps`` stops; returns when (monotonic)."""
    page.wait_for_function(f"() => {KIOSK} && {KIOSK}.steps >= {steps}", timeout=timeout_s * 1000,
                           polling="raf")
    return time.monotonic()


def wait_dialog(page, timeout_s: float = 8.0) -> None:
    """Wait for "Still there?" (checked every frame: it lasts only seconds with a short idle)."""
    page.wait_for_function("() => { const o = document.getElementById('kiosk'); return o && !o.hidden; }",
                           timeout=timeout_s * 1000, polling="raf")
    expect(page.locator(f"#{ids.KIOSK}")).to_be_visible()


def snapshot(page) -> tuple:
    return (page.url, page.locator(f"#{ids.SUMMARY}").inner_text(),
            page.locator(f"#{ids.TOUR_POSITION}").inner_text())


def test_attract_loop_plays_the_tour_and_a_touch_stops_it(kiosk, log, dataset, context):
    page = kiosk("/?mode=kiosk&idle=60&dwell=1")
    page.evaluate(RECORD)
    wait_state(page, "attract")  # kiosk.js starts once the live page is there
    # the tour plays by itself: stop 1, then stop 2, each a view in the URL, with its summary
    wait_steps(page, 3)
    seen = [tuple(row) for row in page.evaluate("() => window.__seen")]
    for n in (0, 1):
        state = stop_state(TOUR.stops[n], context, "en", "kiosk")
        shown = (position(n + 1), to_query(state, context), summary_sentence(dataset, state))
        assert shown in seen, f"stop {n + 1} was never shown whole: {shown} not in {seen}"
    assert status(page)["state"] == "attract"

    # a touch on a neutral spot (the title) stops the loop at once
    box = page.locator("header h1").bounding_box()
    page.touchscreen.tap(box["x"] + 20, box["y"] + box["height"] / 2)
    assert wait_state(page, "visitor", 1)["state"] == "visitor"
    page.wait_for_timeout(400)  # a stop asked for just before the touch may still arrive
    before = snapshot(page)
    page.wait_for_timeout(2500)  # more than two dwell periods
    assert snapshot(page) == before, "the loop went on after a touch"
    assert status(page)["state"] == "visitor"
    log.assert_clean()


def test_still_there_continue_and_reset_to_the_start_view_and_language(kiosk, log, live_server):
    start = live_server.url + "/?mode=kiosk&idle=4&dwell=1"
    page = kiosk(start)
    wait_steps(page, 1)

    # a visitor switches to Japanese: the page reloads in Japanese, still the visitor's
    with page.expect_navigation():
        page.locator(".lang-switch a", has_text="日本語").click()
    expect(page.locator("main")).to_have_attribute("lang", "ja")
    assert "lang=ja" in page.url
    assert wait_state(page, "visitor", 3)["state"] == "visitor"
    overlay = page.locator(f"#{ids.KIOSK}")
    expect(overlay).to_be_hidden()
    visited = page.url
    page.wait_for_timeout(2200)  # more than two dwell periods: nothing moves by itself
    assert page.url == visited

    # after `idle` seconds without a touch: "Still there?", with a countdown, in Japanese
    wait_dialog(page)
    expect(page.locator("#kiosk-question")).to_have_text(t("ja", "kiosk_still_there"))
    parts = t("ja", "kiosk_countdown", seconds="{}").split("{}")
    pattern = "^" + r"\d+".join(re.escape(part) for part in parts) + "$"
    expect(page.locator("#kiosk-countdown")).to_have_text(re.compile(pattern))
    assert status(page)["state"] == "countdown"
    expect(page.locator(f"#{ids.KIOSK_CONTINUE}")).to_be_focused()

    # "Continue" dismisses it and leaves the visitor where they were
    page.locator(f"#{ids.KIOSK_CONTINUE}").click()
    expect(overlay).to_be_hidden()
    assert status(page)["state"] == "visitor"
    assert page.url == visited

    # with no answer the kiosk returns to its start URL and language, and the loop restarts
    wait_dialog(page)
    with page.expect_navigation(url=start, timeout=6000):
        pass
    expect(page.locator("main")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    after = wait_state(page, "attract", 3)
    assert after["lastReset"] == "idle", after
    wait_steps(page, 2)
    assert status(page)["state"] == "attract"
    log.assert_clean()


def test_reduced_motion_steps_through_still_views(kiosk, log):
    page = kiosk("/?mode=kiosk&idle=60&dwell=1", reduced_motion="reduce")
    info = status(page)
    assert info["reducedMotion"] is True and info["dwell"] == 2, info   # dwell doubled
    expect(page.locator("html")).to_have_class(re.compile(r"\bkiosk-reduced-motion\b"))
    first = wait_steps(page, 1)
    second = wait_steps(page, 2)
    assert second - first >= 1.5, f"a stop lasted {second - first:.1f} s, not the doubled dwell"
    expect(page.locator(f"#{ids.TOUR_POSITION}")).to_have_text(position(2))
    # no transition or animation anywhere: each stop is a still view
    moving = page.evaluate("""() => Array.from(document.querySelectorAll('main *')).filter(e => {
        const s = getComputedStyle(e);
        return s.transitionDuration.split(',').some(d => parseFloat(d) > 0) ||
               s.animationName.split(',').some(n => n.trim() !== 'none');
      }).slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    assert moving == [], moving
    assert status(page)["state"] == "attract"
    log.assert_clean()


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_full_screen_layout_and_touch_targets(kiosk, log, viewport):
    page = kiosk("/?mode=kiosk&idle=600&dwell=600", viewport=viewport)
    expect(page.locator(f"#{ids.TOUR}")).to_have_class(re.compile(r"\bactive\b"))  # tour buttons shown
    page.locator(f"#{ids.MAP} path.choroplethlocation").first.wait_for()

    # no Plotly toolbar
    assert page.locator(".modebar").evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().width > 0).length") == 0

    # no horizontal scrolling (tests/browser/test_layouts.py checks every edge)
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1], widths

    # the map, the year, the tour and "Start again" are on screen, without scrolling
    for selector in (f"#{ids.MAP}", f"#{ids.YEAR_READOUT}", f"#{ids.SUMMARY}", f"#{ids.TOUR_NEXT}",
                     f"#{ids.KIOSK_RESTART}"):
        expect(page.locator(selector)).to_be_in_viewport()

    # every visible button, link and slider is at least 60×60 px
    targets = page.evaluate("""() => Array.from(document.querySelectorAll('button, a.button, [role=slider]'))
        .map(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
          return {what: e.id || e.className || e.tagName, text: e.textContent.trim().slice(0, 30),
                  w: r.width, h: r.height,
                  shown: r.width > 0 && r.height > 0 && s.visibility !== 'hidden'}; })
        .filter(e => e.shown)""")
    assert len(targets) >= 8, targets   # 3 languages, 2 tour steps, 2 year steps, the years, start again
    small = [x for x in targets if x["w"] < 60 or x["h"] < 60]
    assert not small, f"touch targets under 60×60 CSS px: {small}"

    # readable from a distance
    sizes = page.evaluate("""() => Object.fromEntries(['#summary', '#tour-caption', '#year-readout', 'main', 'h1']
        .map(s => [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))""")
    assert sizes["#summary"] >= 24 and sizes["#tour-caption"] >= 32 and sizes["#year-readout"] >= 64, sizes
    assert sizes["main"] >= 18, sizes
    log.assert_clean()


def test_recovers_when_the_server_comes_back(kiosk, log, live_server):
    start = live_server.url + "/?mode=kiosk&idle=600&dwell=600&health=1"
    page = kiosk(start, quiet=("/healthz",))
    expect(page.locator(f"#{ids.TOUR_POSITION}")).to_have_text(position(1))
    expect(page).not_to_have_url(start)  # the tour moved the view: a reload will be seen

    page.route("**/healthz", lambda route: route.abort("connectionrefused"))
    page.wait_for_function(f"() => {KIOSK}.serverDown === true", timeout=5000)
    page.wait_for_timeout(1200)
    assert page.url != start, "the page must wait while the server is down"
    with page.expect_navigation(url=start, timeout=5000):
        page.unroute("**/healthz")
    info = wait_state(page, "attract")
    assert info["lastReset"] == "recovered", info
    log.assert_clean()


def test_reloads_when_a_callback_stalls(kiosk, log, live_server):
    start = live_server.url + "/?mode=kiosk&idle=600&dwell=600&stall=2"
    page = kiosk(start)
    expect(page.locator(f"#{ids.TOUR_POSITION}")).to_have_text(position(1))
    held, holding = [], [True]

    def hold(route):  # while holding, a callback request is never answered
        if holding[0]:
            held.append(route)
        else:
            route.fallback()

    page.route(re.compile(r"/_dash-update-component(\?|$)"), hold)
    page.locator(f"#{ids.TOUR_NEXT}").click()
    page.locator('[data-dash-is-loading="true"]').first.wait_for(timeout=3000)
    for _ in range(40):  # the route handler runs when Playwright next hears from the browser
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "no callback was held"
    holding[0] = False  # the page reloaded by the kiosk must work again
    with page.expect_navigation(url=start, timeout=6000):
        pass
    info = wait_state(page, "attract")
    assert info["lastReset"] == "stalled", info
    expect(page.locator(f"#{ids.TOUR_POSITION}")).to_have_text(position(1))
    log.assert_clean()


def test_links_that_would_leave_the_kiosk_do_nothing(kiosk, log):
    page = kiosk("/?mode=kiosk&idle=600&dwell=600")
    wait_steps(page, 1)  # the loop's first stop rebuilds the sources: wait for it to settle
    expect(page.locator(f"#{ids.TOUR}")).to_have_class(re.compile(r"\bactive\b"))
    page.wait_for_function(QUIET, polling=100)
    # the sources are not shown on a kiosk (no tabs): a link to another site, however it got
    # onto the page, is still held back by kiosk.js
    page.evaluate("""() => { const a = document.createElement('a'); a.href = 'https://example.org/';
                             a.id = 'outside-link'; a.textContent = 'outside';
                             document.querySelector('.summary').appendChild(a); }""")
    link = page.locator("#outside-link")
    before = page.url
    link.dispatch_event("click")
    page.wait_for_timeout(500)
    assert page.url == before
    assert log.outside == []
    log.assert_clean()


def test_start_again_returns_to_the_start_view(kiosk, log, live_server):
    start = live_server.url + "/?mode=kiosk&idle=600&dwell=600"
    page = kiosk(start)
    expect(page.locator(f"#{ids.KIOSK_INVITE}")).to_be_visible()      # the loop plays: "Touch to explore"
    page.locator(f"#{ids.YEAR_NEXT}").click()                           # a visitor steps a year
    assert wait_state(page, "visitor", 3)["state"] == "visitor"
    expect(page.locator(f"#{ids.KIOSK_INVITE}")).to_be_hidden()
    with page.expect_navigation(url=start, timeout=6000):
        page.locator(f"#{ids.KIOSK_RESTART}").click()
    after = wait_state(page, "attract", 5)
    assert after["lastReset"] == "restart", after
    log.assert_clean()
