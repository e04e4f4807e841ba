"""The loader: the committed dataset loads clean; layers are checked; places join to regions;
year totals keep unknowns unknown and report the weakest status."""

from __future__ import annotations

import csv
import json
import re

import geopandas as gpd
import pandas as pd
import pytest

from datafixtures import (
    FIXTURE_LAYERS,
    REAL_DATA,
    assert_data_error,
    load_error,
    edit_csv,
    edit_layer,
    line_of,
    read_csv,
    require_real_layers,
)
from geodata import DATASET_VERSION, load_dataset
from geodata.loader import LAYERS, year_totals
from geodata.tables import TABLES
from geodata.validate import REQUIRED_YEARS


@pytest.fixture(scope="module")
def real():
    require_real_layers()
    return load_dataset()




def totals_by_year(dataset) -> dict[int, dict]:
    return {int(row["year"]): row for row in dataset.year_totals.to_dict("records")}


# -- the committed dataset ------------------------------------------------------------------


def test_real_dataset_loads_with_every_check_ok(real):
    failed = [f"{c.where()}: [{c.rule}] {c.message}" for c in real.checks if not c.ok]
    assert failed == []
    _, rules = read_csv(REAL_DATA / "rules.csv")
    assert {row[0] for row in rules} <= {c.rule for c in real.checks}
    assert real.version == DATASET_VERSION
    assert re.fullmatch(r"[0-9a-f]{12}", real.fingerprint)
    assert set(real.tables) == set(TABLES)
    assert set(real.layers) == set(LAYERS)


def test_real_tables_have_every_csv_row(real):
    for name, table in TABLES.items():
        with (REAL_DATA / table.file).open(encoding="utf-8", newline="") as handle:
            count = sum(1 for _ in csv.DictReader(handle))
        assert len(real.tables[name]) == count, name


def test_real_years_cover_every_required_year(real):
    assert set(REQUIRED_YEARS) <= set(real.years)
    assert list(real.years) == sorted(real.years)


def test_real_year_totals(real):
    totals = totals_by_year(real)
    assert totals[1960]["persons"] == 49036
    assert totals[1960]["status"] == "documented"
    assert totals[1961]["persons"] == 22801
    assert totals[1961]["status"] == "derived"
    assert totals[1962]["status"] == "compiled"
    # 1956: 23 is drawn, the alternative reading of 20 is not counted
    assert totals[1956]["persons"] == 23
    # the suspension is a documented zero, not an unknown
    assert totals[1968]["persons"] == 0 and not pd.isna(totals[1968]["persons"])
    span = real.year_totals[real.year_totals["year"].between(1959, 1984)]
    assert int(span["persons"].sum()) == 93340


def test_real_place_regions(real):
    assert {"JP-15", "jp-chubu", "JPN"} <= real.place_regions["niigata"]
    assert "PRK" in real.place_regions["chongjin"]
    assert "JPN" not in real.place_regions["chongjin"]
    assert "PRK" not in real.place_regions["niigata"]
    countries = set(real.layers["countries"]["id"])
    for place, regions in real.place_regions.items():
        assert regions & countries, f"{place} lies in no country"


def test_real_flow_regions(real):
    assert {"JP-15", "PRK"} <= real.flow_regions["f1960"]
    assert set(real.flow_regions) == set(real.tables["flows"]["id"])


def test_real_layers_have_the_documented_properties(real):
    for name, gdf in real.layers.items():
        assert gdf.crs.to_epsg() == 4326, name
        for column in ("id", "kind", "name_en", "name_ja", "name_ko"):
            assert column in gdf.columns, (name, column)
    prefectures = real.layers["jp_prefectures"]
    assert {f"JP-{n:02d}" for n in range(1, 48)} == set(prefectures["id"])
    assert set(prefectures["country_id"]) == {"JPN"}
    assert set(prefectures["region_id"]) <= set(real.layers["jp_regions"]["id"])
    assert {"JPN", "KOR", "PRK"} <= set(real.layers["countries"]["id"])


# -- the synthetic fixture ----------------------------------------------------------------


def test_fixture_loads_with_every_check_ok(fixture_dataset):
    assert all(c.ok for c in fixture_dataset.checks)
    assert fixture_dataset.flows is fixture_dataset.tables["flows"]
    assert set(fixture_dataset.drawn_flows["drawn"]) == {"yes"}


def test_dataset_is_read_only(fixture_dataset):
    with pytest.raises(TypeError):
        fixture_dataset.tables["flows"] = None
    with pytest.raises(AttributeError):
        fixture_dataset.version = "2"
    with pytest.raises(AttributeError):
        fixture_dataset.no_such_table


def test_year_totals_unknown_part_is_na_not_zero(fixture_dataset):
    totals = totals_by_year(fixture_dataset)
    # 1957: 28 known + an unknown part
    assert pd.isna(totals[1957]["persons"])
    assert fixture_dataset.year_totals.set_index("year").loc[1957, "persons"] is pd.NA
    assert totals[1957]["status"] == "unknown"
    assert totals[1957]["source_ids"] == ("FIXA", "FIXB")
    assert str(fixture_dataset.year_totals["persons"].dtype) == "Int64"


def test_year_totals_weakest_status_wins(fixture_dataset):
    totals = totals_by_year(fixture_dataset)
    assert totals[1960]["persons"] == 5000  # documented 3000 + compiled 2000
    assert totals[1960]["status"] == "compiled"
    assert totals[1961]["status"] == "derived"
    assert totals[1962]["status"] == "estimated"
    assert totals[1959]["status"] == "documented"


def test_year_totals_do_not_count_alternative_readings(fixture_dataset):
    totals = totals_by_year(fixture_dataset)
    assert totals[1956]["persons"] == 23  # f1956b (20, drawn=no) is not added
    assert totals[1956]["source_ids"] == ("FIXA",)


def test_year_totals_zero_is_zero(fixture_dataset):
    totals = totals_by_year(fixture_dataset)
    assert totals[1968]["persons"] == 0 and totals[1968]["sailings"] == 0
    assert totals[1959]["sailings"] == 3
    assert pd.isna(totals[1960]["sailings"])  # sailings of 1960 not recorded: unknown, not 0


def test_year_totals_function_on_a_changed_frame(fixture_dataset):
    flows = fixture_dataset.flows.copy()
    flows.loc[flows["id"] == "f1956b", "drawn"] = "yes"
    changed = year_totals(flows).set_index("year")
    assert changed.loc[1956, "persons"] == 43
    assert fixture_dataset.year_totals.set_index("year").loc[1956, "persons"] == 23


def test_fixture_place_and_flow_regions(fixture_dataset):
    assert fixture_dataset.place_regions["tokyo"] == {"JP-13", "jp-kanto", "JPN"}
    assert {"KP-09", "PRK", "k1945-north-hamgyeong"} <= fixture_dataset.place_regions["chongjin"]
    # origin JP-13 brings its region and country; the ports bring theirs
    assert {"JP-13", "jp-kanto", "JPN", "JP-15", "KP-09"} <= fixture_dataset.flow_regions["f1961"]
    # a possible (uncertain) destination counts for the flow
    assert "KP-07" in fixture_dataset.flow_regions["f1971"]
    assert "KP-07" not in fixture_dataset.flow_regions["f1960a"]
    assert fixture_dataset.flow_regions["f1968"] == {"JPN"}
    assert fixture_dataset.region_ancestors["JP-15"] == {"JP-15", "jp-chubu", "JPN"}


def test_port_just_offshore_snaps_to_its_region(dirs):
    # JP-15 ends at 140.0 E; 140.1 E is about 9 km offshore, within PORT_SNAP_METRES
    edit_csv(dirs[0] / "places.csv", "niigata", "lon", "140.1")
    dataset = load_dataset(*dirs)
    assert {"JP-15", "JPN"} <= dataset.place_regions["niigata"]


# -- layers and places that must fail ---------------------------------------------------------


def test_place_in_no_region(dirs):
    line = edit_csv(dirs[0] / "places.csv", "tokyo", "lat", "10.0")
    edit_csv(dirs[0] / "places.csv", "tokyo", "lon", "160.0")
    assert line == line_of(dirs[0] / "places.csv", "tokyo")
    assert_data_error(load_error(dirs), "places.csv", line, "'tokyo'", "lies in no region")


def test_layer_missing(dirs):
    (dirs[1] / "kr_provinces_1945.geojson").unlink()
    assert_data_error(load_error(dirs), "kr_provinces_1945.geojson", None, "layer file not found",
                      "python -m geodata build")


def test_layer_not_readable(dirs):
    path = dirs[1] / "jp_regions.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    assert_data_error(load_error(dirs), "jp_regions.geojson", None, "not a readable GeoJSON layer")


def test_layer_wrong_crs(dirs):
    path = dirs[1] / "countries.geojson"
    gpd.read_file(path).to_crs("EPSG:3857").to_file(path, driver="GeoJSON")
    assert_data_error(load_error(dirs), "countries.geojson", None, "expected EPSG:4326", rule="layer-crs")


def test_layer_invalid_geometry(dirs):
    bowtie = {"type": "Polygon", "coordinates": [[[138.8, 34.5], [141, 36.4], [141, 34.5], [138.8, 36.4],
                                                   [138.8, 34.5]]]}
    edit_layer(dirs[1], "jp_regions", "jp-kanto", geometry=bowtie)
    assert_data_error(load_error(dirs), "jp_regions.geojson", None, "'jp-kanto'", "invalid or empty geometry",
                      rule="layer-geometry")


def test_layer_empty_name(dirs):
    edit_layer(dirs[1], "kr_provinces_today", "KP-07", properties={"name_ko": ""})
    assert_data_error(load_error(dirs), "kr_provinces_today.geojson", None, "'name_ko'", rule="layer-fields")


def test_layer_duplicate_id(dirs):
    edit_layer(dirs[1], "jp_prefectures", "JP-40", properties={"id": "JP-15"})
    assert_data_error(load_error(dirs), "jp_prefectures.geojson", None, "duplicate ids", "JP-15",
                      rule="layer-ids")


def test_fixture_layers_are_tiny_and_in_wgs84():
    for name in LAYERS:
        path = FIXTURE_LAYERS / f"{name}.geojson"
        assert path.stat().st_size < 4000, name
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "crs" not in data  # RFC 7946: WGS84 longitude/latitude
        gdf = gpd.read_file(path)
        assert gdf.crs.to_epsg() == 4326
        assert gdf.geometry.is_valid.all()


def test_layer_without_ids(dirs):
    path = dirs[1] / "kr_provinces_today.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        del feature["properties"]["id"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert_data_error(load_error(dirs), "kr_provinces_today.geojson", None, "'id'")
