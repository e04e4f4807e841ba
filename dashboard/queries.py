"""Pure queries: (dataset, view state) in, plain data out. No Dash, no Plotly here.

A filter can make a figure unknowable: with a port filter, a year whose departures have no
recorded port is *unknown* for that port, not zero. ``matches`` returns ``None`` for "cannot
tell", and every total built on it becomes unknown rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geodata import Dataset
from geodata.validate import weakest_status

from .state import ViewState

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Total:
    """A number of persons with its evidence. ``persons is None`` means unknown."""

    persons: int | None
    status: str
    source_ids: tuple[str, ...] = ()
    sailings: int | None = None
    #: when unknown under a filter: persons known to be inside, and persons who may or may
    #: not be (their port or region is not recorded)
    at_least: int | None = None
    unsure: int | None = None

    @property
    def known(self) -> bool:
        return self.persons is not None


def _opt_int(value) -> int | None:
    return None if pd.isna(value) else int(value)


def matches(dataset: Dataset, flow, state: ViewState) -> bool | None:
    """Does ``flow`` (a row of ``flows``) fall inside the state's region and port filters?

    ``None`` when the record cannot say: the filter is on the Japanese side and the port of
    departure is not recorded, or on the Korean side and the port of arrival is not.
    """
    if state.port:
        ports = {flow.embark_port_id, flow.dest_port_id, *flow.dest_alternatives} - {""}
        if state.port not in ports:
            japan_side = state.port in dataset.place_regions and "JPN" in dataset.place_regions[state.port]
            missing = not flow.embark_port_id if japan_side else not flow.dest_port_id
            return None if missing else False
    if state.region:
        if state.region in dataset.flow_regions[flow.id]:
            return True
        japan_side = "JPN" in dataset.region_ancestors.get(state.region, ())
        missing = not flow.embark_port_id if japan_side else not flow.dest_port_id
        return None if missing else False
    return True


def combine(rows: list) -> Total:
    """Sum rows of flows into one Total; unknown if any part is unknown."""
    if not rows:
        return Total(0, "documented")
    persons = [r.persons for r in rows]
    sources = tuple(dict.fromkeys(s for r in rows for s in r.source_ids))
    status = weakest_status([r.status for r in rows])
    total = None if any(pd.isna(p) for p in persons) else int(sum(persons))
    sailings = [r.sailings for r in rows]
    sail = None if any(pd.isna(s) for s in sailings) else int(sum(sailings))
    return Total(total, status if total is not None else UNKNOWN, sources, sail)


def year_total(dataset: Dataset, year: int, state: ViewState) -> Total:
    """Persons for one year under the state's filters."""
    rows = dataset.drawn_flows[dataset.drawn_flows["year"] == year]
    inside, unsure = [], []
    for row in rows.itertuples():
        verdict = matches(dataset, row, state)
        if verdict is None and not (not pd.isna(row.persons) and row.persons == 0):
            unsure.append(row)
        elif verdict:
            inside.append(row)
    if unsure:
        sources = tuple(dict.fromkeys(s for r in inside + unsure for s in r.source_ids))
        known = combine(inside).persons if inside else 0
        unsure_persons = combine(unsure).persons
        return Total(None, UNKNOWN, sources, at_least=known, unsure=unsure_persons)
    if not inside:
        # every departure of the year is recorded elsewhere: none here (a real zero)
        zero_sources = tuple(dict.fromkeys(s for r in rows.itertuples() for s in r.source_ids))
        status = weakest_status(list(rows["status"])) if len(rows) else "documented"
        return Total(0, status, zero_sources, 0 if len(rows) else None)
    return combine(inside)


def year_series(dataset: Dataset, state: ViewState) -> list[tuple[int, Total]]:
    """One Total per year of the whole span (all years, so a chart can show the selection)."""
    return [(year, year_total(dataset, year, state)) for year in dataset.years]


def range_total(dataset: Dataset, state: ViewState) -> Total:
    totals = [t for y, t in year_series(dataset, state) if state.year_from <= y <= state.year_to]
    if not totals:
        return Total(0, "documented")
    sources = tuple(dict.fromkeys(s for t in totals for s in t.source_ids))
    if any(not t.known for t in totals):
        parts = [t.persons if t.known else t.at_least for t in totals]
        unsure = [t.unsure for t in totals if not t.known]
        at_least = None if any(p is None for p in parts) else sum(parts)
        unsure_sum = None if any(u is None for u in unsure) else sum(unsure)
        return Total(None, UNKNOWN, sources, at_least=at_least, unsure=unsure_sum)
    status = weakest_status([t.status for t in totals])
    sailings = None if any(t.sailings is None for t in totals) else sum(t.sailings for t in totals)
    return Total(sum(t.persons for t in totals), status, sources, sailings)


def selected_flows(dataset: Dataset, state: ViewState, include_readings: bool = False) -> pd.DataFrame:
    """Flow rows in the year range that match the filters (or cannot be ruled out)."""
    flows = dataset.flows if include_readings else dataset.drawn_flows
    in_years = flows[flows["year"].between(state.year_from, state.year_to)]
    keep = [matches(dataset, row, state) is not False for row in in_years.itertuples()]
    return in_years[keep]


@dataclass(frozen=True)
class Route:
    """All selected flows between one embarkation port and one destination port."""

    key: str
    embark: str
    dest: str
    uncertain: bool  # the destination is one of several candidates
    total: Total
    years: tuple[int, ...]


def route_key(embark: str, dest: str, uncertain: bool = False) -> str:
    """``niigata>chongjin``; an uncertain candidate destination gets its own key (and its
    own line on the map), so certain and uncertain years are never merged."""
    return f"{embark}>{dest}{'?' if uncertain else ''}"


def parse_route_key(key: str) -> tuple[str, str, bool]:
    embark, dest = key.split(">")
    return embark, dest.rstrip("?"), dest.endswith("?")


def routes(dataset: Dataset, state: ViewState) -> dict[str, Route]:
    """Selected persons per drawable route. Flows whose destination is uncertain count on
    the route to each candidate port, marked uncertain (the line is drawn differently)."""
    groups: dict[str, list] = {}
    for row in selected_flows(dataset, state).itertuples():
        for key in _row_route_keys(row):
            groups.setdefault(key, []).append(row)
    result = {}
    for key, rows in groups.items():
        embark, dest, uncertain = parse_route_key(key)
        years = tuple(sorted({int(r.year) for r in rows}))
        result[key] = Route(key, embark, dest, uncertain, combine(rows), years)
    return result


def _row_route_keys(row) -> list[str]:
    if not (row.embark_port_id and row.dest_port_id):
        return []
    uncertain = bool(row.dest_alternatives)
    return [route_key(row.embark_port_id, dest, uncertain)
            for dest in (row.dest_port_id, *row.dest_alternatives)]


def all_route_keys(dataset: Dataset) -> list[str]:
    """Every route any flow can draw (fixed at start-up, so the map's traces never change)."""
    keys: list[str] = []
    for row in dataset.drawn_flows.itertuples():
        keys += [k for k in _row_route_keys(row) if k not in keys]
    return keys


def portless_flows(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """Selected departures with no recorded destination port (e.g. 1956, 1957)."""
    flows = selected_flows(dataset, state)
    return flows[(flows["dest_port_id"] == "") & (flows["persons"].fillna(1) > 0)]


def events_in(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    events = dataset.events
    years = events["date"].str.slice(0, 4).astype(int)
    keep = years.between(state.year_from, state.year_to)
    if state.region:
        keep &= events["place_id"].map(lambda p: bool(p) and state.region in dataset.place_regions[p])
    if state.port:
        keep &= events["place_id"] == state.port
    return events[keep].sort_values("date")


def sailings_in(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    sailings = dataset.sailings
    years = sailings["date"].str.slice(0, 4).astype(int)
    keep = years.between(state.year_from, state.year_to)
    if state.port:
        keep &= (sailings["embark_port_id"] == state.port) | (sailings["dest_port_id"] == state.port)
    if state.region:
        keep &= sailings.apply(
            lambda r: any(state.region in dataset.place_regions[p]
                          for p in (r["embark_port_id"], r["dest_port_id"]) if p), axis=1)
    return sailings[keep]


def origin_counts_in(dataset: Dataset, state: ViewState) -> pd.DataFrame:
    """Documented counts of returnees by region of residence overlapping the years."""
    counts = dataset.origin_counts
    start = counts["date_start"].str.slice(0, 4).astype(int)
    end = counts["date_end"].str.slice(0, 4).astype(int)
    return counts[(start <= state.year_to) & (end >= state.year_from)]


def sources_for(dataset: Dataset, source_ids) -> pd.DataFrame:
    wanted = list(dict.fromkeys(source_ids))
    sources = dataset.sources.set_index("id")
    return sources.loc[[s for s in wanted if s in sources.index]].reset_index()


def view_source_ids(dataset: Dataset, state: ViewState) -> list[str]:
    """Every source behind what the view shows: flows (with alternative readings), sailings,
    events, origin counts and the coordinates of the ports drawn."""
    ids: list[str] = []
    for frame in (selected_flows(dataset, state, include_readings=True), sailings_in(dataset, state),
                  events_in(dataset, state), origin_counts_in(dataset, state)):
        for value in frame["source_ids"]:
            ids.extend(value)
    ports = dataset.places[dataset.places["kind"] != "other"]
    for value in ports["coord_source_ids"]:
        ids.extend(value)
    return list(dict.fromkeys(ids))


def region_name(dataset: Dataset, region_id: str, lang: str) -> str:
    rows = dataset.regions[dataset.regions["id"] == region_id]
    if not len(rows):
        return region_id
    return str(rows.iloc[0][f"name_{lang}"])


def place_name(dataset: Dataset, place_id: str, lang: str) -> str:
    rows = dataset.places[dataset.places["id"] == place_id]
    if not len(rows):
        return place_id
    return str(rows.iloc[0][f"name_{lang}"])
