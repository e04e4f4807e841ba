"""Every server callback, given malformed values as a forged browser would send them: it
answers (a safe default or "no update"), never raises, and what it answers can be sent.

The callbacks are plain functions (``dashboard.callbacks.CALLBACKS``), called directly, so a
new callback is covered without editing this file and no test builds Dash's wire format.
"""

from __future__ import annotations

import pytest
from plotly.io.json import to_json_plotly

from dashboard.callbacks import CALLBACKS, Deps, show_view
from dashboard.figures.geometry import build_geometry
from dashboard.state import ViewState
from dashboard.summary import summary_sentence
from dashboard.tour import default_tour

BAD_VALUES = [
    None, "", "x" * 100_000, -1, -10**12, 10**12, 1e308, 12.5, True, [], {}, [None, None],
    [0, 10**9], [-5, 3], ["1960", "1961"], "1960", "XX-99", "<script>alert(1)</script>",
    {"points": "bad"}, {"points": [None]}, {"points": [{"location": "XX-99", "customdata": {"a": 1}}]},
    {"year_from": "abc", "year_to": None, "lang": 5}, {"key": 5, "first": "yes"}, {"query": 5, "n": "x"},
    {"query": "?from=1850&lang=xx&region=<b>"}, {"active": "yes", "stop": 10**9}, {"column": "__class__"},
]


@pytest.fixture(scope="module")
def deps(dataset, context):
    return Deps(dataset, build_geometry(dataset), context, default_tour())


@pytest.mark.parametrize("callback", CALLBACKS, ids=lambda c: c.function.__name__)
def test_every_callback_survives_every_malformed_input(deps, callback):
    arity = len(callback.inputs)
    for position in range(arity):
        for bad in BAD_VALUES:
            values = [bad if i == position else None for i in range(arity)]
            answer = callback.function(deps, *values)
            to_json_plotly(answer)  # Dash can send it


def test_a_malformed_view_gives_the_default_views_summary(deps, dataset, context):
    for bad in BAD_VALUES:
        if not isinstance(bad, dict):
            assert show_view(deps, bad)[0] == summary_sentence(dataset, context.default), bad


def test_a_tampered_view_is_checked_like_a_url(deps, dataset):
    tampered = {**ViewState(1960, 1960).to_dict(), "region": "<script>", "port": "atlantis", "layer": "1066"}
    assert show_view(deps, tampered)[0] == summary_sentence(dataset, ViewState(1960, 1960))


def test_garbage_bodies_are_rejected_without_a_server_error(client):
    for body in (b"", b"not json", b"[]", b"null", b'{"output": 5}', b'{"output": "nope.children", "inputs": []}'):
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code == 400, body
