"""What the downloads hold for a selected region: every row says how it stands to it."""

from __future__ import annotations

import csv
import io
import json

from dashboard.exports import flows_csv, flows_geojson
from dashboard.figures.geometry import build_geometry
from dashboard.state import ViewState


def _rows(dataset, state):
    return list(csv.DictReader(io.StringIO(flows_csv(dataset, state))))


def test_a_region_without_a_port_lists_every_flow_and_says_residence_is_not_recorded(dataset):
    tokyo = _rows(dataset, ViewState(1959, 1984, region="JP-13"))
    everything = _rows(dataset, ViewState(1959, 1984))
    assert [r["id"] for r in tokyo] == [r["id"] for r in everything]
    assert {r["region_relation"] for r in tokyo} == {"region holds no port; residence not published"}


def test_an_uncertain_port_of_arrival_is_marked_on_its_rows(dataset):
    rows = _rows(dataset, ViewState(1959, 1984, region="KP-09"))
    by_id = {r["id"]: r for r in rows}
    for record in dataset.flow_records:
        if record.drawn and 1959 <= record.year <= 1984 and record.persons:
            expected = "port uncertain" if record.dest_alternatives else "port in region"
            assert by_id[record.id]["region_relation"] == expected


def test_unknown_persons_stay_empty_and_the_geojson_says_what_the_region_means(dataset):
    for row in _rows(dataset, ViewState(1947, 1984)):
        assert row["persons"] != "" or row["status"] == "unknown"
    data = json.loads(flows_geojson(dataset, build_geometry(dataset), ViewState(1960, 1960, region="JP-15")))
    assert "no published breakdown" in data["metadata"]["region_meaning"]
    assert {f["properties"]["region_relation"] for f in data["features"]} == {"port in region"}
