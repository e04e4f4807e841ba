"""The printable handout of the current view (a teacher's A4 or Letter page): in print the
controls are gone and the map, year chart, summary, table, sources and citation remain; the
"Print handout" button opens the browser's print dialog; headless Chromium makes real PDFs.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.state import parse_query
from dashboard.summary import summary_sentence

pytestmark = pytest.mark.browser

QUERY = "?from=1960&to=1960"
# PDF page sizes in points (1/72 in): A4 is 210 × 297 mm, Letter 8.5 × 11 in
PAGE_SIZES = {"A4": (595.92, 842.88), "Letter": (612.0, 792.0)}
CONTROLS = (".controls", ".map-buttons", ".downloads", f"#{ids.COPY_CITATION}", f"#{ids.PRINT}",
            f"#{ids.REGION}", f"#{ids.PLAY}", f"#{ids.YEAR_PREV}", f"#{ids.LANG}", f"#{ids.RESET_MAP}",
            ".tablist")
HANDOUT = (f"#{ids.MAP} .main-svg", f"#{ids.BARS} .main-svg", f"#{ids.SUMMARY}",
           f"#{ids.TABLE} table", f"#{ids.SOURCES}", f"#{ids.CITATION}")
# every visible button in print, but the table's column headers (content, not controls),
# Plotly's mode bar (transparent until hovered, so never printed) and the year chart (its
# frame is the year control on screen: on paper it is the chart)
PRINTED_BUTTONS = """() => Array.from(document.querySelectorAll('button, a.button, [role=slider], input'))
  .filter(e => !e.closest('.flows-table thead, .modebar') && e.id !== 'year-slider')
  .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                 return r.width > 0 && r.height > 0 && s.visibility !== 'hidden'; })
  .map(e => e.id || e.className || e.tagName)"""


def open_handout(page, settle, query: str = QUERY) -> None:
    response = page.goto("/" + query)
    assert response is not None and response.status == 200
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(re.compile(r"\d"))
    page.locator(f"#{ids.MAP} path.choroplethlocation").first.wait_for()
    expect(page.locator(f"#{ids.TABLE} table")).to_be_attached()
    settle()


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """The (width, height) of each page of a PDF written by Chromium (page objects are not
    compressed, so a plain search finds them)."""
    assert data.startswith(b"%PDF-"), data[:16]
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    boxes = [tuple(float(v) for v in m.groups()) for m in
             re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]
    assert pages >= 1 and len(boxes) >= pages, (pages, boxes[:3])
    return boxes[:pages]


def test_print_shows_the_handout_and_hides_the_controls(page, log, settle, dataset, context):
    open_handout(page, settle)
    # the button asks the browser to print (stubbed: headless Chromium has no dialog)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator("#" + ids.tab_id("cite")).click()   # the "Cite & print" tab
    page.locator(f"#{ids.PRINT}").click()
    page.wait_for_function("() => window.__printed === 1")

    page.emulate_media(media="print")
    for selector in CONTROLS:
        expect(page.locator(selector).first, f"{selector} is printed").to_be_hidden()
    for selector in HANDOUT:
        expect(page.locator(selector).first, f"{selector} is missing from the handout").to_be_visible()
    state, _ = parse_query(QUERY, context)
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(summary_sentence(dataset, state))
    expect(page.locator(f"#{ids.CITATION}")).to_contain_text("from=1960&to=1960")
    expect(page.locator(f"#{ids.SOURCES}")).to_have_text(re.compile(r"\S"))
    expect(page.locator(f"#{ids.TABLE} tbody tr").first).to_be_visible()
    # the table is printed whole, not cut to its on-screen scroll box
    clipped = page.locator(f"#{ids.TABLE}").evaluate("e => e.scrollHeight > e.clientHeight + 1")
    assert not clipped, "the figures table is cut off in print"
    page.emulate_media(media="screen")
    log.assert_clean()


def test_pdf_handout_on_a4_and_letter(page, log, settle):
    open_handout(page, settle)
    for paper, (width, height) in PAGE_SIZES.items():
        pages = pdf_pages(page.pdf(format=paper, print_background=True))
        for w, h in pages:
            assert abs(w - width) < 1 and abs(h - height) < 1, (paper, pages)
        assert 1 <= len(pages) <= 12, f"{paper}: {len(pages)} pages"
    log.assert_clean()


def test_no_button_is_printed(page, log, settle):
    open_handout(page, settle)
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED_BUTTONS)
    assert printed == [], f"buttons on the printed handout: {printed}"
    log.assert_clean()
