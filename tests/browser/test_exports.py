"""Exports and animation in a real browser: the map as PNG and SVG, the flows as CSV and
GeoJSON, and Play stepping through the years then pausing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard import ids
from dashboard.queries import selected_flows
from dashboard.state import ViewState

pytestmark = pytest.mark.browser


def _open(page, query: str) -> None:
    page.goto("/" + query)
    expect(page.locator(f"#{ids.SUMMARY}")).not_to_be_empty()
    page.locator(f"#{ids.MAP} .js-plotly-plot path.choroplethlocation").first.wait_for()


def _download(page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_map_saves_as_png_and_svg(page, log, settle):
    _open(page, "?from=1960&to=1960")
    png = _download(page, f"#{ids.SAVE_PNG}")
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    svg = _download(page, f"#{ids.SAVE_SVG}")
    assert svg.lstrip().startswith(b"<svg") and b"Niigata" in svg
    settle()
    log.assert_clean()


def test_flows_download_as_csv_and_geojson(page, log, settle, dataset):
    _open(page, "?from=1959&to=1961&port=niigata")
    settle()
    expected = {r.id for r in selected_flows(dataset, ViewState(1959, 1961, port="niigata"), include_readings=True)}
    rows = list(csv.DictReader(io.StringIO(_download(page, f"#{ids.DOWNLOAD_CSV}").decode())))
    assert {r["id"] for r in rows} == expected
    geo = json.loads(_download(page, f"#{ids.DOWNLOAD_GEOJSON}"))
    assert {f["properties"]["flow_id"] for f in geo["features"]} <= expected
    assert all(f["geometry"]["type"] == "LineString" for f in geo["features"])
    log.assert_clean()


def test_play_steps_through_the_years_and_pauses(page, log, settle):
    _open(page, "?from=1959&to=1959")
    summary = page.locator(f"#{ids.SUMMARY}")
    page.click(f"#{ids.PLAY}")
    expect(page.locator(f"#{ids.PLAY}")).to_have_attribute("aria-pressed", "true")
    expect(summary).to_contain_text("1960:", timeout=6000)
    expect(summary).to_contain_text("1961:", timeout=6000)
    page.click(f"#{ids.PLAY}")
    expect(page.locator(f"#{ids.PLAY}")).to_have_attribute("aria-pressed", "false")
    settle()
    paused = summary.inner_text()
    page.wait_for_timeout(2500)
    assert summary.inner_text() == paused
    log.assert_clean()
