"""What a download holds: the flow rows of a view as CSV or GeoJSON.

Pure functions: (dataset, view) in, text out. A selected region is said for what it is on
every row (``region_relation``): the row's port lies in the region, its port is uncertain or
not recorded, or the region holds no port at all (then the rows are every flow of the years,
and how many of those people had lived in the region is not recorded).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import geopandas as gpd
from shapely.geometry import LineString, Point

from geodata import DATASET_VERSION, Dataset

from .citation import citation_text
from .figures.geometry import MapGeometry
from .queries import IN, UNCERTAIN, UNRECORDED, region_scope, route_key, selected_flows, verdict
from .state import ViewState
from .summary import summary_sentence

EXPORT_COLUMNS = ("id", "year", "embark_port_id", "dest_port_id", "dest_alternatives", "persons",
                  "sailings", "status", "drawn", "reading_of", "source_ids", "formula", "note", "region_relation")

REGION_MEANING = ("region: the rows whose port of departure (Japan) or arrival (Korea) lies in the region; "
                  "no published breakdown of where the returnees had lived by prefecture or province was found")


def region_relation(dataset: Dataset, row, state: ViewState) -> str:
    """How a flow row stands to the view's region, in words a spreadsheet keeps."""
    if not state.region:
        return ""
    scope = region_scope(dataset, state.region)
    if scope == "none":
        return "region holds no port; residence not published"
    if scope == "all":
        return "whole country"
    return {IN: "port in region", UNCERTAIN: "port uncertain", UNRECORDED: "port not recorded"}.get(
        verdict(dataset, row, state), "port outside region")


def flows_csv(dataset: Dataset, state: ViewState) -> str:
    """The flow rows of a view (with alternative readings), unknown persons left empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in selected_flows(dataset, state, include_readings=True):
        values = []
        for column in EXPORT_COLUMNS:
            value = region_relation(dataset, row, state) if column == "region_relation" else getattr(row, column)
            if isinstance(value, tuple):
                value = ";".join(value)
            elif value is None:
                value = ""  # unknown stays empty, never 0
            elif column == "drawn":
                value = "yes" if value else "no"
            values.append(value)
        writer.writerow(values)
    return out.getvalue()


def export_metadata(dataset: Dataset, state: ViewState, permalink: str = "", accessed: date | None = None) -> dict:
    """What a download says of itself: the dataset, the view's summary (the same sentence as
    the page: the programme apart from the episodes before it) and, given the view's link and
    the day, its citation."""
    meta = {"dataset_version": DATASET_VERSION, "fingerprint": dataset.fingerprint,
            "crs": "EPSG:4326", "note": "persons null means unknown, not zero",
            "summary": summary_sentence(dataset, state)}
    if permalink and accessed is not None:
        meta["citation"] = citation_text(dataset, state, permalink, accessed)
    if state.region:
        meta.update({"region": state.region, "region_meaning": REGION_MEANING})
    return meta


def flows_geojson(dataset: Dataset, geometry: MapGeometry, state: ViewState, permalink: str = "",
                  accessed: date | None = None) -> str:
    """Drawn flows of a view as GeoJSON: the drawn arc for each route, a point at the port
    of departure where the destination is not recorded; its metadata as ``export_metadata``."""
    records = []
    for row in selected_flows(dataset, state):
        if not row.embark_port_id:
            continue
        uncertain = bool(row.dest_alternatives)
        dests = [row.dest_port_id, *row.dest_alternatives] if row.dest_port_id else [""]
        for dest in dests:
            if dest:
                lons, lats = geometry.curves[route_key(row.embark_port_id, dest, uncertain)]
                shape = LineString(zip(lons, lats))
            else:
                port = dataset.place_rows[row.embark_port_id]
                shape = Point(port.lon, port.lat)
            records.append({
                "flow_id": row.id, "year": int(row.year), "embark_port_id": row.embark_port_id,
                "dest_port_id": dest or None, "dest_uncertain": uncertain, "persons": row.persons,
                "status": row.status, "source_ids": ";".join(row.source_ids), "note": row.note,
                "region_relation": region_relation(dataset, row, state), "geometry": shape,
            })
    frame = gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326") if records else \
        gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    data = json.loads(frame.to_json(na="null"))
    data["metadata"] = export_metadata(dataset, state, permalink, accessed)
    return json.dumps(data, ensure_ascii=False)
