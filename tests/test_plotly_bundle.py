"""The project's plotly.js build (frontend/plotly/, built by `npm ci`) and how it is served.

The bundle is made at install time, so these tests need `npm ci` to have run: without it
they fail (never skip) and say so. The browser tests in tests/browser/ exercise the bundle on
the real page (map, year chart, hover, box select, modebar, PNG/SVG export); the browser test
here loads it alone and checks that it has every trace type the app's figures use and the
API dcc.Graph and assets/app.js call.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import replace

import brotli
import pytest
from flask import Flask

from dashboard import create_app, plotly_bundle
from dashboard.config import Settings
from dashboard.figures.bars import build_bar_figure
from dashboard.figures.map import build_geometry, build_map_figure

NPM_HINT = ("Run `npm ci` (or `npm ci --omit=dev`) in the project's root: its postinstall step "
            "(frontend/plotly/build.mjs) builds the bundle.")
# Plotly's prebuilt geo bundle (plotly.js-geo-dist-min 4.1.1), which this build replaced, was
# 1,397,602 bytes (384 KB brotli 11). A budget, so that what was cut does not creep back.
MAX_BYTES = 1_050_000
MAX_BROTLI_BYTES = 300_000
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


def test_build_wrote_the_brotli_copy_the_server_serves():
    body = bundle_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    copy = plotly_bundle.brotli_path(plotly_bundle.BUNDLE, digest)
    assert copy.is_file(), f"{copy} is missing (frontend/plotly/build.mjs writes it). {NPM_HINT}"
    compressed = copy.read_bytes()
    assert brotli.decompress(compressed) == body
    assert len(compressed) <= MAX_BROTLI_BYTES, \
        f"{len(compressed):,} bytes brotli: over the budget of {MAX_BROTLI_BYTES:,}"


def test_served_at_a_content_hashed_url_with_brotli():
    body = bundle_bytes()
    server = Flask(__name__)
    url = plotly_bundle.install(server)
    assert url == f"/vendor/plotly-custom.{hashlib.sha256(body).hexdigest()[:12]}.min.js"
    client = server.test_client()

    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.mimetype == "text/javascript"
    assert "immutable" in response.headers["Cache-Control"]
    assert response.headers["Vary"] == "Accept-Encoding"
    assert brotli.decompress(response.get_data()) == body

    plain = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert plain.get_data() == body


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
    figures = [build_bar_figure(dataset, state), build_bar_figure(dataset, state, kiosk=True)]
    for layer in ("today", "1945"):
        for kiosk in (False, True):
            figures.append(build_map_figure(dataset, geometry, replace(state, layer=layer), kiosk))
    return {trace.get("type", "scatter") for figure in figures for trace in figure["data"]}


PROBE_API = """(api) => {
    const schema = Plotly.PlotSchema.get();
    const get = (path) => path.split('.').reduce((o, k) => o && o[k], Plotly);
    return {
        version: Plotly.version,
        traces: Object.keys(schema.traces),
        layout: Object.keys(schema.layout.layoutAttributes),
        missing: api.filter((name) => typeof get(name) !== 'function'),
    };
}"""
DRAW_CHART = """async (figure) => {
    const gd = document.getElementById('chart');
    await Plotly.newPlot(gd, figure.data, figure.layout, {displayModeBar: false});
    await Plotly.react(gd, figure.data, figure.layout);
    return Plotly.toImage(gd, {format: 'svg', width: 800, height: 300});
}"""


def probe_in_chromium(body: str, chart: dict) -> dict:
    """Load the bundle alone in a blank page (no request leaves it), look at window.Plotly and
    draw ``chart``. Run in a thread of its own: the browser tests' session-wide Playwright
    (tests/browser/conftest.py) may be running in this one, and Playwright's sync API allows
    one per thread."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_ARGS, BrowserLog, chromium_path

    executable = chromium_path()
    result: dict = {}

    def run() -> None:
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                                     args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page()
                    log = BrowserLog()
                    page.on("console", log.on_console)
                    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
                    page.route("**/*", lambda route: route.abort())  # all of it is in the page
                    page.set_content("<!doctype html><html><body><div id='chart'></div></body></html>")
                    page.add_script_tag(content=body)
                    result["found"] = page.evaluate(PROBE_API, API)
                    result["svg"] = page.evaluate(DRAW_CHART, chart)
                    result["traces_drawn"] = page.locator("#chart .scatterlayer .trace").count()
                    result["patterns"] = page.locator("#chart pattern").count()
                    result["problems"] = log.problems(warnings=True)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the test's thread
            result["error"] = exc

    thread = threading.Thread(target=run, name="plotly-bundle-probe")
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive(), "Chromium did not finish within 120 s"
    if "error" in result:
        raise result["error"]
    return result


@pytest.mark.browser
def test_bundle_has_what_the_app_uses(dataset, context):
    """Load the bundle alone in headless Chromium: its traces cover every trace type of the
    app's figures, the API dcc.Graph and assets/app.js call is there, and the year chart
    draws without a Plotly warning and exports to SVG."""
    body = bundle_bytes().decode()
    used = app_trace_types(dataset, context)
    chart = json.loads(json.dumps(build_bar_figure(dataset, context.default)))
    result = probe_in_chromium(body, chart)

    found = result["found"]
    assert found["version"] == plotly_version()
    assert not found["missing"], f"window.Plotly lacks {found['missing']}"
    assert used <= set(found["traces"]), (
        f"the app's figures use trace types {sorted(used - set(found['traces']))} that the bundle "
        f"lacks: register them in frontend/plotly/entry.js")
    # the layout features the figures use: the map's annotation, the chart's box selection
    # (selections, drawn with shapes' code), hover labels, the modebar, the two subplot kinds
    for key in ("annotations", "selections", "shapes", "hoverlabel", "modebar", "geo", "xaxis"):
        assert key in found["layout"], key

    assert result["svg"].startswith("data:image/svg+xml,"), result["svg"][:80]
    drawn = [trace for trace in chart["data"] if len(trace.get("x") or [])]  # empty: no <g>
    assert result["traces_drawn"] == len(drawn)
    assert result["patterns"] > 0  # the status patterns (fillpattern)
    assert not result["problems"], "the page was not clean:\n  " + "\n  ".join(result["problems"])
