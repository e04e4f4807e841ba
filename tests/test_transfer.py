"""Bytes on the wire for a first page load: what the page links, the favicon, compression
negotiated (br, zstd, gzip, identity), and which security headers go on which response."""

from __future__ import annotations

import gzip
import importlib.util
import re
import struct
from pathlib import Path

import brotli
import pytest

try:  # Python 3.14's compression.zstd, else its backport (a Flask-Compress dependency)
    from compression import zstd
except ImportError:
    from backports import zstd


from dashboard import create_app, plotly_bundle
from dashboard.config import Settings
from dashboard.state import parse_query

ROOT = Path(__file__).resolve().parent.parent
BROWSER = "gzip, deflate, br, zstd"  # what Chromium sends
DOCUMENT_ONLY = ("Content-Security-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy")


@pytest.fixture(scope="module")
def page(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def linked(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/[^"]*)"', page)


def url_of(page: str, part: str) -> str:
    urls = [u for u in linked(page) if part in u]
    assert len(urls) == 1, (part, linked(page))
    return urls[0]


# -- what the page links ---------------------------------------------------------------


# -- favicon ---------------------------------------------------------------------------


def test_favicon_is_small_and_a_valid_ico(page, client):
    url = url_of(page, "favicon")
    assert url.startswith("/assets/favicon.ico"), url
    response = client.get(url)
    assert response.status_code == 200
    data = response.get_data()
    assert len(data) < 1024, len(data)  # Dash's default is 15 KB
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, 1)
    width, height, _, _, _, _, size, offset = struct.unpack_from("<BBBBHHII", data, 6)
    assert offset + size == len(data)
    image = data[offset:]
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack_from(">II", image, 16) == (width or 256, height or 256) == (32, 32)


def test_favicon_is_what_its_script_builds(tmp_path):
    spec = importlib.util.spec_from_file_location("build_favicon", ROOT / "tools" / "build_favicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path / "favicon.ico"
    module.main()
    assert module.OUT.read_bytes() == (ROOT / "assets" / "favicon.ico").read_bytes()


# -- compression: Flask-Compress for what is generated, the build's copies for Plotly ---


DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, "zstd": zstd.decompress, None: lambda b: b}
NEGOTIATED = [("br", "br"), ("zstd", "zstd"), ("gzip", "gzip"), ("identity", None), ("", None),
              ("br;q=0, gzip", "gzip"), ("zstd, br;q=0.5, gzip;q=0.1", "zstd")]


@pytest.mark.parametrize("header, expected", NEGOTIATED)
@pytest.mark.parametrize("part", ["dash_core_components.v", "dash_renderer", "/assets/app.js", "/assets/style.css"])
def test_static_file_is_negotiated_and_decodes_to_the_same_bytes(page, client, part, header, expected):
    url = url_of(page, part)
    raw = client.get(url).get_data()
    response = client.get(url, headers={"Accept-Encoding": header})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == expected
    assert DECODE[expected](response.get_data()) == raw
    assert "Accept-Encoding" in response.headers["Vary"]


@pytest.mark.parametrize("header, expected", NEGOTIATED)
def test_generated_response_is_negotiated(client, header, expected):
    # the page's own layout request (it names the page): the layout built for that view
    response = client.get("/_dash-layout", headers={"Accept-Encoding": header, "Referer": "http://localhost/?from=1960"})
    assert response.status_code == 200
    assert response.headers.get("Content-Encoding") == expected
    assert "1960" in DECODE[expected](response.get_data()).decode()


def test_static_files_are_compressed(page, client):
    """Dash's scripts and the page's stylesheet reach the browser compressed, and intact."""
    for part in ("dash_core_components.v", "dash_renderer", "/assets/style.css"):
        url = url_of(page, part).replace("&amp;", "&")
        raw = client.get(url).get_data()
        response = client.get(url, headers={"Accept-Encoding": "br"})
        assert response.headers.get("Content-Encoding") == "br", part
        assert brotli.decompress(response.get_data()) == raw


def test_page_links_regenerator_runtime_in_the_polyfills_place(page, client):
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', page)
    assert not [s for s in scripts if "/deps/polyfill@" in s], scripts
    ours = [s for s in scripts if s.startswith("/vendor/regenerator-runtime.")]
    assert len(ours) == 1, f"{scripts}: is node_modules/.returns-map/regenerator-runtime.min.js built? Run `npm ci`."
    dcc = next(i for i, s in enumerate(scripts) if "dash_core_components" in s)
    assert scripts.index(ours[0]) < dcc, scripts  # the global is there before dcc's code runs
    assert "regeneratorRuntime" in client.get(ours[0]).get_data(as_text=True)


def test_without_npm_the_page_keeps_dash_polyfill():
    from dashboard.page_scripts import swap_polyfill
    tags = ('<script src="/_dash-component-suites/dash/deps/polyfill@7.v4m1.12.1.min.js"></script>\n'
            '<script src="/_dash-component-suites/dash/dcc/dash_core_components.v4m1.js"></script>')
    assert swap_polyfill(tags, None) == tags
    assert swap_polyfill(tags, "/vendor/r.js") == tags.replace(tags.split("\n")[0], '<script src="/vendor/r.js"></script>')


def test_geojson_layer_is_compressed(app, client):
    url = next(r.rule for r in app.server.url_map.iter_rules() if r.rule.startswith("/geo/"))
    raw = client.get(url).get_data()
    response = client.get(url, headers={"Accept-Encoding": BROWSER})
    assert DECODE[response.headers["Content-Encoding"]](response.get_data()) == raw


def test_nothing_compressed_when_compression_is_off(dataset):
    client = create_app(dataset=dataset, settings=Settings(compress=False)).server.test_client()
    url = url_of(client.get("/").get_data(as_text=True), "dash_renderer")
    response = client.get(url, headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers


def test_start_up_writes_nothing_beside_the_plotly_bundle(dataset):
    """The build made the bundle's compressed copies; the server only reads them."""
    def listing():
        return {p: p.stat().st_mtime_ns for p in plotly_bundle.BUNDLE.parent.glob("*")}
    before = listing()
    create_app(dataset=dataset, settings=Settings()).server.test_client().get("/")
    assert listing() == before


# -- callbacks -------------------------------------------------------------------------


def summary_body(context) -> dict:
    state, _ = parse_query("?from=1960&to=1960", context)
    return {"output": "tabpanel.children", "outputs": {"id": "tabpanel", "property": "children"},
            "inputs": [{"id": "view", "property": "data", "value": state.to_dict()},
                       {"id": "open-tab", "property": "data", "value": "figures"},
                       {"id": "table-sort-state", "property": "data", "value": None},
                       {"id": "panel-in-view", "property": "data", "value": True}],
            "changedPropIds": ["view.data"], "state": [{"id": "url", "property": "href", "value": None}]}


def test_callbacks_still_work(client, context):
    response = client.post("/_dash-update-component", json=summary_body(context), headers={"Accept-Encoding": BROWSER})
    body = DECODE[response.headers.get("Content-Encoding")](response.get_data()).decode()
    assert response.status_code == 200, body
    assert "1960" in body
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert not [h for h in DOCUMENT_ONLY if h in response.headers]


# -- headers: the full set on documents, nosniff on everything -------------------------


def test_page_has_the_full_header_set(client):
    response = client.get("/", headers={"Accept-Encoding": BROWSER})
    for header in (*DOCUMENT_ONLY, "X-Content-Type-Options", "Referrer-Policy"):
        assert header in response.headers, header
    assert response.headers["X-Frame-Options"] == "DENY"


def test_subresources_carry_nosniff_and_no_document_headers(page, client):
    urls = [u for u in linked(page) if not u.startswith("/vendor/plotly")]
    urls += ["/_dash-layout", "/_dash-dependencies", "/healthz", "/export/flows.csv",
             "/export/flows.geojson", "/assets/fonts/NotoSansCJK-names-Regular.woff2"]
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": BROWSER})
        assert response.status_code == 200, url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert not [h for h in DOCUMENT_ONLY if h in response.headers], (url, dict(response.headers))
        # stylesheets keep the referrer policy: their url() requests follow it
        assert ("Referrer-Policy" in response.headers) == (response.mimetype == "text/css"), url


@pytest.mark.parametrize("url", ["/no/such/page", "/assets/no-such-file.js", "/geo/not-a-layer"])
def test_anything_that_may_be_shown_as_a_page_has_the_full_set(client, url):
    response = client.get(url)
    assert response.mimetype == "text/html", url
    for header in (*DOCUMENT_ONLY, "X-Content-Type-Options", "Referrer-Policy"):
        assert header in response.headers, (url, header)


def test_frame_policy_follows_the_setting(dataset):
    client = create_app(dataset=dataset, settings=Settings(frame_ancestors="'self'")).server.test_client()
    response = client.get("/")
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
