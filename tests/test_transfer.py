"""Bytes on the wire for a first page load: what the page links, the favicon, static files
compressed once at the best level, and which security headers go on which response."""

from __future__ import annotations

import gzip
import importlib.util
import re
import struct
from pathlib import Path

import brotli
import pytest

from dashboard import create_app, page_scripts, static_compression
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
    return re.findall(r'(?:src|href)="([^"]+)"', page)


def url_of(page: str, part: str) -> str:
    urls = [u for u in linked(page) if part in u]
    assert len(urls) == 1, (part, linked(page))
    return urls[0]


# -- what the page links ---------------------------------------------------------------


def test_page_links_neither_the_polyfill_nor_the_datatable_bundle(page):
    urls = linked(page)
    assert any("dash_renderer" in u for u in urls), urls
    assert not [u for u in urls if "polyfill" in u], urls
    assert not [u for u in urls if "dash_table" in u], urls


def test_regenerator_runtime_replaces_the_polyfill_before_react(page, client):
    """The renderer's and dcc's async-component loader calls the global regeneratorRuntime."""
    urls = [u for u in linked(page) if u.endswith(".js") or ".js?" in u]
    runtime = url_of(page, "regenerator-runtime")
    assert urls.index(runtime) < urls.index(url_of(page, "/deps/react@")), urls
    response = client.get(runtime)
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    body = response.get_data(as_text=True)
    assert "regeneratorRuntime=e" in body and "suspendedStart" in body
    assert len(body) < 10_000, len(body)  # the runtime only, not the 97 KB polyfill
    assert "immutable" in response.headers["Cache-Control"]


def test_regenerator_runtime_is_cut_as_one_whole_module():
    body = page_scripts.regenerator_runtime().decode()
    assert body.count("[function(") == 0, "more than the regenerator module was cut out"
    # balanced braces: the module was cut at its own end
    assert body.count("{") == body.count("}") and body.count("(") == body.count(")")


DASH_SCRIPTS = "\n".join([
    '<script src="/_dash-component-suites/dash/deps/polyfill@7.v4_4_1m1.12.1.min.js"></script>',
    '<script src="/_dash-component-suites/dash/deps/react@18.v4_4_1m1.3.1.min.js"></script>',
    '<script src="/_dash-component-suites/dash/dash-renderer/build/dash_renderer.v4_4_1m1.min.js"></script>',
    '<script src="/_dash-component-suites/dash/dash_table/bundle.v7_4_1m1.js"></script>',
    "<script>var renderer = 1;</script>",
])


def test_trim_scripts_replaces_the_polyfill_and_drops_the_datatable_bundle():
    trimmed = page_scripts.trim_scripts(DASH_SCRIPTS, "/vendor/regenerator-runtime.abc.js")
    assert trimmed.splitlines() == [
        '<script src="/vendor/regenerator-runtime.abc.js"></script>',
        '<script src="/_dash-component-suites/dash/deps/react@18.v4_4_1m1.3.1.min.js"></script>',
        '<script src="/_dash-component-suites/dash/dash-renderer/build/dash_renderer.v4_4_1m1.min.js"></script>',
        "<script>var renderer = 1;</script>",
    ]


def test_without_the_runtime_the_page_keeps_the_polyfill(tmp_path):
    """Another Dash version, another polyfill file: nothing to cut, the whole polyfill stays."""
    fake = tmp_path / "polyfill.min.js"
    fake.write_text("!function(){/* no regenerator here */}();")
    assert page_scripts.regenerator_runtime(fake) is None
    assert page_scripts.regenerator_runtime(tmp_path / "missing.js") is None
    trimmed = page_scripts.trim_scripts(DASH_SCRIPTS, None)
    assert "polyfill@" in trimmed and "dash_table" not in trimmed


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
    spec = importlib.util.spec_from_file_location("build_favicon", ROOT / "assets" / "build_favicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT = tmp_path / "favicon.ico"
    module.main()
    assert module.OUT.read_bytes() == (ROOT / "assets" / "favicon.ico").read_bytes()


# -- static files: compressed once, at the best level ----------------------------------


STATIC_PARTS = ["dash_core_components.v", "dash_renderer", "/deps/react-dom@", "/assets/style.css",
                "regenerator-runtime"]


@pytest.mark.parametrize("part", STATIC_PARTS)
def test_static_file_comes_back_brotli_11_and_decodes_to_the_same_bytes(page, client, part):
    url = url_of(page, part)
    plain = client.get(url)
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    raw = plain.get_data()
    response = client.get(url, headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"  # Flask-Compress alone would pick zstd
    body = response.get_data()
    assert brotli.decompress(body) == raw
    assert len(body) == len(brotli.compress(raw, quality=11))
    assert "Accept-Encoding" in response.headers["Vary"]
    assert int(response.headers["Content-Length"]) == len(body)
    assert response.headers.get("Cache-Control") == plain.headers.get("Cache-Control")


def test_geojson_layer_comes_back_brotli(app, client):
    url = next(r.rule for r in app.server.url_map.iter_rules() if r.rule.startswith("/geo/"))
    raw = client.get(url).get_data()
    response = client.get(url, headers={"Accept-Encoding": BROWSER})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.get_data()) == raw


def test_static_file_with_only_gzip_accepted_comes_back_gzip(page, client):
    url = url_of(page, "dash_core_components.v")
    raw = client.get(url).get_data()
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()) == raw


def test_static_file_with_zstd_preferred_comes_back_zstd(page, client):
    url = url_of(page, "/assets/style.css")
    response = client.get(url, headers={"Accept-Encoding": "zstd, br;q=0.5, gzip;q=0.1"})
    assert response.headers["Content-Encoding"] == "zstd"


def test_static_asset_etag_names_the_encoding_and_answers_304(page, client):
    url = url_of(page, "/assets/style.css")
    first = client.get(url, headers={"Accept-Encoding": BROWSER})
    etag = first.headers["ETag"]
    assert etag.endswith(':br"'), etag
    again = client.get(url, headers={"Accept-Encoding": BROWSER, "If-None-Match": etag})
    assert again.status_code == 304 and not again.get_data()
    assert "immutable" in again.headers["Cache-Control"]


def test_dynamic_responses_keep_flask_compress(client):
    # the page's own layout request (it names the page): the layout built for that view
    layout = client.get("/_dash-layout", headers={"Accept-Encoding": BROWSER, "Referer": "http://localhost/"})
    assert layout.status_code == 200 and int(layout.headers["Content-Length"]) > 1000
    assert layout.headers["Content-Encoding"] == "zstd"  # Flask-Compress's fast default
    unknown = client.get("/geo/not-a-layer", headers={"Accept-Encoding": BROWSER})
    assert unknown.mimetype == "text/html" and unknown.headers["Content-Encoding"] == "zstd"


def test_nothing_compressed_when_compression_is_off(dataset):
    client = create_app(dataset=dataset, settings=Settings(compress=False)).server.test_client()
    url = url_of(client.get("/").get_data(as_text=True), "dash_renderer")
    response = client.get(url, headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 200 and "Content-Encoding" not in response.headers


def test_cache_is_keyed_by_content_and_bounded():
    static = static_compression.StaticCompression(max_entries=3)
    first = static.compressed(b"a" * 2000, "br")
    assert static.compressed(b"a" * 2000, "br") is first  # compressed once
    for i in range(10):
        static.compressed(bytes([i]) * 2000, "gzip")
    assert len(static._cache) == 3


@pytest.mark.parametrize("header, expected", [
    (BROWSER, "br"),
    ("gzip", "gzip"),
    ("gzip, zstd", "zstd"),
    ("br;q=0, gzip", "gzip"),
    ("br;q=0.2, gzip;q=0.8", "gzip"),
    ("*", "br"),
    ("identity", None),
    ("deflate", None),
    ("", None),
])
def test_choose_encoding(header, expected):
    assert static_compression.choose_encoding(header) == expected


# -- callbacks -------------------------------------------------------------------------


def test_callbacks_still_work(client, context):
    state, _ = parse_query("?from=1960&to=1960", context)
    body = {"output": "summary.children", "outputs": {"id": "summary", "property": "children"},
            "inputs": [{"id": "view", "property": "data", "value": state.to_dict()}],
            "changedPropIds": ["view.data"], "state": []}
    response = client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": BROWSER})
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "1960" in response.get_data(as_text=True)
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


def test_warm_compresses_every_static_file_of_a_first_load_once(dataset):
    """gunicorn's master calls warm() before forking: afterwards no request compresses again."""
    app = create_app(dataset, Settings())
    static = app.server.extensions["static_compression"]
    warmed = static_compression.warm(app.server)
    page = app.server.test_client().get("/").get_data(as_text=True)
    for script in re.findall(r'<script src="(/[^"]*)"', page):
        assert script in warmed, script
    assert any(p.startswith("/geo/") for p in warmed) and set(static_compression.ASYNC_CHUNKS) <= set(warmed)
    cached = static.cached_bytes()
    client = app.server.test_client()
    for path in warmed:
        response = client.get(path, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "br", path
    assert static.cached_bytes() == cached
