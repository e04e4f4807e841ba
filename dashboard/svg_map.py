"""The view's map as static SVG, drawn on the server (GeoPandas and Shapely): for the first
screen the server paints (``page_scripts``) and for print or a handout page.

It draws what the live Plotly map draws (``figures/map.py``) from the same data: the region
shading, the routes' widths, colours and dashes (``view_updates``, so the two cannot drift
apart), the ports, the rings of departures with no recorded destination, on the same Mercator
projection and extent (``GEO_VIEW``). A status looks as it does on the live map and in the
legend (``styles.STATUS_STYLE``: colour and dash). A region with no documented count is drawn
in the neutral land colour and marked ``not-recorded``, never as a zero.

Kept small to be inlined in the page: the layers are clipped to the extent, simplified to
under a pixel and written with integer pixel coordinates (a few tens of KB).
"""

from __future__ import annotations

import math
from html import escape

import numpy as np
import shapely
from geodata import Dataset

from . import styles
from .figures.geometry import MapGeometry, korea_layer
from .figures.map import GEO_VIEW, view_updates
from .i18n import t
from .profiles import profile_for
from .state import ViewState

#: the drawing's width in pixels (its height follows the extent on Mercator); the SVG scales
#: to its box, keeping its aspect like Plotly's geo subplot does
WIDTH = 900
#: simplification tolerance in pixels of that width
TOLERANCE_PX = 1.2


def _merc(lat):
    return np.degrees(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


_LON0, _LON1 = GEO_VIEW["lonaxis_range"]
_LAT0, _LAT1 = GEO_VIEW["lataxis_range"]
# as Plotly's geo does: the range's height on the projection, centred on the middle latitude
# in degrees (not the projected middle), so the drawing sits where the live map will
_HALF = float(_merc(_LAT1) - _merc(_LAT0)) / 2
_Y0 = float(_merc((_LAT0 + _LAT1) / 2)) + _HALF  # the top (north)
_SCALE = WIDTH / (_LON1 - _LON0)
HEIGHT = round(2 * _HALF * _SCALE)


def project(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Longitude/latitude to the drawing's pixels (x right, y down)."""
    x = (np.asarray(lon, dtype=float) - _LON0) * _SCALE
    y = (_Y0 - _merc(np.asarray(lat, dtype=float))) * _SCALE
    return x, y


def _project_xy(xy: np.ndarray) -> np.ndarray:
    x, y = project(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _path(geom) -> str:
    """An SVG path of a projected (multi)polygon, in whole pixels, each ring in relative moves."""
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            pts = np.round(np.asarray(ring.coords)).astype(int)
            keep = np.ones(len(pts), bool)
            keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
            pts = pts[keep]
            if len(pts) < 4:
                continue
            steps = np.diff(pts[:-1], axis=0)  # relative moves: shorter than absolute ones
            parts.append(f"M{pts[0][0]},{pts[0][1]}l" + " ".join(f"{dx},{dy}" for dx, dy in steps) + "z")
    return "".join(parts)


def layer_paths(dataset: Dataset, layer: str) -> dict[str, str]:
    """Each region of ``layer`` as an SVG path, clipped to the map's extent (cached per dataset)."""
    gdf = dataset.layers[layer]
    cached = _PATHS.get(id(gdf))
    if cached is None or cached[0] is not gdf:
        geoms = shapely.transform(gdf.geometry.values, _project_xy)
        geoms = shapely.clip_by_rect(geoms, -2, -2, WIDTH + 2, HEIGHT + 2)
        geoms = shapely.simplify(geoms, TOLERANCE_PX, preserve_topology=True)
        cached = _PATHS[id(gdf)] = (gdf, {rid: _path(g) for rid, g in zip(gdf["id"], geoms) if not g.is_empty})
    return cached[1]


#: id of a layer's GeoDataFrame -> (the frame, kept so its id is not reused; its paths)
_PATHS: dict[int, tuple] = {}


def _dasharray(dash: str, width: float) -> str:
    """Plotly's dash patterns (src/components/drawing dashStyle), in pixels."""
    d = max(width, 3)
    pattern = {"dot": (d, d), "dash": (3 * d, 3 * d), "longdash": (5 * d, 5 * d),
               "dashdot": (3 * d, d, d, d), "longdashdot": (5 * d, 2 * d, d, 2 * d)}.get(dash)
    return ",".join(f"{v:g}" for v in pattern) if pattern else ""


def _points(lons, lats) -> str:
    x, y = project(lons, lats)
    return " ".join(f"{a:.1f},{b:.1f}" for a, b in zip(x, y))


def _regions(dataset, geometry, updates, role, layer, colours, css) -> list[str]:
    """One layer's regions: shaded (z = 1) or neutral, the selected one outlined."""
    idx = geometry.trace_index[role]
    ids = geometry.ids[layer]
    z = updates.get((idx, "z"), [0] * len(ids))
    widths = updates.get((idx, "marker.line.width"), [0.5] * len(ids))
    lines = updates.get((idx, "marker.line.color"), [styles.BORDER_COLOUR] * len(ids))
    paths = layer_paths(dataset, layer)
    out = [f'<g class="{css}" stroke-linejoin="round">']
    for rid, shade, width, line in zip(ids, z, widths, lines):
        if rid not in paths or not paths[rid]:
            continue
        state = "shaded" if shade else "not-recorded"
        out.append(f'<path data-region="{escape(rid)}" class="{state}" fill="{colours[1] if shade else colours[0]}"'
                   f' stroke="{line}" stroke-width="{width:g}" d="{paths[rid]}"/>')
    out.append("</g>")
    return out


def view_svg(dataset: Dataset, geometry: MapGeometry, state: ViewState) -> str:
    """The map of ``state`` as one ``<svg>`` element, titled in the view's language."""
    lang = state.lang
    profile = profile_for(state.mode)
    updates = view_updates(dataset, geometry, state)
    idx = geometry.trace_index
    label = escape(t(lang, "map_title"))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="static-map" viewBox="0 0 {WIDTH} {HEIGHT}"'
           f' preserveAspectRatio="xMidYMid meet"'
           f' font-family="{escape(styles.FONT_FAMILY)}" role="img" aria-label="{label}" lang="{lang}">',
           f"<title>{label}</title>",
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{styles.SEA_COLOUR}"/>']
    # the countries, Japan's prefectures (shaded where a documented count exists), Korea's
    # provinces (the documented share of origins), the eight regions' outlines
    out += _regions(dataset, geometry, {}, "countries", "countries",
                    (styles.OTHER_LAND_COLOUR, styles.OTHER_LAND_COLOUR), "countries")
    out += _regions(dataset, geometry, updates, "japan", "jp_prefectures",
                    (styles.LAND_COLOUR, styles.ORIGIN_SCALE[0][1]), "japan")
    out += _regions(dataset, geometry, updates, "korea", korea_layer(state),
                    (styles.LAND_COLOUR, styles.ORIGIN_SOUTH_COLOUR), "korea")
    regions = layer_paths(dataset, "jp_regions")
    out.append(f'<path class="region-lines" fill="none" stroke="{styles.REGION_BORDER_COLOUR}" stroke-width="1.2"'
               f' d="{"".join(regions.values())}"/>')
    # the routes: a band whose width is persons, and a dark spine whose dash tells the status
    arrows = zip(updates[(idx["arrows"], "marker.size")], updates[(idx["arrows"], "marker.color")],
                 updates[(idx["arrows"], "marker.symbol")])
    out.append('<g class="routes" fill="none" stroke-linecap="round">')
    heads = []
    for key, (size, colour, symbol) in zip(geometry.route_keys, arrows):
        width = updates[(idx[f"route:{key}"], "line.width")]
        if not width:
            continue
        lons, lats = geometry.curves[key]
        points = _points(lons, lats)
        band = updates[(idx[f"route:{key}"], "line.color")]
        opacity = updates[(idx[f"route:{key}"], "opacity")]
        spine = updates[(idx[f"spine:{key}"], "line.width")]
        dash = _dasharray(updates[(idx[f"spine:{key}"], "line.dash")], spine)
        out.append(f'<g class="route" data-route="{escape(key)}">'
                   f'<polyline points="{points}" stroke="{band}" stroke-width="{width:g}" opacity="{opacity:g}"/>'
                   f'<polyline points="{points}" stroke="{styles.SPINE_COLOUR}" stroke-width="{spine:g}"'
                   + (f' stroke-dasharray="{dash}"' if dash else "") + "/></g>")
        # the arrowhead at the route's end, pointing along its last segment
        x, y = project(lons[-1], lats[-1])
        x0, y0 = project(lons[-3], lats[-3])
        angle = math.degrees(math.atan2(float(x - x0), float(y0 - y)))
        r = size / 2
        fill = "none" if symbol.endswith("-open") else colour
        heads.append(f'<path transform="translate({float(x):.1f},{float(y):.1f}) rotate({angle:.0f})"'
                     f' d="M0,{-r:.1f}L{r * 0.87:.1f},{r / 2:.1f}L{-r * 0.87:.1f},{r / 2:.1f}Z"'
                     f' fill="{fill}" stroke="{colour}" stroke-width="1.5"/>')
    out += heads
    out.append("</g>")
    # departures with no recorded destination: a ring at the port, never a guessed line
    i = idx["portless"]
    for lon, lat, text in zip(updates[(i, "lon")], updates[(i, "lat")], updates[(i, "text")]):
        x, y = project(lon, lat)
        out.append(f'<g class="portless"><circle cx="{float(x):.1f}" cy="{float(y):.1f}" r="13" fill="none"'
                   f' stroke="{styles.STATUS_STYLE["documented"][0]}" stroke-width="2.5"/>'
                   f'<text x="{float(x):.1f}" y="{float(y) + 28:.1f}" text-anchor="middle"'
                   f' font-size="{profile.map_label_size}">{escape(text)}</text></g>')
    # the ports: circles where people left, squares where they arrived; open if uncertain
    places = dataset.places
    size = profile.map_marker_size
    out.append(f'<g class="ports" font-size="{profile.map_label_size}" fill="#111">')
    for kind in ("embarkation_port", "destination_port"):
        ports = places[places["kind"] == kind]
        for pid, lon, lat, name, uncertain in zip(ports["id"], ports["lon"], ports["lat"], ports[f"name_{lang}"],
                                                  ports["uncertain"]):
            x, y = (float(v) for v in project(lon, lat))
            fill = "white" if uncertain == "yes" else styles.EMBARK_COLOUR
            stroke = styles.EMBARK_COLOUR if uncertain == "yes" else "white"
            if kind == "embarkation_port":
                mark = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size / 2:g}"'
                text = f'<text x="{x + size:.1f}" y="{y + 4:.1f}">{escape(str(name))}</text>'
            else:
                mark = f'<rect x="{x - size / 2:.1f}" y="{y - size / 2:.1f}" width="{size}" height="{size}"'
                text = f'<text x="{x - size:.1f}" y="{y + 4:.1f}" text-anchor="end">{escape(str(name))}</text>'
            out.append(f'<g class="port" data-port="{escape(pid)}">{mark} fill="{fill}" stroke="{stroke}"'
                       f' stroke-width="1.5"/>{text}</g>')
    out.append("</g>")
    x, y = project(137.3, 42.4)
    out.append(f'<text class="sea-label" x="{float(x):.1f}" y="{float(y):.1f}" text-anchor="middle"'
               f' font-size="{profile.sea_label_size}" fill="#3c5a73">{escape(t(lang, "sea_name"))}</text>')
    out.append("</svg>")
    return "".join(out)
