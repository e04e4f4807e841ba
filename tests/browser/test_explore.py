"""What a visitor does, in a real headless Chromium: open the map, move through the years,
click a region, follow a tampered link, switch language, download the figures.

Expected texts come from the dataset through the project's own functions (``parse_query``,
``summary_sentence``, ``range_total``), except where a documented figure is the point
(1960: 49,036 people from Niigata).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.i18n import number, t
from dashboard.queries import PROGRAMME, range_total, region_name
from dashboard.state import parse_query, to_query
from dashboard.summary import summary_sentence, years_label

pytestmark = pytest.mark.browser

SUMMARY = f"#{ids.SUMMARY}"
MAP = f"#{ids.MAP}"
CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def query_of(page) -> dict[str, str]:
    return {k: v[-1] for k, v in parse_qs(urlsplit(page.url).query).items()}


def open_view(page, query: str = "") -> None:
    """Open ``/`` + query and wait until the summary has been written."""
    response = page.goto("/" + query)
    assert response is not None and response.status == 200, response and response.status
    expect(page.locator(SUMMARY)).to_have_text(re.compile(r"\d"))


def expected_summary(dataset, context, query: str) -> str:
    state, _ = parse_query(query, context)
    return summary_sentence(dataset, state)


def test_default_view(page, log, settle, dataset, context):
    open_view(page)
    state = context.default
    total = range_total(dataset, state)
    assert total.known, "the full span should have a known total"
    summary = page.locator(SUMMARY)
    expect(summary).to_have_text(summary_sentence(dataset, state))
    # the programme's own total first, the earlier episodes apart: never one sum of the three
    programme = range_total(dataset, state.with_years(PROGRAMME.first, PROGRAMME.last))
    expect(summary).to_contain_text(number(programme.persons, "en"))
    expect(summary).not_to_contain_text(number(total.persons, "en"))
    expect(page.locator("main")).to_have_attribute("lang", "en")
    expect(page.locator(f"#{ids.NOTICES} li")).to_have_count(0)
    # the map drew offline: one SVG path per boundary feature of the default layers
    layers = ("countries", "jp_prefectures", "kr_provinces_today", "jp_regions")  # regions: outlines
    features = sum(len(dataset.layers[name]) for name in layers)
    expect(page.locator(f"{MAP} path.choroplethlocation")).to_have_count(features)
    assert query_of(page) == {}, page.url
    settle()
    log.assert_clean()


def test_no_console_warnings_on_load(page, log, settle):
    """Plotly reports a bad figure attribute as a console warning ("WARN: ..."), not an error."""
    open_view(page)
    page.locator(f"#{ids.BARS} .js-plotly-plot").wait_for()
    page.locator(f"{MAP} path.choroplethlocation").first.wait_for()
    settle()
    log.assert_clean(warnings=True)


def test_single_year_from_url(page, log, settle, dataset, context):
    query = "?from=1960&to=1960"
    open_view(page, query)
    summary = page.locator(SUMMARY)
    expect(summary).to_contain_text("49,036")   # documented figure for 1960
    expect(summary).to_contain_text("Niigata")
    expect(summary).to_have_text(expected_summary(dataset, context, query))
    assert query_of(page) == {"from": "1960", "to": "1960"}
    settle()
    log.assert_clean()


def test_keyboard_moves_the_years(page, log, settle, dataset, context):
    """The year chart is the year control: ←/→ a single year, Shift+→ the range's end, the
    map drawn in the browser and the summary and URL following from the server."""
    open_view(page)
    settle()   # Dash's first callbacks done: keys pressed during them reach no callback yet
    years = context.years
    control = page.locator(f"#{ids.YEARS}")
    expect(control).to_have_attribute("role", "slider")

    control.focus()
    page.keyboard.press("ArrowRight")   # from every year: the first year alone
    page.keyboard.press("ArrowRight")   # then the next one
    state = context.default.with_years(years[1], years[1])
    expect(page.locator(f"#{ids.YEAR_READOUT}")).to_have_text(str(years[1]))
    expect(control).to_have_attribute("aria-valuenow", str(years[1]))
    expect(page).to_have_url(re.compile(rf"[?&]from={years[1]}&to={years[1]}(&|$)"))
    expect(page.locator(SUMMARY)).to_have_text(summary_sentence(dataset, state))

    page.keyboard.press("Shift+ArrowRight")
    state = state.with_years(years[1], years[2])
    expect(page).to_have_url(re.compile(rf"[?&]to={years[2]}(&|$)"))
    expect(page.locator(SUMMARY)).to_have_text(summary_sentence(dataset, state))
    expect(page.locator(SUMMARY)).to_contain_text(years_label(state, "en"))
    assert query_of(page) == {"from": str(years[1]), "to": str(years[2])}

    page.keyboard.press("End")
    expect(page).to_have_url(re.compile(rf"[?&]from={years[-1]}&to={years[-1]}(&|$)"))
    page.locator(f"#{ids.YEAR_PREV}").click()
    expect(page.locator(f"#{ids.YEAR_READOUT}")).to_have_text(str(years[-2]))
    expect(page).to_have_url(re.compile(rf"[?&]from={years[-2]}&to={years[-2]}(&|$)"))
    settle()
    log.assert_clean()


def test_back_and_forward_reopen_the_views_the_address_bar_followed(page, log, settle, dataset, context):
    """The address bar follows each view, so the browser's back and forward buttons walk
    through them: the page reads the query it came back to and shows that view."""
    open_view(page, "?from=1960&to=1960")
    settle()
    control = page.locator(f"#{ids.YEARS}")
    control.focus()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"[?&]from=1961&to=1961(&|$)"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]from=1960&to=1960(&|$)"))
    expect(page.locator(f"#{ids.YEAR_READOUT}")).to_have_text("1960")
    expect(page.locator(SUMMARY)).to_have_text(expected_summary(dataset, context, "?from=1960&to=1960"))
    page.go_forward()
    expect(page).to_have_url(re.compile(r"[?&]from=1961&to=1961(&|$)"))
    expect(page.locator(f"#{ids.YEAR_READOUT}")).to_have_text("1961")
    expect(page.locator(SUMMARY)).to_have_text(expected_summary(dataset, context, "?from=1961&to=1961"))
    settle()
    log.assert_clean()


def test_a_year_step_asks_the_server_at_most_twice(page, log, settle):
    """The browser decides a year step and draws the map and chart itself; the server is
    asked only for the words (the summary and the open tab), once each, whatever the input."""
    open_view(page, "?from=1960&to=1960")
    settle()
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    steps = (lambda: page.keyboard.press("ArrowRight"), lambda: page.locator(f"#{ids.YEAR_PREV}").click(),
             lambda: page.locator(f"#{ids.YEARS}").press("Home"))
    page.locator(f"#{ids.YEARS}").focus()
    for step, readout in zip(steps, ("1961", "1960", "1947")):
        posts.clear()
        step()
        expect(page.locator(f"#{ids.YEAR_READOUT}")).to_have_text(readout)
        settle()
        assert 1 <= len(posts) <= 2, posts
    log.assert_clean()


# Finds a point deep inside one region's SVG path, away from every marker (ports and route
# handles win Plotly's "closest" hover), and not covered by another element.
FIND_CLICK_POINT = """(loc) => {
  const map = document.getElementById('map');
  const path = Array.from(map.querySelectorAll('path.choroplethlocation'))
    .find(p => p.__data__ && p.__data__.loc === loc);
  if (!path) { return null; }
  const markers = Array.from(map.querySelectorAll('.scattergeo path.point'))
    .map(m => m.getBoundingClientRect()).filter(r => r.width > 0)
    .map(r => [r.x + r.width / 2, r.y + r.height / 2]);
  const inverse = path.getScreenCTM().inverse();
  const inside = (x, y) => path.isPointInFill(new DOMPoint(x, y).matrixTransform(inverse));
  const box = path.getBoundingClientRect();
  let best = null;
  for (let x = box.left; x <= box.right; x += 2) {
    for (let y = box.top; y <= box.bottom; y += 2) {
      if (!inside(x, y)) { continue; }
      let depth = 0;
      for (let r = 2; r <= 30; r += 2) {
        let all = true;
        for (let a = 0; a < 16 && all; a++) {
          all = inside(x + r * Math.cos(a * Math.PI / 8), y + r * Math.sin(a * Math.PI / 8));
        }
        if (!all) { break; }
        depth = r;
      }
      const near = Math.min(Infinity, ...markers.map(m => Math.hypot(m[0] - x, m[1] - y)));
      const top = document.elementFromPoint(x, y);
      if (near < 25 || !top || !map.contains(top)) { continue; }
      if (!best || depth > best.depth) { best = {x: x, y: y, depth: depth}; }
    }
  }
  return best;
}"""


def test_click_region_on_map(page, log, settle, dataset, context):
    region = "JP-15"  # Niigata Prefecture
    open_view(page)
    page.locator(f"{MAP} path.choroplethlocation").first.wait_for()
    settle()
    point = page.evaluate(FIND_CLICK_POINT, region)
    assert point and point["depth"] >= 2, f"no clickable point found inside {region}: {point}"
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])

    expect(page).to_have_url(re.compile(rf"[?&]region={region}(&|$)"))
    state = replace(context.default, region=region)
    summary = page.locator(SUMMARY)
    expect(summary).to_contain_text(region_name(dataset, region, "en"))
    expect(summary).to_have_text(summary_sentence(dataset, state))
    expect(page.locator(f"#{ids.REGION}")).to_have_value(region_name(dataset, region, "en"))
    settle()
    log.assert_clean()


def test_tampered_url_shows_default_view_and_notice(page, log, settle, dataset, context):
    query = "?from=abc&to=99999&region=XX-99&lang=zz"
    state, notices = parse_query(query, context)
    assert state == context.default and len(notices) == 4
    open_view(page, query)
    expect(page.locator(SUMMARY)).to_have_text(summary_sentence(dataset, context.default))
    settle()  # the page must not reload itself (e.g. to rewrite lang=zz) and lose a notice
    box = page.locator(f"#{ids.NOTICES}")
    expect(box).to_be_visible()
    for param in ("from=abc", "to=99999", "region=XX-99", "lang=zz"):
        expect(box, f"no notice names {param} (url now {page.url})").to_contain_text(param)
    for notice in notices:
        expect(box).to_contain_text(t("en", "notice_ignored", param=notice.param, value=notice.value))
    expect(box.locator("li")).to_have_count(len(notices))
    expect(page.locator("main")).to_have_attribute("lang", "en")
    expect(page.locator(SUMMARY)).to_have_text(summary_sentence(dataset, context.default))
    log.assert_clean()


def test_year_between_recorded_years_still_renders(page, log, settle, dataset, context):
    """Years inside 1947–1984 with no record of their own (1948–1955, 1958) in the URL."""
    missing = [y for y in range(context.years[0], context.years[-1]) if y not in context.years]
    assert missing, "the record has gaps (1948–1955, 1958)"
    query = f"?from={missing[0]}&to={missing[-1]}"
    response = page.goto("/" + query)
    assert response is not None and response.status == 200
    settle()
    summary = page.locator(SUMMARY)
    expect(summary, f"{query}: the page was not built").to_have_text(re.compile(r"\d"))
    expect(summary).to_have_text(expected_summary(dataset, context, query))
    log.assert_clean()


def test_japanese(page, log, settle, dataset, context):
    query = "?lang=ja"
    open_view(page, query)
    state, _ = parse_query(query, context)
    summary = page.locator(SUMMARY)
    expect(summary).to_have_text(summary_sentence(dataset, state))
    expect(summary).to_have_text(CJK)
    programme = range_total(dataset, state.with_years(PROGRAMME.first, PROGRAMME.last))
    expect(summary).to_contain_text(number(programme.persons, "ja"))
    expect(summary).not_to_contain_text(number(range_total(dataset, state).persons, "ja"))
    expect(page.locator("main")).to_have_attribute("lang", "ja")
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("h1")).to_have_text(t("ja", "title"))
    settle()
    log.assert_clean()


def test_csv_download_of_a_view(page, log, settle, dataset, context):
    query = "?from=1960&to=1960"
    open_view(page, query)
    state, _ = parse_query(query, context)
    link = page.locator(f"#{ids.DOWNLOAD_CSV}")
    expect(link).to_have_attribute("href", "/export/flows.csv" + to_query(state, context))
    with page.expect_download() as info:
        link.click()
    body = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows, body
    assert {row["year"] for row in rows} == {"1960"}, rows
    documented = [r for r in rows if r["persons"] == "49036"]
    assert documented and documented[0]["embark_port_id"] == "niigata", rows
    settle()
    log.assert_clean()


def test_healthz(page, log):
    response = page.goto("/healthz")
    assert response is not None and response.status == 200
    assert response.header_value("content-type").startswith("application/json")
    body = json.loads(response.text())
    assert body["status"] == "ok", body
    log.assert_clean()


def test_port_and_layer_buttons_filter_and_show_which_is_pressed(page, log, settle, dataset, context):
    open_view(page, "?from=1960&to=1960")
    ports, layers = page.locator(".control.ports"), page.locator(".control.layers")
    niigata = ports.get_by_role("button", name="Niigata", exact=True)
    every_port = ports.get_by_role("button", name=t("en", "port_placeholder"), exact=True)
    expect(every_port).to_have_attribute("aria-pressed", "true")
    niigata.click()
    expect(niigata).to_have_attribute("aria-pressed", "true")
    expect(every_port).to_have_attribute("aria-pressed", "false")
    expect(page.locator(SUMMARY)).to_have_text(expected_summary(dataset, context, "?from=1960&to=1960&port=niigata"))
    expect(page).to_have_url(re.compile(r"[?&]port=niigata(&|$)"))
    assert query_of(page) == {"from": "1960", "to": "1960", "port": "niigata"}

    layer_1945 = layers.get_by_role("button", name=t("en", "layer_1945"), exact=True)
    layer_1945.click()
    expect(layer_1945).to_have_attribute("aria-pressed", "true")
    expect(layers.get_by_role("button", name=t("en", "layer_today"), exact=True)).to_have_attribute("aria-pressed", "false")
    expect(page).to_have_url(re.compile(r"[?&]layer=1945(&|$)"))

    every_port.click()
    expect(every_port).to_have_attribute("aria-pressed", "true")
    expect(page.locator(SUMMARY)).to_have_text(expected_summary(dataset, context, "?from=1960&to=1960&layer=1945"))
    settle()
    log.assert_clean()
