"""The printable handout (a teacher's A4 or Letter sheet, ``/handout``): opened from the
"Cite & print" tab, it holds the view's summary, its map and year chart drawn on the server,
the figures, the sources and the citation, and no control; a story prints stop by stop, each
note as its author's words; headless Chromium makes real PDFs of it.

Expected texts come from the project's functions (``summary_sentence``), never typed in.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import ids, stories
from dashboard.state import parse_query
from dashboard.summary import summary_sentence

pytestmark = pytest.mark.browser

QUERY = "?from=1960&to=1960"
# PDF page sizes in points (1/72 in): A4 is 210 × 297 mm, Letter 8.5 × 11 in
PAGE_SIZES = {"A4": (595.92, 842.88), "Letter": (612.0, 792.0)}


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """The (width, height) of each page of a PDF written by Chromium (page objects are not
    compressed, so a plain search finds them)."""
    assert data.startswith(b"%PDF-"), data[:16]
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    boxes = [tuple(float(v) for v in m.groups()) for m in
             re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]
    assert pages >= 1 and len(boxes) >= pages, (pages, boxes[:3])
    return boxes[:pages]


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_the_cite_tab_opens_the_handout_of_the_view(page, log, settle, dataset, context, lang):
    query = f"{QUERY}&lang={lang}"
    page.goto("/" + query)
    page.locator(".tablist [role=tab]").last.click()   # "Cite & print"
    link = page.locator(f"#{ids.HANDOUT}")
    with page.context.expect_page() as opened:
        link.click()
    handout = opened.value
    handout.wait_for_load_state()
    state, _ = parse_query(query, context)
    expect(handout.locator(".summary")).to_have_text(summary_sentence(dataset, state))
    expect(handout.locator("svg.static-map")).to_be_visible()
    expect(handout.locator("svg.handout-chart")).to_be_visible()
    expect(handout.locator(".flows-table tbody tr").first).to_be_visible()
    expect(handout.locator(".sources li").first).to_be_visible()
    expect(handout.locator(".citation")).to_contain_text("from=1960&to=1960")
    assert handout.locator("html").get_attribute("lang") == lang
    handout.emulate_media(media="print")
    assert handout.locator("button, input, select, script").count() == 0
    expect(handout.locator(".screen-only")).to_be_hidden()
    settle()
    log.assert_clean()


def test_pdf_handout_on_a4_and_letter(page, log):
    page.goto("/handout" + QUERY)
    for paper, (width, height) in PAGE_SIZES.items():
        pages = pdf_pages(page.pdf(format=paper, print_background=True))
        for w, h in pages:
            assert abs(w - width) < 1 and abs(h - height) < 1, (paper, pages)
        assert 1 <= len(pages) <= 4, f"{paper}: {len(pages)} pages"
    log.assert_clean()


def test_a_story_prints_stop_by_stop_with_its_notes_as_text(page, log, dataset, context):
    note = "<img src=x onerror=alert(1)> Why 1960?"
    story = stories.Story("Lesson", (stories.StoryStop("from=1960&to=1960", note),
                                     stories.StoryStop("from=1971&to=1971&port=niigata", "Which port?")))
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto("/handout?story=" + stories.encode(story))
    assert response is not None and response.status == 200
    expect(page.locator(".story-title")).to_have_text("Lesson")
    stops = page.locator("section.stop")
    expect(stops).to_have_count(2)
    for n, (view, text) in enumerate((("?from=1960&to=1960", note), ("?from=1971&to=1971&port=niigata", "Which port?"))):
        expect(stops.nth(n).locator(".note blockquote")).to_have_text(text)
        expect(stops.nth(n).locator(".summary")).to_have_text(summary_sentence(dataset, parse_query(view, context)[0]))
    assert page.locator(".note img").count() == 0 and dialogs == []
    pages = pdf_pages(page.pdf(format="A4"))
    assert len(pages) >= 2   # each stop starts a page
    log.assert_clean()
