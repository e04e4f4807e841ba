"""The place search box in a real browser: any name of a region or a port finds it, in any
page language; a near miss suggests names and keeps the view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.i18n import t
from dashboard.state import ViewState
from dashboard.summary import summary_sentence

pytestmark = pytest.mark.browser

BOX = f"#{ids.REGION}"


def _search(page, text: str) -> None:
    box = page.locator(BOX)
    if not box.is_visible():  # behind the filters disclosure on a narrow screen
        page.locator(f"#{ids.FILTERS} > summary").click()
    box.fill(text)
    box.press("Enter")


@pytest.mark.parametrize("lang, text, param", [
    ("en", "Chongjin", "port=chongjin"), ("ja", "清津", "port=chongjin"), ("ko", "Cheongjin", "port=chongjin"),
    ("en", "Niigata-ken", "region=JP-15"), ("ja", "Hokkaido", "region=JP-01"), ("ko", "홋카이도", "region=JP-01"),
])
def test_a_place_is_found_by_any_of_its_names(page, log, settle, dataset, lang, text, param):
    page.goto(f"/?lang={lang}")
    page.locator(f"#{ids.SUMMARY}").wait_for()
    settle()
    _search(page, text)
    expect(page).to_have_url(re.compile(rf"[?&]{param}(&|$)"), timeout=15_000)
    key, value = param.split("=")
    state = ViewState(1947, 1984, lang=lang, **{key: value})
    expect(page.locator(f"#{ids.SUMMARY}")).to_have_text(summary_sentence(dataset, state), timeout=15_000)
    settle()
    log.assert_clean()


def test_a_near_miss_suggests_names_and_keeps_the_view(page, log, settle, dataset):
    page.goto("/?from=1960&to=1960")
    page.locator(f"#{ids.SUMMARY}").wait_for()
    settle()
    _search(page, "Chongjn")
    hint = page.locator(f"#{ids.REGION_SUGGESTIONS}")
    expect(hint).to_contain_text(dataset.place_rows["chongjin"].name_en, timeout=15_000)
    expect(hint).to_contain_text(t("en", "search_suggest", text="Chongjn", names="").split(":")[0])
    assert "port=" not in page.url and "region=" not in page.url
    settle()
    log.assert_clean()
