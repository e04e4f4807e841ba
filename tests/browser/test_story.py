"""A teacher's story: built through the page (title, views, notes, reorder, remove), shared
as one link and played in a fresh browser; a link written by hand plays the same; markup in
a note stays text; a tampered link still draws the map and says what it ignored; the kiosk
plays a story in its loop.

Expected texts come from the project's functions (``summary_sentence``, ``t``), never typed in.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import ids, stories
from dashboard.i18n import t
from dashboard.state import ViewState
from dashboard.summary import summary_sentence

pytestmark = pytest.mark.browser

from dashboard.state import LANGS  # noqa: E402
NOTES = {"en": "Why was 1960 the peak?", "ja": "なぜ1960年が最多だったのか？", "ko": "왜 1960년이 가장 많았을까?"}
SECOND = {"en": "Which port is uncertain after 1971?", "ja": "1971年以降、どの港が不確かか？",
          "ko": "1971년 이후 어느 항구가 불확실한가?"}


def story_link(text: str) -> str:
    return re.sub(r"^https?://[^/]+", "", text)


def expect_stop(page, dataset, state: ViewState, note: str, n: int, total: int, lang: str) -> None:
    expect(page.locator(f"#{ids.TOUR}")).to_have_class(re.compile(r"\bactive\b.*\bstory\b"))
    expect(page.locator(f"#{ids.TOUR_NOTE}")).to_have_text(note)
    expect(page.locator(f"#{ids.TOUR_CAPTION}")).to_have_text(summary_sentence(dataset, state))
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(summary_sentence(dataset, state))
    expect(page.locator(f"#{ids.TOUR_POSITION}")).to_have_text(t(lang, "tour_stop_of", n=n, total=total))


def play(browser, live_server, outside_guard, link: str, check) -> None:
    """Open ``link`` in a new browser context (nothing shared with the builder's) and run ``check``."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1400, "height": 1000})
    outside_guard(context)
    dialogs = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        response = page.goto(link)
        assert response is not None and response.status == 200
        check(page)
    finally:
        context.close()
    assert dialogs == [], f"a dialog opened: {dialogs}"


@pytest.mark.parametrize("lang", LANGS)
def test_build_a_story_copy_its_link_and_play_it_elsewhere(page, log, settle, dataset, lang, browser,
                                                           live_server, outside_guard):
    page.goto(f"/?from=1960&to=1960&lang={lang}")
    builder = page.locator(".story-builder")
    builder.locator("summary").click()
    page.locator(f"#{ids.STORY_TITLE}").fill("Lesson 1")
    page.locator(f"#{ids.STORY_TITLE}").press("Tab")
    page.locator(f"#{ids.STORY_NOTE}").fill(NOTES[lang])
    page.locator(f"#{ids.STORY_ADD}").click()
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(1)
    expect(page.locator(f"#{ids.STORY_NOTE}")).to_have_value("")

    # a second view, by keyboard: the year control's End key, then the note and Enter on the button
    page.locator(f"#{ids.YEAR_NEXT}").click()
    expect(page).to_have_url(re.compile(r"[?&]from=1961&to=1961(&|$)"))
    page.locator(f"#{ids.STORY_NOTE}").fill("scratch")
    page.locator(f"#{ids.STORY_ADD}").focus()
    page.keyboard.press("Enter")
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(2)
    # a third, then reorder and remove: the list follows
    page.locator(f"#{ids.YEAR_NEXT}").click()
    page.locator(f"#{ids.STORY_NOTE}").fill(SECOND[lang])
    page.locator(f"#{ids.STORY_ADD}").click()
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(3)
    remove_second = page.locator(f"#{ids.STORY_STOPS} li").nth(1).get_by_role(
        "button", name=f"{t(lang, 'story_remove')}: {t(lang, 'story_stop_label', n=2)}")
    remove_second.click()
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(2)
    page.locator(f"#{ids.STORY_STOPS} li").nth(1).get_by_role(
        "button", name=f"{t(lang, 'story_up')}: {t(lang, 'story_stop_label', n=2)}").click()
    expect(page.locator(f"#{ids.STORY_STOPS} li").first).to_contain_text(SECOND[lang])
    page.locator(f"#{ids.STORY_STOPS} li").first.get_by_role(
        "button", name=f"{t(lang, 'story_down')}: {t(lang, 'story_stop_label', n=1)}").click()
    expect(page.locator(f"#{ids.STORY_STOPS} li").first).to_contain_text(NOTES[lang])
    expect(page.locator(f"#{ids.STORY_COUNT}")).to_have_text(t(lang, "story_count", n=2, max=stories.MAX_STOPS))

    # "Copy link" copies the link box's text
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    link_box = page.locator(f"#{ids.STORY_LINK}")
    expect(link_box).to_have_value(re.compile(r"story="))
    page.locator(".story-copy").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == link_box.input_value()
    settle()
    log.assert_clean()

    def check(other):
        expect(other.locator(f"#{ids.TOUR} h2")).to_have_text("Lesson 1")
        expect_stop(other, dataset, ViewState(1960, 1960, lang=lang), NOTES[lang], 1, 2, lang)
        other.locator(f"#{ids.TOUR_NEXT}").click()
        expect_stop(other, dataset, ViewState(1962, 1962, lang=lang), SECOND[lang], 2, 2, lang)
        expect(other).to_have_url(re.compile(r"[?&]story="))

    play(browser, live_server, outside_guard, story_link(copied), check)


def test_a_story_written_by_hand_plays_and_its_markup_stays_text(browser, live_server, outside_guard, dataset, context):
    note = "<img src=x onerror=alert(1)> Look at <b>Niigata</b>"
    story = stories.Story("By hand", (stories.StoryStop("from=1959&to=1959&port=niigata", note),
                                      stories.StoryStop("from=1967&to=1970", "A pause")))
    code = stories.encode(story)   # the documented format: base64url of the JSON, no padding
    assert "=" not in code

    def check(page):
        expect_stop(page, dataset, ViewState(1959, 1959, port="niigata"), note, 1, 2, "en")
        assert page.locator(f"#{ids.TOUR_NOTE} img").count() == 0
        page.locator(f"#{ids.TOUR_NEXT}").click()
        state = ViewState(1967, 1970)
        expect_stop(page, dataset, state, "A pause", 2, 2, "en")

    play(browser, live_server, outside_guard, "/?story=" + code, check)


def test_a_tampered_story_link_still_draws_the_map_and_says_what_it_ignored(browser, live_server, outside_guard, dataset):
    good = stories.encode(stories.Story("Half", (stories.StoryStop("from=1960&to=1960", "kept"),)))
    bad_stop = stories.encode(stories.Story("Half", (stories.StoryStop("from=1960&to=1960", "kept"),
                                                    stories.StoryStop("from=1850&port=atlantis", "gone"))))
    for link, notice in (("/?story=" + good[:-7] + "!!!", t("en", "story_unreadable")),
                         ("/?story=" + bad_stop, t("en", "story_stop_ignored", n=2))):
        def check(page, notice=notice):
            page.locator(f"#{ids.MAP} path.choroplethlocation").first.wait_for()
            expect(page.locator(f"#{ids.NOTICES}")).to_contain_text(notice)
        play(browser, live_server, outside_guard, link, check)


def test_the_kiosk_plays_a_story_in_its_loop(browser, live_server, outside_guard, dataset):
    story = stories.Story("Kiosk", (stories.StoryStop("from=1960&to=1960", "One"),
                                    stories.StoryStop("from=1971&to=1971", "Two")))

    def check(page):
        # the attract loop starts the story by itself and moves to the next stop
        expect(page.locator(f"#{ids.TOUR_NOTE}")).to_have_text("One", timeout=15_000)
        expect(page.locator(f"#{ids.TOUR_NOTE}")).to_have_text("Two", timeout=15_000)
        expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(summary_sentence(dataset, ViewState(1971, 1971, mode="kiosk")))

    play(browser, live_server, outside_guard, "/?mode=kiosk&idle=5&dwell=3&story=" + stories.encode(story), check)


def test_a_story_file_downloads_and_opens_back(page, log, settle, tmp_path):
    """"Download as a file" gives the story's YAML; "Open a story file" reads one back."""
    page.goto("/?from=1960&to=1960")
    page.locator(".story-builder summary").click()
    page.locator(f"#{ids.STORY_NOTE}").fill("From a file")
    page.locator(f"#{ids.STORY_ADD}").click()
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(1)
    with page.expect_download() as download:
        page.locator(f"#{ids.STORY_DOWNLOAD}").click()
    saved = tmp_path / "story.yaml"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "From a file" in text
    # a second stop in the file, then open it: the builder shows both
    saved.write_text(text + "- view: {from: 1971, to: 1971}\n  note: Added by hand\n", encoding="utf-8")
    page.locator(f"#{ids.STORY_UPLOAD} input[type=file]").set_input_files(str(saved))
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(2)
    expect(page.locator(f"#{ids.STORY_STOPS} li").nth(1)).to_contain_text("Added by hand")
    settle()
    log.assert_clean()


def test_the_draft_survives_a_reload_and_the_builder_is_built_when_opened(page, log, settle):
    """The builder's body is built when it is first opened (a closed builder is on no first
    screen), and it opens with the draft the session kept, title included."""
    page.goto("/?from=1960&to=1960")
    assert page.locator(f"#{ids.STORY_NOTE}").count() == 0   # closed: not built
    page.locator(".story-builder summary").click()
    page.locator(f"#{ids.STORY_TITLE}").fill("Kept")
    page.locator(f"#{ids.STORY_TITLE}").press("Tab")
    page.locator(f"#{ids.STORY_NOTE}").fill("A stop to keep")
    page.locator(f"#{ids.STORY_ADD}").click()
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(1)
    page.reload()
    page.wait_for_selector(f"#{ids.MAP} .js-plotly-plot")
    page.locator(".story-builder summary").click()
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_have_count(1)
    expect(page.locator(f"#{ids.STORY_STOPS} li")).to_contain_text("A stop to keep")
    expect(page.locator(f"#{ids.STORY_TITLE}")).to_have_value("Kept")
    expect(page.locator(f"#{ids.STORY_LINK}")).to_have_value(re.compile(r"story="))
    settle()
    log.assert_clean()
