"""Serve Plotly's small geo bundle (choropleth, scatter, scattergeo) instead of the full one.

The bundle comes from npm (``package.json`` pins ``plotly.js-geo-dist-min`` to the
plotly.js version plotly.py 7.1.0 ships). When it is there, the page loads it as
``window.Plotly`` and dcc.Graph never fetches the 4.8 MB full bundle. When it is not
(``npm ci`` not run), the app still works with the full bundle that Dash serves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, request

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "node_modules" / "plotly.js-geo-dist-min" / "plotly-geo.min.js"


def install(server: Flask, bundle: Path = BUNDLE) -> str | None:
    """Add a route serving the bundle at a content-hashed URL; return that URL (or None)."""
    if not bundle.is_file():
        return None
    body = bundle.read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    url = f"/vendor/plotly-geo.{digest}.min.js"
    compressed = _brotli(body, bundle.with_name(f"{bundle.name}.{digest}.br"))

    @server.route(url)
    def plotly_geo_bundle():
        # the name changes with the content, so the browser may keep it for a year
        headers = {"Cache-Control": "public, max-age=31536000, immutable", "Vary": "Accept-Encoding"}
        if compressed and "br" in request.headers.get("Accept-Encoding", ""):
            return Response(compressed, mimetype="text/javascript", headers={**headers, "Content-Encoding": "br"})
        return Response(body, mimetype="text/javascript", headers=headers)

    return url


def _brotli(body: bytes, cache: Path) -> bytes | None:
    """Brotli at its best level (~20 % smaller than on-the-fly compression): slow, so done
    once and kept beside the bundle in node_modules; None if that cannot be written."""
    if cache.is_file():
        return cache.read_bytes()
    try:
        import brotli

        data = brotli.compress(body, quality=11)
        cache.write_bytes(data)
        return data
    except (ImportError, OSError):
        return None
