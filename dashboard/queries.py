"""Pure queries: (dataset, view state) in, plain data out. No Dash, no Plotly here.

Two questions are kept apart everywhere:

- *Where did people leave from and arrive at?* Ports. A selected region narrows the flows
  to those whose port lies in it ("left from Niigata, in Niigata Prefecture"). A region with
  no port narrows nothing: it does not say where anyone went.
- *Where had people lived?* Almost never recorded, by prefecture or by home province. That
  is answered by ``residence`` (a documented partial count, or "not recorded"), never by a
  sum of flows.

A filter can make a figure unknowable: with a port or region filter, a year whose port is
not recorded, or whose destination is one of two candidate ports, is *unknown* for that
filter, not zero. Each flow gets a verdict (``IN``, ``OUT``, ``UNCERTAIN``, ``UNRECORDED``)
and every total built on an unsure verdict says how much is certain and how much may be.

The dataset has a few dozen flow rows: every query loops over them (microseconds), so
nothing is cached or precomputed.
"""

from __future__ import annotations

from dataclasses import dataclass

from geodata import Dataset
from geodata.records import DatedRecord, FlowRecord
from geodata.tables import STATUSES
from geodata.validate import weakest_status

from .state import ViewState

UNKNOWN = "unknown"

IN, OUT, UNCERTAIN, UNRECORDED = "in", "out", "uncertain", "unrecorded"

#: every flow left Japan and went to North Korea: these two regions hold all of them
WHOLE_ROUTE = frozenset({"JPN", "PRK"})
JAPAN_LAYERS = ("jp_prefectures", "jp_regions")
KOREA_LAYERS = ("kr_provinces_today", "kr_provinces_1945")
PORT_KINDS = {"japan": "embarkation_port", "korea": "destination_port"}


@dataclass(frozen=True)
class Total:
    """A number of persons with its evidence. ``persons is None`` means unknown."""

    persons: int | None
    status: str
    source_ids: tuple[str, ...] = ()
    sailings: int | None = None
    #: when unknown under a filter: persons known to be inside (``at_least``), and persons
    #: who may or may not be (``unsure``); of those, ``unrecorded`` had no recorded port
    #: (the rest went to one of two candidate ports, one of them inside)
    at_least: int | None = None
    unsure: int | None = None
    unrecorded: int | None = None

    @property
    def known(self) -> bool:
        return self.persons is not None

    @property
    def uncertain_port(self) -> int | None:
        """Persons whose destination is a candidate port inside the filter."""
        if self.unsure is None or self.unrecorded is None:
            return None
        return self.unsure - self.unrecorded


def _unique(items) -> tuple:
    return tuple(dict.fromkeys(items))


# --- what a selected region means -------------------------------------------------------

def region_side(dataset: Dataset, region: str) -> str:
    """"japan", "korea" or "" (another country): which end of the routes a region is on."""
    row = dataset.region_rows.get(region)
    if row is None:
        return ""
    if region == "JPN" or row.layer in JAPAN_LAYERS:
        return "japan"
    if region in ("PRK", "KOR") or row.layer in KOREA_LAYERS:
        return "korea"
    return ""


def region_ports(dataset: Dataset, region: str) -> tuple[str, ...]:
    """The ports of the routes that lie in ``region``: ports of departure for a Japanese
    region, ports of arrival (certain or candidate) for a Korean one."""
    kind = PORT_KINDS.get(region_side(dataset, region))
    return tuple(p.id for p in dataset.place_rows.values()
                 if p.kind == kind and region in dataset.place_regions.get(p.id, ()))


def region_scope(dataset: Dataset, region: str) -> str:
    """How a region narrows the flows: "all" (none selected, or Japan / North Korea, which
    every flow leaves or reaches), "ports" (the flows through its ports) or "none" (it holds
    no port: it narrows nothing, and how many people had lived there is not recorded)."""
    if not region or region in WHOLE_ROUTE:
        return "all"
    return "ports" if region_ports(dataset, region) else "none"


def _port_verdict(flow: FlowRecord, ports: tuple[str, ...], japan: bool) -> str:
    """Does ``flow`` pass through one of ``ports`` (all on one side)?"""
    if japan:
        if not flow.embark_port_id:
            return UNRECORDED
        return IN if flow.embark_port_id in ports else OUT
    if not flow.dest_port_id:
        return UNRECORDED
    candidates = (flow.dest_port_id, *flow.dest_alternatives)
    inside = [c for c in candidates if c in ports]
    if not inside:
        return OUT
    return IN if len(inside) == len(candidates) else UNCERTAIN


def verdict(dataset: Dataset, flow: FlowRecord, state: ViewState) -> str:
    """Where ``flow`` stands against the state's port and region filters."""
    verdicts = []
    if state.port:
        japan = dataset.place_rows[state.port].kind == PORT_KINDS["japan"]
        verdicts.append(_port_verdict(flow, (state.port,), japan))
    if region_scope(dataset, state.region) == "ports":
        japan = region_side(dataset, state.region) == "japan"
        verdicts.append(_port_verdict(flow, region_ports(dataset, state.region), japan))
    if OUT in verdicts:
        return OUT
    return next((v for v in verdicts if v != IN), IN)


# --- totals -----------------------------------------------------------------------------

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
    rows = drawn_in_year(dataset, year)
    inside, uncertain, unrecorded = [], [], []
    for row in rows:
        found = verdict(dataset, row, state)
        if found == IN:
            inside.append(row)
        elif row.persons != 0 and found in (UNCERTAIN, UNRECORDED):
            (uncertain if found == UNCERTAIN else unrecorded).append(row)
    if uncertain or unrecorded:
        unsure = uncertain + unrecorded
        sources = _unique(s for r in inside + unsure for s in r.source_ids)
        known = combine(inside).persons if inside else 0
        return Total(None, UNKNOWN, sources, at_least=known, unsure=combine(unsure).persons,
                     unrecorded=combine(unrecorded).persons if unrecorded else 0)
    if not inside:
        # every departure of the year is recorded elsewhere: none here (a real zero)
        sources = _unique(s for r in rows for s in r.source_ids)
        status = weakest_status([r.status for r in rows]) if rows else "documented"
        return Total(0, status, sources, 0 if rows else None)
    return combine(inside)


def year_series(dataset: Dataset, state: ViewState) -> list[tuple[int, Total]]:
    """One Total per year of the whole span (all years, so a chart can show the selection)."""
    return [(year, year_total(dataset, year, state)) for year in dataset.years]


def _sum_or_none(values) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def range_total(dataset: Dataset, state: ViewState) -> Total:
    """Persons in the state's year range under its filters."""
    totals = [year_total(dataset, y, state) for y in dataset.years if state.year_from <= y <= state.year_to]
    if not totals:
        return Total(0, "documented")
    sources = _unique(s for t in totals for s in t.source_ids)
    if any(not t.known for t in totals):
        unsure = [t for t in totals if not t.known]
        return Total(None, UNKNOWN, sources,
                     at_least=_sum_or_none(t.persons if t.known else t.at_least for t in totals),
                     unsure=_sum_or_none(t.unsure for t in unsure),
                     unrecorded=_sum_or_none(t.unrecorded for t in unsure))
    status = weakest_status([t.status for t in totals])
    sailings = _sum_or_none(t.sailings for t in totals)
    return Total(sum(t.persons for t in totals), status, sources, sailings)


def no_sailing(dataset: Dataset, state: ViewState) -> Total | None:
    """The years' unfiltered total when nobody left at all in them (1968-70), else None: a
    documented zero for every region and port."""
    total = range_total(dataset, ViewState(state.year_from, state.year_to, lang=state.lang))
    return total if total.persons == 0 else None


def selected_flows(dataset: Dataset, state: ViewState, include_readings: bool = False) -> list[FlowRecord]:
    """Flow records in the year range that match the filters (or cannot be ruled out)."""
    return [
        r for r in dataset.flow_records
        if (r.drawn or include_readings) and state.year_from <= r.year <= state.year_to
        and verdict(dataset, r, state) != OUT
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


# --- the three episodes the sources keep apart ----------------------------------------------

@dataclass(frozen=True)
class Episode:
    """Departures the sources count as one thing. Nam (S2, section II) tells the 1946-50
    repatriation (1947), the departures of 1956-57 and the 1959-84 programme as separate
    campaigns, and every source that gives a total gives it for the programme alone
    (93,340, December 1959 - July 1984): a sum across episodes is found in no source."""

    key: str
    first: int
    last: int


EPISODES = (Episode("1947", 1947, 1947), Episode("1956", 1956, 1957), Episode("programme", 1959, 1984))
PROGRAMME = EPISODES[-1]


def episodes_in(state: ViewState) -> list[tuple[Episode, ViewState]]:
    """The episodes the state's years overlap, each with the state narrowed to its years."""
    found = []
    for episode in EPISODES:
        lo, hi = max(state.year_from, episode.first), min(state.year_to, episode.last)
        if lo <= hi:
            found.append((episode, state.with_years(lo, hi)))
    return found


def programme_span(dataset: Dataset) -> tuple[str, str, int]:
    """The programme's first and last sailing dates and its number of sailings, from its
    three periods of sailings (``sailing_periods.csv``: 155 + 6 + 26, GOVA1987)."""
    periods = dataset.tables["sailing_periods"]
    return str(periods["date_start"].min()), str(periods["date_end"].max()), int(periods["sailings"].sum())
