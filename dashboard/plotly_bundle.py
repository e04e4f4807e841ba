"""Serve the project's own small plotly.js build instead of Dash's full Plotly bundle.

The bundle is built from the npm ``plotly.js`` package at install time: ``npm ci`` (or
``npm install``) runs ``frontend/plotly/build.mjs`` (package.json's ``postinstall``), which
bundles ``frontend/plotly/entry.js`` with esbuild into
``node_modules/.returns-map/plotly-custom.min.js``: plotly.js's core with the scatter,
choropleth and scattergeo traces and only the components the page uses (the entry file lists
what was left out, and why). It also writes the brotli-11 copy served here.

When the bundle is there, the page loads it as ``window.Plotly`` from a content-hashed URL and
dcc.Graph never fetches the 4.8 MB full bundle. When it is not (``npm ci`` not run), the app
still works with the full bundle that Dash serves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, request

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "node_modules" / ".returns-map" / "plotly-custom.min.js"


def install(server: Flask, bundle: Path = BUNDLE) -> str | None:
    """Add a route serving the bundle at a content-hashed URL; return that URL (or None)."""
    if not bundle.is_file():
        return None
    body = bundle.read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    url = f"/vendor/plotly-custom.{digest}.min.js"
    compressed = _brotli(body, brotli_path(bundle, digest))

    @server.route(url)
    def plotly_bundle():
        # the name changes with the content, so the browser may keep it for a year
        headers = {"Cache-Control": "public, max-age=31536000, immutable", "Vary": "Accept-Encoding"}
        if compressed and "br" in request.headers.get("Accept-Encoding", ""):
            return Response(compressed, mimetype="text/javascript", headers={**headers, "Content-Encoding": "br"})
        return Response(body, mimetype="text/javascript", headers=headers)

    return url


def brotli_path(bundle: Path, digest: str) -> Path:
    """Where the brotli copy of ``bundle`` (whose sha256 starts with ``digest``) is kept: the
    build script writes it there too (frontend/plotly/build.mjs, same name)."""
    return bundle.with_name(f"{bundle.name}.{digest}.br")


def _brotli(body: bytes, cache: Path) -> bytes | None:
    """Brotli at its best level (~20 % smaller than on-the-fly compression): slow, so done
    once (normally by the build) and kept beside the bundle in node_modules; None if it is
    not there and cannot be made or written."""
    if cache.is_file():
        return cache.read_bytes()
    try:
        import brotli

        data = brotli.compress(body, quality=11)
        cache.write_bytes(data)
        return data
    except (ImportError, OSError):
        return None
