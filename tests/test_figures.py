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
from dashboard.figures.bars import SLOTS, bar_data, build_bar_figure
from dashboard.figures.geometry import build_geometry
from dashboard.figures.map import build_map_figure, range_frame, view_updates, year_frames
from dashboard.state import ViewState
from jsrun import run_script


def trace(fig: go.Figure, role: str):
    """The trace drawing ``role`` ("route:niigata>chongjin", "portless", "japan"…): every trace
    is named by what it draws."""
    return next(t for t in fig.data if t.name == role)


def _map(*args, **kwargs) -> go.Figure:
    """The map as a Figure (validated by Plotly), for attribute access in assertions."""
    return go.Figure(build_map_figure(*args, **kwargs))


def test_map_has_the_same_traces_for_every_view(dataset, geometry):
    """The browser's frames address traces by position: every view has the same traces, in
    the order the geometry gives them."""
    for view in (ViewState(1947, 1947), ViewState(1960, 1960, lang="ko", layer="1945"), ViewState(1968, 1984)):
        names = [t.name for t in _map(dataset, geometry, view).data]
        assert names == sorted(geometry.trace_index, key=geometry.trace_index.get)


def test_flow_width_is_proportional_on_a_fixed_scale(dataset, geometry):
    def width(year):
        fig = _map(dataset, geometry, ViewState(year, year))
        return trace(fig, "route:niigata>chongjin").line.width

    persons = {r.year: r.persons for r in dataset.flow_records if r.drawn}
    assert width(1960) == pytest.approx(styles.MAX_WIDTH_PX)
    assert width(1961) == pytest.approx(styles.MAX_WIDTH_PX * persons[1961] / persons[1960], abs=0.01)
    assert width(1967) >= styles.MIN_WIDTH_PX   # small but visible
    assert width(1968) == 0                      # no sailing: nothing drawn


def test_status_is_told_by_dash_not_colour_alone(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1962, 1962))
    spine = trace(fig, "spine:niigata>chongjin")
    assert spine.line.dash == styles.STATUS_STYLE["compiled"][1]
    fig = _map(dataset, geometry, ViewState(1960, 1960))
    assert trace(fig, "spine:niigata>chongjin").line.dash == "solid"


def test_uncertain_destinations_are_drawn_apart_and_fainter(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1975, 1975))
    for key in ("niigata>chongjin?", "niigata>wonsan?"):
        band = trace(fig, f"route:{key}")
        assert band.line.width > 0 and band.opacity < 0.5
    assert trace(fig, "route:niigata>chongjin").line.width == 0


def test_departure_without_destination_is_a_ring_not_a_line(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1956, 1956))
    ring = trace(fig, "portless")
    moji = dataset.place_rows["moji"]
    assert list(ring.lon) == [moji.lon] and "23" in ring.text[0]
    assert all(trace(fig, f"route:{k}").line.width == 0 for k in geometry.route_keys)


def test_figure_carries_every_view_property(dataset, geometry):
    state = ViewState(1959, 1984, port="niigata")
    _map(dataset, geometry, ViewState(1960, 1960))  # one view's figure must not leak into the next
    fig = build_map_figure(dataset, geometry, state)
    for (index, path), value in view_updates(dataset, geometry, state).items():
        node = fig["data"][index]
        for key in path.split("."):
            node = node[key]
        assert json.loads(json.dumps(node, default=list)) == json.loads(json.dumps(value)), path


def test_only_documented_counts_are_shaded(dataset, geometry):
    fig = _map(dataset, geometry, ViewState(1960, 1960))
    japan = trace(fig, "japan")
    shaded = {loc for loc, z in zip(japan.locations, japan.z) if z}
    assert shaded == {r.region_id for r in dataset.origin_counts.itertuples()}


def test_sea_is_labelled_with_both_names(dataset, geometry):
    for lang, names in (("en", ("Sea of Japan", "East Sea")), ("ja", ("日本海", "東海")), ("ko", ("동해", "일본해"))):
        fig = _map(dataset, geometry, ViewState(1960, 1960, lang=lang))
        label = trace(fig, "sea_label").text[0]
        assert all(n in label for n in names)


def test_unknown_year_is_never_drawn_as_zero(fixture_dataset):
    fig = go.Figure(build_bar_figure(fixture_dataset, ViewState(1957, 1957)))
    labels = dict(zip(fig.data[len(SLOTS)].x, fig.data[len(SLOTS)].text))
    assert labels[1957] == "?" and labels[1968] == "0"
    markers = fig.data[len(SLOTS) + 1]
    hover = dict(zip(markers.x, markers.hovertext))
    assert "unknown" in hover[1957]


def test_bars_show_every_year_whatever_the_selection(dataset):
    """The chosen years are only a shading (drawn in the browser): every year keeps its bar,
    and the chart's data for other filters lands on the same traces."""
    fig = build_bar_figure(dataset, ViewState(1960, 1961))
    other = build_bar_figure(dataset, ViewState(1947, 1947))
    assert [t.get("x") for t in other["data"]] == [t.get("x") for t in fig["data"]]
    bars = {t["name"]: dict(zip(t["x"], t["y"])) for t in fig["data"] if t["type"] == "bar"}
    assert bars["documented"][1960] == 49_036
    for path, value in bar_data(dataset, ViewState(1960, 1960, port="moji"))["assign"]:
        assert path[0] == "data" and path[1] < len(fig["data"]) and path[2] in fig["data"][path[1]]


def _drawn(dataset, geometry, start, view, frames_view=None, frames=None, range_=None, shown=""):
    """The map as the page draws it: ``start`` built by the server, then the frames applied in
    node by assets/view.js, exactly as the browser applies them."""
    figure = json.loads(json.dumps(build_map_figure(dataset, geometry, start), default=list))
    out = run_script("draw_map.js", {"figure": figure, "view": view.to_dict(), "frames": frames,
                                     "frames_view": frames_view.to_dict() if frames_view else None,
                                     "range": range_, "shown": shown})
    return out["figure"], out["shown"]


def _plain(fig):
    return json.loads(json.dumps(fig, default=list))


@pytest.mark.parametrize("filters", [{}, {"port": "niigata", "lang": "ja"}, {"region": "JP-15", "layer": "1945"}])
def test_the_browser_draws_every_single_year_from_the_frames(dataset, geometry, filters):
    """From the page's view (a range) or from another single year, the browser's drawing of a
    year's frame is exactly the map the server builds for that year."""
    frames = year_frames(dataset, geometry, ViewState(1959, 1984, **filters), key="")
    assert set(frames["frames"]) == {str(y) for y in dataset.years}
    for year, before in ((1947, None), (1961, 1960), (1968, 1967), (1984, 1947)):
        start = ViewState(1959, 1984, **filters) if before is None else ViewState(before, before, **filters)
        view = ViewState(year, year, **filters)
        drawn, shown = _drawn(dataset, geometry, start, view, frames_view=view, frames=frames)
        assert shown and drawn == _plain(build_map_figure(dataset, geometry, view)), (year, before)


def test_the_browser_draws_a_range_and_another_layer_from_the_range_frame(dataset, geometry):
    view = ViewState(1959, 1967, region="KP-09", layer="1945")
    drawn, _ = _drawn(dataset, geometry, ViewState(1960, 1960), view,
                      range_=range_frame(dataset, geometry, view))
    assert drawn == _plain(build_map_figure(dataset, geometry, view))
    assert range_frame(dataset, geometry, ViewState(1960, 1960)) is None   # one year: in the frames


def test_frames_for_other_filters_draw_nothing(dataset, geometry):
    frames = year_frames(dataset, geometry, ViewState(1960, 1960), key="")
    start = ViewState(1960, 1960)
    drawn, shown = _drawn(dataset, geometry, start, ViewState(1961, 1961, port="moji"),
                          frames_view=ViewState(1961, 1961), frames=frames)
    assert shown is None and drawn == _plain(build_map_figure(dataset, geometry, start))


def test_map_of_the_fixture_with_an_estimated_year(fixture_dataset):
    geometry = build_geometry(fixture_dataset)
    fig = _map(fixture_dataset, geometry, ViewState(1962, 1962))
    spine = trace(fig, "spine:niigata>chongjin")
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
