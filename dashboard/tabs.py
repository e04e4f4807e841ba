"""The side panel's tabs: one registry of (name, label, builder).

Only the open tab is built, and only once the panel is on screen (by the ``show_panel``
callback: when the panel first comes into view, a tab opens or the view changes), so the
page never renders what no one can see. A new tab is a
builder and one entry in ``TABS``, and its ``tab_<name>`` and ``<title>`` keys in the
translations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from dash import dcc, html

from geodata import DATASET_VERSION

from . import ids, panels, why
from .citation import citation_text
from .i18n import t
from .state import ViewState, to_query

TABLE_COLUMNS = panels.TABLE_COLUMNS
DEFAULT_SORT = {"column": "year", "ascending": True}


def _sort(sort) -> dict:
    sort = sort if isinstance(sort, dict) else {}
    column = sort.get("column") if sort.get("column") in TABLE_COLUMNS else "year"
    return {"column": column, "ascending": sort.get("ascending") is not False}


def figures(deps, state: ViewState, sort, base: str) -> list:
    lang = state.lang
    query = to_query(state, deps.context)
    return [
        html.Div(panels.table_component(panels.table_rows(deps.dataset, state), lang, _sort(sort)),
                 id=ids.TABLE, className="table-scroll", tabIndex="0", role="region",
                 **{"aria-labelledby": "tabpanel-heading"}),
        html.Div([
            html.A(t(lang, "download_csv"), id=ids.DOWNLOAD_CSV, href="/export/flows.csv" + query,
                   className="button", download="returns-flows.csv"),
            html.A(t(lang, "download_geojson"), id=ids.DOWNLOAD_GEOJSON, href="/export/flows.geojson" + query,
                   className="button", download="returns-flows.geojson"),
        ], className="downloads"),
        html.H3(t(lang, "figures_title")),
        html.Div(panels.figures_panel(deps.dataset, state), className="figures-panel"),
    ]


def cite(deps, state: ViewState, sort, base: str) -> list:
    lang = state.lang
    permalink = base + to_query(state, deps.context)
    return [
        html.P(citation_text(deps.dataset, state, permalink, datetime.now(timezone.utc).date()), id=ids.CITATION, className="citation"),
        dcc.Clipboard(target_id=ids.CITATION, title=t(lang, "copy"), className="button copy",
                      content=None),
        html.A(t(lang, "print_handout"), id=ids.HANDOUT, href="/handout" + to_query(state, deps.context),
               className="button", target="_blank", rel="noopener"),
        html.P([t(lang, "permalink"), ": ", html.A(permalink, id=ids.PERMALINK, href=permalink)],
               className="permalink"),
        html.P(f"{t(lang, 'dataset_label')}: v{DATASET_VERSION} ({deps.dataset.fingerprint})", className="dataset"),
    ]


def _from(builder: Callable) -> Callable:
    return lambda deps, state, sort, base: builder(deps.dataset, state)


@dataclass(frozen=True)
class Tab:
    name: str
    title: str                 # translation key of the panel's heading (the tab's label is tab_<name>)
    build: Callable            # (deps, state, sort, base) -> children


TABS = (
    Tab("figures", "table_title", figures),
    Tab("why", "why_title", _from(why.why_panel)),
    Tab("events", "timeline_title", _from(panels.timeline_panel)),
    Tab("sailings", "sailings_title", _from(panels.sailings_panel)),
    Tab("origins", "origins_title", _from(panels.origins_panel)),
    Tab("sources", "sources_title", _from(panels.sources_panel)),
    Tab("cite", "cite_title", cite),
)
BY_NAME = {tab.name: tab for tab in TABS}


def name_of(value) -> str:
    """A tab name the browser sent, or the first tab's for anything else."""
    return value if isinstance(value, str) and value in BY_NAME else TABS[0].name


def heading(name: str, lang: str) -> list:
    """The open tab's heading, which names the tab panel."""
    return [html.H2(t(lang, BY_NAME[name_of(name)].title), id="tabpanel-heading", className="panel-heading")]


def panel(deps, name: str, state: ViewState, sort=None, base: str = "/") -> list:
    """The open tab's content: its heading, then its builder's."""
    tab = BY_NAME[name_of(name)]
    return [*heading(tab.name, state.lang), *tab.build(deps, state, sort, base)]
