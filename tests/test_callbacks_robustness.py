"""Every server callback, sent malformed inputs as a forged browser would: never a 500,
and the server still answers correctly afterwards.

The request bodies are built from the app's own callback map, the way the Dash renderer
builds them, so a new callback is covered without editing this file.
"""

from __future__ import annotations

import json

import pytest

from dashboard import ids

BAD_VALUES = [
    None, "", "x" * 100_000, -1, -10**12, 10**12, 1e308, 12.5, True, [], {}, [None, None],
    [0, 10**9], [-5, 3], ["1960", "1961"], "1960", "XX-99", "<script>alert(1)</script>",
    {"points": "bad"}, {"points": [None]}, {"points": [{"location": "XX-99", "customdata": {"a": 1}}]},
    {"points": [{"x": "1960"}, {"x": -1}, {"x": 10**20}]}, {"year_from": "abc", "year_to": None, "lang": 5},
    {"active": "yes", "stop": 10**9}, {"column": "__class__", "ascending": "no"},
]


def _dependency(dep: dict, value) -> dict | list:
    """One input or state entry; pattern-matching (ALL) ids take a list of matches."""
    raw = dep["id"]
    if raw.startswith("{"):
        pattern = json.loads(raw)
        concrete = {k: (0 if v == ["ALL"] else v) for k, v in pattern.items()}
        if "column" in concrete:
            concrete["column"] = "year"
        return [{"id": concrete, "property": dep["property"], "value": value}]
    return {"id": raw, "property": dep["property"], "value": value}


def _outputs(output_key: str) -> list[dict]:
    """``..a.b...c.d..`` (several outputs) or ``a.b`` -> [{"id","property"}] (hash suffixes dropped)."""
    key = output_key.strip(".")
    parts = key.split("...") if output_key.startswith("..") else [key]
    result = []
    for part in parts:
        part = part.split("@")[0]
        component, prop = part.rsplit(".", 1)
        if component.startswith("{"):  # a wildcard output: the renderer sends the matches
            result.append(_dependency({"id": component, "property": prop}, None))
            for entry in result[-1]:
                entry.pop("value")
        else:
            result.append({"id": component, "property": prop})
    return result


def _body(output_key: str, spec: dict, inputs: list, state: list) -> dict:
    outputs = _outputs(output_key)
    return {
        "output": output_key,
        "outputs": outputs if output_key.startswith("..") else outputs[0],
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{d['id']}.{d['property']}" for d in spec["inputs"] if not d["id"].startswith("{")][:1],
    }


def _callbacks(app):
    return [(key, spec) for key, spec in app.callback_map.items() if spec.get("callback")]


def test_every_callback_survives_every_malformed_input(app, client):
    failures, rejected = [], []
    sent = 0
    for key, spec in _callbacks(app):
        deps = spec["inputs"] + spec.get("state", [])
        for position in range(len(deps)):
            for bad in BAD_VALUES:
                values = [bad if i == position else None for i in range(len(deps))]
                inputs = [_dependency(d, v) for d, v in zip(spec["inputs"], values)]
                state = [_dependency(d, v) for d, v in zip(spec.get("state", []), values[len(spec["inputs"]):])]
                response = client.post("/_dash-update-component", json=_body(key, spec, inputs, state))
                sent += 1
                if response.status_code >= 500:
                    failures.append((key, deps[position]["id"], repr(bad)[:60], response.status_code))
                elif response.status_code not in (200, 204):
                    rejected.append((key[:50], deps[position]["id"], repr(bad)[:40], response.status_code))
    assert sent > 500
    assert not failures, f"{len(failures)} server errors, e.g. {failures[:5]}"
    # well-formed requests with bad values get a safe default (200/204), not an error answer
    assert not rejected, f"{len(rejected)} requests answered with an error, e.g. {rejected[:5]}"


def test_malformed_view_store_gives_the_default_view(client, app, dataset, context):
    from dashboard.summary import summary_sentence

    spec = app.callback_map[f"{ids.SUMMARY}.children"]
    for bad in BAD_VALUES:
        body = _body(f"{ids.SUMMARY}.children", spec, [_dependency(spec["inputs"][0], bad)], [])
        response = client.post("/_dash-update-component", json=body)
        assert response.status_code == 200, bad
        text = response.get_json()["response"][ids.SUMMARY]["children"]
        if not isinstance(bad, dict):
            assert text == summary_sentence(dataset, context.default)


def test_garbage_bodies_are_rejected_without_a_server_error(client):
    for body in (b"", b"not json", b"[]", b"null", b'{"output": 5}', b'{"output": "nope.children", "inputs": []}'):
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        assert response.status_code < 500, body


def test_the_server_still_answers_correctly_afterwards(client, app, dataset):
    from dashboard.state import ViewState
    from dashboard.summary import summary_sentence

    test_every_callback_survives_every_malformed_input(app, client)
    spec = app.callback_map[f"{ids.SUMMARY}.children"]
    view = ViewState(1960, 1960).to_dict()
    body = _body(f"{ids.SUMMARY}.children", spec, [_dependency(spec["inputs"][0], view)], [])
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    assert response.get_json()["response"][ids.SUMMARY]["children"] == summary_sentence(dataset, ViewState(1960, 1960))
    assert client.get("/healthz").status_code == 200


def test_a_url_that_changes_nothing_answers_without_error(client, app):
    """The page's own URL echo (same view) must come back as 'no update', not an error."""
    from dashboard.state import ViewState

    key = next(k for k in app.callback_map if k.startswith("..view.data@") and "url.search" in k)
    spec = app.callback_map[key]
    values = {"search": "?from=1960&to=1960"}
    inputs = []
    for dep in spec["inputs"]:
        value = values.get(dep["property"]) if dep["id"] == "url" else None
        inputs.append(_dependency(dep, value))
    state = [_dependency(spec["state"][0], ViewState(1960, 1960).to_dict())]
    body = _body(key, spec, inputs, state)
    body["changedPropIds"] = ["url.search"]
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204), response.data[:300]
