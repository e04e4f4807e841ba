"""The text views beside the map: table rows, sources, events, sailings, origins, legend.

Pure builders: (dataset, state) in, Dash ``html`` components out. Every text from the
data files is shown in the page's language (``geodata.localized``); source titles keep
their original language.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from geodata import Dataset, localized

from . import ids, styles
from .i18n import number, script_lang, t
from .queries import (
    events_in,
    origin_counts_in,
    place_name,
    region_name,
    region_ports,
    region_scope,
    region_side,
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
            "persons": row.persons,  # None shows as "unknown", never as 0
            "sailings": "" if row.sailings is None else row.sailings,
            "status": t(lang, f"status_{row.status}"),
            "sources": "; ".join(row.source_ids),
            "drawn": t(lang, "drawn_yes") if row.drawn else t(lang, "drawn_no"),
            "note": localized(row, "note", lang),
        })
    return rows


def table_columns(lang: str) -> list[tuple[str, str]]:
    return [(column, t(lang, f"col_{column}")) for column in TABLE_COLUMNS]


def sort_rows(rows: list[dict], column: str, ascending: bool) -> list[dict]:
    """Sort by a column; empty (unknown) values always go last, whatever the direction."""
    if column not in TABLE_COLUMNS:
        return rows
    known = [r for r in rows if r[column] not in (None, "")]
    unknown = [r for r in rows if r[column] in (None, "")]
    key = (lambda r: r[column]) if column in ("year", "persons", "sailings") else (lambda r: str(r[column]))
    return sorted(known, key=key, reverse=not ascending) + unknown


def table_component(rows: list[dict], lang: str, sort: dict | None) -> html.Table:
    """A real <table>: sortable by header buttons, readable by screen readers, printable.
    Each row is one line; its note opens on demand (a <details> in the last cell)."""
    sort = sort if isinstance(sort, dict) else {}
    column, ascending = sort.get("column", "year"), sort.get("ascending", True) is not False
    body = [_table_row(lang, row) for row in sort_rows(rows, column, ascending)]
    return html.Table([_table_head(lang, column, ascending), html.Tbody(body)], className="flows-table")


def _table_row(lang: str, row: dict) -> html.Tr:
    cells = []
    for key in TABLE_COLUMNS:
        value = row[key]
        if key == "persons":
            value = t(lang, "unknown_value") if value is None else number(value, lang)
        elif key == "note" and value:
            value = html.Details([html.Summary(t(lang, "note_open")), html.P(value)], className="note")
        cells.append(html.Td(value, className=f"col-{key}"))
    return html.Tr(cells)


def _table_head(lang: str, column: str, ascending: bool) -> html.Thead:
    head = []
    for key, label in table_columns(lang):
        state = ("ascending" if ascending else "descending") if key == column else "none"
        arrow = " ▲" if state == "ascending" else " ▼" if state == "descending" else ""
        head.append(html.Th(html.Button([label, html.Span(arrow, **{"aria-hidden": "true"})],
                                        id={"type": ids.TABLE_SORT, "column": key}, n_clicks=0, className="sort"),
                            scope="col", **{"aria-sort": state}))
    return html.Thead(html.Tr(head))


def citation(row) -> list:
    """Author, “title”, publication, year, pages. The title keeps its original language,
    marked (``lang``) when it is Japanese or Korean, so it is read and rendered as such."""
    pages = f", pp. {row.pages}" if row.pages else ""
    title = html.Span(row.title, lang=script_lang(row.title)) if script_lang(row.title) else row.title
    return [f"{row.author}, “", title, f"”, {row.publication}, {row.year}{pages}."]


def sources_panel(dataset: Dataset, state: ViewState) -> list:
    items = []
    for row in sources_for(dataset, view_source_ids(dataset, state)):
        where = row.location
        link = html.A(where, href=where, rel="noreferrer", target="_blank") if where.startswith("http") else where
        items.append(html.Li([
            html.Strong(f"[{row.id}] "), *citation(row), " ", html.Span(link, className="where"),
            html.Div(localized(row, "reliability", state.lang), className="reliability"),
        ], id=f"source-{row.id}"))
    return [_translated_note(state.lang), html.Ol(items, className="sources-list")]


def _cite(source_ids) -> html.Span:
    return html.Span(f"[{'; '.join(source_ids)}]", className="cite")


def _translated_note(lang: str):
    """Said once per panel: the texts below are the project's translations of its English."""
    return html.P(t(lang, "translated_note"), className="translated-note") if lang != "en" else None


def timeline_panel(dataset: Dataset, state: ViewState) -> list:
    lang = state.lang
    events = events_in(dataset, state)
    if not events:
        return [html.P(t(lang, "events_none"), className="empty")]
    return [html.Ol([
        html.Li([html.Time(r.date, dateTime=r.date), " ", getattr(r, f"text_{lang}"), " ", _cite(r.source_ids)])
        for r in events
    ], className="timeline")]


def sailings_panel(dataset: Dataset, state: ViewState) -> list:
    lang = state.lang
    rows = sailings_in(dataset, state)
    if not rows:
        return [html.P(t(lang, "sailings_none"), className="empty")]
    items = []
    for r in rows:
        bits = [t(lang, "sailing_number", n=r.number), r.date]
        if r.embark_port_id:
            dest = place_name(dataset, r.dest_port_id, lang) if r.dest_port_id else "?"
            bits.append(f"{place_name(dataset, r.embark_port_id, lang)} → {dest}")
        if not pd.isna(r.persons):  # an unknown number is left out, not shown as 0
            bits.append(f"{t(lang, 'hover_persons')}: {number(int(r.persons), lang)}")
        if r.ships:
            bits.append(r.ships)
        for column in ("cargo", "note"):
            if getattr(r, column):
                bits.append(localized(r, column, lang))
        items.append(html.Li([" · ".join(bits), " ", _cite(r.source_ids)]))
    return [_translated_note(lang), html.Ul(items, className="sailings")]


def origins_panel(dataset: Dataset, state: ViewState) -> list:
    """Two questions, kept apart: where people had lived (almost never recorded), and where
    they left from or arrived at (the ports a selected region holds)."""
    lang = state.lang
    out = [_translated_note(lang), html.H3(t(lang, "origins_lived_heading")),
           html.P(t(lang, "no_breakdown"), className="no-breakdown")]
    for r in origin_counts_in(dataset, state):
        out.append(html.P([html.Strong(f"{region_name(dataset, r.region_id, lang)}: "),
                           t(lang, "origin_partial_count", n=number(int(r.persons), lang),
                             start=r.date_start[:4], end=r.date_end[:4]), " ",
                           localized(r, "note", lang), " ", _cite(r.source_ids)], className="origin-count"))
    for r in dataset.origin_share_rows:
        out.append(html.P([localized(r, "share_text", lang), " ", localized(r, "note", lang), " ",
                           _cite(r.source_ids)], className="origin-share"))
    registered = _registered_koreans(dataset, state)
    if registered is not None:
        out.append(html.P([t(lang, "origin_registered", year=int(registered.year),
                             n=number(int(registered.persons), lang)), " ", _cite(registered.source_ids)],
                          className="origin-context"))
    out.append(html.H3(t(lang, "origins_ports_heading")))
    out.append(html.P(_region_ports_text(dataset, state), className="region-ports"))
    return out


def _registered_koreans(dataset: Dataset, state: ViewState):
    """The national count of Koreans registered in Japan at the end of the year before the
    view's first year (or of that year): context for "where they had lived", never a count of
    returnees, and never spread over regions."""
    rows = [r for r in dataset.context_registered_koreans.itertuples(index=False)
            if int(r.year) <= max(state.year_from - 1, int(dataset.context_registered_koreans["year"].min()))]
    return rows[-1] if rows else None


def figures_panel(dataset: Dataset, state: ViewState) -> list:
    """Other documented figures about the returnees (nationality, spouses, applicants), each
    with its status and sources, one line each with its note on demand; where sources
    differ, every reading is listed."""
    lang = state.lang
    items = []
    for r in dataset.figures.itertuples(index=False):
        unit = t(lang, "persons_n", n=number(int(r.value), lang)) if r.unit == "persons" else f"{r.value} {r.unit}"
        note = localized(r, "note", lang)
        items.append(html.Li([html.Strong(f"{localized(r, 'topic', lang)}: "), unit,
                              t(lang, "paren_status", status=t(lang, "status_" + r.status)), " ", _cite(r.source_ids),
                              html.Details([html.Summary(t(lang, "note_open")), html.P(note)], className="note")
                              if note else None], id=f"figure-{r.id}"))
    return [_translated_note(lang), html.Ul(items, className="figures-list")]


def _region_ports_text(dataset: Dataset, state: ViewState) -> str:
    """What a selected region means for the routes, in one line."""
    lang = state.lang
    if not state.region or region_scope(dataset, state.region) == "all":
        return t(lang, "origins_ports_all")
    region = region_name(dataset, state.region, lang)
    ports = region_ports(dataset, state.region)
    if not ports:
        return t(lang, "origins_ports_none", region=region)
    names = t(lang, "summary_and").join(place_name(dataset, p, lang) for p in ports)
    key = "origins_ports_embark" if region_side(dataset, state.region) == "japan" else "origins_ports_dest"
    return t(lang, key, region=region, ports=names)


def legend(lang: str, reference: int) -> html.Ul:
    """The map legend in words and samples, outside the plot so it prints and reads. Each
    entry is one element: its sample is drawn by the stylesheet (assets/style.css .legend),
    in the colour given here, so the legend is a few components on the page's first render."""
    def entry(key, sample, colour=None):
        style = {"--sample": colour} if colour else None
        return html.Li(t(lang, key), className=f"sample {sample}", style=style)

    items = [entry(f"legend_{status}", f"line status-{status}", styles.STATUS_STYLE[status][0])
             for status in ("documented", "derived", "compiled", "estimated", "unknown")]
    items += [entry("legend_uncertain", "line uncertain"), entry("legend_embarkation", "marker embarkation"),
              entry("legend_destination", "marker destination")]
    items += [entry(key, f"area {css}", colour)
              for css, colour, key in (("not-recorded", styles.LAND_COLOUR, "legend_not_recorded"),
                                       ("origin-count", styles.ORIGIN_SCALE[0][1], "legend_origin_count"),
                                       ("origin-south", styles.ORIGIN_SOUTH_COLOUR, "legend_origin_south"))]
    items.append(html.Li(t(lang, "legend_width", persons=number(10_000, lang),
                           px=round(styles.MAX_WIDTH_PX * 10_000 / reference, 1))))
    return html.Ul(items, className="legend")
