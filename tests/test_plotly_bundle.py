"""The project's plotly.js build (frontend/plotly/, built by `npm ci`) and how it is served.

The bundle is made at install time, so these tests need `npm ci` to have run: without it
they fail (never skip) and say so. The browser test here opens the real page and checks what
the build's cuts could break: every trace type of the app's figures, the API dcc.Graph and
assets/app.js call, the map's modebar, hover labels and the year chart's box selection. The
browser tests in tests/browser/ use the same bundle for everything else (PNG/SVG export in
test_exports.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
import threading
from dataclasses import replace

import brotli
import pytest

try:  # Python 3.14's compression.zstd, else its backport (a Flask-Compress dependency)
    from compression import zstd
except ImportError:
    from backports import zstd
from flask import Flask
from werkzeug.serving import make_server

from dashboard import create_app, ids, plotly_bundle
from dashboard.config import Settings
from dashboard.figures.bars import build_bar_figure
from dashboard.figures.geometry import build_geometry
from dashboard.figures.map import build_map_figure
from dashboard.profiles import MODES

NPM_HINT = ("Run `npm ci` (or `npm ci --omit=dev`) in the project's root: its postinstall step "
            "(frontend/plotly/build.mjs) builds the bundle.")
# The documented custom bundle (plotly.js's lib/core and three traces: frontend/plotly/entry.js)
# is 1,409,006 bytes (395 KB brotli 11), about Plotly's prebuilt geo bundle's size and a third
# of Dash's full one (4.8 MB). A budget, so that no trace or component creeps in unnoticed;
# first-load bytes are no goal of their own (Lighthouse's figures decide: bench/README.md).
MAX_BYTES = 1_500_000
MAX_BROTLI_BYTES = 420_000
# What dcc.Graph (react, purge, Plots.resize; animate and frames with animate=True) and
# assets/app.js (downloadImage) call on window.Plotly, plus what a page script may use.
API = ["newPlot", "react", "purge", "relayout", "restyle", "update", "animate", "addFrames",
       "deleteFrames", "toImage", "downloadImage", "Plots.resize", "Fx.hover", "Fx.unhover"]


def bundle_bytes() -> bytes:
    if not plotly_bundle.BUNDLE.is_file():
        pytest.fail(f"the Plotly bundle {plotly_bundle.BUNDLE} is missing. {NPM_HINT}", pytrace=False)
    return plotly_bundle.BUNDLE.read_bytes()


def plotly_version() -> str:
    package = plotly_bundle.ROOT / "node_modules" / "plotly.js" / "package.json"
    if not package.is_file():
        pytest.fail(f"{package} is missing. {NPM_HINT}", pytrace=False)
    return json.loads(package.read_text())["version"]


def test_bundle_is_built_and_small():
    body = bundle_bytes()
    assert body.startswith(b"/* plotly.js v" + plotly_version().encode()), body[:120]
    assert len(body) <= MAX_BYTES, f"{len(body):,} bytes: over the budget of {MAX_BYTES:,}"


def test_build_wrote_the_compressed_copies_the_server_serves():
    body = bundle_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        copy = plotly_bundle.copy_path(plotly_bundle.BUNDLE, digest, encoding)
        assert copy.is_file(), f"{copy} is missing (frontend/plotly/build.mjs writes it). {NPM_HINT}"
        assert decode(copy.read_bytes()) == body
    compressed = plotly_bundle.copy_path(plotly_bundle.BUNDLE, digest, "br").read_bytes()
    assert len(compressed) <= MAX_BROTLI_BYTES, \
        f"{len(compressed):,} bytes brotli: over the budget of {MAX_BROTLI_BYTES:,}"


@pytest.mark.parametrize("header, expected", [
    ("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"),
    ("gzip;q=0.5, br;q=0.4", "gzip"), ("identity", None), ("", None),
])
def test_served_at_a_content_hashed_url_with_the_build_copy_the_browser_accepts(header, expected):
    body = bundle_bytes()
    server = Flask(__name__)
    url = plotly_bundle.install(server)
    assert url == f"/vendor/plotly-custom.{hashlib.sha256(body).hexdigest()[:12]}.min.js"
    response = server.test_client().get(url, headers={"Accept-Encoding": header})
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers.get("Content-Encoding") == expected
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["Vary"] == "Accept-Encoding"
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda b: b}[expected]
    assert decode(response.get_data()) == body


def test_zstd_without_a_build_copy_comes_from_flask_compress(app):
    """Node < 22.15 has no zstd: the build makes no .zst copy, Flask-Compress compresses."""
    url = next(r.rule for r in app.server.url_map.iter_rules() if r.rule.startswith("/vendor/plotly-custom."))
    response = app.server.test_client().get(url, headers={"Accept-Encoding": "zstd"})
    assert response.headers["Content-Encoding"] == "zstd"
    assert zstd.decompress(response.get_data()) == bundle_bytes()


def test_without_its_copies_the_bundle_is_served_plain_and_nothing_is_written(tmp_path):
    bundle = tmp_path / "plotly-custom.min.js"
    bundle.write_bytes(b"var Plotly = {};")
    server = Flask(__name__)
    response = server.test_client().get(plotly_bundle.install(server, bundle), headers={"Accept-Encoding": "br"})
    assert "Content-Encoding" not in response.headers and response.get_data() == b"var Plotly = {};"
    assert list(tmp_path.iterdir()) == [bundle]


def test_missing_bundle_falls_back_to_dash_full_bundle(tmp_path):
    """Without `npm ci` the app still runs, on the full bundle Dash serves (no route added)."""
    assert plotly_bundle.install(Flask(__name__), tmp_path / "absent.min.js") is None


def test_the_page_loads_the_bundle(dataset):
    bundle_bytes()
    app = create_app(dataset=dataset, settings=Settings())
    html = app.server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    ours = [s for s in scripts if s.startswith("/vendor/plotly-custom.")]
    assert len(ours) == 1, scripts
    # before Dash's renderer, so window.Plotly is there when dcc.Graph looks for it
    renderer = next(i for i, s in enumerate(scripts) if "dash_renderer" in s or "dash-renderer" in s)
    assert scripts.index(ours[0]) < renderer, scripts


def app_trace_types(dataset, context) -> set[str]:
    """Every trace type in the app's figures: the map (both layers, both modes) and the chart."""
    geometry = build_geometry(dataset)
    state = context.default
    figures = [build_bar_figure(dataset, replace(state, mode=mode)) for mode in MODES]
    for layer in ("today", "1945"):
        for mode in MODES:
            figures.append(build_map_figure(dataset, geometry, replace(state, layer=layer, mode=mode)))
    return {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}


PROBE_API = """(api) => {
    const schema = Plotly.PlotSchema.get();
    const get = (path) => path.split('.').reduce((o, k) => o && o[k], Plotly);
    return {
        version: Plotly.version,
        scripts: Array.from(document.scripts).map((s) => s.getAttribute('src') || ''),
        traces: Object.keys(schema.traces),
        layout: Object.keys(schema.layout.layoutAttributes),
        missing: api.filter((name) => typeof get(name) !== 'function'),
    };
}"""
GEO_SCALE = f"document.querySelector('#{ids.MAP} .js-plotly-plot')._fullLayout.geo.projection.scale"
# the centre of the first marker of the map's trace named ``name`` (see dashboard/figures/map.py)
MARKER_CENTRE = """([map, name]) => {
    const trace = Array.from(document.querySelectorAll('#' + map + ' .scattergeo.trace'))
        .find((g) => g.__data__ && g.__data__[0].trace.name === name);
    const box = trace && trace.querySelector('path.point').getBoundingClientRect();
    return box && {x: box.x + box.width / 2, y: box.y + box.height / 2};
}"""


def probe_the_page(url: str) -> dict:
    """Open the app's page in headless Chromium and use what the bundle has to do there: the
    map's modebar (zoom in, reset), a hover label on a port, a box selection on the year chart.

    Run in a thread of its own: the browser tests' session-wide Playwright
    (tests/browser/conftest.py) may be running in this one, and Playwright's sync API allows
    one per thread."""
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, VIEWPORT, BrowserLog, block_outside, chromium_path

    executable = chromium_path()
    result: dict = {}

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                                     args=CHROMIUM_ARGS)
                try:
                    log = BrowserLog()
                    context = browser.new_context(base_url=url, viewport=VIEWPORT, locale="en-US")
                    context.set_default_timeout(10_000)
                    block_outside(context, log)
                    page = context.new_page()
                    page.on("console", log.on_console)
                    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
                    page.goto("/")
                    page.locator(f"#{ids.MAP} path.choroplethlocation").first.wait_for()
                    chart = page.locator(f"#{ids.BARS} .js-plotly-plot .nsewdrag").first
                    chart.wait_for()
                    result["found"] = page.evaluate(PROBE_API, API)

                    page.locator(f"#{ids.MAP} .js-plotly-plot").hover()
                    buttons = page.locator(f"#{ids.MAP} .modebar-btn")
                    result["modebar"] = buttons.evaluate_all("(bs) => bs.map((b) => b.dataset.title)")
                    # the buttons' own click handlers (what the bundle provides), whatever the
                    # page lays over the modebar: that is the layout's business, not the bundle's
                    page.locator(f"#{ids.MAP} .modebar-btn[data-title='Zoom in']").dispatch_event("click")
                    page.wait_for_function(f"{GEO_SCALE} > 1")
                    page.locator(f"#{ids.MAP} .modebar-btn[data-title='Reset']").dispatch_event("click")
                    page.wait_for_function(f"{GEO_SCALE} === 1")

                    port = page.evaluate(MARKER_CENTRE, [ids.MAP, "ports_embark"])
                    page.mouse.move(port["x"], port["y"])
                    hover = page.locator(f"#{ids.MAP} .hoverlayer .hovertext")
                    hover.first.wait_for()
                    result["hover"] = hover.first.text_content()
                    page.mouse.move(0, 0)

                    box = chart.bounding_box()
                    page.mouse.move(box["x"] + box["width"] * 0.30, box["y"] + box["height"] * 0.5)
                    page.mouse.down()
                    page.mouse.move(box["x"] + box["width"] * 0.45, box["y"] + box["height"] * 0.6, steps=8)
                    page.mouse.up()
                    expect(page).to_have_url(re.compile(r"[?&]from=\d{4}&to=\d{4}"))
                    result["selected"] = page.url
                    page.wait_for_timeout(300)
                    result["problems"] = log.problems(warnings=True)
                    context.close()
                finally:
                    browser.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread, raised there
            result["error"] = exc

    thread = threading.Thread(target=run, name="plotly-bundle-probe")
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "Chromium did not finish within 120 s"
    if "error" in result:
        raise result["error"]
    return result


@pytest.fixture
def app_url(dataset):
    """The real app on a free local port, served from a thread (as in tests/browser/)."""
    bundle_bytes()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(dataset=dataset, settings=Settings())
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="plotly-bundle-app", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.mark.browser
def test_bundle_does_what_the_page_needs(app_url, dataset, context):
    """On the real page in headless Chromium: window.Plotly is this bundle; its traces cover
    every trace type of the app's figures; the API dcc.Graph and assets/app.js call is there;
    the map's modebar zooms and resets, a port shows its hover label, and a box selection on
    the year chart sets the years; no console error or Plotly warning on the way. (PNG and
    SVG export: tests/browser/test_exports.py.)"""
    used = app_trace_types(dataset, context)
    result = probe_the_page(app_url)

    found = result["found"]
    assert found["version"] == plotly_version()
    assert any(src.startswith("/vendor/plotly-custom.") for src in found["scripts"]), found["scripts"]
    assert not found["missing"], f"window.Plotly lacks {found['missing']}"
    assert used <= set(found["traces"]), (
        f"the app's figures use trace types {sorted(used - set(found['traces']))} that the bundle "
        f"lacks: register them in frontend/plotly/entry.js")
    # the layout features the figures use: the map's annotation, the chart's box selection
    # (selections, drawn with shapes' code), hover labels, the modebar, the two subplot kinds
    for key in ("annotations", "selections", "shapes", "hoverlabel", "modebar", "geo", "xaxis"):
        assert key in found["layout"], key
    assert {"Pan", "Zoom in", "Zoom out", "Reset"} <= set(result["modebar"]), result["modebar"]
    assert result["hover"].strip(), "empty hover label"
    assert not result["problems"], "the page was not clean:\n  " + "\n  ".join(result["problems"])
