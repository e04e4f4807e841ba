"""The page: a static shell, and the panel built for one view and one language.

The shell holds only the URL and stores; ``build_page`` builds everything a visitor sees
for the view in the URL (called once per page load), after which callbacks patch it.
"""

from __future__ import annotations

from dash import dcc, html

from geodata import Dataset

from . import ids, panels
from .figures.bars import build_bar_figure
from .figures.map import MapGeometry, build_map_figure
from .i18n import t
from .state import LANGS, StateContext, ViewState

LANG_NAMES = {"en": "English", "ja": "日本語", "ko": "한국어"}
YEAR_MARKS = (1947, 1959, 1967, 1971, 1984)


def shell() -> html.Div:
    # The outer Location only triggers the first build of the page; the page holds its own
    # Location (ids.URL) so that every input of the view callback lives inside the page.
    return html.Div([
        dcc.Location(id=ids.SHELL_URL, refresh=False),
        dcc.Store(id=ids.VIEW),
        dcc.Store(id=ids.MAP_LAYER),
        html.Div(id=ids.PAGE, className="page"),
    ])


def region_options(dataset: Dataset, state: ViewState) -> list[dict]:
    """Regions a visitor can filter by: countries, Japan's regions and prefectures, and the
    Korean provinces of the chosen layer."""
    lang = state.lang
    korea = "kr_provinces_1945" if state.layer == "1945" else "kr_provinces_today"
    options = []
    for layer in ("countries", "jp_regions", "jp_prefectures", korea):
        gdf = dataset.layers[layer]
        for rid, name in sorted(zip(gdf["id"], gdf[f"name_{lang}"]), key=lambda p: p[0]):
            options.append({"label": name, "value": rid})
    # keep a selected region from the other Korean layer visible, so the filter is honest
    if state.region and state.region not in {o["value"] for o in options}:
        rows = dataset.regions[dataset.regions["id"] == state.region]
        if len(rows):
            options.append({"label": rows.iloc[0][f"name_{lang}"], "value": state.region})
    return options


def port_options(dataset: Dataset, lang: str) -> list[dict]:
    ports = dataset.places[dataset.places["kind"] != "other"]
    return [{"label": name, "value": pid} for pid, name in zip(ports["id"], ports[f"name_{lang}"])]


def year_slider(years: tuple[int, ...], state: ViewState, lang: str) -> dcc.RangeSlider:
    marks = {i: str(y) for i, y in enumerate(years) if y in YEAR_MARKS}
    return dcc.RangeSlider(
        id=ids.YEARS, min=0, max=len(years) - 1, step=1, allowCross=False,
        value=[years.index(state.year_from), years.index(state.year_to)], marks=marks,
        updatemode="mouseup", allow_direct_input=False,
    )


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


def _labelled(label: str, control, for_id: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=for_id, className="control-label"), control],
                    className="control")


def build_page(dataset: Dataset, geometry: MapGeometry, context: StateContext,
               state: ViewState, notices: list, tour=None, idle_seconds: int = 90) -> list:
    lang = state.lang
    kiosk = state.mode == "kiosk"
    years = context.years
    graph_config = {
        "topojsonURL": "/assets/topojson/",
        "displaylogo": False,
        "displayModeBar": False if kiosk else "hover",
        "scrollZoom": False,
        "doubleClick": False if kiosk else "reset",
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
        "locale": lang,
    }
    controls = html.Section([
        html.Fieldset([
            html.Legend(t(lang, "lang_label")),
            dcc.RadioItems(id=ids.LANG, value=lang, inline=True, className="lang-switch",
                           options=[{"label": LANG_NAMES[code], "value": code} for code in LANGS]),
        ], className="control"),
        html.Div([
            html.Label(t(lang, "years_label"), htmlFor=ids.YEARS, className="control-label"),
            html.Div([
                html.Button(t(lang, "play"), id=ids.PLAY, n_clicks=0, className="button play",
                            **{"aria-pressed": "false", "data-play": t(lang, "play"),
                               "data-pause": t(lang, "pause")}),
                html.Div(year_slider(years, state, lang), className="slider-wrap"),
            ], className="years-row"),
            dcc.Interval(id=ids.PLAY_INTERVAL, interval=1600, disabled=True),
        ], className="control years"),
        _labelled(t(lang, "region_label"), dcc.Dropdown(
            id=ids.REGION, options=region_options(dataset, state), value=state.region or None,
            placeholder=t(lang, "region_placeholder"), clearable=True, searchable=True), ids.REGION),
        _labelled(t(lang, "port_label"), dcc.Dropdown(
            id=ids.PORT, options=port_options(dataset, lang), value=state.port or None,
            placeholder=t(lang, "port_placeholder"), clearable=True, searchable=False), ids.PORT),
        html.Fieldset([
            html.Legend(t(lang, "layer_label")),
            dcc.RadioItems(id=ids.LAYER, value=state.layer, inline=True,
                           options=[{"label": t(lang, "layer_today"), "value": "today"},
                                    {"label": t(lang, "layer_1945"), "value": "1945"}]),
        ], className="control"),
        html.Button(t(lang, "clear_filters"), id=ids.CLEAR, n_clicks=0, className="button clear"),
    ], className="controls", **{"aria-label": "Controls"})

    notice_items = [html.Li(t(lang, "notice_adjusted", param=n.param, value=n.value, shown=n.shown) if n.shown
                            else t(lang, "notice_ignored", param=n.param, value=n.value)) for n in notices]
    map_block = html.Section([
        html.H2(t(lang, "map_title"), className="visually-hidden"),
        dcc.Graph(id=ids.MAP, figure=build_map_figure(dataset, geometry, state, kiosk),
                  config=graph_config, className="map-graph", responsive=True,
                  style={"height": "70vh" if kiosk else "64vh", "minHeight": "420px"}),
        html.Div([
            html.Button(t(lang, "reset_view"), id=ids.RESET_MAP, n_clicks=0, className="button"),
            html.Button(t(lang, "download_png"), id=ids.SAVE_PNG, n_clicks=0, className="button explore-only"),
            html.Button(t(lang, "download_svg"), id=ids.SAVE_SVG, n_clicks=0, className="button explore-only"),
        ], className="map-buttons"),
        panels.legend(lang, geometry.reference_persons),
    ], className="map-block")

    summary = html.P(id=ids.SUMMARY, className="summary", role="status", **{"aria-live": "polite"})
    chart = html.Section([
        html.H2(t(lang, "chart_title")),
        dcc.Graph(id=ids.BARS, figure=build_bar_figure(dataset, state, kiosk),
                  config={"displayModeBar": False, "displaylogo": False, "locale": lang}),
    ], className="chart-block")
    table = html.Section([
        html.H2(t(lang, "table_title"), id="table-heading"),
        html.Div(id=ids.TABLE, className="table-scroll", tabIndex="0", role="region",
                 **{"aria-labelledby": "table-heading"}),
        dcc.Store(id=ids.TABLE_SORT_STATE, data={"column": "year", "ascending": True}),
        html.Div([
            html.A(t(lang, "download_csv"), id=ids.DOWNLOAD_CSV, href="/export/flows.csv", className="button",
                   download="returns-flows.csv"),
            html.A(t(lang, "download_geojson"), id=ids.DOWNLOAD_GEOJSON, href="/export/flows.geojson",
                   className="button", download="returns-flows.geojson"),
            html.Button(t(lang, "print_handout"), id=ids.PRINT, n_clicks=0, className="button"),
        ], className="downloads explore-only"),
    ], className="table-block", **{"aria-labelledby": "table-heading"})
    cite = html.Section([
        html.H2(t(lang, "cite_title")),
        html.P(id=ids.CITATION, className="citation"),
        html.Button(t(lang, "copy"), id=ids.COPY_CITATION, n_clicks=0, className="button",
                    **{"data-copied": t(lang, "copied")}),
        html.P([t(lang, "permalink"), ": ", html.A(id=ids.PERMALINK, href="")], className="permalink"),
    ], className="cite-block")
    details = html.Div([
        html.Section([html.H2(t(lang, "timeline_title")), html.Div(id=ids.TIMELINE)]),
        html.Section([html.H2(t(lang, "sailings_title")), html.Div(id=ids.SAILINGS)]),
        html.Section([html.H2(t(lang, "origins_title")), html.Div(id=ids.ORIGINS)]),
        html.Section([html.H2(t(lang, "sources_title")), html.Div(id=ids.SOURCES)]),
    ], className="details")

    return [
        dcc.Location(id=ids.URL, refresh=False),
        html.A(t(lang, "skip_to_content"), href=f"#{ids.SUMMARY}", className="skip-link"),
        html.Header([html.H1(t(lang, "title")), html.P(t(lang, "subtitle"), className="subtitle")]),
        html.Ul(notice_items, id=ids.NOTICES, className="notices", role="alert") if notice_items
        else html.Ul(id=ids.NOTICES, className="notices"),
        html.Main([
            html.Div([controls, map_block], className="left"),
            html.Div([summary, tour_panel(tour, lang) if tour else None, chart, table, cite, details],
                     className="right"),
        ], className=f"main mode-{state.mode}", lang=lang),
        kiosk_overlay(lang, idle_seconds) if kiosk else None,
    ]
