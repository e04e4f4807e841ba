"""What is computed once at start-up must give the same answers as computing it per view,
and must cover every view, so the caches stop growing once the app has started."""

from __future__ import annotations

import itertools
import random

from dash import html

from dashboard import create_app, panels, queries, state_context
from dashboard.config import Settings
from dashboard.elements import el
from dashboard.memo import json_ready
from dashboard.state import ViewState


def _views(dataset, context, count=400, seed=3):
    rng = random.Random(seed)
    years = list(dataset.years)
    regions = [""] + sorted(context.region_ids)
    ports = [""] + sorted(context.port_ids)
    for _ in range(count):
        a, b = sorted(rng.sample(years, 2)) if rng.random() < 0.5 else (rng.choice(years),) * 2
        yield ViewState(a, b, region=rng.choice(regions), port=rng.choice(ports), lang=rng.choice(["en", "ja", "ko"]))


def test_precomputed_totals_equal_the_totals_computed_per_view(dataset):
    context = state_context(dataset, Settings())
    queries.precompute_year_totals(dataset, sorted(context.region_ids), sorted(context.port_ids))
    queries.precompute_range_totals(dataset, sorted(context.port_ids))
    for state in _views(dataset, context):
        assert queries.range_total(dataset, state) == queries._range_total(dataset, state), state
        for year in range(state.year_from, state.year_to + 1):
            if year in dataset.drawn_by_year:
                assert queries.year_total(dataset, year, state) == queries._year_total(dataset, year, state)


def test_the_caches_do_not_grow_after_start_up(dataset):
    create_app(dataset, Settings())
    context = state_context(dataset, Settings())
    sizes = {name: len(cache) for name, cache in dataset.query_cache.items()}
    assert sizes["year_total"] == len(dataset.years) * (1 + len(context.region_ids)) * (1 + len(context.port_ids))
    for state in _views(dataset, context):
        queries.range_total(dataset, state)
        queries.year_series(dataset, state)
    assert {name: len(cache) for name, cache in dataset.query_cache.items()} == sizes


def test_every_year_range_has_its_precomputed_totals(dataset):
    create_app(dataset, Settings())
    cache = dataset.query_cache["range_total"]
    for first, last in itertools.combinations_with_replacement(dataset.years, 2):
        assert (first, last, "") in cache
        assert cache[(first, last, "")].persons == sum(
            r.persons for r in dataset.flow_records if r.drawn and first <= r.year <= last)


def test_elements_are_exactly_what_dash_would_send():
    """``el`` skips building Dash objects; the renderer must receive the same JSON."""
    pairs = [
        (el("Td", "1960", className="col-year"), html.Td("1960", className="col-year")),
        (el("Button", ["Year", el("Span", " ▲", **{"aria-hidden": "true"})], id={"type": "sort", "column": "year"},
            n_clicks=0, className="sort"),
         html.Button(["Year", html.Span(" ▲", **{"aria-hidden": "true"})], id={"type": "sort", "column": "year"},
                     n_clicks=0, className="sort")),
        (el("Time", "1959-12-14", dateTime="1959-12-14"), html.Time("1959-12-14", dateTime="1959-12-14")),
        (el("Span", None, className="line-sample", style={"background": "#000"}),
         html.Span(className="line-sample", style={"background": "#000"})),
        (el("Option", value="Niigata"), html.Option(value="Niigata")),
    ]
    for ours, dash_own in pairs:
        assert ours == json_ready(dash_own)


def test_table_is_built_as_plain_elements(dataset):
    table = panels.table_component(panels.table_rows(dataset, ViewState(1959, 1961)), "en", None)
    rows = table["props"]["children"][1]["props"]["children"]
    assert [row["props"]["children"][0]["props"]["children"] for row in rows] == [1959, 1960, 1961]


def test_port_hovers_are_all_precomputed_and_match(dataset):
    from dashboard.figures.map import _port_hover, build_geometry, port_hovers, precompute_port_hovers

    geometry = build_geometry(dataset)
    count = precompute_port_hovers(dataset, geometry, ("en", "ja"))
    n = len(dataset.years)
    assert count == n * (n + 1) // 2 * 2
    state = ViewState(1959, 1967, lang="ja")
    place = dataset.place_rows["niigata"]
    assert port_hovers(dataset, geometry, state)["ports_embark"][0] == _port_hover(dataset, place, state)
    assert sum(1 for key in geometry.base_cache if key[0] == "ports") == count


def test_plain_patch_is_what_dash_patch_sends():
    from dash import Patch

    from dashboard.elements import PlainPatch

    ours, theirs = PlainPatch(), Patch()
    ours.assign(["data", 3, "line", "width"], 4.2)
    theirs["data"][3]["line"]["width"] = 4.2
    ours.assign(["data", 0, "hovertext"], ["a", "b"])
    theirs["data"][0]["hovertext"] = ["a", "b"]
    assert ours.to_plotly_json() == json_ready(theirs)


def test_text_views_do_not_depend_on_layer_or_mode(dataset):
    """callbacks.text_view shares cached outputs across layers and modes: only sound if
    the chart, summary, table and panels are the same for every layer and mode."""
    from dataclasses import replace

    from dashboard.callbacks import text_view
    from dashboard.figures.bars import bar_patch
    from dashboard.summary import summary_sentence

    context = state_context(dataset, Settings())
    builders = (
        lambda s: bar_patch(dataset, s).to_plotly_json(), lambda s: summary_sentence(dataset, s),
        lambda s: panels.table_component(panels.table_rows(dataset, s), s.lang, None),
        lambda s: [panels.timeline_panel(dataset, s), panels.sailings_panel(dataset, s),
                   panels.origins_panel(dataset, s), panels.sources_panel(dataset, s)],
    )
    for state in _views(dataset, context, count=60):
        variants = [replace(state, layer=layer, mode=mode) for layer in ("today", "1945") for mode in ("explore", "kiosk")]
        assert {text_view(v) for v in variants} == {text_view(state)}
        for build in builders:
            first = build(variants[0])
            assert all(build(v) == first for v in variants[1:]), state
