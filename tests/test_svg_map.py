"""The view's map as static SVG (dashboard/svg_map.py): the same routes, shading and ports as
the live map, read off the SVG as a visitor would see it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dashboard import styles
from dashboard.figures.geometry import build_geometry
from dashboard.i18n import t
from dashboard.queries import routes
from dashboard.state import ViewState
from dashboard.svg_map import view_svg

SVG = "{http://www.w3.org/2000/svg}"


def drawn(dataset, geometry, state) -> ET.Element:
    return ET.fromstring(view_svg(dataset, geometry, state))


def drawn_routes(svg) -> dict[str, list[ET.Element]]:
    """route key -> its band and spine"""
    return {g.get("data-route"): g.findall(f"{SVG}polyline") for g in svg.iter(f"{SVG}g") if g.get("data-route")}


def test_the_chosen_ports_route_is_drawn_and_no_other(dataset, geometry):
    svg = drawn(dataset, geometry, ViewState(1947, 1984, port="sasebo"))
    assert list(drawn_routes(svg)) == ["sasebo>hungnam"]
    svg = drawn(dataset, geometry, ViewState(1960, 1960, port="niigata"))
    assert list(drawn_routes(svg)) == ["niigata>chongjin"]


def test_routes_are_those_of_the_live_map_with_widths_on_its_scale(dataset, geometry):
    for state in (ViewState(1960, 1960), ViewState(1975, 1975), ViewState(1947, 1984), ViewState(1968, 1968)):
        shown = drawn_routes(drawn(dataset, geometry, state))
        expected = {k for k, r in routes(dataset, state).items() if r.total.persons != 0}
        assert set(shown) == expected, state
    band, _ = drawn_routes(drawn(dataset, geometry, ViewState(1960, 1960)))["niigata>chongjin"]
    assert float(band.get("stroke-width")) == pytest.approx(styles.MAX_WIDTH_PX)


def test_statuses_look_different(dataset, geometry):
    documented = drawn_routes(drawn(dataset, geometry, ViewState(1960, 1960)))["niigata>chongjin"]
    compiled = drawn_routes(drawn(dataset, geometry, ViewState(1962, 1962)))["niigata>chongjin"]
    assert documented[0].get("stroke") == styles.STATUS_STYLE["documented"][0]
    assert compiled[0].get("stroke") == styles.STATUS_STYLE["compiled"][0]
    assert documented[1].get("stroke-dasharray") is None and compiled[1].get("stroke-dasharray")


def test_a_region_with_no_count_is_not_shaded_as_zero(dataset, geometry):
    svg = drawn(dataset, geometry, ViewState(1960, 1960))
    japan = {p.get("data-region"): p for p in svg.iter(f"{SVG}path") if p.get("data-region", "").startswith("JP-")}
    counted = {r.region_id for r in dataset.origin_counts.itertuples()}
    assert counted and all(japan[r].get("class") == "shaded" for r in counted)
    uncounted = [p for r, p in japan.items() if r not in counted]
    assert uncounted
    for path in uncounted:  # the neutral land the legend explains as "not recorded", not a low shade
        assert path.get("class") == "not-recorded" and path.get("fill") == styles.LAND_COLOUR


def test_an_unknown_is_said_never_drawn_as_zero(fixture_dataset):
    """The fixture's 1956 departures have no recorded destination: a ring with its figure, no line."""
    geometry = build_geometry(fixture_dataset)
    svg = drawn(fixture_dataset, geometry, ViewState(1956, 1956))
    assert not drawn_routes(svg)
    ring = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "portless")
    assert ring.find(f"{SVG}text").text == "23 → ?"


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_titled_and_labelled_in_the_pages_language(dataset, geometry, lang):
    svg = drawn(dataset, geometry, ViewState(1960, 1960, lang=lang))
    assert svg.get("lang") == lang and svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == svg.get("aria-label") == t(lang, "map_title")
    texts = {e.text for e in svg.iter(f"{SVG}text")}
    assert t(lang, "sea_name") in texts and getattr(dataset.place_rows["niigata"], f"name_{lang}") in texts


def test_small_enough_to_inline(dataset, geometry):
    for state in (ViewState(1947, 1984), ViewState(1960, 1960, lang="ja", layer="1945", region="JP-15")):
        assert len(view_svg(dataset, geometry, state)) < 60_000
