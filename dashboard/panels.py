"""The text views beside the map: table rows, sources, events, sailings, origins, legend.

Pure builders: (dataset, state) in, plain rows or elements out. The elements are built
as the JSON Dash sends (``elements.el``), since they are rebuilt for every view.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from geodata import Dataset

from . import ids, styles
from .elements import el
from .i18n import number, t
from .queries import (
    events_in,
    origin_counts_in,
    place_name,
    region_name,
    sailings_in,
    selected_flows,
    sources_for,
    view_source_ids,
)
from .state import ViewState

TABLE_COLUMNS = ("year", "route", "persons", "sailings", "status", "sources", "drawn", "note")


def route_text(dataset: Dataset, row, lang: str) -> str:
    name = lambda pid: place_name(dataset, pid, lang)  # noqa: E731
    if not row.embark_port_id:
        return t(lang, "port_not_recorded")
    if not row.dest_port_id:
        return f"{name(row.embark_port_id)} → ? ({t(lang, 'port_not_recorded')})"
    dests = [name(row.dest_port_id)] + [name(d) for d in row.dest_alternatives]
    suffix = " (?)" if row.dest_alternatives else ""
    return f"{name(row.embark_port_id)} → {' / '.join(dests)}{suffix}"


def table_rows(dataset: Dataset, state: ViewState) -> list[dict]:
    """The rows behind the view, with alternative readings, unknowns spelled out."""
    lang = state.lang
    rows = []
    for row in selected_flows(dataset, state, include_readings=True):
        rows.append({
            "year": int(row.year),
            "route": route_text(dataset, row, lang),
            "persons": row.persons,  # None shows as an empty cell; the status says unknown
            "sailings": "" if row.sailings is None else row.sailings,
            "status": t(lang, f"status_{row.status}"),
            "sources": "; ".join(row.source_ids),
            "drawn": t(lang, "drawn_yes") if row.drawn else t(lang, "drawn_no"),
            "note": row.note,
        })
    return rows


def table_columns(lang: str) -> list[tuple[str, str]]:
    keys = {"year": "col_year", "route": "col_route", "persons": "col_persons", "sailings": "col_sailings",
            "status": "col_status", "sources": "col_sources", "drawn": "col_drawn", "note": "col_note"}
    return [(column, t(lang, keys[column])) for column in TABLE_COLUMNS]


def sort_rows(rows: list[dict], column: str, ascending: bool) -> list[dict]:
    """Sort by a column; empty (unknown) values always go last, whatever the direction."""
    if column not in TABLE_COLUMNS:
        return rows
    known = [r for r in rows if r[column] not in (None, "")]
    unknown = [r for r in rows if r[column] in (None, "")]
    key = (lambda r: r[column]) if column in ("year", "persons", "sailings") else (lambda r: str(r[column]))
    return sorted(known, key=key, reverse=not ascending) + unknown


def table_component(rows: list[dict], lang: str, sort: dict | None) -> dict:
    """A real <table>: sortable by header buttons, readable by screen readers, printable."""
    sort = sort if isinstance(sort, dict) else {}
    column, ascending = sort.get("column", "year"), sort.get("ascending", True) is not False
    body = [_table_row(lang, tuple(row[key] for key in TABLE_COLUMNS)) for row in sort_rows(rows, column, ascending)]
    return el("Table", [_table_head(lang, column, ascending), el("Tbody", body)], className="flows-table")


@lru_cache(maxsize=1024)
def _table_row(lang: str, values: tuple) -> dict:
    """One row, built once per language: the same record appears in many views (the
    dataset has a few dozen records, so this holds a few hundred rows at most)."""
    cells = []
    for key, value in zip(TABLE_COLUMNS, values):
        if key == "persons":
            value = t(lang, "unknown_value") if value is None else number(value, lang)
        cells.append(el("Td", value, className=f"col-{key}"))
    return el("Tr", cells)


@lru_cache(maxsize=64)
def _table_head(lang: str, column: str, ascending: bool) -> dict:
    """The header row for one language and sort (48 of them): built once each."""
    head = []
    for key, label in table_columns(lang):
        state = ("ascending" if ascending else "descending") if key == column else "none"
        arrow = " ▲" if state == "ascending" else " ▼" if state == "descending" else ""
        head.append(el("Th", el("Button", [label, el("Span", arrow, **{"aria-hidden": "true"})],
                                id={"type": ids.TABLE_SORT, "column": key}, n_clicks=0, className="sort"),
                       scope="col", **{"aria-sort": state}))
    return el("Thead", el("Tr", head))


def citation_text(row) -> str:
    pages = f", pp. {row.pages}" if row.pages else ""
    return f"{row.author}, “{row.title}”, {row.publication}, {row.year}{pages}."


def sources_panel(dataset: Dataset, state: ViewState) -> list:
    items = []
    for row in sources_for(dataset, view_source_ids(dataset, state)):
        where = row.location
        link = el("A", where, href=where, rel="noreferrer", target="_blank") if where.startswith("http") else where
        items.append(el("Li", [
            el("Strong", f"[{row.id}] "), citation_text(row), " ", el("Span", link, className="where"),
            el("Div", row.reliability, className="reliability"),
        ], id=f"source-{row.id}"))
    return [el("Ol", items, className="sources-list")]


def timeline_panel(dataset: Dataset, state: ViewState) -> list:
    lang = state.lang
    events = events_in(dataset, state)
    if not events:
        return [el("P", t(lang, "events_none"), className="empty")]
    return [el("Ol", [
        el("Li", [el("Time", r.date, dateTime=r.date), " ",
                 getattr(r, f"text_{lang}"), " ", el("Span", f"[{'; '.join(r.source_ids)}]", className="cite")])
        for r in events
    ], className="timeline")]


def sailings_panel(dataset: Dataset, state: ViewState) -> list:
    lang = state.lang
    rows = sailings_in(dataset, state)
    if not rows:
        return [el("P", t(lang, "sailings_none"), className="empty")]
    items = []
    for r in rows:
        bits = [f"No. {r.number}", r.date]
        if r.embark_port_id:
            dest = place_name(dataset, r.dest_port_id, lang) if r.dest_port_id else "?"
            bits.append(f"{place_name(dataset, r.embark_port_id, lang)} → {dest}")
        if not pd.isna(r.persons):  # an unknown number is left out, not shown as 0
            bits.append(f"{t(lang, 'hover_persons')}: {number(int(r.persons), lang)}")
        if r.ships:
            bits.append(r.ships)
        if r.cargo:
            bits.append(r.cargo)
        items.append(el("Li", [" · ".join(bits), " ", el("Span", f"[{'; '.join(r.source_ids)}]", className="cite")]))
    return [el("Ul", items, className="sailings")]


def origins_panel(dataset: Dataset, state: ViewState) -> list:
    """What is (and is not) known about where returnees lived, said plainly."""
    lang = state.lang
    out = [el("P", t(lang, "no_breakdown"), className="no-breakdown")]
    for r in origin_counts_in(dataset, state):
        out.append(el("P", [el("Strong", f"{region_name(dataset, r.region_id, lang)}: "),
                           f"~{number(int(r.persons), lang)} ({r.completeness}, {r.date_start}–{r.date_end}). ",
                           r.note, " ", el("Span", f"[{'; '.join(r.source_ids)}]", className="cite")]))
    for r in dataset.origin_share_rows:
        out.append(el("P", [t(lang, "origin_south", share=r.share_text, source="; ".join(r.source_ids)),
                           " ", r.note]))
    return out


def legend(lang: str, reference: int) -> dict:
    """The map legend in words and line samples, outside the plot so it prints and reads."""
    items = []
    for status in ("documented", "derived", "compiled", "estimated", "unknown"):
        colour = styles.STATUS_STYLE[status][0]
        sample = el("Span", None, className=f"line-sample status-{status}", style={"background": colour})
        items.append(el("Li", [sample, t(lang, f"legend_{status}")]))
    items.append(el("Li", [el("Span", None, className="line-sample uncertain"), t(lang, "legend_uncertain")]))
    items.append(el("Li", [el("Span", "●", className="marker-sample", **{"aria-hidden": "true"}), t(lang, "legend_embarkation")]))
    items.append(el("Li", [el("Span", "■", className="marker-sample", **{"aria-hidden": "true"}), t(lang, "legend_destination")]))
    items.append(el("Li", [el("Span", None, className="area-sample origin-south",
                                    style={"background": styles.ORIGIN_SOUTH_COLOUR}), t(lang, "legend_origin_south")]))
    items.append(el("Li", [el("Span", None, className="area-sample origin-count",
                                    style={"background": styles.ORIGIN_SCALE[0][1]}), t(lang, "legend_origin_count")]))
    items.append(el("Li", t(lang, "legend_width", persons=number(10_000, lang),
                           px=round(styles.MAX_WIDTH_PX * 10_000 / reference, 1))))
    return el("Ul", items, className="legend")
