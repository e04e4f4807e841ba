"""One screen, map first, on every device: the five layouts in English, Japanese and Korean.

explore 1440×900 and projector 1280×720 (the window, no page scroll, the map ≥ 50 % of it),
kiosk 1920×1080 and 1080×1920 (one screen, nothing scrolls, nothing cut off at an edge, the
map ≥ 60 %, the caption ≥ 32 px, every target ≥ 60 px), phone 390×844 (one column, nothing
wider than the screen, the map full width and ≥ half the screen's height, every target
≥ 24 px). Each page is opened once (module cache): no console error, no request leaving
127.0.0.1, and axe-core finds no serious or critical WCAG 2.2 AA violation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.profiles import LAYOUTS as SCREEN_LAYOUTS
from tests.browser.browserkit import QUIET, guarded_page
from tests.browser.test_a11y import TAGS, _axe_source

pytestmark = pytest.mark.browser

# the five layouts the screenshots show (name -> width, height, query); here the kiosk's tour
# is held on its first stop (dwell=600) so that it is measured as a visitor sees it
LAYOUTS = {name: (width, height, f"{query}&idle=600&dwell=600" if query else query)
           for name, (width, height, query) in SCREEN_LAYOUTS.items()}
from dashboard.state import LANGS  # noqa: E402
CASES = [(name, lang) for name in LAYOUTS for lang in LANGS]
ONE_SCREEN = ("explore", "projector", "kiosk-landscape", "kiosk-portrait")
KIOSK = ("kiosk-landscape", "kiosk-portrait")

MEASURE = """() => {
  const w = window.innerWidth, h = window.innerHeight;
  const shown = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden], .visually-hidden')
      && r.right > 0 && r.bottom > 0 && r.left < w && r.top < h; };
  const label = e => (e.id ? '#' + e.id : e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0])
    + ' "' + (e.textContent || '').trim().slice(0, 24) + '"';
  const map = document.getElementById('map').getBoundingClientRect();
  const visible = Math.max(0, Math.min(map.right, w) - Math.max(map.left, 0)) *
                  Math.max(0, Math.min(map.bottom, h) - Math.max(map.top, 0));
  // what a visitor can press: inline links inside running text are exempt (WCAG 2.5.8)
  const targets = Array.from(document.querySelectorAll(
      'button, a[href], input, select, summary, [role=slider], [role=tab], [tabindex="0"]'))
    .filter(e => !e.closest('svg') && shown(e) && !(e.tagName === 'A' && e.closest('p, li, td')))
    .map(e => { const r = e.getBoundingClientRect(); return [label(e), Math.round(r.width), Math.round(r.height)]; });
  // text that leaves the screen, or the box of an ancestor that clips it
  const cut = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('svg, .skip-link') || !shown(e)) continue;
    const own = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const r = e.getBoundingClientRect();
    let bad = r.left < -1 || r.top < -1 || r.right > w + 1 || r.bottom > h + 1;
    for (let a = e.parentElement; a && !bad; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      bad = r.left < b.left - 1 || r.top < b.top - 1 || r.right > b.right + 1 || r.bottom > b.bottom + 1;
    }
    if (bad || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'hidden') cut.push(label(e));
  }
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter(e => !e.closest('svg, .table-scroll, .skip-link') && shown(e) && e.getBoundingClientRect().right > w + 1)
    .map(label).slice(0, 8);
  // the map's own words (port names, the sea's two names, the "not recorded" note): each
  // must be visible, not under the legend, a card or a button laid over the map
  const hidden = [];
  for (const e of document.querySelectorAll('#map .scattergeo text, #map .annotation-text')) {
    const r = e.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0) || getComputedStyle(e).display === 'none' || e.closest('.annotation') &&
        getComputedStyle(e.closest('.annotation')).display === 'none') continue;
    const y = r.top + r.height / 2;
    for (const x of [r.left + 2, r.left + r.width / 2, r.right - 2]) {
      if (x < 0 || x > w || y < 0 || y > h) continue;
      const top = document.elementFromPoint(x, y);
      if (top && !top.closest('#map')) { hidden.push('"' + e.textContent.trim().slice(0, 30) + '" under ' + label(top)); break; }
    }
  }
  const caption = document.getElementById('tour-caption');
  return {w, h, hidden, mapShare: visible / (w * h), mapWidth: map.width, mapHeight: Math.min(map.bottom, h) - Math.max(map.top, 0),
          scrollWidth: document.scrollingElement.scrollWidth, scrollHeight: document.scrollingElement.scrollHeight,
          targets, cut, wide, langs: Array.from(document.querySelectorAll('.lang-switch a')).filter(shown).length, caption: caption ? parseFloat(getComputedStyle(caption).fontSize) : 0,
          captionShown: caption ? shown(caption) : false,
          table: !!document.querySelector('#flows-table table') && shown(document.querySelector('#flows-table')),
          downloads: Array.from(document.querySelectorAll('#download-csv, #download-geojson, #save-png')).filter(shown).length,
          readout: parseFloat(getComputedStyle(document.getElementById('year-readout')).fontSize),
          invite: shown(document.getElementById('kiosk-invite') || document.body) && !!document.getElementById('kiosk-invite')};
}"""


@dataclass
class Layout:
    m: dict
    violations: list[str]
    problems: list[str] = field(default_factory=list)


def _open(browser, base_url: str, name: str, lang: str) -> Layout:
    width, height, query = LAYOUTS[name]
    params = "&".join(p for p in (query, "" if lang == "en" else f"lang={lang}") if p)
    problems: list[str] = []
    page = guarded_page(browser, base_url, problems, viewport={"width": width, "height": height},
                        has_touch=name in KIOSK or name == "phone")
    context = page.context
    context.set_default_timeout(15_000)
    try:
        response = page.goto("/" + ("?" + params if params else ""))
        assert response is not None and response.status == 200
        expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(re.compile(r"\d"))
        page.locator(f"#{ids.MAP} path.choroplethlocation").first.wait_for()
        if name in KIOSK:
            expect(page.locator(f"#{ids.TOUR}")).to_have_class(re.compile(r"\bactive\b"))
            expect(page.locator(f"#{ids.TOUR_CAPTION}")).to_have_text(re.compile(r"\w"))
        page.wait_for_function(QUIET, polling=100)
        page.wait_for_timeout(300)  # Plotly's resize to the final layout
        measured = page.evaluate(MEASURE)
        page.add_script_tag(content=_axe_source())
        result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
        violations = [f"{v['impact']} {v['id']}: {v['help']}: {[' '.join(map(str, n['target'])) for n in v['nodes']][:3]}"
                      for v in result["violations"] if v.get("impact") in ("serious", "critical")]
        return Layout(measured, violations, problems)
    finally:
        context.close()


@pytest.fixture(scope="module")
def layout(browser, live_server):
    cache: dict[tuple[str, str], Layout] = {}

    def get(name: str, lang: str) -> Layout:
        if (name, lang) not in cache:
            cache[(name, lang)] = _open(browser, live_server.url, name, lang)
        return cache[(name, lang)]

    return get


@pytest.mark.parametrize("name, lang", CASES)
def test_nothing_wider_than_the_window(layout, name, lang):
    m = layout(name, lang).m
    assert m["scrollWidth"] <= m["w"], (m["scrollWidth"], m["wide"])
    assert not m["wide"], m["wide"]


@pytest.mark.parametrize("name, lang", [c for c in CASES if c[0] in ONE_SCREEN])
def test_one_screen_no_page_scroll(layout, name, lang):
    m = layout(name, lang).m
    assert m["scrollHeight"] <= m["h"], f"the page scrolls: {m['scrollHeight']} px in a {m['h']} px window"


@pytest.mark.parametrize("name, lang", CASES)
def test_nothing_laid_over_the_map_hides_its_words(layout, name, lang):
    """Port names, "Sea of Japan / East Sea" and the note that a blank region is unknown, not
    zero: never under the legend, the kiosk's card or a button."""
    assert not layout(name, lang).m["hidden"], layout(name, lang).m["hidden"]


@pytest.mark.parametrize("name, lang", CASES)
def test_map_takes_most_of_the_window(layout, name, lang):
    m = layout(name, lang).m
    if name in KIOSK:
        assert m["mapShare"] >= 0.60, m["mapShare"]
    elif name == "phone":
        assert m["mapWidth"] >= m["w"] - 1 and m["mapHeight"] >= m["h"] / 2, (m["mapWidth"], m["mapHeight"])
    else:
        assert m["mapShare"] >= 0.50, m["mapShare"]


@pytest.mark.parametrize("name, lang", [c for c in CASES if c[0] in KIOSK])
def test_kiosk_reads_from_a_distance_and_has_only_big_targets(layout, name, lang):
    m = layout(name, lang).m
    assert m["captionShown"] and m["caption"] >= 32, m["caption"]
    assert m["readout"] >= 64, m["readout"]     # the year, in very large numerals
    small = [t for t in m["targets"] if t[1] < 60 or t[2] < 60]
    assert not small, f"kiosk targets under 60 px: {small}"
    assert not m["table"] and m["downloads"] == 0, "no table and no downloads on a kiosk"
    assert not m["cut"], f"text cut off: {m['cut'][:6]}"
    assert m["langs"] == len(LANGS), "the languages are always there"


@pytest.mark.parametrize("lang", LANGS)
def test_kiosk_invites_a_touch_while_the_loop_plays(layout, lang):
    assert layout("kiosk-landscape", lang).m["invite"]


@pytest.mark.parametrize("lang", LANGS)
def test_phone_targets_are_at_least_24_px(layout, lang):
    small = [t for t in layout("phone", lang).m["targets"] if t[1] < 24 or t[2] < 24]
    assert not small, f"phone targets under 24 px: {small}"


@pytest.mark.parametrize("name, lang", CASES)
def test_clean_offline_and_accessible(layout, name, lang):
    result = layout(name, lang)
    assert result.problems == [], result.problems
    assert result.violations == [], "axe-core, serious or critical:\n  " + "\n  ".join(result.violations)
