"""The app over Flask's test client (no browser): headers, local assets, Dash endpoints, and
requests a browser would never send."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest


ROOT = Path(__file__).resolve().parent.parent
EXECUTABLE_SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")


class IndexParser(HTMLParser):
    """Collects external script/link URLs and inline script bodies of the index page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.inline: list[tuple[str, str]] = []  # (type, body)
        self._in_script: str | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            else:
                self._in_script = (attrs.get("type") or "").lower()
                self._body = []
        elif tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])

    def handle_data(self, data):
        if self._in_script is not None:
            self._body.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.inline.append((self._in_script, "".join(self._body)))
            self._in_script = None


@pytest.fixture(scope="module")
def index(app):
    response = app.server.test_client().get("/")
    parser = IndexParser()
    parser.feed(response.get_data(as_text=True))
    return response, parser


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def test_index_has_security_headers(index):
    """The page is a document: it carries the full set (CSP, frame policy, referrer policy,
    nosniff). Subresources carry nosniff only (tests/test_transfer.py)."""
    response, _ = index
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers.get("Referrer-Policy") in ("no-referrer", "same-origin", "strict-origin",
                                                       "strict-origin-when-cross-origin")
    csp = csp_directives(response.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"], csp
    scripts = csp.get("script-src", csp["default-src"])
    assert "'unsafe-eval'" not in scripts and "'unsafe-inline'" not in scripts, scripts
    assert not [s for s in scripts if s not in ("'self'",) and not s.startswith("'sha256-")], scripts
    assert csp.get("object-src") == ["'none'"], csp
    # framing is refused one way or the other
    assert "frame-ancestors" in csp or response.headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN")


def test_every_inline_script_is_allowed_by_its_hash(index):
    """No inline script may run unless the CSP lists its hash (else the page stays blank)."""
    response, parser = index
    scripts = csp_directives(response.headers["Content-Security-Policy"])["script-src"]
    executable = [body for kind, body in parser.inline if kind in EXECUTABLE_SCRIPT_TYPES]
    assert executable, "expected Dash's inline renderer bootstrap"
    for body in executable:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in scripts, f"inline script not allowed by CSP: {body[:80]!r}"


def test_every_asset_of_the_index_is_served_locally(index, client):
    _, parser = index
    assert any("dash_renderer" in u for u in parser.urls), parser.urls
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"asset from another host: {url}"
        assert url.startswith("/"), url
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code}"
        assert response.get_data(), f"{url}: empty"
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        if response.mimetype != "text/html":  # a script, stylesheet or icon is never a document
            assert "Content-Security-Policy" not in response.headers, url
        response.close()


@pytest.mark.parametrize("path", ["/_dash-layout", "/_dash-dependencies"])
def test_dash_endpoints(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.is_json and response.get_json() is not None


def test_no_graph_offers_to_send_its_data_away(client):
    """Plotly's modebar can offer "Share chart" (an upload to a cloud service): never here."""
    layout = client.get("/_dash-layout", headers={"Referer": "http://localhost/?from=1960&to=1960"}).get_json()
    configs = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Graph":
                configs.append(node["props"].get("config", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(layout)
    assert configs
    assert all(c.get("showSendToCloud") is False and c.get("showEditInChartStudio") is not True for c in configs)


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json and response.get_json()["status"] == "ok"


def test_csv_export_of_one_year(client):
    response = client.get("/export/flows.csv?from=1960&to=1960")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Type"].lower().count("charset") == 1, response.headers["Content-Type"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert rows and {r["year"] for r in rows} == {"1960"}
    assert "49036" in {r["persons"] for r in rows}


MALFORMED_BODIES = {
    "not-json": b"this is not json",
    "empty-object": b"{}",
    "list": b"[]",
    "null": b"null",
    "output-not-a-string": json.dumps({"output": 1}).encode(),
    "unknown-output": json.dumps({"output": "nope.children",
                                  "outputs": {"id": "nope", "property": "children"},
                                  "inputs": [], "changedPropIds": []}).encode(),
    "inputs-not-a-list": json.dumps({"output": "summary.children",
                                     "outputs": {"id": "summary", "property": "children"},
                                     "inputs": "view.data", "changedPropIds": ["view.data"]}).encode(),
}


@pytest.mark.parametrize("body", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_malformed_callback_request_is_not_a_server_error(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code < 500, (
        f"{response.status_code} for a malformed callback body {body[:60]!r}: expected a 4xx (or 200) "
        "with an error message, never a server error")
    if response.status_code >= 400:
        assert response.get_data(as_text=True).strip(), "an error response should say what was wrong"


# -- app.py as a newcomer meets it -------------------------------------------------------


def run_app_py(*args: str, code: str = "") -> subprocess.CompletedProcess:
    """``python app.py ARGS`` from the project's root; ``code`` runs first (to hide a package)."""
    script = f"{code}\nimport runpy, sys\nsys.argv = ['app.py', *{list(args)!r}]\nrunpy.run_path('app.py', run_name='__main__')"
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PORT": "abc"})


def test_help_lists_every_setting():
    from dashboard.config import ENVIRONMENT

    result = run_app_py("--help")
    assert result.returncode == 0, result.stderr
    for name in (*ENVIRONMENT, "--host", "--port", "--debug", "gunicorn"):
        assert name in result.stdout, name


def test_a_missing_package_is_one_line_saying_what_to_install():
    result = run_app_py(code="import sys; sys.modules['dash'] = None  # as if never installed")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()], result.stderr
    assert "'dash'" in result.stderr and "pip install -r requirements.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_setting_stops_the_start_naming_it():
    result = run_app_py()  # PORT=abc
    assert result.returncode != 0 and "PORT='abc'" in result.stderr and "Traceback" not in result.stderr
