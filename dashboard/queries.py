"""Pure queries: (dataset, view state) in, plain data out. No Dash, no Plotly here.

They loop over the dataset's plain records (tens of rows), so a view costs microseconds.
A filter can make a figure unknowable: with a port filter, a year whose departures have no
recorded port is *unknown* for that port, not zero. ``matches`` returns ``None`` for "cannot
tell", and every total built on it becomes unknown rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass

from geodata import Dataset
from geodata.records import DatedRecord, FlowRecord
from geodata.tables import STATUSES
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


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


def _japan_side(dataset: Dataset, region_or_place: str, *, place: bool) -> bool:
    regions = dataset.place_regions.get(region_or_place, ()) if place \
        else dataset.region_ancestors.get(region_or_place, ())
    return "JPN" in regions


def matches(dataset: Dataset, flow: FlowRecord, state: ViewState) -> bool | None:
    """Does ``flow`` fall inside the state's region and port filters?

    ``None`` when the record cannot say: the filter is on the Japanese side and the port of
    departure is not recorded, or on the Korean side and the port of arrival is not.
    """
    if state.port:
        if state.port not in (flow.embark_port_id, flow.dest_port_id, *flow.dest_alternatives):
            japan = _japan_side(dataset, state.port, place=True)
            missing = not flow.embark_port_id if japan else not flow.dest_port_id
            return None if missing else False
    if state.region:
        if state.region in flow.regions:
            return True
        japan = _japan_side(dataset, state.region, place=False)
        missing = not flow.embark_port_id if japan else not flow.dest_port_id
        return None if missing else False
    return True


def combine(rows) -> Total:
    """Sum flow records into one Total; unknown if any part is unknown."""
    if not rows:
        return Total(0, "documented")
    sources = _unique(s for r in rows for s in r.source_ids)
    if any(r.persons is None for r in rows):
        return Total(None, UNKNOWN, sources)
    sailings = None if any(r.sailings is None for r in rows) else sum(r.sailings for r in rows)
    return Total(sum(r.persons for r in rows), weakest_status([r.status for r in rows]), sources, sailings)


def drawn_in_year(dataset: Dataset, year: int) -> tuple[FlowRecord, ...]:
    return dataset.drawn_by_year.get(year, ())


def year_total(dataset: Dataset, year: int, state: ViewState) -> Total:
    """Persons for one year under the state's filters (only region and port count)."""
    cache = dataset.query_cache.setdefault("year_total", {})
    key = (year, state.region, state.port)
    total = cache.get(key)
    if total is None:
        total = cache[key] = _year_total(dataset, year, state)
    return total


def precompute_year_totals(dataset: Dataset, regions, ports) -> int:
    """Every year's total under every region and port filter, computed once at start-up,
    so a view change only looks them up (and the cache never grows after start-up)."""
    for year in dataset.years:
        for region in ("", *regions):
            for port in ("", *ports):
                year_total(dataset, year, _Filters(region, port))
    return len(dataset.query_cache["year_total"])


@dataclass(frozen=True)
class _Filters:
    """The part of a ViewState the totals depend on."""

    region: str
    port: str
    year_from: int = 0
    year_to: int = 0


def _year_total(dataset: Dataset, year: int, state: ViewState) -> Total:
    rows = drawn_in_year(dataset, year)
    inside, unsure = [], []
    for row in rows:
        verdict = matches(dataset, row, state)
        if verdict is None and row.persons != 0:
            unsure.append(row)
        elif verdict:
            inside.append(row)
    if unsure:
        sources = _unique(s for r in inside + unsure for s in r.source_ids)
        known = combine(inside).persons if inside else 0
        return Total(None, UNKNOWN, sources, at_least=known, unsure=combine(unsure).persons)
    if not inside:
        # every departure of the year is recorded elsewhere: none here (a real zero)
        sources = _unique(s for r in rows for s in r.source_ids)
        status = weakest_status([r.status for r in rows]) if rows else "documented"
        return Total(0, status, sources, 0 if rows else None)
    return combine(inside)


def year_series(dataset: Dataset, state: ViewState) -> list[tuple[int, Total]]:
    """One Total per year of the whole span (all years, so a chart can show the selection)."""
    return [(year, year_total(dataset, year, state)) for year in dataset.years]


def range_total(dataset: Dataset, state: ViewState) -> Total:
    """Persons in the state's year range under its filters. Without a region filter the
    answer was computed at start-up (``precompute_range_totals``): the ports' hover texts
    ask for it on every view."""
    if not state.region:
        known = dataset.query_cache.get("range_total", {}).get((state.year_from, state.year_to, state.port))
        if known is not None:
            return known
    return _range_total(dataset, state)


def precompute_range_totals(dataset: Dataset, ports) -> int:
    """Every year range's total, unfiltered and for each port (a few thousand), once."""
    cache = dataset.query_cache.setdefault("range_total", {})
    years = dataset.years
    for i, first in enumerate(years):
        for last in years[i:]:
            for port in ("", *ports):
                cache[(first, last, port)] = _range_total(dataset, _Filters("", port, first, last))
    return len(cache)


def _range_total(dataset: Dataset, state: ViewState) -> Total:
    totals = [year_total(dataset, y, state) for y in dataset.years if state.year_from <= y <= state.year_to]
    if not totals:
        return Total(0, "documented")
    sources = _unique(s for t in totals for s in t.source_ids)
    if any(not t.known for t in totals):
        parts = [t.persons if t.known else t.at_least for t in totals]
        unsure = [t.unsure for t in totals if not t.known]
        at_least = None if any(p is None for p in parts) else sum(parts)
        unsure_sum = None if any(u is None for u in unsure) else sum(unsure)
        return Total(None, UNKNOWN, sources, at_least=at_least, unsure=unsure_sum)
    status = weakest_status([t.status for t in totals])
    sailings = None if any(t.sailings is None for t in totals) else sum(t.sailings for t in totals)
    return Total(sum(t.persons for t in totals), status, sources, sailings)


def selected_flows(dataset: Dataset, state: ViewState, include_readings: bool = False) -> list[FlowRecord]:
    """Flow records in the year range that match the filters (or cannot be ruled out)."""
    return [
        r for r in dataset.flow_records
        if (r.drawn or include_readings) and state.year_from <= r.year <= state.year_to
        and matches(dataset, r, state) is not False
    ]


@dataclass(frozen=True)
class Route:
    """All selected flows between one embarkation port and one destination port."""

    key: str
    embark: str
    dest: str
    uncertain: bool  # the destination is one of several candidates
    total: Total
    years: tuple[int, ...]
    #: persons by status, strongest first (a range mixes documented and compiled years)
    by_status: tuple[tuple[str, int | None], ...] = ()


def route_key(embark: str, dest: str, uncertain: bool = False) -> str:
    """``niigata>chongjin``; an uncertain candidate destination gets its own key (and its
    own line on the map), so certain and uncertain years are never merged."""
    return f"{embark}>{dest}{'?' if uncertain else ''}"


def parse_route_key(key: str) -> tuple[str, str, bool]:
    embark, dest = key.split(">")
    return embark, dest.rstrip("?"), dest.endswith("?")


def _row_route_keys(row: FlowRecord) -> list[str]:
    if not (row.embark_port_id and row.dest_port_id):
        return []
    uncertain = bool(row.dest_alternatives)
    return [route_key(row.embark_port_id, dest, uncertain)
            for dest in (row.dest_port_id, *row.dest_alternatives)]


def routes(dataset: Dataset, state: ViewState) -> dict[str, Route]:
    """Selected persons per drawable route. Flows whose destination is uncertain count on
    the route to each candidate port, marked uncertain (the line is drawn differently)."""
    groups: dict[str, list] = {}
    for row in selected_flows(dataset, state):
        for key in _row_route_keys(row):
            groups.setdefault(key, []).append(row)
    result = {}
    for key, rows in groups.items():
        embark, dest, uncertain = parse_route_key(key)
        years = tuple(sorted({r.year for r in rows}))
        statuses = sorted({r.status for r in rows}, key=STATUSES.index)
        by_status = tuple((s, combine([r for r in rows if r.status == s]).persons) for s in statuses)
        result[key] = Route(key, embark, dest, uncertain, combine(rows), years, by_status)
    return result


def all_route_keys(dataset: Dataset) -> list[str]:
    """Every route any flow can draw (fixed at start-up, so the map's traces never change)."""
    keys: list[str] = []
    for row in dataset.flow_records:
        if row.drawn:
            keys += [k for k in _row_route_keys(row) if k not in keys]
    return keys


def portless_flows(dataset: Dataset, state: ViewState) -> list[FlowRecord]:
    """Selected departures with no recorded destination port (e.g. 1956, 1957)."""
    return [r for r in selected_flows(dataset, state) if not r.dest_port_id and r.persons != 0]


def _dated_in(records: tuple[DatedRecord, ...], state: ViewState) -> list[DatedRecord]:
    return [r for r in records if r.year_start <= state.year_to and r.year_end >= state.year_from
            and (not state.region or state.region in r.regions)
            and (not state.port or state.port in r.place_ids)]


def events_in(dataset: Dataset, state: ViewState) -> list:
    return sorted((r.row for r in _dated_in(dataset.event_records, state)), key=lambda e: e.date)


def sailings_in(dataset: Dataset, state: ViewState) -> list:
    return [r.row for r in _dated_in(dataset.sailing_records, state)]


def origin_counts_in(dataset: Dataset, state: ViewState, filtered: bool = False) -> list:
    """Documented counts of returnees by region of residence overlapping the years (and,
    if ``filtered``, within the selected region)."""
    records = dataset.origin_count_records
    return [r.row for r in records if r.year_start <= state.year_to and r.year_end >= state.year_from
            and (not filtered or not state.region or state.region in r.regions)]


def sources_for(dataset: Dataset, source_ids) -> list:
    return [dataset.source_rows[s] for s in _unique(source_ids) if s in dataset.source_rows]


def view_source_ids(dataset: Dataset, state: ViewState) -> list[str]:
    """Every source behind what the view shows: flows (with alternative readings), sailings,
    events, origin counts and the coordinates of the ports drawn."""
    ids: list[str] = []
    for row in selected_flows(dataset, state, include_readings=True):
        ids.extend(row.source_ids)
    for rows in (sailings_in(dataset, state), events_in(dataset, state), origin_counts_in(dataset, state)):
        for row in rows:
            ids.extend(row.source_ids)
    for place in dataset.place_rows.values():
        if place.kind != "other":
            ids.extend(place.coord_source_ids)
    return list(_unique(ids))


def region_name(dataset: Dataset, region_id: str, lang: str) -> str:
    row = dataset.region_rows.get(region_id)
    return str(getattr(row, f"name_{lang}")) if row is not None else region_id


def place_name(dataset: Dataset, place_id: str, lang: str) -> str:
    row = dataset.place_rows.get(place_id)
    return str(getattr(row, f"name_{lang}")) if row is not None else place_id
