"""Checks that span rows and tables: references, statuses, coverage, layers, reconciliation.

Each check returns ``Check`` results instead of raising, so ``python -m geodata check`` can
list every problem at once; the loader turns the first failure into a ``DataError``.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from .tables import STATUSES, TABLES
from .records import LANGS

#: Years the record must cover: the early returns and every year of 1959-84.
REQUIRED_YEARS = (1947, 1956, 1957, *range(1959, 1985))


@dataclass(frozen=True)
class Check:
    rule: str
    ok: bool
    message: str = ""
    expected: object = None
    actual: object = None
    file: str = ""
    line: int | None = None

    def where(self) -> str:
        if not self.file:
            return ""
        return f"{self.file}, line {self.line}" if self.line is not None else self.file


def _fail(rule, file, line, message, expected=None, actual=None) -> Check:
    return Check(rule, False, message, expected, actual, file, line)


def weakest_status(statuses) -> str:
    """The weakest of several statuses: a sum is only as sure as its least sure part."""
    return max(statuses, key=STATUSES.index)


# -- formulas of derived figures ------------------------------------------------------

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}


def evaluate_formula(text: str) -> int:
    """Evaluate whole-number arithmetic such as ``74779 - 51978`` (no names, no calls)."""

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and type(node.value) is int:  # not bool
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        raise ValueError(f"only whole numbers with + - * are allowed, not {ast.dump(node)}")

    return walk(ast.parse(text.replace(",", ""), mode="eval"))


# -- references -------------------------------------------------------------------------


def check_references(tables: dict[str, pd.DataFrame], region_ids: set[str], data_dir: Path):
    known = {name: set(frame[TABLES[name].key]) for name, frame in tables.items() if TABLES[name].key}
    known["regions"] = region_ids
    for name, frame in tables.items():
        table = TABLES[name]
        file = str(data_dir / table.file)
        for column, target in table.refs.items():
            for _, row in frame.iterrows():
                value = row[column]
                values = value if isinstance(value, tuple) else (() if value in (None, "") else (value,))
                for ref in values:
                    if ref not in known[target]:
                        what = "source" if target == "sources" else target.rstrip("s")
                        yield _fail(
                            f"reference:{column}",
                            file,
                            int(row["line"]),
                            f"column {column!r}: unknown {what} id {ref!r}",
                        )
    yield Check("references", True, "every id a row refers to exists")


def check_places(places: pd.DataFrame, flows: pd.DataFrame, sailings: pd.DataFrame, data_dir):
    kinds = dict(zip(places["id"], places["kind"]))
    for name, frame in (("flows", flows), ("sailings", sailings)):
        file = str(data_dir / TABLES[name].file)
        for _, row in frame.iterrows():
            for column, kind in (("embark_port_id", "embarkation_port"), ("dest_port_id", "destination_port")):
                ref = row[column]
                if ref and ref in kinds and kinds[ref] != kind:
                    yield _fail(
                        "place-kind", file, int(row["line"]),
                        f"column {column!r}: {ref!r} is a {kinds[ref]}, not a {kind}",
                    )
    yield Check("place-kind", True, "ports are used as the kind of port they are")


# -- flows ------------------------------------------------------------------------------


def check_flows(flows: pd.DataFrame, data_dir: Path):
    file = str(data_dir / TABLES["flows"].file)
    ids = set(flows["id"])
    for _, row in flows.iterrows():
        line = int(row["line"])
        persons, status = row["persons"], row["status"]
        if pd.isna(persons) and status != "unknown":
            yield _fail("unknown-status", file, line, f"persons is empty (unknown) but status is {status!r}; use 'unknown'")
        if not pd.isna(persons) and status == "unknown":
            yield _fail("unknown-status", file, line, "status is 'unknown' but persons is given")
        if status == "derived":
            if not row["formula"]:
                yield _fail("derived-formula", file, line, "a derived figure needs its formula in 'formula'")
            else:
                try:
                    value = evaluate_formula(row["formula"])
                except (ValueError, SyntaxError) as exc:
                    yield _fail("derived-formula", file, line, f"formula {row['formula']!r} cannot be evaluated: {exc}")
                else:
                    if pd.isna(persons) or value != int(persons):
                        yield _fail(
                            "derived-formula", file, line,
                            f"formula {row['formula']} gives {value}, persons is {persons}",
                            expected=value, actual=None if pd.isna(persons) else int(persons),
                        )
        elif row["formula"]:
            yield _fail("derived-formula", file, line, f"a formula is given but status is {status!r}, not 'derived'")
        if status == "estimated" and "method" not in row["note"].lower():
            yield _fail("estimated-method", file, line, "an estimated figure must state its method in the note")
        for column in ("date_start", "date_end"):
            if not str(row[column]).startswith(str(row["year"])):
                yield _fail("date-in-year", file, line, f"{column} {row[column]} is not in {row['year']}")
        if row["date_start"] > row["date_end"]:
            yield _fail("date-order", file, line, "date_start is after date_end")
        if row["drawn"] == "no":
            if not row["reading_of"]:
                yield _fail("readings", file, line, "a row that is not drawn must say which row it is a reading of (reading_of)")
            elif row["reading_of"] in ids:
                other = flows[flows["id"] == row["reading_of"]].iloc[0]
                if other["drawn"] != "yes" or other["year"] != row["year"]:
                    yield _fail("readings", file, line, f"reading_of {row['reading_of']!r} must be a drawn row of the same year")
        elif row["reading_of"]:
            yield _fail("readings", file, line, "a drawn row cannot be a reading of another row; set drawn=no")
        if row["dest_alternatives"] and not row["dest_port_id"]:
            yield _fail("destinations", file, line, "dest_alternatives given without a dest_port_id")
        sailings = row["sailings"]
        if not pd.isna(sailings) and not pd.isna(persons) and int(sailings) == 0 and int(persons) > 0:
            yield _fail("zero-sailings", file, line, "persons leave but sailings is 0")
    drawn_years = set(flows.loc[flows["drawn"] == "yes", "year"].astype(int))
    missing = [y for y in REQUIRED_YEARS if y not in drawn_years]
    if missing:
        yield _fail("coverage", file, None, f"no drawn flow row for year(s) {', '.join(map(str, missing))}",
                    expected=list(REQUIRED_YEARS), actual=sorted(drawn_years))
    else:
        yield Check("coverage", True, f"every year of {len(REQUIRED_YEARS)} has a flow row",
                    expected=len(REQUIRED_YEARS), actual=len(REQUIRED_YEARS))
    yield Check("flows", True, "statuses, formulas, dates and readings are consistent")


# -- causes -----------------------------------------------------------------------------


def check_causes(causes: pd.DataFrame, data_dir: Path):
    """A cause is stated by its source or argued by someone named: an argument names who
    argues it, in every language's text; a fact names no one as arguing it. Its period runs
    forwards."""
    file = str(data_dir / TABLES["causes"].file)
    for _, row in causes.iterrows():
        line = int(row["line"])
        if row["claim"] == "argues":
            for suffix in ("", "_ja", "_ko"):
                name, text = row[f"argued_by{suffix}"], row[f"text{suffix}"]
                if not name:
                    yield _fail("cause-argument", file, line, f"an argument needs who argues it in 'argued_by{suffix}'")
                elif name not in text:
                    yield _fail("cause-argument", file, line,
                                f"an argument is said as one: 'text{suffix}' must name {name!r}")
        elif row["argued_by"]:
            yield _fail("cause-argument", file, line, "a stated fact has no 'argued_by'; set claim to 'argues'")
        if str(row["date_start"]) > str(row["date_end"]):
            yield _fail("cause-dates", file, line, "date_start is after date_end")
    yield Check("causes", True, "every argument is attributed by name, in every language")


# -- layers -----------------------------------------------------------------------------


def check_layers(layers: dict[str, gpd.GeoDataFrame], layers_dir: Path):
    for name, gdf in layers.items():
        file = str(layers_dir / f"{name}.geojson")
        if gdf.crs is None or gdf.crs.to_epsg() != 4326:
            yield _fail("layer-crs", file, None, f"CRS is {gdf.crs}, expected EPSG:4326")
        invalid = gdf[~gdf.geometry.is_valid | gdf.geometry.is_empty]
        for _, row in invalid.iterrows():
            yield _fail("layer-geometry", file, None, f"feature {row['id']!r} has an invalid or empty geometry")
        for column in ("id", *(f"name_{lang}" for lang in LANGS)):
            if column not in gdf.columns or gdf[column].isna().any() or (gdf[column] == "").any():
                yield _fail("layer-fields", file, None, f"property {column!r} is missing or empty on some feature")
        if gdf["id"].duplicated().any():
            yield _fail("layer-ids", file, None, f"duplicate ids: {sorted(set(gdf.loc[gdf['id'].duplicated(), 'id']))}")
    yield Check("layers", True, "layers are valid, in EPSG:4326, with ids and names")


# -- reconciliation ---------------------------------------------------------------------


def year_sum(flows: pd.DataFrame, year_from: int, year_to: int) -> int | None:
    """Persons over the drawn rows of a year range, or ``None`` if any part is unknown."""
    rows = flows[(flows["drawn"] == "yes") & flows["year"].between(year_from, year_to)]
    if rows["persons"].isna().any():
        return None
    return int(rows["persons"].sum())


def _rows_named(frame: pd.DataFrame, file_name: str, value_column: str) -> str:
    """``flows.csv:12 (f1960, 49036); ...``: the rows a sum covered, so a curator finds the
    changed figure (an empty cell shows as ``unknown``)."""
    parts = []
    for _, row in frame.sort_values("line").iterrows():
        value = row[value_column]
        shown = "unknown" if pd.isna(value) else str(int(value))
        parts.append(f"{file_name}:{int(row['line'])} ({row['id']}, {shown})")
    return "; ".join(parts)


def circular_rows(flows: pd.DataFrame, year_from: int, year_to: int, expected: int) -> list[str]:
    """The drawn rows of a period that are derived from the period's own total: a rule over
    them is circular (it confirms the period's sum, not its yearly split). ``flows.csv:9
    (f1961 = 74779 - 51978)``."""
    found = []
    rows = flows[(flows["drawn"] == "yes") & flows["year"].between(year_from, year_to) & (flows["status"] == "derived")]
    for _, row in rows.sort_values("line").iterrows():
        numbers = {int(n) for n in re.findall(r"\d+", row["formula"].replace(",", ""))}
        if expected in numbers:
            found.append(f"{TABLES['flows'].file}:{int(row['line'])} ({row['id']} = {row['formula']})")
    return found


def check_rules(tables: dict[str, pd.DataFrame], data_dir: Path):
    flows, rules = tables["flows"], tables["rules"]
    periods, drawn = tables["sailing_periods"], flows[flows["drawn"] == "yes"]
    file = str(data_dir / TABLES["rules"].file)
    flows_file, periods_file = TABLES["flows"].file, TABLES["sailing_periods"].file
    for _, rule in rules.iterrows():
        lo, hi, expected = int(rule["year_from"]), int(rule["year_to"]), int(rule["expected"])
        if rule["kind"] == "sum_persons":
            actual = year_sum(flows, lo, hi)
            summed = _rows_named(drawn[drawn["year"].between(lo, hi)], flows_file, "persons")
        elif rule["kind"] == "sum_sailings":
            rows = drawn[drawn["year"].between(lo, hi)]
            actual = None if rows["sailings"].isna().any() else int(rows["sailings"].sum())
            summed = _rows_named(rows, flows_file, "sailings")
        else:  # sum_sailings_periods
            actual = int(periods["sailings"].sum())
            summed = _rows_named(periods, periods_file, "sailings")
        label = f"{rule['id']}: {rule['kind']} {lo}-{hi} ({'; '.join(rule['source_ids'])})"
        circular = circular_rows(flows, lo, hi, expected) if rule["kind"] == "sum_persons" else []
        if circular:
            label += (f" [circular: {'; '.join(circular)} derived from this total, so the rule confirms"
                      f" the period's sum, not its yearly split]")
        if actual == expected:
            yield Check(rule["id"], True, label, expected, actual, file, int(rule["line"]))
        else:
            shown = "unknown (a part is unknown)" if actual is None else actual
            yield Check(rule["id"], False,
                        f"{label}: expected {expected}, the data gives {shown}; rows summed: {summed or 'none'}",
                        expected, actual, file, int(rule["line"]))
    for _, period in periods.iterrows():
        span = int(period["last_number"]) - int(period["first_number"]) + 1
        if span != int(period["sailings"]):
            yield _fail("sailing-periods", str(data_dir / TABLES["sailing_periods"].file), int(period["line"]),
                        f"sailings {period['first_number']}-{period['last_number']} are {span}, not {period['sailings']}",
                        expected=span, actual=int(period["sailings"]))
