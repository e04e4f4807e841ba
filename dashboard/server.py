"""The Flask side: health check, downloads, security headers, compression.

Downloads take the same query as the page (``?from=1960&to=1961&port=niigata``) and nothing
else from the request: no file paths, no free text reaches the file system.
"""

from __future__ import annotations

import csv
import io
import json

import geopandas as gpd
from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException
from shapely.geometry import LineString, Point

from geodata import DATASET_VERSION, Dataset

from .config import Settings
from .figures.geometry import MapGeometry
from .queries import route_key, selected_flows
from .state import PARAMS, StateContext, parse_params

EXPORT_COLUMNS = ("id", "year", "embark_port_id", "dest_port_id", "dest_alternatives", "persons",
                  "sailings", "status", "drawn", "reading_of", "source_ids", "formula", "note")


def _state_from_request(context: StateContext):
    params = {name: request.args.get(name, "") for name in PARAMS}
    return parse_params(params, context)[0]


def flows_csv(dataset: Dataset, state) -> str:
    """The flow rows of a view (with alternative readings), unknown persons left empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in selected_flows(dataset, state, include_readings=True):
        values = []
        for column in EXPORT_COLUMNS:
            value = getattr(row, column)
            if isinstance(value, tuple):
                value = ";".join(value)
            elif value is None:
                value = ""  # unknown stays empty, never 0
            elif column == "drawn":
                value = "yes" if value else "no"
            values.append(value)
        writer.writerow(values)
    return out.getvalue()


def flows_geojson(dataset: Dataset, geometry: MapGeometry, state) -> str:
    """Drawn flows of a view as GeoJSON: the drawn arc for each route, a point at the port
    of departure where the destination is not recorded."""
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
                "dest_port_id": dest or None, "dest_uncertain": bool(row.dest_alternatives),
                "persons": row.persons,
                "status": row.status, "source_ids": ";".join(row.source_ids), "note": row.note,
                "geometry": shape,
            })
    frame = gpd.GeoDataFrame(records, geometry="geometry", crs="EPSG:4326") if records else \
        gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs="EPSG:4326")
    data = json.loads(frame.to_json(na="null"))
    data["metadata"] = {"dataset_version": DATASET_VERSION, "fingerprint": dataset.fingerprint,
                        "crs": "EPSG:4326", "note": "persons null means unknown, not zero"}
    return json.dumps(data, ensure_ascii=False)


def callback_body_problem(body) -> str:
    """What is wrong with a ``/_dash-update-component`` body, or "" if its shape is right."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    if not isinstance(body.get("output"), str):
        return "'output' is not a string"
    for key in ("inputs", "state"):
        items = body.get(key, [])
        if not isinstance(items, list):
            return f"'{key}' is not a list"
        for item in items:
            entries = item if isinstance(item, list) else [item]
            if not all(isinstance(e, dict) and "id" in e and isinstance(e.get("property"), str) for e in entries):
                return f"an entry of '{key}' is not an {{id, property, value}} object"
    return ""


def _static_geojson(body: bytes):
    def serve():
        # the URL carries a hash of the content: the browser may keep it for a year
        return Response(body, mimetype="application/geo+json",
                        headers={"Cache-Control": "public, max-age=31536000, immutable"})
    return serve


def content_security_policy(settings: Settings, script_hashes: list[str]) -> str:
    hashes = " ".join(script_hashes)  # already quoted by Dash
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {hashes}".strip(),
        # Dash components and Plotly set inline styles; no inline script is allowed.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        f"frame-ancestors {settings.frame_ancestors}",
    ])


# Responses a browser can only use as a subresource or a download, never render as a page
# that runs script: the document-only headers would be dead weight on them (~450 bytes
# each, ~30 of them on a first page load).
SUBRESOURCE_TYPES = frozenset({
    "text/javascript", "application/javascript", "application/json", "application/geo+json",
    "text/css", "text/csv", "image/png", "image/jpeg", "image/webp", "image/x-icon",
    "image/vnd.microsoft.icon", "application/octet-stream",
})


def is_subresource(response: Response) -> bool:
    if response.status_code == 204:
        return True  # no content (a callback with nothing to update): never shown as a page
    mimetype = response.mimetype or ""
    return mimetype in SUBRESOURCE_TYPES or mimetype.startswith("font/")


def add_security_headers(response: Response, settings: Settings, csp: str) -> Response:
    """Every response: ``nosniff`` (a script, stylesheet or JSON is never taken for another
    type). Responses that can be a document (HTML, SVG, plain text, errors, anything not known
    to be a subresource): also the CSP, the frame policy, the opener policy and the referrer
    policy; those take effect only on documents (and the referrer policy on stylesheets,
    whose ``url()`` requests follow it), so JS, JSON, GeoJSON, fonts and images go without."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    if response.mimetype == "text/css":
        response.headers["Referrer-Policy"] = "same-origin"
    if is_subresource(response):
        return response
    response.headers.setdefault("Content-Security-Policy", csp)
    # same-origin: other sites learn nothing; the page's own layout request names the
    # page, so the layout can arrive already built for the view in the URL
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if settings.frame_ancestors == "'none'":
        response.headers["X-Frame-Options"] = "DENY"
    return response


def install(server: Flask, dataset: Dataset, geometry: MapGeometry, context: StateContext,
            settings: Settings, csp: str) -> None:
    @server.route("/healthz")
    def healthz():
        body = {"status": "ok", "dataset_version": DATASET_VERSION, "fingerprint": dataset.fingerprint,
                "years": len(context.years)}
        return Response(json.dumps(body), mimetype="application/json",
                        headers={"Cache-Control": "no-store"})

    for name, url in geometry.geojson_urls.items():
        server.add_url_rule(url, f"geojson_{name}", _static_geojson(geometry.geojson_bytes[name]))

    @server.route("/export/flows.csv")
    def export_csv():
        body = flows_csv(dataset, _state_from_request(context))
        return Response(body, content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="returns-flows.csv"'})

    @server.route("/export/flows.geojson")
    def export_geojson():
        body = flows_geojson(dataset, geometry, _state_from_request(context))
        return Response(body, mimetype="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="returns-flows.geojson"'})

    @server.before_request
    def reject_malformed_callbacks():
        """A forged or broken callback body is answered 400 before Dash sees it."""
        if request.method == "POST" and request.path.endswith("/_dash-update-component"):
            problem = callback_body_problem(request.get_json(silent=True))
            if problem:
                server.logger.warning("rejected a malformed callback request: %s", problem)
                return Response(json.dumps({"error": f"malformed callback request: {problem}"}),
                                status=400, mimetype="application/json")
        return None

    @server.errorhandler(Exception)
    def no_tracebacks(exc):
        """Never a traceback in a response. A well-formed callback that still fails is a bug:
        logged with its traceback, answered with a short error (the page keeps working)."""
        if isinstance(exc, HTTPException):
            return exc
        if settings.debug:
            raise exc
        server.logger.error("error answering %s", request.path, exc_info=exc)
        if request.path.endswith("/_dash-update-component"):
            return Response(json.dumps({"error": "the view could not be updated"}), status=400,
                            mimetype="application/json")
        return Response("Internal error", status=500, mimetype="text/plain")

    @server.after_request
    def security_headers(response: Response) -> Response:
        # assets are linked as /assets/x.css?m=<mtime>: that URL changes with the file
        # (a 304 says so too: its headers replace those the browser kept)
        if request.path.startswith("/assets/") and request.args.get("m") and response.status_code in (200, 304):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        add_security_headers(response, settings, csp)
        return response
