"""The scripts Dash puts on the page, trimmed to what this app's browsers need.

Dash 4.4 links two files this app has no use for:

- ``deps/polyfill@7.12.1.min.js``, @babel/polyfill (97 KB, 36 KB compressed): core-js for
  browsers older than any the app supports (current Chromium, Firefox and Safari; the kiosk
  runs Debian's Chromium). One module of it is still used: the renderer and dcc load their
  async components (the slider, the graph) through code compiled with regenerator, which
  calls a global ``regeneratorRuntime``. So the page gets that module alone (7 KB, 2.5 KB
  with brotli), cut out of Dash's own copy of the polyfill (the same code and version the
  page ran before) and served at a content-hashed URL. If the cut cannot be made (another
  Dash version), the page keeps the whole polyfill.
- dash_table's bundle (34 KB): ``import dash`` registers the DataTable library, so Dash
  links it on every page; this app has no DataTable (add one, and this must go).

Both are dropped in ``interpolate_index``, Dash's documented hook for changing the page it
serves; nothing else in Dash changes (the files are still served to anyone who asks).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import dash
from dash import Dash
from flask import Flask, Response

POLYFILL = Path(dash.__file__).resolve().parent / "deps" / "polyfill@7.12.1.min.js"
POLYFILL_TAG = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/deps/polyfill@[^"]*"></script>\n?')
DASH_TABLE_TAG = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/dash_table/[^"]*"></script>\n?')

# The polyfill is a browserify bundle: `N:[function(t,n,r){<module>},{<its requires>}]`.
# regenerator-runtime is the module that sets the global and requires nothing.
_MODULE_START = ":[function(t,n,r){"
_MODULE_END = "},{}]"
_SETS_GLOBAL = "regeneratorRuntime=e"


def regenerator_runtime(polyfill: Path = POLYFILL) -> bytes | None:
    """regenerator-runtime (MIT) as a standalone script, cut out of Dash's copy of
    @babel/polyfill; None if the file is missing or not laid out as expected."""
    try:
        text = polyfill.read_text(encoding="utf-8")
    except OSError:
        return None
    sets_global = text.find(_SETS_GLOBAL)
    if sets_global < 0:
        return None
    start = text.rfind(_MODULE_START, 0, sets_global)
    end = text.find(_MODULE_END, sets_global)
    if start < 0 or end < 0:
        return None
    module = text[start + len(_MODULE_START):end]
    if "suspendedStart" not in module or _MODULE_START in module:
        return None  # not the whole regenerator module, or more than one module
    return (f"/* regenerator-runtime (MIT), from {polyfill.name} as shipped with Dash {dash.__version__} */\n"
            f"!function(t,n,r){{{module}}}(void 0,{{exports:{{}}}},{{}});\n").encode("utf-8")


def install(server: Flask, polyfill: Path = POLYFILL) -> str | None:
    """Serve regenerator-runtime at a content-hashed URL; return the URL (None: keep the polyfill)."""
    body = regenerator_runtime(polyfill)
    if body is None:
        server.logger.warning("regenerator-runtime not found in %s: the page keeps @babel/polyfill", polyfill)
        return None
    url = f"/vendor/regenerator-runtime.{hashlib.sha256(body).hexdigest()[:12]}.js"

    @server.route(url)
    def regenerator_runtime_js():
        # the name changes with the content, so the browser may keep it for a year
        return Response(body, mimetype="text/javascript",
                        headers={"Cache-Control": "public, max-age=31536000, immutable"})

    return url


class LeanDash(Dash):
    """Dash, without the polyfill (replaced by ``regenerator_url``) and the DataTable bundle."""

    def __init__(self, *args, regenerator_url: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.regenerator_url = regenerator_url

    def interpolate_index(self, **kwargs):
        scripts = trim_scripts(kwargs.get("scripts", ""), self.regenerator_url)
        return super().interpolate_index(**{**kwargs, "scripts": scripts})


def trim_scripts(scripts: str, regenerator_url: str | None) -> str:
    """Dash's script tags without dash_table's, and with the polyfill's replaced by
    regenerator-runtime (kept as it is when there is no ``regenerator_url``)."""
    scripts = DASH_TABLE_TAG.sub("", scripts)
    if regenerator_url:
        scripts = POLYFILL_TAG.sub(f'<script src="{regenerator_url}"></script>\n', scripts, count=1)
    return scripts
