"""Load, validate and index the whole dataset once, for the dashboard and the checker.

``load_dataset()`` reads every table and layer, runs every check, joins places to the
regions that contain them (GeoPandas, once, here) and computes the aggregates the views
need. A bad file stops it with a ``DataError`` naming the file, the line and the problem.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import geopandas as gpd
import pandas as pd

from . import DATASET_VERSION
from .errors import DataError
from .read import read_table
from .records import DatedRecord, FlowRecord, dated_records, flow_records
from .tables import TABLES
from .validate import (
    Check,
    check_causes,
    check_flows,
    check_layers,
    check_places,
    check_references,
    check_rules,
    weakest_status,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
LAYERS_DIR = PACKAGE_DIR / "layers"

#: layer name -> the kind of unit it holds (file ``<name>.geojson`` in the layers folder)
LAYERS = {
    "countries": "country",
    "jp_prefectures": "prefecture",
    "jp_regions": "region",
    "kr_provinces_today": "province",
    "kr_provinces_1945": "province_1945",
}
#: How far (metres) a port may lie outside the simplified coast of its region.
PORT_SNAP_METRES = 25_000


@dataclass(frozen=True)
class Dataset:
    """The whole record, validated and read-only. Do not modify the frames it holds."""

    version: str
    fingerprint: str
    tables: Mapping[str, pd.DataFrame]
    layers: Mapping[str, gpd.GeoDataFrame]
    #: every region of every layer: id, layer, kind, names, parent ids
    regions: pd.DataFrame
    #: region id -> ids of itself and the regions that contain it
    region_ancestors: Mapping[str, frozenset[str]]
    #: place id -> ids of the regions (all layers, with ancestors) that contain it
    place_regions: Mapping[str, frozenset[str]]
    #: flow id -> ids of the regions its origin, ports and possible ports lie in
    flow_regions: Mapping[str, frozenset[str]]
    #: one row per year with any drawn flow: persons (<NA> if any part is unknown),
    #: sailings, weakest status, sources
    year_totals: pd.DataFrame
    checks: tuple[Check, ...]
    #: the same rows as plain records, for fast per-view queries
    flow_records: tuple[FlowRecord, ...] = ()
    event_records: tuple[DatedRecord, ...] = ()
    sailing_records: tuple[DatedRecord, ...] = ()
    origin_count_records: tuple[DatedRecord, ...] = ()
    #: causes and context (causes.csv), in file order
    cause_records: tuple[DatedRecord, ...] = ()
    #: place id -> row (namedtuple) and region id -> row (namedtuple)
    place_rows: Mapping[str, tuple] = None  # type: ignore[assignment]
    region_rows: Mapping[str, tuple] = None  # type: ignore[assignment]
    source_rows: Mapping[str, tuple] = None  # type: ignore[assignment]
    #: origin_shares as plain rows (namedtuples)
    origin_share_rows: tuple = ()
    #: the years with any drawn flow, in order, and year -> its drawn flow records
    years: tuple[int, ...] = ()
    drawn_by_year: Mapping[int, tuple[FlowRecord, ...]] = None  # type: ignore[assignment]

    def __getattr__(self, name: str):  # dataset.flows, dataset.sources, ...
        tables = object.__getattribute__(self, "tables")
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    @property
    def drawn_flows(self) -> pd.DataFrame:
        return self.tables["flows"][self.tables["flows"]["drawn"] == "yes"]


def read_layers(layers_dir: Path) -> dict[str, gpd.GeoDataFrame]:
    layers = {}
    for name in LAYERS:
        path = layers_dir / f"{name}.geojson"
        if not path.is_file():
            raise DataError(path, None, "layer file not found (rebuild with: python -m geodata build)")
        try:
            layers[name] = gpd.read_file(path)
        except Exception as exc:  # pyogrio raises several types for a broken file
            raise DataError(path, None, f"not a readable GeoJSON layer ({exc})") from None
        if "id" not in layers[name].columns:
            raise DataError(path, None, "layer has no 'id' property (rebuild with: python -m geodata build)")
    return layers


def _regions_table(layers: dict[str, gpd.GeoDataFrame]) -> pd.DataFrame:
    frames = []
    for name, gdf in layers.items():
        frame = pd.DataFrame(gdf.drop(columns="geometry"))
        frame["layer"] = name
        frames.append(frame)
    regions = pd.concat(frames, ignore_index=True)
    for column in ("region_id", "country_id"):
        if column not in regions:
            regions[column] = None
    return regions


def _ancestors(regions: pd.DataFrame) -> dict[str, frozenset[str]]:
    parents = {}
    for row in regions.itertuples():
        parents[row.id] = [p for p in (row.region_id, row.country_id) if isinstance(p, str) and p]
    result = {}
    for region_id in parents:
        seen, todo = set(), [region_id]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(parents.get(current, []))
        result[region_id] = frozenset(seen)
    return result


def _join_places(places: pd.DataFrame, layers, ancestors, data_dir: Path) -> dict[str, frozenset[str]]:
    """Which region of each layer contains each place (nearest within PORT_SNAP_METRES,
    since simplified coasts can leave a harbour just offshore)."""
    points = gpd.GeoDataFrame(
        places[["id", "line"]],
        geometry=gpd.points_from_xy(places["lon"], places["lat"]),
        crs="EPSG:4326",
    ).to_crs("EPSG:3857")
    found: dict[str, set[str]] = {pid: set() for pid in places["id"]}
    for name, gdf in layers.items():
        polygons = gdf[["id", "geometry"]].rename(columns={"id": "region"}).to_crs("EPSG:3857")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            joined = gpd.sjoin_nearest(points, polygons, how="left", max_distance=PORT_SNAP_METRES)
        for row in joined.drop_duplicates("id").itertuples():
            if isinstance(row.region, str):
                found[row.id] |= ancestors[row.region]
    for row in places.itertuples():
        if not found[row.id]:
            raise DataError(
                data_dir / TABLES["places"].file, row.line,
                f"place {row.id!r} ({row.lat}, {row.lon}) lies in no region of any layer",
            )
    return {pid: frozenset(ids) for pid, ids in found.items()}


def _flow_regions(flows, place_regions, ancestors) -> dict[str, frozenset[str]]:
    result = {}
    for row in flows.itertuples():
        ids = set(ancestors.get(row.origin_id, {row.origin_id}))
        for place in (row.embark_port_id, row.dest_port_id, *row.dest_alternatives):
            if place:
                ids |= place_regions[place]
        result[row.id] = frozenset(ids)
    return result


def year_totals(flows: pd.DataFrame) -> pd.DataFrame:
    """Persons, sailings, weakest status and sources per year over the drawn rows."""
    rows = []
    drawn = flows[flows["drawn"] == "yes"]
    for year, group in drawn.groupby("year", sort=True):
        persons = pd.NA if group["persons"].isna().any() else int(group["persons"].sum())
        sailings = pd.NA if group["sailings"].isna().any() else int(group["sailings"].sum())
        sources = tuple(dict.fromkeys(s for ids in group["source_ids"] for s in ids))
        rows.append(
            {
                "year": int(year),
                "persons": persons,
                "sailings": sailings,
                "status": weakest_status(group["status"]),
                "source_ids": sources,
            }
        )
    frame = pd.DataFrame(rows, columns=["year", "persons", "sailings", "status", "source_ids"])
    frame["persons"] = frame["persons"].astype("Int64")
    frame["sailings"] = frame["sailings"].astype("Int64")
    return frame


def _fingerprint(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.glob("*.csv")) + sorted(folder.glob("*.geojson")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def run_checks(data_dir: Path = DATA_DIR, layers_dir: Path = LAYERS_DIR):
    """Read everything and run every check. Returns ``(tables, layers, checks)``.

    Raises ``DataError`` only for problems that stop reading (a missing file, a bad cell);
    cross-table problems come back as failed ``Check`` results.
    """
    data_dir, layers_dir = Path(data_dir), Path(layers_dir)
    tables = {name: read_table(data_dir, table) for name, table in TABLES.items()}
    layers = read_layers(layers_dir)
    region_ids = set().union(*(set(gdf["id"]) for gdf in layers.values()))

    def summarised(results):
        # each check family ends with an "all ok" line; drop it when one of its rows failed
        results = list(results)
        failed = any(not c.ok for c in results)
        return [c for c in results if not (failed and c.ok and c.rule in ("layers", "references", "place-kind", "flows", "causes"))]

    checks = [
        *summarised(check_layers(layers, layers_dir)),
        *summarised(check_references(tables, region_ids, data_dir)),
        *summarised(check_places(tables["places"], tables["flows"], tables["sailings"], data_dir)),
        *summarised(check_flows(tables["flows"], data_dir)),
        *summarised(check_causes(tables["causes"], data_dir)),
        *check_rules(tables, data_dir),
    ]
    if all(c.ok for c in checks if c.rule.startswith("layer")):
        ancestors = _ancestors(_regions_table(layers))
        try:
            _join_places(tables["places"], layers, ancestors, data_dir)
        except DataError as exc:
            checks.append(Check("place-region", False, exc.problem, file=str(exc.path), line=exc.line))
        else:
            checks.append(Check("place-region", True, "every place lies in a region of the layers"))
    return tables, layers, checks


def load_dataset(data_dir: Path = DATA_DIR, layers_dir: Path = LAYERS_DIR) -> Dataset:
    """Load and validate the dataset; raise ``DataError`` on the first failed check."""
    data_dir, layers_dir = Path(data_dir), Path(layers_dir)
    tables, layers, checks = run_checks(data_dir, layers_dir)
    failed = [c for c in checks if not c.ok]
    if failed:
        first = failed[0]
        more = f" (and {len(failed) - 1} more problem(s); run: python -m geodata check)" if len(failed) > 1 else ""
        raise DataError(first.file or data_dir, first.line, f"[{first.rule}] {first.message}{more}", first.rule)

    regions = _regions_table(layers)
    ancestors = _ancestors(regions)
    place_regions = _join_places(tables["places"], layers, ancestors, data_dir)
    flow_regions = _flow_regions(tables["flows"], place_regions, ancestors)
    records = flow_records(tables["flows"], flow_regions)
    totals = year_totals(tables["flows"])
    years = tuple(int(y) for y in totals["year"])
    return Dataset(
        version=DATASET_VERSION,
        fingerprint=_fingerprint(data_dir, layers_dir),
        tables=MappingProxyType(tables),
        layers=MappingProxyType(layers),
        regions=regions,
        region_ancestors=MappingProxyType(ancestors),
        place_regions=MappingProxyType(place_regions),
        flow_regions=MappingProxyType(flow_regions),
        year_totals=totals,
        checks=tuple(checks),
        flow_records=records,
        event_records=dated_records(tables["events"], "id", "date", "date", ["place_id"], place_regions),
        sailing_records=dated_records(tables["sailings"], "number", "date", "date",
                                      ["embark_port_id", "dest_port_id"], place_regions),
        origin_count_records=dated_records(tables["origin_counts"], "id", "date_start", "date_end", [],
                                           place_regions, ancestors, "region_id"),
        cause_records=dated_records(tables["causes"], "id", "date_start", "date_end", [], place_regions),
        place_rows=MappingProxyType({r.id: r for r in tables["places"].itertuples(index=False)}),
        region_rows=MappingProxyType({r.id: r for r in regions.itertuples(index=False)}),
        source_rows=MappingProxyType({r.id: r for r in tables["sources"].itertuples(index=False)}),
        origin_share_rows=tuple(tables["origin_shares"].itertuples(index=False)),
        years=years,
        drawn_by_year=MappingProxyType({y: tuple(r for r in records if r.drawn and r.year == y) for y in years}),
    )
