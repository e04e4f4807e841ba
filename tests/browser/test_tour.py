"""The guided tour as a teacher uses it (explore mode): start, step with the buttons and with
the arrow keys, jump to a stop, leave the tour to explore from there, switch language.

Expected captions, positions and URLs come from the project's functions (``caption_text``,
``stop_state``, ``to_query``, ``t``), never typed in.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.i18n import t
from dashboard.state import parse_query, to_query
from dashboard.summary import summary_sentence
from dashboard.tour import caption_text, default_tour, stop_state

pytestmark = pytest.mark.browser

TOUR = default_tour()
STOPS = len(TOUR.stops)


def query_of(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def expect_stop(page, dataset, context, n: int, lang: str = "en") -> None:
    """The page shows stop ``n`` (0-based): caption, position, URL and summary."""
    state = stop_state(TOUR.stops[n], context, lang, "explore")
    caption, _sources = caption_text(dataset, TOUR.stops[n], state)
    expect(page.locator(f"#{ids.TOUR_POSITION}")).to_have_text(t(lang, "tour_stop_of", n=n + 1, total=STOPS))
    expect(page.locator(f"#{ids.TOUR_CAPTION}")).to_have_text(caption)
    expect(page).to_have_url(re.compile(re.escape(to_query(state, context)) + "$"))
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(summary_sentence(dataset, state))
    expect(page.locator(f"#{ids.TOUR}")).to_have_class("tour active")


def open_view(page, query: str = "") -> None:
    response = page.goto("/" + query)
    assert response is not None and response.status == 200
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(re.compile(r"\d"))


def blur(page) -> None:
    page.evaluate("() => document.activeElement && document.activeElement.blur()")


def test_step_through_the_tour_with_buttons_and_keys(page, log, settle, dataset, context):
    assert STOPS >= 3, "the default tour has several stops"
    open_view(page)
    tour = page.locator(f"#{ids.TOUR}")
    expect(tour).to_have_class("tour inactive")
    settle()
    # arrows do nothing while the tour is off
    blur(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    expect(tour).to_have_class("tour inactive")
    assert query_of(page) == {}

    page.locator(f"#{ids.TOUR_START}").click()
    expect_stop(page, dataset, context, 0)
    page.locator(f"#{ids.TOUR_NEXT}").click()
    expect_stop(page, dataset, context, 1)
    page.locator(f"#{ids.TOUR_PREV}").click()
    expect_stop(page, dataset, context, 0)
    page.locator(f"#{ids.TOUR_PREV}").click()          # wraps round to the last stop
    expect_stop(page, dataset, context, STOPS - 1)
    page.locator(f"#{ids.TOUR_NEXT}").click()          # and back to the first
    expect_stop(page, dataset, context, 0)

    # → and ← with focus on the page, and with focus on a tour button
    blur(page)
    page.keyboard.press("ArrowRight")
    expect_stop(page, dataset, context, 1)
    page.keyboard.press("ArrowRight")
    expect_stop(page, dataset, context, 2)
    page.locator(f"#{ids.TOUR_NEXT}").focus()
    page.keyboard.press("ArrowLeft")
    expect_stop(page, dataset, context, 1)
    settle()

    # … but not while a control that uses the arrows itself has focus: the year control
    state = stop_state(TOUR.stops[1], context, "en", "explore")
    earlier = context.years[context.years.index(state.year_from) - 1]
    assert state.year_from == state.year_to, "the second stop shows a single year"
    page.locator(f"#{ids.YEARS}").focus()
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(rf"[?&]from={earlier}&to={earlier}(&|$)"))
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(
        summary_sentence(dataset, state.with_years(earlier, earlier)))
    expect(page.locator(f"#{ids.TOUR_POSITION}")).to_have_text(t("en", "tour_stop_of", n=2, total=STOPS))
    settle()
    log.assert_clean()


def test_jump_to_a_stop_and_explore_from_there(page, log, settle, dataset, context):
    open_view(page)
    page.locator(f"#{ids.TOUR_START}").click()
    expect_stop(page, dataset, context, 0)
    jumps = page.locator(f"#{ids.TOUR} .tour-jumps button")
    expect(jumps).to_have_count(STOPS)
    for k in (STOPS - 1, 3):
        expect(jumps.nth(k)).to_have_accessible_name(t("en", "tour_stop_of", n=k + 1, total=STOPS))
        jumps.nth(k).click()
        expect_stop(page, dataset, context, k)
    settle()

    # "Explore from here": the tour closes, the view (URL and summary) stays
    url, summary = page.url, page.locator(f"#{ids.SUMMARY}").inner_text()
    page.locator(f"#{ids.TOUR_EXIT}").click()
    expect(page.locator(f"#{ids.TOUR}")).to_have_class("tour inactive")
    expect(page.locator(f"#{ids.TOUR_START}")).to_be_visible()
    expect(page.locator(f"#{ids.TOUR_NEXT}")).to_be_hidden()
    settle()
    assert page.url == url
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(summary)
    # arrows are the page's again
    blur(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(300)
    assert page.url == url
    log.assert_clean()


def test_switch_language_keeps_the_view(page, log, settle, dataset, context):
    open_view(page)
    page.locator(f"#{ids.TOUR_START}").click()
    expect_stop(page, dataset, context, 0)
    page.locator(f"#{ids.TOUR} .tour-jumps button").nth(3).click()
    expect_stop(page, dataset, context, 3)
    settle()
    before = query_of(page)
    assert "from" in before and "to" in before, before

    with page.expect_navigation():
        page.locator(".lang-switch a", has_text="日本語").click()
    expect(page.locator("main")).to_have_attribute("lang", "ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    after = query_of(page)
    assert after == {**before, "lang": "ja"}, (before, after)
    state, notices = parse_query(urlsplit(page.url).query, context)
    assert not notices and state.lang == "ja"
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(summary_sentence(dataset, state))

    # the tour in Japanese, from the same tour file
    page.locator(f"#{ids.TOUR_START}").click()
    expect_stop(page, dataset, context, 0, lang="ja")
    settle()
    log.assert_clean()
