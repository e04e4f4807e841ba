"""The page: a static shell, and the panel built for one view and one language.

The shell holds only the URL and stores; ``build_page`` builds everything a visitor sees
for the view in the URL (called once per page load), after which callbacks patch it.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from dash import dcc, html
from flask import has_request_context, request

from geodata import Dataset

from . import ids, panels
from .figures.bars import build_bar_figure
from .figures.geometry import MapGeometry
from .figures.map import build_map_figure, frames_key as filters_key
from .i18n import t
from .state import LANGS, StateContext, ViewState
from .summary import summary_sentence

LANG_NAMES = {"en": "English", "ja": "日本語", "ko": "한국어"}
DEFAULT_SORT = {"column": "year", "ascending": True}


def shell(page: list | None = None, view: dict | None = None) -> html.Div:
    """The page's frame. ``page`` is the page built for the view in the URL (see
    ``page_query``), so it arrives with the layout, with no callback round trip; when the
    URL could not be read, the page is built by the ``render_page`` callback instead.

    The outer Location only triggers that callback; the page holds its own Location
    (ids.URL) so that every input of the view callback lives inside the page."""
    return html.Div([
        dcc.Location(id=ids.SHELL_URL, refresh=False),
        dcc.Store(id=ids.VIEW, data=view),
        dcc.Store(id=ids.MAP_LAYER, data=view),
        html.Div(page, id=ids.PAGE, className="page"),
    ])


def page_query() -> str | None:
    """The query of the page whose layout is being requested, or None if unknown.

    The browser fetches ``/_dash-layout`` from the page itself and, under the same-origin
    referrer policy, names the page (with its query) in the Referer header."""
    if not has_request_context() or not request.referrer:
        return None
    page = urlsplit(request.referrer)
    if page.netloc != request.host:
        return None
    return "?" + page.query[:4096] if page.query else ""


def region_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    """region id -> the text a visitor picks from the list: its name, with its kind where two
    regions share a name (Hokkaidō the prefecture and Hokkaidō the region)."""
    rows = list(dataset.region_rows.values())
    names = [str(getattr(r, f"name_{lang}")) for r in rows]
    shared = {name for name, n in Counter(names).items() if n > 1}
    return {row.id: f"{name} ({row.id})" if name in shared else name for row, name in zip(rows, names)}


def region_from_text(dataset: Dataset, lang: str, text) -> str | None:
    """The region a typed or picked text names ("" clears the filter; None: no such region)."""
    if not isinstance(text, str):
        return None
    text = text.strip()[:200]
    if not text:
        return ""
    if text in dataset.region_rows:
        return text
    for rid, label in region_labels(dataset, lang).items():
        if label.casefold() == text.casefold():
            return rid
    return None


def region_options(dataset: Dataset, lang: str, layer: str) -> list[dict]:
    """Suggestions for the region box: countries, Japan's regions and prefectures, and the
    Korean provinces of the chosen layer."""
    labels = region_labels(dataset, lang)
    korea = "kr_provinces_1945" if layer == "1945" else "kr_provinces_today"
    return [html.Option(value=labels[rid])
            for layer_name in ("countries", "jp_regions", "jp_prefectures", korea)
            for rid in sorted(dataset.layers[layer_name]["id"])]


def region_options_key(lang: str, layer: str) -> str:
    """Names the suggestions a datalist holds (its class), so a view change in the same
    language and layer need not send them again."""
    return f"options-{lang}-{layer}"


def region_list(dataset: Dataset, state: ViewState) -> html.Datalist:
    return html.Datalist(id=ids.REGION_OPTIONS, children=region_options(dataset, state.lang, state.layer),
                         className=region_options_key(state.lang, state.layer))


def toggle_buttons(kind: str, choices: list[tuple[str, str]], selected: str) -> list[html.Button]:
    """A group of real buttons, the chosen one pressed (aria-pressed): keyboard and touch
    friendly, and announced as toggles by screen readers."""
    return [html.Button(label, id=ids.toggle_id(kind, value), n_clicks=0, className="button toggle",
                        **{"aria-pressed": "true" if value == selected else "false"})
            for value, label in choices]


def port_choices(dataset: Dataset, lang: str) -> list[tuple[str, str]]:
    ports = [p for p in dataset.place_rows.values() if p.kind != "other"]
    return [("", t(lang, "port_placeholder"))] + [(p.id, str(getattr(p, f"name_{lang}"))) for p in ports]


def layer_choices(lang: str) -> list[tuple[str, str]]:
    return [("today", t(lang, "layer_today")), ("1945", t(lang, "layer_1945"))]


def language_links(lang: str) -> list[html.A]:
    """Plain links: switching language reloads the page in that language (the hrefs keep the
    rest of the view and are kept current by a callback)."""
    return [html.A(LANG_NAMES[code], id=f"{ids.LANG}-{code}", href=f"?lang={code}", lang=code, hrefLang=code,
                   className="button lang", **({"aria-current": "true"} if code == lang else {}))
            for code in LANGS]


def years_text(state: ViewState) -> str:
    """The chosen years as numerals: "1960" or "1959–1984" (the same in every language)."""
    return str(state.year_from) if state.year_from == state.year_to else f"{state.year_from}–{state.year_to}"


def year_control(dataset: Dataset, state: ViewState, years: tuple[int, ...], kiosk: bool) -> html.Div:
    """The timeline strip: the per-year chart is the year control. Click a year, drag across
    years for a range, Play, or the keyboard on the chart (assets/timeline.js: ←/→ a year,
    Shift+←/→ the range's end, Home/End); the previous/next buttons step a year."""
    lang = state.lang
    step = lambda key, id_, symbol: html.Button(  # noqa: E731
        symbol, id=id_, n_clicks=0, className="button year-step", title=t(lang, key),
        **{"aria-label": t(lang, key), "aria-controls": ids.YEARS})
    return html.Section([
        html.Div([
            html.Button(t(lang, "play"), id=ids.PLAY, n_clicks=0, className="button play explore-only",
                        **{"aria-pressed": "false", "data-play": t(lang, "play"), "data-pause": t(lang, "pause")}),
            step("year_prev", ids.YEAR_PREV, "◀"),
            html.Output(years_text(state), id=ids.YEAR_READOUT, className="year-readout",
                        **{"aria-live": "polite", "htmlFor": ids.YEARS}),
            step("year_next", ids.YEAR_NEXT, "▶"),
            dcc.Interval(id=ids.PLAY_INTERVAL, interval=1200, disabled=True),
        ], className="year-buttons"),
        html.Div(
            dcc.Graph(id=ids.BARS, figure=build_bar_figure(dataset, state, kiosk), className="bars-graph",
                      responsive=True,
                      config={"displayModeBar": False, "displaylogo": False, "showSendToCloud": False,
                              "locale": lang}),
            id=ids.YEARS, className="year-control", role="slider", tabIndex="0",
            **{"aria-label": t(lang, "years_label"), "aria-valuemin": str(years[0]),
               "aria-valuemax": str(years[-1]), "aria-valuenow": str(state.year_from),
               "aria-valuetext": years_text(state), "aria-describedby": "year-hint",
               "data-years": ",".join(str(y) for y in years)}),
        html.P(t(lang, "year_control_hint"), id="year-hint", className="year-hint explore-only"),
        html.Button(t(lang, "kiosk_restart"), id=ids.KIOSK_RESTART, n_clicks=0, className="button kiosk-restart")
        if kiosk else None,
        dcc.Store(id=ids.YEAR_INPUT),
        dcc.Store(id=ids.YEARS_CHOSEN),
    ], className="timeline-strip", **{"aria-label": t(lang, "chart_title")})


def tour_panel(tour, lang: str) -> html.Section:
    """The guided tour: start, step (buttons or arrow keys), jump to a stop, or leave."""
    jumps = [html.Button(str(i + 1), id={"type": ids.TOUR_JUMP, "index": i}, n_clicks=0,
                         className="button jump", **{"aria-label": t(lang, "tour_stop_of", n=i + 1, total=len(tour.stops))})
             for i in range(len(tour.stops))]
    return html.Section([
        html.H2(tour.title[lang]),
        html.Button(t(lang, "tour_start"), id=ids.TOUR_START, n_clicks=0, className="button tour-start"),
        html.Div([
            html.P(id=ids.TOUR_CAPTION, className="tour-caption", **{"aria-live": "polite"}),
            html.P(id=ids.TOUR_SOURCES, className="cite"),
            html.Div([
                html.Button(t(lang, "tour_prev"), id=ids.TOUR_PREV, n_clicks=0, className="button"),
                html.Span(id=ids.TOUR_POSITION, className="tour-position"),
                html.Button(t(lang, "tour_next"), id=ids.TOUR_NEXT, n_clicks=0, className="button"),
                html.Button(t(lang, "tour_exit"), id=ids.TOUR_EXIT, n_clicks=0, className="button"),
            ], className="tour-steps"),
            html.Div(jumps, className="tour-jumps", role="group", **{"aria-label": t(lang, "tour_label")}),
        ], className="tour-body"),
        dcc.Store(id=ids.TOUR_STATE, data={"active": False, "stop": 0}),
    ], id=ids.TOUR, className="tour inactive", **{"aria-label": t(lang, "tour_label")})


def kiosk_overlay(lang: str, idle_seconds: int) -> html.Div:
    """The "Still there?" countdown, driven by assets/kiosk.js (kiosk mode only)."""
    return html.Div([
        html.Div([
            html.P(t(lang, "kiosk_still_there"), className="kiosk-question", id="kiosk-question"),
            html.P(className="kiosk-countdown", id="kiosk-countdown",
                   **{"data-template": t(lang, "kiosk_countdown", seconds="{seconds}")}),
            html.Button(t(lang, "kiosk_continue"), id=ids.KIOSK_CONTINUE, className="button kiosk-continue"),
        ], className="kiosk-dialog", role="alertdialog", **{"aria-labelledby": "kiosk-question"}),
    ], id=ids.KIOSK, className="kiosk-overlay", hidden=True, **{"data-idle-seconds": str(idle_seconds)})


def tabs(lang: str, panels_by_name: dict) -> html.Div:
    """The side panel's tabs: real buttons (role=tab, aria-selected) switched in the browser
    (assets/app.js, also ←/→/Home/End in the tab list); every panel prints."""
    labels = {name: f"tab_{name}" for name in ids.TAB_NAMES}
    buttons = [html.Button(t(lang, labels[name]), id=ids.tab_id(name), n_clicks=0, role="tab",
                           className="tab", tabIndex="0" if i == 0 else "-1",
                           **{"aria-selected": "true" if i == 0 else "false", "aria-controls": ids.panel_id(name)})
               for i, name in enumerate(ids.TAB_NAMES)]
    bodies = [html.Section(panels_by_name[name], id=ids.panel_id(name), role="tabpanel", className="tabpanel",
                           hidden=i != 0, tabIndex="0", **{"aria-labelledby": ids.tab_id(name)})
              for i, name in enumerate(ids.TAB_NAMES)]
    return html.Div([html.Div(buttons, role="tablist", className="tablist",
                              **{"aria-label": t(lang, "tabs_label")}), *bodies],
                    id=ids.TABS, className="tabs")


def filters(dataset: Dataset, state: ViewState) -> html.Details:
    """Region, port and layer: behind a disclosure (open on wide screens, see app.js)."""
    lang = state.lang
    return html.Details([
        html.Summary(t(lang, "filters_label"), className="filters-summary"),
        html.Div([
            html.Div([
                html.Label(t(lang, "region_label"), htmlFor=ids.REGION, className="control-label"),
                dcc.Input(id=ids.REGION, type="search", list=ids.REGION_OPTIONS, debounce=True,
                          value=region_labels(dataset, lang).get(state.region, ""),
                          placeholder=t(lang, "region_placeholder"), autoComplete="off"),
                region_list(dataset, state),
                html.P(id=ids.REGION_SUGGESTIONS, className="suggestions", role="status", **{"aria-live": "polite"}),
            ], className="control region"),
            html.Fieldset([html.Legend(t(lang, "port_label")),
                           html.Div(toggle_buttons(ids.PORT, port_choices(dataset, lang), state.port),
                                    className="toggles")], className="control ports"),
            html.Fieldset([html.Legend(t(lang, "layer_label")),
                           html.Div(toggle_buttons(ids.LAYER, layer_choices(lang), state.layer),
                                    className="toggles")], className="control layers"),
            html.Button(t(lang, "clear_filters"), id=ids.CLEAR, n_clicks=0, className="button clear"),
        ], className="controls"),
    ], id=ids.FILTERS, className="filters explore-only")


def kiosk_parts(lang: str) -> list:
    """What only a kiosk shows on its map: the invitation to touch, in three languages."""
    return [
        html.Div([html.P(t(code, "kiosk_touch"), lang=code) for code in LANGS],
                 id=ids.KIOSK_INVITE, className="kiosk-invite", **{"aria-hidden": "true"}),
    ]


def build_page(dataset: Dataset, geometry: MapGeometry, context: StateContext,
               state: ViewState, notices: list, tour=None, idle_seconds: int = 90) -> list:
    """Everything a visitor sees for ``state``: a slim header, the map with its legend, the
    timeline strip under it, and the side panel (summary, tour, filters, tabs)."""
    lang = state.lang
    kiosk = state.mode == "kiosk"
    graph_config = {
        "topojsonURL": "/assets/topojson/",
        "displaylogo": False,
        "displayModeBar": False if kiosk else "hover",
        "scrollZoom": False,
        "doubleClick": False if kiosk else "reset",
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
        "showSendToCloud": False,  # never offer to send the data to a cloud service
        "showEditInChartStudio": False,
        "locale": lang,
    }
    notice_items = [html.Li(t(lang, "notice_adjusted", param=n.param, value=n.value, shown=n.shown) if n.shown
                            else t(lang, "notice_ignored", param=n.param, value=n.value)) for n in notices]
    legend = html.Details([html.Summary(t(lang, "legend_title")), panels.legend(lang, geometry.reference_persons)],
                          id=ids.LEGEND, className="legend-box", open=True)
    map_block = html.Section([
        html.H2(t(lang, "map_title"), className="visually-hidden"),
        dcc.Graph(id=ids.MAP, figure=build_map_figure(dataset, geometry, state, kiosk),
                  config=graph_config, className="map-graph", responsive=True),
        legend,
        html.P([part for i, line in enumerate(t(lang, "map_no_breakdown").split("<br>"))
                for part in ((html.Br(),) if i else ()) + (line,)], className="map-note"),
        html.Div([
            html.Button(t(lang, "reset_view"), id=ids.RESET_MAP, n_clicks=0, className="button"),
            html.Button(t(lang, "download_png"), id=ids.SAVE_PNG, n_clicks=0, className="button"),
            html.Button(t(lang, "download_svg"), id=ids.SAVE_SVG, n_clicks=0, className="button"),
        ], className="map-buttons explore-only"),
        *(kiosk_parts(lang) if kiosk else []),
    ], className="map-block")

    # the text views arrive filled for the view, by the same builders the callbacks use
    summary = html.P(summary_sentence(dataset, state), id=ids.SUMMARY, className="summary", role="status",
                     **{"aria-live": "polite"})
    figures = [
        html.H2(t(lang, "table_title"), id="table-heading", className="print-heading"),
        html.Div(panels.table_component(panels.table_rows(dataset, state), lang, DEFAULT_SORT), id=ids.TABLE,
                 className="table-scroll", tabIndex="0", role="region", **{"aria-labelledby": "table-heading"}),
        dcc.Store(id=ids.TABLE_SORT_STATE, data=DEFAULT_SORT),
        html.Div([
            html.A(t(lang, "download_csv"), id=ids.DOWNLOAD_CSV, href="/export/flows.csv", className="button",
                   download="returns-flows.csv"),
            html.A(t(lang, "download_geojson"), id=ids.DOWNLOAD_GEOJSON, href="/export/flows.geojson",
                   className="button", download="returns-flows.geojson"),
        ], className="downloads"),
        html.H3(t(lang, "figures_title")),
        html.Div(panels.figures_panel(dataset, state), className="figures-panel"),
    ]
    cite = [
        html.H2(t(lang, "cite_title"), className="print-heading"),
        html.P(id=ids.CITATION, className="citation"),
        html.Button(t(lang, "copy"), id=ids.COPY_CITATION, n_clicks=0, className="button",
                    **{"data-copied": t(lang, "copied")}),
        html.Button(t(lang, "print_handout"), id=ids.PRINT, n_clicks=0, className="button"),
        html.P([t(lang, "permalink"), ": ", html.A(id=ids.PERMALINK, href="")], className="permalink"),
    ]
    panel = lambda key, id_, children: [html.H2(t(lang, key), className="print-heading"),  # noqa: E731
                                        html.Div(children, id=id_)]
    side = html.Aside([
        summary,
        tour_panel(tour, lang) if tour else None,
        filters(dataset, state),
        tabs(lang, {
            "figures": figures,
            "events": panel("timeline_title", ids.TIMELINE, panels.timeline_panel(dataset, state)),
            "sailings": panel("sailings_title", ids.SAILINGS, panels.sailings_panel(dataset, state)),
            "origins": panel("origins_title", ids.ORIGINS, panels.origins_panel(dataset, state)),
            "sources": panel("sources_title", ids.SOURCES, panels.sources_panel(dataset, state)),
            "cite": cite,
        }),
    ], className="side", **{"aria-label": t(lang, "side_label")})

    return [html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        html.A(t(lang, "skip_to_content"), href=f"#{ids.SUMMARY}", className="skip-link"),
        html.Header([
            html.H1(t(lang, "title")),
            html.P(t(lang, "subtitle"), className="subtitle"),
            html.Nav(language_links(lang), id=ids.LANG, className="lang-switch",
                     **{"aria-label": t(lang, "lang_label")}),
        ], className="topbar"),
        html.Ul(notice_items, id=ids.NOTICES, className="notices", role="alert") if notice_items
        else html.Ul(id=ids.NOTICES, className="notices"),
        html.Main([map_block, year_control(dataset, state, context.years, kiosk), side],
                  className=f"main mode-{state.mode}", lang=lang),
        dcc.Store(id=ids.YEAR_FRAMES),
        dcc.Store(id=ids.VIEW_FILTERS, data=filters_key(state)),
        dcc.Store(id=ids.MAP_REQUEST),
        kiosk_overlay(lang, idle_seconds) if kiosk else None,
    ], lang=lang, className=f"page-lang app mode-{state.mode}-page")]
