"""The map figure: the base figure for a language, layer and mode, and the view's
properties (``view_updates``) set on it.

Trace order is fixed (see ``MapGeometry.trace_index``; every trace is named by its role) so a
view change only rewrites widths, sizes, colours and hover texts of existing traces. The
browser draws every change (assets/view.js ``mapAssignments``) from data the server sends:
``year_frames`` for each single year of the view's filters, ``range_frame`` for a range of
years. The geometry is in ``geometry.py``, the hover texts and region shading in ``hover.py``.
"""

from __future__ import annotations

import json
from dataclasses import replace

import plotly.graph_objects as go
from geodata import Dataset

from .. import styles
from ..i18n import t
from ..profiles import profile_for
from ..queries import combine, origin_counts_in, portless_flows, routes
from ..state import ViewState
from . import hover
from .geometry import MapGeometry, arrow_angle, korea_layer

GEO_VIEW = dict(lonaxis_range=[119.7, 145.7], lataxis_range=[30.5, 45.5])


def _region_trace(geometry, dataset, layer, lang, colour, name) -> go.Choropleth:
    ids = geometry.ids[layer]
    names = geometry.names[layer][lang]
    return go.Choropleth(
        geojson=geometry.geojson_urls[layer], featureidkey="properties.id", locations=ids,
        z=[0] * len(ids), zmin=0, zmax=1, colorscale=[[0, colour], [1, colour]], showscale=False,
        marker_line_color=styles.BORDER_COLOUR, marker_line_width=0.5,
        text=[names[i] for i in ids], hovertemplate="%{text}<extra></extra>", name=name,
    )


def build_map_figure(dataset: Dataset, geometry: MapGeometry, state: ViewState) -> dict:
    """The whole map for a view, as a plain figure dict. Built once per page load (the
    browser draws later changes from frames): the base for the language, layer and mode,
    with the view's properties set on the few traces they touch."""
    fig = _base_figure(dataset, geometry, state).to_plotly_json()
    for (i, path), value in view_updates(dataset, geometry, state).items():
        *parents, last = path.split(".")
        node = fig["data"][i]
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value
    return fig


def _base_figure(dataset: Dataset, geometry: MapGeometry, state: ViewState) -> go.Figure:
    lang = state.lang
    profile = profile_for(state.mode)
    places = dataset.places
    fig = go.Figure()
    fig.add_trace(_region_trace(geometry, dataset, "countries", lang, styles.OTHER_LAND_COLOUR, "countries"))
    fig.add_trace(_region_trace(geometry, dataset, "jp_prefectures", lang, styles.LAND_COLOUR, "japan"))
    fig.add_trace(_region_trace(geometry, dataset, korea_layer(state), lang, styles.LAND_COLOUR, "korea"))
    # the eight regions' outlines: a see-through choropleth on the layer's GeoJSON file (no
    # coordinates in the page), skipped by hover so clicks still reach the prefectures
    region_ids = geometry.ids["jp_regions"]
    fig.add_trace(go.Choropleth(
        geojson=geometry.geojson_urls["jp_regions"], featureidkey="properties.id", locations=region_ids,
        z=[0] * len(region_ids), zmin=0, zmax=1, colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False, hoverinfo="skip", name="jp_region_lines",
        marker_line_color=styles.REGION_BORDER_COLOUR, marker_line_width=1.2))
    # each route: a band whose width is persons, and a thin dark spine whose dash tells
    # the status, so status never depends on colour alone and wide dots never appear
    for role in ("route", "spine"):
        for key in geometry.route_keys:
            rl, rt = geometry.curves[key]
            fig.add_trace(go.Scattergeo(lon=rl, lat=rt, mode="lines", hoverinfo="skip", name=f"{role}:{key}",
                                        line=dict(width=0, color=styles.SPINE_COLOUR)))
    ends = [geometry.curves[k] for k in geometry.route_keys]
    fig.add_trace(go.Scattergeo(
        lon=[c[0][-1] for c in ends], lat=[c[1][-1] for c in ends], mode="markers", hoverinfo="skip",
        name="arrows", marker=dict(symbol="triangle-up", size=[0] * len(ends),
                                   angle=[arrow_angle(*c) for c in ends], angleref="up",
                                   color=[styles.STATUS_STYLE["documented"][0]] * len(ends))))
    mids = [(c[0][len(c[0]) // 2], c[1][len(c[1]) // 2]) for c in ends]
    fig.add_trace(go.Scattergeo(
        lon=[m[0] for m in mids], lat=[m[1] for m in mids], mode="markers", name="route_hover",
        customdata=list(geometry.route_keys), text=[""] * len(mids),
        hovertemplate="%{text}<extra></extra>",
        marker=dict(size=14, color="rgba(0,0,0,0)")))
    fig.add_trace(go.Scattergeo(lon=[], lat=[], mode="markers+text", name="portless", text=[],
                                hovertemplate="%{hovertext}<extra></extra>", textposition="bottom center",
                                marker=dict(symbol="circle-open", size=26, line=dict(width=2.5),
                                            color=styles.STATUS_STYLE["documented"][0])))
    for kind, symbol, role in (("embarkation_port", "circle", "ports_embark"),
                               ("destination_port", "square", "ports_dest")):
        ports = places[places["kind"] == kind]
        symbols = [f"{symbol}-open" if u == "yes" else symbol for u in ports["uncertain"]]
        fig.add_trace(go.Scattergeo(
            lon=list(ports["lon"]), lat=list(ports["lat"]), mode="markers+text", name=role,
            text=list(ports[f"name_{lang}"]), customdata=list(ports["id"]),
            textposition="middle right" if kind == "embarkation_port" else "middle left",
            textfont=dict(size=profile.map_label_size, color="#111"),
            hovertext=[""] * len(ports), hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(symbol=symbols, size=profile.map_marker_size, color=styles.EMBARK_COLOUR,
                        line=dict(color="white", width=1.5))))
    fig.add_trace(go.Scattergeo(lon=[137.3], lat=[42.4], mode="text", text=[t(lang, "sea_name")],
                                hoverinfo="skip", name="sea_label",
                                textfont=dict(size=profile.sea_label_size, color="#3c5a73")))
    fig.update_geos(
        projection_type="mercator", showland=False, showocean=False, showcoastlines=False,
        showcountries=False, showlakes=False, showframe=False, bgcolor=styles.SEA_COLOUR,
        **GEO_VIEW,
    )
    fig.add_annotation(  # said on the map itself, so no one reads Japan's blank prefectures as zero
        text=t(lang, "map_no_breakdown"), x=0.01, y=0.01, xref="paper", yref="paper", xanchor="left",
        yanchor="bottom", showarrow=False, align="left", bgcolor="rgba(255,255,255,0.85)",
        font=dict(size=profile.map_note_size, color="#333"))
    fig.update_layout(
        margin=dict(l=0, r=0, t=0, b=0), showlegend=False, paper_bgcolor=styles.SEA_COLOUR,
        font=dict(family=styles.FONT_FAMILY), dragmode=False if profile.touch_only else "pan",
        uirevision="map", clickmode="event",
        hoverlabel=dict(font=dict(family=styles.FONT_FAMILY, size=14)),
    )
    return fig


def view_updates(dataset: Dataset, geometry: MapGeometry, state: ViewState) -> dict:
    """Every view-dependent property of the map, as ``{(trace index, path): value}``.

    The full figure and the browser's frames are both made from this, so they cannot drift apart.
    """
    lang = state.lang
    idx = geometry.trace_index
    selected = routes(dataset, state)
    updates: dict = {}
    arrow_sizes, arrow_colours, arrow_symbols, hover_texts = [], [], [], []
    for key in geometry.route_keys:
        route = selected.get(key)
        i, j = idx[f"route:{key}"], idx[f"spine:{key}"]
        if route is None or route.total.persons == 0:
            # the same keys as a drawn route, so any patch lands on a well-defined figure
            updates[(i, "line.width")] = 0
            updates[(i, "line.color")] = styles.SPINE_COLOUR
            updates[(i, "opacity")] = 1
            updates[(j, "line.width")] = 0
            updates[(j, "line.dash")] = "solid"
            arrow_sizes.append(0)
            arrow_colours.append(styles.STATUS_STYLE["documented"][0])
            arrow_symbols.append("triangle-up")
            hover_texts.append("")
            continue
        colour, dash, _ = styles.STATUS_STYLE[route.total.status]
        width = styles.width_for(route.total.persons, geometry.reference_persons)
        updates[(i, "line.width")] = width
        updates[(i, "line.color")] = colour
        updates[(i, "opacity")] = 0.35 if route.uncertain else 0.75
        updates[(j, "line.width")] = 1.6
        updates[(j, "line.dash")] = dash
        arrow_sizes.append(round(12 + width * 0.7, 1))
        arrow_colours.append(colour)
        arrow_symbols.append("triangle-up-open" if route.uncertain else "triangle-up")
        hover_texts.append(hover._route_hover(route, dataset, lang))
    updates[(idx["arrows"], "marker.size")] = arrow_sizes
    updates[(idx["arrows"], "marker.color")] = arrow_colours
    updates[(idx["arrows"], "marker.symbol")] = arrow_symbols
    updates[(idx["route_hover"], "text")] = hover_texts
    updates[(idx["route_hover"], "marker.size")] = [14 if h else 0 for h in hover_texts]

    for role, texts in hover.port_hovers(dataset, state).items():
        updates[(idx[role], "hovertext")] = texts

    # departures with no recorded destination: a ring at the port, never a guessed line
    by_port: dict[str, list] = {}
    for row in portless_flows(dataset, state):
        if row.embark_port_id:
            by_port.setdefault(row.embark_port_id, []).append(row)
    ring_lon, ring_lat, ring_text, ring_hover = [], [], [], []
    for port, rows in by_port.items():
        place = dataset.place_rows[port]
        label, text = hover._portless_hover(place, rows, combine(rows), lang)
        ring_lon.append(float(place.lon))
        ring_lat.append(float(place.lat))
        ring_text.append(label)
        ring_hover.append(text)
    i = idx["portless"]
    updates[(i, "lon")] = ring_lon
    updates[(i, "lat")] = ring_lat
    updates[(i, "text")] = ring_text
    updates[(i, "hovertext")] = ring_hover

    # prefectures: shaded only where a documented count exists; the rest stay neutral
    counts = tuple(r for r in origin_counts_in(dataset, state) if r.persons is not None)
    z, text = hover._prefecture_shading(dataset, geometry, counts, lang)
    j = idx["japan"]
    updates[(j, "z")] = z
    updates[(j, "text")] = text
    updates[(j, "colorscale")] = [[0, styles.LAND_COLOUR], [1, styles.ORIGIN_SCALE[0][1]]]
    # Korea: where Koreans in Japan came from (a documented share), shaded on either layer;
    # the same for every year
    layer = korea_layer(state)
    z, text = hover._korea_shading(dataset, geometry, layer, lang)
    k = idx["korea"]
    updates[(k, "geojson")] = geometry.geojson_urls[layer]
    updates[(k, "locations")] = geometry.ids[layer]
    updates[(k, "z")] = z
    updates[(k, "text")] = text
    updates[(k, "colorscale")] = [[0, styles.LAND_COLOUR], [1, styles.ORIGIN_SOUTH_COLOUR]]

    selected_region = state.region
    for role, layer in (("japan", "jp_prefectures"), ("korea", korea_layer(state)), ("countries", "countries")):
        ids = geometry.ids[layer]
        updates[(idx[role], "marker.line.width")] = [2.5 if r == selected_region else 0.5 for r in ids]
        updates[(idx[role], "marker.line.color")] = [
            styles.SELECTED_COLOUR if r == selected_region else styles.BORDER_COLOUR for r in ids]
    return updates


def year_frames(dataset: Dataset, geometry: MapGeometry, state: ViewState, key: str) -> dict:
    """What the map needs for every single year of the view's filters, language and layer,
    sent once so the browser can draw a year step alone (assets/view.js ``mapAssignments``).

    ``keys`` lists the view properties (trace index, dotted path); ``values`` holds each
    distinct value once; ``frames[year]`` gives, per key, the index of its value in that year.
    A key's value for a year is exactly ``view_updates`` of that single year. ``key`` is the
    browser's own name for these filters (``filtersKey``), sent back as it came."""
    keys: list = []
    values: list = []
    seen: dict[str, int] = {}
    frames: dict[str, list[int]] = {}
    for year in dataset.years:
        updates = view_updates(dataset, geometry, replace(state, year_from=year, year_to=year))
        if not keys:
            keys = list(updates)
        row = []
        for prop in keys:
            text = json.dumps(updates[prop], separators=(",", ":"))
            if text not in seen:
                seen[text] = len(values)
                values.append(updates[prop])
            row.append(seen[text])
        frames[str(year)] = row
    return {"key": key, "keys": [[i, path] for i, path in keys], "values": values, "frames": frames}


def range_frame(dataset: Dataset, geometry: MapGeometry, state: ViewState) -> dict | None:
    """The map's view properties for the view's range of years (one year is in the year
    frames: None), named by the view it draws."""
    if state.year_from == state.year_to:
        return None
    updates = view_updates(dataset, geometry, state)
    return {"view": state.to_dict(), "keys": [[i, path] for i, path in updates], "values": list(updates.values())}
