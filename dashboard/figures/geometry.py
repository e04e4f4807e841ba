"""The map's geometry: everything about the map that does not depend on the view, built
once at start-up (the layers as GeoJSON, the route curves, the fixed trace order)."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass

import numpy as np
import shapely

from geodata import Dataset

from ..queries import all_route_keys, parse_route_key
from ..state import LANGS, ViewState

CURVE_POINTS = 24

#: decimals of the coordinates the browser draws: 0.01° (~1 km) is under half the layers'
#: simplification tolerance (geodata/build_layers.py, 0.02°), so it loses nothing the layers
#: still have, and it cuts the GeoJSON the page loads by a third. Shared borders round alike.
DRAWN_DECIMALS = 2


def _geojson(gdf) -> dict:
    """Features with only the id kept (names go to hover text, not to every payload), with
    coordinates rounded to what the map can show."""
    slim = gdf[["id", "geometry"]].copy()
    slim["geometry"] = shapely.transform(slim.geometry.values, lambda xy: np.round(xy, DRAWN_DECIMALS))
    return json.loads(slim.to_json(drop_id=True))


def curve(lon0, lat0, lon1, lat1, bend=0.18) -> tuple[list[float], list[float]]:
    """A quadratic Bézier arc from port to port, bent to the right of travel, so two
    routes between nearby ports stay apart and direction reads as a sweep."""
    mx, my = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    dx, dy = lon1 - lon0, lat1 - lat0
    cx, cy = mx + dy * bend, my - dx * bend
    s = np.linspace(0.0, 1.0, CURVE_POINTS)
    lons = (1 - s) ** 2 * lon0 + 2 * (1 - s) * s * cx + s**2 * lon1
    lats = (1 - s) ** 2 * lat0 + 2 * (1 - s) * s * cy + s**2 * lat1
    return [round(v, 4) for v in lons], [round(v, 4) for v in lats]


def _mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def arrow_angle(lons, lats) -> float:
    """Screen angle (degrees clockwise from up) of the last segment on a Mercator map."""
    dx = lons[-1] - lons[-3]
    dy = _mercator_y(lats[-1]) - _mercator_y(lats[-3])
    return round(math.degrees(math.atan2(dx, dy)), 1)


@dataclass(frozen=True)
class MapGeometry:
    """Everything about the map that does not depend on the view: built once."""

    geojson: dict            # layer name -> FeatureCollection (ids only)
    geojson_bytes: dict      # layer name -> the same, serialised once, served as a static file
    geojson_urls: dict       # layer name -> content-hashed URL the map fetches (browser-cached)
    ids: dict                # layer name -> feature ids in drawing order
    names: dict              # layer name -> lang -> id -> name
    halves: dict             # Korean layer -> id -> "south" | "north" | "straddles"
    route_keys: tuple[str, ...]
    curves: dict             # route key -> (lons, lats)
    reference_persons: int   # persons drawn at MAX_WIDTH_PX on the fixed scale
    trace_index: dict        # role -> index of its trace


def build_geometry(dataset: Dataset) -> MapGeometry:
    geojson = {name: _geojson(gdf) for name, gdf in dataset.layers.items()}
    geojson_bytes = {name: json.dumps(fc, separators=(",", ":")).encode() for name, fc in geojson.items()}
    geojson_urls = {name: f"/geo/{name}.{hashlib.sha256(body).hexdigest()[:12]}.geojson"
                    for name, body in geojson_bytes.items()}
    layer_ids = {name: [f["properties"]["id"] for f in fc["features"]] for name, fc in geojson.items()}
    names = {name: {lang: dict(zip(gdf["id"], gdf[f"name_{lang}"])) for lang in LANGS}
             for name, gdf in dataset.layers.items()}
    halves = {layer: dict(zip(dataset.layers[layer]["id"], dataset.layers[layer].get(column, [""] * len(dataset.layers[layer]))))
              for layer, column in (("kr_provinces_today", "half"), ("kr_provinces_1945", "half_1945"))}
    places = dataset.places.set_index("id")
    keys = tuple(all_route_keys(dataset))
    curves = {}
    for key in keys:
        embark, dest, uncertain = parse_route_key(key)
        a, b = places.loc[embark], places.loc[dest]
        # uncertain candidates bend the other way, so they never hide a documented line
        curves[key] = curve(a["lon"], a["lat"], b["lon"], b["lat"], bend=-0.12 if uncertain else 0.18)
    # the largest single-year figure (1960) is drawn at MAX_WIDTH_PX on the fixed scale
    reference = max(r.persons for r in dataset.flow_records if r.drawn and r.persons is not None)
    roles = ["countries", "japan", "korea", "jp_region_lines"]
    roles += [f"route:{k}" for k in keys]
    roles += [f"spine:{k}" for k in keys]
    roles += ["arrows", "route_hover", "portless", "ports_embark", "ports_dest", "sea_label"]
    return MapGeometry(geojson, geojson_bytes, geojson_urls, layer_ids, names, halves, keys, curves, reference,
                       {r: i for i, r in enumerate(roles)})


def korea_layer(state: ViewState) -> str:
    """The Korean layer a view draws: today's provinces, or the 1945 ones."""
    return "kr_provinces_1945" if state.layer == "1945" else "kr_provinces_today"
