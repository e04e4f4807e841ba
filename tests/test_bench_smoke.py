"""Smoke test of the benchmark helpers (bench/run.py): no server, no browser, no timing.

Checks the statistics, and that the callback body builder makes valid Dash requests for
every server callback of the real app (answered 200 or 204 by its Flask test client).
"""

from __future__ import annotations

import json
import random
import statistics

import pytest

from bench import run
from bench.bodies import prop_key
from dashboard import create_app
from dashboard.config import Settings


def test_percentile_interpolates_like_numpy_linear():
    assert run.percentile([3, 1, 2, 4], 50) == 2.5
    assert run.percentile([7], 95) == 7.0
    assert run.percentile([], 50) is None
    assert run.percentile([1, 2], 0) == 1.0 and run.percentile([1, 2], 100) == 2.0
    data = [random.Random(3).random() for _ in range(101)]
    inclusive = statistics.quantiles(data, n=100, method="inclusive")
    assert run.percentile(data, 95) == pytest.approx(inclusive[94])
    assert run.percentile(range(1, 101), 95) == pytest.approx(95.05)
    with pytest.raises(ValueError):
        run.percentile([1], 101)


def test_summarize_and_growth():
    summary = run.summarize([1, 2, 3, 4, 5])
    assert summary["n"] == 5 and summary["p50"] == 3 and summary["max"] == 5 and summary["mean"] == 3
    assert run.summarize([])["p95"] is None
    assert run.growth(100, 110) == pytest.approx(0.10)
    assert run.growth(None, 1) is None
    assert run.hour_equivalent_steps(8) == 450


UNIVERSE = run.Universe(years=(1947, 1956, 1957, 1959, 1960), regions=("JP-15", "KP-09"),
                        ports=("niigata", "chongjin"), tour_stops=3, table_columns=("year", "persons"))


def test_output_labels():
    assert run.output_props("..view.data@abc...url.search..") == ["view.data", "url.search"]
    assert run.callback_label("..view.data@abc...url.search..") == "view.data (+1)"
    assert run.callback_label("summary.children") == "summary.children"


def test_a_pattern_trigger_moves_to_another_component_consistently():
    ids = [{"column": c, "type": "table-sort"} for c in ("year", "route", "persons")]
    body = {
        "output": "table-sort-state.data", "outputs": {"id": "table-sort-state", "property": "data"},
        "inputs": [[{"id": i, "property": "n_clicks", "value": 0} for i in ids]],
        "changedPropIds": ['{"column":"route","type":"table-sort"}.n_clicks'],
        "parsedChangedPropsIds": [{"column": "route", "type": "table-sort"}],
        "state": [{"id": "table-sort-state", "property": "data", "value": {"column": "year", "ascending": True}}],
    }
    for seed in range(10):
        varied = run.vary_body(body, random.Random(seed), UNIVERSE)
        assert json.loads(run.encode(varied)) == varied
        (trigger,) = varied["changedPropIds"]
        clicked = [item for item in varied["inputs"][0] if prop_key(item) == trigger]
        assert len(clicked) == 1 and clicked[0]["value"] >= 1
        assert varied["parsedChangedPropsIds"] == [clicked[0]["id"]]
        assert varied["state"][0]["value"]["column"] in UNIVERSE.table_columns
    assert body["inputs"][0][1]["value"] == 0  # the recorded body is left as it was


def test_view_values_are_realistic():
    body = {"output": "summary.children", "outputs": {"id": "summary", "property": "children"},
            "inputs": [{"id": "view", "property": "data", "value": {}}],
            "changedPropIds": ["view.data"], "parsedChangedPropsIds": ["view.data"]}
    rng = random.Random(5)
    for _ in range(50):
        view = run.vary_body(body, rng, UNIVERSE)["inputs"][0]["value"]
        assert view["year_from"] in UNIVERSE.years and view["year_to"] in UNIVERSE.years
        assert view["year_from"] <= view["year_to"]
        assert view["region"] in ("", *UNIVERSE.regions) and view["port"] in ("", *UNIVERSE.ports)
        assert view["lang"] in UNIVERSE.langs and view["layer"] in UNIVERSE.layers


@pytest.fixture(scope="module")
def app_client(dataset):
    app = create_app(dataset=dataset, settings=Settings())
    return app.server.test_client()


def test_built_bodies_are_valid_requests_for_every_server_callback(app_client, context):
    dependencies = app_client.get("/_dash-dependencies").get_json()
    outputs = run.server_callbacks(dependencies)
    assert outputs, "the app has no server callback?"
    universe = run.Universe(years=tuple(context.years), regions=tuple(sorted(context.region_ids)),
                            ports=tuple(sorted(context.port_ids)), tour_stops=3)
    bodies, synthesized = run.build_bodies(dependencies, [], universe)
    assert sorted(synthesized) == sorted(outputs)
    rng = random.Random(7)
    for item in bodies:
        for body in (item["body"], run.vary_body(item["body"], rng, universe)):
            data = run.encode(body)
            assert json.loads(data) == body
            response = app_client.post("/_dash-update-component", data=data,
                                       headers={"Content-Type": "application/json"})
            assert response.status_code in (200, 204), (run.callback_label(item["output"]), response.data[:300])
