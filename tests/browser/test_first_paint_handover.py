"""The first screen the server paints, and the handover to the live page: the title, the
summary, the map and the timeline strip are in the same boxes before Dash mounts (the page
with no script run) and after (the live page, once the static copy has given way); the
summary says the same; nothing shifts on the way."""

from __future__ import annotations

import pytest

from dashboard.profiles import LAYOUTS
from tests.browser.browserkit import guarded_page

pytestmark = pytest.mark.browser

BOXES = """(root) => {
  const r = document.querySelector(root);
  const box = s => { const e = r.querySelector(s); if (!e) { return null; }
    const b = e.getBoundingClientRect(); return [b.x, b.y, b.width, b.height].map(Math.round); };
  const summary = r.querySelector('.summary');
  return {title: box('h1'), summary: box('.summary'), map: box('.map-block'), strip: box('.timeline-strip'),
          text: summary ? summary.textContent : null};
}"""
# the sum of the page's layout shifts, as the Layout Instability API reports them
SHIFTS = """() => new Promise(done => {
  let sum = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) { sum += e.value; } } })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(sum), 300);
})"""
CASES = [("explore", ""), ("explore", "lang=ja&from=1960&to=1960&port=niigata"), ("phone", "lang=ko"),
         ("kiosk-landscape", "mode=kiosk&lang=ja&idle=600&dwell=600"), ("projector", "from=1975&to=1975")]


@pytest.mark.parametrize("layout, query", CASES)
def test_nothing_moves_when_dash_takes_over(browser, live_server, layout, query):
    width, height, _ = LAYOUTS[layout]
    url = "/?" + query if query else "/"
    problems: list[str] = []
    static = guarded_page(browser, live_server.url, problems, viewport={"width": width, "height": height},
                          java_script_enabled=False)
    try:
        static.goto(url)
        static.evaluate("() => document.fonts.ready")
        before = static.evaluate(BOXES, ".first-paint")
    finally:
        static.context.close()
    page = guarded_page(browser, live_server.url, problems, viewport={"width": width, "height": height})
    try:
        page.goto(url)
        page.wait_for_function("() => !document.querySelector('.first-paint')", timeout=30_000)
        page.locator("#map .js-plotly-plot .choroplethlocation").first.wait_for()
        page.evaluate("() => document.fonts.ready")
        after = page.evaluate(BOXES, "#react-entry-point")
        shifted = page.evaluate(SHIFTS)
    finally:
        page.context.close()
    assert not problems
    assert before["text"] and before["text"] == after["text"]
    for part in ("title", "summary", "map", "strip"):
        assert before[part] and after[part], part
        assert all(abs(a - b) <= 1 for a, b in zip(before[part], after[part])), (part, before[part], after[part])
    assert shifted <= 0.05
