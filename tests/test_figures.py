"""Figure builders: data and state in, figure out. Checked on the real data and on the
synthetic fixture (which has an unknown year, an estimated figure and uncertain ports)."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
import pytest
import shapely
import shapely.geometry

from dashboard import styles
from dashboard.figures.bars import SLOTS, bar_patch, build_bar_figure
from dashboard.figures.geometry import build_geometry
from dashboard.figures.map import build_map_figure, frames_key, map_patch, view_updates, year_frames
from dashboard.state import ViewState
from datafixtures import make_dataset_dirs
from geodata import load_dataset


def _map(*args, **kwargs) -> go.Figure:
    """The map as a Figure (validated by Plotly), for attribute access in assertions."""
    return go.Figure(build_map_figure(*args, **kwargs))


@pytest.fixture(scope="module")
def geometry(dataset):
    return build_geometry(dataset)


@pytest.fixture(scope="module")
def fixture_dataset(tmp_path_factory):
    return load_dataset(*make_dataset_dirs(tmp_path_factory.mktemp("fixture")))


def test_map_has_the_same_traces_for_every_view(dataset, geometry):
    counts = {len(_map(dataset, geometry, ViewState(y, y)).data) for y in (1947, 1960, 1968, 1984)}
    assert counts == {len(geometry.trace_index)}


def test_flow_width_is_proportional_on_a_fixed_scale(dataset, geometry):
    def width(year):
        fig = _map(dataset, geometry, ViewState(year, year))
        return fig.data[geometry.trace_index["route:niigata>chongjin"]].line.width

    persons = {r.year: r.persons for r in dataset.flow_records if r.drawn}
    assert width(1960) == pytest.approx(styles.MAX_WIDTH_PX)
    assert width(1961) == pytest.approx(styles.MAX_WIDTH_PX * persons[1961] / persons[1960], abs=0.01)
    assert width(1967) >= styles.MIN_WIDTH_PX   # small but visible
    assert width(1968) == 0                      # no sailing: nothing drawn


def test_status_is_told_by_dash_not_colour_alone(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1962, 1962))
    spine = fig.data[geometry.trace_index["spine:niigata>chongjin"]]
    assert spine.line.dash == styles.STATUS_STYLE["compiled"][1]
    fig = _map(dataset, geometry, ViewState(1960, 1960))
    assert fig.data[geometry.trace_index["spine:niigata>chongjin"]].line.dash == "solid"


def test_uncertain_destinations_are_drawn_apart_and_fainter(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1975, 1975))
    for key in ("niigata>chongjin?", "niigata>wonsan?"):
        band = fig.data[geometry.trace_index[f"route:{key}"]]
        assert band.line.width > 0 and band.opacity < 0.5
    assert fig.data[geometry.trace_index["route:niigata>chongjin"]].line.width == 0


def test_departure_without_destination_is_a_ring_not_a_line(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1956, 1956))
    ring = fig.data[geometry.trace_index["portless"]]
    moji = dataset.place_rows["moji"]
    assert list(ring.lon) == [moji.lon] and "23" in ring.text[0]
    assert all(fig.data[geometry.trace_index[f"route:{k}"]].line.width == 0 for k in geometry.route_keys)


def test_patch_carries_only_view_properties(dataset, geometry):
    patch = map_patch(dataset, geometry, ViewState(1961, 1961), ViewState(1960, 1960)).to_plotly_json()
    size = len(json.dumps(patch))
    full = len(_map(dataset, geometry, ViewState(1960, 1960)).to_json())
    assert "geojson" not in json.dumps(patch)
    assert "/geo/" in json.dumps(build_map_figure(dataset, geometry, ViewState(1960, 1960)))
    assert size < full / 2, (size, full)
    assert size < 3000, size  # a year step sends a few widths and texts, not the map
    with_layer = json.dumps(map_patch(dataset, geometry, ViewState(1960, 1960, layer="1945"),
                                      ViewState(1960, 1960)).to_plotly_json())
    assert geometry.geojson_urls["kr_provinces_1945"] in with_layer


def test_figure_and_patch_agree(dataset, geometry):
    state = ViewState(1959, 1984, port="niigata")
    _map(dataset, geometry, ViewState(1960, 1960))  # the cached base must not leak between views
    fig = build_map_figure(dataset, geometry, state)
    for (index, path), value in view_updates(dataset, geometry, state).items():
        node = fig["data"][index]
        for key in path.split("."):
            node = node[key]
        assert json.loads(json.dumps(node, default=list)) == json.loads(json.dumps(value)), path


def test_only_documented_counts_are_shaded(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1960, 1960))
    japan = fig.data[geometry.trace_index["japan"]]
    shaded = {loc for loc, z in zip(japan.locations, japan.z) if z}
    assert shaded == {r.region_id for r in dataset.origin_counts.itertuples()}


def test_sea_is_labelled_with_both_names(dataset, geometry):
    for lang, names in (("en", ("Sea of Japan", "East Sea")), ("ja", ("日本海", "東海")), ("ko", ("동해", "일본해"))):
        fig = _map(dataset, geometry, ViewState(1960, 1960, lang=lang))
        label = fig.data[geometry.trace_index["sea_label"]].text[0]
        assert all(n in label for n in names)


def test_unknown_year_is_never_drawn_as_zero(fixture_dataset):
    fig = go.Figure(build_bar_figure(fixture_dataset, ViewState(1957, 1957)))
    labels = dict(zip(fig.data[len(SLOTS)].x, fig.data[len(SLOTS)].text))
    assert labels[1957] == "?" and labels[1968] == "0"
    markers = fig.data[len(SLOTS) + 1]
    hover = dict(zip(markers.x, markers.hovertext))
    assert "unknown" in hover[1957]


def test_bars_veil_the_years_outside_the_selection(dataset):
    fig = build_bar_figure(dataset, ViewState(1960, 1961))
    veils = [s for s in fig["layout"]["shapes"] if s["fillcolor"] != "rgba(0,0,0,0)"]
    covered = lambda year: any(s["x0"] <= year <= s["x1"] for s in veils)  # noqa: E731
    assert not covered(1960) and not covered(1961)
    assert all(covered(y) for y in dataset.years if y not in (1960, 1961))
    # every year keeps its bar whatever the selection: the selection is only a shading
    other = build_bar_figure(dataset, ViewState(1947, 1947))
    assert [t["x"] for t in other["data"]] == [t["x"] for t in fig["data"]]
    patch = bar_patch(dataset, ViewState(1947, 1947)).to_plotly_json()
    assert len(json.dumps(patch)) < len(json.dumps(build_bar_figure(dataset, ViewState(1947, 1947))))


def _apply(fig: dict, frames: dict, year: int, before: int | None = None) -> dict:
    """What assets/app.js does with the year frames: set each key's value for ``year`` (only
    those that differ from ``before``'s, when the figure shows that single year)."""
    fig = json.loads(json.dumps(fig, default=list))
    row = frames["frames"][str(year)]
    old = frames["frames"][str(before)] if before is not None else None
    for k, (index, path) in enumerate(frames["keys"]):
        if old is not None and old[k] == row[k]:
            continue
        node = fig["data"][index]
        *parents, last = path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = frames["values"][row[k]]
    return fig


@pytest.mark.parametrize("filters", [{}, {"port": "niigata", "lang": "ja"}, {"region": "JP-15", "layer": "1945"}])
def test_year_frames_draw_every_single_year(dataset, geometry, filters):
    """From the page's view (a range) or from another single year, applying a year's frame
    gives exactly the map the server would build for that year."""
    frames = year_frames(dataset, geometry, ViewState(1959, 1984, **filters))
    assert frames["key"] == frames_key(ViewState(1960, 1960, **filters))
    plain = lambda fig: json.loads(json.dumps(fig, default=list))  # noqa: E731
    start = build_map_figure(dataset, geometry, ViewState(1959, 1984, **filters))
    for year, before in ((1947, None), (1960, None), (1961, 1960), (1968, 1967), (1984, 1947)):
        shown = start if before is None else build_map_figure(dataset, geometry, ViewState(before, before, **filters))
        expected = plain(build_map_figure(dataset, geometry, ViewState(year, year, **filters)))
        assert _apply(shown, frames, year, before) == expected, (year, before)


def test_year_frames_are_small(dataset, geometry):
    """Every year's map in a few kilobytes, each distinct value sent once."""
    frames = year_frames(dataset, geometry, ViewState(1959, 1984))
    assert set(frames["frames"]) == {str(y) for y in dataset.years}
    assert len(json.dumps(frames)) < 40 * len(json.dumps(map_patch(dataset, geometry, ViewState(1960, 1960),
                                                                   ViewState(1961, 1961)).to_plotly_json()))


def test_map_of_the_fixture_with_an_estimated_year(fixture_dataset):
    geometry = build_geometry(fixture_dataset)
    fig = _map(fixture_dataset, geometry, ViewState(1962, 1962))
    spine = fig.data[geometry.trace_index["spine:niigata>chongjin"]]
    assert spine.line.dash == styles.STATUS_STYLE["estimated"][1]


def test_geojson_is_served_as_cached_static_files(dataset, geometry):
    from dashboard import create_app
    from dashboard.config import Settings

    client = create_app(dataset=dataset, settings=Settings()).server.test_client()
    for name, url in geometry.geojson_urls.items():
        response = client.get(url)
        assert response.status_code == 200 and "immutable" in response.headers["Cache-Control"]
        ids = [f["properties"]["id"] for f in json.loads(response.data)["features"]]
        assert ids == geometry.ids[name]


def test_drawn_geojson_is_rounded_within_the_layers_simplification(dataset, geometry):
    """The browser gets coordinates rounded to DRAWN_DECIMALS, never moved by more than half
    the layers' own simplification tolerance, and every feature keeps its shape's extent."""
    from geodata.build_layers import TOLERANCE
    from dashboard.figures.geometry import DRAWN_DECIMALS

    assert 10 ** -DRAWN_DECIMALS / 2 <= TOLERANCE / 2
    for name, gdf in dataset.layers.items():
        drawn = {f["properties"]["id"]: shapely.geometry.shape(f["geometry"]) for f in geometry.geojson[name]["features"]}
        for rid, shape in zip(gdf["id"], gdf.geometry):
            assert shapely.hausdorff_distance(drawn[rid], shape) <= 10 ** -DRAWN_DECIMALS, (name, rid)
        text = geometry.geojson_bytes[name].decode()
        assert not re.search(r"\d\.\d{%d,}" % (DRAWN_DECIMALS + 1), text), name


def test_patch_from_the_previous_view_gives_the_new_view(dataset, geometry):
    """Applying the diff patch to the old figure yields exactly the new figure."""
    from dash._patch import Patch  # noqa: F401  (the patch's operations are applied below)

    before, after = ViewState(1959, 1984, port="niigata"), ViewState(1975, 1975, region="PRK")
    fig = build_map_figure(dataset, geometry, before)
    for op in map_patch(dataset, geometry, after, before).to_plotly_json()["operations"]:
        assert op["operation"] == "Assign"
        node = fig
        for key in op["location"][:-1]:
            node = node[key]
        node[op["location"][-1]] = op["params"]["value"]
    assert json.loads(json.dumps(fig, default=list)) == json.loads(json.dumps(build_map_figure(dataset, geometry, after), default=list))
