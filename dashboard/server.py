"""The Flask side: health check, downloads, honest status codes and security headers.

Downloads take the same query as the page (``?from=1960&to=1961&port=niigata``) and nothing
else from the request: no file paths, no free text reaches the file system. A value the page
would ignore (with a notice) makes a download fail with 400 naming it; an unknown path is a
404 page in the visitor's language; a malformed callback body is a 400; a callback that
fails is a bug: a 500, logged with its traceback.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from html import escape

from dash.exceptions import DependencyException
from flask import Flask, Response, abort, request
from werkzeug.exceptions import HTTPException

from geodata import DATASET_VERSION, Dataset

from . import stories
from .config import Settings
from .figures.geometry import MapGeometry
from .exports import flows_csv, flows_geojson
from .handout import Section, handout_page
from .i18n import t
from .state import LANGS, PARAMS, StateContext, parse_params, to_query


def _state_from_request(context: StateContext):
    """The view a download asks for; 400 naming each parameter the page would ignore (or a
    year range with no record, which the page widens to every year)."""
    params = {name: request.args.get(name, "") for name in PARAMS}
    state, notices = parse_params(params, context)
    bad = [f"{n.param}={n.value!r}" for n in notices if not n.shown or _widened(n)]
    if bad:
        abort(Response(f"invalid parameter: {', '.join(bad)}\n", status=400, mimetype="text/plain"))
    return state


def _widened(notice) -> bool:
    """A year the page moved outwards (no return recorded then), not narrowed to a record;
    any other adjusted value the download cannot honour either."""
    if notice.param not in ("from", "to") or not (notice.shown.isdigit() and notice.value.isdigit()):
        return True
    shown, given = int(notice.shown), int(notice.value)
    return shown < given if notice.param == "from" else shown > given


def callback_body_problem(body, callback_map) -> str:
    """What is wrong with a ``/_dash-update-component`` body, or "" if its shape is right."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    if not isinstance(body.get("output"), str):
        return "'output' is not a string"
    if body["output"] not in callback_map:
        return "'output' names no callback"
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


#: the 404 page's words: (title, link home) per language


def visitor_lang() -> str:
    """``?lang=`` when it is one of the app's languages, else the best of Accept-Language."""
    lang = request.args.get("lang", "")
    return lang if lang in LANGS else request.accept_languages.best_match(LANGS, default="en")


def not_found_page(lang: str) -> Response:
    title, home = t(lang, "not_found_title"), t(lang, "not_found_home")
    href = "/" if lang == "en" else f"/?lang={lang}"
    body = (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>\n'
            f'<body><h1>{escape(title)}</h1><p><a href="{href}">{escape(home)}</a></p></body></html>\n')
    return Response(body, status=404, mimetype="text/html")


#: what the page loads from /assets (and the font's licence); anything else there is a 404
ASSET_SUFFIXES = (".css", ".js", ".ico", ".woff2", ".json", ".txt")


def install(server: Flask, dataset: Dataset, geometry: MapGeometry, context: StateContext,
            settings: Settings, csp: str, callback_map: dict) -> None:
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
        state = _state_from_request(context)
        permalink = request.host_url + to_query(state, context)
        body = flows_geojson(dataset, geometry, state, permalink, datetime.now(timezone.utc).date())
        return Response(body, mimetype="application/geo+json",
                        headers={"Content-Disposition": 'attachment; filename="returns-flows.geojson"'})

    @server.route("/handout")
    def handout():
        """The printable handout of the view in the query, or of its story, stop by stop
        (what cannot be read of either is left out, as on the page)."""
        opened = stories.open_query(request.query_string.decode("utf-8", "replace"), context)
        if opened.story.stops:
            sections = [Section(stories.stop_state(s, context, opened.state.lang, opened.state.mode), s.note)
                        for s in opened.story.stops]
            title = opened.story.title
        else:
            sections, title = [Section(opened.state)], None
        return Response(handout_page(dataset, geometry, context, sections, request.host_url, title),
                        mimetype="text/html")

    @server.route("/story.yaml")
    def story_file():
        """A story link as a file (the form of dashboard/tours/*.yaml), to keep or to edit."""
        story, problems = stories.decode(request.args.get("story", ""), context)
        if not story.stops:
            what = ", ".join(p.what for p in problems) or "story_empty"
            return Response(f"no story to save: {what}\n", status=400, mimetype="text/plain")
        return Response(stories.to_yaml(story), content_type="application/yaml; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="story.yaml"'})

    @server.before_request
    def reject_unknown_paths_and_malformed_callbacks():
        """The page is at ``/`` only: Dash's catch-all route (``/<path:path>``) is a 404 here,
        and so is a file under /assets the page does not use. A forged or broken callback body is answered 400 before Dash sees it."""
        if request.url_rule is not None and request.url_rule.rule.endswith("<path:path>"):
            abort(404)
        if request.path.startswith("/assets/") and not request.path.endswith(ASSET_SUFFIXES):
            abort(404)  # a README or a build script beside the files the page uses
        if request.method == "POST" and request.path.endswith("/_dash-update-component"):
            problem = callback_body_problem(request.get_json(silent=True), callback_map)
            if problem:
                server.logger.warning("rejected a malformed callback request: %s", problem)
                return Response(json.dumps({"error": f"malformed callback request: {problem}"}),
                                status=400, mimetype="application/json")
        return None

    @server.errorhandler(404)
    def not_found(_exc):
        return not_found_page(visitor_lang())

    @server.errorhandler(Exception)
    def no_tracebacks(exc):
        """Never a traceback in a response. A well-formed request that still fails is a bug:
        logged with its traceback, answered 500 with a short error (the page keeps working)."""
        if isinstance(exc, HTTPException):
            return exc
        if isinstance(exc, DependencyException) and request.path.startswith("/_dash-component-suites/"):
            return not_found_page(visitor_lang())  # Dash's word for a file it does not have
        if settings.debug:
            raise exc
        server.logger.error("error answering %s", request.path, exc_info=exc)
        if request.path.endswith("/_dash-update-component"):
            return Response(json.dumps({"error": "the view could not be updated"}), status=500,
                            mimetype="application/json")
        return Response("Internal error", status=500, mimetype="text/plain")

    @server.after_request
    def security_headers(response: Response) -> Response:
        if request.path.startswith("/assets/") and response.status_code == 200:
            # read the file now (Flask sends /assets as a stream, which Flask-Compress, running
            # after this hook, leaves uncompressed): then it is compressed as every response
            stream, response.direct_passthrough = response.response, False
            response.set_data(response.get_data())
            stream.close()  # the file, now read
        # assets are linked as /assets/x.css?m=<mtime>: that URL changes with the file
        # (a 304 says so too: its headers replace those the browser kept)
        if request.path.startswith("/assets/") and request.args.get("m") and response.status_code in (200, 304):
            response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        add_security_headers(response, settings, csp)
        return response
