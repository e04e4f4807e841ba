"""Honest status codes: an unknown path is a 404 page in the visitor's language, a download
with a value it cannot honour is a 400 naming it, a malformed callback body is a 400, and a
callback that fails is a 500 logged with its traceback. The page itself at ``/`` with an
invalid value still shows the page, with a notice (README: URL parameters)."""

from __future__ import annotations

import json
import logging

import pytest
from dash import Input, Output

from dashboard import create_app
from dashboard.config import Settings
from dashboard.state import parse_query

UNKNOWN = ["/nope", "/export/nope.csv", "/geo/../../app.py", "/geo/not-a-layer", "/vendor/nope.js",
           "/assets/build_favicon.py", "/assets/fonts/build_font.py", "/assets/fonts/README.md",
           "/assets/no-such-file.js", "/_dash-component-suites/dash/no-such-file.js", "/index.html"]


@pytest.mark.parametrize("path", UNKNOWN)
def test_unknown_path_is_a_404_page_with_a_link_home(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<html lang="en">' in page and 'href="/"' in page and "Back to the map" in page


@pytest.mark.parametrize("headers, query, lang, home", [
    ({"Accept-Language": "ja,en;q=0.5"}, "", "ja", "地図に戻る"),
    ({"Accept-Language": "ko-KR"}, "", "ko", "지도로 돌아가기"),
    ({"Accept-Language": "ja"}, "?lang=ko", "ko", "지도로 돌아가기"),
    ({"Accept-Language": "fr"}, "?lang=xx", "en", "Back to the map"),
])
def test_404_page_speaks_the_visitors_language(client, headers, query, lang, home):
    response = client.get(f"/nope{query}", headers=headers)
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert f'<html lang="{lang}">' in page and home in page
    assert f'href="/?lang={lang}"' in page if lang != "en" else 'href="/"' in page


def test_the_page_and_what_it_uses_are_found(client):
    page = client.get("/")
    assert page.status_code == 200
    for path in ("/assets/style.css", "/assets/favicon.ico", "/assets/fonts/LICENSE-OFL.txt", "/healthz"):
        assert client.get(path).status_code == 200, path


def test_the_page_with_an_invalid_value_still_shows_with_a_notice(client):
    response = client.get("/?from=abc")
    assert response.status_code == 200


@pytest.mark.parametrize("query, named", [
    ("from=abc", "from"), ("to=3000", "to"), ("port=atlantis", "port"), ("region=XX-99", "region"),
    ("lang=fr", "lang"), ("from=1950&to=1950", "from"),  # no return recorded in 1950
])
@pytest.mark.parametrize("download", ["/export/flows.csv", "/export/flows.geojson"])
def test_download_with_an_invalid_parameter_is_a_400_naming_it(client, download, query, named):
    response = client.get(f"{download}?{query}")
    assert response.status_code == 400, response.get_data(as_text=True)[:200]
    assert f"{named}=" in response.get_data(as_text=True)


def test_download_of_a_range_narrowed_to_recorded_years_is_served(client):
    response = client.get("/export/flows.csv?from=1950&to=1960")  # 1956-1960 have records
    assert response.status_code == 200
    assert "1960" in response.get_data(as_text=True)


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"output": 1}',
                                  json.dumps({"output": "nope.children", "inputs": []}).encode()])
def test_malformed_callback_body_is_a_400(client, body):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "malformed callback request" in response.get_data(as_text=True)


def test_a_bug_in_a_callback_is_a_500_logged_with_its_traceback(dataset, context, caplog):
    app = create_app(dataset=dataset, settings=Settings())

    @app.callback(Output("summary", "title"), Input("view", "data"))
    def broken(_view):
        return 1 / 0

    state, _ = parse_query("?from=1960&to=1960", context)
    body = {"output": "summary.title", "outputs": {"id": "summary", "property": "title"},
            "inputs": [{"id": "view", "property": "data", "value": state.to_dict()}],
            "changedPropIds": ["view.data"], "state": []}
    with caplog.at_level(logging.ERROR):
        response = app.server.test_client().post("/_dash-update-component", json=body)
    assert response.status_code == 500
    assert "Traceback" not in response.get_data(as_text=True)
    failed = [r for r in caplog.records if r.exc_info and r.exc_info[0] is ZeroDivisionError]
    assert failed and "_dash-update-component" in failed[0].getMessage()
