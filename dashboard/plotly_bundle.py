"""Serve Plotly's small geo bundle (choropleth, scatter, scattergeo) instead of the full one.

The bundle comes from npm (``package.json`` pins ``plotly.js-geo-dist-min`` to the
plotly.js version plotly.py 7.1.0 ships). When it is there, the page loads it as
``window.Plotly`` and dcc.Graph never fetches the 4.8 MB full bundle. When it is not
(``npm ci`` not run), the app still works with the full bundle that Dash serves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "node_modules" / "plotly.js-geo-dist-min" / "plotly-geo.min.js"


def install(server: Flask, bundle: Path = BUNDLE) -> str | None:
    """Add a route serving the bundle at a content-hashed URL; return that URL (or None)."""
    if not bundle.is_file():
        return None
    body = bundle.read_bytes()
    url = f"/vendor/plotly-geo.{hashlib.sha256(body).hexdigest()[:12]}.min.js"

    @server.route(url)
    def plotly_geo_bundle():
        # the name changes with the content, so the browser may keep it for a year
        return Response(body, mimetype="text/javascript",
                        headers={"Cache-Control": "public, max-age=31536000, immutable"})

    return url
