"""Static files compressed once, at the best level, instead of on every request.

Flask-Compress compresses each response as it goes out, at a fast level (zstd 3): right for
callbacks, the layout and the downloads, which change with every request. Dash's own
JavaScript (``/_dash-component-suites/``), ``/assets/``, the GeoJSON layers (``/geo/``) and
``/vendor/`` never change while the process runs, so each is compressed once at the best
level: brotli 11 when the browser accepts ``br`` (every current browser does; 15-20 % smaller
than zstd 3), else zstd 19 or gzip 9. The result is kept in memory, keyed by a digest of the
file's bytes and the encoding; the set of static files is fixed, and the cache is bounded
anyway (least recently used out first).

The hook runs before Flask-Compress's (Flask runs ``after_request`` functions in the reverse
order of registration: this one is registered after Dash set Flask-Compress up); a response
that already has a ``Content-Encoding`` is left alone by Flask-Compress. Cache headers are
the view's own; a strong ETag gets the encoding appended (as Flask-Compress does), and
``If-None-Match`` is answered 304 against it.
"""

from __future__ import annotations

import gzip
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

import brotli
from flask import Flask, Request, Response, request

try:  # Python 3.14's compression.zstd, else its backport (a Flask-Compress dependency)
    from compression import zstd
except ImportError:
    from backports import zstd

STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/geo/", "/vendor/")
# Not text/html: under these prefixes an unknown path gets Dash's page, which is not static.
STATIC_MIMETYPES = ("text/javascript", "application/javascript", "text/css", "application/json",
                    "application/geo+json", "image/svg+xml")

COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "br": lambda data: brotli.compress(data, quality=11),
    "zstd": lambda data: zstd.compress(data, 19),
    "gzip": lambda data: gzip.compress(data, 9, mtime=0),
}
PREFERENCE = ("br", "zstd", "gzip")  # smallest first, for the same quality value
MAX_ENTRIES = 128  # (file, encoding) pairs; the first page load needs about 20


def choose_encoding(accept_encoding: str) -> str | None:
    """The best of br, zstd and gzip the client accepts (highest q, then smallest), or None."""
    quality: dict[str, float] = {}
    wildcard = 0.0
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name.strip() == "*":
            wildcard = q
        elif name.strip():
            quality[name.strip()] = q
    ranked = [(quality.get(name, wildcard), -i, name) for i, name in enumerate(PREFERENCE)]
    best_q, _, best = max(ranked)
    return best if best_q > 0 else None


class StaticCompression:
    """Compress responses under ``prefixes`` once per content and encoding (see module doc)."""

    def __init__(self, mimetypes: Iterable[str] = STATIC_MIMETYPES,
                 prefixes: tuple[str, ...] = STATIC_PREFIXES, max_entries: int = MAX_ENTRIES):
        self.mimetypes = frozenset(mimetypes)
        self.prefixes = prefixes
        self.max_entries = max_entries
        self._cache: OrderedDict[tuple[bytes, str], bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.warmed: tuple[str, ...] = ()  # paths compressed ahead by ``warm``

    def applies(self, req: Request, response: Response) -> bool:
        return (req.method in ("GET", "HEAD") and response.status_code == 200
                and req.path.startswith(self.prefixes)
                and response.mimetype in self.mimetypes
                and "Content-Encoding" not in response.headers)

    def compressed(self, data: bytes, encoding: str) -> bytes:
        key = (hashlib.blake2b(data, digest_size=16).digest(), encoding)
        with self._lock:
            body = self._cache.get(key)
            if body is not None:
                self._cache.move_to_end(key)
                return body
        body = COMPRESSORS[encoding](data)  # outside the lock: two threads may both do it once
        with self._lock:
            self._cache[key] = body
            while len(self._cache) > self.max_entries:
                self._cache.popitem(last=False)
        return body

    def after_request(self, response: Response) -> Response:
        if not self.applies(request, response):
            return response
        response.vary.add("Accept-Encoding")
        encoding = choose_encoding(request.headers.get("Accept-Encoding", ""))
        if encoding is None:
            return response
        response.direct_passthrough = False  # files from send_file: read them
        data = response.get_data()
        body = self.compressed(data, encoding)
        if len(body) >= len(data):
            return response  # tiny file: Flask-Compress skips it too (under its minimum size)
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}:{encoding}")
        return response.make_conditional(request)

    def cached_bytes(self) -> int:
        with self._lock:
            return sum(len(body) for body in self._cache.values())


def install(server: Flask) -> StaticCompression:
    """Register the hook on ``server`` (after Flask-Compress, so that it runs before it)."""
    static = StaticCompression()
    server.after_request(static.after_request)
    server.extensions["static_compression"] = static
    return static


#: dcc's code-split chunks the page loads after start (dcc.Graph, dcc.Slider): not named in
#: the page's HTML, so listed here for ``warm``
ASYNC_CHUNKS = ("/_dash-component-suites/dash/dcc/async-graph.js",
                "/_dash-component-suites/dash/dcc/async-slider.js")
_LINKED = re.compile(r'(?:src|href)="(/[^"]*)"')


def warm(server: Flask, encodings: Iterable[str] = ("br", "zstd", "gzip")) -> list[str]:
    """Compress every static file a first page load asks for, now.

    Called in gunicorn's master before it forks (gunicorn.conf.py): the workers then share
    the compressed copies, and no visitor waits for a fresh worker to compress Dash's
    JavaScript (about 2 s of CPU). Returns the paths it compressed."""
    client = server.test_client()
    page = client.get("/").get_data(as_text=True)
    paths = [p for p in _LINKED.findall(page) if p.startswith(STATIC_PREFIXES)]
    paths += [rule.rule for rule in server.url_map.iter_rules()
              if rule.rule.startswith(("/geo/", "/vendor/")) and not rule.arguments]
    paths += ASYNC_CHUNKS
    static = server.extensions["static_compression"]
    warmed = []
    for path in dict.fromkeys(paths):
        for encoding in encodings:
            response = client.get(path, headers={"Accept-Encoding": encoding})
            if response.headers.get("Content-Encoding") == encoding:
                warmed.append(path)
    static.warmed = tuple(dict.fromkeys(warmed))
    return list(static.warmed)
