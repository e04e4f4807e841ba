"""Serve the project's own small plotly.js build instead of Dash's full Plotly bundle (and
the other script npm builds, regenerator-runtime: ``page_scripts.py``).

``npm ci`` builds it (package.json's ``postinstall`` runs ``frontend/plotly/build.mjs``) into
``node_modules/.returns-map/``: ``plotly-custom.min.js`` and its compressed copies beside it
(brotli and gzip at their best levels; zstd too where Node has it), each named with the
bundle's digest. The server reads them and writes nothing. The copy sent is the best one the
browser accepts (Werkzeug's ``request.accept_encodings``); for any other encoding,
Flask-Compress compresses the plain bundle as it does every response. Without the bundle
(``npm ci`` not run) the page uses the full Plotly bundle Dash serves.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, request

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "node_modules" / ".returns-map" / "plotly-custom.min.js"
REGENERATOR = BUNDLE.with_name("regenerator-runtime.min.js")
SUFFIXES = {"br": "br", "zstd": "zst", "gzip": "gz"}  # best first: the preference on a tie


def copy_path(bundle: Path, digest: str, encoding: str) -> Path:
    """Where the build keeps ``bundle``'s copy in ``encoding`` (frontend/plotly/build.mjs)."""
    return bundle.with_name(f"{bundle.name}.{digest}.{SUFFIXES[encoding]}")


def install(server: Flask, bundle: Path = BUNDLE) -> str | None:
    """Add a route serving ``bundle`` (``name.min.js``) at a content-hashed URL,
    ``/vendor/name.<digest>.min.js``; return that URL (or None when npm has not built it)."""
    if not bundle.is_file():
        return None
    body = bundle.read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    copies = {enc: path.read_bytes() for enc in SUFFIXES if (path := copy_path(bundle, digest, enc)).is_file()}
    url = f"/vendor/{bundle.name.removesuffix('.min.js')}.{digest}.min.js"

    def serve_bundle():
        # the name changes with the content, so the browser may keep it for a year
        headers = {"Cache-Control": "public, max-age=31536000, immutable", "Vary": "Accept-Encoding"}
        encoding = request.accept_encodings.best_match(list(copies))
        if encoding:
            headers["Content-Encoding"] = encoding
        return Response(copies.get(encoding, body), mimetype="text/javascript", headers=headers)

    server.add_url_rule(url, f"vendor_{bundle.name}", serve_bundle)

    return url
